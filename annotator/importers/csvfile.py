"""CSV with one article per row: a text column (default `text`), optional title, place, published;
every other column is kept in the article's meta."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from ..models import ArticleDraft
from .base import fail, read_text

csv.field_size_limit(64 * 1024 * 1024)  # a long article in one cell is normal


def read_csv(path: Path, encoding: str | None = None, text_column: str = "text") -> list[ArticleDraft]:
    raw = read_text(path, encoding)
    try:
        dialect = csv.Sniffer().sniff(raw[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(raw, newline=""), dialect=dialect, strict=True)
    if not reader.fieldnames or text_column not in reader.fieldnames:
        cols = ", ".join(reader.fieldnames or []) or "none"
        raise fail(path, 1, f"no {text_column!r} column (columns: {cols}); name it with --text-column")
    drafts = []
    try:
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
                    raise fail(path, n, f"published {row['published']!r} is not a date (YYYY-MM-DD)") from None
            meta = {k: v for k, v in row.items() if k not in (text_column, "title", "place", "published") and v != ""}
            drafts.append(ArticleDraft(text=text, title=(row.get("title") or None), place=(row.get("place") or None),
                                       published=published, meta=meta, source=path.name, line=n))
    except csv.Error as exc:
        raise fail(path, reader.line_num, f"malformed CSV ({exc})") from None
    if not drafts:
        raise fail(path, None, "no rows in this file")
    return drafts
