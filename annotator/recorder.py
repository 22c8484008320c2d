"""What one operation changed: row images for undo, the audit log, and `OpChanges` for the views.

`Recorder` writes rows inside an operation's transaction (see `annotator.ops`), reading each row
as it is under the write lock and refusing, with `ConflictError`, to change a field that no longer
holds the value the caller displayed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import ConflictError, NotFoundError
from .models import Status

if TYPE_CHECKING:
    from .store import Project

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


def _now() -> str:
    from .store import now

    return now()


class Recorder:
    """Writes rows inside an operation's transaction and remembers their images for undo."""

    def __init__(self, project: "Project", op: str, audit: bool = True, ts: str | None = None):
        self.p = project
        self.op = op
        self.audit = audit
        self.rows: list[RowChange] = []
        self.article_ids: set[int] = set()
        self.ts = ts or _now()

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
        enc = lambda v: None if v is None else (v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
        self.p.conn.execute(
            "INSERT INTO audit (ts, user, op, tbl, row_id, article_id, field, old, new) VALUES (?,?,?,?,?,?,?,?,?)",
            (self.ts, self.p.user, self.op, table, row_id, article_id, fld, enc(old), enc(new)))

    def insert(self, table: str, values: dict) -> int:
        values = {k: v for k, v in values.items() if k != "id" or v is not None}
        cols = ", ".join(f'"{k}"' for k in values)
        cur = self.p.conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({','.join('?' * len(values))})",
                                  list(values.values()))
        row = self._get(table, cur.lastrowid)
        self.rows.append(RowChange(table, cur.lastrowid, None, row))
        aid = self._article_of(table, row)
        if aid:
            self.article_ids.add(aid)
        self._log(table, cur.lastrowid, aid, "*", None, row)
        return cur.lastrowid

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
        self.rows.append(RowChange(table, row_id, before, after))
        aid = self._article_of(table, before)
        if aid:
            self.article_ids.add(aid)
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
        self.rows.append(RowChange(table, row_id, before, None))
        aid = self._article_of(table, before)
        if aid:
            self.article_ids.add(aid)
        self._log(table, row_id, aid, "*", before, None)
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
