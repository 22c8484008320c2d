"""The `?` overlay: every shortcut, grouped, drawn over the window; Esc, ? or a click closes it.

Painted text only (no rich text), laid out in as many columns as fit; the font shrinks a little
rather than letting a small window clip it. Closing it gives the focus back to where it was (the
text, mostly), so the next review key does what it says.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QApplication, QWidget

from .actions import NOTES, SPECS, key_text

COLUMNS = [["Review", "Stance", "Claim"], ["Edit", "Articles", "Mouse and more"], ["Project", "Model", "View"]]


def shortcut_groups(actions: dict, claim_actions: list) -> dict[str, list[tuple[str, str]]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for spec in SPECS:
        act = actions.get(spec.name)
        if act is None or not spec.keys or not spec.menu:
            continue
        text = (spec.overlay or act.text()).replace("&", "").rstrip("…") + (f" — {spec.help}" if spec.help else "")
        groups.setdefault(spec.group, []).append((key_text(act), text))
    groups["Claim"] = [(key_text(a), a.text().replace("&", "").split("  ", 1)[-1]) for a in claim_actions]
    groups["Mouse and more"] = list(NOTES)
    return groups


class ShortcutsOverlay(QWidget):
    def __init__(self, parent: QWidget, actions: dict, claim_actions: list, fallback_focus: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortcutsOverlay")
        self.setFocusPolicy(Qt.StrongFocus)
        self.groups = shortcut_groups(actions, claim_actions)
        self.fallback_focus = fallback_focus  # where the focus goes back when it was nowhere useful
        self._return_to: QWidget | None = None
        self.hide()
        parent.installEventFilter(self)

    def text(self) -> str:
        """Everything the overlay says, for tests and screen readers."""
        lines = []
        for col in COLUMNS:
            for g in col:
                lines.append(g)
                lines.extend(f"  {k}  {t}" for k, t in self.groups.get(g, []))
        return "\n".join(lines)

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
            return
        self.setGeometry(self.parentWidget().rect())
        self.setAccessibleDescription(self.text())
        focus = QApplication.focusWidget()
        self._return_to = focus if focus is not None and focus is not self else None
        self.raise_()
        self.show()
        self.setFocus()

    def hideEvent(self, event) -> None:
        # Without this Qt hands the focus to the next widget in the chain (the search box), where
        # the next review keys would be typed.
        super().hideEvent(event)
        target = self._return_to
        self._return_to = None
        if target is None or not _alive(target) or not target.isVisible():
            target = self.fallback_focus
        if target is not None and _alive(target) and target.isVisible() and self.hasFocus():
            target.setFocus(Qt.OtherFocusReason)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.parentWidget() and event.type() == QEvent.Resize and self.isVisible():
            self.setGeometry(self.parentWidget().rect())
        return False

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Escape, Qt.Key_Question, Qt.Key_F1, Qt.Key_Return, Qt.Key_Enter):
            self.hide()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        self.hide()

    # --- painting ---------------------------------------------------------------------------
    def _layout(self, font: QFont, width: float, ncols: int, paint: QPainter | None = None, x0=0.0, y0=0.0) -> float:
        """Lay out (and, with a painter, draw) the columns; returns the height used."""
        fm = QFontMetricsF(font)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.Monospace)
        mono.setPointSizeF(font.pointSizeF() * 0.92)
        mfm = QFontMetricsF(mono)
        bold = QFont(font)
        bold.setBold(True)
        gap = 24.0
        colw = (width - gap * (ncols - 1)) / ncols
        keyw = min(colw * 0.42, max(mfm.horizontalAdvance(k) for g in self.groups.values() for k, _ in g) + 14)
        cols = COLUMNS if ncols == 3 else ([COLUMNS[0] + COLUMNS[2], COLUMNS[1]] if ncols == 2
                                          else [COLUMNS[0] + COLUMNS[1] + COLUMNS[2]])
        pal = self.palette()
        tallest = 0.0
        for c, names in enumerate(cols):
            x = x0 + c * (colw + gap)
            y = y0
            for name in names:
                items = self.groups.get(name, [])
                if not items:
                    continue
                if y > y0:
                    y += fm.height() * 0.6
                if paint:
                    paint.setFont(bold)
                    paint.setPen(pal.text().color())
                    paint.drawText(QRectF(x, y, colw, fm.height()), Qt.AlignLeft | Qt.AlignVCenter, name)
                y += fm.height() + 4
                for keys, text in items:
                    tr = fm.boundingRect(QRectF(0, 0, colw - keyw - 8, 10_000), Qt.TextWordWrap, text)
                    h = max(fm.height(), tr.height()) + 4
                    if paint:
                        kr = QRectF(x, y, keyw, fm.height() + 2)
                        paint.setFont(mono)
                        chip = QRectF(kr.right() - mfm.horizontalAdvance(keys) - 10, kr.top(),
                                      mfm.horizontalAdvance(keys) + 10, kr.height())
                        paint.setPen(QPen(pal.mid().color(), 1))
                        paint.setBrush(pal.button().color())
                        paint.drawRoundedRect(chip, 4, 4)
                        paint.setPen(pal.buttonText().color())
                        paint.drawText(chip, Qt.AlignCenter, keys)
                        paint.setFont(font)
                        paint.setPen(pal.text().color())
                        paint.drawText(QRectF(x + keyw + 8, y + 1, colw - keyw - 8, h), Qt.TextWordWrap, text)
                    y += h
            tallest = max(tallest, y - y0)
        return tallest

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.fillRect(self.rect(), QColor(0, 0, 0, 120))
        margin = 24.0
        cardw = min(self.width() - 40.0, 1120.0)
        ncols = 3 if cardw >= 900 else (2 if cardw >= 560 else 1)
        font = QFont(self.font())
        title_font = QFont(font)
        title_font.setBold(True)
        title_font.setPointSizeF(font.pointSizeF() * 1.3)
        avail = self.height() - 40.0
        head = QFontMetricsF(title_font).height() + QFontMetricsF(font).height() + 14
        while True:
            body = self._layout(font, cardw - 2 * margin, ncols)
            if head + body + 2 * margin <= avail or font.pointSizeF() <= 6.5:
                break
            font.setPointSizeF(font.pointSizeF() - 0.5)
        cardh = min(avail, head + body + 2 * margin)
        card = QRectF((self.width() - cardw) / 2, (self.height() - cardh) / 2, cardw, cardh)
        pal = self.palette()
        p.setPen(QPen(pal.mid().color(), 1))
        p.setBrush(pal.window().color())
        p.drawRoundedRect(card, 10, 10)
        p.setClipRect(card)
        x, y = card.left() + margin, card.top() + margin
        p.setFont(title_font)
        p.setPen(pal.text().color())
        th = QFontMetricsF(title_font).height()
        p.drawText(QRectF(x, y, cardw, th), Qt.AlignLeft | Qt.AlignVCenter, "Keyboard shortcuts")
        p.setFont(font)
        p.setPen(pal.placeholderText().color())
        y += th + 2
        p.drawText(QRectF(x, y, cardw - 2 * margin, QFontMetricsF(font).height()), Qt.AlignLeft,
                   "Press ? or Esc to close. Every command is also in the menus.")
        y += QFontMetricsF(font).height() + 12
        self._layout(font, cardw - 2 * margin, ncols, p, x, y)


def _alive(w: QWidget) -> bool:
    from shiboken6 import isValid

    return isValid(w)
