"""Model choice, our factories, and the pre-annotation driver on a real project."""

import warnings

import pytest
import spacy

from annotator.errors import AnnotatorError
from annotator.nlp import pipeline as pl


def test_rules_only_fallback_warns(monkeypatch):
    monkeypatch.setattr(pl, "_installed", lambda name: False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nlp, name = pl.load_pipeline(known_persons=["Ann Lee"])
    assert name == "rules"
    assert [str(w.message).count("\n") for w in caught if issubclass(w.category, pl.ModelWarning)] == [0]
    assert {"sentencizer", "entity_ruler", "annotator_persons", "annotator_quotes"} <= set(nlp.pipe_names)
    doc = nlp('"We are ready," Ann Lee said.')
    assert [s.text for s in doc.spans["quotes"]] == ["We are ready,"]


def test_bad_model_is_one_clear_line(tmp_path):
    for bad in ("no_such_model_pkg", str(tmp_path / "missing"), str(tmp_path)):
        with pytest.raises(AnnotatorError) as exc:
            pl.load_pipeline(bad)
        assert "\n" not in str(exc.value) and "model" in str(exc.value)


def test_factories_are_registered_and_a_saved_pipeline_loads(tmp_path):
    nlp = pl.add_components(pl.rules_pipeline(["Ann Lee"]))
    # What each component writes and needs is declared, as spaCy's own do: the pipeline checks out.
    assert nlp.analyze_pipes()["problems"] == {name: [] for name in nlp.pipe_names}
    assert "doc._.annotator_quotes" in nlp.get_pipe_meta("annotator_quotes").assigns
    nlp.to_disk(tmp_path / "p")
    # The quote finder's thresholds are config: the saved pipeline records them, a changed one is used.
    assert (tmp_path / "p" / "config.cfg").read_text(encoding="utf-8").count("model_quote_min_score = 0.6") == 1
    strict = spacy.load(tmp_path / "p", config={"components": {"annotator_quotes": {"model_quote_min_score": 0.9}}})
    assert strict.get_pipe("annotator_quotes").model_quote_min_score == 0.9
    again = spacy.load(tmp_path / "p")
    assert again.pipe_names == nlp.pipe_names
    doc = again('"Fine," Ann Lee said.')
    assert doc._.annotator_quotes[0]["speaker"] is not None
    assert [s.label_ for s in doc.spans["persons"]] == ["PERSON"]


def test_analyse_uses_stored_results_and_runs_without_them():
    from annotator.nlp import analyse

    with_components = pl.add_components(pl.rules_pipeline(["Ann Lee"]))
    bare = pl.rules_pipeline(["Ann Lee"])
    text = 'Ann Lee arrived. "We are ready," she said.'
    a, b = analyse(with_components(text)), analyse(bare(text))
    assert a.quotes == b.quotes and a.entities == b.entities


@pytest.mark.model
def test_default_model_name(nlp):
    _, name = pl.load_base()
    assert name.startswith("en_core_web_sm") and name.endswith("3.8.0")
    assert nlp.pipe_names[0] == "annotator_paragraphs" and nlp.pipe_names[-1] == "annotator_quotes"


@pytest.mark.model
def test_preannotate_driver_end_to_end(seeded):
    from annotator.models import Quote
    from annotator.nlp.preannotate import run

    project = seeded
    ids = project.article_ids()
    assert len(ids) == 4
    project.conn.execute("UPDATE articles SET status = 'done' WHERE id = ?", (ids[3],))
    project.conn.commit()
    seen = []
    counts = run(project, progress=lambda done, total: seen.append((done, total)))
    assert counts["articles"] == 3 and counts["quotes_added"] > 15 and seen[-1] == (3, 3)
    assert project.load_article(ids[3]).quotes == []  # done articles are not touched
    art = project.get_article(ids[0])
    assert art.model.startswith("en_core_web_sm")
    persons = {p.name: p for p in project.all_persons()}
    assert "Keir Starmer" in persons and not any("Starmerr" == n for n in persons)
    ann = project.load_article(ids[0])
    speakers = {ann.persons[q.speaker_id].name for q in ann.quotes if q.speaker_id}
    assert "Keir Starmer" in speakers
    assert all(isinstance(q, Quote) and q.confidence is not None for q in ann.quotes)
    # Idempotent: a second run changes nothing.
    again = run(project)
    assert again["quotes_added"] == 0 and again["quotes_removed"] == 0 and again["entities_added"] == 0


@pytest.mark.model
def test_preannotate_skips_articles_not_new(seeded):
    from annotator.nlp.preannotate import run

    ids = seeded.article_ids()
    seeded.conn.execute("UPDATE articles SET status = 'in_progress' WHERE id = ?", (ids[0],))
    seeded.conn.commit()
    counts = run(seeded, article_ids=ids[:2])
    assert counts["articles"] == 1 and counts["skipped"] == 1
