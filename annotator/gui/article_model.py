"""The article list: a lazy table model over `Project.list_articles`, queried off the GUI thread.

The model knows the number of matching articles and holds a few pages of rows. Counting, searching
and fetching a page run in one worker thread with its own read connection, so typing in the
search box never waits for SQLite; a newer request interrupts an older one still running.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QColor

from ..errors import AnnotatorError
from ..review_queue import LOW_CONFIDENCE
from ..store import ArticleRow, Project
from ..worktime import seconds_spent, short_duration

PAGE = 200
MAX_PAGES = 40  # rows kept in memory: 8,000 at most
REFRESH_PAGES = 3  # after an edit, pages re-read at once
SEARCH_CAP = 10_000  # a search stops counting here ("10,000+ found")

STATUS_TEXT = {"new": "○ New", "in_progress": "◐ In progress", "done": "● Done", "skipped": "– Skipped"}
STATUS_GLYPH = {"new": "○", "in_progress": "◐", "done": "●", "skipped": "–"}
# The list's filter: (text, (status, review_queue filter)).
STATUS_FILTERS = [("All articles", (None, None)), ("New", ("new", None)), ("In progress", ("in_progress", None)),
                  ("Done", ("done", None)), ("Skipped", ("skipped", None)),
                  ("With unreviewed items", (None, "unreviewed")),
                  (f"Low confidence (< {LOW_CONFIDENCE:.1f})", (None, "low_confidence")),
                  ("Flagged", (None, "flagged"))]
# The list's order: (text, sort key, descending). "Least sure first" is what Ctrl+Enter follows too.
ORDERS = [("Import order", "id", False), ("Least sure first", "uncertainty", False),
          ("Last edited first", "updated", True)]


@dataclass
class Request:
    gen: int
    status: str | None
    search: str
    sort: str
    descending: bool
    pages: list[int]
    count: bool
    reset: bool  # a new filter: replace everything; otherwise refresh rows in place
    only: str | None = None  # a review_queue filter
    result: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)  # time spent per article of the pages read
    total: int | None = None
    progress: tuple[int, int] | None = None  # (done, all) articles in the project
    error: str | None = None


class _Worker(QObject):
    done = Signal(object)

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self.latest = 0  # written by the GUI thread; stale requests are skipped
        self.busy = False
        self.project: Project | None = None

    @Slot(object)
    def run(self, req: Request) -> None:
        for _attempt in range(3):
            if req.gen < self.latest:
                return
            self.busy = True
            try:
                self._run(req)
            except sqlite3.OperationalError as exc:
                if "interrupt" in str(exc):
                    # Interrupted for a newer request, or hit by an interrupt meant for an earlier one
                    # (SQLite keeps the flag until every statement is reset): retry if still wanted.
                    req.result.clear()
                    continue
                req.error = f"Search failed: {exc}"
            except AnnotatorError as exc:
                req.error = str(exc)
            finally:
                self.busy = False
            self.done.emit(req)
            return

    def _run(self, req: Request) -> None:
        if self.project is None:
            self.project = Project.open(self.path)
        p = self.project
        if req.count:
            req.total = p.count_articles(req.status, req.search, cap=SEARCH_CAP if req.search else None,
                                         only=req.only)
            req.progress = (p.count_articles("done"), p.count_articles())
        for page in req.pages:
            if req.gen < self.latest:
                raise sqlite3.OperationalError("interrupted: stale")
            req.result[page] = p.list_articles(req.status, req.search, limit=PAGE, offset=page * PAGE,
                                               sort=req.sort, descending=req.descending, only=req.only)
            req.seconds.update(seconds_spent(p, [r.id for r in req.result[page]]))

    @Slot()
    def shutdown(self) -> None:
        if self.project is not None:
            self.project.close()
            self.project = None


class ArticleListModel(QAbstractTableModel):
    COLUMNS = [("#", "id"), ("Title", "title"), ("Place", "place"), ("◐", "status"), ("Quotes", None),
               ("To do", None), ("Edited", "updated"), ("⚑", None), ("Time", None)]
    _request = Signal(object)
    loadingChanged = Signal(bool)
    progressChanged = Signal(int, int)  # articles done, articles in the project
    totalChanged = Signal(int)
    errorOccurred = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._count = 0
        self._pages: OrderedDict[int, list[ArticleRow]] = OrderedDict()
        self._pending: set[int] = set()
        self._gen = 0
        self._loading = False
        self.status: str | None = None
        self.only: str | None = None
        self.search = ""
        self._seconds: dict[int, float] = {}
        self.sort_key, self.descending = "id", False
        self._thread: QThread | None = None
        self._worker: _Worker | None = None

    # --- project ------------------------------------------------------------------------
    def set_project(self, path: str | None) -> None:
        self._stop_worker()
        self.beginResetModel()
        self._count, self._pages, self._pending = 0, OrderedDict(), set()
        self.endResetModel()
        if path is None:
            self.totalChanged.emit(0)
            return
        self._thread = QThread(self)
        self._thread.setObjectName("article-list")
        self._worker = _Worker(path)
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.run)
        self._worker.done.connect(self._on_done)
        self._thread.start()
        self._query(reset=True)

    def _stop_worker(self) -> None:
        if self._thread is None:
            return
        self._worker.latest = 1 << 60
        self._interrupt()
        self._request.disconnect(self._worker.run)
        self._worker.done.disconnect(self._on_done)
        # Close its connection in its own thread, then stop the thread.
        from PySide6.QtCore import QMetaObject

        QMetaObject.invokeMethod(self._worker, "shutdown", Qt.BlockingQueuedConnection)
        self._thread.quit()
        self._thread.wait(5000)
        self._worker.deleteLater()
        self._thread, self._worker = None, None
        self._set_loading(False)

    def shutdown(self) -> None:
        self._stop_worker()

    # --- filtering, sorting, refreshing -------------------------------------------------
    def set_filter(self, status: str | None = None, search: str | None = None, only: str | None = None) -> None:
        search = (search if search is not None else self.search).strip()
        if status == self.status and search == self.search and only == self.only:
            return
        self.status, self.search, self.only = status, search, only
        self._query(reset=True)

    def set_order(self, key: str, descending: bool = False) -> None:
        if (key, descending) != (self.sort_key, self.descending):
            self.sort_key, self.descending = key, descending
            self._query(reset=True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        key = self.COLUMNS[column][1] if 0 <= column < len(self.COLUMNS) else None
        if key is None:
            return
        self.sort_key, self.descending = key, order == Qt.DescendingOrder
        self._query(reset=True)

    def refresh(self) -> None:
        """Re-read the count and the rows held (after an edit, an import, an outside change)."""
        if self._worker is not None:
            self._query(reset=False)

    def _query(self, reset: bool) -> None:
        if self._worker is None:
            return
        self._gen += 1
        self._worker.latest = self._gen
        self._interrupt()
        if reset:
            pages = [0]
        else:
            # Re-read the pages in use (the last ones looked at); the others reload when shown.
            pages = list(self._pages)[-REFRESH_PAGES:] or [0]
            for stale in list(self._pages)[:-REFRESH_PAGES]:
                del self._pages[stale]
        self._pending = set(pages)
        self._set_loading(True)
        self._request.emit(Request(self._gen, self.status, self.search, self.sort_key, self.descending, pages,
                                   count=True, reset=reset, only=self.only))

    def _interrupt(self) -> None:
        w = self._worker
        if w is not None and w.project is not None and w.busy:
            try:
                w.project.conn.interrupt()
            except sqlite3.Error:
                pass

    def _set_loading(self, on: bool) -> None:
        if on != self._loading:
            self._loading = on
            self.loadingChanged.emit(on)

    @property
    def loading(self) -> bool:
        """A count/filter query for the current filter is still running."""
        return self._loading

    @Slot(object)
    def _on_done(self, req: Request) -> None:
        if req.gen != self._gen:
            return
        if req.count:
            self._set_loading(False)
            if req.progress:
                self.progressChanged.emit(*req.progress)
        if req.error:
            self.errorOccurred.emit(req.error)
            return
        for page in req.result:
            self._pending.discard(page)
        self._seconds.update(req.seconds)
        if req.count and (req.reset or req.total != self._count):
            self.beginResetModel()
            self._count = req.total or 0
            self._pages = OrderedDict(sorted(req.result.items()))
            self.endResetModel()
            self.totalChanged.emit(self._count)
            return
        for page, rows in req.result.items():
            self._pages[page] = rows
            self._pages.move_to_end(page)
            first, last = page * PAGE, min(self._count, page * PAGE + len(rows)) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.COLUMNS) - 1))
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)

    def _fetch_page(self, page: int) -> None:
        if page in self._pending or self._worker is None:
            return
        self._pending.add(page)
        self._request.emit(Request(self._gen, self.status, self.search, self.sort_key, self.descending, [page],
                                   count=False, reset=False, only=self.only))

    # --- rows ---------------------------------------------------------------------------
    def row(self, row: int) -> ArticleRow | None:
        page = self._pages.get(row // PAGE)
        if page is None:
            return None
        if next(reversed(self._pages)) != row // PAGE:
            self._pages.move_to_end(row // PAGE)  # most recently looked at last
        i = row % PAGE
        return page[i] if i < len(page) else None

    def article_id(self, row: int) -> int | None:
        r = self.row(row)
        return r.id if r else None

    def row_of(self, article_id: int) -> int | None:
        for page, rows in self._pages.items():
            for i, r in enumerate(rows):
                if r.id == article_id:
                    return page * PAGE + i
        return None

    # --- Qt model API -------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation != Qt.Horizontal:
            return None
        if role == Qt.DisplayRole:
            return self.COLUMNS[section][0]
        if role == Qt.ToolTipRole:
            name, key = self.COLUMNS[section]
            tips = {"#": "Article id", "◐": "Status: ○ new · ◐ in progress · ● done · – skipped",
                    "Quotes": "Quotes in the article", "To do": "Quotes not yet reviewed (suggestions)",
                    "Edited": "Last edited", "⚑": "Flagged for a second look (Ctrl+Shift+F)",
                    "Time": "Time spent, from the audit log (gaps over 10 minutes count as away)"}
            tip = tips.get(name, name)
            return tip + ("" if key else " (not sortable)")
        return None

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        r = self.row(index.row())
        col = index.column()
        if r is None:
            if role == Qt.DisplayRole:
                self._fetch_page(index.row() // PAGE)
                return "…" if col == 1 else ""
            return None
        if role == Qt.DisplayRole:
            return self._display(r, col) if col != 8 else short_duration(self._seconds.get(r.id))
        if role == Qt.ToolTipRole and col in (1, 2, 3, 5, 7):
            if col == 3:
                return STATUS_TEXT.get(r.status, r.status)[2:]
            if col == 5:
                return (f"{r.n_unreviewed} to review; the model's mean confidence in them: {r.confidence:.2f}"
                        if r.confidence is not None else None)
            if col == 7:
                return _plain_tooltip(r.comment) if r.comment else None
            title = r.title or "(untitled)"
            return _plain_tooltip((title + (f"\n\nComment: {r.comment}" if r.comment else "")) if col == 1
                                  else (r.place or ""))
        if role == Qt.AccessibleTextRole:
            if col == 8:
                return short_duration(self._seconds.get(r.id))
            return self._display(r, col) if col != 3 else STATUS_TEXT.get(r.status, r.status)[2:]
        if role == Qt.ForegroundRole and col == 1 and not r.title:
            return QColor("#888888")
        if role == Qt.TextAlignmentRole and col in (0, 3, 4, 5, 7, 8):
            return int((Qt.AlignHCenter if col in (3, 7) else Qt.AlignRight) | Qt.AlignVCenter)
        if role == Qt.UserRole:
            return r.id
        return None

    @staticmethod
    def _display(r: ArticleRow, col: int) -> str:
        if col == 0:
            return str(r.id)
        if col == 1:
            return r.title or "(untitled)"
        if col == 2:
            return r.place or ""
        if col == 3:
            return STATUS_GLYPH.get(r.status, r.status)
        if col == 4:
            return str(r.n_quotes)
        if col == 5:
            return str(r.n_unreviewed) if r.n_unreviewed else "✓" if r.n_quotes else ""
        if col == 7:
            return "⚑" if r.flagged else ("✎" if r.comment else "")
        return short_time(r.updated_at) if col == 6 else ""


def short_time(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        t = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso[:10]
    now = datetime.now(t.tzinfo)
    if t.date() == now.date():
        return t.strftime("%H:%M")
    if t.year == now.year:
        return t.strftime("%d %b")
    return t.strftime("%Y-%m-%d")


def _plain_tooltip(text: str) -> str:
    from .text import plain_tooltip

    return plain_tooltip(text)
