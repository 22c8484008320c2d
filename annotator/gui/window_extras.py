"""What the main window adds for a whole day of review: the label guidelines beside the article
list, the article's flag and comment, reopening, the next unreviewed item, every speaker link at
once, the list's order (least sure first) followed by Ctrl+Enter, the theme, a backup, the search
box's keys, a window that fits the screen.

Each is a thin adapter: data and rules live in the core (`review_queue`, `worktime`, `ops`,
`Scheme.descriptions`); `install(window)` wires them to the window's actions and menus.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QActionGroup, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QTabWidget

from . import jobs
from .guidelines import GuidelinesPane
from .theme import apply_theme, preference, set_preference

# `win` is the app's MainWindow (main_window.py), which imports this module: it is named here by its Qt class.


DEFAULT_SIZE = QSize(1360, 840)
# The smallest window in which everything is reachable: three panes side by side, three quotes in
# the quote list, the inspector's fields scrolling.
MIN_SIZE = QSize(960, 600)
FRAME = QSize(16, 48)  # what a window manager's frame and title bar take, at most, around the window


def fit_to_screen(win: QMainWindow, restored: bool, avail: QRect | None = None) -> None:
    """The default size, or the restored one, but never larger than the screen's free area
    (`avail`: that area, else the window's screen's)."""
    if avail is None:
        screen = win.screen() or QGuiApplication.primaryScreen()
        avail = screen.availableGeometry() if screen else None
    size = win.size() if restored else DEFAULT_SIZE
    if avail is not None:
        size = size.boundedTo(avail.size() - FRAME).expandedTo(win.minimumSize())
    win.resize(size)
    if avail is not None and not restored:
        win.move(avail.x() + max(0, (avail.width() - size.width() - FRAME.width()) // 2),
                 avail.y() + max(0, (avail.height() - size.height() - FRAME.height()) // 2))
    elif avail is not None and not avail.intersects(win.frameGeometry()):
        win.move(avail.topLeft())


def left_panel(win: QMainWindow) -> QTabWidget:
    """The article list and the guidelines, as tabs of the left pane."""
    tabs = QTabWidget()
    tabs.setObjectName("leftTabs")
    tabs.setDocumentMode(True)
    tabs.setFocusPolicy(Qt.NoFocus)
    win.guidelines = GuidelinesPane()
    tabs.addTab(win.articles, "Articles")
    tabs.addTab(win.guidelines, "Guidelines")
    tabs.setMinimumWidth(220)
    return tabs


def install(win: QMainWindow) -> None:
    a, c, s = win.actions, win.commands, win.session
    m = win.menus
    win.setMinimumSize(MIN_SIZE)
    # The inspector's fields scroll up and down only: the pane is never narrower than they are.
    win.inspector.setMinimumWidth(max(win.inspector.minimumWidth(), win.inspector.minimumSizeHint().width()))

    # --- menus ---------------------------------------------------------------------------
    m["project"].insertAction(a["persons"], a["backup"])
    m["project"].insertSeparator(a["persons"])
    review = m["review"]
    review.insertActions(a["speaker"], [a["next_unreviewed"], a["prev_unreviewed"]])
    review.insertSeparator(a["speaker"])
    arts = m["articles"]
    arts.addActions([a["reopen"]])
    arts.addSeparator()
    arts.addActions([a["flag"], a["comment"]])
    arts.addSeparator()
    order_menu = arts.addMenu("&Order")
    orders = QActionGroup(win)
    for name in ("order_id", "order_uncertainty", "order_updated"):
        orders.addAction(a[name])
        order_menu.addAction(a[name])
    a["order_id"].setChecked(True)
    m["model"].addSeparator()
    m["model"].addAction(a["stop_job"])
    a["stop_job"].setEnabled(False)
    view = m["view"]
    first = view.actions()[0]
    view.insertActions(first, [a["show_links"], a["guidelines"]])
    view.insertSeparator(first)
    theme_menu = view.addMenu("&Theme")
    themes = QActionGroup(win)
    for name in ("theme_system", "theme_light", "theme_dark"):
        themes.addAction(a[name])
        theme_menu.addAction(a[name])

    # --- review ---------------------------------------------------------------------------
    a["next_unreviewed"].triggered.connect(lambda: c.step_unreviewed(1))
    a["prev_unreviewed"].triggered.connect(lambda: c.step_unreviewed(-1))
    a["reopen"].triggered.connect(c.reopen)
    a["flag"].triggered.connect(lambda: c.set_flag(a["flag"].isChecked()))
    a["comment"].triggered.connect(win.document.notes.edit_comment)
    notes = win.document.notes
    notes.flagRequested.connect(c.set_flag)
    notes.commentEdited.connect(c.set_comment)
    notes.done.connect(win.view.setFocus)

    def follow_article() -> None:
        doc = s.doc
        a["flag"].setChecked(bool(doc and doc.article.flagged))
        a["reopen"].setEnabled(bool(doc and doc.article.status in ("done", "skipped")))

    s.articleChanged.connect(follow_article)
    s.annotationsChanged.connect(follow_article)
    s.changed.connect(lambda _ch: follow_article())

    # --- the article list: search keys, order -----------------------------------------------
    panel = win.articles
    panel.openRequested.connect(lambda: win.view.setFocus(Qt.OtherFocusReason))
    panel.leaveRequested.connect(lambda: win.view.setFocus(Qt.OtherFocusReason))
    panel.searchChanged.connect(win.document.set_search)
    keys = {"order_id": "id", "order_uncertainty": "uncertainty", "order_updated": "updated"}
    for name, key in keys.items():
        a[name].triggered.connect(lambda _=False, k=key: panel.set_order(k))

    def order_changed(key: str) -> None:
        c.order = key
        for name, k in keys.items():
            a[name].setChecked(k == key)
        if key == "uncertainty":
            s.message.emit("Least sure first: Ctrl+Enter now opens the article the model is least sure of.")

    panel.orderChanged.connect(order_changed)

    # --- view -----------------------------------------------------------------------------
    a["show_links"].triggered.connect(lambda: win.view.set_show_all_links(a["show_links"].isChecked()))
    tabs = win.left

    def toggle_guidelines() -> None:
        tabs.setCurrentWidget(win.articles if tabs.currentWidget() is win.guidelines else win.guidelines)

    a["guidelines"].triggered.connect(toggle_guidelines)
    tabs.currentChanged.connect(lambda _i: a["guidelines"].setChecked(tabs.currentWidget() is win.guidelines))
    win.guidelines.done.connect(win.view.setFocus)
    s.projectChanged.connect(lambda: refresh_guidelines(win))

    if set_preference(win.settings.theme) != "system":
        apply_theme(QApplication.instance())  # the remembered choice, from the first paint on
    a[f"theme_{preference()}"].setChecked(True)
    for name in ("system", "light", "dark"):
        a[f"theme_{name}"].triggered.connect(lambda _=False, n=name: choose_theme(win, n))

    # --- project --------------------------------------------------------------------------
    a["backup"].triggered.connect(lambda: backup(win))
    a["stop_job"].triggered.connect(win.jobs.cancel)
    win.jobs.done.connect(lambda *_: a["stop_job"].setEnabled(False))
    win.jobs.failed.connect(lambda *_: a["stop_job"].setEnabled(False))
    win.jobs.cancelled.connect(lambda *_: a["stop_job"].setEnabled(False))


def refresh_guidelines(win: QMainWindow) -> None:
    p = win.session.project
    if p is not None:
        win.guidelines.set_scheme(p.scheme, win.theme)


def choose_theme(win: QMainWindow, mode: str) -> None:
    """View ▸ Theme: remembered between runs; the window recolours at once."""
    win.settings.theme = set_preference(mode)
    apply_theme(QApplication.instance())
    win.retheme()
    refresh_guidelines(win)


def backup(win: QMainWindow) -> None:
    """Project ▸ Back Up Project: a new file chosen by the user, written by SQLite's online backup."""
    if not win._require_project():
        return
    p = win.session.project
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    suggested = str(Path(p.path).with_name(f"{Path(p.path).stem}-backup-{stamp}.annotator"))
    path, _ = QFileDialog.getSaveFileName(win, "Back up the project", suggested, "Annotator projects (*.annotator)")
    if not path:
        return
    if Path(path).resolve() == Path(p.path).resolve():
        win.show_error("A backup needs a new file, not the project itself.", dialog=True)
        return
    win.jobs.start("Backup", win.session.path, win.session.user, jobs.backup_job(path), "Backing up…")


def start_training(win: QMainWindow, fn) -> None:
    """Training runs in the background: progress in the status bar, the window stays usable."""
    if win.jobs.start("Training", win.session.path, win.session.user, fn, "Preparing…", background=True):
        win.actions["stop_job"].setEnabled(True)
        win.statusBar().showMessage("Training runs in the background: go on reviewing meanwhile.", 6000)


__all__ = ["install", "left_panel", "fit_to_screen", "start_training", "MIN_SIZE"]
