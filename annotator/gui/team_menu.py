"""Project ▸ Team: Assign…, Merge…, Adjudicate…, Statistics…: thin adapters over `annotator.team`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from ..errors import AnnotatorError

if TYPE_CHECKING:
    from .main_window import MainWindow


class AssignDialog(QDialog):
    """Names, overlap, copies, batch size, seed and the folder for the annotators' files."""

    def __init__(self, folder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("assignDialog")
        self.setWindowTitle("Assign batches to annotators")
        form = QFormLayout(self)
        self.names = QLineEdit()
        self.names.setPlaceholderText("ana, ben, cho")
        self.overlap = QDoubleSpinBox()
        self.overlap.setRange(0.0, 1.0)
        self.overlap.setSingleStep(0.05)
        self.overlap.setValue(0.2)
        self.copies = QSpinBox()
        self.copies.setRange(2, 20)
        self.per = QSpinBox()
        self.per.setRange(0, 1_000_000)
        self.per.setSpecialValueText("all articles not yet assigned")
        self.seed = QSpinBox()
        self.seed.setRange(0, 1_000_000)
        self.folder = QLineEdit(folder)
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow("Annotators (comma-separated):", self.names)
        form.addRow("Share given to several annotators:", self.overlap)
        form.addRow("Annotators per shared article:", self.copies)
        form.addRow("Articles per annotator (at most):", self.per)
        form.addRow("Seed:", self.seed)
        form.addRow("Folder for their files:", row)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        d = QFileDialog.getExistingDirectory(self, "Folder for the annotators' files", self.folder.text())
        if d:
            self.folder.setText(d)


def assign(win: "MainWindow") -> None:
    from ..team.assign import assign as run_assign

    if not win._require_project():
        return
    p = win.session.project
    dlg = AssignDialog(str(p.path.parent / f"{p.path.stem}-batches"), win)
    if dlg.exec() != QDialog.Accepted:
        return
    try:
        res = run_assign(p, dlg.names.text().split(","), dlg.folder.text(), overlap=dlg.overlap.value(),
                         copies=dlg.copies.value(), per_annotator=dlg.per.value() or None, seed=dlg.seed.value())
    except AnnotatorError as exc:
        win.show_error(str(exc), dialog=True)
        return
    win.statusBar().showMessage(f"Round {res.round}: {res.articles} article(s) in {len(res.files)} file(s) in "
                                f"{dlg.folder.text()}", 10000)


def merge(win: "MainWindow") -> None:
    from ..team.merge import merge as run_merge

    if not win._require_project():
        return
    paths, _ = QFileDialog.getOpenFileNames(win, "Merge annotators' files", str(win.session.project.path.parent),
                                            "Annotator projects (*.annotator)")
    if not paths:
        return
    try:
        results = run_merge(win.session.project, paths)
    except AnnotatorError as exc:
        win.show_error(str(exc), dialog=True)
        return
    win.session.refresh()
    win.statusBar().showMessage("; ".join(r.summary() for r in results), 15000)


def adjudicate(win: "MainWindow") -> None:
    from ..team.layers import require_team
    from .adjudication import AdjudicationDialog

    if not win._require_project():
        return
    try:
        require_team(win.session.project)
    except AnnotatorError as exc:
        win.show_error(str(exc), dialog=True)
        return
    win.adjudication = AdjudicationDialog(win.session, win)
    win.adjudication.setAttribute(Qt.WA_DeleteOnClose)
    win.adjudication.show()


class StatsDialog(QDialog):
    def __init__(self, dash, parent: QWidget | None = None):
        from .charts import StatsPanel

        super().__init__(parent)
        self.setObjectName("statsDialog")
        self.setWindowTitle("Statistics")
        self.resize(1400, 820)
        v = QVBoxLayout(self)
        self.panel = StatsPanel(dash)
        v.addWidget(self.panel, 1)
        speed = ", ".join(f"{who}: {s['seconds_per_quote']:.0f} s/quote ({s['quotes']} quotes)"
                          for who, s in sorted(dash.speed.items()) if s["seconds_per_quote"] is not None)
        note = QLabel(speed or "No reviewed quotes with timed work yet.")
        note.setTextFormat(Qt.PlainText)
        v.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)


def statistics(win: "MainWindow") -> None:
    from ..team.stats import dashboard

    if win.session.project is None:
        win.show_error("Open or create a project first.", dialog=True)
        return
    win.stats_dialog = StatsDialog(dashboard(win.session.project), win)
    win.stats_dialog.setAttribute(Qt.WA_DeleteOnClose)
    win.stats_dialog.show()


def install(win: "MainWindow") -> None:
    """Project ▸ Team, before Persons."""
    menu = win.menus["project"]
    team = menu.addMenu("&Team")
    team.setObjectName("teamMenu")
    menu.insertMenu(win.actions["persons"], team)
    menu.insertSeparator(win.actions["persons"])
    for name, text, keys, slot in (("team_assign", "&Assign Batches…", (), assign),
                                   ("team_merge", "&Merge Annotators' Files…", (), merge),
                                   ("team_adjudicate", "A&djudicate…", ("Ctrl+Shift+J",), adjudicate),
                                   ("team_stats", "&Statistics…", (), statistics)):
        act = QAction(text, win)
        act.setObjectName(f"action_{name}")
        act.setShortcuts([QKeySequence(k) for k in keys])
        act.triggered.connect(lambda _=False, f=slot: f(win))
        win.addAction(act)
        team.addAction(act)
        win.actions[name] = act
    win.menus["team"] = team


__all__ = ["install", "AssignDialog", "StatsDialog"]
