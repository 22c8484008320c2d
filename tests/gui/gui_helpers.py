from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def key(qtbot, win, k, mods=Qt.NoModifier, text=None):
    """A key press where the user would type it: the widget that has the focus."""
    target = QApplication.focusWidget() or win
    qtbot.keyClick(target, k, mods)
    QApplication.processEvents()


def type_text(qtbot, text: str):
    target = QApplication.focusWidget()
    for ch in text:
        QTest.keyClicks(target, ch)
    QApplication.processEvents()


def select_text(view, start: int, end: int):
    from PySide6.QtGui import QTextCursor

    c = QTextCursor(view.document())
    c.setPosition(view.map.to_qt(start))
    c.setPosition(view.map.to_qt(end), QTextCursor.KeepAnchor)
    view.setTextCursor(c)
