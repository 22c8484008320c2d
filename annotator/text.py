"""Rules about plain news text that the app, the importers, pre-annotation and the training corpora
share (no Qt, no model): which characters are quotation marks, how a selection snaps to words,
where a sentence ends, and what kind a quote is.

Offsets are code-point indices into the article's text, end exclusive, as everywhere in the core.
"""

from __future__ import annotations

import re

# --- quotation marks ------------------------------------------------------------------------------
# Each mark's role when its neighbours do not say otherwise: opening, closing, or either ("?").
# The two families pair only with themselves: a pair of one inside a pair of the other is nested.
DOUBLE_MARKS = {'"': "?", "“": "open", "”": "close", "„": "open", "«": "open", "»": "close"}
SINGLE_MARKS = {"'": "?", "‘": "open", "’": "close", "‚": "open", "‹": "open", "›": "close"}
QUOTE_MARKS = frozenset(DOUBLE_MARKS) | frozenset(SINGLE_MARKS)
OPEN_MARKS = frozenset(c for c, role in {**DOUBLE_MARKS, **SINGLE_MARKS}.items() if role != "close")
# „…“ and ‚…‘ (German, Czech...) close with what opens in English.
CLOSE_MARKS = frozenset(c for c, role in {**DOUBLE_MARKS, **SINGLE_MARKS}.items() if role != "open") | {"“", "‘"}

# Punctuation an entity never starts or ends with ("Starmer," -> "Starmer"); "." is kept on
# abbreviations such as "U.S." by `snap_entity`.
ENTITY_TRIM = frozenset(".,;:!?()[]{}") | QUOTE_MARKS
# Punctuation a quotation ends with before its closing mark ("... deter Russia,").
QUOTE_END = ".,;:!?…"


def char_class(chars) -> str:
    """A regex character class of these characters."""
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


# --- snapping a selection to words ----------------------------------------------------------------

def _word(ch: str) -> bool:
    return ch.isalnum()


def snap_to_tokens(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Grow a selection to whole words and drop blank space at both ends; None if nothing is left.

    Words are runs of letters and digits, every other character stands alone: as the
    pre-annotation's tokenizer sees the text."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    if start >= end:
        return None
    # A selection that starts or ends inside a word takes the whole word.
    if start < len(text) and _word(text[start]):
        while start > 0 and _word(text[start - 1]):
            start -= 1
    if end > 0 and _word(text[end - 1]):
        while end < len(text) and _word(text[end]):
            end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def snap_quote(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Snap a quote: whole words, without the quotation marks themselves.

    As in the gold file, punctuation between the last word and the closing mark belongs to the
    quote: selecting `deter Russia` in `"... deter Russia,"` gives `... deter Russia,`.
    """
    span = _snap_without(text, start, end, QUOTE_MARKS)
    if span is None:
        return None
    start, end = span
    # Trailing punctuation up to a closing mark joins the quote.
    j = end
    while j < len(text) and text[j] in ",.;:!?…—-":
        j += 1
    if j > end and j < len(text) and text[j] in CLOSE_MARKS:
        end = j
    return start, end


def snap_entity(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Snap an entity: whole words, no surrounding punctuation or quotation marks; the final dot of
    an abbreviation stays ("U.S.")."""
    return _snap_without(text, start, end, ENTITY_TRIM, keep_end=_abbreviation_dot)


def _abbreviation_dot(text: str, start: int, end: int) -> bool:
    return text[end - 1] == "." and "." in text[start:end - 1] and " " not in text[start:end]


def _snap_without(text: str, start: int, end: int, chars, keep_end=None) -> tuple[int, int] | None:
    """Whole words, without `chars` and blank space at either end (but what `keep_end(text, start,
    end)` keeps at the end); None if nothing is left."""
    span = snap_to_tokens(text, start, end)
    if span is None:
        return None
    start, end = span
    while start < end and (text[start] in chars or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in chars or text[end - 1].isspace()):
        if keep_end is not None and keep_end(text, start, end):
            break
        end -= 1
    return (start, end) if start < end else None


# --- sentences ------------------------------------------------------------------------------------
# A sentence ends at . ! or ? (and the closing marks after it) before a capital or a digit (or an
# opening mark before one), and at every line break: news puts one paragraph on a line.
_SENTENCE_END = re.compile(rf"[.!?]{char_class(CLOSE_MARKS | {')'})}*\s+(?={char_class(OPEN_MARKS | {'('})}?[A-Z0-9])|\n+")
_AFTER_END = CLOSE_MARKS | {")"}


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Character bounds of the sentence(s) holding text[start:end]: from the last sentence end
    before it to the first one after it. Cheaper than running a sentence splitter over every
    article, and the same rule at export and at prediction time."""
    a = max(0, start - 2000)  # a "sentence" longer than this is cut: it is no sentence
    for m in _SENTENCE_END.finditer(text, a):
        if m.end() > start:
            break
        a = m.end()
    m = _SENTENCE_END.search(text, end)
    b = m.start() + (1 if text[m.start()] in ".!?" else 0) if m else len(text)
    while b < len(text) and text[b] in _AFTER_END and b < (m.end() if m else b):
        b += 1
    return a, max(b, end)


# --- what kind a quote is -------------------------------------------------------------------------

def woven_in(text: str, start: int, end: int) -> bool:
    """A few words inside the reporter's own sentence, not a sentence of its own: fewer than three
    words, or opened in the middle of the reporter's clause ('promised "whatever it takes" to
    rebuild') and closed without punctuation of its own."""
    words = text[start:end].split()
    if len(words) < 3:
        return True
    before = text[max(0, start - 40):start].rstrip("".join(OPEN_MARKS) + " ").rstrip()
    return bool(before) and before[-1].isalnum() and text[end - 1] not in QUOTE_END


def quote_kind(text: str, start: int, end: int, marked: bool | None = None) -> str:
    """direct, partial or indirect, from the characters alone (pre-annotation refines it with the
    parse, `nlp.extract.quote_kind`). `marked`: whether the words stand in quotation marks; None:
    look at the characters right before and after them.

    Without marks a quote is reported speech: indirect. In marks, a sentence of its own (it starts
    with a capital and ends with its own punctuation or runs to five words; ten words in any case)
    is direct; words woven into the reporter's sentence are partial."""
    if marked is None:
        marked = start > 0 and text[start - 1] in OPEN_MARKS and end < len(text) and text[end] in CLOSE_MARKS
    if not marked:
        return "indirect"
    if woven_in(text, start, end):
        return "partial"
    quoted = text[start:end]
    words = quoted.split()
    upper = next((ch.isupper() for ch in quoted if ch.isalpha()), False)
    own_end = quoted[-1] in QUOTE_END
    return "direct" if (upper and (own_end or len(words) >= 5)) or len(words) >= 10 else "partial"
