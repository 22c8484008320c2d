"""A background task's progress in the status bar: what it is doing, a bar, and Stop.

Training takes minutes: it runs in the background while the annotator goes on reviewing, so its
progress sits in the status bar instead of a modal dialog. It answers the part of
QProgressDialog's interface `workers.JobRunner` uses, so the runner drives either the same way.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QStatusBar, QWidget


class JobStatus(QWidget):
    canceled = Signal()

    def __init__(self, title: str, label: str, status_bar: QStatusBar):
        super().__init__(status_bar)
        self.setObjectName("jobStatus")
        self.title = title
        h = QHBoxLayout(self)
        h.setContentsMargins(6, 0, 6, 0)
        h.setSpacing(6)
        self.label = QLabel()
        self.label.setTextFormat(Qt.PlainText)
        self.label.setObjectName("jobStatusLabel")
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(140)
        self.bar.setMaximumHeight(14)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.stop = QPushButton("Stop")
        self.stop.setObjectName("jobStatusStop")
        self.stop.setToolTip(f"Stop {title.lower()} (also Model ▸ Stop Background Task)")
        self.stop.setFocusPolicy(Qt.NoFocus)
        self.stop.clicked.connect(self.canceled)
        h.addWidget(self.label)
        h.addWidget(self.bar)
        h.addWidget(self.stop)
        self.setLabelText(label)
        status_bar.addWidget(self, 1)
        self.show()

    # --- the QProgressDialog subset JobRunner uses -----------------------------------------
    def setLabelText(self, text: str) -> None:
        line = " ".join(text.split())  # a stage and "step n of m" on one line
        self.label.setText(f"{self.title}: {line}" if not line.startswith(self.title) else line)

    def labelText(self) -> str:
        return self.label.text()

    def setMaximum(self, n: int) -> None:
        self.bar.setMaximum(n)

    def setValue(self, n: int) -> None:
        self.bar.setValue(n)

    def setCancelButton(self, button) -> None:
        if button is None:
            self.stop.hide()

    def close(self) -> bool:
        parent = self.parentWidget()
        if isinstance(parent, QStatusBar):
            parent.removeWidget(self)
        return super().close()
