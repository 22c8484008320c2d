"""doccano JSONL, as doccano's sequence labelling projects with relations import and export it:

    {"id", "text", "entities": [{"id", "label", "start_offset", "end_offset"}],
     "relations": [{"id", "from_id", "to_id", "type": "SPEAKER"}], ...}

`entities` hold what an annotator reviewed: entities, QUOTE spans and, for a speaker mention that
is no entity ("he", "who"), a SPEAKER span so the relation has an end. Everything else rides
along in keys doccano keeps as an example's metadata and writes back on export: `meta`, `quotes`
(kind, cue, canonical speaker, stances, claim, check-worthy, review state), `persons` and
`suggestions` (entities nobody reviewed: not labels in doccano, still suggestions when read back).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..models import ArticleAnnotations
from ..records import DoccanoEntity, DoccanoRelation, DoccanoSuggestions
from ..store import Project
from ..validate import check_line
from .jsonl import write_lines
from .records import article_meta, person_list, quote_list


def doccano_record(ann: ArticleAnnotations) -> dict:
    """The article as one doccano line of ours (`records.DoccanoLine`: what the importer reads back)."""
    reviewed = lambda x: x.origin == "human" or x.reviewed
    ents: list[DoccanoEntity] = []
    rels: list[DoccanoRelation] = []
    by_span: dict[tuple[int, int], int] = {}

    def add(start: int, end: int, label: str) -> int:
        ents.append(DoccanoEntity(id=len(ents) + 1, label=label, start_offset=start, end_offset=end))
        return len(ents)

    for e in ann.entities:
        if reviewed(e) and (e.start, e.end) not in by_span:
            by_span[(e.start, e.end)] = add(e.start, e.end, e.label)
    for q in ann.quotes:
        if not reviewed(q):
            continue  # in `quotes`, marked unreviewed
        qid = add(q.start, q.end, "QUOTE")
        if q.speaker_start is not None:
            key = (q.speaker_start, q.speaker_end)
            if key not in by_span:
                by_span[key] = add(key[0], key[1], "SPEAKER")
            rels.append(DoccanoRelation(id=len(rels) + 1, from_id=qid, to_id=by_span[key], type="SPEAKER"))
    out = {"id": ann.article.id, "text": ann.article.text,
           "entities": [e.model_dump(exclude_unset=True) for e in ents],
           "relations": [r.model_dump(exclude_unset=True) for r in rels],
           "meta": article_meta(ann), "quotes": quote_list(ann), "persons": person_list(ann)}
    suggested = [DoccanoEntity(label=e.label, start_offset=e.start, end_offset=e.end, confidence=e.confidence)
                 for e in ann.entities if not reviewed(e)]
    if suggested:
        out["suggestions"] = DoccanoSuggestions(entities=suggested).model_dump(exclude_unset=True)
    return out


def export_doccano(project: Project, out: str | Path, include_all: bool = False, progress=None) -> int:
    return write_lines(project, out, include_all, lambda ann: json.dumps(doccano_record(ann), ensure_ascii=False),
                       progress, check=check_line)
