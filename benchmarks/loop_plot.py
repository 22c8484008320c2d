"""Draw `benchmarks/loop.py` learning curves to a PNG with QtCharts (offscreen, no display needed).

    .venv/bin/python benchmarks/loop_plot.py OUT.png RUN.json [RUN.json ...]

QtCharts, as the app's statistics plots (annotator/gui/charts.py): Qt is a dependency already,
matplotlib is not. Per run (corpus): speaker accuracy on the held-back articles of the rules alone
(dashed) and of the trained pipeline (solid), against the number of reviewed articles trained on
(log scale).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7"]  # Okabe-Ito, as the app's charts


def _label(run: dict) -> str:
    name = Path(run["gold"]).stem
    return f"{name} ({run['articles']} articles)"


def draw(runs: list[dict], out: Path, size: tuple[int, int] = (1100, 620)) -> Path:
    if "QT_QPA_PLATFORM" not in os.environ and not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCharts import QChart, QChartView, QLineSeries, QLogValueAxis, QValueAxis
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPainter, QPen
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841  (kept alive while drawing)
    chart = QChart()
    chart.setTitle("Speaker accuracy on held-back articles, by reviewed articles trained on")
    chart.setAnimationOptions(QChart.NoAnimation)
    chart.legend().setAlignment(Qt.AlignBottom)
    x, y = QLogValueAxis(), QValueAxis()
    x.setBase(2)
    x.setLabelFormat("%d")
    x.setTitleText("reviewed articles trained on (log scale)")
    y.setTitleText("speaker accuracy")
    y.setLabelFormat("%.1f")
    chart.addAxis(x, Qt.AlignBottom)
    chart.addAxis(y, Qt.AlignLeft)
    low, sizes = 1.0, []
    for i, run in enumerate(runs):
        colour = QColor(PALETTE[i % len(PALETTE)])
        for side, style, what in (("rules", Qt.DashLine, "rules alone"), ("trained", Qt.SolidLine, "trained")):
            s = QLineSeries()
            s.setName(f"{_label(run)}: {what}")
            pen = QPen(colour if side == "trained" else colour.lighter(140))
            pen.setWidth(3)
            pen.setStyle(style)
            s.setPen(pen)
            s.setPointsVisible(True)
            for p in run["curve"]:
                s.append(p["size"], p[side]["speakers"])
                low, sizes = min(low, p[side]["speakers"]), sizes + [p["size"]]
            chart.addSeries(s)
            s.attachAxis(x)
            s.attachAxis(y)
    x.setRange(max(1, min(sizes, default=1) / 1.3), max(sizes, default=2) * 1.3)
    bottom = max(0.0, int(low * 10) / 10 - 0.1)  # whole tenths, one tick each
    y.setRange(bottom, 1.0)
    y.setTickCount(round((1.0 - bottom) * 10) + 1)
    view = QChartView(chart)
    view.setRenderHint(QPainter.Antialiasing)
    view.resize(*size)
    view.setAttribute(Qt.WA_DontShowOnScreen, True)
    view.show()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not view.grab().save(str(out), "PNG"):
        raise SystemExit(f"{out}: could not write the plot")
    view.close()
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        print(__doc__.split("\n\n")[1].strip())
        return 2
    runs = [json.loads(Path(a).read_text(encoding="utf-8")) for a in args[1:]]
    print(draw(runs, Path(args[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
