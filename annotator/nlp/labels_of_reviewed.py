"""Which labels a corpus gets from an article: what an annotator reviewed, nothing else.

An entity or quote is a label when an annotator made it, changed it or confirmed it. Entity tags:
the reviewed entities; every other token *missing* (spaCy leaves it out of the NER's loss) unless
someone reviewed every entity of the article, in which case the rest is outside (O). "No entity
here" said of words nobody looked at would teach the recogniser to miss names.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from ..models import Entity

if TYPE_CHECKING:
    from .corpus_format import Manifest


def reviewed(item) -> bool:
    """A label an annotator made or confirmed (not a suggestion nobody looked at)."""
    return item.origin == "human" or bool(item.reviewed)


def resolve_overlaps(entities: list) -> tuple[list, list]:
    """spaCy's `doc.ents` cannot overlap. Keep human-reviewed over model, then the longer span,
    then the earlier one; returns (kept, dropped)."""
    order = sorted(entities, key=lambda e: (not (e.origin == "human" or e.reviewed), -(e.end - e.start), e.start))
    kept: list[Entity] = []  # disjoint, sorted by start: an overlap can only be with a neighbour
    starts: list[int] = []
    dropped: list[Entity] = []
    for e in order:
        i = bisect.bisect_left(starts, e.start)
        if (i > 0 and kept[i - 1].end > e.start) or (i < len(kept) and kept[i].start < e.end):
            dropped.append(e)
        else:
            kept.insert(i, e)
            starts.insert(i, e.start)
    return kept, dropped


def char_span(doc: Doc, start: int | None, end: int | None, label: str) -> Span | None:
    if start is None or end is None:
        return None
    return doc.char_span(start, end, label=label, alignment_mode="contract") or \
        doc.char_span(start, end, label=label, alignment_mode="expand")


def tag_entities(doc: Doc, entities: list, partial: bool, m: "Manifest") -> list[Span]:
    """Set `doc`'s entity tags from the reviewed `entities` (see module doc); `partial`: nobody
    can say every entity was reviewed (an annotator's layer). Counts go to the manifest."""
    labels = [e for e in entities if reviewed(e)]
    m.entities_unreviewed += len(entities) - len(labels)
    complete = bool(entities) and len(labels) == len(entities) and not partial
    kept, dropped = resolve_overlaps(labels)
    m.overlapping_entities_dropped += len(dropped)
    ents, unknown = [], []
    for e in kept:
        sp = char_span(doc, e.start, e.end, e.label)
        # `kept` is disjoint and sorted, so only the entity before can share a token with this one
        if sp is None or (ents and sp.start < ents[-1].end):
            m.misaligned_spans_dropped += 1
            if sp is not None:
                unknown.append(sp)  # a reviewed entity we cannot place: its tokens are no negatives
            continue
        ents.append(sp)
        m.entities[e.label] += 1
    unknown = [u for u in unknown if not any(u.start < x.end and x.start < u.end for x in ents)]
    doc.set_ents(ents, missing=unknown if complete else None, default="outside" if complete else "missing")
    return ents
