"""Quotation marks alone (no model): which stretches are quotes."""

from annotator.nlp.marks import find_quote_spans


def quotes(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quote_spans(text)]


def test_straight_and_curly_double_quotes():
    assert quotes('He called it "a disgrace" and left.') == ["a disgrace"]
    assert quotes("“We will win,” she said.") == ["We will win,"]


def test_curly_single_quotes_in_a_headline():
    assert quotes("Minister Calls for ‘Calm Heads’ After Vote") == ["Calm Heads"]


def test_trailing_punctuation_inside_the_marks_is_kept_and_marks_are_not():
    assert quotes('"It is over," he said. "Done."') == ["It is over,", "Done."]


def test_apostrophes_are_never_quote_marks():
    text = "That's the ’90s sound of Radio 4’s show, the administration’s plan and rock ’n’ roll."
    assert quotes(text) == []
    assert quotes("It’s the boys’ toys, she said, calling it ‘a scandal’ today.") == ["a scandal"]
    assert quotes("Don't say 'never' again.") == ["never"]


def test_nested_quotes_are_their_own_quotes_inside_the_outer_one():
    text = "“The inspector told me ‘it is safe,’ and I believed him,” he said."
    assert quotes(text) == ["The inspector told me ‘it is safe,’ and I believed him,", "it is safe,"]
    assert [q.nested for q in find_quote_spans(text)] == [False, True]
    british = "‘He shouted “fire” and ran,’ she said."
    assert quotes(british) == ["He shouted “fire” and ran,", "fire"]
    assert [q.nested for q in find_quote_spans(british)] == [False, True]
    # straight marks, the inner one right at the outer one's edges
    edge = "He said, \"'One in, all in'. We did what anyone would do.\" Then: \"She wrote, 'We are done.'\""
    assert quotes(edge) == ["'One in, all in'. We did what anyone would do.", "One in, all in",
                            "She wrote, 'We are done.'", "We are done."]


def test_quote_split_by_its_attribution_is_two_quotes():
    assert quotes("“We are ready,” she said, “and we will win.”") == ["We are ready,", "and we will win."]


def test_multi_paragraph_quote():
    text = ("“We want a fair deal. We want it now.\n"
            "“Nobody wants a strike,” he said.\nThe talks resume on Monday.")
    spans = find_quote_spans(text)
    assert [text[q.start:q.end] for q in spans] == ["We want a fair deal. We want it now.", "Nobody wants a strike,"]
    assert spans[0].close_mark is None and spans[1].close_mark is not None


def test_unbalanced_mark_costs_only_its_own_quote():
    text = ('He said "we will see and then left the room.\n'
            '"Later," she said, "we talked." The talk was "useful".')
    got = quotes(text)
    assert "Later," in got and "we talked." in got and "useful" in got
    stray = 'The 5" screen is fine. He called it "a toy" and "cheap".'
    assert quotes(stray) == ["a toy", "cheap"]


def test_an_opener_without_closer_mid_paragraph_does_not_swallow_the_article():
    text = 'Critics said "the plan fails, then moved on.\nShe said "yes" twice.\n"Fine," he said.'
    got = quotes(text)
    assert "yes" in got and "Fine," in got
    assert all("\n" not in q for q in got)


def test_empty_and_quote_free_text():
    assert quotes("") == []
    assert quotes("No quotes here at all.\n\nNone.") == []


def test_guillemets_with_french_spacing_and_double_quotes_nested_inside():
    text = "She understood « the anger of the sea » but the budget had « no room left ». «Fine,» he said."
    assert quotes(text) == ["the anger of the sea", "no room left", "Fine,"]
    nested = "«The prefect told us, “Go home and wait,” and we waited!» said a skipper."
    assert quotes(nested) == ["The prefect told us, “Go home and wait,” and we waited!", "Go home and wait,"]
    assert [q.nested for q in find_quote_spans(nested)] == [False, True]
    assert quotes("Er sagte »Wir sind bereit« und ging.") == ["Wir sind bereit"]
