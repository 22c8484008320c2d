"""Opening, creating and migrating the project file (one SQLite database).

A project is recognised by `PRAGMA application_id`; its schema version is `PRAGMA user_version`.
Opening never writes before it has checked both, so a file that is not a project, or one written
by a newer version, is left exactly as it was.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote as urlquote

from .errors import NewerVersionError, ProjectOpenError

APP_ID = 0x414E4E54  # "ANNT"
SCHEMA_VERSION = 3
SQLITE_HEADER = b"SQLite format 3\x00"

STATUSES = ("new", "in_progress", "done", "skipped")

_SCHEMA_V1 = f"""
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    title TEXT,
    place TEXT,
    text TEXT NOT NULL,
    source TEXT,
    published TEXT,
    meta TEXT NOT NULL DEFAULT '{{}}',
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN {STATUSES!r}),
    model TEXT,
    content_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX articles_status ON articles (status, id);
CREATE TABLE persons (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    origin TEXT NOT NULL DEFAULT 'model' CHECK (origin IN ('model', 'human')),
    version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX persons_name ON persons (name COLLATE NOCASE);
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    label TEXT NOT NULL,
    person_id INTEGER REFERENCES persons (id),
    origin TEXT NOT NULL DEFAULT 'model' CHECK (origin IN ('model', 'human')),
    confidence REAL,
    reviewed INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 0,
    CHECK (start >= 0 AND "end" > start)
);
CREATE INDEX entities_article ON entities (article_id, start);
CREATE INDEX entities_person ON entities (person_id);
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    cue_start INTEGER,
    cue_end INTEGER,
    speaker_id INTEGER REFERENCES persons (id),
    speaker_start INTEGER,
    speaker_end INTEGER,
    stances TEXT NOT NULL DEFAULT '[]',
    claim TEXT,
    checkworthy INTEGER,
    note TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT 'model' CHECK (origin IN ('model', 'human')),
    confidence REAL,
    reviewed INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 0,
    CHECK (start >= 0 AND "end" > start)
);
CREATE INDEX quotes_article ON quotes (article_id, start);
CREATE INDEX quotes_speaker ON quotes (speaker_id);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    user TEXT NOT NULL,
    op TEXT NOT NULL,
    tbl TEXT NOT NULL,
    row_id INTEGER,
    article_id INTEGER,
    field TEXT NOT NULL,
    old TEXT,
    new TEXT
);
CREATE INDEX audit_article ON audit (article_id, id);
"""

# External-content FTS5 index over the articles' title and text. Our own triggers fire only when
# title or text change: status and version bumps on every edit must not re-index 600 words.
_FTS_TRIGGERS = """
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
"""


_FTS_TABLE = """
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
"""


def _execute_script(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: `executescript` would COMMIT the migration's transaction halfway."""
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            conn.execute(buf)
            buf = ""
    if buf.strip():
        conn.execute(buf)


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    _execute_script(conn, _SCHEMA_V1 + _FTS_TABLE + _FTS_TRIGGERS)


def _migrate_to_2(conn: sqlite3.Connection) -> None:
    # Trained claim classifiers give a confidence for their claim suggestion.
    conn.execute("ALTER TABLE quotes ADD COLUMN claim_confidence REAL")


# An article's "least sure first" key (`review_queue`): the mean confidence of its unreviewed
# quote suggestions (NULL confidences count as 1.0), 2.0 when none is left. Kept by triggers, so
# every path that writes quotes (operations, undo, import, pre-annotation) keeps it true, and
# the list can walk an index instead of averaging 100,000 articles' quotes for every page.
_SUGGESTION_CONFIDENCE = """coalesce((SELECT avg(coalesce(q.confidence, 1.0)) FROM quotes q
        WHERE q.article_id = {aid} AND q.reviewed = 0), 2.0)"""
_CONFIDENCE_TRIGGERS = "".join(f"""
CREATE TRIGGER quotes_confidence_{name} AFTER {event} ON quotes BEGIN
  UPDATE articles SET suggestion_confidence = {_SUGGESTION_CONFIDENCE.format(aid=f"{row}.article_id")}
  WHERE id = {row}.article_id;{extra}
END;""" for name, event, row, extra in (
    ("ai", "INSERT", "new", ""),
    ("ad", "DELETE", "old", ""),
    ("au", "UPDATE OF reviewed, confidence, article_id", "new",
     "\n  UPDATE articles SET suggestion_confidence = "
     + _SUGGESTION_CONFIDENCE.format(aid="old.article_id") + "\n  WHERE id = old.article_id AND old.article_id != new.article_id;"),
))


