"""Quotes of several annotators lined up into *units*: the same quote as each annotator marked it.

Two quotes are the same quote when the words they share are at least 60% of the longer one's
words (words as `\\w+` runs, counted by position), as the quality benchmark matches
(`benchmarks/quotes.py`); pairs are matched one to one, largest overlap first. Units are built
annotator by annotator in name order: each quote joins the unit whose first quote it matches
best, or opens a new one. A unit has at most one quote per annotator, and its anchor (the span of
its first quote) identifies it for adjudication. Everything here is deterministic.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

WORD = re.compile(r"\w+")
MIN_OVERLAP = 0.6
NO_QUOTE = "(no quote)"


def words(text: str, start: int, end: int) -> frozenset[int]:
    return frozenset(m.start() + start for m in WORD.finditer(text, start, end))


def overlap(a: frozenset, b: frozenset) -> tuple[float, int]:
    """(shared words / words of the longer, shared words)."""
    shared = len(a & b)
    longer = max(len(a), len(b))
    return (shared / longer if longer else 0.0), shared


def match(a: Sequence[frozenset], b: Sequence[frozenset], min_overlap: float = MIN_OVERLAP) -> list[tuple[int, int]]:
    """One-to-one (i, j) pairs whose overlap is at least `min_overlap`, largest overlap first."""
    cands = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            share, shared = overlap(x, y)
            if shared and share >= min_overlap:
                cands.append((-share, -shared, i, j))
    cands.sort()
    pairs, used_a, used_b = [], set(), set()
    for _, _, i, j in cands:
        if i not in used_a and j not in used_b:
            pairs.append((i, j))
            used_a.add(i)
            used_b.add(j)
    return pairs


@dataclass
class Unit:
    start: int  # the anchor: the span of the unit's first quote
    end: int
    members: dict[str, Any] = field(default_factory=dict)  # annotator -> their quote
    words: frozenset = frozenset()


def build_units(text: str, quotes_by_annotator: dict[str, Sequence[Any]],
                word_sets: dict[str, Sequence[frozenset]] | None = None) -> list[Unit]:
    """Units over every annotator's quotes (anything with `start` and `end`), in text order
    (`word_sets`: each quote's `words`, when the caller has them already)."""
    units: list[Unit] = []
    for name in sorted(quotes_by_annotator):
        qs = list(quotes_by_annotator[name])
        qw = list(word_sets[name]) if word_sets else [words(text, q.start, q.end) for q in qs]
        pairs = match(qw, [u.words for u in units])
        joined = set()
        for i, j in pairs:
            units[j].members[name] = qs[i]
            joined.add(i)
        for i, q in enumerate(qs):
            if i not in joined:
                units.append(Unit(q.start, q.end, {name: q}, qw[i]))
    return sorted(units, key=lambda u: (u.start, u.end))


# --- the fields compared and adjudicated, per quote -------------------------------------------------

def fields(scheme) -> list[str]:
    """The rows of a unit: its span, speaker, stance toward each target, claim, check-worthy."""
    out = ["span", "speaker", *(f"stance:{t}" for t in scheme.stance_targets), "claim"]
    if scheme.checkworthy:
        out.append("checkworthy")
    return out


def field_label(fld: str) -> str:
    """A field as people read it: "stance: Higher taxes", "check-worthy"."""
    return fld.replace("stance:", "stance: ").replace("checkworthy", "check-worthy")


def _stances(q) -> dict[str, str]:
    raw = q.stances
    if isinstance(raw, str):
        raw = json.loads(raw)
    return {(s["target"] if isinstance(s, dict) else s.target): (s["label"] if isinstance(s, dict) else s.label)
            for s in raw}


def value(q, fld: str, scheme) -> Any:
    """An annotator's value of one field of their quote, as agreement compares it: the span with its
    kind; the speaker's person id (None: unknown speaker); the stance label toward the target (no
    stance counts as NONE when the scheme has NONE, as training reads it); the claim type (None: no
    claim type); check-worthy (unset counts as not check-worthy)."""
    if q is None:
        return NO_QUOTE
    if fld == "span":
        return (q.start, q.end, q.kind)
    if fld == "speaker":
        return q.speaker_id
    if fld.startswith("stance:"):
        default = "NONE" if "NONE" in scheme.stance_labels else None
        return _stances(q).get(fld.split(":", 1)[1], default)
    if fld == "claim":
        return q.claim
    if fld == "checkworthy":
        return bool(q.checkworthy)
    raise KeyError(fld)


def values(unit: Unit, fld: str, scheme, annotators: Sequence[str]) -> dict[str, Any]:
    return {a: value(unit.members.get(a), fld, scheme) for a in annotators}


def disagrees(unit: Unit, fld: str, scheme, annotators: Sequence[str]) -> bool:
    """Whether the annotators who finished the article gave this field different values (a quote
    one of them did not mark is a disagreement about the span, and about nothing else)."""
    vals = values(unit, fld, scheme, annotators)
    if fld != "span":
        vals = {a: v for a, v in vals.items() if unit.members.get(a) is not None}
    return len(set(map(repr, vals.values()))) > 1
