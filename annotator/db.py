"""Opening, creating and migrating the project file (one SQLite database).

A project is recognised by `PRAGMA application_id`; its schema version is `PRAGMA user_version`.
Opening never writes before it has checked both, so a file that is not a project, or one written
by a newer version, is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote as urlquote

from .errors import AnnotatorError, DamagedError, NewerVersionError, ProjectOpenError, ReadOnlyError, SaveFailed
from .fsutil import atomic_path, commit_file, discard, prepare_parent, sweep, temp_sibling, write_error
from .fsutil import reason as fs_reason
from .models import SOURCE_KINDS, Status
from .projectfile import OPEN_LOCK, read_header

APP_ID = 0x414E4E54  # "ANNT"
SCHEMA_VERSION = 8
SQLITE_HEADER = b"SQLite format 3\x00"

STATUSES = tuple(s.value for s in Status)  # ("new", "in_progress", "done", "skipped")

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
SUGGESTION_CONFIDENCE = """coalesce((SELECT avg(coalesce(q.confidence, 1.0)) FROM quotes q
        WHERE q.article_id = {aid} AND q.reviewed = 0), 2.0)"""
_CONFIDENCE_TRIGGERS = "".join(f"""
CREATE TRIGGER quotes_confidence_{name} AFTER {event} ON quotes BEGIN
  UPDATE articles SET suggestion_confidence = {SUGGESTION_CONFIDENCE.format(aid=f"{row}.article_id")}
  WHERE id = {row}.article_id;{extra}
