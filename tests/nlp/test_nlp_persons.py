"""One person per name: titles trimmed, particles joined, surnames and typos grouped."""

import pytest

from annotator.nlp.names import edit_distance_le1, name_words, surnames_match
from annotator.nlp.persons import NameIndex, PersonDraft, link_to_known

STARMER = (
    "Starmer Backs Plan\n"
    "London – UK Prime Minister Sir Keir Starmer said on Monday the plan would work.\n"
    "Starmer's aides said the vote was close. Keir Starmer later spoke to Parliament.\n"
    "Critics said UK Prime MinisterSir Keir Starmerr had misjudged the mood, and Starmerr did not reply.\n"
    "European Commission President Ursula von der Leyen welcomed it; von der Leyen called it \"bold\".\n"
)


def test_name_helpers():
    assert name_words("Sir Keir Starmer's") == ["Keir", "Starmer"]
    assert edit_distance_le1("Starmer", "Starmerr") and not edit_distance_le1("Starmer", "Stammers")
    assert surnames_match("Starmerr", "Starmer") and not surnames_match("Moss", "Mass")


@pytest.mark.model
def test_one_person_per_name_in_an_article(run):
    r = run(STARMER)
    assert "Keir Starmer" in r.persons
    starmer = r.persons["Keir Starmer"]
    keys = {k for k, p in r.analysis.persons.items() if p is starmer}
    mentions = [r.text[e.start:e.end] for e in r.analysis.entities if e.person_id in keys]
    assert mentions.count("Starmer") >= 2 and "Keir Starmerr" in mentions and "Starmerr" in mentions
    assert not any("Sir" in m or "Minister" in m for m in mentions)  # titles trimmed from the span
    assert "Sir Keir Starmer" in starmer.aliases
    assert not [n for n in r.persons if "Starmer" in n and n != "Keir Starmer"]


@pytest.mark.model
def test_particles_join_the_name(run):
    r = run(STARMER)
    assert "Ursula von der Leyen" in r.persons
    assert r.speaker("bold") == "Ursula von der Leyen"
    spans = [r.text[e.start:e.end] for e in r.analysis.entities]
    assert "Leyen" not in spans and "Ursula von" not in spans


@pytest.mark.model
def test_entities_are_sane(run):
    r = run(STARMER)
    for e in r.analysis.entities:
        s = r.text[e.start:e.end]
        assert s == s.strip() and "\n" not in s and 0 <= e.confidence <= 1
        assert e.article_id is None and e.origin == "model"
        if e.label == "PERSON":
            assert e.person_id in r.analysis.persons


@pytest.mark.model
def test_headline_words_are_not_persons(article, run):
    r = run(article("bridge.txt"))
    assert "Will Rebuild" not in r.persons


def test_names_match_across_articles():
    index = NameIndex()
    index.add("Keir Starmer", ["Sir Keir Starmer", "Starmer"])
    index.add("Donald Trump", [])
    linked = link_to_known({1: PersonDraft("Starmerr", []), 2: PersonDraft("Trump", []),
                            3: PersonDraft("Melania Trump", []), 4: PersonDraft("Olaf Scholz", [])}, index)
    assert linked[1].name == "Keir Starmer" and linked[2].name == "Donald Trump"
    assert linked[3].name == "Melania Trump" and linked[4].name == "Olaf Scholz"
    index.add("Ivanka Trump", [])
    assert index.match("Trump") is None  # two Trumps: no guess across articles
