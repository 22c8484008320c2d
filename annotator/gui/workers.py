"""Long work (import, pre-annotation, export, training) in a worker thread with a progress dialog
and Cancel.

The job opens its own `Project` connection in the worker thread (a Project is not thread-safe);
when it ends, the window re-reads what changed (the session also notices other connections'
commits by itself).

A job reports `progress(done, total)`, optionally with the stage it is in
(`progress(done, total, stage="Training the stance classifier")`). Cancel takes effect at the
job's next report (the report raises `Cancelled`) or by interrupting its SQLite statement. A job
whose last stage must not be cut short (packaging and registering a trained model) says so with
`progress(..., final=True)`: from then on Cancel is too late and the job finishes.
"""

from __future__ import annotations

import sqlite3
import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

from ..errors import AnnotatorError
from ..store import Project


class Cancelled(Exception):
    """Raised inside a job's progress callback once the user pressed Cancel."""


class _Job(QObject):
    progress = Signal(int, int, str)  # done, total (0: unknown), stage ("" if none)
    committing = Signal()  # the job entered its final stage: Cancel no longer applies
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, db_path: str, user: str | None, fn: Callable):
        super().__init__()
        self.db_path, self.user, self.fn = db_path, user, fn
        self.cancel_requested = False
        self.cancellable = True
        self._lock = threading.Lock()  # cancel() and the final report decide atomically who wins
        self.project: Project | None = None

    def report(self, done: int, total: int | None = None, stage: str | None = None, final: bool = False) -> None:
        with self._lock:
            if self.cancel_requested and self.cancellable:
                raise Cancelled()
            if final and self.cancellable:
                self.cancellable = False
                self.committing.emit()
        self.progress.emit(int(done), int(total or 0), stage or "")

    @Slot()
    def run(self) -> None:
        try:
            self._run()
        finally:
            # The thread's work is done: let it end now, so a window closing meanwhile (which
            # waits for it with the GUI thread blocked) need not wait for the queued result.
            self.thread().quit()

    def _run(self) -> None:
        try:
            self.project = Project.open(self.db_path, user=self.user)
            try:
                result = self.fn(self.project, self.report)
            finally:
                self.project.close()
            if self.cancel_requested and self.cancellable:
                self.cancelled.emit()
            else:
                self.finished.emit(result)
        except Cancelled:
            self.cancelled.emit()
        except sqlite3.OperationalError as exc:
            if (self.cancel_requested and self.cancellable) or "interrupt" in str(exc):
                self.cancelled.emit()
            else:
                self.failed.emit(f"Database error: {exc}")
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
        except OSError as exc:  # a full disk, a folder where a file should be, no permission
            self.failed.emit(f"{exc.strerror}: {exc.filename}" if exc.strerror and exc.filename else str(exc))
        except ImportError as exc:
            self.failed.emit(f"This part of the app is not installed: {exc}")
        except Exception as exc:  # a bug: one line for the user, the trace for the log
            traceback.print_exc()
            self.failed.emit(f"Unexpected error: {type(exc).__name__}: {exc}")

    def cancel(self) -> bool:
        """Ask the job to stop; False once it is past its last cancellable point."""
        with self._lock:
            if not self.cancellable:
                return False
            self.cancel_requested = True
        p = self.project
        if p is not None:
            try:
                p.conn.interrupt()  # stops a long statement; its transaction rolls back
            except sqlite3.Error:
                pass
        return True


class JobRunner(QObject):
    """Runs one job at a time with a window-modal progress dialog."""

    done = Signal(str, object)  # title, result
    failed = Signal(str, str)  # title, message
    cancelled = Signal(str)

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self._thread: QThread | None = None
        self._job: _Job | None = None
        self._dialog: QProgressDialog | None = None
        self._title = ""
        self._cancel_connected = False

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, title: str, db_path: str, user: str | None, fn: Callable, label: str = "",
              background: bool = False) -> bool:
        """Run `fn` in a worker thread. A window-modal progress dialog shows it; with `background`
        (training) the progress goes to the window's status bar and the window stays usable."""
        if self.busy:
            return False
        self._title = title
        self._thread = QThread(self)
        self._thread.setObjectName(f"job: {title}")
        self._job = _Job(db_path, user, fn)
        self._job.moveToThread(self._thread)
        self._thread.started.connect(self._job.run)
        self._job.progress.connect(self._on_progress)
        self._job.committing.connect(self._on_committing)
        # Bound slots of this (GUI-thread) object: queued, so they run in the GUI thread.
        self._job.finished.connect(self._on_finished)
        self._job.failed.connect(self._on_failed)
        self._job.cancelled.connect(self._on_cancelled)
        if background:
            from .job_status import JobStatus

            dlg = JobStatus(title, label or f"{title}…", self.parent().statusBar())
        else:
            dlg = QProgressDialog(label or f"{title}…", "Cancel", 0, 0, self.parent())
            dlg.setObjectName("progressDialog")
            text = QLabel(label or f"{title}…")  # stages name model folders and files: shown, never as markup
            text.setTextFormat(Qt.PlainText)
            dlg.setLabel(text)
            dlg.setWindowTitle(title)
            dlg.setWindowModality(Qt.WindowModal)
            dlg.setMinimumDuration(300)
            dlg.setAutoClose(False)
            dlg.setAutoReset(False)
        dlg.canceled.connect(self.cancel)
        self._cancel_connected = True
        self._dialog = dlg
        self._thread.start()
        return True

    def cancel(self) -> None:
        if self._job is not None and self._job.cancel() and self._dialog is not None:
            self._dialog.setLabelText("Stopping…")

    def _on_progress(self, done: int, total: int, stage: str = "") -> None:
        d = self._dialog
        if d is None or (self._job is not None and self._job.cancel_requested and self._job.cancellable):
            return  # keep "Stopping…" in view
        if total > 0:
            d.setMaximum(total)
            d.setValue(min(done, total))
            d.setLabelText(f"{stage}\nstep {done:,} of {total:,}" if stage else f"{self._title}: {done:,} of {total:,}")
        else:
            d.setMaximum(0)
            if stage:
                d.setLabelText(stage)

    @Slot()
    def _on_committing(self) -> None:
        """Past the point of no return: Cancel would only mislead."""
        d = self._dialog
        if d is not None and self._cancel_connected:
            d.canceled.disconnect(self.cancel)
            self._cancel_connected = False
            d.setCancelButton(None)

    @Slot(object)
    def _on_finished(self, result) -> None:
        self._end(lambda: self.done.emit(self._title, result))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._end(lambda: self.failed.emit(self._title, message))

    @Slot()
    def _on_cancelled(self) -> None:
        self._end(lambda: self.cancelled.emit(self._title))

    def _end(self, emit: Callable[[], None]) -> None:
        if self._dialog is not None:
            if self._cancel_connected:
                self._dialog.canceled.disconnect(self.cancel)
                self._cancel_connected = False
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(10000)
            self._thread.deleteLater()
        if self._job is not None:
            self._job.deleteLater()
        self._thread, self._job = None, None
        emit()

    def wait(self, ms: int = 10000) -> None:
        if self._thread is not None:
            self._thread.wait(ms)
