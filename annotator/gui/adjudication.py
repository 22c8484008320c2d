"""Project ▸ Team ▸ Adjudicate: each annotator's values side by side; one key settles a disagreement.

A thin adapter over `annotator.team.adjudicate`: the list holds the articles two or more
annotators finished (the most open disagreements first), the table one row per quote unit and
field (span, speaker, stance per target, claim, check-worthy), a column per annotator and the
gold's value; open disagreements first, then the settled ones. What everyone agreed on is written
to the gold when the article is finished; its rows are hidden unless asked for (Alt+G), so the
table holds what needs a decision. A State column says open / decided in words, not only colour.

Keys (the table has the focus): Up/Down or J/K move between rows; Shift+A, Shift+B, Shift+C, ...
take annotator A's, B's, C's value; or decide otherwise: S chooses the speaker, F/A/N the stance
(on a stance row), 1-9 the claim type (0: none), C toggles check-worthy, Delete says "no quote"
(on a span row); Ctrl+Z / Ctrl+Shift+Z undo and redo (the project's one undo stack);
Ctrl+Enter marks the article done once nothing is open and goes to the next; Alt+Down / Alt+Up
change article. Every decision is an operation: saved at once, undoable, in the audit log.
"""

from __future__ import annotations

import json
import string

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDialog, QHBoxLayout, QHeaderView, QInputDialog,
                               QLabel, QListWidget, QListWidgetItem, QSplitter, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from .. import ops
from ..errors import AnnotatorError
from ..team import adjudicate as adj
from ..team.units import NO_QUOTE, field_label
from .session import Session

LETTERS = string.ascii_uppercase
UNKNOWN = "Unknown speaker"


class AdjudicationDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("adjudicationDialog")
        self.setWindowTitle("Adjudicate")
        self.resize(1240, 720)
        self.s = session
        self.review: adj.ArticleReview | None = None
        self.rows: list[adj.Row] = []
        self.queue: list[tuple[int, int, int]] = []
        self._counting: tuple[list[int], list, int | None] | None = None  # while counting in steps
        self.articles = QListWidget()
        self.articles.setObjectName("adjudicationArticles")
        self.articles.setTextElideMode(Qt.ElideRight)
        self.articles.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.articles.setUniformItemSizes(True)
        self.articles.currentRowChanged.connect(self._article_chosen)
        self.header = QLabel("")
        self.header.setTextFormat(Qt.PlainText)
        self.header.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setObjectName("adjudicationTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(False)  # one line per row, elided; the tooltip has it all
        self.table.verticalHeader().setVisible(False)
        self.status = QLabel("")
        self.status.setTextFormat(Qt.PlainText)
        self.status.setWordWrap(True)
        self.show_agreed = QCheckBox("Show the fields everyone agreed on (Alt+G)")
        self.show_agreed.setObjectName("adjudicationShowAgreed")
        self.show_agreed.setFocusPolicy(Qt.NoFocus)  # the table keeps the keys; Alt+G toggles it
        self.show_agreed.toggled.connect(self._toggle_agreed)
        keys = QLabel("Shift+A/B/C…: take that annotator's value · S speaker · F/A/N stance · 1–9 claim, 0 none · "
                      "C check-worthy · Delete: no quote · Ctrl+Z undo · Ctrl+Enter: done, next · Alt+↓/↑ article · "
                      "Alt+G: fields everyone agreed on")
        keys.setWordWrap(True)
        right = QWidget()
        rv = QVBoxLayout(right)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.show_agreed, 0, Qt.AlignBottom)
        rv.addLayout(top)
        rv.addWidget(self.table, 1)
        rv.addWidget(self.status)
        rv.addWidget(keys)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.articles)
        split.addWidget(right)
        split.setSizes([260, 980])
        lay = QHBoxLayout(self)
        lay.addWidget(split)
        self._actions()
        self.reload_queue()

    # --- keys -------------------------------------------------------------------------------
    def _actions(self) -> None:
        def add(keys, slot):
            act = QAction(self)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda _=False: slot())
            self.addAction(act)
            return act

        for i, letter in enumerate(LETTERS[:9]):
            add((f"Shift+{letter}",), lambda i=i: self.take(i))
        add(("S",), self.choose_speaker)
        for key, label in (("F", "FAVOR"), ("A", "AGAINST"), ("N", "NONE")):
            add((key,), lambda label=label: self.stance(label))
        for n in range(10):
            add((str(n),), lambda n=n: self.claim(n))
        add(("C",), self.toggle_checkworthy)
        add(("Delete", "Backspace"), self.no_quote)
        add(("J",), lambda: self.step_row(1))
        add(("K",), lambda: self.step_row(-1))
        add(("Ctrl+Z",), lambda: self._undo_redo(ops.undo))
        add(("Ctrl+Shift+Z", "Ctrl+Y"), lambda: self._undo_redo(ops.redo))
        add(("Ctrl+Return", "Ctrl+Enter"), self.finish)
        add(("Alt+G",), self.show_agreed.toggle)
        add(("Alt+Down",), lambda: self.step_article(1))
        add(("Alt+Up",), lambda: self.step_article(-1))

    # --- data -------------------------------------------------------------------------------
    @property
    def project(self):
        return self.s.project

    # A large team project shares thousands of articles, and counting one's disagreements takes about
    # half a millisecond: beyond SYNC_LIMIT the dialog shows at once and counts CHUNK articles
    # between events (the header says how far), so the window never freezes for seconds.
    SYNC_LIMIT = 400
    CHUNK = 100

    def reload_queue(self, keep: int | None = None) -> None:
        ids = adj.to_adjudicate(self.project)
        if len(ids) <= self.SYNC_LIMIT:
            self._counting = None
            self._fill([adj.queue_entry(self.project, aid) for aid in ids], keep)
            return
        self.queue, self.review, self.rows = [], None, []
        self.articles.clear()
        self.table.setRowCount(0)
        self._counting = (ids, [], keep)
        self._count_some()

    def _count_some(self) -> None:
        if self._counting is None:
            return
        ids, entries, keep = self._counting
        for aid in ids[len(entries):len(entries) + self.CHUNK]:
            entries.append(adj.queue_entry(self.project, aid))
        if len(entries) < len(ids):
            self.header.setText(f"Counting the disagreements of {len(ids):,} articles… {len(entries):,} done")
            QTimer.singleShot(0, self, self._count_some)  # tied to the dialog: none fires once it is gone
            return
        self._counting = None
        self._fill(entries, keep)

    def _fill(self, entries: list[tuple[int, int, int]], keep: int | None) -> None:
        self.queue = adj.queue_order(entries)
        self.articles.blockSignals(True)
        self.articles.clear()
        titles = dict(self.project.conn.execute(  # one query: a team project may queue thousands
            "SELECT id, coalesce(nullif(title, ''), substr(text, 1, 200)) FROM articles WHERE id IN "
            "(SELECT value FROM json_each(?))", (json.dumps([q[0] for q in self.queue]),)))
        for aid, n_open, n_all in self.queue:
            title = _snippet(titles.get(aid) or "", 0, 200, 60)
            item = QListWidgetItem(f"{title}\n#{aid} · {_open_of(n_open, n_all)}")
            item.setToolTip(title)
            item.setData(Qt.UserRole, aid)
            self.articles.addItem(item)
        self.articles.blockSignals(False)
        ids = [q[0] for q in self.queue]
        if not ids:
            self._nothing_left()
            return
        row = ids.index(keep) if keep in ids else 0
        self.articles.setCurrentRow(row)
        self._article_chosen(row)

    def _nothing_left(self) -> None:
        self.review = None
        self.header.setText("Nothing to adjudicate: no article that two annotators finished is left.")
        self.table.setRowCount(0)

    def _drop(self, article_id: int) -> None:
        """A finished article leaves the list and the one after it is shown. The others' counts
        stand (a decision touches its own article only), so nothing is counted again."""
        row = next((i for i, q in enumerate(self.queue) if q[0] == article_id), None)
        if row is None:
            return
        del self.queue[row]
        self.articles.blockSignals(True)
        self.articles.takeItem(row)
        self.articles.blockSignals(False)
        if not self.queue:
            self._nothing_left()
            return
        row = min(row, len(self.queue) - 1)
        self.articles.setCurrentRow(row)
        self._article_chosen(row)

    def _article_chosen(self, row: int) -> None:
        if row < 0 or row >= len(self.queue):
            return
        self.show_article(self.queue[row][0])

    def show_article(self, article_id: int, keep_row: tuple | None = None) -> None:
        self.review = adj.review(self.project, article_id)
        rv = self.review
        art = self.project.get_article(article_id)
        who = " · ".join(f"{LETTERS[i]}: {a}" for i, a in enumerate(rv.annotators))
        order = lambda r: (0 if r.open else 1 if r.disagree else 2, r.unit)  # noqa: E731
        shown = [r for r in rv.rows if (not r.moot or r.field == "span")]
        agreed = sum(not r.disagree for r in shown)
        if not self.show_agreed.isChecked():
            shown = [r for r in shown if r.disagree]
        self.rows = sorted(shown, key=order)
        hidden = "" if self.show_agreed.isChecked() or not agreed else \
            f" · {agreed} field(s) everyone agreed on not shown"
        title = art.title or _snippet(art.text, 0, len(art.text), 60)
        self.header.setText(f"#{article_id} {title}   ({art.status.replace('_', ' ')})\n"
                            f"Annotators: {who}   · {_open_of(rv.open, rv.disagreements)}{hidden}")
        cols = ["Quote", "Field", "State", *(f"{LETTERS[i]}: {a}" for i, a in enumerate(rv.annotators)), "Gold"]
        t = self.table
        t.clear()
        t.setColumnCount(len(cols))
        t.setHorizontalHeaderLabels(cols)
        t.setRowCount(len(self.rows))
        persons = self._persons()
        open_bg, decided_bg = QBrush(QColor(255, 214, 153, 120)), QBrush(QColor(153, 214, 170, 100))
        for i, r in enumerate(self.rows):
            u = rv.units[r.unit]
            gold = self._show(r.decided, r.field, persons, u) + f"  ({r.source})" if r.source else \
                "—" if rv.gold.get(r.unit) is None else self._show(r.gold, r.field, persons, u)
            cells = [_snippet(rv.text, u.start, u.end), field_label(r.field),
                     "open" if r.open else "decided" if r.disagree else "agreed",
                     *(self._show(r.values[a], r.field, persons, u) for a in rv.annotators), gold]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(_snippet(rv.text, u.start, u.end, 400) if j == 0 else text)
                if r.open:
                    item.setBackground(open_bg)
                elif r.disagree:
                    item.setBackground(decided_bg)
                t.setItem(i, j, item)
        h = t.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.Interactive)
        h.setSectionResizeMode(0, QHeaderView.Stretch)  # the quote takes what the values leave
        for col, width in enumerate([0, 130, 64, *([130] * len(rv.annotators)), 170]):
            if width:
                t.setColumnWidth(col, width)
        target = 0
        if keep_row is not None:
            target = next((i for i, r in enumerate(self.rows) if (r.unit, r.field) == keep_row), 0)
        t.setCurrentCell(min(target, max(len(self.rows) - 1, 0)), 0)
        t.setFocus()

    def _persons(self) -> dict[int, str]:
        return {p.id: p.name for p in self.project.all_persons()}

    def _toggle_agreed(self) -> None:
        if self.review is not None:
            cur = self.current
            self.show_article(self.review.article_id, (cur.unit, cur.field) if cur else None)

    def _show(self, v, fld: str, persons: dict[int, str], unit=None) -> str:
        if v == NO_QUOTE:
            return NO_QUOTE
        if fld == "span":  # the quote column has the words: say only where this one differs
            if unit is not None and (v[0], v[1]) == (unit.start, unit.end):
                return f"as quoted ({v[2]})"
            return f"“{_snippet(self.review.text, v[0], v[1], 60)}” ({v[2]})"
        if fld == "speaker":
            return UNKNOWN if v is None else persons.get(v, f"person {v}")
        if fld == "checkworthy":
            return "check-worthy" if v else "no"
        return "—" if v is None else str(v)

    @property
    def current(self) -> adj.Row | None:
        i = self.table.currentRow()
        return self.rows[i] if 0 <= i < len(self.rows) else None

    # --- decisions ----------------------------------------------------------------------------
    def _run(self, fn, *args, advance: bool = True, reshow: bool = True) -> bool:
        """Run one operation; then show the article again at the next open disagreement (`advance`),
        or on the same row (undo, redo); not at all (`reshow=False`) when the caller shows another.
        With no article shown (none left, or still counting) only undo and redo come here: the
        operation runs all the same."""
        aid = self.review.article_id if self.review is not None else None
        cur = self.current
        keep = (cur.unit, cur.field) if cur else None
        try:
            fn(self.project, *args)
        except AnnotatorError as exc:
            self.status.setText(f"⚠ {' '.join(str(exc).split())}")
            return False
        self.status.setText("✓ Saved")
        self.s.refresh()
        if aid is not None and reshow:
            self.show_article(aid, keep)
            self._update_entry()
            if advance and self.rows and self.rows[0].open:
                self.table.setCurrentCell(0, 0)  # open disagreements come first
        return True

    def _undo_redo(self, fn) -> None:
        """The project's one undo stack: undoing a finish reopens that article (it comes back to
        the list), redoing it takes it away again; with nothing left listed, undo still works."""
        if self._run(fn, advance=False) and self._counting is None:
            self._resync()

    def _resync(self) -> None:
        """The list after an undo or redo: articles it reopened come back (counted alone), those it
        finished go; the rest keep their counts, so a large queue is not counted again."""
        now = adj.to_adjudicate(self.project)
        listed = {q[0] for q in self.queue}
        gone, back = listed - set(now), [aid for aid in now if aid not in listed]
        if gone or back:
            msg = self.status.text()
            entries = [q for q in self.queue if q[0] not in gone]
            entries += [adj.queue_entry(self.project, aid) for aid in back]
            self._fill(entries, self.review.article_id if self.review else None)
            self.status.setText(msg)

    def _update_entry(self) -> None:
        """The shown article's counts, from the review `show_article` just made, in the queue and
        its list item (the article keeps its place until the list is filled again)."""
        rv = self.review
        for i, (aid, _, _) in enumerate(self.queue):
            if aid == rv.article_id:
                self.queue[i] = (aid, rv.open, rv.disagreements)
                item = self.articles.item(i)
                title = item.text().split("\n", 1)[0]  # as the list was filled
                item.setText(f"{title}\n#{aid} · {_open_of(rv.open, rv.disagreements)}")
                return

    def take(self, column: int) -> None:
        r = self.current
        if r is None or self.review is None or column >= len(self.review.annotators):
            return
        self._run(adj.take, self.review.article_id, r.unit, r.field, self.review.annotators[column])

    def _decide(self, fld: str, value) -> None:
        r = self.current
        if r is not None:
            self._run(adj.decide, self.review.article_id, r.unit, fld, value)

    def choose_speaker(self) -> None:
        r = self.current
        if r is None:
            return
        persons = sorted(self._persons().items(), key=lambda x: x[1].casefold())
        names = [UNKNOWN] + [n for _, n in persons]
        name, ok = QInputDialog.getItem(self, "Speaker", "Speaker (type to find, Enter to choose):", names, 0, True)
        if not ok:
            return
        pid = None if name == UNKNOWN else next((i for i, n in persons if n.casefold() == name.strip().casefold()), None)
        if pid is None and name != UNKNOWN:
            self.status.setText(f"⚠ no person named {name!r} in the project")
            return
        self._decide("speaker", pid)

    def stance(self, label: str) -> None:
        r = self.current
        if r is not None and r.field.startswith("stance:"):
            self._decide(r.field, label)
        elif r is not None:
            self.status.setText("F/A/N decide a stance: go to a stance row first.")

    def claim(self, n: int) -> None:
        types = self.project.scheme.claim_types
        if n > len(types):
            return
        self._decide("claim", None if n == 0 else types[n - 1])

    def toggle_checkworthy(self) -> None:
        r = self.current
        if r is None or "checkworthy" not in [x.field for x in self.review.rows]:
            return
        gold = self.review.row(r.unit, "checkworthy")
        now = gold.decided if gold.source else gold.gold
        self._decide("checkworthy", not bool(now) if now != NO_QUOTE else True)

    def no_quote(self) -> None:
        r = self.current
        if r is not None and r.field == "span":
            self._decide("span", NO_QUOTE)

    def finish(self) -> None:
        if self.review is None:
            return
        aid = self.review.article_id
        if self._run(adj.finish, aid, reshow=False):  # it leaves the list: the next one is shown
            self._drop(aid)
            self.status.setText(f"✓ Article #{aid} adjudicated and marked done.")

    def step_row(self, step: int) -> None:
        n = self.table.rowCount()
        if n:
            self.table.setCurrentCell(max(0, min(n - 1, self.table.currentRow() + step)), 0)

    def step_article(self, step: int) -> None:
        n = self.articles.count()
        if n:
            self.articles.setCurrentRow(max(0, min(n - 1, self.articles.currentRow() + step)))
            self.table.setFocus()


def _open_of(n_open: int, n_all: int) -> str:
    return f"{n_open} open of {n_all} disagreement{'s' if n_all != 1 else ''}" if n_open else \
        f"all {n_all} disagreement{'s' if n_all != 1 else ''} decided"


def _snippet(text: str, start: int, end: int, width: int = 80) -> str:
    s = " ".join(text[start:end].split())
    return s if len(s) <= width else s[: width - 1] + "…"
