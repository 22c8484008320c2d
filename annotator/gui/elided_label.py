"""A label of fixed height: at most N lines, the rest elided with "…", the whole text on hover.

Fields that change with every quote (its words, its state, the speaker's mention) keep the
layout still: a label that wraps to one line for one quote and three for the next makes every
widget below it jump. Plain text only.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QTextLayout, QTextOption
from PySide6.QtWidgets import QSizePolicy, QWidget

from .text import plain_tooltip


class ElidedLabel(QWidget):
    def __init__(self, lines: int = 1, text: str = "", parent=None, muted: bool = False, fixed: bool = True):
        super().__init__(parent)
        self.lines = max(1, lines)
        self.muted = muted
        self.fixed = fixed  # always `lines` high; otherwise as high as the text needs, up to `lines`
        self._text = ""
        # A fixed policy would cap the height at the size hint: a growing label says Minimum.
        sp = QSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed if fixed else QSizePolicy.Minimum)
        sp.setHeightForWidth(not fixed)
        self.setSizePolicy(sp)
        self.setText(text)

    def text(self) -> str:
        return self._text

    def textFormat(self) -> Qt.TextFormat:
        return Qt.PlainText  # painted with QPainter.drawText: never interpreted as markup

    def setText(self, text: str) -> None:
        text = " ".join((text or "").split())
        if text == self._text:
            return
        self._text = text
        self.setAccessibleName(text)
        self._update_tip()
        if not self.fixed:
            self.updateGeometry()
        self.update()

    def _line_height(self) -> float:
        return QFontMetricsF(self.font()).lineSpacing()

    def _lines_needed(self, width: float) -> int:
        if not self._text or width <= 0:
            return 1
        layout = self._layout(width)
        return max(1, layout.lineCount())

    def _layout(self, width: float) -> QTextLayout:
        layout = QTextLayout(self._text, self.font())
        opt = QTextOption()
        opt.setWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(opt)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
        layout.endLayout()
        return layout

    def _height_for(self, n: int) -> int:
        m = self.contentsMargins()
        return int(self._line_height() * n + 0.999) + m.top() + m.bottom()

    def sizeHint(self) -> QSize:
        n = self.lines if self.fixed else min(self.lines, self._lines_needed(self._avail()))
        return QSize(120, self._height_for(n))

    def minimumSizeHint(self) -> QSize:
        return QSize(40, self.sizeHint().height())

    def hasHeightForWidth(self) -> bool:
        return not self.fixed

    def heightForWidth(self, w: int) -> int:
        m = self.contentsMargins()
        return self._height_for(min(self.lines, self._lines_needed(w - m.left() - m.right())))

    def _avail(self) -> float:
        m = self.contentsMargins()
        return max(10.0, self.width() - m.left() - m.right())

    def _visible_lines(self) -> list[str]:
        """The text as drawn: up to `lines` lines, the last one elided if the text goes on."""
        width = self._avail()
        layout = self._layout(width)
        out = []
        for i in range(min(layout.lineCount(), self.lines)):
            line = layout.lineAt(i)
            out.append(self._text[line.textStart():line.textStart() + line.textLength()].rstrip())
        if layout.lineCount() > self.lines and out:
            rest = self._text[layout.lineAt(self.lines - 1).textStart():]
            out[-1] = QFontMetricsF(self.font()).elidedText(rest, Qt.ElideRight, width)
        return out

    def is_elided(self) -> bool:
        return self._lines_needed(self._avail()) > self.lines

    def _update_tip(self) -> None:
        self.setToolTip(plain_tooltip(self._text) if self._text and self.is_elided() else "")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_tip()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        m = self.contentsMargins()
        pal = self.palette()
        p.setPen(pal.placeholderText().color() if self.muted else pal.windowText().color())
        p.setFont(self.font())
        lh = self._line_height()
        for i, line in enumerate(self._visible_lines()):
            r = QRectF(m.left(), m.top() + i * lh, self._avail(), lh)
            p.drawText(r, Qt.AlignLeft | Qt.AlignVCenter | Qt.TextSingleLine, line)
