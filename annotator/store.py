"""The project: one SQLite file holding the scheme, articles, annotations, persons and audit log.

`Project` reads; every change goes through `annotator.ops` (one transaction each, undoable) or
through the bulk paths here (import, pre-annotation suggestions), which are one transaction each too.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import __version__, db, fsutil, review_queue, suggestions
from .errors import AnnotatorError, DamagedError, NotFoundError, ReadOnlyError, SaveFailed
from .fsutil import atomic_path
from .models import Article, ArticleAnnotations, ArticleDraft, Entity, Person, Quote
from .projectfile import Identity, what_happened
from .recorder import UndoStack
from .rows import COLUMNS, ENTITY_COLS, FROM_ROW, QUOTE_COLS, SOURCE_COLS, cols, entity_from_row, now, quote_from_row, source_from_row
from .scheme import Scheme
from .source_lookup import SourceLookup
from .suggestions import ImportResult


@dataclass(frozen=True)
class ArticleRow:
    """One line of the article list."""

    id: int
    title: str | None
    place: str | None
    status: str
    n_quotes: int
    n_unreviewed: int
    updated_at: str
    source: str | None
    flagged: bool = False
    comment: str = ""
    confidence: float | None = None  # the mean of its unreviewed quote suggestions' (see review_queue)


@dataclass(frozen=True)
class Unreviewed:
    """An article's suggestions nobody has reviewed yet (what marking it done would leave behind)."""

    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.quotes or self.entities)


