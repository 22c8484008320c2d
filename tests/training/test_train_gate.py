"""Training never makes pre-annotation worse silently: the model in use and the new one are scored as
whole pipelines on the same held-out articles, and a lower new model is kept but not used."""

from __future__ import annotations

import json

import pytest

import annotator.nlp.training as training
from annotator import ops
from annotator.errors import AnnotatorError
from annotator.nlp.evaluate import score_pipeline
from annotator.nlp.training import current_model, list_models, train


def test_whole_pipeline_scores_on_reviewed_articles(partly_reviewed):
    """The stock model with our rules on four plain news items: every quote found, every speaker
    right; entities only where every entity was reviewed (article 1 here)."""
    p = partly_reviewed
    for e in p.load_article(1).entities:
        ops.confirm_entity(p, e.id)
    s = score_pipeline(p, None, p.article_ids())
    assert s["articles"] == 4 and s["quotes_f"] == 1.0 and s["speakers_acc"] == 1.0
    assert 0 < s["entities_f"] <= 1.0
    # A gold quote deleted: the pipeline still finds it, and that now counts against its precision.
    ops.delete_quote(p, p.load_article(2).quotes[1].id)
    s2 = score_pipeline(p, None, p.article_ids())
    assert s2["quotes_p"] < 1.0 and s2["quotes_r"] == 1.0


@pytest.fixture
def fake_training(monkeypatch):
    """spaCy's training loop and packaging replaced by stand-ins (test_train_loop runs the real one);
    `scores` says what the model in use ("before") and the new one ("after") score."""
    scores = {"before": {"articles": 2, "quotes_f": 0.9, "speakers_acc": 0.8, "entities_f": 0.9},
              "after": {"articles": 2, "quotes_f": 0.95, "speakers_acc": 0.8, "entities_f": 0.91}}
    ran = []

    def train_one(config, output, max_steps, stage, progress, eval_frequency=None):
        ran.append(stage)
        best = output / "model-best"
        best.mkdir(parents=True)
        (best / "meta.json").write_text(json.dumps({"performance": {}}), encoding="utf-8")
        return best

    def package(out, main_best, base, stance_best, claims_best, meta, targets, labels):
        target = out / "model"
        target.mkdir()
        (target / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        return target

    def score(project, model, ids):
        assert sorted(ids) == sorted(json.loads(next(iter(project.path.parent.glob("**/manifest.json")))
                                                .read_text())["split"]["dev"])  # the same held-out articles
        return dict(scores["after" if model and model.endswith("model") else "before"])

    monkeypatch.setattr(training, "_train_one", train_one)
    monkeypatch.setattr(training, "package", package)
    monkeypatch.setattr(training, "score_pipeline", score)
    return scores, ran


def test_a_better_model_is_put_in_use(partly_reviewed, fake_training, tmp_path):
    res = train(partly_reviewed, tmp_path / "run", dev=0.5)
    assert res.used and res.worse == [] and current_model(partly_reviewed) == str(res.model_path.resolve())
    assert res.before["quotes_f"] == 0.9 and res.after["quotes_f"] == 0.95


def test_a_worse_model_is_kept_but_not_used(partly_reviewed, fake_training, tmp_path):
    scores, _ = fake_training
    scores["after"]["speakers_acc"] = 0.7  # better quotes, worse speakers: still not silently used
    res = train(partly_reviewed, tmp_path / "run", dev=0.5)
    assert not res.used and res.worse == ["speakers_acc"]
    assert current_model(partly_reviewed) is None  # pre-annotation keeps the model it had
    (entry,) = list_models(partly_reviewed)
    assert entry["path"] == str(res.model_path.resolve()) and entry["worse"] == ["speakers_acc"]
    assert any("speaker accuracy on the held-out articles fell from 0.800 to 0.700" in n for n in res.notes)
    res = train(partly_reviewed, tmp_path / "run2", dev=0.5, use_anyway=True)
    assert res.used and current_model(partly_reviewed) == str(res.model_path.resolve())


def test_too_few_held_out_articles_is_refused_not_scored_on_train(partly_reviewed, fake_training, tmp_path):
    _, ran = fake_training
    with pytest.raises(AnnotatorError, match="too few held-out articles") as err:
        train(partly_reviewed, tmp_path / "run", dev=0.2)  # 4 done articles: 1 held out
    assert "never scored on its own training data" in str(err.value)
    assert ran == [] and list_models(partly_reviewed) == [] and not (tmp_path / "run").exists()


def test_a_part_without_labels_is_skipped_with_one_line(partly_reviewed, fake_training, tmp_path):
    p = partly_reviewed
    _, ran = fake_training
    for aid in p.article_ids():
        for q in p.load_article(aid).quotes:
            ops.set_claim(p, q.id, None)
    res = train(p, tmp_path / "run", dev=0.5)
    assert "claims" not in ran and {"entities and quotes", "stance"} <= set(ran)
    (note,) = [n for n in res.notes if n.startswith("claims:")]
    assert note == "claims: skipped: no claim labelled in the reviewed quotes"


def test_the_command_line_says_what_fell_and_use_anyway_uses_it(partly_reviewed, fake_training, tmp_path):
    from typer.testing import CliRunner

    from annotator.cli import app

    scores, _ = fake_training
    scores["after"]["quotes_f"] = 0.8
    db = str(partly_reviewed.path)
    runner = CliRunner()
    res = runner.invoke(app, ["train", "--db", db, "--dev", "0.5", "--out", str(tmp_path / "a")])
    assert res.exit_code == 0, res.output
    out = " ".join(res.output.split())
    assert "quote F1 on the held-out articles fell from 0.900 to 0.800" in out
    assert "kept but NOT put in use" in out and "annotator models --use 1" in out
    assert current_model(partly_reviewed) is None
    res = runner.invoke(app, ["train", "--db", db, "--dev", "0.5", "--out", str(tmp_path / "b"), "--use-anyway"])
    assert res.exit_code == 0 and "now used by preannotate" in " ".join(res.output.split())
    assert current_model(partly_reviewed) == list_models(partly_reviewed)[1]["path"]
