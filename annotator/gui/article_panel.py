"""The left panel: search-as-you-type, a filter, the order, and the lazy article table.

The search box works from the keyboard: Enter opens the first match (and goes to its text), Down
goes to the list at the first match, Esc clears the search and goes back to the text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu,
                               QTableView, QVBoxLayout, QWidget)

from .article_model import ORDERS, STATUS_FILTERS, ArticleListModel


class ArticlePanel(QWidget):
    articleChosen = Signal(int)
    searchChanged = Signal(str)  # the search the list now shows (the text highlights its words)
    openRequested = Signal()  # Enter in the search box: the first match is shown, go to its text
    leaveRequested = Signal()  # Esc in the search box: back to the text
    orderChanged = Signal(str)  # the order's sort key ("id", "uncertainty", "updated")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = ArticleListModel(self)
        v = QVBoxLayout(self)
        v.setContentsMargins(6, 6, 0, 6)
        v.setSpacing(4)
        self.search = QLineEdit()
        self.search.setObjectName("articleSearch")
        self.search.setPlaceholderText("Search articles (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        v.addWidget(self.search)
        self.search.installEventFilter(self)
        row = QHBoxLayout()
        self.status = QComboBox()
        self.status.setObjectName("articleStatusFilter")
        self.status.setAccessibleName("Show")
        self.status.setToolTip("Which articles the list shows")
        for text, value in STATUS_FILTERS:
            self.status.addItem(text, value)
        self.order = QComboBox()
        self.order.setObjectName("articleOrder")
        self.order.setAccessibleName("Order")
        self.order.setToolTip("Least sure first: the articles whose suggestions the model is least sure of come "
                              "first (Ctrl+Enter follows this order)")
        for text, key, desc in ORDERS:
            self.order.addItem(text, (key, desc))
        for combo in (self.status, self.order):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        row.addWidget(self.status, 1)
        row.addWidget(self.order, 1)
        v.addLayout(row)
        self.count = QLabel("")
        self.count.setObjectName("articleCount")
        self.count.setTextFormat(Qt.PlainText)
        self.count.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.table = QTableView()
        self.table.setObjectName("articleList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.AscendingOrder)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        h = self.table.horizontalHeader()
        h.setHighlightSections(False)
        h.setStretchLastSection(False)
        h.setSectionResizeMode(QHeaderView.Interactive)
        fm = self.table.fontMetrics()
        hfm = h.fontMetrics()
        for col, sample in ((0, "0000"), (2, "London"), (3, "◐"), (4, "00"), (5, "00"), (6, "00 Mmm"), (7, "⚑"),
                            (8, "00m")):
            name = self.model.COLUMNS[col][0]
            self.table.setColumnWidth(col, max(fm.horizontalAdvance(sample), hfm.horizontalAdvance(name)) + 14)
        self._nominal = {c: self.table.columnWidth(c) for c in range(self.model.columnCount()) if c != 1}
        h.setContextMenuPolicy(Qt.CustomContextMenu)
        h.customContextMenuRequested.connect(self._column_menu)
        self._fitting = False
        self._user_hidden: set[int] = set()
        self.table.viewport().installEventFilter(self)
        h.sectionResized.connect(self._on_section_resized)
        h.setMinimumSectionSize(24)
        v.addWidget(self.table, 1)
        v.addWidget(self.count)
        self.empty = QLabel("")
        self.empty.setTextFormat(Qt.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setStyleSheet("color: palette(placeholder-text); padding: 12px;")
        self.empty.hide()
        v.addWidget(self.empty)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _: self._debounce.start())
        self.status.currentIndexChanged.connect(lambda _: self._apply_filter())
        self.order.currentIndexChanged.connect(self._apply_order)
        h.sortIndicatorChanged.connect(self._on_header_sort)
        self.model.totalChanged.connect(self._on_total)
        self.model.loadingChanged.connect(self._on_loading)
        self.model.errorOccurred.connect(lambda m: self.count.setText(m))
        self.model.modelReset.connect(self._reselect)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.current_id: int | None = None
        self._selecting = False
        self._filtering = False
        self._then: str | None = None  # "open" or "list": what Enter / Down asked for, once results are in

    def _column_menu(self, pos) -> None:
        """Right-click on the header: show or hide columns (the title always stays)."""
        menu = QMenu(self)
        for col, (name, _) in enumerate(self.model.COLUMNS):
            if col == 1:
                continue
            tip = self.model.headerData(col, Qt.Horizontal, Qt.ToolTipRole) or name
            act = menu.addAction(tip.split(":")[0].split(" (")[0])
            act.setCheckable(True)
            act.setChecked(not self.table.isColumnHidden(col))
            act.toggled.connect(lambda on, c=col: self._toggle_column(c, on))
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def _toggle_column(self, col: int, on: bool) -> None:
        (self._user_hidden.discard if on else self._user_hidden.add)(col)
        self.table.setColumnHidden(col, not on)
        self._fit_columns()

    # Narrow panel: the title keeps at least this much; these columns give way first.
    TITLE_MIN = 150
    GIVE_WAY = (6, 2, 4, 0, 8, 7)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.table.viewport() and event.type() == QEvent.Resize:
            self._fit_columns()
        if obj is self.search and event.type() == QEvent.KeyPress:
            return self._search_key(event)
        return False

    # --- the search box from the keyboard -------------------------------------------------
    def _search_key(self, event) -> bool:
        k = event.key()
        if k in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers():
            self._after_results("open")
            return True
        if k == Qt.Key_Down and not event.modifiers():
            self._after_results("list")
            return True
        if k == Qt.Key_Escape:
            if self.search.text():
                self.search.clear()
                self._apply_filter()
            self.leaveRequested.emit()
            return True
        return False

    def _after_results(self, then: str) -> None:
        """Do `then` with the first match, now if the list already shows this search, else when it does."""
        waiting = self._debounce.isActive() or self.search.text().strip() != self.model.search
        self._then = then
        if waiting:
            self._apply_filter()
        if not self.model.loading:
            self._do_then()

    def _do_then(self) -> None:
        then, self._then = self._then, None
        if then is None or self.model.rowCount() == 0:
            return
        if then == "list":
            self.table.setFocus(Qt.OtherFocusReason)
        self.table.setCurrentIndex(self.model.index(0, 1))  # shows it, as choosing a row does
        if then == "open":
            self.openRequested.emit()

    def _on_section_resized(self, col: int, old: int, new: int) -> None:
        if col != 1 and not self._fitting and new > 0:
            self._nominal[col] = new  # the user dragged it
            self._fit_columns()

    def _fit_columns(self) -> None:
        """The title takes what the other columns leave; in a narrow panel some columns step aside."""
        if self._fitting:
            return
        self._fitting = True
        try:
            t = self.table
            width = t.viewport().width()
            w = self._nominal
            shown = [c for c in range(self.model.columnCount()) if c != 1 and c not in self._user_hidden]
            for c in self.GIVE_WAY:
                if sum(w[x] for x in shown) + self.TITLE_MIN <= width:
                    break
                if c in shown:
                    shown.remove(c)
            for c in range(self.model.columnCount()):
                if c != 1:
                    t.setColumnHidden(c, c not in shown)
                    if c in shown:
                        t.setColumnWidth(c, w[c])
            t.setColumnWidth(1, max(self.TITLE_MIN, width - sum(w[x] for x in shown)))
        finally:
            self._fitting = False

    def set_project(self, path: str | None) -> None:
        self.current_id = None
        self.model.set_project(path)

    def _apply_filter(self) -> None:
        self._debounce.stop()
        self._filtering = True
        status, only = self.status.currentData()
        self.model.set_filter(status, self.search.text(), only)
        self._filtering = False
        self.searchChanged.emit(self.model.search)

    def _apply_order(self) -> None:
        key, descending = self.order.currentData()
        h = self.table.horizontalHeader()
        col = next((i for i, (_, k) in enumerate(self.model.COLUMNS) if k == key), None)
        if col is not None:
            h.blockSignals(True)
            h.setSortIndicator(col, Qt.DescendingOrder if descending else Qt.AscendingOrder)
            h.blockSignals(False)
        h.setSortIndicatorShown(col is not None)
        self.model.set_order(key, descending)
        self.orderChanged.emit(key)

    def _on_header_sort(self, col: int, order) -> None:
        """A click on a column header sorts by it: the order box follows when it has that order."""
        key = self.model.COLUMNS[col][1]
        if key is None:
            return
        desc = order == Qt.DescendingOrder
        i = next((i for i, (_, k, d) in enumerate(ORDERS) if (k, d) == (key, desc)), -1)
        self.order.blockSignals(True)
        self.order.setCurrentIndex(i)
        self.order.blockSignals(False)
        self.orderChanged.emit(key)

    def set_order(self, key: str) -> None:
        i = next((i for i, (_, k, _d) in enumerate(ORDERS) if k == key), 0)
        self.order.setCurrentIndex(i)

    def _on_loading(self, loading: bool) -> None:
        # Only a new filter says so; refreshing after an edit keeps the count quietly.
        if loading and self._filtering:
            self.count.setText("searching…" if self.model.search else "loading…")

    def _on_total(self, n: int) -> None:
        filtered = bool(self.model.search or self.model.status)
        from .article_model import SEARCH_CAP

        more = "+" if self.model.search and n >= SEARCH_CAP else ""
        filtered = filtered or bool(self.model.only)
        self.count.setText(f"{n:,}{more} article{'s' if n != 1 else ''}" + (" found" if filtered else ""))
        if n == 0 and filtered:
            self.empty.setText("No article matches. Clear the search (Esc) or choose “All articles”.")
        self.empty.setVisible(n == 0 and filtered)
        if self._then is not None:
            self._do_then()

    def _on_row(self, current, previous) -> None:
        if self._selecting or not current.isValid():
            return
        aid = self.model.article_id(current.row())
        if aid is not None and aid != self.current_id:
            self.current_id = aid
            self.articleChosen.emit(aid)

    def _reselect(self) -> None:
        # A reset forgets column widths; give back the ones the user had.
        self._fit_columns()
        if self.current_id is not None:
            self.select_id(self.current_id)

    def select_id(self, article_id: int | None) -> None:
        """Highlight the shown article if its row is loaded (it may be filtered out or on a far page)."""
        self.current_id = article_id
        row = self.model.row_of(article_id) if article_id is not None else None
        self._selecting = True
        try:
            sm = self.table.selectionModel()
            if row is None:
                sm.clearSelection()
            else:
                idx = self.model.index(row, 1)  # the title: always shown (a hidden column stops the arrow keys)
                sm.setCurrentIndex(idx, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
                self.table.scrollTo(idx)
        finally:
            self._selecting = False

    def step(self, delta: int) -> None:
        """Alt+Down / Alt+Up: the next or previous row of the list."""
        row = self.model.row_of(self.current_id) if self.current_id is not None else None
        target = 0 if row is None else row + delta
        if 0 <= target < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(target, 1))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape and self.search.text():
            self.search.clear()
            return
        super().keyPressEvent(event)
