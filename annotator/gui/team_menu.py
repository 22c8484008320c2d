"""Project ▸ Team: Assign…, Merge…, Adjudicate…, Statistics…: thin adapters over `annotator.team`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QMainWindow, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from ..errors import AnnotatorError

# `win` is the app's MainWindow (main_window.py), which imports this module: it is named here by its Qt class.


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


def assign(win: QMainWindow) -> None:
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


class MergeReport(list):
    """What merging gave, one `FileMerge` per file; the status bar shows it."""

    def __str__(self) -> str:
        return "; ".join(r.summary() for r in self)


def merge_job(paths: list[str]):
    """Merging thousands of articles takes a while (about 25 s for 20 files of 5,000): a job, on the
    worker's own connection; the window reads the new layers when it is done."""
    def run(project, progress):
        from ..team.merge import merge as run_merge

        progress(0, 0, "Merging the annotators' files…")
        return MergeReport(run_merge(project, paths))
    return run


def _team_project(win: QMainWindow) -> bool:
    """A team project is open; else say why not and False."""
    from ..team.layers import require_team

    if not win._require_project():
        return False
    try:
        require_team(win.session.project)
    except AnnotatorError as exc:
        win.show_error(str(exc), dialog=True)
        return False
    return True


def merge(win: QMainWindow) -> None:
    if not _team_project(win):
        return
    paths, _ = QFileDialog.getOpenFileNames(win, "Merge annotators' files", str(win.session.project.path.parent),
                                            "Annotator projects (*.annotator)")
    if paths:
        win.jobs.start("Merge", win.session.path, win.session.user, merge_job(paths), "Merging…")


def _present(dialog: QDialog) -> QDialog:
    """Show a window of the Team menu beside the main one, gone when closed, with the keyboard:
    its keys are meant for it at once (Shift+A, Ctrl+Enter mean other things in the main window),
    and without a window manager that activates new windows it would not get them."""
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def adjudicate(win: QMainWindow) -> None:
    from .adjudication import AdjudicationDialog

    if not _team_project(win):
        return
    win.adjudication = _present(AdjudicationDialog(win.session, win))


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


def statistics_job():
    def run(project, progress):
        from ..team.stats import dashboard

        progress(0, 0, "Counting and measuring agreement…")
        return dashboard(project)
    return run


def statistics(win: QMainWindow) -> None:
    """The figures are a job (agreement on a large team project takes seconds); the dialog opens
    when they are ready (`_figures_ready`)."""
    if win.session.project is None:
        win.show_error("Open or create a project first.", dialog=True)
        return
    win.jobs.start("Statistics", win.session.path, win.session.user, statistics_job(), "Statistics…")


def _figures_ready(win: QMainWindow, title: str, result) -> None:
    from ..team.stats import Dashboard

    if title == "Statistics" and isinstance(result, Dashboard):
        win.stats_dialog = _present(StatsDialog(result, win))


def install(win: QMainWindow) -> None:
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
    win.jobs.done.connect(lambda title, result: _figures_ready(win, title, result))


__all__ = ["install", "AssignDialog", "StatsDialog"]
