"""Cancel in the app while the learned attribution trains: nothing is registered, nothing is left."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from PySide6.QtWidgets import QDialog, QPushButton

from annotator.gui import jobs
from annotator.gui.model_dialogs import TrainDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import speaker_support  # noqa: E402


def test_cancel_while_speakers_train_registers_nothing(open_window, tmp_path, qtbot, monkeypatch):
    from annotator.nlp.training import current_model, list_models

    db = tmp_path / "gazette.annotator"
    speaker_support.reviewed_project(db, n=12).close()

    def exec_(self):
        self.steps.setValue(1)
        return QDialog.Accepted

    monkeypatch.setattr(TrainDialog, "exec", exec_)
    win = open_window(db)
    learning = threading.Event()
    with qtbot.waitSignal(win.jobs.cancelled, timeout=120000):
        win.train()
        win.jobs._job.progress.connect(lambda d, t, stage: d > 0 and "learning speakers" in stage.lower() and learning.set())
        qtbot.waitUntil(learning.is_set, timeout=100000)
        win.jobs._dialog.findChild(QPushButton).click()  # the progress dialog's Cancel
    assert not win.jobs.busy
    assert list_models(win.session.project) == [] and current_model(win.session.project) is None
    folder = jobs.models_folder(db)
    assert not folder.exists() or not any(folder.iterdir())
