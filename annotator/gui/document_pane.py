"""The centre: the article's heading, a legend naming every colour on screen, and the text."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..models import ArticleAnnotations
from .article_model import STATUS_TEXT
from .document_view import DocumentView
from .theme import Theme


class Legend(QWidget):
    """Colour chips with their names: entity labels present in the article, quote, speaker, suggestion."""

    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        self.theme = theme
        self.labels: list[str] = []
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setToolTip("Colours are Okabe–Ito (safe for colour-blind readers); every mark is also named on hover.")

    def set_labels(self, labels: list[str]) -> None:
        self.labels = labels
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(400, self.fontMetrics().height() + 8)

    def _items(self):
        t = self.theme
        for lab in self.labels:
            yield lab, "entity", t.label_color(lab)
        yield "quote", "quote", t.quote
        yield "speaker", "speaker", t.speaker
        yield "suggestion", "suggestion", t.muted

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        f = self.font()
        f.setPointSizeF(f.pointSizeF() * 0.9)
        p.setFont(f)
        fm = QFontMetrics(f)
        x, h = 6.0, self.height()
        y = (h - fm.height()) / 2
        for name, kind, color in self._items():
            w = fm.horizontalAdvance(name) + 12
            if x + w + 20 > self.width():
                p.setPen(self.palette().placeholderText().color())
                p.drawText(QRectF(x, 0, 20, h), Qt.AlignVCenter, "…")
                break
            r = QRectF(x, y, w, fm.height())
            if kind == "entity":
                p.setPen(Qt.NoPen)
                p.setBrush(self.theme.tint(color, 0.30))
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
            else:
                pen = QPen(color, 1.5, Qt.DotLine)
                p.setPen(pen)
                p.drawLine(r.bottomLeft(), r.bottomRight())
            p.setPen(self.palette().text().color())
            p.drawText(r, Qt.AlignCenter, name)
            x += w + 6


class DocumentPane(QWidget):
    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 6, 0, 0)
        v.setSpacing(3)
        self.title = QLabel()
        self.title.setObjectName("articleTitle")
        self.title.setTextFormat(Qt.PlainText)
        self.title.setWordWrap(True)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        f.setBold(True)
        self.title.setFont(f)
        self.title.setContentsMargins(8, 0, 8, 0)
        self.meta = QLabel()
        self.meta.setTextFormat(Qt.PlainText)
        self.meta.setWordWrap(True)
        self.meta.setStyleSheet("color: palette(placeholder-text);")
        self.meta.setContentsMargins(8, 0, 8, 0)
        self.legend = Legend(theme)
        self.view = DocumentView(theme)
        v.addWidget(self.title)
        v.addWidget(self.meta)
        v.addWidget(self.legend)
        v.addWidget(self.view, 1)

    def set_theme(self, theme: Theme) -> None:
        self.legend.theme = theme
        self.view.set_theme(theme)

    def show_article(self, ann: ArticleAnnotations | None) -> None:
        self.view.set_article(ann)
        if ann is None:
            self.title.setText("")
            self.meta.setText("")
            self.legend.set_labels([])
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
        self.legend.set_labels([lab for lab in order if lab in seen] + sorted(seen - set(order)))
