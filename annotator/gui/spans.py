"""Offsets and text as the document view shows them, free of Qt so they are easy to test.

The core counts code points; Qt's text document counts UTF-16 units. `OffsetMap` converts both
ways (identity, and free, when the text has no character outside the BMP). (Snapping a selection
to words is a rule of the text itself: `annotator.text`.)
"""

from __future__ import annotations

import bisect

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
