"""The span categorizer's quote guesses join pre-annotation only as weak suggestions, only where a
quote could be without marks, and only when they do not lower quote precision on the held-out
articles (issue 17: on real news they did)."""

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc, SpanGroup

from annotator import ops
from annotator.models import ArticleDraft
from annotator.nlp.evaluate import guesses_lower_precision, score_pipeline
from annotator.nlp.extract import MODEL_QUOTES_KEY, analyse
from annotator.nlp.training import drop_quote_guesses

ARTICLE = ('"Prices will fall," the minister told reporters on Monday, "and wages will rise." '
           "Later she added that the plan would work for every family. It was March 2019, again.")


def _guess(doc: Doc, text: str, words: list[str], scores: list[float]) -> None:
    spans = []
    for w in words:
        a = text.index(w)
        spans.append(doc.char_span(a, a + len(w), alignment_mode="expand"))
    doc.spans[MODEL_QUOTES_KEY] = SpanGroup(doc, name=MODEL_QUOTES_KEY, spans=spans,
                                            attrs={"scores": numpy.array(scores)})


def test_quote_guesses_between_two_marked_quotes_short_or_starting_with_punctuation_are_not_suggested():
    """Not the reporter's words between a closing and an opening mark, not a word or two, not
    ', again.': only a stretch that could be a quote that lost its marks."""
    doc = spacy.blank("en")(ARTICLE)
    _guess(doc, ARTICLE, ["the minister told reporters on Monday", "March 2019", ", again.",
                          "the plan would work for every family"], [0.95, 0.95, 0.95, 0.9])
    quotes = analyse(doc).quotes
    assert sorted(ARTICLE[q.start:q.end] for q in quotes) == [
        "Prices will fall,", "and wages will rise.", "the plan would work for every family"]
    guess = next(q for q in quotes if ARTICLE[q.start:q.end].startswith("the plan"))
    assert guess.confidence <= 0.6


@Language.component("test_wrong_quote_guess")
def wrong_quote_guess(doc: Doc) -> Doc:
    """Stands in for a trained span categorizer that guesses a quote where there is none."""
    if "Later she added" in doc.text:
        _guess(doc, doc.text, ["the plan would work for every family"], [0.9])
    return doc


def test_guesses_that_lower_quote_precision_are_counted_and_left_out_of_the_pipeline(project, tmp_path):
    ids = project.import_articles([ArticleDraft(text=ARTICLE), ArticleDraft(text=ARTICLE.replace("Monday", "Friday"))
                                   ]).article_ids
    for aid in ids:  # the two marked quotes, confirmed: the plan sentence is no quote
        for words in ("Prices will fall,", "and wages will rise."):
            text = project.get_article(aid).text
            ops.create_quote(project, aid, text.index(words), text.index(words) + len(words), "direct")
        ops.set_article_status(project, aid, "done")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("test_wrong_quote_guess", name="spancat")  # the name packaging gives the categorizer
    nlp.to_disk(tmp_path / "model")

    scores = score_pipeline(project, str(tmp_path / "model"), ids)
    assert (scores["guesses"], scores["guesses_right"]) == (2, 0)
    assert scores["quotes_p"] == round(4 / 6, 4) and scores["quotes_p_without_guesses"] == 1.0
    assert guesses_lower_precision(scores)

    drop_quote_guesses(tmp_path / "model")
    assert "spancat" not in spacy.load(tmp_path / "model").pipe_names
    scores = score_pipeline(project, str(tmp_path / "model"), ids)
    assert "guesses" not in scores and scores["quotes_p"] == 1.0 and not guesses_lower_precision(scores)
