"""Which article to review next: the article list's orders and filters, and where a search matches.

"Least sure first" is uncertainty sampling, as in Prodigy's active learning, per article: articles
whose unreviewed quote suggestions the model is least sure of, on average, come first. A quote
suggestion's confidence already folds in how sure the model is of its speaker (`nlp/extract.py`:
the quote's confidence times the square root of the attribution's), so an unsure quote and an
unsure speaker both pull an article forward. One minus the mean confidence is the share of its
suggestions the model expects to be wrong; the lowest single confidence alone ties often
(confidences take few distinct values) and put no more wrong suggestions first on the
development set (`benchmarks/review_order.py`). Suggestions that came without a confidence
(imported ones) count as 1.0; articles with no unreviewed quote come last (2.0). The database
keeps the key up to date by trigger (`articles.suggestion_confidence`, db.py), so reviewing an
item moves its article at once, and the order walks an index.

All of it is SQL over the article alias `a`, used by `Project.list_articles`, `count_articles`
and `next_article`.
"""

from __future__ import annotations

import unicodedata

# Below this, a suggestion is "low confidence" (the list's filter). Quote confidences run from
# about 0.3 (a speaker guessed from context) to 0.95 (a direct quote with a named speaker).
LOW_CONFIDENCE = 0.5

ORDERS: dict[str, tuple[str, ...]] = {
    "id": ("a.id",),  # import order
    "title": ("a.title COLLATE NOCASE",),
    "place": ("a.place",),
    "status": ("a.status",),
    "updated": ("a.updated_at",),
    "uncertainty": ("a.suggestion_confidence",),  # least sure first
}

FILTERS = {
    "unreviewed": ("(EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id AND q.reviewed = 0)"
                   " OR EXISTS (SELECT 1 FROM entities e WHERE e.article_id = a.id AND e.reviewed = 0))"),
    "low_confidence": ("EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id AND q.reviewed = 0"
                       f" AND q.confidence < {LOW_CONFIDENCE})"),
    "flagged": "a.flagged = 1",
}


def order_sql(sort: str, descending: bool = False) -> str:
    return ", ".join(k + (" DESC" if descending else "") for k in ORDERS.get(sort, ORDERS["id"]))


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
