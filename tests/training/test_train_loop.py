"""The feedback loop: train on reviewed work, then pre-annotate new articles with the new model."""

import pytest
import spacy

from annotator.errors import AnnotatorError
from annotator.importers import import_paths
from annotator.nlp.evaluate import guesses_lower_precision
from annotator.nlp.preannotate import run as preannotate
from annotator.nlp.training import current_model, list_models, train, use_model


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """Train once for the module (a few steps) on the fully reviewed sample project."""
    from annotator.scheme import Scheme
    from annotator.store import Project
    from tests.conftest import SEED, SEED_SCHEME
    from tests.training.conftest import ENTITIES
    from annotator import ops
    from annotator.nlp.gold import apply_gold
    from tests.conftest import GOLD_CANDIDATES

    d = tmp_path_factory.mktemp("loop")
    p = Project.create(d / "p.annotator", Scheme.load(SEED_SCHEME), user="tester")
    import_paths(p, [SEED])
    for aid in p.article_ids():
        text = p.get_article(aid).text
        for name, label in ENTITIES.items():
            i = text.find(name)
            if i >= 0:
                ops.create_entity(p, aid, i, i + len(name), label)
    apply_gold(p, next(g for g in GOLD_CANDIDATES if g.exists()))
    steps = []
    # Two of the four articles held out: the fewest a new model may be scored on. Six steps make no
    # better model; use_anyway puts it in use so that the loop's second half can be tested.
    result = train(p, d / "run1", max_steps=6, dev=0.5, use_anyway=True,
                   progress=lambda stage, i, n: steps.append((stage, i, n)))
    yield p, result, steps, d
    p.close()


def test_training_packages_one_pipeline_with_our_components(trained):
    p, result, steps, _ = trained
    nlp = spacy.load(result.model_path)
    for name in ("ner", "annotator_persons", "annotator_quotes", "annotator_labels"):
        assert name in nlp.pipe_names
    # The span categorizer stays only when its quote guesses do not lower quote precision on the
    # held-out articles; when they do (a six-step one usually guesses wrong), a note says it went.
    dropped = [n for n in result.notes if "quote guesses" in n and "left out of the pipeline" in n]
    if "spancat" in nlp.pipe_names:
        assert not dropped and not guesses_lower_precision(result.after)
    else:
        assert len(dropped) == 1 and "span_finder" not in nlp.pipe_names
        assert dropped[0] in nlp.meta["annotator"]["notes"]
    assert set(nlp.disabled) == {"stance_textcat", "claims_textcat"}
    meta = nlp.meta["annotator"]
    assert meta["base_model"] and len(meta["data_hash"]) == 64 and meta["trained_at"]
    assert "ents_f" in meta["scores_after"] and "stance_cats_score" in meta["scores_after"]
    # Before and after: whole pre-annotation on the same two held-out articles.
    for scores in (result.before, result.after, meta["scores_before"]):
        assert scores["articles"] == 2 and {"quotes_f", "speakers_acc", "entities_f"} <= set(scores)
    assert {s for s, _, _ in steps} >= {"export", "entities and quotes", "stance", "claims", "package", "score"}
    assert (result.model_path.parent / "train-main" / "train.log").exists()
    # 26 quotes, of which the training split links fewer than the learned attribution needs: one line says so
    assert "annotator_speakers" not in nlp.pipe_names
    assert sum(n.startswith("speakers: skipped:") and "at least 30" in n for n in result.notes) == 1


def test_the_project_now_pre_annotates_with_the_new_model(trained, tmp_path):
    p, result, _, _ = trained
    assert current_model(p) == str(result.model_path.resolve())
    new = tmp_path / "new.txt"
    new.write_text('Oslo – "We must spend more on defence now," Norwegian Prime Minister Jonas Gahr Store said on '
                   'Monday.\nHe added that "Europe cannot wait for Washington."', encoding="utf-8")
    (aid,) = import_paths(p, [new]).article_ids
    counts = preannotate(p)
    assert counts["articles"] == 1
    ann = p.load_article(aid)
    assert ann.article.model.startswith("en_annotator_")  # recorded per article
    # The two quoted stretches are there; a six-step span categorizer, if packaging kept it, adds
    # only weak guesses of its own.
    text = ann.article.text
    marked = [q for q in ann.quotes if q.start > 0 and text[q.start - 1] == '"']
    assert [text[q.start:q.end] for q in marked] == ["We must spend more on defence now,",
                                                     "Europe cannot wait for Washington."]
    assert all(q.confidence <= 0.6 for q in ann.quotes if q not in marked)
    q = marked[0]
    assert q.claim in p.scheme.claim_types and q.claim_confidence is not None  # from the trained classifier
    assert ann.persons[q.speaker_id].name == "Jonas Gahr Store"


def test_models_are_kept_and_can_be_switched(trained):
    p, result, _, d = trained
    assert len(list_models(p)) >= 1
    use_model(p, None)
    assert current_model(p) is None
    use_model(p, "1")
    assert current_model(p) == list_models(p)[0]["path"]
    with pytest.raises(AnnotatorError, match="no model 9"):
        use_model(p, "9")
    with pytest.raises(AnnotatorError, match="not one of this project's models"):
        use_model(p, str(d))


def test_training_needs_reviewed_articles(project):
    import_paths(project, [__import__("tests.conftest", fromlist=["SEED"]).SEED])
    with pytest.raises(AnnotatorError, match="no reviewed articles"):
        train(project, max_steps=1)


def test_the_trained_pipeline_loads_anywhere_through_entry_points(trained):
    """A fresh Python that never imports annotator loads the pipeline: spaCy finds our factories
    through the package's `spacy_factories` entry points."""
    import subprocess
    import sys

    _, result, _, _ = trained
    code = ("import sys, spacy; nlp = spacy.load(sys.argv[1]); "
            "doc = nlp('\"We will win,\" Anna Berg said.'); print([r['start'] for r in doc._.annotator_quotes][:1])")
    res = subprocess.run([sys.executable, "-c", code, str(result.model_path)], capture_output=True, text=True,
                         timeout=300)
    assert res.returncode == 0, res.stderr[-1500:]
    assert res.stdout.strip() == "[1]"  # our quote finder ran: the quote inside the marks


def test_quotes_the_span_categorizer_found_are_added_as_weak_suggestions():
    """A trained pipeline puts its own quote guesses in doc.spans["quotes_model"]; those the marks did
    not give become low-confidence suggestions, and never duplicate a quote found from the marks."""
    import numpy
    from spacy.tokens import SpanGroup

    from annotator.nlp.extract import analyse

    nlp = spacy.blank("en")
    text = '"We will win," Anna Berg said. Berg added that we need more troops now. Oslo agreed.'
    doc = nlp(text)
    marked = doc.char_span(1, 13, alignment_mode="expand")
    unmarked = doc.char_span(text.index("we need"), text.index(" Oslo") - 1, alignment_mode="expand")
    weak = doc.char_span(text.index("Oslo"), text.index("Oslo") + 4)
    doc.spans["quotes_model"] = SpanGroup(doc, name="quotes_model", spans=[marked, unmarked, weak],
                                          attrs={"scores": numpy.array([0.9, 0.8, 0.3])})
    quotes = analyse(doc).quotes
    got = sorted((text[q.start:q.end], q.confidence) for q in quotes)
    assert [g[0] for g in got] == ["We will win,", "we need more troops now"]
    model_q = next(q for q in quotes if text[q.start:q.end].startswith("we need"))
    assert model_q.confidence <= 0.6
