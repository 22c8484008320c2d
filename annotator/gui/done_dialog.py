"""Ctrl+Enter on an article with unreviewed suggestions: what is left, and what marking it done means.

"Done" means reviewed, so the dialog lists the quotes and entities nobody reviewed and offers:
confirm the quotes as suggested (one core operation, one undo), go to the first unreviewed item,
or cancel. Entities nobody looked at never become labels: the dialog says so.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ..models import ArticleAnnotations
from ..store import Unreviewed
from .dialog_parts import heading, wrapped
from .spans import elide


class DoneChoice(Enum):
    CONFIRM = "confirm"
    GO_TO_FIRST = "first"
    CANCEL = "cancel"


class DoneDialog(QDialog):
    def __init__(self, doc: ArticleAnnotations, pending: Unreviewed, speaker_name, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("doneDialog")
        self.setWindowTitle("Mark Article Done")
        self.choice = DoneChoice.CANCEL
        text = doc.article.text
        nq, ne = len(pending.quotes), len(pending.entities)
        v = QVBoxLayout(self)
        v.addWidget(heading("Not everything in this article is reviewed", 1.15, wrap=True))
        what = []
        if nq:
            what.append(f"{nq} of {len(doc.quotes)} quotes are unreviewed suggestions. Confirming them as suggested "
                        "makes their speaker, stance and claim training labels as they are.")
        if ne:
            what.append(f"{ne} of {len(doc.entities)} entities were never reviewed: they stay suggestions and are "
                        "left out of training (neither entity nor non-entity), however you choose.")
        intro = wrapped("\n".join(what))  # plain text: article text is never rendered as markup
        intro.setObjectName("doneIntro")
        v.addWidget(intro)
        self.list = QListWidget()
        self.list.setObjectName("unreviewedList")
        self.list.setSelectionMode(QListWidget.NoSelection)
        self.list.setFocusPolicy(Qt.NoFocus)
        bold = self.font()
        bold.setBold(True)

        def header(title: str) -> None:
            item = QListWidgetItem(title, self.list)
            item.setFont(bold)
            item.setFlags(Qt.NoItemFlags | Qt.ItemIsEnabled)

        if nq:
            header(f"Quotes, unreviewed suggestions ({nq})")
        for q in pending.quotes:
            who = speaker_name(q.speaker_id) or "no speaker"
            QListWidgetItem(f"    “{elide(text[q.start:q.end], 70)}” — {who}", self.list)
        if ne:
            header(f"Entities nobody reviewed ({ne}): left out of training")
        for e in pending.entities:
            item = QListWidgetItem(f"    {e.label}  {elide(text[e.start:e.end], 60)}", self.list)
            item.setForeground(self.palette().placeholderText())
        self.list.setMinimumHeight(min(12, max(3, self.list.count())) * 22)
        v.addWidget(self.list, 1)
        buttons = QDialogButtonBox()
        confirm_text = "Confirm Quotes as Suggested" if nq else "Mark Done Anyway"
        self.confirm_btn = buttons.addButton(confirm_text, QDialogButtonBox.AcceptRole)
        self.confirm_btn.setObjectName("doneConfirm")
        self.first_btn = buttons.addButton("Go to the First", QDialogButtonBox.ActionRole)
        self.first_btn.setObjectName("doneGoToFirst")
        cancel = buttons.addButton(QDialogButtonBox.Cancel)
        self.confirm_btn.clicked.connect(lambda: self._finish(DoneChoice.CONFIRM))
        self.first_btn.clicked.connect(lambda: self._finish(DoneChoice.GO_TO_FIRST))
        cancel.clicked.connect(self.reject)
        v.addWidget(buttons)
        # Enter takes the annotator to unreviewed quotes, not past them; with only entities left
        # (never labels, whatever the choice) it marks the article done.
        default = self.first_btn if nq else self.confirm_btn
        default.setDefault(True)
        default.setFocus()
        self.setMinimumWidth(560)
        self.resize(620, self.sizeHint().height())

    def _finish(self, choice: DoneChoice) -> None:
        self.choice = choice
        self.accept()

    def ask(self) -> DoneChoice:
        self.exec()
        return self.choice
