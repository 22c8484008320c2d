"""Colours and text formats: a colour-blind-safe palette (Okabe & Ito) and light/dark following the system.

Colour is never the only cue: labels are named on hover, in the inspector and in the legend;
suggestions differ from confirmed items by underline style and strength, not hue.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextCharFormat
from PySide6.QtWidgets import QApplication

# Okabe, M. & Ito, K. (2008), "Color Universal Design".
OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
PREFERRED = {
    "PERSON": "blue", "ORG": "orange", "GPE": "green", "NORP": "purple", "LOC": "sky", "FAC": "sky",
    "EVENT": "yellow", "LAW": "yellow", "PRODUCT": "purple", "WORK_OF_ART": "purple",
}
CYCLE = ["blue", "orange", "green", "purple", "sky", "yellow"]
QUOTE = "vermillion"

STANCE_GLYPH = {"FAVOR": "+", "AGAINST": "−", "NONE": "○"}


def is_dark(palette: QPalette | None = None) -> bool:
    """Follow the system; ANNOTATOR_THEME=dark|light overrides (screenshots, odd desktops)."""
    forced = os.environ.get("ANNOTATOR_THEME", "").lower()
    if forced in ("dark", "light"):
        return forced == "dark"
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hasattr(hints, "colorScheme") else Qt.ColorScheme.Unknown
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    pal = palette or QGuiApplication.palette()
    return pal.color(QPalette.Window).lightness() < 128


def apply_theme(app: QApplication) -> None:
    """Fusion everywhere (same look on every OS, honours the palette), dark when the system is dark."""
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if is_dark() else app.style().standardPalette())


def dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor("#1e1f22"), QColor("#2b2d30"), QColor("#dfe1e5")
    for role, c in ((QPalette.Window, window), (QPalette.WindowText, text), (QPalette.Base, base),
                    (QPalette.AlternateBase, QColor("#26282b")), (QPalette.Text, text), (QPalette.Button, window),
                    (QPalette.ButtonText, text), (QPalette.ToolTipBase, QColor("#3c3f41")),
                    (QPalette.ToolTipText, text), (QPalette.Highlight, QColor("#2f65ca")),
                    (QPalette.HighlightedText, QColor("#ffffff")), (QPalette.PlaceholderText, QColor("#8c8f94")),
                    (QPalette.Link, QColor(OKABE_ITO["sky"]))):
        p.setColor(role, c)
    for role in (QPalette.Text, QPalette.WindowText, QPalette.ButtonText):
        p.setColor(QPalette.Disabled, role, QColor("#6f737a"))
    return p


class Theme:
    """Colours for one scheme in the current light/dark mode."""

    def __init__(self, entity_labels: list[str], dark: bool | None = None):
        self.dark = is_dark() if dark is None else dark
        self.labels: dict[str, QColor] = {}
        free = iter(CYCLE * 3)
        for lab in entity_labels:
            name = PREFERRED.get(lab)
            if name is None:
                name = "grey" if lab in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY") else next(free)
            self.labels[lab] = QColor(OKABE_ITO[name])
        self.quote = QColor(OKABE_ITO[QUOTE])
        self.speaker = QColor(OKABE_ITO["blue"] if not self.dark else OKABE_ITO["sky"])
        self.done = QColor(OKABE_ITO["green"])
        self.pending = QColor(OKABE_ITO["orange"])
        self.muted = QColor("#8c8f94" if self.dark else "#6b6f76")

    def label_color(self, label: str) -> QColor:
        return self.labels.get(label, QColor(OKABE_ITO["grey"]))

    def tint(self, c: QColor, strength: float) -> QColor:
        """`c` as a background: transparent enough to read black (or white) text on it."""
        out = QColor(c)
        out.setAlphaF(min(1.0, strength * (1.6 if self.dark else 1.0)))
        return out

    # --- document formats -------------------------------------------------------------------
    def entity_format(self, label: str, reviewed: bool) -> QTextCharFormat:
        f = QTextCharFormat()
        c = self.label_color(label)
        f.setBackground(self.tint(c, 0.30 if reviewed else 0.13))
        f.setUnderlineColor(c)
        f.setFontUnderline(True)
        f.setUnderlineStyle(QTextCharFormat.SingleUnderline if reviewed else QTextCharFormat.DotLine)
        return f

    def quote_format(self, reviewed: bool, current: bool = False) -> QTextCharFormat:
        f = QTextCharFormat()
        f.setBackground(self.tint(self.quote, 0.24 if current else (0.11 if reviewed else 0.06)))
        if not reviewed:
            f.setFontUnderline(True)
            f.setUnderlineColor(self.quote)
            f.setUnderlineStyle(QTextCharFormat.DashUnderline)
        return f

    def mention_format(self) -> QTextCharFormat:
        f = QTextCharFormat()
        f.setBackground(self.tint(self.speaker, 0.30))
        f.setFontWeight(700)
        return f

    def cue_format(self) -> QTextCharFormat:
        f = QTextCharFormat()
        f.setFontItalic(True)
        return f
