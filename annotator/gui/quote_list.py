"""The article's quotes at a glance: a list model over the shown article and a two-line delegate
(quoted words; speaker · stance · claim), reviewed and suggested rows told apart by a mark."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..models import Quote
from .session import Session
from .spans import elide
from .text import plain_tooltip
from .theme import STANCE_GLYPH, Theme

QuoteRole = Qt.UserRole + 1


class QuoteListModel(QAbstractListModel):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self._n = 0

    def sync(self) -> None:
        """Follow the session's article: same number of quotes -> repaint rows, else reset."""
        n = len(self.session.doc.quotes) if self.session.doc else 0
        if n == self._n and n:
            self.dataChanged.emit(self.index(0), self.index(n - 1))
            return
        self.beginResetModel()
        self._n = n
        self.endResetModel()

    def quote(self, row: int) -> Quote | None:
        doc = self.session.doc
        return doc.quotes[row] if doc and 0 <= row < len(doc.quotes) else None

    def row_of(self, quote_id: int) -> int | None:
        doc = self.session.doc
        if doc is None:
            return None
        return next((i for i, q in enumerate(doc.quotes) if q.id == quote_id), None)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._n

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        q = self.quote(index.row()) if index.isValid() else None
        if q is None:
            return None
        if role == Qt.DisplayRole:
            return self.text(q)
        if role == QuoteRole:
            return q
        if role == Qt.UserRole:
            return q.id
        if role == Qt.ToolTipRole:
            return plain_tooltip(f"{self.text(q, full=True)}\n\n{self.summary(q)}")
        if role == Qt.AccessibleTextRole:
            return f"{'reviewed' if q.reviewed else 'suggested'} quote: {self.text(q)}. {self.summary(q)}"
        return None

    def text(self, q: Quote, full: bool = False) -> str:
        doc = self.session.doc
        t = doc.article.text[q.start:q.end] if doc else ""
        return " ".join(t.split()) if full else elide(t, 200)

    def summary(self, q: Quote) -> str:
        who = self.session.person_label(q.speaker_id) or no_speaker(q)
        parts = [who]
        if q.stances:
            parts.append(", ".join(f"{STANCE_GLYPH.get(s.label, '')}{s.label} {s.target}" for s in q.stances))
        if q.claim:
            parts.append(q.claim)
        if q.checkworthy:
            parts.append("check-worthy")
        return " · ".join(parts)


class QuoteDelegate(QStyledItemDelegate):
    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        self.theme = theme

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(200, fm.height() * 2 + 12)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        q: Quote | None = index.data(QuoteRole)
        if q is None:
            return super().paint(p, option, index)
        model: QuoteListModel = index.model()
        p.save()
        style = option.widget.style() if option.widget else None
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        if style:
            style.drawControl(QStyle.CE_ItemViewItem, opt, p, option.widget)
        selected = bool(option.state & QStyle.State_Selected)
        pal = option.palette
        fg = pal.color(QPalette.HighlightedText if selected else QPalette.Text)
        muted = QColor(fg) if selected else self.theme.muted
        r = option.rect.adjusted(8, 5, -8, -5)
        fm = QFontMetrics(option.font)
        # Reviewed: a filled mark; suggestion: a hollow one (shape, not only colour).
        mark = QRect(r.left(), r.top() + (fm.height() - 10) // 2, 10, 10)
        p.setRenderHint(QPainter.Antialiasing)
        p.setPen(QPen(self.theme.quote, 1.6))
        p.setBrush(self.theme.quote if q.reviewed else Qt.NoBrush)
        p.drawEllipse(mark)
        x = r.left() + 18
        n = index.row() + 1
        p.setPen(fg)
        line1 = QRect(x, r.top(), r.right() - x, fm.height())
        p.drawText(line1, Qt.AlignLeft | Qt.AlignVCenter,
                   fm.elidedText(f"{n}. “{model.text(q)}”", Qt.ElideRight, line1.width()))
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.9))
        p.setFont(small)
        sfm = QFontMetrics(small)
        line2 = QRect(x, r.top() + fm.height() + 2, r.right() - x, sfm.height())
        who = model.session.person_label(q.speaker_id)
        parts = [who or no_speaker(q)]
        if q.stances:
            parts.append(" ".join(f"{STANCE_GLYPH.get(s.label, '')}{_short(s.target)}" for s in q.stances))
        if q.claim:
            parts.append(q.claim.replace("_", " ").lower())
        if q.checkworthy:
            parts.append("✓ check")
        p.setPen(fg if (selected or who) else muted)
        p.drawText(line2, Qt.AlignLeft | Qt.AlignVCenter, sfm.elidedText("  ·  ".join(parts), Qt.ElideRight, line2.width()))
        p.restore()


def no_speaker(q: Quote) -> str:
    """A confirmed quote without a speaker was said by someone unknown (the annotator chose so, or
    confirmed it so); a suggestion without one is one the model could not attribute."""
    return "unknown speaker" if q.reviewed else "no speaker suggested"


def _short(target: str) -> str:
    return target if len(target) <= 22 else target[:21] + "…"


class QuoteListView(QListView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("quoteList")
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setAlternatingRowColors(True)
