"""CSV with one article per row: a text column (default `text`), optional title, place, published;
every other column is kept in the article's meta.

RFC 4180: fields are quoted with double quotes only (a doubled "" inside is one "), so an
apostrophe is always just an apostrophe. The delimiter is a comma, a tab for .tsv, or a semicolon
if the header line has semicolons and no commas (spreadsheets in many locales write those); the
quote character is never guessed.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from ..models import ArticleDraft
from ..limits import MAX_ARTICLE_CHARS
from .base import fail, read_text

# A long article in one cell is normal; a longer one than any article may be is refused while reading.
csv.field_size_limit(MAX_ARTICLE_CHARS)


def delimiter(path: Path, raw: str) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    header = raw.split("\n", 1)[0]
    return ";" if ";" in header and "," not in header else ","


def read_csv(path: Path, encoding: str | None = None, text_column: str = "text") -> list[ArticleDraft]:
    raw = read_text(path, encoding)
    reader = csv.DictReader(io.StringIO(raw, newline=""), delimiter=delimiter(path, raw), quotechar='"',
                            doublequote=True, escapechar=None, skipinitialspace=False, strict=True)
    drafts = []
    try:
        if not reader.fieldnames or text_column not in reader.fieldnames:
            cols = ", ".join(reader.fieldnames or []) or "none"
            raise fail(path, 1, f"no {text_column!r} column (columns: {cols[:300]}); name it with --text-column")
        for row in reader:
            n = reader.line_num
            if None in row:
                raise fail(path, n, f"more fields than the header has ({len(reader.fieldnames)})")
            text = row.get(text_column)
            if text is None:
                raise fail(path, n, "fewer fields than the header has")
            if not text.strip():
                raise fail(path, n, f"empty {text_column!r}")
            published = None
            if row.get("published"):
                try:
                    published = date.fromisoformat(row["published"].strip()[:10])
                except ValueError:
                    raise fail(path, n, f"published {row['published'][:40]!r} is not a date (YYYY-MM-DD)") from None
            meta = {k: v for k, v in row.items() if k not in (text_column, "title", "place", "published") and v != ""}
            drafts.append(ArticleDraft(text=text, title=(row.get("title") or None), place=(row.get("place") or None),
                                       published=published, meta=meta, source=path.name, line=n))
    except csv.Error as exc:
        line = reader.reader.line_num  # DictReader's own line_num lags behind on an error
        if "field larger than field limit" in str(exc):
            raise fail(path, line, f"a field is longer than the {MAX_ARTICLE_CHARS:,} characters "
                                              "an article may have (split it into several articles)") from None
        raise fail(path, line, f"malformed CSV ({exc})") from None
    if not drafts:
        raise fail(path, None, "no rows in this file")
    return drafts
