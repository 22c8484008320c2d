"""A second-opinion article written apart from the others: every quote, speaker and kind."""

import pytest

pytestmark = pytest.mark.model


def test_flood_article(article, run):
    r = run(article("flood.txt"))
    expected = [
        ("We have never seen water rise", "Maria Lopez", "direct"),
        ("Every crew we have", "Maria Lopez", "direct"),          # second half of a split quote
        ("decades out of date", "James Carter", "partial"),       # "He told BBC News that ..."
        ("ignored every warning", "James Carter", "partial"),
        ("whatever it takes", "Rachel Green", "partial"),         # woven into the reporter's clause
        ("No family will be left behind", "Rachel Green", "direct"),  # "she said"
        ("Promises are cheap", "James Carter", "direct"),         # "Carter was unconvinced: ..."
        ("This is not over", "Tom Ellis", "direct"),              # single quotes, beside apostrophes (county's)
    ]
    assert len(r.analysis.quotes) == len(expected)
    for words, speaker, kind in expected:
        q = r.quote(words)
        assert (q.speaker, q.kind) == (speaker, kind), words
