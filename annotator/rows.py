"""The one codec between domain objects (`models`) and the rows of the project file (`db`).

Every reader and writer of the main tables goes through here: the column lists, how a model
becomes a row and back (lists as JSON text, booleans as 0/1, dates as ISO text), and the one
INSERT builder. Adding a column means changing `db` (a migration), `models` and this module.
"""

from __future__ import annotations

import hashlib
import json
import operator
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from .models import Article, Entity, Quote, Source, Stance

ENTITY_COLS = ("id", "article_id", "start", "end", "label", "person_id", "origin", "confidence", "reviewed", "version")
QUOTE_COLS = (
    "id", "article_id", "start", "end", "kind", "cue_start", "cue_end", "speaker_id", "speaker_start",
    "speaker_end", "stances", "claim", "claim_confidence", "checkworthy", "note", "origin", "confidence", "reviewed", "version",
)
SOURCE_COLS = ("id", "name", "aliases", "kind", "org_id", "article_id", "origin", "version")  # the persons table
ARTICLE_COLS = ("id", "title", "place", "text", "source", "published", "meta", "status", "model", "content_hash", "version",
                "flagged", "comment")
# Columns an import writes of a new article (the rest are the table's defaults or kept by triggers).
ARTICLE_IMPORT_COLS = ("id", "title", "place", "text", "source", "published", "meta", "status", "model", "content_hash",
                       "created_at", "updated_at")


def now() -> str:
    """The timestamp every table and the audit log use: UTC, ISO 8601, milliseconds."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def content_hash(text: str) -> str:
    """An article's identity: the same text is the same article, whatever file it came from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cols(names: Iterable[str]) -> str:
    """A column list for SQL, every name quoted ("end" is a keyword)."""
    return ", ".join(f'"{c}"' for c in names)


# --- JSON-valued columns --------------------------------------------------------------------------

def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def stances_json(stances: Iterable[Stance | Mapping]) -> str:
    """A quote's stances as stored: a list of {target, label[, confidence]}, no null values."""
    if not stances:
        return "[]"  # most quotes of an import: no encoder run for them
    items = (s.model_dump() if isinstance(s, Stance) else s for s in stances)
    return json_text([{k: v for k, v in s.items() if v is not None} for s in items])


def aliases_json(aliases: Iterable[str]) -> str:
    return json_text(list(aliases))


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _flag_value(value: int | None) -> bool | None:
    return None if value is None else bool(value)


# --- model -> row ---------------------------------------------------------------------------------

# Fields are read one by one (not `model_dump`): an import encodes 100,000 of these a second.

def entity_to_row(e: Entity) -> dict:
    d = {c: getattr(e, c) for c in ENTITY_COLS}
    d["reviewed"] = int(d["reviewed"])
    return d


def quote_to_row(q: Quote) -> dict:
    d = {c: getattr(q, c) for c in QUOTE_COLS}
    d["stances"] = stances_json(d["stances"])
    d["reviewed"] = int(d["reviewed"])
    d["checkworthy"] = _flag(d["checkworthy"])
    return d


def article_to_row(a: Article) -> dict:
    d = {c: getattr(a, c) for c in ARTICLE_COLS}
    d["meta"] = json_text(d["meta"])
    d["published"] = a.published.isoformat() if a.published else None
    d["flagged"] = int(d["flagged"])
    return d


def source_to_row(p: Source) -> dict:
    d = {c: getattr(p, c) for c in SOURCE_COLS}
    d["aliases"] = aliases_json(d["aliases"])
    return d


# What the bulk writer stores of a draft's entity or quote, as a tuple in these columns' order: the
# ids (the article's, the project's one of the draft's source) are the writer's to add. Booleans and
# enum values bind as they are (True is stored as 1, Origin.MODEL as 'model').
ENTITY_DRAFT_COLS = tuple(c for c in ENTITY_COLS if c not in ("id", "article_id", "person_id", "version"))
QUOTE_DRAFT_COLS = tuple(c for c in QUOTE_COLS if c not in ("id", "article_id", "speaker_id", "version"))
entity_draft_values = operator.attrgetter(*ENTITY_DRAFT_COLS)
_quote_fields = operator.attrgetter(*QUOTE_DRAFT_COLS)
_STANCES = QUOTE_DRAFT_COLS.index("stances")


def quote_draft_values(q: Quote) -> tuple:
    v = _quote_fields(q)
    return (*v[:_STANCES], stances_json(v[_STANCES]), *v[_STANCES + 1:])


TO_ROW = {"entities": entity_to_row, "quotes": quote_to_row, "persons": source_to_row, "articles": article_to_row}


# --- row -> model ---------------------------------------------------------------------------------
# `validate=False` trusts rows that were validated on their way in (bulk exports read every
# article: validation would be a tenth of their time).

def entity_from_row(r: sqlite3.Row | Mapping, validate: bool = True, **fixed: Any) -> Entity:
    """`fixed`: values for columns the row does not have (an annotator's layer has no review state)."""
    d = {k: fixed[k] if k in fixed else r[k] for k in ENTITY_COLS}
    d["reviewed"] = bool(d["reviewed"])
    return Entity.model_validate(d) if validate else Entity.model_construct(**d)


def quote_from_row(r: sqlite3.Row | Mapping, validate: bool = True, **fixed: Any) -> Quote:
    d = {k: fixed[k] if k in fixed else r[k] for k in QUOTE_COLS}
    d["stances"] = json.loads(d["stances"])
    d["reviewed"] = bool(d["reviewed"])
    d["checkworthy"] = _flag_value(d["checkworthy"])
    if validate:
        return Quote.model_validate(d)
    d["stances"] = [Stance.model_construct(**{"confidence": None, **x}) for x in d["stances"]]
    return Quote.model_construct(**d)


def source_from_row(r: sqlite3.Row | Mapping) -> Source:
    d = {k: r[k] for k in SOURCE_COLS}
    d["aliases"] = json.loads(d["aliases"])
    return Source.model_validate(d)


def article_from_row(r: sqlite3.Row | Mapping) -> Article:
    d = {k: r[k] for k in ARTICLE_COLS}
    d["meta"] = json.loads(d["meta"])
    d["flagged"] = bool(d["flagged"])
    return Article.model_validate(d)


# Per table: its columns and how a row of them becomes a model.
COLUMNS = {"entities": ENTITY_COLS, "quotes": QUOTE_COLS, "persons": SOURCE_COLS, "articles": ARTICLE_COLS}
FROM_ROW = {"entities": entity_from_row, "quotes": quote_from_row, "persons": source_from_row,
            "articles": article_from_row}


# --- writing --------------------------------------------------------------------------------------

def insert(conn: sqlite3.Connection, table: str, values: Mapping[str, Any]) -> int:
    """INSERT one row (an id of None lets SQLite choose it); returns the row's id."""
    values = {k: v for k, v in values.items() if k != "id" or v is not None}
    return conn.execute(f"INSERT INTO {table} ({cols(values)}) VALUES ({','.join('?' * len(values))})",
                        list(values.values())).lastrowid


def insert_many(conn: sqlite3.Connection, table: str, names: Sequence[str], rows: Iterable[Sequence]) -> None:
    """INSERT many rows of the same columns in one statement run (rows: tuples in `names` order)."""
    conn.executemany(f"INSERT INTO {table} ({cols(names)}) VALUES ({','.join('?' * len(names))})", rows)
