"""Colours and text formats: a colour-blind-safe palette (Okabe & Ito), light or dark.

Colour is never the only cue: labels are named on hover, in the inspector and in the legend;
suggestions differ from confirmed items by underline style and strength, not hue. Every entity
label of a scheme gets its own style: seven Okabe–Ito hues (vermillion is the quotes'), and when a
scheme has more labels than hues, the same hues again hatched, then cross-hatched, so two labels
never look alike (LOC plain sky, FAC hatched sky).
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap, QTextCharFormat
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
HUES = ["blue", "orange", "green", "purple", "sky", "yellow", "grey"]  # vermillion: quotes only
# The second cue once the hues are used up; named in the legend's and menus' tooltips.
PATTERNS = [Qt.SolidPattern, Qt.BDiagPattern, Qt.CrossPattern, Qt.FDiagPattern, Qt.DiagCrossPattern]
PATTERN_NAMES = {Qt.SolidPattern: "", Qt.BDiagPattern: "hatched", Qt.CrossPattern: "cross-hatched",
                 Qt.FDiagPattern: "hatched the other way", Qt.DiagCrossPattern: "diagonally cross-hatched"}
# spaCy's (OntoNotes) labels: related labels share a hue and differ by pattern.
PREFERRED = {
    "PERSON": ("blue", 0), "ORG": ("orange", 0), "GPE": ("green", 0), "NORP": ("purple", 0), "LOC": ("sky", 0),
    "EVENT": ("yellow", 0), "DATE": ("grey", 0),
    "FAC": ("sky", 1), "LAW": ("yellow", 1), "PRODUCT": ("orange", 1), "WORK_OF_ART": ("purple", 1),
    "MONEY": ("green", 1), "PERCENT": ("blue", 1), "CARDINAL": ("grey", 1),
    "TIME": ("grey", 2), "QUANTITY": ("green", 2), "ORDINAL": ("blue", 2), "LANGUAGE": ("purple", 2),
}
QUOTE = "vermillion"

STANCE_GLYPH = {"FAVOR": "+", "AGAINST": "−", "NONE": "○"}


_preference = "system"  # View ▸ Theme: "system" | "light" | "dark"
_system_palette: QPalette | None = None  # the platform's palette, before ours replaced it


def set_preference(mode: str | None) -> str:
    global _preference
    _preference = mode if mode in ("light", "dark") else "system"
    return _preference


def preference() -> str:
    return _preference


def is_dark(palette: QPalette | None = None) -> bool:
    """View ▸ Theme, else the system; ANNOTATOR_THEME=dark|light overrides both (screenshots, odd desktops)."""
    forced = os.environ.get("ANNOTATOR_THEME", "").lower()
    if forced in ("dark", "light"):
        return forced == "dark"
    if _preference in ("dark", "light"):
        return _preference == "dark"
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hasattr(hints, "colorScheme") else Qt.ColorScheme.Unknown
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    pal = palette or _system_palette or QGuiApplication.palette()
    return pal.color(QPalette.Window).lightness() < 128


def apply_theme(app: QApplication) -> None:
    """Fusion everywhere (same look on every OS, honours the palette), dark when chosen or the system is dark."""
    global _system_palette
    if _system_palette is None:
        _system_palette = QPalette(QGuiApplication.palette())
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
        self.patterns: dict[str, Qt.BrushStyle] = {}
        for lab, (hue, level) in label_styles(entity_labels).items():
            self.labels[lab] = QColor(OKABE_ITO[hue])
            self.patterns[lab] = PATTERNS[level]
        self.quote = QColor(OKABE_ITO[QUOTE])
        self.speaker = QColor(OKABE_ITO["blue"] if not self.dark else OKABE_ITO["sky"])
        self.done = QColor(OKABE_ITO["green"])
        self.pending = QColor(OKABE_ITO["orange"])
        self.muted = QColor("#8c8f94" if self.dark else "#6b6f76")
        # Search matches: the bright yellow every browser's find uses, dark text on it, stronger than
        # any label's tint (EVENT's pale yellow included).
        self.search = QColor("#FFE14D" if not self.dark else "#E6C800")
        self.search_text = QColor("#000000")

    def label_color(self, label: str) -> QColor:
        return self.labels.get(label, QColor(OKABE_ITO["grey"]))

    def label_pattern(self, label: str) -> Qt.BrushStyle:
        return self.patterns.get(label, Qt.SolidPattern)

    def label_style_name(self, label: str) -> str:
        """How the label looks, in words ("sky, hatched"), for tooltips and screen readers."""
        c = self.label_color(label).name().upper()
        hue = next((k for k, v in OKABE_ITO.items() if v.upper() == c), "grey")
        pat = PATTERN_NAMES.get(self.label_pattern(label), "")
        return hue + (f", {pat}" if pat else "")

    def label_brush(self, label: str, strength: float) -> QBrush:
        """The label's background: a tint, or for a patterned label its hatching in the same hue (drawn
        stronger than a tint, as lines cover less of the area)."""
        c = self.label_color(label)
        pattern = self.label_pattern(label)
        if pattern == Qt.SolidPattern:
            return QBrush(self.tint(c, strength))
        lines = QColor(c)
        lines.setAlphaF(min(0.5, strength * 2.4))  # no dark-mode boost: bright lines across words tire
        return QBrush(lines, pattern)

    def label_icon(self, label: str, size: int = 14) -> QIcon:
        """A swatch for menus and combo boxes: the label's hue with its pattern."""
        pm = QPixmap(size, size)
        pm.fill(Qt.transparent)
        p = QPainter(pm)
        c = self.label_color(label)
        pattern = self.label_pattern(label)
        p.fillRect(0, 0, size, size, QColor(c) if pattern == Qt.SolidPattern else QColor(c).lighter(165))
        if pattern != Qt.SolidPattern:
            p.fillRect(0, 0, size, size, QBrush(c.darker(130), pattern))
        p.setPen(c.darker(150))
        p.drawRect(0, 0, size - 1, size - 1)
        p.end()
        return QIcon(pm)

    def tint(self, c: QColor, strength: float) -> QColor:
        """`c` as a background: transparent enough to read black (or white) text on it."""
        out = QColor(c)
        out.setAlphaF(min(1.0, strength * (1.6 if self.dark else 1.0)))
        return out

    # --- document formats -------------------------------------------------------------------
    def entity_format(self, label: str, reviewed: bool) -> QTextCharFormat:
        f = QTextCharFormat()
        c = self.label_color(label)
        f.setBackground(self.label_brush(label, 0.30 if reviewed else 0.13))
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


def label_styles(entity_labels: list[str]) -> dict[str, tuple[str, int]]:
    """(hue, pattern level) for each label, all different while there are hues x patterns to go round:
    spaCy's labels keep their usual style; other labels take the first free one, plain hues first."""
    free = [(hue, level) for level in range(len(PATTERNS)) for hue in HUES]
    taken: set[tuple[str, int]] = set()
    out: dict[str, tuple[str, int]] = {}
    for lab in entity_labels:  # the preferred styles first, so a custom label never takes PERSON's blue
        style = PREFERRED.get(lab)
        if style is not None and style not in taken:
            out[lab] = style
            taken.add(style)
    rest = (s for s in free if s not in taken)
    for i, lab in enumerate(x for x in entity_labels if x not in out):
        out[lab] = next(rest, free[i % len(free)])
    return {lab: out[lab] for lab in entity_labels}
