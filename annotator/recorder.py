"""The undo machinery: what one operation changed (row images, the audit log, `OpChanges` for the
views) and the undo/redo stack that replays it.

`Recorder` writes rows inside an operation's transaction (see `annotator.ops`), reading each row
as it is under the write lock and refusing, with `ConflictError`, to change a field that no longer
holds the value the caller displayed. `UndoStack` keeps an open project's operations and replays
them backwards (undo) or forwards (redo), checking first that nobody changed those rows since.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from . import rows
from .errors import ConflictError, NothingToUndo, NotFoundError
from .models import Status


class Writable(Protocol):
    """What recording and replaying need of an open project (`store.Project` is one)."""

    conn: sqlite3.Connection
    user: str

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...

    def _notify(self, changes: "OpChanges") -> None: ...

@dataclass(frozen=True)
class RowChange:
    table: str
    row_id: int
    before: dict | None  # None: the row was created
    after: dict | None  # None: the row was deleted


@dataclass(frozen=True)
class OpChanges:
    """What one operation (or its undo) changed."""

    op: str
    rows: tuple[RowChange, ...]
    article_ids: frozenset[int]
    undo: bool = False
    redo: bool = False

    def ids(self, table: str) -> set[int]:
        return {r.row_id for r in self.rows if r.table == table}

    def created(self, table: str) -> list[int]:
        return [r.row_id for r in self.rows if r.table == table and r.before is None and r.after is not None]

    @property
    def persons_changed(self) -> bool:
        return any(r.table == "persons" for r in self.rows)


class Recorder:
    """Writes rows inside an operation's transaction and remembers their images for undo."""

    def __init__(self, project: Writable, op: str, audit: bool = True, ts: str | None = None):
        self.p = project
        self.op = op
        self.audit = audit
        self.rows: list[RowChange] = []
        self.article_ids: set[int] = set()
        self.ts = ts or rows.now()

    def _get(self, table: str, row_id: int) -> dict | None:
        r = self.p.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
        return dict(r) if r else None

    def current(self, table: str, row_id: int) -> dict:
        """The row as it is now, inside this operation's write transaction."""
        row = self._get(table, row_id)
        if row is None:
            raise NotFoundError(f"no {table[:-1]} {row_id} (deleted by someone else?)")
        return row

    def _article_of(self, table: str, row: dict) -> int | None:
        return row["id"] if table == "articles" else row.get("article_id")

    def _log(self, table: str, row_id: int, article_id: int | None, fld: str, old: Any, new: Any) -> None:
        if not self.audit:
            return
        enc = lambda v: None if v is None else (v if isinstance(v, str) else rows.json_text(v))
        self.p.conn.execute(
            "INSERT INTO audit (ts, user, op, tbl, row_id, article_id, field, old, new) VALUES (?,?,?,?,?,?,?,?,?)",
            (self.ts, self.p.user, self.op, table, row_id, article_id, fld, enc(old), enc(new)))

    def _changed(self, table: str, row_id: int, before: dict | None, after: dict | None) -> int | None:
        """Remember one row's images (for undo) and its article (for the views); the article's id."""
        self.rows.append(RowChange(table, row_id, before, after))
        aid = self._article_of(table, before or after)
        if aid:
            self.article_ids.add(aid)
        return aid

    def insert(self, table: str, values: dict) -> int:
        row_id = rows.insert(self.p.conn, table, values)
        row = self._get(table, row_id)
        self._log(table, row_id, self._changed(table, row_id, None, row), "*", None, row)
        return row_id

    def update(self, table: str, row_id: int, fields: dict, expect: dict | None = None) -> dict:
        before = self.current(table, row_id)
        for k, v in (expect or {}).items():
            # Someone changed this field since the caller displayed it (and not to what we want).
            if k in fields and before[k] != v and before[k] != fields[k]:
                raise ConflictError(f"not saved: the {_field_name(k)} of {table[:-1]} {row_id} was changed by "
                                    f"someone else meanwhile (now {_shown(before[k])})")
        changed = {k: v for k, v in fields.items() if before[k] != v}
        if not changed:
            return before
        changed["version"] = before["version"] + 1
        sets = ", ".join(f'"{k}" = ?' for k in changed)
        self.p.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*changed.values(), row_id])
        after = {**before, **changed}
        aid = self._changed(table, row_id, before, after)
        for k in changed:
            if k != "version":
                self._log(table, row_id, aid, k, before[k], changed[k])
        return after

    def delete(self, table: str, row_id: int, expect: dict | None = None) -> dict:
        before = self.current(table, row_id)
        changed = [k for k, v in (expect or {}).items() if k in before and k != "version" and before[k] != v]
        if changed:
            raise ConflictError(f"not deleted: the {_field_name(changed[0])} of {table[:-1]} {row_id} was changed by "
                                f"someone else since it was shown (now {_shown(before[changed[0]])})")
        self.p.conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        self._log(table, row_id, self._changed(table, row_id, before, None), "*", before, None)
        return before

    def touch_articles(self) -> None:
        """A human edit puts a new article in progress and stamps its last-edited time."""
        for aid in sorted(self.article_ids):
            art = self._get("articles", aid)
            if art is None:
                continue
            fields = {"updated_at": self.ts}
            if art["status"] == Status.NEW.value:
                fields["status"] = Status.IN_PROGRESS.value
            self.update("articles", aid, fields)

    def result(self) -> OpChanges:
        return OpChanges(self.op, tuple(self.rows), frozenset(self.article_ids))


