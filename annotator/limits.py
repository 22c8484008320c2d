"""What an article and an input file may be at most (README, "What `import` reads").

These bounds keep every command and the app within their memory targets on the largest input
they accept, and turn a hostile or broken input into a clear refusal instead of a hang or an
exhausted machine. Importers refuse anything beyond them with FILE:LINE; the store refuses it
from any other caller too.
"""

from __future__ import annotations

import json
import re
from math import isfinite
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import ArticleDraft

MAX_ARTICLE_CHARS = 1_000_000  # one article's text (spaCy's own default limit for one text)
MAX_FIELD_CHARS = 10_000  # title, place, source, a person's name, a note, a label
MAX_META_CHARS = 100_000  # an article's meta, as JSON
MAX_SPANS = 100_000  # entities plus quotes on one article (a 1,000,000-character article has ~50,000)
MAX_DEPTH = 20  # nesting of JSON values (meta) and of folders in a folder import
MAX_FILE_BYTES = 512 * 1024 * 1024  # one input file (read whole: a larger one is to be split)

def bad_char(s: str) -> str | None:
    """Why `s` cannot be stored as text (a NUL, a lone surrogate), or None."""
    if "\x00" in s:
        return "contains a NUL character (\\u0000): not text"
    if s.isascii():  # known without a look at the characters
        return None
    try:
        s.encode("utf-8")  # fails at the first lone surrogate, and is many times faster than a search
    except UnicodeEncodeError as exc:
        return f"contains a lone surrogate (\\u{ord(s[exc.start]):04x}): not valid Unicode"
    return None


# In JSON text read by `importers.base.read_text` (which refuses a raw NUL or surrogate), a string can
# hold one only through an escape: without one, a parsed value's strings need no look.
_BAD_ESCAPE = re.compile(r"\\u(0000|[dD][89a-fA-F])")


def may_hold_bad_chars(json_text: str) -> bool:
    """Whether JSON text (already free of raw NULs and surrogates) escapes a NUL or a surrogate."""
    return "\\u" in json_text and _BAD_ESCAPE.search(json_text) is not None


def check_value(value: Any, what: str, strings: bool = True) -> None:
    """Every string in a JSON-like value (keys too) is text, and it nests at most MAX_DEPTH deep.
    Iterative: a hostile value cannot exhaust the stack. Raises ValueError naming where.
    `strings=False` checks the nesting and the numbers alone (`may_hold_bad_chars` said no)."""
    if not strings and _plainly_fine(value):
        return
    stack: list[tuple[Any, tuple]] = [(value, ())]
    while stack:
        v, at = stack.pop()
        if len(at) > MAX_DEPTH:
            raise ValueError(f"{_where(what, at)}: nested more than {MAX_DEPTH} levels deep")
        if isinstance(v, dict):
            items = v.items()
        elif isinstance(v, (list, tuple)):
            items = enumerate(v)
        else:
            _check_scalar(v, what, at, strings)
            continue
        deepest = len(at) + 1 > MAX_DEPTH  # a scalar in here is one level too deep
        for k, x in items:
            if deepest and not isinstance(x, (dict, list, tuple)):
                raise ValueError(f"{_where(what, (*at, k))}: nested more than {MAX_DEPTH} levels deep")
            if strings and isinstance(k, str):
                why = bad_char(k)
                if why:
                    raise ValueError(f"{_where(what, at)}: a key {why}")
            if isinstance(x, (dict, list, tuple)):
                stack.append((x, (*at, k)))
            elif strings or (isinstance(x, float) and not isfinite(x)):  # no path built for each scalar
                _check_scalar(x, what, (*at, k), strings)


def _plainly_fine(value: Any) -> bool:
    """The quick look an import makes at every record (a third of `check_value`'s time, no paths
    kept): True when nothing nests MAX_DEPTH deep and every number is finite. False means "look
    closely": `check_value` then finds what is wrong and where (or that an empty list at the
    limit is fine)."""
    if type(value) not in (dict, list):
        return False
    stack = [(value, 0)]
    while stack:
        v, depth = stack.pop()
        depth += 1
        for x in (v.values() if type(v) is dict else v):
            t = type(x)
            if t is dict or t is list:
                if depth >= MAX_DEPTH:
                    return False
                stack.append((x, depth))
            elif t is float and not isfinite(x):
                return False
    return True


def _check_scalar(v: Any, what: str, at: tuple, strings: bool) -> None:
    if isinstance(v, str):
        why = bad_char(v) if strings else None
        if why:
            raise ValueError(f"{_where(what, at)} {why}")
    elif isinstance(v, float) and not isfinite(v):
        raise ValueError(f"{_where(what, at)}: {v} is not a number JSON allows")


def _where(what: str, at: tuple) -> str:
    """`meta.source.url`, `spans[3].label`; long paths and keys shortened (the error stays one short line)."""
    parts = [f"[{k}]" if isinstance(k, int) else "." + (k if len(k) <= 24 else k[:21] + "...") for k in at[:4]]
    return what + "".join(parts) + ("..." if len(at) > 4 else "")


def check_draft(d: "ArticleDraft") -> None:
    """The rules every format shares (raises ValueError naming the field): bounded sizes, only
    characters that are text (no NUL, no lone surrogate), JSON values nested at most MAX_DEPTH."""
    n = len(d.text)
    if n > MAX_ARTICLE_CHARS:
        raise ValueError(f"the article is {n:,} characters long; at most {MAX_ARTICLE_CHARS:,} are accepted "
                         "(split it into several articles)")
    why = bad_char(d.text)
    if why:
        raise ValueError(f"text {why}")
    for name in ("title", "place", "source", "model"):
        v = getattr(d, name)
        if v is not None:
            _check_field(name, v)
    check_value(d.meta, "meta")
    if len(json.dumps(d.meta, ensure_ascii=False)) > MAX_META_CHARS:
        raise ValueError(f"meta is longer than the {MAX_META_CHARS:,} characters it may have")
    if len(d.entities) + len(d.quotes) > MAX_SPANS:
        raise ValueError(f"{len(d.entities) + len(d.quotes):,} entities and quotes; at most {MAX_SPANS:,} are accepted")
    seen: set[str] = set()  # a label is checked once per article (an article has 30 entities of 5 labels)
    for i, e in enumerate(d.entities):
        if e.label not in seen:
            _check_field(f"spans[{i}].label", e.label)
            seen.add(e.label)
    for i, q in enumerate(d.quotes):
        for name in ("kind", "claim", "note"):
            v = getattr(q, name)
            if v is not None:
                _check_field(f"quotes[{i}].{name}", v)
        for s in q.stances:
            _check_field(f"quotes[{i}].stances.target", s.target)
            _check_field(f"quotes[{i}].stances.label", s.label)
    for p in d.persons.values():
        for v in (p.name, *p.aliases):
            _check_field("persons.name", v)


def _check_field(what: str, v: str) -> None:
    if len(v) > MAX_FIELD_CHARS:
        raise ValueError(f"{what} is {len(v):,} characters long; at most {MAX_FIELD_CHARS:,} are accepted")
    why = bad_char(v)
    if why:
        raise ValueError(f"{what} {why}")
