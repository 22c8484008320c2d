"""Quoted stretches found from the quotation marks alone: no model, plain character offsets.

Why characters and not tokens: the tokenizer glues marks to words in odd ways ("’90s", ",”"),
and a mark's role (opening, closing, apostrophe) is decided by its immediate neighbours.
Every paragraph (line) is paired on its own, so an unbalanced mark costs at most the quote it
belongs to, never the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..text import CLOSE_MARKS, DOUBLE_MARKS, OPEN_MARKS, SINGLE_MARKS
from .layout import paragraphs

# Families pair only with themselves; a pair of one family inside a pair of another is a nested
# quotation: reported on its own (`nested`), as words the outer speaker presents someone as saying.
# Guillemets are a family of their own: « ... “inner” ... » nests double quotes inside them.
GUILLEMETS = {"«": "open", "»": "close"}
DOUBLE = {c: role for c, role in DOUBLE_MARKS.items() if c not in GUILLEMETS}
SINGLE = SINGLE_MARKS

# A mark right after another family's opener can open, one right before its closer can close:
# "'one in, all in'. I did ...", "... do away with it.'"
# (Not after or before an apostrophe, nor before the English openers that close German quotes.)
OPEN_BEFORE = set("([{—–-/") | (OPEN_MARKS - {"'"})  # a mark after these can open
CLOSE_AFTER = set(".,;:!?)]}—–-…") | (CLOSE_MARKS - {"'", "“", "‘"})  # a mark before these can close
DOUBLE_OPEN = {c for c, role in {**DOUBLE, **GUILLEMETS}.items() if role != "close"}
NO_QUOTE_START = set(".,;:!?)]}")  # a mark followed by these closes (French spacing: « mots » .)
# Elisions written with a leading apostrophe: ’90s, ’em, ’til, rock ’n’ roll.
ELISION = re.compile(r"(?:\d\d?s?\b|em\b|til\b|tis\b|twas\b|cause\b|n\b|bout\b|round\b)", re.I)


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # first quoted character (after the opening mark and any blank)
    end: int  # end, exclusive (before the closing mark, or the paragraph end when unclosed)
    open_mark: int
    close_mark: int | None  # None: an unclosed multi-paragraph piece or a recovered broken quote
    family: str  # "double" or "single"
    confidence: float
    nested: bool = False  # inside another quotation


def _context(p: str, i: int) -> tuple[bool, bool]:
    """(can_open, can_close) for a mark at p[i] judged by its neighbours."""
    prev = p[i - 1] if i > 0 else None
    nxt = p[i + 1] if i + 1 < len(p) else None
    left_free = prev is None or prev.isspace() or prev in OPEN_BEFORE
    right_free = nxt is None or nxt.isspace() or nxt in CLOSE_AFTER
    can_open = left_free and nxt is not None and not nxt.isspace() and nxt not in NO_QUOTE_START
    can_close = right_free and prev is not None and not prev.isspace()
    return can_open, can_close


def _double_role(p: str, i: int) -> str:
    ch = p[i]
    can_open, can_close = _context(p, i)
    nominal = DOUBLE.get(ch) or GUILLEMETS[ch]
    if ch == '"' and i > 0 and p[i - 1].isdigit() and not can_open:
        return "skip"  # inch mark: 5'10"
    if nominal == "open":
        return "close" if can_close and not can_open else "open"  # smart-quote software errs
    if nominal == "close":
        return "open" if can_open and not can_close else "close"
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "?"


def _single_role(p: str, i: int) -> str:
    """open / close / weak (a closer that may be a plural possessive: leaders’ summit) / apos."""
    ch = p[i]
    prev = p[i - 1] if i > 0 else ""
    nxt = p[i + 1] if i + 1 < len(p) else ""
    if prev.isalnum() and nxt.isalnum():
        return "apos"  # That’s, Radio 4’s, administration’s
    can_open, can_close = _context(p, i)
    if can_open and ELISION.match(p, i + 1) and (ch != "‘" or nxt.isdigit()):
        return "apos"  # ’90s, ’em
    if SINGLE[ch] == "open" and can_open:
        return "open"
    if can_open and not can_close:
        return "open"
    if can_close:
        if prev in "sS" and nxt == " ":
            return "weak"
        return "close"
    return "apos"


def _pair_double(p: str, base: int, marks: list[int]) -> tuple[list[tuple[int, int]], int | None]:
    """Pairs of (open, close) indices, and an opener left unclosed at the paragraph end."""
    pairs, pending = [], None
    for i in marks:
        role = _double_role(p, i)
        if role == "skip":
            continue
        if role == "?":
            role = "close" if pending is not None else "open"
        if role == "open":
            # An opener while one is pending: the pending one is the broken mark. Dropping it
            # loses that quote only.
            pending = i
        elif pending is not None:
            pairs.append((pending, i))
            pending = None
        # A stray closer is ignored: it costs at most the quote whose opener is missing.
    return pairs, pending


def _pair_single(p: str, marks: list[int]) -> list[tuple[int, int]]:
    roles = [(i, _single_role(p, i)) for i in marks]
    roles = [(i, r) for i, r in roles if r != "apos"]
    pairs, k = [], 0
    while k < len(roles):
        i, r = roles[k]
        if r != "open":
            k += 1
            continue
        # The closer: the first strong one before the next opener; a weak one only if no strong one.
        close, weak, j = None, None, k + 1
        while j < len(roles):
            jj, rr = roles[j]
            if rr == "open":
                break
            if rr == "close":
                close = j
                break
            if rr == "weak" and weak is None:
                weak = j
            j += 1
        hit = close if close is not None else weak
        if hit is None:
            k = j if j > k else k + 1
            continue
        pairs.append((i, roles[hit][0]))
        k = hit + 1
    return pairs


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _double_family(text: str, paras: list[tuple[int, int]], n: int, marks: set[str], family: str,
                   conf: float) -> list[QuoteSpan]:
    """The pairs of one family of double marks (" “ ” „ or « ») in paragraph n, and its unclosed opener."""
    ps, pe = paras[n]
    p = text[ps:pe]
    pairs, pending = _pair_double(p, ps, [i for i, ch in enumerate(p) if ch in marks])
    spans = []
    for o, c in pairs:
        a, b = _trim(text, ps + o + 1, ps + c)
        if b > a:
            spans.append(QuoteSpan(a, b, ps + o, ps + c, family, conf if p[o] != '"' or p[c] != '"' else 0.9))
    if pending is not None:
        a, b = _trim(text, ps + pending + 1, pe)
        at_start = not p[:pending].strip(" \t-—–•*")
        nxt_opens = n + 1 < len(paras) and text[paras[n + 1][0]:paras[n + 1][1]].lstrip()[:1] in DOUBLE_OPEN
        if b > a and (at_start or nxt_opens):
            # Newswriting convention: a quote running over paragraphs leaves each but the last
            # unclosed and opens again on the next one.
            spans.append(QuoteSpan(a, b, ps + pending, None, family, 0.8 if nxt_opens else 0.6))
        elif b > a and b - a <= 400 and text[b - 1] in ".!?…,":
            # A broken quote at a paragraph's end is most likely the rest of the paragraph.
            spans.append(QuoteSpan(a, b, ps + pending, None, family, 0.4))
    return spans


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All quoted stretches of `text`, in order of their start; nested ones flagged."""
    paras = paragraphs(text)
    found: list[QuoteSpan] = []
    for n, (ps, pe) in enumerate(paras):
        p = text[ps:pe]
        if not any(ch in DOUBLE_MARKS or ch in SINGLE for ch in p):
            continue
        spans = _double_family(text, paras, n, set(DOUBLE), "double", 0.95) + \
            _double_family(text, paras, n, set(GUILLEMETS), "guillemet", 0.95)
        outer = [(s.open_mark, s.close_mark if s.close_mark is not None else pe) for s in spans]
        for o, c in _pair_single(p, [i for i, ch in enumerate(p) if ch in SINGLE]):
            o, c = ps + o, ps + c
            inside = any(lo < o and c < hi for lo, hi in outer)
            if not inside and any(lo < o < hi or lo < c < hi for lo, hi in outer):
                continue  # crossing a double-quoted stretch: one of the marks is an apostrophe
            a, b = _trim(text, o + 1, c)
            if b > a:
                conf = (0.8 if text[o] == "‘" else 0.7) * (0.9 if inside else 1)
                spans.append(QuoteSpan(a, b, o, c, "single", conf))
        # A pair inside a pair of another family is the nested one: 'He said, "..."' (British
        # style), "He said, 'X'", « Il a dit, “X” ».
        bounds = [(s.open_mark, s.close_mark if s.close_mark is not None else pe) for s in spans]
        spans = [replace(s, nested=True) if any(lo < s.open_mark and (s.close_mark or pe) < hi for lo, hi in bounds)
                 else s for s in spans]
        found.extend(sorted(spans, key=lambda s: s.start))
    return found
