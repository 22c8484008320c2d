"""The record schemas (`annotator.records`) are the one contract of our JSONL, Prodigy and doccano
lines: what the exporters write is what the models read, and a line of the wrong shape is told in
the importers' words (which key, what is wrong)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from annotator.exporters.doccano import doccano_record
from annotator.exporters.jsonl import article_record
from annotator.records import MODELS, DoccanoLine, OurRecord, problem, record_kind


def test_what_the_exporters_write_is_what_the_models_read(interop):
    p, a1, a2 = interop
    for aid in (a1, a2):
        ann = p.load_article(aid)
        ours, doccano = article_record(ann), doccano_record(ann)
        assert (record_kind(ours), record_kind(doccano)) == ("ours", "doccano")
        # every key the exporters write is a field of the model (none rides along unread) ...
        rec, line = OurRecord.model_validate(ours), DoccanoLine.model_validate(doccano)
        assert set(rec.model_extra) <= {"_task_hash", "tokens"}  # Prodigy's, made again on export
        assert set(line.model_extra) == {"id"}  # doccano's own id for the line
        assert all(not q.model_extra for q in rec.quotes) and all(not s.model_extra for s in rec.spans)
        # ... and dumping the model gives back what was written
        assert [q.model_dump(exclude_unset=True) for q in rec.quotes] == ours["quotes"]
        assert [e.model_dump(exclude_unset=True) for e in line.entities] == doccano["entities"]
    assert len(OurRecord.model_validate(article_record(p.load_article(a1))).relations) == 2


@pytest.mark.parametrize("line, message", [
    ({"text": "x", "quotes": [{"start": 1.5, "end": 2}]}, "quotes[0].start must be an integer, got 1.5"),
    ({"text": "x", "quotes": [], "spans": {"a": 1}}, '"spans" must be a list'),
    ({"text": "x", "quotes": [], "persons": [{"name": "A", "kind": "robot"}]}, "persons[0].kind is an unknown kind"),
    ({"text": "x", "label": [[0, 1]]}, "label[0] must be [start, end, LABEL]"),
    ({"text": "x", "answer": "maybe"}, "answer must be accept, reject or ignore"),
])
def test_a_wrong_shape_is_told_by_key(line, message):
    with pytest.raises(ValidationError) as exc:
        MODELS[record_kind(line)].model_validate(line)
    assert problem(exc.value).startswith(message), problem(exc.value)
