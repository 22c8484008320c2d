"""Prodigy JSONL as Prodigy documents it: tokens, spans (every span a relation points to), relations
whose head/child are the last token of each span, answer, hashes; and Prodigy's own tasks read back
with their answers (reject and ignore are not reviewed work)."""

from __future__ import annotations

import json

import pytest

from annotator.errors import ImportFailed
from annotator.exporters.jsonl import export_jsonl
from annotator.importers import import_paths
from annotator.store import Project
from tests.unit.conftest import INTEROP

FIXTURE = INTEROP / "prodigy_rel_manual.jsonl"  # written from Prodigy's docs: rel.manual answers, db-out


def _lines(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_export_is_a_prodigy_relations_task(interop, tmp_path):
    p, a1, a2 = interop
    out = tmp_path / "out.jsonl"
    assert export_jsonl(p, out, include_all=True) == 2
    rec, skipped = _lines(out)
    assert rec["answer"] == "accept" and skipped["answer"] == "ignore"
    for key in ("_input_hash", "_task_hash"):
        assert isinstance(rec[key], int) and -2 ** 31 <= rec[key] < 2 ** 31
    text = rec["text"]
    toks = rec["tokens"]
    assert [t["id"] for t in toks] == list(range(len(toks)))
    assert all(text[t["start"]:t["end"]] == t["text"] for t in toks)
    assert "".join(t["text"] + (" " if t["ws"] else "") for t in toks) == text
    for sp in rec["spans"]:  # token indices agree with the tokens
        assert toks[sp["token_start"]]["start"] == sp["start"] and toks[sp["token_end"]]["end"] == sp["end"]
    labels = sorted(sp["label"] for sp in rec["spans"])
    assert labels == ["GPE", "PERSON", "PERSON", "QUOTE", "QUOTE", "SPEAKER"]  # "He" anchors a relation
    spans = {(sp["start"], sp["end"]): sp for sp in rec["spans"]}
    assert len(rec["relations"]) == 2
    for rel in rec["relations"]:
        head, child = spans[(rel["head_span"]["start"], rel["head_span"]["end"])], \
            spans[(rel["child_span"]["start"], rel["child_span"]["end"])]
        assert rel["head"] == head["token_end"] and rel["child"] == child["token_end"]
        assert rel["head_span"]["label"] == "QUOTE" and rel["label"] == "SPEAKER"
    # Our extras stay: quotes with stance and claim, persons, review state on entity spans.
    assert rec["quotes"][0]["stances"] == [{"target": "Higher defence spending", "label": "FAVOR"}]
    assert {sp.get("reviewed") for sp in rec["spans"] if sp["label"] == "PERSON"} == {True, False}


def test_relations_map_through_spans_as_prodigys_relation_scripts_do(interop, tmp_path):
    """Prodigy's relation-extraction tutorial reads `head`/`child` as the last token of a span and
    maps them back through `spans`: every relation must land on a span."""
    p, _, _ = interop
    out = tmp_path / "out.jsonl"
    export_jsonl(p, out)
    (rec,) = _lines(out)
    end_to_start = {sp["token_end"]: sp["token_start"] for sp in rec["spans"]}
    pairs = [(end_to_start[r["head"]], end_to_start[r["child"]]) for r in rec["relations"]]
    words = [t["text"] for t in rec["tokens"]]
    assert [(words[h], words[c]) for h, c in pairs] == [("We", "Kofi"), ("nurses", "He")]


def test_prodigys_own_answers_come_in_as_such(project):
    res = import_paths(project, [FIXTURE])
    a_accept, a_reject, a_ignore, a_tokens = (project.load_article(i) for i in res.article_ids)
    # accept: reviewed work, the article done; both relations kept, the pronoun names no person
    assert a_accept.article.status == "done"
    assert all(q.reviewed for q in a_accept.quotes) and all(e.reviewed for e in a_accept.entities)
    first, second = a_accept.quotes
    text = a_accept.article.text
    assert a_accept.persons[first.speaker_id].name == "Ruth Okafor"
    assert text[second.speaker_start:second.speaker_end] == "She" and second.speaker_id is None
    assert [e.label for e in a_accept.entities] == ["PERSON"]  # the SPEAKER span is no entity
    assert a_accept.article.meta["_input_hash"] == -1290378524
    # reject and ignore: not reviewed work; the answer is kept
    for ann, answer in ((a_reject, "reject"), (a_ignore, "ignore")):
        assert ann.article.status == "skipped" and ann.article.meta["answer"] == answer
        assert not any(x.reviewed for x in [*ann.entities, *ann.quotes])
    # a relation given by token indices only: head/child are the last tokens of its spans
    (q,) = a_tokens.quotes
    assert a_tokens.persons[q.speaker_id].name == "Ana Silva"


def test_round_trip_keeps_prodigys_relations_and_answers(project, tmp_path):
    import_paths(project, [FIXTURE])
    out = tmp_path / "back.jsonl"
    export_jsonl(project, out, include_all=True)
    back, given = _lines(out), _lines(FIXTURE)
    assert [r["answer"] for r in back] == [g["answer"] for g in given]
    assert [r["_input_hash"] for r in back] == [g["_input_hash"] for g in given]
    pairs = lambda r: sorted((x["head"], x["child"], x["label"]) for x in r["relations"])
    assert [pairs(r) for r in back] == [pairs(g) for g in given]
    with Project.create(tmp_path / "again.annotator", project.scheme) as again:
        import_paths(again, [out])
        again_out = tmp_path / "again.jsonl"
        export_jsonl(again, again_out, include_all=True)
    assert again_out.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


@pytest.mark.parametrize("change, message", [
    (lambda r: r.update(answer="maybe"), "answer must be accept, reject or ignore"),
    (lambda r: r["relations"][0].update(label="COREF"), "is not SPEAKER"),
    (lambda r: r.update(label="SPORTS"), "classification or choice task"),
    (lambda r: (r["relations"][0].pop("head_span"), r["relations"][0].update(head=2)), "last token of no span"),
])
def test_a_task_we_cannot_read_fully_is_refused(project, tmp_path, change, message):
    rec = _lines(FIXTURE)[0]
    change(rec)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(_lines(FIXTURE)[2]) + "\n" + json.dumps(rec) + "\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match=message) as err:
        import_paths(project, [bad])
    assert "bad.jsonl:2:" in str(err.value) and "\n" not in str(err.value)
    assert project.count_articles() == 0  # nothing imported partly