_FIELD_NAMES = {"speaker_id": "speaker", "speaker_start": "speaker mention", "speaker_end": "speaker mention",
                "person_id": "person", "checkworthy": "check-worthy flag", "cue_start": "cue", "cue_end": "cue",
                "claim_confidence": "claim", "start": "extent", "end": "extent"}


def _field_name(column: str) -> str:
    return _FIELD_NAMES.get(column, column)


def _shown(value: Any) -> str:
    text = "" if value is None else str(value)
    return repr(text if len(text) <= 40 else text[:39] + "…") if text else "empty"


class UndoStack:
    """Undo and redo for one open project; an operation after an undo clears the redo side."""

    LIMIT = 500

    def __init__(self, project: Writable):
        self.p = project
        self._undo: list[OpChanges] = []
        self._redo: list[OpChanges] = []

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def push(self, changes: OpChanges) -> None:
        if not changes.rows:
            return
        self._undo.append(changes)
        del self._undo[: -self.LIMIT]
        self._redo.clear()

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()

    def undo(self) -> OpChanges:
        return self._step(self._undo, self._redo, backwards=True)

    def redo(self) -> OpChanges:
        return self._step(self._redo, self._undo, backwards=False)

    def _step(self, source: list[OpChanges], target: list[OpChanges], backwards: bool) -> OpChanges:
        """Replay the latest of `source` and move it over to `target` (only once the replay succeeded)."""
        if not source:
            raise NothingToUndo("nothing to undo" if backwards else "nothing to redo")
        result = self._replay(source[-1], backwards)
        target.append(source.pop())
        return result

    def _replay(self, ch: OpChanges, backwards: bool) -> OpChanges:
        name = ("undo " if backwards else "redo ") + ch.op
        rec = Recorder(self.p, name)
        steps = reversed(ch.rows) if backwards else ch.rows
        with self.p.transaction():
            for rc in steps:
                src, dst = (rc.after, rc.before) if backwards else (rc.before, rc.after)
                current = rec._get(rc.table, rc.row_id)
                if _strip(current) != _strip(src):
                    raise ConflictError(
                        f"cannot {name}: {rc.table[:-1]} {rc.row_id} was changed since (by another edit or another user)")
                if dst is None:
                    rec.delete(rc.table, rc.row_id)
                elif src is None:
                    rec.insert(rc.table, dst)
                else:
                    fields = {k: v for k, v in dst.items() if k not in ("id", "version", *DERIVED)}
                    rec.update(rc.table, rc.row_id, fields)
        result = OpChanges(name, tuple(rec.rows), frozenset(rec.article_ids), undo=backwards, redo=not backwards)
        self.p._notify(result)
        return result


# Columns the database keeps by trigger (db.py): never written back by undo, never a conflict.
DERIVED = ("suggestion_confidence",)


def _strip(row: dict | None) -> dict | None:
    # Versions move on every write, undo included, and an article's last-edited stamp moves with any
    # edit in it (another user's too): the content is what must match.
    if row is None:
        return None
    return {k: v for k, v in row.items() if k not in ("version", "updated_at", *DERIVED)}