class Project:
    """An open project. Not thread-safe: use one per thread (SQLite handles the rest)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, user: str | None = None):
        self.path = path
        self.conn = conn
        self.conn.row_factory = sqlite3.Row
        self.user = user or _default_user()
        self._depth = 0
        self._listeners: list[Callable] = []
        self._on_close: list[Callable[[], None]] = []
        self._scheme: Scheme | None = None
        # Which file the path named when opened: a file replaced, moved or deleted underneath us is
        # noticed (see `file_problem`) instead of being written into where nobody will ever look.
        self.identity = Identity.of(path)
        # None, or why nothing can be written (db.open_existing opened it read-only).
        self.read_only: str | None = None
        if self.conn.execute("PRAGMA query_only").fetchone()[0]:
            self.read_only = db.read_only_reason(path) or "opened read-only"
        # Undo/redo live with the open project, as in Anki: the CLI, the GUI and tests share them.
        self.undo_stack = UndoStack(self)

    # --- opening ---------------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path, scheme: Scheme | None = None, user: str | None = None) -> "Project":
        scheme = scheme or Scheme.default()
        p = Path(path)
        conn = db.create(p, {"scheme": scheme.to_json(), "created_with": __version__, "created_at": now()})
        return cls(p, conn, user)

    @classmethod
    def open(cls, path: str | Path, user: str | None = None) -> "Project":
        p = Path(path)
        return cls(p, db.open_existing(p), user)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        while self._on_close:
            self._on_close.pop()()

    def on_close(self, callback: Callable[[], None]) -> None:
        """Call `callback()` once the project is closed (a presence entry to remove, say)."""
        self._on_close.append(callback)

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def file_problem(self) -> str | None:
        """None while the path still names the file we opened; else what became of it, in one line."""
        return what_happened(self.path, self.identity)

    # --- transactions and change events ----------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested calls join the outer one. Rolls back on any error.

        Every SQLite error on the way (disk full, read-only, damaged file) leaves as a one-line
        `AnnotatorError` (see `db.explain`); an interrupt (a cancelled job) stays as it is."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        if self.read_only:
            raise ReadOnlyError(f"{self.path}: read-only ({self.read_only}); nothing can be changed")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise db.explain(exc, self.path) from None
        problem = self.file_problem()  # checked under the write lock, just before writing
        if problem:
            self.conn.execute("ROLLBACK")
            raise SaveFailed(f"{problem}; the edit was not saved")
        self._depth = 1
        try:
            yield self.conn
        except BaseException as exc:
            self._depth = 0
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise db.explain(exc, self.path) from exc
            raise
        self._depth = 0
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise db.explain(exc, self.path) from None

    def subscribe(self, callback: Callable) -> Callable[[], None]:
        """Call `callback(changes)` after every operation, undo and redo. Returns an unsubscribe function."""
        self._listeners.append(callback)
        return lambda: self._listeners.remove(callback)

    def _notify(self, changes) -> None:
        for cb in list(self._listeners):
            cb(changes)

    # --- settings ---------------------------------------------------------------------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str | None) -> None:
        with self.transaction():
            if value is None:
                self.conn.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                self.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value))
        if key == "scheme":
            self._scheme = None

    @property
    def scheme(self) -> Scheme:
        if self._scheme is None:
            self._scheme = Scheme.from_json(self.setting("scheme") or "{}", f"{self.path}: scheme")
        return self._scheme

    def set_scheme(self, scheme: Scheme) -> None:
        self.set_setting("scheme", scheme.to_json())

    # --- reading ----------------------------------------------------------------------------
    def _get(self, table: str, row_id: int, what: str):
        r = self.conn.execute(f"SELECT {cols(COLUMNS[table])} FROM {table} WHERE id = ?", (row_id,)).fetchone()
        if r is None:
            raise NotFoundError(f"no {what} {row_id}")
        return FROM_ROW[table](r)

    def get_article(self, article_id: int) -> Article:
        return self._get("articles", article_id, "article")

    def get_entity(self, entity_id: int) -> Entity:
        return self._get("entities", entity_id, "entity")

    def get_quote(self, quote_id: int) -> Quote:
        return self._get("quotes", quote_id, "quote")

    def get_person(self, person_id: int) -> Person:
        return self._get("persons", person_id, "person")

    def load_article(self, article_id: int, validate: bool = True) -> ArticleAnnotations:
        """One article with its entities, quotes and the persons they name (a handful of indexed queries).

        `validate=False` trusts the rows as they were validated on the way in (bulk exports read
        every article: validation would be a tenth of their time)."""
        article = self.get_article(article_id)
        entities = [entity_from_row(r, validate) for r in self.conn.execute(
            f"SELECT {cols(ENTITY_COLS)} FROM entities WHERE article_id = ? ORDER BY start, \"end\"", (article_id,))]
        quotes = [quote_from_row(r, validate) for r in self.conn.execute(
            f"SELECT {cols(QUOTE_COLS)} FROM quotes WHERE article_id = ? ORDER BY start, \"end\"", (article_id,))]
        pids = {e.person_id for e in entities if e.person_id} | {q.speaker_id for q in quotes if q.speaker_id}
        persons = self.persons_by_id(pids)
        orgs = {p.org_id for p in persons.values() if p.org_id and p.org_id not in persons}
        persons.update(self.persons_by_id(orgs))  # the organisations unnamed speakers speak for
        return ArticleAnnotations(article=article, entities=entities, quotes=quotes, persons=persons)

    def persons_by_id(self, ids) -> dict[int, Person]:
        ids = sorted(ids)
        if not ids:
            return {}
        rows = self.conn.execute(
            f"SELECT {cols(SOURCE_COLS)} FROM persons WHERE id IN ({','.join('?' * len(ids))})", ids)
        return {r["id"]: source_from_row(r) for r in rows}

    def article_persons(self, article_id: int) -> list[Person]:
        """Sources mentioned in, speaking in or described by one article, by canonical name."""
        rows = self.conn.execute(
            f"""SELECT {cols(SOURCE_COLS)} FROM persons WHERE id IN (
                    SELECT person_id FROM entities WHERE article_id = ?1 AND person_id IS NOT NULL
                    UNION SELECT speaker_id FROM quotes WHERE article_id = ?1 AND speaker_id IS NOT NULL)
                    OR article_id = ?1
                ORDER BY name COLLATE NOCASE""", (article_id,))
        return [source_from_row(r) for r in rows]

    def all_persons(self) -> list[Person]:
        return [source_from_row(r) for r in self.conn.execute(
            f"SELECT {cols(SOURCE_COLS)} FROM persons ORDER BY name COLLATE NOCASE")]

    def find_person(self, name: str, kind: str | None = None, article_id: int | None = None) -> Person | None:
        """The source `name` means (`source_lookup`: canonical name, else an alias no other source
        has): of `kind` if given; a source one article only describes counts for that `article_id` alone."""
        known = SourceLookup.of(self.conn, "WHERE article_id IS NULL OR article_id IS ?", (article_id,)).find(
            name, kind, article_id)  # the sources other articles describe never count
        return None if known is None else self.get_person(known.id)

    def _filter_sql(self, status: str | None, search: str | None, only: str | None = None) -> tuple[str, list]:
        where, args = [], []
        if status:
            where.append("a.status = ?")
            args.append(status)
        if search and search.strip():
            where.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            args.append(fts_query(search))
        extra = review_queue.filter_sql(only)
        if extra:
            where.append(extra)
        return (" WHERE " + " AND ".join(where)) if where else "", args

    def count_articles(self, status: str | None = None, search: str | None = None, cap: int | None = None,
                       only: str | None = None) -> int:
        """How many articles match; with `cap`, stop counting there (a search box shows "10,000+").
        `only`: one of `review_queue.FILTERS` (unreviewed, low_confidence, flagged)."""
        where, args = self._filter_sql(status, search, only)
        if cap is None:
            return self.conn.execute(f"SELECT count(*) FROM articles a{where}", args).fetchone()[0]
        return self.conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM articles a{where} LIMIT ?)",
                                 [*args, cap]).fetchone()[0]

    SORT_KEYS = review_queue.ORDERS

    def list_articles(self, status: str | None = None, search: str | None = None, limit: int = 100,
                      offset: int = 0, sort: str = "id", descending: bool = False,
                      only: str | None = None) -> list[ArticleRow]:
        """A page of the article list; `sort` is one of `review_queue.ORDERS` ("uncertainty": least sure first)."""
        where, args = self._filter_sql(status, search, only)
        order = review_queue.order_sql(sort, descending)
        rows = self.conn.execute(
            f"""SELECT a.id, a.title, a.place, a.status, a.updated_at, a.source, a.flagged, a.comment,
                   (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS n_quotes,
                   (SELECT count(*) FROM quotes q WHERE q.article_id = a.id AND q.reviewed = 0) AS n_unreviewed,
                   nullif(a.suggestion_confidence, 2.0) AS confidence
                FROM articles a{where} ORDER BY {order}, a.id LIMIT ? OFFSET ?""", [*args, limit, offset])
        return [ArticleRow(id=r["id"], title=r["title"], place=r["place"], status=r["status"], n_quotes=r["n_quotes"],
                           n_unreviewed=r["n_unreviewed"], updated_at=r["updated_at"], source=r["source"],
                           flagged=bool(r["flagged"]), comment=r["comment"], confidence=r["confidence"])
                for r in rows]

    def unreviewed(self, article_id: int) -> Unreviewed:
        """The article's quotes and entities that are neither human-made nor reviewed, in text order."""
        ann = self.load_article(article_id)
        pending = lambda x: not x.reviewed and x.origin != "human"
        return Unreviewed(tuple(q for q in ann.quotes if pending(q)), tuple(e for e in ann.entities if pending(e)))

    def article_ids(self, status: str | None = None) -> list[int]:
        if status:
            return [r[0] for r in self.conn.execute("SELECT id FROM articles WHERE status = ? ORDER BY id", (status,))]
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY id")]

    def next_article(self, after_id: int, statuses=("new", "in_progress"), order: str = "id") -> int | None:
        """The next article whose status is one of `statuses`: by id after `after_id`, wrapping around;
        with `order="uncertainty"`, the least sure one other than `after_id`."""
        marks = ",".join("?" * len(statuses))
        if order == "uncertainty":
            r = self.conn.execute(
                f"SELECT a.id FROM articles a WHERE a.id != ? AND a.status IN ({marks})"
                f" ORDER BY {review_queue.order_sql(order)}, a.id LIMIT 1", (after_id, *statuses)).fetchone()
            return r[0] if r else None
        r = self.conn.execute(f"SELECT id FROM articles WHERE id > ? AND status IN ({marks}) ORDER BY id LIMIT 1",
                              (after_id, *statuses)).fetchone()
        if r is None:
            r = self.conn.execute(f"SELECT id FROM articles WHERE id < ? AND status IN ({marks}) ORDER BY id LIMIT 1",
                                  (after_id, *statuses)).fetchone()
        return r[0] if r else None

    def stats(self) -> dict:
        c = self.conn
        by_status = {s: 0 for s in db.STATUSES}
        for status, n in c.execute("SELECT status, count(*) FROM articles GROUP BY status"):
            by_status[status] = n
        q = c.execute("SELECT count(*), coalesce(sum(reviewed), 0), coalesce(sum(origin = 'human'), 0) FROM quotes").fetchone()
        e = c.execute("SELECT count(*), coalesce(sum(reviewed), 0) FROM entities").fetchone()
        return {
            "articles": sum(by_status.values()),
            "by_status": by_status,
            "quotes": q[0], "quotes_reviewed": q[1], "quotes_by_human": q[2],
            "entities": e[0], "entities_reviewed": e[1],
            "persons": c.execute("SELECT count(*) FROM persons").fetchone()[0],
            "edits": c.execute("SELECT count(*) FROM audit").fetchone()[0],
        }

    def audit_log(self, article_id: int | None = None, limit: int = 100) -> list[dict]:
        if article_id is None:
            rows = self.conn.execute("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (limit,))
        else:
            rows = self.conn.execute("SELECT * FROM audit WHERE article_id = ? ORDER BY id DESC LIMIT ?", (article_id, limit))
        return [dict(r) for r in rows]

    # --- bulk writes ------------------------------------------------------------------------
    def import_articles(self, drafts: list[ArticleDraft], progress: Callable[[int, int], None] | None = None,
                        refuse: suggestions.Refusal | None = None) -> ImportResult:
        """Add articles (and any suggestions that came with them) in one transaction.

        An article whose text is already in the project is skipped (content hash), so importing
        the same file twice changes nothing. Every draft is checked before anything is written
        (`refuse(draft, why)` makes the error: an importer's names FILE:LINE). `progress(done,
        total)` is called as articles are written; an exception it raises (a Cancel) rolls the
        whole import back.
        """
        with suggestions.collector_paused():
            suggestions.check_drafts(drafts, self.scheme, refuse)
            return self.import_packed(suggestions.packed_batches(drafts), len(drafts), progress)

    def import_packed(self, batches: Iterable[list[suggestions.PackedDraft]], total: int,
                      progress: Callable[[int, int], None] | None = None) -> ImportResult:
        """Add checked drafts batch by batch as they are read, in one transaction: an error the
        batches raise (a bad line further on in a file) rolls the whole import back; see
        `suggestions.write_packed`. `total`: how many drafts the batches hold, for `progress`."""
        with suggestions.collector_paused(), self.transaction():
            return suggestions.write_packed(self.conn, batches, total, progress)

    def apply_suggestions(self, article_id: int, entities: list[Entity], quotes: list[Quote], persons: dict,
                          model: str, content_hash: str | None = None) -> dict:
        """Replace the model's unreviewed suggestions on one article; see `annotator.suggestions`."""
        with self.transaction():
            return suggestions.apply_suggestions(self.conn, self.scheme, article_id, entities, quotes, persons,
                                                 model, content_hash)

    # --- maintenance ------------------------------------------------------------------------
    def backup(self, dest: str | Path) -> Path:
        """Copy the project with SQLite's online backup: consistent even while others write.

        The copy is written beside `dest` and renamed when complete, so `dest` is whole or absent;
        this reads the project through SQLite only (see projectfile.read_header for why)."""
        d = Path(dest)
        exists = AnnotatorError(f"{d}: already exists; choose a new file for the backup")
        if os.path.lexists(d):
            raise exists
        if self.conn.in_transaction:
            raise AnnotatorError("cannot back up in the middle of an edit")
        fsutil.prepare_parent(d)  # a missing folder is made; a file in its place is one line
        fsutil.sweep(d)  # what a killed backup left
        try:
            with atomic_path(d) as tmp:
                target = sqlite3.connect(str(tmp))
                try:
                    self.conn.backup(target)
                    target.execute("PRAGMA journal_mode=DELETE")
                finally:
                    target.close()
        except FileExistsError:
            raise exists from None
        except sqlite3.Error as exc:
            err = db.explain(exc, self.path)
            if isinstance(err, DamagedError):
                raise err from None
            raise AnnotatorError(f"{d}: the backup was not written ({fsutil.reason(exc)})") from None
        except OSError as exc:
            raise AnnotatorError(f"{d}: the backup was not written ({exc.strerror or exc})") from None
        return d

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

    def quick_check(self) -> list[str]:
        """SQLite's quick_check: ["ok"], or what is damaged (one entry per problem, at most 20)."""
        try:
            return [r[0] for r in self.conn.execute("PRAGMA quick_check(20)")]
        except sqlite3.DatabaseError as exc:  # some damage stops the check itself
            return [str(exc)]



def fts_query(text: str) -> str:
    """Turn what a user types into a safe FTS5 query: every word must occur, the last as a prefix.

    Each word is a run of letters and digits, which the index's tokenizer never splits: so no
    part is a phrase of two tokens, which the index (no positions: db migration 8) cannot answer."""
    words = [w for w in "".join(ch if ch.isalnum() else " " for ch in text).split() if w]
    if not words:
        return '""'
    parts = [f'"{w}"' for w in words]
    parts[-1] += "*"
    return " ".join(parts)


def _default_user() -> str:
    """Who the audit log names when the caller does not say: $ANNOTATOR_USER, else the login."""
    if os.environ.get("ANNOTATOR_USER", "").strip():
        return os.environ["ANNOTATOR_USER"].strip()
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still record something honest
        return "unknown"


__all__ = ["Project", "ArticleRow", "ImportResult", "Unreviewed"]
