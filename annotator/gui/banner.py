"""A strip above the work area that says what needs the annotator's attention, in plain text,
with the buttons that deal with it (Retry, Save a Copy…) and a way to put it away."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy


class Banner(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.StyledPanel)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        self.icon = QLabel()
        self.text = QLabel()
        self.text.setObjectName("bannerText")
        self.text.setTextFormat(Qt.PlainText)  # file names and SQLite messages are never markup
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.text.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        row.addWidget(self.icon)
        row.addWidget(self.text, 1)
        self._buttons: list[QPushButton] = []
        self._row = row
        self.close_btn = QPushButton("Dismiss")
        self.close_btn.setFocusPolicy(Qt.NoFocus)
        self.close_btn.clicked.connect(self.hide)
        row.addWidget(self.close_btn)
        self.kind = ""
        self.hide()

    def show_message(self, kind: str, text: str, actions: list[tuple[str, Callable[[], None]]] = (),
                     dismissable: bool = True) -> None:
        """kind: "info" (someone else has the project open) or "warning" (edits are not being saved)."""
        self.kind = kind
        self.icon.setText("" if kind == "info" else "⚠")
        self.icon.setVisible(kind != "info")
        warn = kind != "info"
        self.setStyleSheet("#banner { background: palette(alternate-base); border: 1px solid %s; }"
                           % ("#d55e00" if warn else "palette(mid)"))
        self.text.setText(" ".join(text.split()))
        for b in self._buttons:
            self._row.removeWidget(b)
            b.deleteLater()
        self._buttons = []
        for label, slot in actions:
            b = QPushButton(label)
            b.setFocusPolicy(Qt.NoFocus)
            b.clicked.connect(slot)
            self._row.insertWidget(self._row.count() - 1, b)
            self._buttons.append(b)
        self.close_btn.setVisible(dismissable)
        self.show()

    def button(self, label: str) -> QPushButton | None:
        return next((b for b in self._buttons if b.text() == label), None)
