"""Quote -> speaker links, drawn in the document's left margin, never across the text.

A link is a hook: from the quote's bar, along a lane of the margin, to the line of the speaker's
mention, ending in a dot where that line starts (the mention itself is boxed in the text). With
"show all speaker links" every quote's hook is drawn, each in its own lane where they would
overlap (interval colouring, lanes reused from the bar outwards); the selected quote's hook is
drawn stronger.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen

from ..models import Quote

SpanRects = Callable[[int, int], list[QRectF]]  # a span's rectangles in the viewport (DocumentView.span_rects)

LANE = 5  # px between lanes
MAX_LANES = 5  # the margin grows by this many lanes when every link is shown; more reuse lanes


def assign_lanes(spans: list[tuple[float, float]], max_lanes: int = MAX_LANES) -> list[int]:
    """A lane per vertical span (top, bottom) so that spans sharing a lane never overlap, while lanes
    last; beyond `max_lanes` the least recently ending lane is shared."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], spans[i][1]))
    ends: list[float] = []  # the bottom of the last span in each lane
    lanes = [0] * len(spans)
    for i in order:
        top, bottom = spans[i]
        free = next((k for k, end in enumerate(ends) if end < top - 1), None)
        if free is None and len(ends) < max_lanes:
            ends.append(bottom)
            free = len(ends) - 1
        elif free is None:
            free = min(range(len(ends)), key=lambda k: ends[k])
        ends[free] = max(ends[free], bottom) if ends[free] >= top else bottom
        lanes[i] = free
    return lanes


def _anchor_y(span_rects: SpanRects, q: Quote) -> tuple[float, float] | None:
    """(y at the quote's bar, y at the mention's line), in viewport coordinates."""
    qr = span_rects(q.start, q.end)
    mr = span_rects(q.speaker_start, q.speaker_end)
    if not qr or not mr:
        return None
    # Join the bar at its end nearest the mention.
    qy = qr[0].center().y() if q.speaker_start < q.start else qr[-1].center().y()
    return qy, mr[0].center().y()


def paint_links(p: QPainter, span_rects: SpanRects, quotes: list[Quote], current_id: int | None,
                bar_x: float, right_x: float, color: QColor) -> None:
    linked = [q for q in quotes if q.speaker_start is not None]
    anchors = [(q, _anchor_y(span_rects, q)) for q in linked]
    anchors = [(q, a) for q, a in anchors if a is not None]
    if not anchors:
        return
    lanes = assign_lanes([(min(a), max(a)) for _, a in anchors]) if len(anchors) > 1 else [0]
    p.setRenderHint(QPainter.Antialiasing)
    # The selected quote's hook last, on top.
    for (q, (qy, my)), lane in sorted(zip(anchors, lanes), key=lambda t: t[0][0].id == current_id):
        strong = q.id == current_id
        c = QColor(color)
        c.setAlphaF(1.0 if strong else 0.55)
        p.setPen(QPen(c, 2.0 if strong else 1.3))
        x = bar_x - 6 - lane * LANE
        p.drawLine(QPointF(bar_x - 2, qy), QPointF(x, qy))
        p.drawLine(QPointF(x, qy), QPointF(x, my))
        p.drawLine(QPointF(x, my), QPointF(right_x, my))
        p.setBrush(c)
        p.drawEllipse(QPointF(x, my), 2.5 if strong else 1.8, 2.5 if strong else 1.8)
