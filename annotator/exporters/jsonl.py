"""Our JSONL export: Prodigy-style records plus a `quotes` list (the contract other tools read).

One line per article:
  text, meta (imported meta + source, title, place, published, status, model),
  spans      entities: start, end, label, token_start, token_end (inclusive, as Prodigy), person,
             origin, confidence, reviewed
  relations  label SPEAKER from a quote span (head) to its speaker mention (child)
  quotes     start, end (the quoted words, marks excluded), kind, speaker (canonical name or null),
             speaker_kind (person, organisation, group, unnamed, document or null),
             speaker_start/end, cue_start/end, stances, claim, checkworthy, note, confidence,
             origin, reviewed
  persons    the article's sources: canonical name, aliases, kind, org (the organisation an
             unnamed source speaks for), scope ("article" for a source the article only describes)
`annotator import` reads this back unchanged.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

from ..fsutil import atomic_file
from ..models import ArticleAnnotations
from ..store import Project


@lru_cache(maxsize=1)
def _tokenizer():
    # spaCy's English tokenizer rules, without any statistical model: token indices then agree
    # with what `spacy.blank("en")` and the trained pipelines produce.
    import spacy

    return spacy.blank("en").tokenizer


class TokenIndex:
    """Character offset -> token index for one text."""

    def __init__(self, text: str):
        doc = _tokenizer()(text)
        self.starts = [t.idx for t in doc]

    def token_at(self, char: int) -> int:
        return max(bisect.bisect_right(self.starts, char) - 1, 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.token_at(start), self.token_at(max(end - 1, start))


# The label of a speaker mention (a relation's child span) by the kind of source it names.
KIND_LABEL = {"person": "PERSON", "organisation": "ORG", "group": "GROUP", "unnamed": "UNNAMED",
              "document": "DOCUMENT"}


def article_record(ann: ArticleAnnotations) -> dict:
    a = ann.article
    tok = TokenIndex(a.text)
    name = lambda pid: ann.persons[pid].name if pid in ann.persons else None
    kind = lambda pid: ann.persons[pid].kind if pid in ann.persons else None
    meta = dict(a.meta)
    meta.update({"source": a.source, "title": a.title, "place": a.place,
                 "published": a.published.isoformat() if a.published else None, "status": a.status, "model": a.model})
    spans = []
    for e in ann.entities:
        ts, te = tok.span(e.start, e.end)
        spans.append({"start": e.start, "end": e.end, "label": e.label, "token_start": ts, "token_end": te,
                      "person": name(e.person_id), "origin": e.origin, "confidence": e.confidence,
                      "reviewed": e.reviewed})
    relations, quotes = [], []
    for q in ann.quotes:
        if q.speaker_start is not None:
            hs, he = tok.span(q.start, q.end)
            cs, ce = tok.span(q.speaker_start, q.speaker_end)
            relations.append({
                "head": hs, "child": cs, "label": "SPEAKER",
                "head_span": {"start": q.start, "end": q.end, "token_start": hs, "token_end": he, "label": "QUOTE"},
                "child_span": {"start": q.speaker_start, "end": q.speaker_end, "token_start": cs, "token_end": ce,
                               "label": KIND_LABEL.get(kind(q.speaker_id), "PERSON")},
            })
        quotes.append({"start": q.start, "end": q.end, "kind": q.kind, "speaker": name(q.speaker_id),
                       "speaker_kind": kind(q.speaker_id),
                       "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
                       "cue_start": q.cue_start, "cue_end": q.cue_end,
                       "stances": [s.model_dump(exclude_none=True) for s in q.stances], "claim": q.claim,
                       "claim_confidence": q.claim_confidence,
                       "checkworthy": q.checkworthy, "note": q.note, "confidence": q.confidence,
                       "origin": q.origin, "reviewed": q.reviewed})
    persons = [{"name": p.name, "aliases": p.aliases, "kind": p.kind, "org": name(p.org_id),
                "scope": "article" if p.article_id is not None else "project"}
               for p in sorted(ann.persons.values(), key=lambda p: (p.name, p.kind))]
    return {"text": a.text, "meta": meta, "spans": spans, "relations": relations, "quotes": quotes,
            "persons": persons}


def iter_records(project: Project, include_all: bool = False) -> Iterator[dict]:
    from ..team.selection import load, select

    for aid, layer in select(project, include_all).items:
        yield article_record(load(project, aid, layer))


def write_lines(project: Project, out: str | Path, include_all: bool, line: Callable[[ArticleAnnotations], str],
                progress: Callable[[int, int], None] | None = None) -> int:
    """Write one line per article, all or nothing (a temporary sibling renamed over `out` at the end)."""
    from ..team.selection import load, select

    items = select(project, include_all).items  # gold, else one annotator's layer (team projects)
    with atomic_file(out) as fh:
        for i, (aid, layer) in enumerate(items, start=1):
            fh.write(line(load(project, aid, layer)) + "\n")
            if progress:
                progress(i, len(items))
    return len(items)


def export_jsonl(project: Project, out: str | Path, include_all: bool = False,
                 progress: Callable[[int, int], None] | None = None) -> int:
    """Our JSONL (see module doc); returns the number of lines written."""
    return write_lines(project, out, include_all, lambda ann: json.dumps(article_record(ann), ensure_ascii=False),
                       progress)
