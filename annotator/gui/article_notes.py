"""The article's flag and comment, under its heading.

Shown when the article is flagged or has a comment (or while one is being written), so an article
without either costs no space. A view only: it emits what the user asked for; the main window runs
the core operations (`ops.set_article_flag`, `ops.set_article_comment`), which undo like any edit.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from ..models import Article
from .inspector import NoteEdit


class ArticleNotes(QWidget):
    flagRequested = Signal(bool)
    commentEdited = Signal(object, str)  # the Article shown when editing began, the new comment
    done = Signal()  # Enter or Esc in the comment: back to the text

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("articleNotes")
        self.article: Article | None = None
        h = QHBoxLayout(self)
        h.setContentsMargins(8, 0, 8, 0)
        h.setSpacing(6)
        self.flag = QToolButton()
        self.flag.setObjectName("articleFlag")
        self.flag.setCheckable(True)
        self.flag.setFocusPolicy(Qt.NoFocus)
        self.flag.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.flag.setToolTip("Flag for a second look or a question to the team (Ctrl+Shift+F)")
        self.flag.clicked.connect(self.flagRequested)
        self.comment = NoteEdit()
        self.comment.setObjectName("articleComment")
        self.comment.setAccessibleName("Comment on this article")
        self.comment.setPlaceholderText("Comment on this article… (Enter saves, Esc cancels)")
        self.comment.editingFinished.connect(self._comment_done)
        self.comment.done.connect(self.done)
        h.addWidget(self.flag)
        h.addWidget(self.comment, 1)
        self.hide()

    def show_article(self, article: Article | None) -> None:
        other = (article.id if article else None) != (self.article.id if self.article else None)
        self.article = article
        flagged = bool(article and article.flagged)
        self.flag.setChecked(flagged)
        self.flag.setText("⚑ Flagged" if flagged else "⚐ Flag")
        self.comment.set_note(article.comment if article else "", other_item=other)
        if not self.comment.hasFocus():
            self.comment.setCursorPosition(0)  # a long comment shows its beginning
        self._fit()

    def _fit(self) -> None:
        a = self.article
        self.setVisible(a is not None and (a.flagged or bool(a.comment) or self.comment.hasFocus()))

    def edit_comment(self) -> None:
        """Ctrl+Shift+M: show the comment field and type into it."""
        if self.article is None:
            return
        self.show()
        self.comment.setFocus(Qt.ShortcutFocusReason)
        self.comment.selectAll()

    def _comment_done(self) -> None:
        a = self.article
        if a is not None and self.comment.text().strip() != a.comment:
            self.comment.setModified(False)
            self.commentEdited.emit(a, self.comment.text())
        else:
            self.comment.setText(a.comment if a else "")
            self._fit()

    def flush_comment(self) -> None:
        """Save a comment still being typed (before another article is shown, or the window closes)."""
        if self.comment.isModified():
            self._comment_done()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self._fit()
