"""`annotator check`: is the project file whole, and if not, what of it can still be read.

Both read the project through a read-only SQLite connection: the original is never written (a
read-write connection could checkpoint a -wal into a damaged file on close).

Recovery copies what is readable into a new project. Python 3.11's sqlite3 exposes no recovery
API (SQLite's recover extension is 3.44+, and not in the standard library), so it is done here,
table by table in rowid order: a range scan stops at the first unreadable page; from there rows
are fetched one rowid at a time (a seek by rowid goes around a damaged leaf) and scanning resumes
as soon as a range reads again. Indexes and the full-text index are rebuilt in the new file, so
damage confined to them costs nothing. Rows that point at a lost article are dropped; links to a
lost person are cleared. Everything lost is counted in the report.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import db
from .errors import AnnotatorError, ProjectOpenError
from .fsutil import atomic_path

TABLES = ("settings", "persons", "articles", "entities", "quotes", "audit")  # parents before children
BATCH = 256
PROBE_LIMIT = 200_000  # rowids probed past the last readable one when the table's end is unreadable


def _reader(path: Path) -> sqlite3.Connection:
    if not path.exists() or path.is_dir():
        raise ProjectOpenError(f"{path}: no such project file")
    db.check_header(path)
    return db.connect(path, must_exist=True, read_only=True)


def check(path: Path, quick: bool = False) -> list[str]:
    """SQLite's integrity_check (or quick_check): ["ok"] or the problems found (at most 100).

    Some damage stops the check itself ("malformed"); then each table is checked on its own, so
    the report still says which tables are whole."""
    conn = _reader(path)
    pragma = "quick_check" if quick else "integrity_check"
    try:
        try:
            return [r[0] for r in conn.execute(f"PRAGMA {pragma}(100)")]
        except sqlite3.DatabaseError:
            pass
        try:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        except sqlite3.DatabaseError as exc:
            return [f"the table of contents (first page) is unreadable: {exc}"]
        problems = []
        for t in tables:
            try:
                problems += [f"{t}: {r[0]}" for r in conn.execute(f'PRAGMA {pragma}("{t}")') if r[0] != "ok"]
            except sqlite3.DatabaseError as exc:
                problems.append(f"table {t}: unreadable ({exc})")
        return problems or ["the check could not run to its end, though every table on its own reads"]
    finally:
        conn.close()


@dataclass
class TableReport:
    copied: int = 0
    unreadable: int = 0  # rowids whose page could not be read
    dropped: int = 0  # rows that pointed at an article that was lost
    unlinked: int = 0  # links to a lost person, cleared


@dataclass
class Salvage:
    dest: Path
    tables: dict[str, TableReport] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def lost_anything(self) -> bool:
        return any(t.unreadable or t.dropped or t.unlinked for t in self.tables.values()) or bool(self.notes)


def _max_rowid(src: sqlite3.Connection, table: str) -> int | None:
    try:
        return src.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
    except sqlite3.DatabaseError:
        return None


def _readable_rows(src: sqlite3.Connection, table: str, cols: str, report: TableReport) -> Iterator[tuple]:
    """Every row that can be read, in rowid order (rowid first)."""
    top = _max_rowid(src, table)
    after = -(2 ** 63)
    while True:
        try:
            batch = src.execute(f"SELECT rowid, {cols} FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT {BATCH}",
                                (after,)).fetchall()
        except sqlite3.DatabaseError:
            batch = None
        if batch == []:
            return
        if batch:
            yield from batch
            after = batch[-1][0]
            continue
        # Damage right after `after`: probe one rowid at a time until one reads, then scan again.
        r = max(after, 0) + 1
        end = top if top is not None else r + PROBE_LIMIT
        while r <= end:
            try:
                row = src.execute(f"SELECT rowid, {cols} FROM {table} WHERE rowid = ?", (r,)).fetchone()
            except sqlite3.DatabaseError:
                report.unreadable += 1
                r += 1
                continue
            if row is not None:
                yield row
                break
            r += 1
        if r > end:
            return
        after = r


def recover(path: Path, dest: Path) -> Salvage:
    """Copy what is readable of the project at `path` into a new project at `dest` (never overwritten)."""
    if dest.exists():
        raise AnnotatorError(f"{dest}: already exists; choose a new file for the recovered project")
    if dest.resolve() == path.resolve():
        raise AnnotatorError(f"{dest}: is the damaged file itself; choose a new file")
    src = _reader(path)
    src.execute("PRAGMA cell_size_check=ON")  # a junk page is then an error, not junk rows
    result = Salvage(dest)
    try:
        try:
            version = src.execute("PRAGMA user_version").fetchone()[0]
            present = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            raise AnnotatorError(f"{path}: its table of contents (first page) is unreadable ({exc}); "
                                 "nothing can be recovered from it") from None
        if version > db.SCHEMA_VERSION:
            raise AnnotatorError(f"{path}: written by a newer version of annotator; recover it with that version")
        dest.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(dest) as tmp:
            out = db.create(tmp, {})
            try:
                out.execute("PRAGMA foreign_keys=OFF")  # children of lost parents are sorted out below
                out.execute("BEGIN")
                for table in TABLES:
                    if table not in present:
                        result.notes.append(f"table {table} is missing")
                        continue
                    result.tables[table] = _copy_table(src, out, table)
                _drop_orphans(out, result.tables)
                out.execute("COMMIT")
                problems = [r[0] for r in out.execute("PRAGMA integrity_check")]
                if problems != ["ok"]:
                    raise AnnotatorError(f"{dest}: the recovered copy did not pass its own check ({problems[0]})")
                out.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                out.close()
    finally:
        src.close()
    return result


def _copy_table(src: sqlite3.Connection, out: sqlite3.Connection, table: str) -> TableReport:
    report = TableReport()
    theirs = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
    ours = {r[1] for r in out.execute(f"PRAGMA table_info({table})")}
    cols = [c for c in theirs if c in ours]
    names = ", ".join(f'"{c}"' for c in cols)
    insert = f"INSERT OR REPLACE INTO {table} ({names}) VALUES ({', '.join('?' * len(cols))})"
    for row in _readable_rows(src, table, names, report):
        try:
            out.execute(insert, row[1:])
        except sqlite3.IntegrityError:  # a row whose own content is damaged (a CHECK fails)
            report.unreadable += 1
            continue
        report.copied += 1
    return report


def _drop_orphans(out: sqlite3.Connection, tables: dict[str, TableReport]) -> None:
    for child in ("entities", "quotes"):
        if child not in tables:
            continue
        cur = out.execute(f"DELETE FROM {child} WHERE article_id NOT IN (SELECT id FROM articles)")
        tables[child].dropped += cur.rowcount
        tables[child].copied -= cur.rowcount
    if "persons" in tables:  # a source of a lost article goes with it; a lost organisation's tie is cleared
        cur = out.execute("DELETE FROM persons WHERE article_id IS NOT NULL "
                          "AND article_id NOT IN (SELECT id FROM articles)")
        tables["persons"].dropped += cur.rowcount
        tables["persons"].copied -= cur.rowcount
        out.execute("UPDATE persons SET org_id = NULL WHERE org_id IS NOT NULL "
                    "AND org_id NOT IN (SELECT id FROM persons)")
    for child, col in (("entities", "person_id"), ("quotes", "speaker_id")):
        if child in tables:
            cur = out.execute(f"UPDATE {child} SET {col} = NULL WHERE {col} IS NOT NULL "
                              f"AND {col} NOT IN (SELECT id FROM persons)")
            tables[child].unlinked += cur.rowcount
