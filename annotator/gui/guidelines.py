"""The label guidelines of the project's scheme, in the left panel (View ▸ Label Guidelines, F2).

Every label the scheme defines, grouped as the inspector uses them, with the key that sets it,
its look in the text (entity labels) and the scheme's description (`Scheme.descriptions`). Plain
text only: descriptions are project configuration, never rendered as markup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from .choosers import CLAIM_HELP
from .commands import LABEL_KEYS
from .theme import Theme


def _label(text: str, bold: bool = False, muted: bool = False, wrap: bool = True) -> QLabel:
    lab = QLabel(text)
    lab.setTextFormat(Qt.PlainText)
    lab.setWordWrap(wrap)
    lab.setTextInteractionFlags(Qt.TextSelectableByMouse)
    if bold:
        f = lab.font()
        f.setBold(True)
        lab.setFont(f)
    if muted:
        lab.setStyleSheet("color: palette(placeholder-text);")
    return lab


class GuidelinesPane(QWidget):
    done = Signal()  # Esc in the filter: back to the text

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("guidelines")
        v = QVBoxLayout(self)
        v.setContentsMargins(6, 6, 0, 6)
        v.setSpacing(4)
        self.filter = QLineEdit()
        self.filter.setObjectName("guidelinesFilter")
        self.filter.setPlaceholderText("Filter labels…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        v.addWidget(self.filter)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        v.addWidget(self.scroll, 1)
        self.rows: list[tuple[QWidget, str]] = []  # (row, what the filter searches)
        self.sections: list[tuple[QLabel, list[QWidget]]] = []
        self._build([])

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape:
            self.filter.clear()
            self.done.emit()
            return
        super().keyPressEvent(event)

    def set_scheme(self, scheme, theme: Theme) -> None:
        def rows(labels, key=None, swatch=False):
            return [(lab, key(i, lab) if key else "", scheme.describe(lab) or CLAIM_HELP.get(lab, ""), swatch)
                    for i, lab in enumerate(labels)]

        stance_keys = {"FAVOR": "F", "AGAINST": "A", "NONE": "N"}
        groups = [
            ("Entities (select, E, then the label's key)",
             rows(scheme.entity_labels, lambda i, _: LABEL_KEYS[i] if i < len(LABEL_KEYS) else "", swatch=True)),
            ("Quote kinds", rows(scheme.quote_kinds)),
            ("Stance (toward the highlighted target; T moves it)",
             rows(scheme.stance_labels, lambda i, lab: stance_keys.get(lab, ""))),
            ("Stance targets", rows(scheme.stance_targets)),
            ("Claim types", rows(scheme.claim_types, lambda i, _: str(i + 1) if i < 9 else "")),
        ]
        if scheme.checkworthy:
            groups.append(("Check-worthy", [("check-worthy", "C", scheme.describe("checkworthy"), False)]))
        self._build(groups, theme)

    def _build(self, groups, theme: Theme | None = None) -> None:
        body = QWidget()
        v = QVBoxLayout(body)
        v.setContentsMargins(0, 0, 8, 0)
        v.setSpacing(2)
        self.rows, self.sections = [], []
        if not groups:
            v.addWidget(_label("Open a project to see its labels.", muted=True))
        for title, items in groups:
            if not items:
                continue
            head = _label(title, bold=True)
            head.setContentsMargins(0, 8, 0, 2)
            v.addWidget(head)
            members = []
            for name, key, desc, swatch in items:
                row = QWidget()
                rv = QVBoxLayout(row)
                rv.setContentsMargins(0, 2, 0, 4)
                rv.setSpacing(0)
                line = QHBoxLayout()
                line.setSpacing(6)
                if swatch and theme is not None:
                    chip = QLabel()
                    chip.setPixmap(theme.label_icon(name, 12).pixmap(12, 12))
                    chip.setToolTip(theme.label_style_name(name))
                    line.addWidget(chip)
                line.addWidget(_label(name, bold=True, wrap=False))
                if key:
                    k = _label(f"({key})", muted=True, wrap=False)
                    line.addWidget(k)
                line.addStretch(1)
                rv.addLayout(line)
                if desc:
                    rv.addWidget(_label(desc))
                v.addWidget(row)
                members.append(row)
                self.rows.append((row, f"{name} {desc}".casefold()))
            self.sections.append((head, members))
        v.addStretch(1)
        self.scroll.setWidget(body)
        self._apply_filter(self.filter.text())

    def _apply_filter(self, text: str) -> None:
        key = text.strip().casefold()
        for row, hay in self.rows:
            row.setVisible(not key or key in hay)
        for head, members in self.sections:
            head.setVisible(any(not m.isHidden() for m in members))
