"""Watching the open project for the session: who else has it open, whether the file is whole,
and whether the path still names the file we opened.

- Presence: the window registers itself beside the project (annotator.presence) and touches its
  entry every few seconds; it says who else has the project open, and notices newcomers.
- Damage: SQLite's quick_check runs in a background thread on its own read-only connection as
  soon as the project is open (a second per GB); closing the project interrupts it.
- The file itself: replaced, moved or deleted underneath us (the session polls `poll()`).
"""

from __future__ import annotations

import sqlite3
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from .. import presence
from ..errors import AnnotatorError
from ..store import Project


class ProjectGuard(QObject):
    othersChanged = Signal(str, str)  # "" or "also open by ..." (one line), and a short form
    damaged = Signal(str)  # the quick check found damage: one line
    checked = Signal()  # the quick check finished and found nothing
    fileLost = Signal(str)  # the file was replaced, moved or deleted: one line

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.project: Project | None = None
        self.registration: presence.Registration | None = None
        self.others: str = ""
        self.lost: str | None = None
        self._check_thread: threading.Thread | None = None
        self._check_conn: sqlite3.Connection | None = None
        self._stopping = False
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(int(presence.HEARTBEAT * 1000))
        self._heartbeat.timeout.connect(self._beat)

    def start(self, project: Project, user: str | None) -> None:
        self.stop()
        self.project, self.lost, self._stopping = project, None, False
        if not project.read_only:
            self.registration = presence.Registration(project.path, user or project.user, "the app")
        self._beat()
        self._heartbeat.start()
        self._check_thread = threading.Thread(target=self._quick_check, args=(str(project.path),),
                                              name="quick check", daemon=True)
        self._check_thread.start()

    def stop(self) -> None:
        self._heartbeat.stop()
        self._stopping = True
        conn = self._check_conn
        if conn is not None:
            try:
                conn.interrupt()
            except sqlite3.Error:
                pass
        if self._check_thread is not None:
            self._check_thread.join(10)
            self._check_thread = None
        if self.registration is not None:
            self.registration.close()
            self.registration = None
        self.project, self.others = None, ""

    # --- presence ---------------------------------------------------------------------------
    def _beat(self) -> None:
        if self.project is None:
            return
        if self.registration is not None:
            self.registration.heartbeat()
        people = presence.others(self.project.path, self.registration)
        text = presence.summary(people)
        if text != self.others:
            self.others = text
            self.othersChanged.emit(text, presence.short(people))

    # --- damage -----------------------------------------------------------------------------
    def _quick_check(self, path: str) -> None:
        """In a worker thread: quick_check on a connection of its own (the GUI's stays free)."""
        try:
            check = Project.open(path)
        except AnnotatorError as exc:
            if not self._stopping:
                self.damaged.emit(str(exc))
            return
        self._check_conn = check.conn
        try:
            rows = check.quick_check()
        finally:
            self._check_conn = None
            check.close()
        if self._stopping or rows == ["interrupted"]:
            return
        if rows == ["ok"]:
            self.checked.emit()
        else:
            self.damaged.emit(f"{path}: the project file is damaged ({rows[0]}); edits are turned off so nothing "
                              f"is written into it; `annotator check --db {path} --recover NEW.annotator` copies "
                              "what is readable")

    # --- the file itself --------------------------------------------------------------------
    def poll(self) -> str | None:
        """Check that the path still names our file; the first time it does not, say so (fileLost)."""
        if self.project is None or self.lost is not None:
            return self.lost
        problem = self.project.file_problem()
        if problem:
            self.lost = problem
            self.fileLost.emit(f"{problem}; edits are turned off here, and Save a Copy… keeps everything this "
                               "window still reads")
        return problem
