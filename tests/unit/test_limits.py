"""limits.check_value: the quick look an import makes at each record decides exactly as the close one."""

from __future__ import annotations

import pytest

from annotator.limits import MAX_DEPTH, _plainly_fine, bad_char, check_value


def nest(depth: int, leaf) -> list:
    v = leaf
    for _ in range(depth):
        v = [v]
    return v


def refused(value, strings: bool) -> str | None:
    try:
        check_value(value, "record", strings)
    except ValueError as exc:
        return str(exc)
    return None


CASES = [
    {"text": "x", "meta": {"a": nest(MAX_DEPTH - 2, "leaf")}},  # as deep as allowed
    {"text": "x", "meta": {"a": nest(MAX_DEPTH - 1, "leaf")}},  # one too deep
    {"text": "x", "meta": {"a": nest(MAX_DEPTH - 1, None)}},
    {"text": "x", "meta": {"a": nest(MAX_DEPTH - 2, [])}},  # an empty list at the limit
    {"text": "x", "meta": {"a": nest(MAX_DEPTH + 5, 1)}},
    {"text": "x", "spans": [{"start": 0, "end": 1, "confidence": float("inf")}]},
    {"text": "x", "spans": [{"start": 0, "end": 1, "confidence": float("-inf")}]},
    {"text": "x", "spans": [{"start": 0, "end": 1, "confidence": 0.5}], "meta": {"v": [1.5, {"w": 2}]}},
    [1, 2, {"a": [3]}],
    "a string",
    None,
]


@pytest.mark.parametrize("value", CASES)
def test_the_quick_look_never_passes_what_the_close_one_refuses(value):
    close = refused(value, strings=True)  # the full walk, every string looked at
    assert refused(value, strings=False) == close  # the nesting and numbers alone: the same outcome
    if _plainly_fine(value):
        assert close is None


def test_the_quick_look_passes_an_ordinary_record():
    rec = {"text": "Oslo.", "meta": {"title": "T", "tags": ["a", "b"]},
           "spans": [{"start": 0, "end": 4, "label": "GPE", "confidence": 0.9}] * 30}
    assert _plainly_fine(rec)


@pytest.mark.parametrize("text, why", [
    ("plain ascii", None),
    ("curly “quotes” and é", None),
    ("a\x00b", "NUL"),
    ("ok é \ud800 then", "\\ud800"),
    ("\udfff", "\\udfff"),
])
def test_bad_char_finds_nul_and_the_first_lone_surrogate(text, why):
    got = bad_char(text)
    assert (got is None) if why is None else (why in got)
