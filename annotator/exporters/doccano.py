"""doccano JSONL (sequence labelling with relations): entities plus QUOTE spans, SPEAKER relations.

    {"id", "text", "entities": [{"id", "label", "start_offset", "end_offset"}],
     "relations": [{"id", "from_id", "to_id", "type": "SPEAKER"}], "meta", "quotes"}

A speaker mention that is not an entity ("he", "who") becomes a SPEAKER span so the relation has
an end. Stances and claims ride along in `quotes` (doccano keeps unknown keys as metadata).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..models import ArticleAnnotations
from ..store import Project
from .jsonl import article_record, write_lines


def doccano_record(ann: ArticleAnnotations) -> dict:
    rec = article_record(ann)
    ents, rels, by_span = [], [], {}
    for e in ann.entities:
        by_span[(e.start, e.end)] = len(ents) + 1
        ents.append({"id": len(ents) + 1, "label": e.label, "start_offset": e.start, "end_offset": e.end})
    for q in ann.quotes:
        qid = len(ents) + 1
        ents.append({"id": qid, "label": "QUOTE", "start_offset": q.start, "end_offset": q.end})
        if q.speaker_start is not None:
            key = (q.speaker_start, q.speaker_end)
            if key not in by_span:
                by_span[key] = len(ents) + 1
                ents.append({"id": by_span[key], "label": "SPEAKER", "start_offset": key[0], "end_offset": key[1]})
            rels.append({"id": len(rels) + 1, "from_id": qid, "to_id": by_span[key], "type": "SPEAKER"})
    return {"id": ann.article.id, "text": ann.article.text, "entities": ents, "relations": rels,
            "meta": rec["meta"], "quotes": rec["quotes"]}


def export_doccano(project: Project, out: str | Path, include_all: bool = False, progress=None) -> int:
    return write_lines(project, out, include_all, lambda ann: json.dumps(doccano_record(ann), ensure_ascii=False),
                       progress)
