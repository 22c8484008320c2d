"""The sample file against its gold: the figures the issue asks for."""

import importlib.util
from pathlib import Path

import pytest

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_quotes", ROOT / "benchmarks" / "quotes.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def bench():
    return _bench()


def _predict(nlp, text, parts):
    from annotator.nlp import analyse

    out = []
    for (a, b), doc in zip(parts, nlp.pipe(text[a:b] for a, b in parts)):
        res = analyse(doc)
        for q in res.quotes:
            out.append({"start": q.start + a, "end": q.end + a, "kind": q.kind,
                        "speaker": res.persons[q.speaker_id].name if q.speaker_id is not None else None})
    return out


@pytest.mark.parametrize("split", ["articles", "whole"])
def test_seed_targets(nlp, gold, bench, split):
    text = gold["text"]
    parts = bench.article_parts(text) if split == "articles" else [(0, len(text))]
    if split == "articles":
        assert len(parts) == 4
    s = bench.score(text, _predict(nlp, text, parts), gold["quotes"])
    assert s["recall"] >= 0.95 and s["precision"] >= 0.95, s
    assert s["direct"]["recall"] == 1.0, s
    assert s["speaker_accuracy"] >= 0.92, s


def test_benchmark_scores_an_export(nlp, gold, bench, tmp_path):
    """The export path: one line per article, offsets per article, placed with find()."""
    import json

    from annotator.nlp import analyse

    text = gold["text"]
    lines = []
    for a, b in bench.article_parts(text):
        res = analyse(nlp(text[a:b]))
        quotes = [{"start": q.start, "end": q.end, "kind": q.kind,
                   "speaker": res.persons[q.speaker_id].name if q.speaker_id is not None else None}
                  for q in res.quotes]
        lines.append(json.dumps({"text": text[a:b], "meta": {}, "spans": [], "relations": [], "quotes": quotes}))
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    s = bench.score(text, bench.from_export(path, text), gold["quotes"])
    assert s["f1"] >= 0.95 and s["speaker_accuracy"] >= 0.92


def test_scoring_rules(bench):
    text = "He said alpha beta gamma and Smith said delta."
    gold = [{"start": 8, "end": 24, "kind": "direct", "speaker": "Sir John Smith"}]
    pred = [{"start": 14, "end": 24, "kind": "partial", "speaker": "Smith's"},
            {"start": 40, "end": 45, "kind": "partial", "speaker": None}]
    s = bench.score(text, pred, gold)
    assert (s["n_match"], s["precision"], s["recall"], s["speaker_accuracy"]) == (1, 0.5, 1.0, 1.0)
    assert bench.last_name("General Sir Adrian Bradshaw") == "bradshaw"
