"""doccano: our export is what doccano's sequence-labelling-with-relations import reads, and doccano's
own export (fixture written from its documented format, no extras of ours) reads back in full."""

from __future__ import annotations

import json

import pytest

from annotator.errors import ImportFailed
from annotator.exporters.doccano import export_doccano
from annotator.importers import import_paths
from annotator.store import Project
from tests.unit.conftest import INTEROP

FIXTURE = INTEROP / "doccano_relation_export.jsonl"


def _lines(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def doccano_accepts(rec: dict) -> None:
    """What doccano's JSONL(Relation) import needs of a line: a text; entities with an id, a label and
    start_offset < end_offset; relations whose from_id/to_id name entities of the line."""
    assert isinstance(rec["text"], str) and rec["text"]
    ids = set()
    for e in rec["entities"]:
        assert {"id", "label", "start_offset", "end_offset"} <= set(e) and e["label"]
        assert 0 <= e["start_offset"] < e["end_offset"] <= len(rec["text"])
        ids.add(e["id"])
    assert len(ids) == len(rec["entities"])
    for r in rec["relations"]:
        assert r["from_id"] in ids and r["to_id"] in ids and r["type"]


def as_doccano_exports_it(rec: dict) -> dict:
    """doccano keeps a line's other keys as the example's meta and writes them back at the top level
    beside id, text, entities, relations and Comments; entity and relation ids become its own."""
    out = {k: v for k, v in rec.items() if k not in ("entities", "relations", "id")}
    new_id = {e["id"]: 5000 + i for i, e in enumerate(rec["entities"])}
    out.update(id=77, Comments=[],
               entities=[{"id": new_id[e["id"]], "label": e["label"], "start_offset": e["start_offset"],
                          "end_offset": e["end_offset"]} for e in rec["entities"]],
               relations=[{"id": 900 + i, "from_id": new_id[r["from_id"]], "to_id": new_id[r["to_id"]],
                           "type": r["type"]} for i, r in enumerate(rec["relations"])])
    return out


def test_our_export_is_what_doccano_imports_and_reviewed_only(interop, tmp_path):
    p, a1, _ = interop
    out = tmp_path / "d.jsonl"
    assert export_doccano(p, out) == 1
    (rec,) = _lines(out)
    doccano_accepts(rec)
    text = rec["text"]
    labelled = sorted((e["label"], text[e["start_offset"]:e["end_offset"]]) for e in rec["entities"])
    assert labelled == [("GPE", "Accra"), ("PERSON", "Kofi Mensah"), ("QUOTE", "We will open two new clinics this year,"),
                        ("QUOTE", "nurses will be hired first"), ("SPEAKER", "He")]
    # "Ama Owusu" was never reviewed: not a doccano label, still a suggestion in our extras
    assert [text[e["start_offset"]:e["end_offset"]] for e in rec["suggestions"]["entities"]] == ["Ama Owusu"]


def test_our_export_through_doccano_and_back_keeps_everything(interop, tmp_path):
    p, a1, _ = interop
    out = tmp_path / "d.jsonl"
    export_doccano(p, out)
    (rec,) = _lines(out)
    back = tmp_path / "from_doccano.jsonl"
    back.write_text(json.dumps(as_doccano_exports_it(rec)) + "\n", encoding="utf-8")
    with Project.create(tmp_path / "b.annotator", p.scheme) as b:
        (aid,) = import_paths(b, [back]).article_ids
        got, want = b.load_article(aid), p.load_article(a1)
    assert got.article.status == "done"
    key_e = lambda a: sorted((e.start, e.end, e.label, e.reviewed) for e in a.entities)
    assert key_e(got) == key_e(want)  # 131 entities silently dropped, before
    key_q = lambda a: [(q.start, q.end, q.kind, q.cue_start, q.speaker_start, a.persons[q.speaker_id].name,
                        [(s.target, s.label) for s in q.stances], q.claim, q.checkworthy, q.note, q.reviewed)
                       for q in a.quotes]
    assert key_q(got) == key_q(want)


def test_doccanos_own_export_reads_in_full(project):
    res = import_paths(project, [FIXTURE])
    rail, lima = (project.load_article(i) for i in res.article_ids)
    text = rail.article.text
    assert rail.article.status == "done" and rail.article.meta == {"id": 4121} and rail.article.source == "kenya-wire"
    assert [(e.label, text[e.start:e.end], e.reviewed) for e in rail.entities] == [
        ("GPE", "Nairobi", True), ("PERSON", "Grace Wanjiru", True)]
    first, second = rail.quotes
    assert text[first.start:first.end].startswith("The new rail line") and first.reviewed
    assert rail.persons[first.speaker_id].name == "Grace Wanjiru"
    assert text[second.speaker_start:second.speaker_end] == "She" and second.speaker_id is None
    assert [(e.label, lima.article.text[e.start:e.end]) for e in lima.entities] == [("GPE", "Lima"), ("GPE", "Peru")]


@pytest.mark.parametrize("change, message", [
    (lambda r: r["relations"][0].update(type="WORKS_FOR"), "is not SPEAKER"),
    (lambda r: r["relations"][0].update(to_id=1), "from_id/to_id must name entities"),
    (lambda r: r["relations"][0].update(from_id=9003, to_id=9002), "is not a QUOTE span"),
    (lambda r: r["entities"][0].update(end_offset=999), "out of range"),
])
def test_a_line_we_cannot_read_fully_is_refused(project, tmp_path, change, message):
    good, other = _lines(FIXTURE)
    change(good)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(other) + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match=message) as err:
        import_paths(project, [bad])
    assert "bad.jsonl:2" in str(err.value) and "\n" not in str(err.value)
    assert project.count_articles() == 0
