"""Span helpers the document view needs, free of Qt so they are easy to test.

* Snapping: a mouse or keyboard selection becomes whole tokens (runs of letters/digits, or single
  punctuation marks), the way the pre-annotation's tokenizer sees the text.
* Offsets: the core counts code points; Qt's text document counts UTF-16 units. `OffsetMap`
  converts both ways (identity, and free, when the text has no character outside the BMP).
"""

from __future__ import annotations

import bisect

OPEN_MARKS = "\"'“‘«‹„‚"
CLOSE_MARKS = "\"'”’»›“‘"
QUOTE_MARKS = set(OPEN_MARKS + CLOSE_MARKS)
# Punctuation an entity never starts or ends with ("Starmer," -> "Starmer"); "." is kept on
# abbreviations such as "U.S." by the rule below.
ENTITY_TRIM = set(".,;:!?()[]{}") | QUOTE_MARKS


def _word(ch: str) -> bool:
    return ch.isalnum()


def snap_to_tokens(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Grow a selection to whole words and drop blank space at both ends; None if nothing is left."""
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
    span = snap_to_tokens(text, start, end)
    if span is None:
        return None
    start, end = span
    while start < end and (text[start] in QUOTE_MARKS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in QUOTE_MARKS or text[end - 1].isspace()):
        end -= 1
    if start >= end:
        return None
    # Trailing punctuation up to a closing mark joins the quote.
    j = end
    while j < len(text) and text[j] in ",.;:!?…—-":
        j += 1
    if j > end and j < len(text) and text[j] in CLOSE_MARKS:
        end = j
    return start, end


def snap_entity(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Snap an entity: whole words, no surrounding punctuation or quotation marks."""
    span = snap_to_tokens(text, start, end)
    if span is None:
        return None
    start, end = span
    while start < end and (text[start] in ENTITY_TRIM or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in ENTITY_TRIM or text[end - 1].isspace()):
        # keep the final dot of an abbreviation ("U.S.")
        if text[end - 1] == "." and "." in text[start:end - 1] and " " not in text[start:end]:
            break
        end -= 1
    return (start, end) if start < end else None


class OffsetMap:
    """Code-point offsets (core) <-> UTF-16 positions (Qt)."""

    __slots__ = ("_wide",)

    def __init__(self, text: str):
        # Code-point indices of characters that take two UTF-16 units.
        self._wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []

    def to_qt(self, i: int) -> int:
        if not self._wide:
            return i
        return i + bisect.bisect_left(self._wide, i)

    def to_py(self, pos: int) -> int:
        if not self._wide:
            return pos
        # Find i with to_qt(i) <= pos, the largest one.
        lo, hi = 0, pos
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.to_qt(mid) <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo


def qt_text(text: str) -> str:
    """The text as the document shows it, same length: carriage returns would split paragraphs."""
    return text.replace("\r", " ") if "\r" in text else text


def elide(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
