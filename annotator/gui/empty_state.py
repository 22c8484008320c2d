"""What the window shows when there is nothing to annotate yet: no project, an empty project, or a
project that failed to open; always with a way forward."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from .text import plain_tooltip


class EmptyState(QWidget):
    openRequested = Signal()
    newRequested = Signal()
    importRequested = Signal()
    recentChosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("emptyState")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QWidget()
        box.setMinimumWidth(520)
        box.setMaximumWidth(640)
        v = QVBoxLayout(box)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.PlainText)
        f = self.heading.font()
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        self.heading.setFont(f)
        self.heading.setWordWrap(True)
        self.body = QLabel()
        self.body.setObjectName("emptyStateMessage")
        self.body.setTextFormat(Qt.PlainText)
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextSelectableByMouse)
        v.addWidget(self.heading)
        v.addWidget(self.body)
        row = QHBoxLayout()
        self.import_btn = QPushButton("Import Articles…  (Ctrl+I)")
        self.import_btn.clicked.connect(self.importRequested)
        self.open_btn = QPushButton("Open Project…  (Ctrl+O)")
        self.open_btn.clicked.connect(self.openRequested)
        self.new_btn = QPushButton("New Project…  (Ctrl+N)")
        self.new_btn.clicked.connect(self.newRequested)
        for b in (self.import_btn, self.open_btn, self.new_btn):
            row.addWidget(b)
        row.addStretch(1)
        v.addLayout(row)
        self.recent_label = QLabel("Recent projects")
        self.recent = QListWidget()
        self.recent.setMaximumHeight(160)
        self.recent.setTextElideMode(Qt.ElideMiddle)
        self.recent.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.recent.itemActivated.connect(lambda it: self.recentChosen.emit(it.data(Qt.UserRole)))
        v.addWidget(self.recent_label)
        v.addWidget(self.recent)
        # Centred by stretches, not by an alignment: a layout asks a wrapped label for its height at
        # the width it gets only when the item has no alignment (else the last lines were cut off).
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(box)
        centred.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(2)

    def show_state(self, heading: str, body: str, recent: list[str], can_import: bool = False) -> None:
        self.heading.setText(heading)
        self.body.setText(body)
        self.import_btn.setVisible(can_import)
        self.recent.clear()
        for path in recent:
            item = QListWidgetItem(f"{Path(path).name}  —  {Path(path).parent}")
            item.setData(Qt.UserRole, path)
            item.setToolTip(plain_tooltip(path))
            self.recent.addItem(item)
        self.recent_label.setVisible(bool(recent))
        self.recent.setVisible(bool(recent))
