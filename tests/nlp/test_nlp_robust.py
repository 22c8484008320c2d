"""Odd input never crashes pre-annotation; the rules-only pipeline works without a model."""

import pytest

from annotator.nlp import analyse


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "",
    "   \n\n  ",
    "No quotes in this article. The council met on Tuesday and approved the plan.",
    '"Only a quote."',
    '"One." "Two." "Three,"\n"Four"',
    "Der Bundeskanzler sagte am Montag: „Wir werden das schaffen.“ Die Opposition widersprach.",
    "« Nous allons gagner », a déclaré le ministre Jean Dupont. 我们会赢。“我们会赢，”他说。",
    '"""\'\'\'‘’“”',
    'Unbalanced "quote with no end\nand "another one\n',
])
def test_odd_texts(run, text):
    r = run(text)
    for q in r.analysis.quotes:
        assert 0 <= q.start < q.end <= len(text)


@pytest.mark.model
def test_non_english_quotes_are_still_found(run):
    r = run("Der Kanzler sagte: „Wir werden das schaffen.“")
    assert [q.text for q in r.quotes] == ["Wir werden das schaffen."]


def test_one_megabyte_article_rules_only(rules):
    para = ('Mayor Ann Lee said the plan "will work," adding: "We are ready." '
            "It's the council’s view that the ’90s were different.\n")
    text = para * (1_000_000 // len(para) + 1)
    from annotator.nlp.pipeline import add_components, rules_pipeline

    nlp = add_components(rules_pipeline(["Ann Lee"]))
    nlp.max_length = len(text) + 1
    res = analyse(nlp(text))
    assert len(res.quotes) == 2 * text.count("\n")
    assert len(res.persons) == 1


@pytest.mark.model
@pytest.mark.slow
def test_long_article_with_the_model(nlp):
    para = ('Mayor Ann Lee said the plan "will work," adding: "We are ready." '
            'Critics, who said "nothing changed," were not convinced.\n')
    text = para * 1000  # ~130 kB
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    res = analyse(nlp(text))
    assert len(res.quotes) == 3000


def test_rules_only_pipeline(rules, article):
    r = rules(article("bridge.txt"), ["Laura Chen", "Tom Baker", "Ruth Okafor", "Priya Nair"])
    assert r.speaker("We will rebuild") == "Laura Chen"
    assert r.speaker("We are not going anywhere") == "Tom Baker"
    assert r.speaker("Every week without") == "Priya Nair"
    assert r.quote("Within Months").speaker == "Laura Chen"
    assert all(0 <= q.confidence <= 1 for q in r.quotes)


def test_rules_only_pipeline_finds_titled_names(rules):
    r = rules('"We will appeal," Sir Alan Pike told reporters.')
    assert r.speaker("We will appeal") == "Alan Pike"
