"""JSON Lines: Prodigy's tasks, doccano's export, and our own export (read back unchanged).

Per line, the format is recognised by its keys:
- doccano: `label` as [[start, end, LABEL], ...], or `entities` with `start_offset`/`end_offset` and
  `relations` (`from_id`, `to_id`, `type`); QUOTE entities are quotes, a SPEAKER relation links a
  quote to its speaker's mention. Its labels are an annotator's work: reviewed. Our own doccano
  export adds `quotes` (kind, cue, speaker name, stances, claim) and `suggestions`, which doccano
  keeps as metadata and this reader merges back;
- ours: a `quotes` list (what `annotator export jsonl` writes; origin, review state and status kept);
- Prodigy: `text`, `meta`, optional `spans` (QUOTE spans are quotes; SPEAKER spans only anchor a
  relation) and `relations` labelled SPEAKER from a quote to its speaker, found by `head_span` /
  `child_span` or else by `head`/`child`, the last token of each span. `answer`: "accept" is
  reviewed work (the article is done); "reject" and "ignore" are imported as such: the article is
  skipped, its spans stay suggestions, and the answer is kept in meta. No answer: suggestions.
Every line is read through its format's record model (`annotator.records`: the shapes the
exporters write); anything a reader cannot represent (another relation label, an answer Prodigy
does not have) is refused with the line's number, never dropped silently.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..limits import MAX_DEPTH, check_value, may_hold_bad_chars
from ..models import SOURCE_KINDS, ArticleDraft, Entity, Person, Quote, Stance, Status, quick_entity
from ..records import (MODELS, QUOTE_LABELS, RELATION_ONLY, DoccanoLine, OurRecord, PersonEntry, ProdigyTask,
                       QuoteEntry, problem, record_kind)
from .base import fail, read_text

# A speaker mention that names nobody by itself: the quote keeps the mention, the person stays open.
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "him", "her", "them", "his",
            "its", "their", "one", "this"}
# Keys our exporter puts into meta that are article fields, not imported meta.
ARTICLE_META = ("title", "place", "published", "status", "source", "model")
ANSWERS = {"accept": Status.DONE, "reject": Status.SKIPPED, "ignore": Status.SKIPPED}


def speaker_name(mention: str) -> str | None:
    words = mention.strip().split()
    if not words or (len(words) == 1 and words[0].lower().strip(".,") in PRONOUNS) or words[0][:1].islower():
        return None
    return mention.strip()


class _Persons:
    """Draft-local source keys by canonical name (and kind: "Coles" the chain and a Mr Coles differ)."""

    def __init__(self, listed: list[PersonEntry] = ()):
        self.names: dict[int, Person] = {}
        self.by_name: dict[tuple[str, str], int] = {}
        self.listed = {p.name: {"aliases": [str(a) for a in p.aliases], "kind": p.kind or "person",
                                "org": p.org if isinstance(p.org, str) else None, "local": p.scope == "article"}
                       for p in listed}
        self.local: set[int] = set()
        self.orgs: dict[int, str] = {}

    def key(self, name: str | None, kind: str | None = None) -> int | None:
        if not name:
            return None
        info = self.listed.get(name, {})
        kind = kind or info.get("kind") or "person"
        if kind not in SOURCE_KINDS:
            raise ValueError(f"unknown speaker kind {kind!r} (one of {', '.join(SOURCE_KINDS)})")
        if (name, kind) not in self.by_name:
            k = len(self.by_name) + 1
            self.by_name[(name, kind)] = k
            self.names[k] = Person(name=name, aliases=info.get("aliases", []), kind=kind)
            if info.get("local"):
                self.local.add(k)
            if info.get("org"):
                self.orgs[k] = info["org"]
        return self.by_name[(name, kind)]


def _quote(q: QuoteEntry, persons: _Persons) -> Quote:
    return Quote(start=q.start, end=q.end, kind=q.kind or "direct", cue_start=q.cue_start, cue_end=q.cue_end,
                 speaker_id=persons.key(q.speaker, q.speaker_kind), speaker_start=q.speaker_start,
                 speaker_end=q.speaker_end, stances=[Stance(**st.model_dump()) for st in q.stances], claim=q.claim,
                 claim_confidence=q.claim_confidence, checkworthy=q.checkworthy, note=q.note or "",
                 origin=q.origin, confidence=q.confidence, reviewed=q.reviewed)


def _ours(rec: OurRecord, persons: _Persons) -> tuple[list[Entity], list[Quote]]:
    ents = [quick_entity(sp.start, sp.end, str(sp.label), persons.key(sp.person), sp.origin, sp.confidence,
                         sp.reviewed)
            for sp in rec.spans
            # the quotes and speaker mentions relations point to: `quotes` holds them
            if str(sp.label) not in QUOTE_LABELS | RELATION_ONLY]
    return ents, [_quote(q, persons) for q in rec.quotes]


class _Spans:
    """Labelled spans of one record, sorted into entities, quotes and relation anchors."""

    def __init__(self, text: str, persons: _Persons, reviewed: bool):
        self.text, self.persons, self.reviewed = text, persons, reviewed
        self.ents: list[Entity] = []
        self.quotes: dict[tuple[int, int], Quote] = {}
        self.anchors: set[tuple[int, int]] = set()

    def add(self, s: int, e: int, label: str, confidence: float | None = None) -> None:
        origin = "human" if self.reviewed else "model"
        if label in QUOTE_LABELS:
            self.quotes.setdefault((s, e), Quote(start=s, end=e, origin=origin, reviewed=self.reviewed,
                                                 confidence=confidence))
        elif label in RELATION_ONLY:
            self.anchors.add((s, e))
        else:
            self.ents.append(quick_entity(s, e, label, None, origin, confidence, self.reviewed))
            self.anchors.add((s, e))

    def speaker(self, where: str, quote: tuple[int, int], mention: tuple[int, int]) -> None:
        q = self.quotes.get(quote)
        if q is None:
            raise ValueError(f"{where}: its head ({quote[0]}-{quote[1]}) is not a QUOTE span")
        if mention not in self.anchors:
            raise ValueError(f"{where}: its child ({mention[0]}-{mention[1]}) is not one of the spans")
        q.speaker_start, q.speaker_end = mention
        q.speaker_id = self.persons.key(speaker_name(self.text[mention[0]:mention[1]]))


def _speaker_relation(label: Any, i: int, key: str) -> None:
    if str(label).upper() != "SPEAKER":
        raise ValueError(f"relations[{i}]: {key} {label!r} is not SPEAKER, the one relation a project keeps")


def _doccano(rec: DoccanoLine, persons: _Persons) -> tuple[list[Entity], list[Quote]]:
    spans = _Spans(rec.text, persons, reviewed=True)  # doccano's labels are an annotator's
    by_id: dict[Any, tuple[int, int]] = {}
    for s, e, label in rec.label:
        spans.add(s, e, str(label))
    for item in rec.entities:
        spans.add(item.start_offset, item.end_offset, str(item.label))
        if item.id is not None:
            by_id[item.id] = (item.start_offset, item.end_offset)
    for i, rel in enumerate(rec.relations):
        _speaker_relation(rel.type, i, "type")
        ends = [by_id.get(rel.from_id), by_id.get(rel.to_id)]
        if None in ends:
            raise ValueError(f"relations[{i}]: from_id/to_id must name entities of this line")
        spans.speaker(f"relations[{i}]", ends[0], ends[1])
    model = _Spans(rec.text, persons, reviewed=False)  # what our own export wrote as unreviewed
    for item in rec.suggestions.entities:
        model.add(item.start_offset, item.end_offset, str(item.label), item.confidence)
    quotes = dict(spans.quotes)
    for i, q in enumerate(rec.quotes):  # our extras: labels doccano has no place for
        extra = _quote(q, persons)
        if (q.start, q.end) in quotes:
            mine = quotes[(q.start, q.end)]
            quotes[(q.start, q.end)] = extra.model_copy(update={
                "origin": mine.origin, "reviewed": True, "speaker_start": mine.speaker_start,
                "speaker_end": mine.speaker_end, "speaker_id": extra.speaker_id or mine.speaker_id})
        elif not extra.reviewed:
            quotes[(q.start, q.end)] = extra  # a suggestion, kept as one
        else:
            raise ValueError(f"quotes[{i}]: reviewed quote {q.start}-{q.end} has no QUOTE entity (edited in doccano?)")
    return spans.ents + model.ents, sorted(quotes.values(), key=lambda q: (q.start, q.end))


def _prodigy(rec: ProdigyTask, persons: _Persons) -> tuple[list[Entity], list[Quote]]:
    spans = _Spans(rec.text, persons, reviewed=rec.answer == "accept")
    by_token_end: dict[int, tuple[int, int]] = {}
    for sp in rec.spans:
        spans.add(sp.start, sp.end, str(sp.label))
        if isinstance(sp.token_end, int):
            by_token_end.setdefault(sp.token_end, (sp.start, sp.end))
    for i, rel in enumerate(rec.relations):
        _speaker_relation(rel.label, i, "label")
        ends = []
        for span, key in ((rel.head_span, "head"), (rel.child_span, "child")):
            if span is not None:
                ends.append((span.start, span.end))
            elif isinstance(getattr(rel, key), int) and getattr(rel, key) in by_token_end:
                ends.append(by_token_end[getattr(rel, key)])  # Prodigy's convention: the span's last token
            else:
                raise ValueError(f"relations[{i}]: {key} {getattr(rel, key)!r} is the last token of no span")
        spans.speaker(f"relations[{i}]", ends[0], ends[1])
    return spans.ents, sorted(spans.quotes.values(), key=lambda q: (q.start, q.end))


def parse_record(obj: Any) -> ArticleDraft:
    if not isinstance(obj, dict):
        raise ValueError(f"each line must be a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("missing or empty \"text\"")
    kind = record_kind(obj)
    if kind == "prodigy" and ("label" in obj or "accept" in obj or "options" in obj):
        raise ValueError("a Prodigy classification or choice task (label/accept/options): a project has no "
                         "article-level categories to keep it in")
    try:
        rec = MODELS[kind].model_validate(obj)
    except ValidationError as exc:
        raise ValueError(problem(exc)) from None
    meta = dict(rec.meta)
    persons = _Persons(rec.persons)
    if isinstance(obj.get("_input_hash"), int):
        meta["_input_hash"] = obj["_input_hash"]  # Prodigy's identity of the text, written back on export
    if kind == "doccano":
        ents, quotes = _doccano(rec, persons)
        # doccano keeps a line's other keys as metadata and writes them back at the top level
        meta.update({k: v for k, v in obj.items() if k not in DOCCANO_KEYS and not (k == "Comments" and not v)})
        status = Status(meta.pop("status", Status.DONE.value if ents or quotes else Status.NEW.value))
    elif kind == "ours":
        ents, quotes = _ours(rec, persons)
        status = Status(meta.pop("status", "new"))
    else:
        ents, quotes = _prodigy(rec, persons)
        status = ANSWERS.get(rec.answer, Status.NEW)
        if rec.answer in ("reject", "ignore"):
            meta["answer"] = rec.answer
    published = meta.pop("published", None)
    if published is not None:
        published = date.fromisoformat(str(published)[:10])
    return ArticleDraft(title=meta.pop("title", None), place=meta.pop("place", None), text=text,
                        source=meta.pop("source", None), published=published, model=meta.pop("model", None),
                        meta=meta, status=status,
                        entities=ents, quotes=quotes, persons=persons.names, article_sources=persons.local,
                        org_names=persons.orgs)


def _no_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


DOCCANO_KEYS = ("text", "label", "entities", "relations", "meta", "quotes", "persons", "suggestions", "_input_hash")


def read_jsonl(path: Path, encoding: str | None = None) -> list[ArticleDraft]:
    drafts = [d for n, line in enumerate(jsonl_lines(path, encoding), start=1) if (d := parse_line(path, n, line))]
    if not drafts:
        raise fail(path, None, "no records in this file")
    return drafts


def jsonl_lines(path: Path, encoding: str | None = None) -> list[str]:
    """The file's lines (line n at index n - 1), the file read and decoded as every importer does."""
    return read_text(path, encoding).split("\n")


def parse_line(path: Path, n: int, line: str) -> ArticleDraft | None:
    """Line `n` of `path` as a draft (None for a blank line), or FILE:LINE: what is wrong."""
    if not line.strip():
        return None
    try:
        obj = json.loads(line, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise fail(path, n, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:  # the same limit check_draft sets on what does parse
        raise fail(path, n, f"nested more than {MAX_DEPTH} levels deep") from None
    except ValueError as exc:  # NaN, Infinity; a number of more than 4,300 digits
        raise fail(path, n, f"not valid JSON ({str(exc).splitlines()[0][:120]})") from None
    try:
        check_value(obj, "record", may_hold_bad_chars(line))  # NUL, lone surrogates, nesting: before anything reads it
        d = parse_record(obj)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise fail(path, n, f"{'.'.join(map(str, err['loc'])) or 'record'}: {err['msg']}") from None
    except (ValueError, TypeError, KeyError) as exc:
        raise fail(path, n, str(exc)) from None
    d.line = n
    d.source = d.source or path.name
    return d
