"""Plots of `annotator.team.stats.Dashboard` with QtCharts: the Stats dialog and `stats --plot`.

QtCharts rather than matplotlib: the installer carries Qt already, and its Charts module adds
about 4 MB to the bundle, where matplotlib with Pillow would add some 45 MB and overrun the
300 MB budget (README, "Working as a team"). It renders offscreen too, so the command line writes
the same picture without a display.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCharts import (QBarCategoryAxis, QBarSeries, QBarSet, QCategoryAxis, QChart, QChartView,
                              QDateTimeAxis, QLineSeries, QScatterSeries, QValueAxis)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QWidget

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


def progress_chart(dash) -> QChart:
    c = _chart("Articles done, per annotator")
    x, y = QDateTimeAxis(), QValueAxis()
    x.setFormat("MMM d")
    y.setLabelFormat("%d")
    c.addAxis(x, Qt.AlignBottom)
    c.addAxis(y, Qt.AlignLeft)
    top, days = 1, []
    for i, (who, points) in enumerate(sorted(dash.progress.items())):
        s = QLineSeries()
        s.setName(who)
        s.setPointsVisible(True)
        s.setMarkerSize(8)
        s.setColor(QColor(PALETTE[i % len(PALETTE)]))
        for day, n in points:
            s.append(_msecs(day), n)
            top, days = max(top, n), days + [_msecs(day)]
        c.addSeries(s)
        s.attachAxis(x)
        s.attachAxis(y)
    if days:
        x.setRange(datetime.fromtimestamp((min(days) - 864e5) / 1000, timezone.utc),
                   datetime.fromtimestamp((max(days) + 864e5) / 1000, timezone.utc))
    y.setRange(0, top)
    y.setTickCount(min(top, 10) + 1)
    return c


def bars_chart(title: str, data: dict[str, dict[str, float]], value_format: str = "%d") -> QChart:
    """Grouped bars: categories on the x axis, one bar set per series."""
    c = _chart(title)
    cats = sorted({k for counts in data.values() for k in counts})
    series = QBarSeries()
    top = 0.0
    for i, (who, counts) in enumerate(sorted(data.items())):
        bs = QBarSet(who)
        bs.setColor(QColor(PALETTE[i % len(PALETTE)]))
        for k in cats:
            v = float(counts.get(k) or 0)
            bs.append(v)
            top = max(top, v)
        series.append(bs)
    c.addSeries(series)
    x, y = QBarCategoryAxis(), QValueAxis()
    x.append([k.replace("_", " ").lower() if k.isupper() else k for k in cats] or [""])
    y.setLabelFormat(value_format)
    y.setRange(0, top * 1.1 or 1)
    c.addAxis(x, Qt.AlignBottom)
    c.addAxis(y, Qt.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    c.legend().setVisible(len(data) > 1)
    return c


def agreement_chart(rows: list[dict]) -> QChart:
    """Krippendorff's alpha per field (dots) with its bootstrap 95% interval (bars)."""
    c = _chart("Agreement: Krippendorff's alpha with 95% interval")
    x, y = QCategoryAxis(), QValueAxis()
    x.setLabelsPosition(QCategoryAxis.AxisLabelsPositionOnValue)
    x.setLabelsAngle(-40)
    dots = QScatterSeries()
    dots.setName("alpha")
    dots.setMarkerSize(10)
    dots.setColor(QColor(PALETTE[0]))
    low = 0.0
    c.addAxis(x, Qt.AlignBottom)
    c.addAxis(y, Qt.AlignLeft)
    for i, r in enumerate(rows):
        name = r["field"].replace("stance:", "")[:22]
        x.append(f"{name} ({r['units']})", i)
        if r["alpha"] is None:
            continue
        dots.append(QPointF(i, r["alpha"]))
        low = min(low, r["alpha"], r["low"] if r["low"] is not None else 0.0)
        if r["low"] is not None:
            bar = QLineSeries()
            bar.setPen(QPen(QColor(PALETTE[0]), 2))
            bar.append(i, r["low"])
            bar.append(i, r["high"])
            c.addSeries(bar)
            bar.attachAxis(x)
            bar.attachAxis(y)
            c.legend().markers(bar)[0].setVisible(False)
    c.addSeries(dots)
    dots.attachAxis(x)
    dots.attachAxis(y)
    x.setRange(-0.5, max(len(rows), 1) - 0.5)
    y.setRange(min(low, 0.0), 1.0)
    c.legend().setVisible(False)
    return c


class StatsPanel(QWidget):
    """Six charts in a grid: progress, agreement, speed / claim types, stances, entity labels."""

    def __init__(self, dash, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("statsPanel")
        grid = QGridLayout(self)
        speed = {"seconds per quote": {who: s["seconds_per_quote"] or 0.0 for who, s in dash.speed.items()}}
        by_series = {who: {"seconds per quote": v} for who, v in speed["seconds per quote"].items()}
        charts = [progress_chart(dash),
                  agreement_chart(dash.agreement) if dash.agreement else _empty("Agreement: no article finished by two"),
                  bars_chart("Speed: seconds of work per reviewed quote", by_series, "%.1f"),
                  bars_chart("Claim types", dash.labels.get("claim", {})),
                  bars_chart("Stance labels", dash.labels.get("stance", {})),
                  bars_chart("Entity labels", dash.labels.get("entity", {}))]
        self.views = []
        for i, chart in enumerate(charts):
            v = QChartView(chart)
            v.setRenderHint(QPainter.Antialiasing)
            v.setMinimumSize(300, 220)
            grid.addWidget(v, i // 3, i % 3)
            self.views.append(v)


def _empty(title: str) -> QChart:
    return _chart(title)


def save_png(dash, out: str | Path, size: tuple[int, int] = (1500, 860)) -> Path:
    """Render the stats panel to a PNG (offscreen when there is no display)."""
    if "QT_QPA_PLATFORM" not in os.environ and not os.environ.get("DISPLAY") and sys.platform.startswith("linux"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from .app import make_app

    make_app()
    panel = StatsPanel(dash)
    panel.resize(*size)
    panel.setAttribute(Qt.WA_DontShowOnScreen, True)
    panel.show()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = panel.grab().save(str(out), "PNG")
    panel.close()
    panel.deleteLater()
    if not ok:
        from ..errors import AnnotatorError

        raise AnnotatorError(f"{out}: could not write the plot")
    return out
