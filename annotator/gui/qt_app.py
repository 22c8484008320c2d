"""The QApplication as the app sets it up (names, high-DPI scaling, theme, no meaningless Qt
notes on stderr): the window, the charts drawn for `annotator stats --plot` and the tests share it."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, Qt, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from .settings import APP, ORG
from .theme import apply_theme


# Qt notes that mean nothing to a user: the offscreen platform (screenshots, tests) cannot hint a
# window's size to a window manager it does not have.
_QUIET = ("This plugin does not support propagateSizeHints()",)


def _qt_messages(mode, context, message: str) -> None:
    if not any(q in message for q in _QUIET):
        sys.stderr.write(message + "\n")


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        qInstallMessageHandler(_qt_messages)
        QCoreApplication.setOrganizationName(ORG)
        QCoreApplication.setApplicationName(APP)
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setApplicationDisplayName("Annotator")
        app.setDesktopFileName("annotator")
        apply_theme(app)
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(lambda *_: apply_theme(app))
    return app
