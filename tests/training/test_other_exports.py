"""doccano and Label Studio exports carry entities, quotes, speaker relations and labels."""

import json
import xml.dom.minidom

from annotator import ops
from annotator.exporters.doccano import export_doccano
from annotator.exporters.labelstudio import export_labelstudio


def test_doccano_has_quotes_and_speaker_relations(annotated, tmp_path):
    out = tmp_path / "d.jsonl"
    assert export_doccano(annotated, out) == 4
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    quotes = [e for r in recs for e in r["entities"] if e["label"] == "QUOTE"]
    assert len(quotes) == 26
    rel = next(r for r in recs if r["relations"])
    by_id = {e["id"]: e for e in rel["entities"]}
    for link in rel["relations"]:
        assert link["type"] == "SPEAKER"
        assert by_id[link["from_id"]]["label"] == "QUOTE"
        speaker = by_id[link["to_id"]]
        assert rel["text"][speaker["start_offset"]:speaker["end_offset"]].strip()
    assert sum(len(r["relations"]) for r in recs) == 25
    assert {q["speaker_kind"] for r in recs for q in r["quotes"] if q["speaker"]} == {"person"}


def test_labelstudio_annotations_and_predictions(annotated, tmp_path):
    # One model suggestion left unreviewed: it must come out as a prediction, not an annotation.
    text = annotated.get_article(4).text
    i = text.index("Mark Rutte")
    with annotated.transaction():
        annotated.conn.execute(
            "INSERT INTO entities (article_id, start, \"end\", label, origin, confidence, reviewed) "
            "VALUES (4, ?, ?, 'PERSON', 'model', 0.7, 0)", (i, i + 10))
    out = tmp_path / "ls.json"
    assert export_labelstudio(annotated, out) == 4
    tasks = json.loads(out.read_text(encoding="utf-8"))
    t4 = next(t for t in tasks if t["id"] == 4)
    (pred,) = t4["predictions"]
    assert [r["value"]["text"] for r in pred["result"]] == ["Mark Rutte"] and pred["result"][0]["score"] == 0.7
    results = [r for t in tasks for a in t["annotations"] for r in a["result"]]
    assert sum(1 for r in results if r["type"] == "labels" and r["value"]["labels"] == ["QUOTE"]) == 26
    assert sum(1 for r in results if r["type"] == "relation") == 25
    claims = [r for r in results if r["type"] == "choices" and r.get("from_name") == "claim"]
    assert len(claims) == 26
    stance = [r for r in results if r.get("from_name", "").startswith("stance_")]
    assert {r["value"]["choices"][0] for r in stance} <= {"FAVOR", "AGAINST", "NONE"}
    # Every region a relation or a choice points at exists.
    ids = {r["id"] for r in results if r["type"] == "labels"}
    assert all(r["from_id"] in ids and r["to_id"] in ids for r in results if r["type"] == "relation")
    config = (tmp_path / "ls.json.config.xml").read_text(encoding="utf-8")
    xml.dom.minidom.parseString(config)  # well-formed
    assert 'value="QUOTE"' in config and "Higher defence spending" in config


def test_only_done_articles_unless_all(annotated, tmp_path):
    ops.set_article_status(annotated, 1, "in_progress")
    assert export_doccano(annotated, tmp_path / "a.jsonl") == 3
    assert export_doccano(annotated, tmp_path / "b.jsonl", include_all=True) == 4


def test_doccano_and_label_studio_never_tokenise(annotated, tmp_path, monkeypatch):
    """Only Prodigy's records carry tokens: the other two formats take the article's meta, quotes
    and sources without running spaCy's tokenizer over every article."""
    from annotator.exporters import jsonl

    def no_tokens(text):
        raise AssertionError("tokenised")

    monkeypatch.setattr(jsonl, "TokenIndex", no_tokens)
    assert export_doccano(annotated, tmp_path / "d.jsonl", include_all=True) == 4
    assert export_labelstudio(annotated, tmp_path / "ls.json", include_all=True) == 4
