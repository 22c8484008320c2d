"""Articles written apart from the others, after the extractor was built: every quote and speaker."""

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


def test_wire_story_with_an_institution_as_speaker(article, run):
    r = run(article("washington.txt"))
    expected = [
        ("will not stand by", "Joe Biden"),
        ("We are going to make sure", "Joe Biden"),          # "Biden told reporters"
        ("That's the commitment", "Joe Biden"),              # second quote of the same paragraph
        ("more united than ever", "Antony Blinken"),         # "X, speaking in Brussels, said"
        ("This administration has no plan", "Mike Johnson"),
        ("additional assistance", "Pentagon"),               # "The Pentagon said": an organisation
        ("It’s a very dangerous moment", "Fiona Hill"),      # curly quotes, "said X, a former ..."
        ("We should be clear-eyed", "Fiona Hill"),
        ("Not now", "Joe Biden"),                            # "Biden said: ..."
        ("deterrence only works", "Fiona Hill"),             # "Hill, who served ..., warned"
    ]
    assert len(r.analysis.quotes) == len(expected)
    for words, speaker in expected:
        assert r.speaker(words) == speaker, words


@pytest.mark.parametrize("name, expected", [
    ("drought.txt", [("I have never seen the river", "Grace Wanjiru"),      # "she says", present tense
                     ("The rains will come", "Peter Otieno"),               # "he told Reuters"
                     ("We will not leave our farmers", "Susan Kamau"),      # "the minister said"
                     ("Help is on the way", "Susan Kamau"),
                     ("This is a crisis", "David Mwangi"),                  # "said economist X"
                     ("Nobody listened", "David Mwangi"),
                     ("Promises don't water crops", "Grace Wanjiru")]),     # surname earlier, "she" here
    ("antitrust.txt", [("serious and well documented", "Margrethe Vestager"),  # "Ms. X called ..."
                       ("We have given the company", "Margrethe Vestager"),
                       ("It chose not to", "Margrethe Vestager"),
                       ("We will contest", "John Reyes"),                      # "a spokesman, X, said"
                       ("always complied", "John Reyes"),                      # "Mr. Reyes added that"
                       ("These investigations are marathons", "Anna Schmidt"),  # "Dr. Schmidt said"
                       ("Is it fair? No", "Paul Becker"),                      # "said X, who runs ..."
                       ("But it is necessary", "Paul Becker")]),
    ("senate.txt", [("Tonight, we have done our job", "Chuck Schumer"),       # "said Sen. X, D-N.Y., the ..."
                    ("But it should never", "Chuck Schumer"),
                    ("far from perfect", "Mitch McConnell"),
                    ("I have serious concerns", "Mitch McConnell"),
                    ("The American people deserve better", "Mitch McConnell"),
                    ("We will keep fighting", "Mitch McConnell"),               # the quote runs on a paragraph
                    ("as soon as it reaches his desk", "Karine Jean-Pierre"),
                    ("a betrayal of conservative voters", "Lauren Boebert"),
                    ("shut out of the process", "Alexandria Ocasio-Cortez")]),
])
def test_more_news_written_apart(article, run, name, expected):
    r = run(article(name))
    assert len(r.analysis.quotes) == len(expected)
    for words, speaker in expected:
        assert r.speaker(words) == speaker, words
