"""The open project as the window sees it: current article, current item, and every edit.

A thin layer over the core: it holds the `Project` (one connection, GUI thread only), reads the
current article through `load_article`, runs every change through `annotator.ops`, and turns the
core's change events into Qt signals so views refresh what changed. It keeps no data of its own
beyond what is on screen, and the edits that could not be saved (`pending`), so that nothing the
annotator did vanishes: they can retry them, or save a copy of the project with them.

"Saved" is said only after a commit returned (`saveState`); an edit refused because someone else
changed the field meanwhile is a conflict, shown with the other value.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal

from .. import db, ops
from ..errors import AnnotatorError, ConflictError, DamagedError, ReadOnlyError, SaveFailed
from ..models import ArticleAnnotations, Entity, Person, Quote
from ..store import Project
from .guard import ProjectGuard

QUOTE, ENTITY = "quote", "entity"
SAVED, EDITING, FAILED, CONFLICT, BLOCKED = "saved", "editing", "failed", "conflict", "blocked"


@dataclass
class PendingEdit:
    """An edit that did not reach the file: what to run again."""

    fn: Callable
    args: tuple
    kwargs: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.fn.__name__.replace("_", " ")


class Session(QObject):
    projectChanged = Signal()  # a project was opened or closed
    articleChanged = Signal()  # another article is shown (or none)
    annotationsChanged = Signal()  # the shown article's annotations were re-read
    selectionChanged = Signal()  # the current quote/entity changed
    changed = Signal(object)  # every OpChanges (edits, undo, redo); None for outside changes
    message = Signal(str)  # a one-line note for the status bar
    error = Signal(str)  # a one-line error for the user
    saveState = Signal(str, str)  # SAVED / EDITING / FAILED / CONFLICT / BLOCKED, and one line saying why
    trouble = Signal(str)  # the project can no longer be written (failed save, file lost, damage, read-only)

    def __init__(self, user: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.user = user
        self.project: Project | None = None
        self.doc: ArticleAnnotations | None = None
        self.current: tuple[str, int] | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._data_version: int | None = None
        self.pending: list[PendingEdit] = []
        self.blocked: str | None = None  # why edits are off (read-only, damaged, file lost), else None
        self.state = SAVED
        self.before_leave: list[Callable[[], None]] = []  # flush edits in progress (a note being typed)
        self.guard = ProjectGuard(self)
        self.guard.damaged.connect(self.block)
        self.guard.fileLost.connect(self.block)
        # Someone else (the CLI, a worker thread, another annotator) may write to the file: poll
        # SQLite's data_version, which moves only on other connections' commits.
        self._poll = QTimer(self)
        self._poll.setInterval(1500)
        self._poll.timeout.connect(self._check_outside_changes)

    # --- project ----------------------------------------------------------------------------
    def open(self, path: str) -> None:
        """Open a project; raises AnnotatorError with a one-line message if it cannot."""
        project = Project.open(path, user=self.user)
        try:
            project.scheme  # noqa: B018  (validates the scheme now, not on first edit)
        except AnnotatorError:
            project.close()
            raise
        self.close()
        self.project = project
        self.pending, self.blocked = [], None
        self._unsubscribe = project.subscribe(self._on_changes)
        self._data_version = self._read_data_version()
        self._poll.start()
        self._set_state(SAVED)
        self.projectChanged.emit()
        self.guard.start(project, self.user)
        if project.read_only:
            self.block(f"{project.path}: read-only ({project.read_only}); you can read and search, edits are "
                       "turned off; Project ▸ Save a Copy… makes a copy you can edit")

    def close(self) -> None:
        if self.project is None:
            return
        self._leave()
        self._poll.stop()
        self.guard.stop()
        if self._unsubscribe:
            self._unsubscribe()
        self.project.close()
        self.project, self.doc, self.current = None, None, None
        self.projectChanged.emit()
        self.articleChanged.emit()

    def _leave(self) -> None:
        """Save what is being edited before the view moves on (another article, another item, closing)."""
        for flush in list(self.before_leave):
            flush()

    def block(self, reason: str) -> None:
        """Turn edits off for this project, saying why (read-only, damaged, the file lost)."""
        if self.blocked is None:
            self.blocked = reason
            self._set_state(BLOCKED, reason)
            self.trouble.emit(reason)

    def _set_state(self, state: str, detail: str = "") -> None:
        if self.blocked and state == SAVED:
            state, detail = BLOCKED, self.blocked
        self.state = state
        self.saveState.emit(state, detail)

    def set_editing(self, editing: bool) -> None:
        """A field is being typed in (not saved yet), or no longer."""
        if editing and self.state != EDITING:
            self._set_state(EDITING, "editing: saved when you press Enter or leave the field")
        elif not editing and self.state == EDITING:
            self._set_state(SAVED)
    @property
    def path(self) -> str | None:
        return str(self.project.path) if self.project else None

    # --- article ----------------------------------------------------------------------------
    def show_article(self, article_id: int | None, select_first: bool = True) -> bool:
        if self.project is None:
            return False
        if article_id is None:
            self.doc, self.current = None, None
            self.articleChanged.emit()
            self.selectionChanged.emit()
            return True
        if self.doc and self.doc.article.id == article_id:
            return True
        self._leave()
        try:
            self.doc = self.project.load_article(article_id)
        except AnnotatorError as exc:
            self.error.emit(str(exc))
            return False
        except sqlite3.Error as exc:
            self.error.emit(str(db.explain(exc, self.project.path)))
            return False
        self.current = None
        if select_first and self.doc.quotes:
            first = next((q for q in self.doc.quotes if not q.reviewed), self.doc.quotes[0])
            self.current = (QUOTE, first.id)
        self.articleChanged.emit()
        self.selectionChanged.emit()
        return True

    def reload(self) -> None:
        """Re-read the shown article (after an edit or an outside change), keeping the selection."""
        if self.project is None or self.doc is None:
            return
        old = self._find(*self.current) if self.current else None
        try:
            self.doc = self.project.load_article(self.doc.article.id)
        except sqlite3.Error as exc:
            self.error.emit(str(db.explain(exc, self.project.path)))
            return
        except AnnotatorError:  # deleted from outside
            self.doc, self.current = None, None
            self.articleChanged.emit()
            self.selectionChanged.emit()
            return
        lost = self.current is not None and self._find(*self.current) is None
        if lost:
            # The selected item was deleted: the next one of its kind takes its place (the previous
            # one at the end), as in a list: the selection stays where the edit was.
            kind = self.current[0]
            items = self.doc.quotes if kind == QUOTE else self.doc.entities
            nxt = next((x for x in items if x.start >= old.start), None) or (items[-1] if items else None)
            self.current = (kind, nxt.id) if nxt else None
        self.annotationsChanged.emit()
        if lost:
            self.selectionChanged.emit()

    @property
    def article_id(self) -> int | None:
        return self.doc.article.id if self.doc else None

    # --- current item -----------------------------------------------------------------------
    def _find(self, kind: str, item_id: int):
        if self.doc is None:
            return None
        items = self.doc.quotes if kind == QUOTE else self.doc.entities
        return next((x for x in items if x.id == item_id), None)

    @property
    def quote(self) -> Quote | None:
        return self._find(QUOTE, self.current[1]) if self.current and self.current[0] == QUOTE else None

    @property
    def entity(self) -> Entity | None:
        return self._find(ENTITY, self.current[1]) if self.current and self.current[0] == ENTITY else None

    def quote_index(self) -> int | None:
        q = self.quote
        return None if q is None else next(i for i, x in enumerate(self.doc.quotes) if x.id == q.id)

    def select(self, kind: str | None, item_id: int | None = None) -> None:
        new = (kind, item_id) if kind and item_id is not None and self._find(kind, item_id) else None
        if new != self.current:
            self._leave()
            self.current = new
            self.selectionChanged.emit()

    def select_quote_at(self, index: int) -> None:
        if self.doc and 0 <= index < len(self.doc.quotes):
            self.select(QUOTE, self.doc.quotes[index].id)

    def step_quote(self, delta: int, position: int | None = None) -> None:
        """Next/previous quote; from an entity or a caret position, the nearest one in that direction."""
        if not self.doc or not self.doc.quotes:
            self.message.emit("This article has no quotes: select text and press Q to add one.")
            return
        quotes = self.doc.quotes
        i = self.quote_index()
        if i is None:
            ref = position
            if self.entity is not None:
                ref = self.entity.start
            if ref is None:
                i = 0 if delta > 0 else len(quotes) - 1
            elif delta > 0:
                i = next((k for k, q in enumerate(quotes) if q.start >= ref), len(quotes) - 1)
            else:
                i = next((k for k in range(len(quotes) - 1, -1, -1) if quotes[k].start < ref), 0)
        else:
            i = max(0, min(len(quotes) - 1, i + delta))
        self.select(QUOTE, quotes[i].id)

    def persons(self) -> list[Person]:
        if self.project is None or self.doc is None:
            return []
        return self.project.article_persons(self.doc.article.id)

    def person_label(self, person_id: int | None) -> str | None:
        """The source's name as the inspector shows it: "Coles (organisation)", a person's name alone."""
        name = self.person_name(person_id)
        p = self.doc.persons.get(person_id) if name and self.doc is not None else None
        return f"{name} ({p.kind})" if p is not None and p.kind != "person" else name

    def person_name(self, person_id: int | None) -> str | None:
        if person_id is None or self.doc is None:
            return None
        p = self.doc.persons.get(person_id)
        if p is None and self.project is not None:
            try:
                p = self.project.get_person(person_id)
            except AnnotatorError:
                return None
        return p.name if p else None

    # --- running edits ----------------------------------------------------------------------
    def run(self, fn: Callable, *args, **kwargs):
        """Run one core operation; errors become a one-line message. Returns its OpChanges or None.

        An edit that did not reach the file (disk full, read-only, the file gone) is kept in
        `pending`: `retry()` runs it again, `save_copy()` saves the project and it elsewhere."""
        if self.project is None:
            self.error.emit("Open a project first (File ▸ Open Project…).")
            return None
        if self.blocked:
            self._keep(fn, args, kwargs, self.blocked)
            return None
        try:
            changes = fn(self.project, *args, **kwargs)
        except ConflictError as exc:
            self.reload()
            why = f"{str(exc)[:1].upper()}{str(exc)[1:]}"
            self._set_state(CONFLICT, why)
            self.error.emit(why)
        except (SaveFailed, ReadOnlyError, DamagedError) as exc:
            self._keep(fn, args, kwargs, str(exc))
        except AnnotatorError as exc:
            self.error.emit(str(exc))
        except sqlite3.Error as exc:  # met outside the core's transaction (a read before it)
            why = db.explain(exc, self.project.path)
            if isinstance(why, (SaveFailed, ReadOnlyError, DamagedError)):
                self._keep(fn, args, kwargs, str(why))
            else:
                self.error.emit(str(why))
        except ValueError as exc:  # pydantic validation of user input (e.g. an empty name)
            self.error.emit(str(exc).splitlines()[0])
        else:
            return changes
        return None

    def _keep(self, fn: Callable, args: tuple, kwargs: dict, why: str) -> None:
        self.pending.append(PendingEdit(fn, args, kwargs))
        self._set_state(FAILED, why)
        self.trouble.emit(why)

    def _replay(self, pending: list[PendingEdit]) -> bool:
        for n, p in enumerate(pending):
            if self.run(p.fn, *p.args, **p.kwargs) is None:
                self.pending.extend(x for x in pending[n + 1:] if x not in self.pending)
                return False
        return True

    def retry(self) -> bool:
        """Run the edits that could not be saved again (the disk has room again, say)."""
        pending, self.pending = self.pending, []
        return self._replay(pending)

    def save_copy(self, dest: str) -> bool:
        """Copy the project (as SQLite reads it, even from a file deleted underneath) to `dest`,
        open the copy here, and apply the edits that could not be saved to it."""
        if self.project is None:
            return False
        self._leave()  # a note being typed joins the pending edits
        pending = self.pending
        try:
            self.project.backup(dest)
            self.before_leave, hooks = [], self.before_leave  # already flushed
            try:
                self.open(dest)
            finally:
                self.before_leave = hooks
        except AnnotatorError as exc:
            self.error.emit(str(exc))
            return False
        done = self._replay(pending)
        self.message.emit(f"Saved a copy: {dest}; this window now edits the copy"
                          + ("." if done else ", but an edit could not be applied to it."))
        return True

    def undo(self) -> None:
        if self.project and not self.project.undo_stack.can_undo:
            self.message.emit("Nothing to undo.")
            return
        self.run(ops.undo)

    def redo(self) -> None:
        if self.project and not self.project.undo_stack.can_redo:
            self.message.emit("Nothing to redo.")
            return
        self.run(ops.redo)

    def _on_changes(self, changes: ops.OpChanges) -> None:
        """Core change event: re-read what is shown, follow the edit, tell the views."""
        if self.project is None:
            return
        self._data_version = self._read_data_version()
        shown = self.article_id
        arts = set(changes.article_ids)
        if (changes.undo or changes.redo) and shown not in arts and len(arts) == 1:
            # Undoing an edit made in another article takes you there, as in a text editor.
            self.show_article(next(iter(arts)), select_first=False)
        elif shown is not None and (shown in arts or changes.persons_changed):
            self.reload()
        self._follow(changes)
        verb = "Undone" if changes.undo else ("Redone" if changes.redo else "Saved")
        op = changes.op.removeprefix("undo ").removeprefix("redo ")
        self._set_state(SAVED)  # this runs after the commit returned
        self.message.emit(f"{verb}: {op}")
        self.changed.emit(changes)

    def _follow(self, changes: ops.OpChanges) -> None:
        """Select what an edit created, or what an undo/redo touched."""
        for kind, table in ((QUOTE, "quotes"), (ENTITY, "entities")):
            created = [i for i in changes.created(table) if self._find(kind, i)]
            if created:
                self.select(kind, created[-1])
                return
        if changes.undo or changes.redo:
            for kind, table in ((QUOTE, "quotes"), (ENTITY, "entities")):
                touched = [self._find(kind, i) for i in changes.ids(table)]
                touched = [x for x in touched if x is not None]
                if touched:
                    self.select(kind, min(touched, key=lambda x: (x.start, x.id)).id)  # the edit's place
                    return
        if self.current is None and self.doc and self.doc.quotes:
            self.selectionChanged.emit()

    # --- outside changes --------------------------------------------------------------------
    def _read_data_version(self) -> int | None:
        try:
            return self.project.conn.execute("PRAGMA data_version").fetchone()[0] if self.project else None
        except sqlite3.Error:
            return None

    def _check_outside_changes(self) -> None:
        if self.guard.poll():
            return  # the file is gone or replaced: what it says now is not our project
        v = self._read_data_version()
        if v is not None and self._data_version is not None and v != self._data_version:
            self._data_version = v
            self.refresh()

    def refresh(self) -> None:
        """Something outside our operations wrote to the project (import, pre-annotation, another user)."""
        self.reload()
        if self.current is None and self.doc is not None and self.doc.quotes:
            # Suggestions just arrived (pre-annotation): be ready for Enter on the first one.
            first = next((q for q in self.doc.quotes if not q.reviewed), self.doc.quotes[0])
            self.select(QUOTE, first.id)
        self.changed.emit(None)
