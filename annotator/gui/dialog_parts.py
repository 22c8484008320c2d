"""Parts the app's dialogs share: plain-text labels, the Cancel + action button row, and the dev
split's fields (the export dialog and the train dialog both ask for them)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QBoxLayout, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel,
                               QPushButton, QSpinBox)


def wrapped(text: str) -> QLabel:
    """A label that shows `text` as it is (never as rich text) and wraps it."""
    lab = QLabel(text)
    lab.setTextFormat(Qt.PlainText)
    lab.setWordWrap(True)
    return lab


def heading(text: str, scale: float = 1.2, wrap: bool = False) -> QLabel:
    """A dialog's first line: bold, a little larger, plain text."""
    lab = QLabel(text)
    lab.setTextFormat(Qt.PlainText)
    lab.setWordWrap(wrap)
    f = lab.font()
    f.setBold(True)
    f.setPointSizeF(f.pointSizeF() * scale)
    lab.setFont(f)
    return lab


def muted(label: QLabel) -> QLabel:
    pal = label.palette()
    pal.setColor(label.foregroundRole(), pal.placeholderText().color())
    label.setPalette(pal)
    return label


class SplitFields:
    """The dev fraction and seed of a spaCy split: the export dialog and the train dialog both ask."""

    def __init__(self, prefix: str, dev_hint: str, seed_hint: str):
        self.dev = QDoubleSpinBox()
        self.dev.setObjectName(f"{prefix}Dev")
        self.dev.setRange(0.0, 0.9)
        self.dev.setSingleStep(0.05)
        self.dev.setDecimals(2)
        self.dev.setValue(0.2)
        self.dev.setMinimumWidth(110)
        self.seed = QSpinBox()
        self.seed.setObjectName(f"{prefix}Seed")
        self.seed.setRange(0, 999_999)
        self.seed.setMinimumWidth(110)
        self._hints = (dev_hint, seed_hint)

    def add_rows(self, form: QFormLayout) -> None:
        for label, box, hint in (("Dev split:", self.dev, self._hints[0]), ("Seed:", self.seed, self._hints[1])):
            row = QHBoxLayout()
            row.addWidget(box)
            row.addWidget(muted(QLabel(hint)), 1)
            form.addRow(label, row)

    @property
    def dev_fraction(self) -> float:
        return round(self.dev.value(), 4)

    @property
    def seed_value(self) -> int:
        return self.seed.value()


class SplitOptions:
    """A dialog holding `SplitFields` as `self.split` answers with their values."""

    split: SplitFields

    @property
    def dev_fraction(self) -> float:
        return self.split.dev_fraction

    @property
    def seed_value(self) -> int:
        return self.split.seed_value


def action_buttons(dialog: QDialog, layout: QBoxLayout, text: str, name: str) -> QPushButton:
    """Cancel and the dialog's action (`text`, the default button; Enter presses it) under `layout`."""
    buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
    action = buttons.addButton(text, QDialogButtonBox.AcceptRole)
    action.setObjectName(name)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addSpacing(6)
    layout.addWidget(buttons)
    action.setDefault(True)  # once in the dialog, or the first button (Cancel) is
    return action
