"""The centre: the article's heading, a legend naming every colour on screen, and the text."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from ..models import ArticleAnnotations
from .article_model import STATUS_TEXT
from .article_notes import ArticleNotes
from .document_view import DocumentView
from .elided_label import ElidedLabel
from .theme import Theme


class Legend(QWidget):
    """Chips with their names: entity labels present in the article, quote, speaker, suggestion.

    Every chip is always shown: the chips wrap onto as many lines as the width needs."""

    GAP = 6

    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        self.theme = theme
        self.labels: list[str] = []
        self.extra: list[str] = []  # "search match" while a search is on
        sp = QSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        sp.setHeightForWidth(True)
        self.setSizePolicy(sp)
        self.setToolTip("Colours are Okabe–Ito (safe for colour-blind readers); labels beyond the seven hues are "
                        "hatched; every mark is also named on hover.")

    def set_labels(self, labels: list[str], extra: list[str] | None = None) -> None:
        self.labels = labels
        if extra is not None:
            self.extra = extra
        self.setAccessibleDescription("Legend: " + ", ".join(name for name, _, _ in self._items()))
        self.updateGeometry()
        self.update()

    def set_extra(self, extra: list[str]) -> None:
        if extra != self.extra:
            self.set_labels(self.labels, extra)

    def _font(self):
        f = self.font()
        f.setPointSizeF(f.pointSizeF() * 0.9)
        return f

    def _items(self):
        t = self.theme
        for lab in self.labels:
            yield lab, "entity", t.label_color(lab)
        yield "quote", "quote", t.quote
        yield "speaker", "speaker", t.speaker
        yield "suggestion", "suggestion", t.muted
        for name in self.extra:
            yield name, "search", t.search

    def _chips(self, width: int) -> list[tuple[QRectF, str, str, object]]:
        fm = QFontMetrics(self._font())
        h = fm.height()
        x, y, out = 6.0, 3.0, []
        for name, kind, color in self._items():
            w = fm.horizontalAdvance(name) + 12
            if x > 6 and x + w > width - 4:
                x, y = 6.0, y + h + 5
            out.append((QRectF(x, y, w, h), name, kind, color))
            x += w + self.GAP
        return out

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        chips = self._chips(width)
        return int(chips[-1][0].bottom() + 4) if chips else 0

    def sizeHint(self) -> QSize:
        return QSize(400, self.heightForWidth(max(200, self.width())))

    def minimumSizeHint(self) -> QSize:
        return QSize(100, self.heightForWidth(max(200, self.width())))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.heightForWidth(self.width()) != self.height():
            self.updateGeometry()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.setFont(self._font())
        for r, name, kind, color in self._chips(self.width()):
            if kind == "entity":
                p.setPen(Qt.NoPen)
                p.setBrush(self.theme.label_brush(name, 0.30))
                p.drawRoundedRect(r, 3, 3)
                p.setPen(QPen(color, 1.5))
                p.drawLine(r.bottomLeft(), r.bottomRight())
            elif kind == "quote":
                p.setPen(Qt.NoPen)
                p.setBrush(self.theme.tint(color, 0.16))
                p.drawRoundedRect(r, 3, 3)
                p.setPen(QPen(color, 3))
                p.drawLine(r.topLeft(), r.bottomLeft())
            elif kind == "speaker":
                p.setBrush(Qt.NoBrush)
                p.setPen(QPen(color, 1.6))
                p.drawRoundedRect(r.adjusted(1, 1, -1, -1), 3, 3)
            elif kind == "search":
                p.setPen(Qt.NoPen)
                p.setBrush(color)
                p.drawRoundedRect(r, 3, 3)
            else:
                pen = QPen(color, 1.5, Qt.DotLine)
                p.setPen(pen)
                p.drawLine(r.bottomLeft(), r.bottomRight())
            p.setPen(self.palette().text().color() if kind != "search" else self.theme.search_text)
            p.drawText(r, Qt.AlignCenter, name)


class DocumentPane(QWidget):
    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 6, 0, 0)
        v.setSpacing(3)
        self.title = ElidedLabel(2, fixed=False)  # a headline of up to two lines
        self.title.setObjectName("articleTitle")
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        f.setBold(True)
        self.title.setFont(f)
        self.title.setContentsMargins(8, 0, 8, 0)
        self.meta = ElidedLabel(1, muted=True)  # one line: editing must not make the layout jump
        self.meta.setObjectName("articleMeta")
        self.meta.setContentsMargins(8, 0, 8, 0)
        self.notes = ArticleNotes()
        self.legend = Legend(theme)
        self.view = DocumentView(theme)
        v.addWidget(self.title)
        v.addWidget(self.meta)
        v.addWidget(self.notes)
        v.addWidget(self.legend)
        v.addWidget(self.view, 1)

    def set_theme(self, theme: Theme) -> None:
        self.legend.theme = theme
        self.view.set_theme(theme)

    def set_search(self, query: str) -> None:
        """Highlight what the article list's search matched (and name the highlight in the legend)."""
        self.view.set_search(query)
        self.legend.set_extra(["search match"] if self.view.search_hits() else [])

    def show_article(self, ann: ArticleAnnotations | None) -> None:
        self.view.set_article(ann)
        self.notes.show_article(ann.article if ann else None)
        if ann is None:
            self.title.setText("")
            self.meta.setText("")
            self.legend.set_labels([], [])
            return
        a = ann.article
        self.title.setText(a.title or "(untitled article)")
        n = len(ann.quotes)
        todo = sum(not q.reviewed for q in ann.quotes)
        bits = [f"#{a.id}", a.place, a.source, STATUS_TEXT.get(a.status, a.status),
                f"{len(a.text.split()):,} words", f"{n} quote{'s' if n != 1 else ''}" + (f", {todo} to review" if todo else "")]
        self.meta.setText("  ·  ".join(b for b in bits if b))
        seen = {e.label for e in ann.entities}
        order = list(self.view.theme.labels)
        self.legend.set_labels([lab for lab in order if lab in seen] + sorted(seen - set(order)),
                               ["search match"] if self.view.search_hits() else [])
