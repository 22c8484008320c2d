"""The article text, read-only, with entities, quotes and the selected quote's speaker drawn on it.

Plain text only (`setPlainText`); highlights are ExtraSelections (cheap to rebuild: an edit
re-highlights without re-laying out the text or moving the scroll position). Drawn on top:
a box around the selected quote and its speaker mention; in the left margin a bar for every
quote (solid: confirmed, dashed: suggestion) and the hook linking the selected quote (or, with
"show all speaker links", every quote) to its speaker's mention (`speaker_links`). Nothing is
drawn across the words. Words a list search matched are highlighted.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QTextCharFormat, QTextCursor, QTextLine
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from ..models import ArticleAnnotations, Entity, Quote
from ..review_queue import search_spans
from . import speaker_links
from .spans import OffsetMap, qt_text
from .text import plain_tooltip
from .theme import Theme

GUTTER = 22


class _Gutter(QWidget):
    def __init__(self, view: "DocumentView"):
        super().__init__(view)
        self.view = view
        self.setToolTip("Quotes: solid bar = confirmed, dashed = suggestion; the hook links the selected "
                        "quote to its speaker's mention")

    def sizeHint(self) -> QSize:
        return QSize(self.view.gutter_width(), 0)

    def paintEvent(self, event) -> None:
        self.view.paint_gutter(self, event)


class DocumentView(QPlainTextEdit):
    itemClicked = Signal(str, int)  # ("quote" | "entity", id), or ("", -1) for plain text
    speakerClicked = Signal(int, int)  # Ctrl+click: the mention's start, end (code points)

    def __init__(self, theme: Theme, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("documentView")
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        self.setCenterOnScroll(False)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)  # Tab leaves the text for the inspector, as in a form
        self.document().setDocumentMargin(14)
        self.setViewportMargins(GUTTER, 0, 0, 0)
        self.theme = theme
        self.ann: ArticleAnnotations | None = None
        self.map = OffsetMap("")
        self.current: tuple[str, int] | None = None
        self.menu_provider: Callable[[QMenu], None] | None = None
        self._gutter = _Gutter(self)
        self.updateRequest.connect(self._on_update_request)
        self._fmt_cache: dict = {}
        self._pad = 0
        self._spans: list = []
        self._window: tuple[int, int] | None = None
        self.show_all_links = False  # View ▸ Show All Speaker Links (L)
        self.search = ""  # the article list's search: its words are highlighted
        self._search_spans: tuple[tuple, list[tuple[int, int]]] = ((), [])
        self.verticalScrollBar().valueChanged.connect(lambda _: self._apply_visible())

    # --- content ------------------------------------------------------------------------
    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._fit_line_width()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._fmt_cache.clear()
        self.rehighlight()

    def set_article(self, ann: ArticleAnnotations | None) -> None:
        """Show an article; the same article again only re-highlights (scroll and caret stay)."""
        same = (ann is not None and self.ann is not None and ann.article.id == self.ann.article.id
                and ann.article.text == self.ann.article.text)
        self.ann = ann
        if not same:
            text = ann.article.text if ann else ""
            self.map = OffsetMap(text)
            self._spans, self._window = [], None
            self.setPlainText(qt_text(text))
        self.rehighlight()

    def set_current(self, current: tuple[str, int] | None, scroll: bool = True) -> None:
        self.current = current
        self.rehighlight()
        item = self._item(current)
        if item is not None and scroll:
            c = QTextCursor(self.document())
            c.setPosition(self.map.to_qt(item.start))
            self.setTextCursor(c)
            self.reveal(item.start, item.end)

    def reveal(self, start: int, end: int) -> None:
        """Scroll so the span is in view (centred when it was not visible at all)."""
        rects = self.span_rects(start, end)
        vp = self.viewport().rect()
        if rects and all(vp.contains(r.toRect()) for r in rects):
            return
        c = QTextCursor(self.document())
        c.setPosition(self.map.to_qt(start))
        keep = self.textCursor()
        self.setTextCursor(c)
        self.centerCursor()
        self.setTextCursor(keep)

    def _item(self, current) -> Quote | Entity | None:
        if not current or self.ann is None:
            return None
        kind, item_id = current
        items = self.ann.quotes if kind == "quote" else self.ann.entities
        return next((x for x in items if x.id == item_id), None)

    def _fmt(self, key, make):
        f = self._fmt_cache.get(key)
        if f is None:
            f = self._fmt_cache[key] = make()
        return f

    def rehighlight(self) -> None:
        """Recompute what to highlight; only the part on screen becomes ExtraSelections.

        Qt checks every ExtraSelection against every line it paints, so 300 spans on a long
        paragraph would cost ~50 ms a paint; the spans near the view cost a few.
        """
        spans: list[tuple[int, int, object]] = []
        ann = self.ann
        if ann is not None:
            t = self.theme
            cur_q = self.current[1] if self.current and self.current[0] == "quote" else None
            cur_e = self.current[1] if self.current and self.current[0] == "entity" else None
            for q in ann.quotes:
                is_cur = q.id == cur_q
                spans.append((q.start, q.end, self._fmt(("q", q.reviewed, is_cur),
                                                        lambda: t.quote_format(q.reviewed, is_cur))))
            for e in ann.entities:
                spans.append((e.start, e.end, self._fmt(("e", e.label, e.reviewed),
                                                        lambda: t.entity_format(e.label, e.reviewed))))
            q = self._item(("quote", cur_q)) if cur_q else None
            if q is not None:
                if q.cue_start is not None:
                    spans.append((q.cue_start, q.cue_end, self._fmt("cue", t.cue_format)))
                if q.speaker_start is not None:
                    spans.append((q.speaker_start, q.speaker_end, self._fmt("mention", t.mention_format)))
            e = self._item(("entity", cur_e)) if cur_e else None
            if e is not None:
                spans.append((e.start, e.end, self._fmt(("e*", e.label), lambda: _bold(t.entity_format(e.label, True)))))
            fmt = self._fmt("search", lambda: _search_format(t))
            spans.extend((a, b, fmt) for a, b in self.search_hits())
        self._spans = spans
        self._window = None
        self._apply_visible()
        self.viewport().update()
        self._gutter.update()

    def search_hits(self) -> list[tuple[int, int]]:
        """Where the list's search matched this article's text (code-point offsets)."""
        if self.ann is None or not self.search.strip():
            return []
        key = (self.ann.article.id, len(self.ann.article.text), self.search)
        if self._search_spans[0] != key:
            self._search_spans = (key, search_spans(self.ann.article.text, self.search))
        return self._search_spans[1]

    def set_search(self, query: str) -> None:
        if query != self.search:
            self.search = query
            self.rehighlight()

    def set_show_all_links(self, on: bool) -> None:
        self.show_all_links = bool(on)
        self._pad = -1  # the margin's width changes: lay it out again
        self._fit_line_width()
        self.rehighlight()

    def gutter_width(self) -> int:
        return GUTTER + (speaker_links.LANE * speaker_links.MAX_LANES if self.show_all_links else 0)

    def _apply_visible(self) -> None:
        """ExtraSelections for the spans within a screen of the visible text (again after scrolling far)."""
        if not self._spans:
            if self.extraSelections():
                self.setExtraSelections([])
            self._window = None
            return
        lo, hi = self._visible_range()
        if self._window is not None and self._window[0] <= lo and hi <= self._window[1]:
            return
        pad = max(2000, hi - lo)
        lo, hi = max(0, lo - pad), hi + pad
        doc, m = self.document(), self.map
        sels = []
        for a, b, fmt in self._spans:
            if a >= hi or b <= lo:
                continue
            c = QTextCursor(doc)
            c.setPosition(m.to_qt(a))
            c.setPosition(m.to_qt(b), QTextCursor.KeepAnchor)
            sel = QTextEdit.ExtraSelection()
            sel.cursor = c
            sel.format = fmt
            sels.append(sel)
        self._window = (lo, hi)
        self.setExtraSelections(sels)

    # --- geometry -----------------------------------------------------------------------
    def span_rects(self, start: int, end: int) -> list[QRectF]:
        """One rectangle per visual line the span covers, in viewport coordinates."""
        a, b = self.map.to_qt(start), self.map.to_qt(end)
        block = self.document().findBlock(a)
        offset = self.contentOffset()
        out: list[QRectF] = []
        while block.isValid() and block.position() < b:
            if block.isVisible():
                geo = self.blockBoundingGeometry(block).translated(offset)
                layout = block.layout()
                bs = block.position()
                first = layout.lineForTextPosition(max(0, a - bs)).lineNumber() if a > bs else 0
                for i in range(max(0, first), layout.lineCount()):
                    line = layout.lineAt(i)
                    ls = bs + line.textStart()
                    if ls >= b:
                        break
                    le = ls + line.textLength()
                    s, e = max(a, ls), min(b, le)
                    if s >= e:
                        continue
                    x1 = _x(line, s - bs)
                    x2 = _x(line, e - bs)
                    out.append(QRectF(geo.left() + x1, geo.top() + line.y(), max(2.0, x2 - x1), line.height()))
            block = block.next()
        return out

    def char_at(self, point) -> int | None:
        """The character (code-point offset) under a viewport point, or None over blank space."""
        cur = self.cursorForPosition(point)
        block = cur.block()
        if not block.isValid():
            return None
        geo = self.blockBoundingGeometry(block).translated(self.contentOffset())
        layout = block.layout()
        y = point.y() - geo.top()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if line.y() <= y < line.y() + line.height():
                x = point.x() - geo.left()
                if x > line.naturalTextWidth() + 2:
                    return None
                pos = line.xToCursor(x, QTextLine.CursorOnCharacter)
                return self.map.to_py(block.position() + pos)
        return None

    def selection_span(self) -> tuple[int, int] | None:
        c = self.textCursor()
        if not c.hasSelection():
            return None
        return self.map.to_py(c.selectionStart()), self.map.to_py(c.selectionEnd())

    def items_at(self, pos: int) -> tuple[list[Quote], list[Entity]]:
        if self.ann is None:
            return [], []
        qs = [q for q in self.ann.quotes if q.start <= pos < q.end]
        es = [e for e in self.ann.entities if e.start <= pos < e.end]
        return qs, es

    # --- painting -----------------------------------------------------------------------
    MAX_LINE_CHARS = 96  # longer lines are hard to read: wider windows get margins instead

    def _fit_line_width(self) -> None:
        """Wide windows: a centred text column of at most MAX_LINE_CHARS, the gutter at its left."""
        gw = self.gutter_width()
        limit = int(self.fontMetrics().averageCharWidth() * self.MAX_LINE_CHARS) + 28
        avail = self.contentsRect().width() - gw - self.verticalScrollBar().sizeHint().width()
        pad = max(0, (avail - limit) // 2)
        if pad != self._pad:
            self._pad = pad
            self.setViewportMargins(gw + pad, 0, pad, 0)
        cr = self.contentsRect()
        self._gutter.setGeometry(cr.left() + pad, cr.top(), gw, cr.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_line_width()
        self._window = None
        self._apply_visible()

    def _on_update_request(self, rect, dy) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        self._gutter.update()

    def _visible_range(self) -> tuple[int, int]:
        vp = self.viewport().rect()
        first = self.cursorForPosition(vp.topLeft()).position()
        last = self.cursorForPosition(vp.bottomRight()).position()
        return self.map.to_py(first), self.map.to_py(last) + 1

    def paint_gutter(self, gutter: QWidget, event) -> None:
        p = QPainter(gutter)
        p.fillRect(event.rect(), self.palette().window().color().lighter(104) if not self.theme.dark
                   else self.palette().base().color().darker(115))
        if self.ann is None:
            return
        p.setRenderHint(QPainter.Antialiasing)
        lo, hi = self._visible_range()
        cur = self._item(self.current) if self.current and self.current[0] == "quote" else None
        gw = self.gutter_width()
        x = gw - 7
        for q in self.ann.quotes:
            if q.end < lo or q.start > hi:
                continue
            rects = self.span_rects(q.start, q.end)
            if not rects:
                continue
            top, bottom = rects[0].top() + 2, rects[-1].bottom() - 2
            is_cur = cur is not None and q.id == cur.id
            pen = QPen(self.theme.quote, 4 if is_cur else 3)
            pen.setCapStyle(Qt.FlatCap)
            if not q.reviewed:
                pen.setStyle(Qt.CustomDashLine)
                pen.setDashPattern([2.0, 1.2])
            if not is_cur:
                c = QColor(self.theme.quote)
                c.setAlphaF(0.75)
                pen.setColor(c)
            p.setPen(pen)
            p.drawLine(QPointF(x, top), QPointF(x, bottom))
        # The selected quote's speaker (or every quote's): hooks in the margin, never over the words.
        quotes = self.ann.quotes if self.show_all_links else ([cur] if cur is not None else [])
        speaker_links.paint_links(p, self.span_rects, quotes, cur.id if cur else None, x, gw, self.theme.speaker)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        cur = self._item(self.current)
        if cur is None and not (self.show_all_links and self.ann):
            return
        p = QPainter(self.viewport())
        p.setRenderHint(QPainter.Antialiasing)
        p.setBrush(Qt.NoBrush)
        if self.show_all_links and self.ann:
            # Every speaker's mention, thinly boxed: the margin's hooks end on these lines.
            faint = QColor(self.theme.speaker)
            faint.setAlphaF(0.6)
            p.setPen(QPen(faint, 1.0))
            lo, hi = self._visible_range()
            for q in self.ann.quotes:
                if q.speaker_start is not None and lo <= q.speaker_end and q.speaker_start <= hi:
                    for r in self.span_rects(q.speaker_start, q.speaker_end):
                        p.drawRoundedRect(r.adjusted(-2, 0, 2, 0), 3, 3)
        if isinstance(cur, Entity):
            p.setPen(QPen(self.theme.label_color(cur.label), 1.6))
            for r in self.span_rects(cur.start, cur.end):
                p.drawRoundedRect(r.adjusted(-2, 0, 2, 0), 3, 3)
            return
        if cur is None:
            return
        qrects = self.span_rects(cur.start, cur.end)
        pen = QPen(self.theme.quote, 1.4)
        if not cur.reviewed:
            pen.setStyle(Qt.DashLine)
        p.setPen(pen)
        for r in qrects:
            p.drawRoundedRect(r.adjusted(-2, 0, 2, 0), 3, 3)
        if cur.speaker_start is None or not qrects:
            return
        p.setPen(QPen(self.theme.speaker, 2))
        for r in self.span_rects(cur.speaker_start, cur.speaker_end):
            p.drawRoundedRect(r.adjusted(-2, 0, 2, 0), 3, 3)

    # --- mouse, tooltips, menu ----------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        # A press inside the selection would start dragging the selected text (useless in a
        # read-only view): start a new selection there instead.
        c = self.textCursor()
        if event.button() == Qt.LeftButton and c.hasSelection() and not event.modifiers():
            pos = self.cursorForPosition(event.position().toPoint()).position()
            if c.selectionStart() <= pos <= c.selectionEnd():
                c.clearSelection()
                c.setPosition(pos)
                self.setTextCursor(c)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.LeftButton or self.textCursor().hasSelection():
            return
        pos = self.char_at(event.position().toPoint())
        if pos is None:
            return
        qs, es = self.items_at(pos)
        if event.modifiers() & Qt.ControlModifier:
            if es:
                e = min(es, key=lambda e: e.end - e.start)
                self.speakerClicked.emit(e.start, e.end)
            else:
                from ..text import snap_entity

                span = snap_entity(self.ann.article.text, pos, pos + 1) if self.ann else None
                if span:
                    self.speakerClicked.emit(*span)
            return
        if es:
            self.itemClicked.emit("entity", min(es, key=lambda e: e.end - e.start).id)
            return
        if qs:
            self.itemClicked.emit("quote", min(qs, key=lambda q: q.end - q.start).id)

    def event(self, ev) -> bool:
        if ev.type() == ev.Type.ToolTip and self.ann is not None:
            vp_pos = self.viewport().mapFromGlobal(ev.globalPos())
            pos = self.char_at(vp_pos)
            tip = self._tooltip(pos) if pos is not None else ""
            if tip:
                QToolTip.showText(ev.globalPos(), plain_tooltip(tip), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(ev)

    def _tooltip(self, pos: int) -> str:
        qs, es = self.items_at(pos)
        persons = self.ann.persons
        lines = []
        for e in es:
            who = persons.get(e.person_id).name if e.person_id in persons else None
            state = "confirmed" if e.reviewed else _suggested(e.confidence)
            lines.append(f"{e.label}" + (f" — {who}" if who else "") + f"  ({state})")
        for q in qs:
            who = persons.get(q.speaker_id).name if q.speaker_id in persons else "speaker unknown"
            state = "confirmed" if q.reviewed else _suggested(q.confidence)
            lines.append(f"{q.kind.capitalize()} quote — {who}  ({state})")
        if es:
            lines.append("Click: select · Ctrl+click: make the speaker of the selected quote")
        elif qs:
            lines.append("Click: select this quote")
        return "\n".join(lines)

    def contextMenuEvent(self, event) -> None:
        menu = QMenu(self)
        if self.menu_provider:
            self.menu_provider(menu)
        menu.exec(event.globalPos())


def _x(line: QTextLine, pos: int) -> float:
    r = line.cursorToX(pos)
    return r[0] if isinstance(r, tuple) else r


def _bold(f):
    f.setFontWeight(700)
    return f


def _search_format(theme: Theme) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setBackground(theme.search)
    f.setForeground(theme.search_text)
    return f


def _suggested(conf: float | None) -> str:
    return "suggestion" + (f", confidence {conf:.2f}" if conf is not None else "") + " — Enter confirms"
