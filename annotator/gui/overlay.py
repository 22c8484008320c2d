"""The `?` overlay: every shortcut, grouped, drawn over the window; Esc, ? or a click closes it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from .actions import NOTES, SPECS, key_text

GROUP_ORDER = ["Review", "Stance", "Edit", "Articles", "Project", "View"]


def _label(text: str, kbd: bool = False, bold: bool = False) -> QLabel:
    lab = QLabel(text)
    lab.setTextFormat(Qt.PlainText)
    if kbd:
        lab.setObjectName("kbd")
        lab.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
    if bold:
        f = lab.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.1)
        lab.setFont(f)
    return lab


class ShortcutsOverlay(QWidget):
    def __init__(self, parent: QWidget, actions: dict, claim_actions: list):
        super().__init__(parent)
        self.setObjectName("shortcutsOverlay")
        self.setAttribute(Qt.WA_StyledBackground, False)
        self.setFocusPolicy(Qt.StrongFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 30, 40, 30)
        card = QFrame(self)
        card.setObjectName("overlayCard")
        card.setFrameShape(QFrame.StyledPanel)
        card.setAutoFillBackground(True)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(card)
        scroll.setMaximumWidth(1100)
        outer.addWidget(scroll, 0, Qt.AlignHCenter)
        grid = QGridLayout(card)
        grid.setContentsMargins(24, 18, 24, 18)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(3)
        title = _label("Keyboard shortcuts", bold=True)
        grid.addWidget(title, 0, 0, 1, 5)
        hint = _label("Press ? or Esc to close. Every command is also in the menus.")
        hint.setStyleSheet("color: palette(placeholder-text);")
        grid.addWidget(hint, 1, 0, 1, 5)
        groups: dict[str, list[tuple[str, str]]] = {}
        for spec in SPECS:
            act = actions.get(spec.name)
            if act is None or not spec.keys or spec.name.endswith("_arrow"):
                continue
            text = act.text().replace("&", "") + (f" — {spec.help}" if spec.help else "")
            groups.setdefault(spec.group, []).append((key_text(act), text))
        groups.setdefault("Claim", []).extend((key_text(a), a.text().replace("&", "").split("  ", 1)[-1]) for a in claim_actions)
        groups.setdefault("Mouse and more", []).extend(NOTES)
        columns = [["Review", "Stance", "Claim"], ["Edit", "Articles", "Mouse and more"], ["Project", "View"]]
        for col, names in enumerate(columns):
            row = 2
            for name in names:
                items = groups.get(name, [])
                if not items:
                    continue
                head = _label(name, bold=True)
                head.setContentsMargins(0, 10, 0, 2)
                grid.addWidget(head, row, col * 2, 1, 2)
                row += 1
                for keys, text in items:
                    grid.addWidget(_label(keys, kbd=True), row, col * 2)
                    t = _label(text)
                    t.setWordWrap(True)
                    grid.addWidget(t, row, col * 2 + 1)
                    row += 1
        for c in (1, 3, 5):
            grid.setColumnStretch(c, 1)
        card.setStyleSheet("QLabel#kbd { font-family: monospace; padding: 1px 6px; border: 1px solid palette(mid);"
                           " border-radius: 4px; background: palette(button); }")
        self.hide()
        parent.installEventFilter(self)

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
            return
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.setFocus()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.parentWidget() and event.type() == QEvent.Resize and self.isVisible():
            self.setGeometry(self.parentWidget().rect())
        return False

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(0, 0, 0, 110))

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Escape, Qt.Key_Question, Qt.Key_F1, Qt.Key_Return, Qt.Key_Enter):
            self.hide()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        self.hide()
