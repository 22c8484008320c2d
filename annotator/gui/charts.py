"""Plots of `annotator.team.stats.Dashboard` with QtCharts: the Stats dialog and `stats --plot`.

QtCharts rather than matplotlib: the installer carries Qt already, and its Charts module adds
about 4 MB to the bundle, where matplotlib with Pillow would add some 45 MB and overrun the
300 MB budget (README, "Working as a team"). It renders offscreen too, so the command line writes
the same picture without a display.
"""

from __future__ import annotations

import html
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCharts import (QBarCategoryAxis, QBarSeries, QBarSet,
                              QHorizontalBarSeries, QCategoryAxis, QChart, QChartView,
                              QDateTimeAxis, QLineSeries, QScatterSeries, QValueAxis)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QWidget

from ..team.units import field_label

# Okabe-Ito, as the entity colours: told apart with any colour vision.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


def _chart(title: str) -> QChart:
    c = QChart()
    c.setTitle(title)
    c.setAnimationOptions(QChart.NoAnimation)
    c.legend().setAlignment(Qt.AlignBottom)
    return c


def _msecs(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp() * 1000


def _count_axis(top: float, value_format: str = "%d") -> QValueAxis:
    """A value axis from 0 with round ticks (0, 5, 10, 15 rather than 0, 3, 7, 11, 15)."""
    y = QValueAxis()
    y.setRange(0, top or 1)
    y.applyNiceNumbers()
    if value_format == "%d" and y.max() <= 4:  # whole counts: no 0.5 ticks
        y.setRange(0, 4)
        y.setTickCount(5)
    y.setLabelFormat(value_format)
    return y


def _empty(title: str, why: str) -> QChart:
    return _chart(f"{title}: {why}")


def progress_chart(dash) -> QChart:
    title = "Articles done, per annotator"
    if not dash.progress:
        return _empty(title, "none yet")
    c = _chart(title)
    x = QDateTimeAxis()
    x.setFormat("MMM d")
    days = sorted({_msecs(day) for points in dash.progress.values() for day, _n in points})
    top = max(n for points in dash.progress.values() for _day, n in points)
    for i, (who, points) in enumerate(sorted(dash.progress.items())):
        s = QLineSeries()
        s.setName(who)
        s.setPointsVisible(True)
        s.setMarkerSize(8)
        s.setColor(QColor(PALETTE[i % len(PALETTE)]))
        for day, n in points:
            s.append(_msecs(day), n)
        c.addSeries(s)
    # A day before the first and after the last, a tick at each midnight (every few days on a long run).
    span = round((days[-1] - days[0]) / 864e5) + 2
    step = max(1, -(-span // 8))
    span = -(-span // step) * step
    x.setRange(datetime.fromtimestamp((days[0] - 864e5) / 1000, timezone.utc),
               datetime.fromtimestamp((days[0] - 864e5 + span * 864e5) / 1000, timezone.utc))
    x.setTickCount(span // step + 1)
    y = _count_axis(top)
    c.addAxis(x, Qt.AlignBottom)
    c.addAxis(y, Qt.AlignLeft)
    for s in c.series():
        s.attachAxis(x)
        s.attachAxis(y)
    return c


def _label(k: str) -> str:
    return k.replace("_", " ").lower() if k.isupper() else k


def bars_chart(title: str, data: dict[str, dict[str, float]], value_format: str = "%d",
               horizontal: bool = False) -> QChart:
    """Grouped bars, one bar set per series: categories on the x axis, or (`horizontal`, for long
    names such as claim types) down the left, first on top."""
    cats = sorted({k for counts in data.values() for k in counts}, reverse=horizontal)
    if not cats:
        return _empty(title, "none yet")
    c = _chart(title)
    series = QHorizontalBarSeries() if horizontal else QBarSeries()
    top = 0.0
    sets = []
    for i, (who, counts) in enumerate(sorted(data.items())):
        bs = QBarSet(who)
        bs.setColor(QColor(PALETTE[i % len(PALETTE)]))
        for k in cats:
            v = float(counts.get(k) or 0)
            bs.append(v)
            top = max(top, v)
        sets.append(bs)
    # Qt draws a horizontal group's first bar set at the bottom: add them last first (and list the
    # legend the other way round) so bars and legend both read ana, ben, cho from the top.
    for bs in reversed(sets) if horizontal else sets:
        series.append(bs)
    c.addSeries(series)
    x = QBarCategoryAxis()
    x.append([_label(k) for k in cats])
    x.setTruncateLabels(False)
    y = _count_axis(top, value_format)
    c.addAxis(x, Qt.AlignLeft if horizontal else Qt.AlignBottom)
    c.addAxis(y, Qt.AlignBottom if horizontal else Qt.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    c.legend().setVisible(len(data) > 1)
    c.legend().setReverseMarkers(horizontal)
    return c


def speed_chart(speed: dict[str, dict]) -> QChart:
    """Seconds of work per reviewed quote: one bar per annotator, its figure written on it."""
    title = "Speed: seconds of work per reviewed quote"
    rows = [(who, s["seconds_per_quote"]) for who, s in sorted(speed.items()) if s["seconds_per_quote"]]
    if not rows:
        return _empty(title, "no timed work yet")
    c = _chart(title)
    series = QBarSeries()
    bs = QBarSet("seconds per quote")
    bs.setColor(QColor(PALETTE[0]))
    bs.append([v for _who, v in rows])
    series.append(bs)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value s")
    series.setLabelsPrecision(3)
    series.setLabelsPosition(QBarSeries.LabelsInsideEnd)
    bs.setLabelColor(QColor("white"))
    c.addSeries(series)
    x = QBarCategoryAxis()
    x.append([who for who, _v in rows])
    y = _count_axis(max(v for _who, v in rows))
    c.addAxis(x, Qt.AlignBottom)
    c.addAxis(y, Qt.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    c.legend().setVisible(False)
    return c


def agreement_chart(rows: list[dict]) -> QChart:
    """Krippendorff's alpha per field (dots) with its bootstrap 95% interval (bars), one field per
    row, its name and item count written out in full on the left."""
    title = "Agreement: Krippendorff's alpha with 95% interval"
    if not rows:
        return _empty(title, "no article finished by two annotators")
    units = sorted({r["units"] for r in rows})
    c = _chart(f"{title}, over {units[0]} quotes" if len(units) == 1 else title)
    x, y = QValueAxis(), QCategoryAxis()
    y.setLabelsPosition(QCategoryAxis.AxisLabelsPositionOnValue)
    y.setTruncateLabels(False)
    dots = QScatterSeries()
    dots.setName("alpha")
    dots.setMarkerSize(10)
    dots.setColor(QColor(PALETTE[0]))
    low = 0.0
    c.addAxis(x, Qt.AlignBottom)
    c.addAxis(y, Qt.AlignLeft)
    n = len(rows)
    for at, r in enumerate(reversed(rows)):  # the first field on top (the axis takes labels bottom up)
        what = "one value only" if r["alpha"] is None else \
            f"{r['units']} quotes" if len(units) > 1 else ""
        # Axis labels are rich text: the scheme's target names are escaped.
        y.append(html.escape(field_label(r["field"])) + (f"<br>({what})" if what else ""), at)
        if r["alpha"] is None:
            continue
        dots.append(QPointF(r["alpha"], at))
        low = min(low, r["alpha"], r["low"] if r["low"] is not None else 0.0)
        if r["low"] is not None:
            bar = QLineSeries()
            bar.setPen(QPen(QColor(PALETTE[0]), 2))
            bar.append(r["low"], at)
            bar.append(r["high"], at)
            c.addSeries(bar)
            bar.attachAxis(x)
            bar.attachAxis(y)
    c.addSeries(dots)
    dots.attachAxis(x)
    dots.attachAxis(y)
    y.setRange(-0.5, max(n, 1) - 0.5)
    # Ticks every 0.2 from 0, a little room past 1.0 so a dot at 1.0 is whole.
    x.setRange(min(-0.2, round(low - 0.1, 1)) if low < 0 else 0.0, 1.04)
    x.setTickType(QValueAxis.TicksDynamic)
    x.setTickAnchor(0.0)
    x.setTickInterval(0.2)
    x.setLabelFormat("%.1f")
    c.legend().setVisible(False)
    return c


class StatsPanel(QWidget):
    """Six charts in a 4-column grid: progress, agreement (wide: its field names in full), speed;
    claim types (wide: seven of them), stance labels, entity labels."""

    def __init__(self, dash, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("statsPanel")
        grid = QGridLayout(self)
        charts = [(progress_chart(dash), 0, 0, 1),
                  (agreement_chart(dash.agreement), 0, 1, 2),
                  (speed_chart(dash.speed), 0, 3, 1),
                  (bars_chart("Claim types", dash.labels.get("claim", {}), horizontal=True), 1, 0, 2),
                  (bars_chart("Stance labels", dash.labels.get("stance", {})), 1, 2, 1),
                  (bars_chart("Entity labels", dash.labels.get("entity", {})), 1, 3, 1)]
        self.views = []
        for chart, row, col, span in charts:
            v = QChartView(chart)
            v.setRenderHint(QPainter.Antialiasing)
            v.setMinimumSize(260 * span, 220)
            grid.addWidget(v, row, col, 1, span)
            self.views.append(v)
        for col in range(4):
            grid.setColumnStretch(col, 1)


def save_png(dash, out: str | Path, size: tuple[int, int] = (1500, 860)) -> Path:
    """Render the stats panel to a PNG (offscreen when there is no display)."""
    _offscreen_without_display()
    return _grab(StatsPanel(dash), out, size)


def save_agreement_png(rows: list[dict], out: str | Path, size: tuple[int, int] = (900, 420)) -> Path:
    """Render the agreement chart alone to a PNG (`annotator agreement --plot`)."""
    _offscreen_without_display()
    view = QChartView(agreement_chart(rows))
    view.setRenderHint(QPainter.Antialiasing)
    return _grab(view, out, size)


def _offscreen_without_display() -> None:
    if "QT_QPA_PLATFORM" not in os.environ and not os.environ.get("DISPLAY") and sys.platform.startswith("linux"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from .qt_app import make_app

    make_app()


def _grab(widget: QWidget, out: str | Path, size: tuple[int, int]) -> Path:
    widget.resize(*size)
    widget.setAttribute(Qt.WA_DontShowOnScreen, True)
    widget.show()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = widget.grab().save(str(out), "PNG")
    widget.close()
    widget.deleteLater()
    if not ok:
        from ..errors import AnnotatorError

        raise AnnotatorError(f"{out}: could not write the plot")
    return out
