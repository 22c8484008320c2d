"""Label Studio: our tasks and config agree with each other as Label Studio requires, and Label Studio's
own JSON export (fixture written from its documented format) reads back: entities, quotes, kind,
cue, speakers, stances, claims, notes; annotations as reviewed work, predictions as suggestions."""

from __future__ import annotations

import json
import xml.dom.minidom

import pytest

from annotator.errors import ImportFailed
from annotator.exporters.labelstudio import export_labelstudio
from annotator.importers import import_paths
from annotator.store import Project
from tests.unit.conftest import INTEROP

FIXTURE = INTEROP / "labelstudio_export.json"


def config_controls(xml_text: str) -> dict:
    """The labelling config's controls: name -> (tag, allowed values)."""
    dom = xml.dom.minidom.parseString(xml_text)
    out = {}
    for tag in ("Labels", "Choices", "TextArea"):
        for el in dom.getElementsByTagName(tag):
            child = {"Labels": "Label", "Choices": "Choice"}.get(tag)
            values = {c.getAttribute("value") for c in el.getElementsByTagName(child)} if child else None
            out[el.getAttribute("name")] = (tag, values)
    out["relations"] = ("Relations", {r.getAttribute("value") for r in dom.getElementsByTagName("Relation")})
    return out


def test_tasks_use_only_what_the_config_declares(interop, tmp_path):
    p, a1, _ = interop
    out = tmp_path / "ls.json"
    assert export_labelstudio(p, out, include_all=True) == 2
    tasks = json.loads(out.read_text(encoding="utf-8"))
    controls = config_controls((tmp_path / "ls.json.config.xml").read_text(encoding="utf-8"))
    t1 = next(t for t in tasks if t["id"] == a1)
    (ann,), (pred,) = t1["annotations"], t1["predictions"]
    for result in (ann["result"], pred["result"]):
        regions = {r["id"] for r in result if r["type"] == "labels"}
        for r in result:
            if r["type"] == "relation":
                assert r["from_id"] in regions and r["to_id"] in regions
                assert set(r["labels"]) <= controls["relations"][1]
                continue
            tag, values = controls[r["from_name"]]
            assert {"labels": "Labels", "choices": "Choices", "textarea": "TextArea"}[r["type"]] == tag
            if r["type"] == "labels":
                assert set(r["value"]["labels"]) <= values
                assert t1["data"]["text"][r["value"]["start"]:r["value"]["end"]] == r["value"]["text"]
            elif r["type"] == "choices":
                assert set(r["value"]["choices"]) <= values and r["id"] in regions  # per-region
            else:
                assert r["id"] in regions
    by_name = {}
    for r in ann["result"]:
        by_name.setdefault(r.get("from_name") or r["labels"][0], []).append(r)
    assert [r["value"]["choices"] for r in by_name["kind"]] == [["direct"], ["partial"]]
    assert [r["value"]["text"] for r in by_name["speaker"]] == [["Kofi Mensah"], ["Kofi Mensah"]]
    assert [r["value"]["text"] for r in by_name["note"]] == [["check the budget"]]
    assert len(by_name["CUE"]) == 2 and len(by_name["SPEAKER"]) == 2
    assert [r["value"]["text"] for r in pred["result"]] == ["Ama Owusu"]  # never reviewed: a prediction


def as_labelstudio_exports_it(tasks: list[dict]) -> list[dict]:
    """Label Studio's export of imported tasks: its own ids and bookkeeping around the same results."""
    out = []
    for i, t in enumerate(tasks, start=1):
        anns = [{"id": 500 + i, "completed_by": 1, "result": a["result"], "was_cancelled": a.get("was_cancelled", False),
                 "ground_truth": False, "created_at": "2025-05-01T09:00:00Z", "updated_at": "2025-05-01T09:05:00Z",
                 "lead_time": 12.0, "task": 100 + i, "project": 3} for a in t["annotations"]]
        preds = [{"id": 700 + i, "model_version": p["model_version"], "score": p.get("score"), "result": p["result"],
                  "task": 100 + i, "project": 3} for p in t["predictions"]]
        out.append({"id": 100 + i, "annotations": anns, "predictions": preds, "data": t["data"], "meta": {},
                    "inner_id": i, "total_annotations": len(anns), "project": 3, "drafts": []})
    return out


