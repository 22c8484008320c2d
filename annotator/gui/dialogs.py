"""Small dialogs: the annotator's name, persons (rename, merge), about."""

from __future__ import annotations

import getpass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QMessageBox, QPushButton, QVBoxLayout, QWidget)

from .. import __version__, ops
from ..models import SOURCE_KINDS
from .session import Session


def ask_user_name(parent: QWidget | None, current: str | None = None) -> str | None:
    try:
        default = current or getpass.getuser()
    except Exception:
        default = current or ""
    name, ok = QInputDialog.getText(
        parent, "Your name", "Your name is recorded with each edit you make\n(so a team can see who annotated what):",
        QLineEdit.Normal, default)
    name = name.strip()
    return name if ok and name else None


class PersonsDialog(QDialog):
    """Every source in the project (persons, organisations, groups, unnamed people, documents):
    rename one, say what kind it is, or merge two that are the same."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("personsDialog")
        self.setWindowTitle("Sources")
        self.resize(520, 520)
        self.s = session
        v = QVBoxLayout(self)
        intro = QLabel("Select one source to rename it or change its kind; select two (Ctrl+click) to merge the "
                       "second into the first: its quotes and mentions move over and its names become aliases.")
        intro.setWordWrap(True)
        v.addWidget(intro)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by name or alias…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        v.addWidget(self.filter)
        self.list = QListWidget()
        self.list.setSelectionMode(QListWidget.ExtendedSelection)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        v.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.rename_btn = QPushButton("Rename…")
        self.rename_btn.clicked.connect(self._rename)
        self.merge_btn = QPushButton("Merge")
        self.merge_btn.clicked.connect(self._merge)
        self.kind_btn = QPushButton("&Kind…")
        self.kind_btn.clicked.connect(self._kind)
        row.addWidget(self.rename_btn)
        row.addWidget(self.kind_btn)
        row.addWidget(self.merge_btn)
        row.addStretch(1)
        v.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self._order: list[int] = []  # selection order, so "merge second into first" means what it says
        self.list.itemClicked.connect(self._track)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for p in self.s.project.all_persons():
            text = p.name + (f"   ({', '.join(p.aliases)})" if p.aliases else "") + \
                ("" if p.kind == "person" else f"   · {p.kind}")
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, p.id)
            item.setData(Qt.UserRole + 1, p)
            self.list.addItem(item)
        self._apply_filter(self.filter.text())
        self._update_buttons()

    def _apply_filter(self, text: str) -> None:
        key = text.strip().casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(key) and key not in item.text().casefold())

    def _track(self, item: QListWidgetItem) -> None:
        pid = item.data(Qt.UserRole)
        if pid in self._order:
            self._order.remove(pid)
        if item.isSelected():
            self._order.append(pid)

    def _selected(self) -> list:
        items = self.list.selectedItems()
        people = {i.data(Qt.UserRole): i.data(Qt.UserRole + 1) for i in items}
        order = [pid for pid in self._order if pid in people] + [pid for pid in people if pid not in self._order]
        return [people[pid] for pid in order]

    def _update_buttons(self) -> None:
        n = len(self.list.selectedItems())
        self.rename_btn.setEnabled(n == 1)
        self.kind_btn.setEnabled(n == 1)
        self.merge_btn.setEnabled(n == 2)

    def _kind(self) -> None:
        sel = self._selected()
        if len(sel) != 1:
            return
        p = sel[0]
        kind, ok = QInputDialog.getItem(self, "Kind of source", f"“{p.name}” is a:", list(SOURCE_KINDS),
                                        SOURCE_KINDS.index(p.kind), False)
        if ok and kind != p.kind:
            self.s.run(ops.set_source_kind, p, kind)
            self.reload()

    def _rename(self) -> None:
        sel = self._selected()
        if len(sel) != 1:
            return
        p = sel[0]
        name, ok = QInputDialog.getText(self, "Rename person", "Canonical name (the old one becomes an alias):",
                                        QLineEdit.Normal, p.name)
        if ok and name.strip() and name.strip() != p.name:
            self.s.run(ops.rename_person, p, name.strip())
            self.reload()

    def _merge(self) -> None:
        sel = self._selected()
        if len(sel) != 2:
            return
        keep, drop = sel
        box = QMessageBox(QMessageBox.Question, "Merge persons",
                          f"Merge “{drop.name}” into “{keep.name}”?", QMessageBox.Yes | QMessageBox.Cancel, self)
        box.setTextFormat(Qt.PlainText)
        box.setInformativeText("Undo (Ctrl+Z) takes it back.")
        if box.exec() == QMessageBox.Yes:
            self.s.run(ops.merge_persons, keep, drop)
            self._order.clear()
            self.reload()


def about(parent: QWidget) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("About Annotator")
    box.setTextFormat(Qt.PlainText)
    box.setText(f"Annotator {__version__}")
    box.setInformativeText("Review entities, quotes, speakers, stance and claims in news articles, "
                           "and turn them into training data.\n\nPress ? for the keyboard shortcuts.")
    box.exec()


def error_box(parent: QWidget, title: str, message: str) -> QMessageBox:
    """A one-line error, window-modal but not blocking (the event loop, and workers, go on)."""
    box = QMessageBox(QMessageBox.Warning, title, message, QMessageBox.Ok, parent)
    box.setObjectName("errorBox")
    box.setTextFormat(Qt.PlainText)
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.open()
    return box
