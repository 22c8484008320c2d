"""Which article to review next: the article list's orders and filters, and where a search matches.

"Least sure first" is uncertainty sampling, as in Prodigy's active learning: an article's score is
the lowest confidence among its unreviewed quote suggestions. A quote suggestion's confidence
already folds in how sure the model is of its speaker (`nlp/extract.py`: quote confidence times
the square root of the attribution's), so the article where the model is least sure of a quote or
of who said it comes first. Suggestions that came without a confidence (imported ones) count as
1.0; articles with no unreviewed quote left come last. Reviewing an item takes it out of the
score, so the order follows the work as it is done.

All of it is SQL over the article alias `a`, used by `Project.list_articles`, `count_articles`
and `next_article`.
"""

from __future__ import annotations

import unicodedata

# Below this, a suggestion is "low confidence" (the list's filter). Quote confidences run from
# about 0.3 (a speaker guessed from context) to 0.95 (a direct quote with a named speaker).
LOW_CONFIDENCE = 0.5

LOWEST_CONFIDENCE_SQL = ("(SELECT min(coalesce(q.confidence, 1.0)) FROM quotes q"
                         " WHERE q.article_id = a.id AND q.reviewed = 0)")
UNCERTAINTY_SQL = f"coalesce({LOWEST_CONFIDENCE_SQL}, 2.0)"

ORDERS = {
    "id": "a.id",  # import order
    "title": "a.title COLLATE NOCASE",
    "place": "a.place",
    "status": "a.status",
    "updated": "a.updated_at",
    "uncertainty": UNCERTAINTY_SQL,  # least sure first
}

FILTERS = {
    "unreviewed": ("(EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id AND q.reviewed = 0)"
                   " OR EXISTS (SELECT 1 FROM entities e WHERE e.article_id = a.id AND e.reviewed = 0))"),
    "low_confidence": ("EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id AND q.reviewed = 0"
                       f" AND q.confidence < {LOW_CONFIDENCE})"),
    "flagged": "a.flagged = 1",
}


def order_sql(sort: str, descending: bool = False) -> str:
    return ORDERS.get(sort, "a.id") + (" DESC" if descending else "")


def filter_sql(only: str | None) -> str | None:
    if only is None:
        return None
    if only not in FILTERS:
        raise ValueError(f"unknown article filter {only!r} (one of {', '.join(FILTERS)})")
    return FILTERS[only]


# --- where a search matches -----------------------------------------------------------------------

def _fold(s: str) -> str:
    """As FTS5's unicode61 tokenizer with remove_diacritics compares: case and accents ignored."""
    return "".join(c for c in unicodedata.normalize("NFKD", s.casefold()) if not unicodedata.combining(c))


def _tokens(text: str):
    start = None
    for i, ch in enumerate(text):
        if ch.isalnum():
            if start is None:
                start = i
        elif start is not None:
            yield start, i
            start = None
    if start is not None:
        yield start, len(text)


def search_spans(text: str, query: str) -> list[tuple[int, int]]:
    """The words of `text` a list search for `query` matched (as `fts_query` reads it: every word, the
    last one also as a prefix), as (start, end) code-point offsets."""
    words = [_fold(query[a:b]) for a, b in _tokens(query)]
    if not words:
        return []
    exact, prefix = set(words[:-1]), words[-1]
    out = []
    for a, b in _tokens(text):
        w = _fold(text[a:b])
        if w in exact or w.startswith(prefix):
            out.append((a, b))
    return out
