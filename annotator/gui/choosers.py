"""The inspector's choosers: speaker (type-ahead), stance per target, claim type."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QCompleter, QHeaderView, QLineEdit, QTreeWidget, QTreeWidgetItem

from ..models import Person, Stance
from .spans import elide
from .text import plain_tooltip
from .theme import STANCE_GLYPH

KindRole = Qt.UserRole + 1
ValueRole = Qt.UserRole + 2
SearchRole = Qt.UserRole + 3
NameRole = Qt.UserRole + 4  # the typed name of a "New <kind>: <name>" row

CLAIM_HELP = {
    "FACT": "Verifiable about the present or past (quantities and rules included)",
    "CAUSAL": "X causes or prevents Y",
    "PREDICTION": "About the future",
    "RECOMMENDATION": "A call for action: must, should, need",
    "COMMITMENT": "A promise by the speaker",
    "OPINION": "An evaluation that cannot be checked",
    "NOT_A_CLAIM": "Nothing to check or argue",
}


# How the chooser heads each kind of source, in the order it lists them.
KIND_HEADINGS = {"person": "People", "organisation": "Organisations", "group": "Groups",
                 "unnamed": "Unnamed people", "document": "Documents"}
KIND_WORDS = {"person": "person", "organisation": "organisation", "group": "group", "unnamed": "unnamed person",
              "document": "document"}


class SpeakerChooser(QLineEdit):
    """A line showing the speaker; S (or a click) opens a filtered list: type a few letters, Enter.

    Choices: the article's sources grouped by kind (people, organisations, groups, unnamed people,
    documents) under a heading each, by canonical name (aliases and the kind's name match too),
    "Unknown speaker", "New <kind> from selection" with the selection's own kind first (an ORG
    entity makes an organisation), and "New <kind>: <what you typed>" for every kind.
    """

    # ("person", id) | ("unknown", None) | ("selection", kind) | ("new", (name, kind))
    chosen = Signal(str, object)
    cancelled = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("speakerChooser")
        self._placeholder = "Unknown speaker — press S to choose"
        self.setPlaceholderText(self._placeholder)
        self.setClearButtonEnabled(False)
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCaseSensitivity(Qt.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchContains)
        self._completer.setCompletionMode(QCompleter.PopupCompletion)
        self._completer.setCompletionRole(SearchRole)
        self._completer.setMaxVisibleItems(12)
        self.setCompleter(self._completer)
        self._completer.activated[QModelIndex].connect(self._on_activated)
        self.textEdited.connect(self._on_edited)
        self.returnPressed.connect(self._on_return)
        self._handled = False
        self._skip_activation = False
        self._shown = ""
        self._names: dict[str, int] = {}
        self._new_items: list[QStandardItem] = []

    def set_options(self, persons: list[Person], current_name: str | None, selection: str | None,
                    selection_kind: str = "person") -> None:
        self._model.clear()
        self._names = {}
        self._new_items: list[QStandardItem] = []
        for kind, heading in KIND_HEADINGS.items():
            group = [p for p in persons if p.kind == kind]
            if not group:
                continue
            head = QStandardItem(heading)
            head.setFlags(Qt.NoItemFlags)  # a heading: shown, never chosen
            head.setData("", SearchRole)
            f = head.font()
            f.setBold(True)
            head.setFont(f)
            self._model.appendRow(head)
            for p in group:
                item = QStandardItem("    " + p.name)  # under its heading
                item.setData("person", KindRole)
                item.setData(p.id, ValueRole)
                item.setData(" · ".join([p.name, *p.aliases, KIND_WORDS[kind]]), SearchRole)
                if p.aliases:
                    item.setToolTip(plain_tooltip("Also: " + ", ".join(p.aliases)))
                self._model.appendRow(item)
                self._names[p.name.casefold()] = p.id
                for a in p.aliases:
                    self._names.setdefault(a.casefold(), p.id)
        self._add("Unknown speaker", "unknown", None, "unknown speaker · nobody · none")
        if selection:
            for kind in sorted(KIND_HEADINGS, key=lambda k: k != selection_kind):
                label = f"New {KIND_WORDS[kind]} from selection: “{elide(selection, 40)}”"
                self._add(label, "selection", kind, f"{selection} · new {KIND_WORDS[kind]} from selection")
        self.set_shown(current_name)

    def _add(self, text: str, kind: str, value, search: str) -> QStandardItem:
        item = QStandardItem(text)
        item.setData(kind, KindRole)
        item.setData(value, ValueRole)
        item.setData(search, SearchRole)
        f = item.font()
        f.setItalic(True)
        item.setFont(f)
        self._model.appendRow(item)
        return item

    def set_shown(self, name: str | None) -> None:
        self._shown = name or ""
        if not self.hasFocus():
            self.setText(self._shown)

    def open_popup(self) -> None:
        """Focus with everything selected and the whole list open: type to filter, Enter to choose."""
        self._skip_activation = self._handled = False
        self.setFocus(Qt.ShortcutFocusReason)
        # Start from an empty line (the current name shows greyed): what you type filters the list.
        self.setPlaceholderText(self._shown or "Unknown speaker")
        self.clear()
        self._completer.setCompletionPrefix("")
        self._completer.complete()
        self._highlight_first()

    def _highlight_first(self) -> None:
        """Show which row Enter will take (the first match) without QCompleter copying it into the line."""
        popup = self._completer.popup()
        sm = popup.selectionModel()
        if sm is None:
            return
        sm.blockSignals(True)
        sm.clearSelection()
        if self.text().strip() and self._completer.completionCount():
            sm.select(self._completer.completionModel().index(0, 0), sm.SelectionFlag.Select)
        sm.blockSignals(False)
        popup.viewport().update()

    def _first_match(self) -> tuple[str, object] | None:
        if not self._completer.completionCount():
            return None
        return self._choice(self._completer.completionModel().index(0, 0))

    @staticmethod
    def _choice(index: QModelIndex) -> tuple[str, object]:
        kind, value = index.data(KindRole), index.data(ValueRole)
        return (kind, (index.data(NameRole), value)) if kind == "new" else (kind, value)

    def _on_edited(self, text: str) -> None:
        typed = text.strip()
        for item in reversed(self._new_items):
            self._model.removeRow(item.row())
        self._new_items = []
        if typed and typed.casefold() not in self._names:  # "New person: X", "New organisation: X", ...
            self._new_items = [self._add(f"New {KIND_WORDS[k]}: “{elide(typed, 40)}”", "new", k,
                                         f"{typed} · new {KIND_WORDS[k]}") for k in KIND_HEADINGS]
            for item in self._new_items:
                item.setData(typed, NameRole)
        self._completer.setCompletionPrefix(typed)
        if typed or not self._completer.popup().isVisible():
            self._completer.complete()
        QTimer.singleShot(0, self._highlight_first)

    def _on_activated(self, index: QModelIndex) -> None:
        if self._skip_activation:  # Return already took this row (see _on_return)
            self._skip_activation = False
            return
        self._handled = True
        kind, value = self._choice(index)
        self._finish()
        if kind:  # (a heading is never chosen)
            self.chosen.emit(kind, value)

    def _on_return(self) -> None:
        if self._handled:
            self._handled = False
            return
        popup = self._completer.popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            # A row picked with the arrow keys: Qt hands Return to the line before the completer
            # activates the row, and the line by then shows the row's search text, not a name.
            kind, value = self._choice(popup.currentIndex())
            self._skip_activation = True
            self._finish()
            if kind:
                self.chosen.emit(kind, value)
            return
        typed = self.text().strip()
        if not typed or typed == self._shown:
            self._finish()
            self.cancelled.emit()
            return
        pid = self._names.get(typed.casefold())
        first = self._first_match() if self._completer.completionPrefix() == typed else None
        self._finish()
        if pid is not None:
            self.chosen.emit("person", pid)
        elif first is not None:
            self.chosen.emit(*first)
        else:
            self.chosen.emit("new", (typed, "person"))

    def _finish(self) -> None:
        self._completer.popup().hide()
        self.setPlaceholderText(self._placeholder)
        self.setText(self._shown)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape:
            self._finish()
            self.cancelled.emit()
            return
        super().keyPressEvent(event)

    def setPlaceholderText(self, text: str) -> None:
        super().setPlaceholderText(text)

    def set_idle_placeholder(self, text: str) -> None:
        self._placeholder = text
        self.setPlaceholderText(text)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        if not self._completer.popup().isVisible():
            self.setPlaceholderText(self._placeholder)
            self.setText(self._shown)


class StanceChooser(QTreeWidget):
    """One row per stance target of the project; the highlighted row is the one F / A / N set.

    T and Shift+T (or the arrow keys here, or a click) move between targets; pressing the key of
    the stance a target already has clears it.
    """

    stanceRequested = Signal(str, object)  # target, label or None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("stanceChooser")
        self.setColumnCount(2)
        self.setHeaderLabels(["Stance target", "Stance"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setAllColumnsShowFocus(True)
        h = self.header()
        h.setStretchLastSection(False)
        h.setSectionResizeMode(0, QHeaderView.Stretch)
        h.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.itemDoubleClicked.connect(self._cycle)
        self._labels: list[str] = []
        self._targets: list[str] = []
        self._values: dict[str, str] = {}
        self._suggested: set[str] = set()

    def set_scheme(self, targets: list[str], labels: list[str]) -> None:
        if targets == self._targets and labels == self._labels:
            return
        self._targets, self._labels = list(targets), list(labels)
        self.clear()
        for t in targets:
            item = QTreeWidgetItem([t, "—"])
            item.setToolTip(0, plain_tooltip(t))
            self.addTopLevelItem(item)
        if targets:
            self.setCurrentItem(self.topLevelItem(0))
        self.updateGeometry()

    def _row_height(self) -> int:
        h = self.sizeHintForRow(0) if self.topLevelItemCount() else -1
        return max(h, self.fontMetrics().height() + 4)

    def sizeHint(self) -> QSize:
        rows = max(1, min(7, len(self._targets)))
        h = self.header().sizeHint().height() + rows * self._row_height() + 2 * self.frameWidth() + 2
        return QSize(260, h)

    def minimumSizeHint(self) -> QSize:
        rows = min(3, max(1, len(self._targets)))
        return QSize(160, self.header().sizeHint().height() + rows * self._row_height() + 2 * self.frameWidth() + 2)

    def set_stances(self, stances: list[Stance], follow: bool = False) -> None:
        self._values = {s.target: s.label for s in stances}
        self._suggested = {s.target for s in stances if s.confidence is not None}
        muted = QColor(self.palette().placeholderText().color())
        for i, t in enumerate(self._targets):
            item = self.topLevelItem(i)
            lab = self._values.get(t)
            guess = t in self._suggested
            text = f"{STANCE_GLYPH.get(lab, '')} {lab}" if lab else "—"
            item.setText(1, text + ("?" if guess else ""))
            item.setToolTip(1, "Suggested by the model: press its key (or Enter on the quote) to accept"
                            if guess else "")
            item.setForeground(1, self.palette().text().color() if lab and not guess else muted)
            f = item.font(0)
            f.setBold(bool(lab))
            item.setFont(0, f)
            f1 = item.font(1)
            f1.setItalic(guess)
            item.setFont(1, f1)
        if follow and stances:
            # A quote that already has a stance: its first target becomes the one F/A/N change.
            row = self._targets.index(stances[0].target) if stances[0].target in self._targets else -1
            if row >= 0:
                self.setCurrentItem(self.topLevelItem(row))

    def current_target(self) -> str | None:
        item = self.currentItem()
        return item.text(0) if item else (self._targets[0] if self._targets else None)

    def step(self, delta: int) -> None:
        if not self._targets:
            return
        row = self.indexOfTopLevelItem(self.currentItem()) if self.currentItem() else 0
        row = (row + delta) % len(self._targets)
        self.setCurrentItem(self.topLevelItem(row))

    def request(self, label: str | None) -> None:
        """F / A / N: set the current target's stance; the same key again clears it."""
        target = self.current_target()
        if target is None:
            return
        if label is not None and self._values.get(target) == label and target not in self._suggested:
            label = None  # the same key again clears a stance you set (a suggested one is accepted instead)
        self.stanceRequested.emit(target, label)

    def _cycle(self, item: QTreeWidgetItem) -> None:
        t = item.text(0)
        order = [*self._labels, None]
        cur = self._values.get(t)
        nxt = order[(order.index(cur) + 1) % len(order)] if cur in order else order[0]
        self.stanceRequested.emit(t, nxt)


class ClaimChooser(QComboBox):
    claimChosen = Signal(object)  # claim type or None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("claimChooser")
        self.activated.connect(lambda i: self.claimChosen.emit(self.itemData(i)))
        self._types: list[str] = []

    def set_types(self, types: list[str]) -> None:
        if types == self._types:
            return
        self._types = list(types)
        self.clear()
        self.addItem("0   — no claim type", None)
        for i, t in enumerate(types, start=1):
            key = str(i) if i <= 9 else " "
            self.addItem(f"{key}   {t.replace('_', ' ').capitalize()}", t)
            if t in CLAIM_HELP:
                self.setItemData(i, CLAIM_HELP[t], Qt.ToolTipRole)

    def set_claim(self, claim: str | None, confidence: float | None = None) -> None:
        i = self.findData(claim)
        self.setCurrentIndex(max(0, i))
        f = self.font()
        f.setItalic(confidence is not None)
        self.setFont(f)
        tip = CLAIM_HELP.get(claim or "", "")
        guess = f"\nSuggested by the model (confidence {confidence:.2f})" if confidence is not None else ""
        self.setToolTip(f"Claim type (digits 1–{min(9, len(self._types))}; 0 clears)" + (f"\n{claim}: {tip}" if tip else "")
                        + guess)
