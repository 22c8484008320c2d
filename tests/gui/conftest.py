"""GUI test fixtures: offscreen Qt, isolated QSettings, the sample project, an open main window."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt
os.environ.pop("ANNOTATOR_USER", None)

import pytest  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gui_sample as sample  # noqa: E402


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "sample.annotator"
    sample.build(path).close()
    return path


@pytest.fixture
def sample_db(sample_template, tmp_path) -> Path:
    """A fresh copy of the sample project for one test."""
    dest = tmp_path / "sample.annotator"
    shutil.copy(sample_template, dest)
    return dest


@pytest.fixture
def settings(tmp_path, qapp):
    from PySide6.QtCore import QSettings

    from annotator.gui.settings import AppSettings

    s = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    s.user = "tester"
    return s


@pytest.fixture(scope="session", autouse=True)
def _app_style(qapp):
    from annotator.gui.theme import apply_theme

    qapp.setOrganizationName("annotator-tests")
    apply_theme(qapp)


@pytest.fixture(autouse=True)
def _done_dialog_must_be_answered(monkeypatch):
    """A modal dialog nobody answers would hang the suite: a test that marks an article with
    unreviewed suggestions done answers the dialog itself (`answer_done`), or fails here."""
    from annotator.gui.done_dialog import DoneDialog

    def unexpected(self):
        raise AssertionError("the done dialog opened, but this test does not answer it (use answer_done)")

    monkeypatch.setattr(DoneDialog, "exec", unexpected)


@pytest.fixture
def answer_done(monkeypatch):
    """answer_done(button): the done dialog's answer from now on (objectName of a button, or None to
    cancel); returns a list of what each dialog shown said (items listed, confirm button, intro)."""
    from annotator.gui.done_dialog import DoneDialog

    def _answer(button: str | None = "doneConfirm"):
        seen = []

        def exec_(self):
            from types import SimpleNamespace

            from PySide6.QtWidgets import QLabel

            # what the dialog showed (it is deleted once answered)
            seen.append(SimpleNamespace(items=self.list.count(), confirm=self.confirm_btn.text(),
                                        intro=self.findChild(QLabel, "doneIntro").text()))
            if button is None:
                self.reject()
            else:
                self.findChild(type(self.confirm_btn), button).click()
            return self.result()

        monkeypatch.setattr(DoneDialog, "exec", exec_)
        return seen

    return _answer


@pytest.fixture
def open_window(qtbot, settings):
    """open_window(db_path, article=None, quote=None) -> a shown, active, settled MainWindow."""
    from annotator.gui.app import create_window, settle

    windows = []

    def _open(db_path, article=None, quote=None):
        win = create_window(str(db_path) if db_path else None, settings, article=article, quote=quote)
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        qtbot.waitUntil(lambda: win.isActiveWindow(), timeout=3000)
        settle(win)
        windows.append(win)
        return win

    yield _open
    for w in windows:
        w.close()