def _migrate_to_3(conn: sqlite3.Connection) -> None:
    # An article-level flag and comment (a question for the team, a reason to come back); the
    # least-sure-first key and its triggers; an index to find each annotator's previous edit
    # (time spent per article is read from the audit log).
    conn.execute("ALTER TABLE articles ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE articles ADD COLUMN comment TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE articles ADD COLUMN suggestion_confidence REAL NOT NULL DEFAULT 2.0")
    conn.execute("CREATE INDEX quotes_review ON quotes (article_id, reviewed, confidence)")
    conn.execute(f"UPDATE articles SET suggestion_confidence = {_SUGGESTION_CONFIDENCE.format(aid='articles.id')}"
                 " WHERE id IN (SELECT article_id FROM quotes WHERE reviewed = 0)")
    conn.execute("CREATE INDEX articles_review ON articles (suggestion_confidence, id)")
    _execute_script(conn, _CONFIDENCE_TRIGGERS)
    conn.execute("CREATE INDEX audit_user_ts ON audit (user, ts)")


# user_version N -> function bringing a database at N-1 up to N. Append, never edit.
MIGRATIONS = {1: _migrate_to_1, 2: _migrate_to_2, 3: _migrate_to_3}


def _header(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(100)


def connect(path: Path, *, must_exist: bool) -> sqlite3.Connection:
    uri = f"file:{urlquote(str(path.resolve()))}?mode={'rw' if must_exist else 'rwc'}"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=10.0)
    return conn


def _configure(conn: sqlite3.Connection) -> None:
    # WAL keeps readers and one writer apart; synchronous=NORMAL in WAL mode is durable against a
    # killed process (the WAL is written before COMMIT returns), which is the crash we test for.
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute("PRAGMA cache_size=-32000")


def create(path: Path, settings: dict[str, str]) -> sqlite3.Connection:
    if path.exists() and path.stat().st_size > 0:
        raise ProjectOpenError(f"{path}: already exists; open it instead of creating it")
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path, must_exist=False)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(f"PRAGMA application_id={APP_ID}")
        for version in sorted(MIGRATIONS):
            MIGRATIONS[version](conn)
        conn.executemany("INSERT INTO settings (key, value) VALUES (?, ?)", settings.items())
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the header on disk now names the file as ours
    except BaseException:
        conn.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        raise
    _configure(conn)
    return conn


def open_existing(path: Path) -> sqlite3.Connection:
    """Open a project file, refusing anything that is not a project this version can read."""
    if not path.exists():
        raise ProjectOpenError(f"{path}: no such project (create one with `annotator init`)")
    if path.is_dir():
        raise ProjectOpenError(f"{path}: is a folder, not a project file")
    try:
        head = _header(path)
    except OSError as exc:
        raise ProjectOpenError(f"{path}: cannot read ({exc.strerror})") from None
    if not head:
        raise ProjectOpenError(f"{path}: empty file, not an annotator project")
    if not head.startswith(SQLITE_HEADER):
        raise ProjectOpenError(f"{path}: not an annotator project (not an SQLite database)")
    if len(head) < 100:
        raise ProjectOpenError(f"{path}: corrupt project file (truncated header)")
    conn = connect(path, must_exist=True)
    try:
        # Reading these pragmas writes nothing. (The header bytes alone are not enough: in WAL mode
        # the newest values may still be in the -wal file.)
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APP_ID:
            raise ProjectOpenError(f"{path}: not an annotator project (an SQLite database of another application)")
        if version > SCHEMA_VERSION:
            raise NewerVersionError(f"{path}: written by a newer version of annotator (schema {version}, this one "
                                    f"reads up to {SCHEMA_VERSION}); update the app")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        missing = {"settings", "articles", "persons", "entities", "quotes", "audit"} - tables
        if version >= 1 and missing:
            raise ProjectOpenError(f"{path}: corrupt project file (missing tables: {', '.join(sorted(missing))})")
        conn.execute("SELECT count(*) FROM settings").fetchone()
        if version < SCHEMA_VERSION:
            # Keep the file as it was before migrating: an older app can still open the copy.
            keep = path.with_name(f"{path.name}.schema{version}.bak")
            if version >= 1 and not keep.exists():
                copy = sqlite3.connect(str(keep))
                conn.backup(copy)
                copy.close()
            conn.execute("BEGIN IMMEDIATE")
            for v in range(version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[v](conn)
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            conn.execute("COMMIT")
        _configure(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise ProjectOpenError(f"{path}: corrupt project file ({exc})") from None
    except BaseException:
        conn.close()
        raise
    return conn
