"""The JSONL export is the contract other tools read; importing it back changes nothing."""

import json

from annotator import ops
from annotator.exporters.jsonl import export_jsonl
from annotator.importers import import_paths
from annotator.store import Project


def _annotate(p):
    text = p.get_article(1).text
    s = text.index("A US security guarantee")
    e = text.index('Russia,"', s) + 7
    sp = text.index("Starmer emphasized")
    ops.create_person(p, "Keir Starmer", ["Starmer", "Sir Keir Starmer"])
    keir = p.find_person("Keir Starmer").id
    ops.create_entity(p, 1, sp, sp + 7, "PERSON", keir)
    q = ops.create_quote(p, 1, s, e, "direct", speaker_id=keir, speaker_start=sp, speaker_end=sp + 7,
                         cue_start=sp + 8, cue_end=sp + 18).created("quotes")[0]
    ops.set_stance(p, q, "US security backstop for Ukraine", "FAVOR")
    ops.set_claim(p, q, "CAUSAL")
    ops.set_checkworthy(p, q, True)
    ops.set_article_status(p, 1, "done")
    return s, e, sp


def test_record_shape(seeded, tmp_path):
    s, e, sp = _annotate(seeded)
    out = tmp_path / "out.jsonl"
    assert export_jsonl(seeded, out) == 1  # only reviewed (done) articles without --all
    (rec,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert rec["meta"]["source"] == "000_ef8b4a5962583c26.txt" and rec["meta"]["status"] == "done"
    quote, span = rec["spans"]  # the QUOTE span its relation points to, and the entity (text order)
    assert (span["start"], span["end"], span["label"]) == (sp, sp + 7, "PERSON")
    assert (quote["start"], quote["end"], quote["label"]) == (s, e, "QUOTE")
    assert span["token_start"] == span["token_end"]
    (q,) = rec["quotes"]
    assert (q["start"], q["end"], q["kind"], q["speaker"]) == (s, e, "direct", "Keir Starmer")
    assert (q["speaker_start"], q["cue_start"], q["claim"], q["checkworthy"]) == (sp, sp + 8, "CAUSAL", True)
    assert q["stances"] == [{"target": "US security backstop for Ukraine", "label": "FAVOR"}]
    assert (q["origin"], q["reviewed"]) == ("human", True)
    (rel,) = rec["relations"]
    assert rel["label"] == "SPEAKER" and rel["head_span"]["start"] == s and rel["child_span"]["start"] == sp
    assert rec["text"][q["start"]:q["end"]].startswith("A US security guarantee")


def test_round_trip_is_identical(seeded, tmp_path):
    _annotate(seeded)
    first = tmp_path / "first.jsonl"
    export_jsonl(seeded, first, include_all=True)
    with Project.create(tmp_path / "copy.annotator", seeded.scheme) as copy:
        assert import_paths(copy, [first]).added == 4
        second = tmp_path / "second.jsonl"
        export_jsonl(copy, second, include_all=True)
        assert copy.find_person("Sir Keir Starmer") is not None  # aliases travel too
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")


def test_export_is_atomic_and_empty_when_nothing_done(seeded, tmp_path):
    out = tmp_path / "none.jsonl"
    assert export_jsonl(seeded, out) == 0
    assert out.read_text() == ""
    assert not (tmp_path / "none.jsonl.part").exists()