def test_our_tasks_through_label_studio_and_back(interop, tmp_path):
    p, a1, a2 = interop
    out = tmp_path / "ls.json"
    export_labelstudio(p, out, include_all=True)
    back = tmp_path / "from_ls.json"
    back.write_text(json.dumps(as_labelstudio_exports_it(json.loads(out.read_text(encoding="utf-8")))),
                    encoding="utf-8")
    with Project.create(tmp_path / "b.annotator", p.scheme) as b:
        ids = import_paths(b, [back]).article_ids  # a JSON list, not JSON lines: read as Label Studio's
        got, want = b.load_article(ids[0]), p.load_article(a1)
        assert b.get_article(ids[1]).status == "skipped"
    assert (got.article.status, got.article.title) == ("done", "Clinics")
    key_e = lambda a: sorted((e.start, e.end, e.label, e.reviewed) for e in a.entities)
    assert key_e(got) == key_e(want)
    key_q = lambda a: [(q.start, q.end, q.kind, q.cue_start, q.cue_end, q.speaker_start, a.persons[q.speaker_id].name,
                        [(s.target, s.label) for s in q.stances], q.claim, q.checkworthy, q.note, q.reviewed)
                       for q in a.quotes]
    assert key_q(got) == key_q(want)


def test_label_studios_own_export_reads_in_full(project):
    res = import_paths(project, [FIXTURE])
    canal, giza, luxor = (project.load_article(i) for i in res.article_ids)
    text = canal.article.text
    assert (canal.article.status, canal.article.title) == ("done", "Canal fees")
    assert [(e.label, text[e.start:e.end], e.reviewed) for e in canal.entities] == [
        ("GPE", "Cairo", True), ("ORG", "authority", False), ("PERSON", "Omar Farouk", True)]
    first, second = canal.quotes
    assert (first.kind, first.claim, first.checkworthy, text[first.cue_start:first.cue_end]) == (
        "direct", "COMMITMENT", True, "said")
    assert [(s.target, s.label) for s in first.stances] == [("US-Russia talks without Europe", "NONE")]
    assert (canal.persons[first.speaker_id].name, canal.persons[first.speaker_id].kind) == ("Omar Farouk", "person")
    # "He" names the speaker there; the per-region textarea says who he is
    assert text[second.speaker_start:second.speaker_end] == "He" and canal.persons[second.speaker_id].name == "Omar Farouk"
    assert (second.kind, second.claim, second.note) == ("partial", "PREDICTION", "fees: check the decree")
    assert all(q.reviewed for q in canal.quotes)
    assert giza.article.status == "skipped" and not giza.entities
    assert luxor.article.status == "new" and [(e.label, e.reviewed) for e in luxor.entities] == [("GPE", False)]


def _edit(tasks, change):
    change(tasks[0]["annotations"][0]["result"])
    return tasks


@pytest.mark.parametrize("change, message", [
    (lambda res: res.append({"id": "Qa1", "from_name": "sentiment", "to_name": "text", "type": "choices",
                             "value": {"start": 11, "end": 49, "choices": ["POS"]}}), "'sentiment'"),
    (lambda res: res[0]["value"].update(text="something else"), "is not the task's text"),
    (lambda res: res[6].update(to_id="nowhere"), "needs a QUOTE region"),
    (lambda res: res.append({"id": "R1", "from_name": "box", "to_name": "img", "type": "rectanglelabels",
                             "value": {"x": 1}}), "'rectanglelabels' result"),
    (lambda res: res[13].update(from_name="stance_moon_landing"), "'stance_moon_landing'"),
])
def test_a_task_we_cannot_read_fully_is_refused(project, tmp_path, change, message):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_edit(json.loads(FIXTURE.read_text(encoding="utf-8")), change)), encoding="utf-8")
    with pytest.raises(ImportFailed, match=message) as err:
        import_paths(project, [bad])
    assert "bad.json: task 1 (id 311)" in str(err.value) and "\n" not in str(err.value)
    assert project.count_articles() == 0