END;""" for name, event, row, extra in (
    ("ai", "INSERT", "new", ""),
    ("ad", "DELETE", "old", ""),
    ("au", "UPDATE OF reviewed, confidence, article_id", "new",
     "\n  UPDATE articles SET suggestion_confidence = "
     + SUGGESTION_CONFIDENCE.format(aid="old.article_id") + "\n  WHERE id = old.article_id AND old.article_id != new.article_id;"),
))


def _migrate_to_3(conn: sqlite3.Connection) -> None:
    # An article-level flag and comment (a question for the team, a reason to come back); the
    # least-sure-first key and its triggers; an index to find each annotator's previous edit
    # (time spent per article is read from the audit log).
    conn.execute("ALTER TABLE articles ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE articles ADD COLUMN comment TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE articles ADD COLUMN suggestion_confidence REAL NOT NULL DEFAULT 2.0")
    conn.execute("CREATE INDEX quotes_review ON quotes (article_id, reviewed, confidence)")
    conn.execute(f"UPDATE articles SET suggestion_confidence = {SUGGESTION_CONFIDENCE.format(aid='articles.id')}"
                 " WHERE id IN (SELECT article_id FROM quotes WHERE reviewed = 0)")
    conn.execute("CREATE INDEX articles_review ON articles (suggestion_confidence, id)")
    _execute_script(conn, _CONFIDENCE_TRIGGERS)
    conn.execute("CREATE INDEX audit_user_ts ON audit (user, ts)")


_TEAM_TABLES = """
CREATE TABLE team_assignments (
    annotator TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    round INTEGER NOT NULL,
    PRIMARY KEY (annotator, article_id)
) WITHOUT ROWID;
CREATE INDEX team_assignments_article ON team_assignments (article_id);
CREATE TABLE layer_articles (
    annotator TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    status TEXT NOT NULL,
    updated_at TEXT,
    done_at TEXT,
    seconds REAL NOT NULL DEFAULT 0,
    round INTEGER,
    merged_at TEXT NOT NULL,
    digest TEXT NOT NULL,
    PRIMARY KEY (annotator, article_id)
) WITHOUT ROWID;
CREATE INDEX layer_articles_article ON layer_articles (article_id, status);
CREATE TABLE layer_entities (
    id INTEGER PRIMARY KEY,
    annotator TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    item INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    label TEXT NOT NULL,
    person_id INTEGER,
    version INTEGER NOT NULL DEFAULT 0,
    UNIQUE (article_id, annotator, item)
);
CREATE TABLE layer_quotes (
    id INTEGER PRIMARY KEY,
    annotator TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    item INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    cue_start INTEGER,
    cue_end INTEGER,
    speaker_id INTEGER,
    speaker_start INTEGER,
    speaker_end INTEGER,
    stances TEXT NOT NULL DEFAULT '[]',
    claim TEXT,
    checkworthy INTEGER,
    note TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 0,
    UNIQUE (article_id, annotator, item)
);
CREATE INDEX layer_quotes_speaker ON layer_quotes (speaker_id);
CREATE TABLE adjudications (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    unit_start INTEGER NOT NULL,
    unit_end INTEGER NOT NULL,
    field TEXT NOT NULL,
    value TEXT,
    source TEXT,
    version INTEGER NOT NULL DEFAULT 0,
    UNIQUE (article_id, unit_start, unit_end, field)
);
"""


def _migrate_to_4(conn: sqlite3.Connection) -> None:
    # A team annotates one corpus (annotator/team/): which annotator got which article in which
    # round; each annotator's merged work as *their layer* (kept apart from the main tables, which
    # stay the gold layer every other code path reads); the adjudicator's decisions per quote unit.
    # Person ids in layers carry no foreign key: merging persons moves them (ops.merge_persons).
    # One index per layer table (by article, then annotator): merging millions of entity rows
    # is mostly index upkeep.
    _execute_script(conn, _TEAM_TABLES)


def _migrate_to_5(conn: sqlite3.Connection) -> None:
    # The content hash of the text the model's suggestions were computed on: a re-run (or a killed
    # run resumed) skips articles the same model already did on the same text. Text never changed
    # before this version, so what was pre-annotated was pre-annotated on the current text.
    conn.execute("ALTER TABLE articles ADD COLUMN preannotated_hash TEXT")
    conn.execute("UPDATE articles SET preannotated_hash = content_hash WHERE model IS NOT NULL")


def _migrate_to_6(conn: sqlite3.Connection) -> None:
    # A speaker is a source of a kind; the persons table holds them all, existing rows as persons.
    # An unnamed source may speak for an organisation; a described one belongs to its article.
    conn.execute(f"ALTER TABLE persons ADD COLUMN kind TEXT NOT NULL DEFAULT 'person' CHECK (kind IN {SOURCE_KINDS!r})")
    conn.execute("ALTER TABLE persons ADD COLUMN org_id INTEGER REFERENCES persons (id)")
    conn.execute("ALTER TABLE persons ADD COLUMN article_id INTEGER REFERENCES articles (id)")
    conn.execute("CREATE INDEX persons_article ON persons (article_id)")


def _migrate_to_7(conn: sqlite3.Connection) -> None:
    # Most entities link no source: indexing only those that do spares an import a third of the
    # index entries it wrote per entity (the lookups are by a source's id, never for "none").
    conn.execute("DROP INDEX entities_person")
    conn.execute("CREATE INDEX entities_person ON entities (person_id) WHERE person_id IS NOT NULL")


# The search index without positions (detail=none): a search is words, the last a prefix
# (`store.fts_query`), never a phrase or NEAR, so where a word stands in an article is never asked.
_FTS_TABLE_WORDS_ONLY = """
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content='articles', content_rowid='id', detail=none, tokenize='unicode61 remove_diacritics 2'
);
"""


def _migrate_to_8(conn: sqlite3.Connection) -> None:
    # Positions were a quarter of what an import writes and a third of the file, for searches that
    # never read them (benchmarks/storage.py); the index is made again from the articles.
    conn.execute("DROP TABLE articles_fts")
    conn.execute(_FTS_TABLE_WORDS_ONLY)
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")


# user_version N -> function bringing a database at N-1 up to N. Append, never edit.
MIGRATIONS = {1: _migrate_to_1, 2: _migrate_to_2, 3: _migrate_to_3, 4: _migrate_to_4, 5: _migrate_to_5, 6: _migrate_to_6,
              7: _migrate_to_7, 8: _migrate_to_8}


def connect(path: Path, *, must_exist: bool, read_only: bool = False, immutable: bool = False) -> sqlite3.Connection:
    mode = "ro" if read_only else ("rw" if must_exist else "rwc")
    uri = f"file:{urlquote(str(path.resolve()))}?mode={mode}" + ("&immutable=1" if immutable else "")
    with OPEN_LOCK:  # see projectfile.read_header: no connection may open while the header is read
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=10.0)
    return conn


def _configure(conn: sqlite3.Connection, read_only: bool = False) -> None:
    if not read_only:
        # WAL keeps readers and one writer apart; synchronous=NORMAL in WAL mode is durable against a
        # killed process (the WAL is written before COMMIT returns), which is the crash we test for.
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    else:
        conn.execute("PRAGMA query_only=1")  # Project.read_only reads this back
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute("PRAGMA cache_size=-32000")
    # Check each b-tree page's cells as it is read: a page overwritten with junk then fails as
    # "malformed" (which names `annotator check`) instead of being written back into.
    conn.execute("PRAGMA cell_size_check=ON")


def read_only_reason(path: Path) -> str | None:
    """Why the project cannot be written (None if it can): SQLite needs the file and, for its
    -wal and -shm, the folder."""
    if not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(path.parent, os.W_OK):
        wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
        if not (wal.exists() and shm.exists() and os.access(wal, os.W_OK) and os.access(shm, os.W_OK)):
            return "its folder is read-only"
    return None


def create(path: Path, settings: dict[str, str]) -> sqlite3.Connection:
    """A new project at `path`, all or nothing: built in a temporary sibling file and moved to
    `path` only once complete, so a full disk or a kill never leaves a half-made project there."""
    if path.exists() and path.stat().st_size > 0:
        raise ProjectOpenError(f"{path}: already exists; open it instead of creating it")
    prepare_parent(path)
    sweep(path)
    tmp = temp_sibling(path)
    try:
        conn = connect(tmp, must_exist=False)
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
        finally:
            conn.close()  # the last connection: SQLite removes the -wal and -shm files
        commit_file(tmp, path, overwrite=path.exists())  # over an empty file only
    except (sqlite3.Error, OSError) as exc:
        raise write_error(path, exc, "cannot create the project") from None
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            discard(Path(str(tmp) + suffix))
    conn = connect(path, must_exist=True)
    _configure(conn)
    return conn


def check_header(path: Path) -> None:
    """Refuse, with the right words, a file SQLite would only call "not a database"."""
    try:
        size = path.stat().st_size
        head = read_header(path) if size else b""
    except OSError as exc:
        raise ProjectOpenError(f"{path}: cannot read ({exc.strerror})") from None
    if not head:
        raise ProjectOpenError(f"{path}: empty file, not an annotator project")
    if not head.startswith(SQLITE_HEADER):
        raise ProjectOpenError(f"{path}: not an annotator project (not an SQLite database)")
    if len(head) < 100:
        raise ProjectOpenError(f"{path}: corrupt project file (truncated header)")


def open_existing(path: Path) -> sqlite3.Connection:
    """Open a project file, refusing anything that is not a project this version can read.

    A project that cannot be written (see `read_only_reason`) is opened read-only: every write on
    the connection then fails, and `Project.read_only` says so before anyone tries."""
    if not path.exists():
        raise ProjectOpenError(f"{path}: no such project (create one with `annotator init`)")
    if path.is_dir():
        raise ProjectOpenError(f"{path}: is a folder, not a project file")
    check_header(path)
    reason = read_only_reason(path)
    # In a read-only folder SQLite cannot create the -shm a WAL reader needs. With no -wal there is
    # nothing beyond the main file to read and nobody can be writing: read it as immutable.
    immutable = reason is not None and not os.access(path.parent, os.W_OK) and not Path(f"{path}-wal").exists()
    conn = connect(path, must_exist=True, read_only=reason is not None, immutable=immutable)
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
            if reason is not None:
                raise ReadOnlyError(f"{path}: read-only ({reason}) and written by an older version (schema "
                                    f"{version}); copy it to a folder you can write to and open the copy")
            _migrate(conn, path)
        _configure(conn, read_only=reason is not None)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if reason is not None and getattr(exc, "sqlite_errorname", "").startswith("SQLITE_CANTOPEN"):
            raise ReadOnlyError(f"{path}: read-only ({reason}) and cannot be opened ({exc})") from None
        if isinstance(exc, sqlite3.OperationalError) and any(
                w in str(exc) for w in ("disk I/O", "disk is full", "unable to open")):
            # the disk, not the file: full, or its -shm/-wal cannot be made
            raise ProjectOpenError(f"{path}: cannot open ({fs_reason(exc)})") from None
        raise ProjectOpenError(f"{path}: corrupt project file ({exc}); `annotator check --db {path}` says more") from None
    except BaseException:
        conn.close()
        raise
    return conn


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the file up to SCHEMA_VERSION, once, even if several processes open it at the same moment."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read under the write lock: another process may have migrated since we looked.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version < SCHEMA_VERSION:
            # Keep the file as it was before migrating: an older app can still open the copy.
            keep = path.with_name(f"{path.name}.schema{version}.bak")
            if version >= 1 and not keep.exists():
                _copy_committed(path, keep)
            for v in range(version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[v](conn)
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise


def _copy_committed(path: Path, dest: Path) -> None:
    """Copy the file's committed state with SQLite's backup, through a reader of its own (the
    connection holding the write lock cannot be a backup's source)."""
    reader = connect(path, must_exist=True)
    try:
        with contextlib.suppress(FileExistsError), atomic_path(dest) as tmp:
            copy = sqlite3.connect(str(tmp))
            try:
                reader.backup(copy)
            finally:
                copy.close()
    finally:
        reader.close()


def explain(exc: sqlite3.Error, path: Path | str) -> Exception:
    """The one-line error a user can act on for an SQLite error met while reading or writing `path`.

    An interrupt (a cancelled job) is returned as it is: callers tell it from a failure."""
    msg = str(exc)
    name = getattr(exc, "sqlite_errorname", "") or ""
    if "interrupt" in msg:
        return exc
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in msg:
        return DamagedError(f"{path}: the project file is damaged ({msg}); run `annotator check --db {path}` "
                            "to see what is readable and copy it to a new file")
    if name.startswith("SQLITE_READONLY") or "readonly" in msg:
        return ReadOnlyError(f"{path}: read-only, the edit was not saved ({msg})")
    if name == "SQLITE_FULL" or "disk is full" in msg:
        return SaveFailed(f"{path}: the disk is full, the edit was not saved")
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")) or "disk I/O" in msg:
        return SaveFailed(f"{path}: could not write to the disk ({msg}), the edit was not saved")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in msg:
        return AnnotatorError(f"{path}: the project is busy (another program holds it for writing); try again")
    return AnnotatorError(f"{path}: database error ({msg})")
