"""The text rules every part shares: snapping a selection to words, quotation marks, sentence ends,
and the one quote-kind rule (the app's new quotes and pre-annotation without a parser)."""

from annotator.text import CLOSE_MARKS, OPEN_MARKS, quote_kind, sentence_bounds, snap_entity, snap_quote, snap_to_tokens

TEXT = 'Starmer said: "A US security guarantee is the only way to deter Russia," he added. U.S. troops'


def test_snap_to_tokens_grows_to_whole_words():
    i = TEXT.index("security")
    assert TEXT[slice(*snap_to_tokens(TEXT, i + 2, i + 5))] == "security"
    assert snap_to_tokens(TEXT, 7, 8) is None  # only a space


def test_snap_quote_drops_marks_keeps_closing_punctuation():
    a = TEXT.index('"A US')
    b = TEXT.index('," he') + 2
    span = snap_quote(TEXT, a, b)
    assert TEXT[slice(*span)] == "A US security guarantee is the only way to deter Russia,"
    # The words alone, without the comma: the comma before the closing mark joins.
    a2 = TEXT.index("A US")
    b2 = TEXT.index("Russia") + 3
    assert TEXT[slice(*snap_quote(TEXT, a2, b2))] == "A US security guarantee is the only way to deter Russia,"
    assert quote_kind(TEXT, *span) == "direct"


def test_snap_entity_trims_punctuation_but_keeps_abbreviations():
    a = TEXT.index("Russia")
    assert TEXT[slice(*snap_entity(TEXT, a - 1, a + 8))] == "Russia"
    u = TEXT.index("U.S.")
    assert TEXT[slice(*snap_entity(TEXT, u, u + 4))] == "U.S."


def test_marks_open_and_close_in_every_style():
    assert {'"', "“", "„", "«", "'", "‘", "‚", "‹"} == OPEN_MARKS
    assert {'"', "”", "»", "'", "’", "›", "“", "‘"} == CLOSE_MARKS  # „…“ closes with an English opener


def test_one_quote_kind_rule():
    t = 'She said "we will see" later. "Taxes will rise next year," he said. "No." He said it would rise.'
    at = lambda sub: (t.index(sub), t.index(sub) + len(sub))
    assert quote_kind(t, *at("we will see")) == "partial"  # woven into her sentence, no punctuation of its own
    assert quote_kind(t, *at("Taxes will rise next year,")) == "direct"
    assert quote_kind(t, *at("No.")) == "partial"  # too short to be a sentence of its own
    assert quote_kind(t, *at("it would rise")) == "indirect"  # no marks: reported speech
    assert quote_kind(t, *at("it would rise"), marked=True) == "partial"
    long = "the minister told the committee on tuesday that nothing had changed at all"
    assert quote_kind(f'"{long}"', 1, len(long) + 1) == "direct"  # ten words are a sentence of their own


def test_sentence_bounds_stop_at_sentence_ends_and_line_breaks():
    t = 'First one. "Second one," she said! Third.\nFourth line'
    s = t.index("Second")
    assert t[slice(*sentence_bounds(t, s, s + 6))] == '"Second one," she said!'
    f = t.index("Fourth")
    assert t[slice(*sentence_bounds(t, f, f + 6))] == "Fourth line"
