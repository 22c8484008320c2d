"""The quote span finder's candidates stay bounded however (un)trained it is (issue 10: training
and pre-annotation within the memory target). Counts only: no timing or memory assertion."""

import math

import numpy
import pytest
import spacy
from spacy.pipeline import SpanFinder
from spacy.tokens import Doc
from spacy.training import Example

from annotator.nlp.configs import main_config
from annotator.nlp.pipeline import bound_span_finders
from annotator.nlp.quote_candidates import (CANDIDATES_PER_TOKEN, MIN_CANDIDATES, CappedSpanFinder, candidate_bounds,
                                            cap_for)

SENTENCE = 'The minister said "we will build the bridge next year" and left . '


def _examples(nlp, n: int = 4, sentences: int = 3) -> list[Example]:
    out = []
    for _ in range(n):
        doc = nlp.make_doc(SENTENCE * sentences)
        quotes = [doc.char_span(m + 1, m + 1 + len("we will build the bridge next year"), label="direct")
                  for m in (i for i, ch in enumerate(doc.text) if ch == '"' and doc.text[i + 1] == "w")]
        doc.spans["quotes"] = quotes
        out.append(Example(nlp.make_doc(doc.text), doc))
    return out


def _initialized_training_pipeline():
    spacy.util.fix_random_seed(0)
    cfg = spacy.util.load_config_from_str(main_config(None, ["PERSON"], ["direct"], max_steps=1))
    nlp = spacy.util.load_model_from_config(cfg, auto_fill=True, validate=True)
    examples = _examples(nlp)
    nlp.initialize(lambda: examples)
    return nlp


@pytest.fixture(scope="module")
def untrained():
    """The training pipeline `export spacy` writes (no base model: NER from scratch), initialized
    and never updated: its span finder scores about half of all tokens as starts and ends."""
    return _initialized_training_pipeline()


def _long_doc(nlp) -> Doc:
    return nlp.make_doc(SENTENCE * 100)  # 1,400 tokens: more than the export's longest Doc (1,200)


def test_the_exported_config_uses_the_capped_span_finder(untrained):
    assert isinstance(untrained.get_pipe("span_finder"), CappedSpanFinder)
    assert untrained.get_pipe("span_finder").cfg["max_length"] >= 110  # real quotes run that long


def test_an_untrained_span_finder_proposes_at_most_the_cap_on_a_long_doc(untrained):
    finder = untrained.get_pipe("span_finder")
    doc = _long_doc(untrained)
    scores = finder.predict([doc])
    finder.set_annotations([doc], scores)
    got = len(doc.spans["quotes"])
    cap = cap_for(len(doc), CANDIDATES_PER_TOKEN, finder.cfg["min_candidates"])
    assert 0 < got <= cap == math.ceil(len(doc) * CANDIDATES_PER_TOKEN)
    # spaCy's own span finder, on the same scores, proposes every pair up to max_length apart
    SpanFinder.set_annotations(finder, [doc], scores)
    assert len(doc.spans["quotes"]) > 20 * cap
    # and the span categorizer (training on what the finder proposes) sees no more than the cap
    finder.set_annotations([doc], scores)
    spancat = untrained.get_pipe("spancat")
    assert len(spancat.suggester([doc], ops=spancat.model.ops).dataXd) == got


def test_a_pipeline_trained_before_the_cap_gets_it_when_loaded(untrained):
    """A saved pipeline naming spaCy's own `span_finder` (models trained before this component)."""
    nlp = spacy.blank("en")
    finder = nlp.add_pipe("span_finder", config={"spans_key": "quotes", "threshold": 0.3, "max_length": 120})
    examples = _examples(nlp)
    spacy.util.fix_random_seed(0)
    nlp.initialize(lambda: examples)
    doc = nlp(SENTENCE * 100)
    uncapped = len(doc.spans["quotes"])
    bound_span_finders(nlp)
    doc = nlp(SENTENCE * 100)
    assert uncapped > 20 * len(doc.spans["quotes"]) > 0
    assert len(doc.spans["quotes"]) <= cap_for(len(doc), CANDIDATES_PER_TOKEN, 16)
    assert isinstance(finder, SpanFinder)


def test_candidate_bounds_keep_the_best_scored_pairs_within_the_lengths():
    n = 300
    rng = numpy.random.default_rng(1)
    starts, ends = rng.uniform(0.35, 0.6, n), rng.uniform(0.35, 0.6, n)
    starts[[40, 200]], ends[[59, 230]] = 0.99, 0.98  # two confident quotes: tokens 40-59, 200-230
    got = candidate_bounds(starts, ends, threshold=0.3, max_length=50, min_length=2, cap=10)
    assert len(got) == 10 and got == sorted(got)
    assert (40, 60) in got and (200, 231) in got
    assert all(2 <= e - s <= 50 for s, e in got)
    # below the cap: every pair whose scores reach the threshold, no more
    few = candidate_bounds([0.9, 0.1, 0.9, 0.1], [0.1, 0.9, 0.1, 0.9], 0.5, None, None, cap=100)
    assert few == [(0, 2), (0, 4), (2, 4)]
    assert candidate_bounds([0.1] * 5, [0.9] * 5, 0.5, 10, 1, cap=100) == []


def test_a_training_step_and_its_evaluation_give_the_span_categorizer_at_most_the_cap_per_doc():
    """What `spacy train` does with the exported config: update with the span finder annotating
    (its candidates are what the span categorizer learns from), then evaluate. A regression to
    every pair up to max_length apart (spaCy's own span finder, a bigger cap, annotations that
    bypass the cap) fails here, before the categorizer scores anything: no memory is spent on it."""
    nlp = _initialized_training_pipeline()
    annotating = nlp.config["training"]["annotating_components"]
    assert "span_finder" in annotating  # the span categorizer trains on the finder's candidates
    spancat = nlp.get_pipe("spancat")
    suggest = spancat.suggester
    per_doc: list[tuple[int, int]] = []  # (candidates, tokens)

    def counting_suggester(docs, *, ops=None):
        spans = suggest(docs, ops=ops)
        for doc, n in zip(docs, spans.lengths.tolist()):
            per_doc.append((int(n), len(doc)))
            # at most one candidate per token whatever CANDIDATES_PER_TOKEN says (spaCy's own
            # span finder proposes about 4,000 for these 560 tokens), and never more than the cap
            assert n <= min(len(doc), cap_for(len(doc), CANDIDATES_PER_TOKEN, MIN_CANDIDATES)), (n, len(doc))
        return spans

    spancat.suggester = counting_suggester
    examples = _examples(nlp, n=2, sentences=40)  # 560 tokens each: an article of real length
    nlp.update(examples, annotates=annotating)
    nlp.evaluate(examples)
    assert len(per_doc) == 4 and all(n > 0 for n, _ in per_doc)  # trained once, scored once, per Doc
    assert sum(n for n, _ in per_doc) <= CANDIDATES_PER_TOKEN * sum(t for _, t in per_doc) + 4 * MIN_CANDIDATES
