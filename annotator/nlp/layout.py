"""Paragraphs and headlines of a plain-text article."""

from __future__ import annotations

import re

SMALL_WORDS = {"a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "to", "for", "at", "by", "with", "from",
               "as", "vs", "vs.", "via", "into", "over", "up", "out", "off", "per", "than", "amid"}
_WORD = re.compile(r"[^\W\d_][\w’'\-]*")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line; news text puts one paragraph on a line."""
    out, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.append((pos, end))
        pos = end + 1
    return out


def is_headline(line: str, first: bool = False) -> bool:
    """A short line without closing punctuation whose words are mostly capitalised.

    `first`: the article's first line, where a short unpunctuated line is a headline even in
    sentence case ("Starmer: peace deal needs US backstop").
    """
    s = line.strip()
    if not s or s.rstrip("\"'”’»)]")[-1:] in (".", "!", "?", ";", ",", "") or len(s) > 220:
        return False  # a sentence, also when it ends with the quotation it closes ('... week."')
    words = _WORD.findall(s)
    if not words or len(words) > 25:
        return False
    content = [w for w in words if w.lower() not in SMALL_WORDS]
    if not content:
        return False
    caps = sum(1 for w in content if w[0].isupper()) / len(content)
    return caps >= 0.7 or (first and len(words) <= 20)


def headline_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs that are headlines (the first line, and title-case lines inside run-together files)."""
    paras = paragraphs(text)
    if len(paras) < 2:
        return []
    return [(a, b) for n, (a, b) in enumerate(paras) if is_headline(text[a:b], first=(n == 0))]
