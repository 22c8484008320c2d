"""What every export's records share: the article's meta, its quotes and sources as our JSONL
writes them (doccano and Label Studio carry the same beside their own labels), and the articles
an export takes. Nothing here tokenises: only the Prodigy records (`jsonl`) need spaCy's tokens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..models import ArticleAnnotations
from ..records import PersonEntry, QuoteEntry, StanceEntry
from ..store import Project
from ..team.selection import load, select


def article_meta(ann: ArticleAnnotations) -> dict:
    """The imported meta plus source, title, place, published, status and model (a Prodigy file's
    own `_input_hash` is not meta: `jsonl.article_record` writes it back as the record's)."""
    a = ann.article
    meta = {k: v for k, v in a.meta.items() if k != "_input_hash"}
    meta.update({"source": a.source, "title": a.title, "place": a.place,
                 "published": a.published.isoformat() if a.published else None, "status": a.status, "model": a.model})
    return meta


def quote_list(ann: ArticleAnnotations) -> list[dict]:
    """The article's quotes as `records.QuoteEntry` (the shape the importer reads back)."""
    persons = ann.persons
    name = lambda pid: persons[pid].name if pid in persons else None
    return [QuoteEntry(start=q.start, end=q.end, kind=q.kind, speaker=name(q.speaker_id),
                       speaker_kind=persons[q.speaker_id].kind if q.speaker_id in persons else None,
                       speaker_start=q.speaker_start, speaker_end=q.speaker_end,
                       cue_start=q.cue_start, cue_end=q.cue_end,
                       # a stance without a confidence (an annotator's) is written without the key
                       stances=[StanceEntry(**s.model_dump(exclude_none=True)) for s in q.stances], claim=q.claim,
                       claim_confidence=q.claim_confidence, checkworthy=q.checkworthy, note=q.note,
                       confidence=q.confidence, origin=q.origin, reviewed=q.reviewed).model_dump(exclude_unset=True)
            for q in ann.quotes]


def person_list(ann: ArticleAnnotations) -> list[dict]:
    """The article's sources: canonical name, aliases, kind, the organisation an unnamed source
    speaks for, and "article" as the scope of a source the article only describes."""
    persons = ann.persons
    return [PersonEntry(name=p.name, aliases=p.aliases, kind=p.kind,
                        org=persons[p.org_id].name if p.org_id in persons else None,
                        scope="article" if p.article_id is not None else "project").model_dump()
            for p in sorted(persons.values(), key=lambda p: (p.name, p.kind))]


def exported_articles(project: Project, include_all: bool = False,
                      progress: Callable[[int, int], None] | None = None) -> tuple[int, Iterator[ArticleAnnotations]]:
    """(how many, the articles) an export takes: those marked done (all with `include_all`), from
    the gold layer or, in a team project, the annotators' layers (`team.selection`)."""
    items = select(project, include_all).items

    def each() -> Iterator[ArticleAnnotations]:
        for i, (aid, layer) in enumerate(items, start=1):
            yield load(project, aid, layer)
            if progress:
                progress(i, len(items))
    return len(items), each()
