"""Model menu: the training options, the new model's scores beside the previous one's, and the
project's models (which one pre-annotation uses).

Training itself runs in a worker (`jobs.train_job`); these dialogs only read and show. The model
registry lives in the project (`annotator.nlp.training`); importing that module loads spaCy, so
the window warms it up in the background when the Model menu opens (`warm_up`).
"""

from __future__ import annotations

import importlib
import inspect
import threading
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import QEventLoop, QUrl, Qt
from PySide6.QtGui import QColor, QDesktopServices, QFont
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from .dialog_parts import SplitFields, SplitOptions, action_buttons, heading, muted, wrapped
from .text import plain_tooltip
from .theme import OKABE_ITO, is_dark

# Scores as people read them; spaCy's key is the tooltip. Multi-label textcat's cats_score is macro AUC.
SCORE_NAMES = {
    "quotes_f": "Quotes found — F1", "quotes_p": "Quotes found — precision", "quotes_r": "Quotes found — recall",
    "speakers_acc": "Speakers — accuracy",
    "entities_f": "Entities — F-score", "entities_p": "Entities — precision", "entities_r": "Entities — recall",
    "ents_f": "Entity component — F-score", "ents_p": "Entity component — precision",
    "ents_r": "Entity component — recall",
    "spans_quotes_f": "Quote span component — F-score", "spans_quotes_p": "Quote span component — precision",
    "spans_quotes_r": "Quote span component — recall",
    "stance_cats_score": "Stance component — macro AUC", "stance_cats_macro_f": "Stance component — macro F",
    "stance_cats_micro_f": "Stance component — micro F",
    "claims_cats_score": "Claim component — macro AUC", "claims_cats_macro_f": "Claim component — macro F",
    "claims_cats_micro_f": "Claim component — micro F",
}
KEY_SCORES = (("quotes_f", "Quotes F1"), ("speakers_acc", "Speakers"), ("entities_f", "Entities F"),
              ("stance_cats_score", "Stance"), ("claims_cats_score", "Claims"))

_warm: list[threading.Thread] = []


def warm_up() -> None:
    """Import the training module (and spaCy) in the background, once, so the dialogs open at once."""
    if _warm:
        return
    t = threading.Thread(target=importlib.import_module, args=("annotator.nlp.training",), daemon=True,
                         name="warm up spaCy")
    _warm.append(t)
    t.start()


def training():
    """The training module, loading it (spaCy) in the background while the window keeps painting."""
    warm_up()
    t = _warm[0]
    if t.is_alive():
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            while t.is_alive():
                QApplication.processEvents(QEventLoop.ExcludeUserInputEvents, 30)
                t.join(0.01)
        finally:
            QApplication.restoreOverrideCursor()
    from ..nlp import training as mod  # raises here if the background import failed

    return mod


def default_steps() -> tuple[int, int]:
    """The configs' own max_steps: (entities and quotes, each classifier)."""
    training()
    from ..nlp.configs import main_config, textcat_config

    return (inspect.signature(main_config).parameters["max_steps"].default,
            inspect.signature(textcat_config).parameters["max_steps"].default)


def trained_when(stamp: str | None) -> str:
    """'20250502-140301' (UTC) as local time, '2025-05-02 16:03'."""
    if not stamp:
        return "—"
    try:
        t = datetime.strptime(stamp, "%Y%m%d-%H%M%S").replace(tzinfo=timezone.utc).astimezone()
    except ValueError:
        return stamp
    return t.strftime("%Y-%m-%d %H:%M")


def fmt_score(v) -> str:
    return f"{v:.3f}" if isinstance(v, (int, float)) else "—"


def score_keys(*dicts: dict) -> list[str]:
    keys = {k for d in dicts for k, v in d.items() if isinstance(v, (int, float)) and k != "articles"}
    known = [k for k in SCORE_NAMES if k in keys]
    return known + sorted(keys - set(known))


def _item(text: str, tip: str = "", align=Qt.AlignLeft | Qt.AlignVCenter) -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    it.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
    it.setTextAlignment(align)
    if tip:
        it.setToolTip(plain_tooltip(tip))  # model metadata comes from the project's settings: never markup
        it.setData(Qt.UserRole, tip)
    return it


def _table(columns: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(columns))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(columns)
    t.verticalHeader().hide()
    t.setEditTriggers(QAbstractItemView.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectRows)
    t.setWordWrap(False)
    t.setAlternatingRowColors(True)
    return t


def _fit_height(t: QTableWidget, rows: int) -> None:
    """Tall enough for `rows` rows without a scroll bar (more scroll)."""
    h = t.horizontalHeader().sizeHint().height() + 2 * t.frameWidth()
    h += sum(t.rowHeight(r) for r in range(min(rows, t.rowCount()))) or t.verticalHeader().defaultSectionSize()
    t.setMinimumHeight(h)
    if t.rowCount() <= rows:
        t.setMaximumHeight(h)
        t.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)



def _fit(dialog: QDialog, width: int) -> None:
    """`width` wide and exactly as tall as its word-wrapped content needs there."""
    lay = dialog.layout()
    lay.activate()
    dialog.resize(width, max(lay.totalHeightForWidth(width), lay.totalMinimumSize().height()))


class TrainDialog(SplitOptions, QDialog):
    """Max steps (empty: the configs' own), dev fraction, seed."""

    def __init__(self, n_done: int, n_all: int, current: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("trainDialog")
        self.setWindowTitle("Train on Reviewed Articles")
        main_steps, cat_steps = default_steps()
        v = QVBoxLayout(self)
        v.addWidget(heading("Train a model on your reviewed work"))
        what = wrapped(
            f"Fine-tunes the stock English model on the {n_done:,} article(s) marked done: entity recognition, "
            "quote spans, and the stance and claim classifiers. Part of the articles is held out: the new model "
            "and the one in use both pre-annotate them, and the new one is used only if it is not worse at "
            "quotes, speakers or entities (otherwise you are asked). Every model is kept; Model ▸ Models… "
            "switches between them.")
        v.addWidget(what)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
        self.steps = QSpinBox()
        self.steps.setObjectName("trainMaxSteps")
        self.steps.setRange(0, 1_000_000)
        self.steps.setSingleStep(100)
        self.steps.setSpecialValueText(" ")  # empty: the configs decide
        self.steps.setValue(0)
        self.steps.setMinimumWidth(110)
        self.steps.setAccessibleName("Maximum training steps")
        steps_row = QHBoxLayout()
        steps_row.addWidget(self.steps)
        steps_row.addWidget(muted(QLabel(f"empty: as configured ({main_steps:,}; {cat_steps:,} per classifier)")))
        steps_row.addStretch(1)
        form.addRow("Maximum steps:", steps_row)
        self.split = SplitFields("train", "of the articles are held out to score the model",
                                 "the same seed holds out the same articles")
        self.dev, self.seed = self.split.dev, self.split.seed
        self.split.add_rows(form)
        v.addSpacing(4)
        v.addLayout(form)
        uses = f"Pre-annotation now uses {Path(current).parent.name}/{Path(current).name}." if current else \
            "Pre-annotation now uses the stock English model."
        note = muted(wrapped(f"{uses} Training runs in the background (Cancel stops it, keeping nothing); "
                              "with the configured steps it takes minutes."))
        note.setObjectName("trainNote")
        v.addWidget(note)
        self.hint = wrapped("")
        self.hint.setObjectName("trainHint")
        self.n_done, self.n_all = n_done, n_all
        v.addWidget(self.hint)
        self.train_btn = action_buttons(self, v, "Train", "trainButton")
        self.dev.valueChanged.connect(self._update_hint)
        self._update_hint()
        self.setMinimumWidth(560)
        _fit(self, 600)
        self.steps.setFocus()

    def _update_hint(self) -> None:
        """Training needs held-out articles to score the new model on; say so before it starts."""
        tr = training()
        held_out = tr.dev_count(self.n_done, self.split.dev_fraction)  # per step of the box: no shuffle
        text = ""
        if self.n_done == 0:
            text = (f"No article is marked done yet ({self.n_all:,} in the project): review some and mark "
                    "them done (Ctrl+Enter) first.")
        elif held_out < tr.MIN_DEV_ARTICLES:
            text = (f"This dev split holds out {held_out} of the {self.n_done:,} done article(s); at least "
                    f"{tr.MIN_DEV_ARTICLES} are needed to score the new model against the one in use. Raise the "
                    "dev split or mark more articles done.")
        self.hint.setText(text)
        self.hint.setVisible(bool(text))
        self.train_btn.setEnabled(not text)

    @property
    def max_steps(self) -> int | None:
        return self.steps.value() or None



class TrainResultsDialog(QDialog):
    """The new model's whole-pipeline scores beside the model in use's, on the same held-out articles;
    when the new one is lower on any, it asks whether to use it anyway."""

    def __init__(self, outcome, parent: QWidget | None = None, on_models=None, on_use=None):
        super().__init__(parent)
        self.setObjectName("trainResults")
        self.setWindowTitle("Training Finished")
        res = outcome.result
        self.outcome = outcome
        self.used = bool(getattr(res, "used", True))
        v = QVBoxLayout(self)
        v.addWidget(heading("The new model is trained and in use" if self.used else
                             "The new model scores lower than the one in use"))
        arts = res.manifest.get("articles", {}) if isinstance(res.manifest, dict) else {}
        split = res.manifest.get("split", {}) if isinstance(res.manifest, dict) else {}
        n_scored = outcome.previous.get("articles", res.after.get("articles", arts.get("dev", 0)))
        prev = outcome.previous_name.split(" (")[0]
        tail = ("Pre-annotation of new articles now uses it." if self.used else
                f"It is kept; pre-annotation goes on using the {prev.lower()}. Use the new model anyway?")
        intro = wrapped(
            f"Trained on {arts.get('train', 0):,} article(s). Both models ran as the whole pre-annotation (rules "
            f"and models together) on the same {n_scored:,} held-out article(s) (dev split "
            f"{split.get('dev_fraction', 0.2):g}, seed {split.get('seed', 0)}). {tail}")
        intro.setObjectName("trainIntro")
        v.addWidget(intro)
        self.table = _table(["Score", prev, "New model", "Change"], "scoresTable")
        self.table.horizontalHeaderItem(0).setTextAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.table.setSelectionMode(QAbstractItemView.NoSelection)
        self.table.setFocusPolicy(Qt.NoFocus)
        keys = score_keys(outcome.previous, res.after)
        dark = is_dark(self.palette())
        up, down = QColor(OKABE_ITO["green"] if not dark else "#3ccf9e"), QColor(OKABE_ITO["vermillion"])
        right = Qt.AlignRight | Qt.AlignVCenter
        self.table.setRowCount(len(keys))
        for r, k in enumerate(keys):
            b, a = outcome.previous.get(k), res.after.get(k)
            self.table.setItem(r, 0, _item(SCORE_NAMES.get(k, k), k))
            self.table.setItem(r, 1, _item(fmt_score(b), k, right))
            new = _item(fmt_score(a), k, right)
            bold = QFont(self.font())
            bold.setBold(True)
            new.setFont(bold)
            self.table.setItem(r, 2, new)
            item = _item("—", "", right)
            if isinstance(a, (int, float)) and isinstance(b, (int, float)):
                d = a - b
                if abs(d) < 0.0005:
                    item.setText("±0")
                else:
                    item.setText(f"{'▲' if d > 0 else '▼'} {d:+.3f}".replace("-", "−"))
                    item.setForeground(up if d > 0 else down)
            self.table.setItem(r, 3, item)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.Stretch)
        for c in (1, 2, 3):
            hh.setSectionResizeMode(c, QHeaderView.ResizeToContents)
        self.table.resizeRowsToContents()
        _fit_height(self.table, 14)
        v.addSpacing(4)
        v.addWidget(self.table, 1)
        when = (f", trained {trained_when(outcome.previous_trained_at)}" if outcome.previous_trained_at else "")
        caption = muted(wrapped(
            f"{outcome.previous_name}{when}: what pre-annotation used until now. Rows marked “component” are the "
            "new model's parts scored by spaCy on their own corpora; the model in use is not scored that way. "
            "Scores run from 0 to 1; hover a name for its key."))
        caption.setObjectName("scoresCaption")
        v.addWidget(caption)
        if res.notes:
            notes = wrapped("Notes:\n" + "\n".join(f"• {n}" for n in res.notes))
            notes.setObjectName("trainNotes")
            v.addWidget(notes)
        path_row = QHBoxLayout()
        v.addSpacing(4)
        path_row.addWidget(QLabel("Model:"))
        self.path_label = QLabel(str(res.model_path))
        self.path_label.setObjectName("modelPath")
        self.path_label.setTextFormat(Qt.PlainText)
        self.path_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.path_label.setWordWrap(True)
        path_row.addWidget(self.path_label, 1)
        v.addLayout(path_row)
        v.addStretch(1)
        buttons = QDialogButtonBox()
        folder = buttons.addButton("Show Folder", QDialogButtonBox.ActionRole)
        folder.setAutoDefault(False)
        folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(res.model_path).parent))))
        self.use_btn = None
        if self.used:
            default = buttons.addButton(QDialogButtonBox.Close)
            if on_models is not None:
                models = buttons.addButton("Models…", QDialogButtonBox.ActionRole)
                models.clicked.connect(lambda: (self.accept(), on_models()))
        else:
            self.use_btn = buttons.addButton("Use the New Model", QDialogButtonBox.AcceptRole)
            self.use_btn.setObjectName("useNewModel")
            default = buttons.addButton("Keep the Current One", QDialogButtonBox.RejectRole)
            default.setObjectName("keepModel")
            if on_use is not None:
                self.use_btn.clicked.connect(on_use)
            self.use_btn.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        default.setDefault(True)  # keeping what works is the safe answer (Enter, and the focus)
        default.setFocus()
        self.setMinimumWidth(620)
        _fit(self, 680)

    def values(self) -> dict[str, tuple[str, str]]:
        """Each shown score: (previous, new), as the table says them (for tests and screen readers)."""
        t = self.table
        return {t.item(r, 0).data(Qt.UserRole): (t.item(r, 1).text(), t.item(r, 2).text()) for r in range(t.rowCount())}


class ModelsDialog(QDialog):
    """The project's trained models; switch the one pre-annotation uses, or go back to the stock model."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("modelsDialog")
        self.setWindowTitle("Models")
        self.s = session
        v = QVBoxLayout(self)
        self.using = wrapped("")
        self.using.setObjectName("modelsInUse")
        v.addWidget(self.using)
        self.table = _table(["#", "Trained", "Base", *(name for _, name in KEY_SCORES), "In use"], "modelsTable")
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.itemSelectionChanged.connect(self._update)
        self.table.itemDoubleClicked.connect(lambda _: self.use_selected())
        v.addWidget(self.table, 1)
        self.empty = muted(wrapped("No trained models yet: Model ▸ Train on Reviewed Articles… makes one."))
        self.empty.setObjectName("modelsEmpty")
        v.addWidget(self.empty)
        self.path_label = QLabel("")
        self.path_label.setObjectName("modelsPath")
        self.path_label.setTextFormat(Qt.PlainText)
        self.path_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.path_label.setWordWrap(True)
        v.addWidget(muted(self.path_label))
        self.error = wrapped("")
        self.error.setObjectName("modelsError")
        self.error.hide()
        v.addWidget(self.error)
        row = QHBoxLayout()
        self.use_btn = QPushButton("Use This Model")
        self.use_btn.setObjectName("useModel")
        self.use_btn.clicked.connect(self.use_selected)
        self.stock_btn = QPushButton("Use the Stock Model")
        self.stock_btn.setObjectName("useStockModel")
        self.stock_btn.clicked.connect(self.use_stock)
        row.addWidget(self.use_btn)
        row.addWidget(self.stock_btn)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        v.addLayout(row)
        self.models: list[dict] = []
        self.current: str | None = None
        self.reload()
        self.setMinimumWidth(680)
        self.resize(max(720, self.sizeHint().width()), self.sizeHint().height())

    def reload(self) -> None:
        tr = training()
        p = self.s.project
        self.models = tr.list_models(p) if p is not None else []
        self.current = tr.current_model(p) if p is not None else None
        t = self.table
        keep = self.selected_index()
        t.setRowCount(len(self.models))
        right = Qt.AlignRight | Qt.AlignVCenter
        bold = QFont(self.font())
        bold.setBold(True)
        for r, m in enumerate(self.models):
            scores = m.get("scores_after") or {}
            in_use = m.get("path") == self.current
            missing = not Path(m.get("path", "")).exists()
            cells = [_item(str(r + 1), "", right), _item(trained_when(m.get("trained_at")), m.get("trained_at") or ""),
                     _item(m.get("base_model") or "rules only")]
            cells += [_item(fmt_score(scores.get(k)), k, right) for k, _ in KEY_SCORES]
            cells.append(_item("✓ in use" if in_use else ("folder missing" if missing else "")))
            for c, it in enumerate(cells):
                if in_use:
                    it.setFont(bold)
                t.setItem(r, c, it)
        hh = t.horizontalHeader()
        for c in range(t.columnCount()):
            hh.setSectionResizeMode(c, QHeaderView.ResizeToContents)
        hh.setSectionResizeMode(2, QHeaderView.Stretch)
        t.resizeRowsToContents()
        t.setMinimumHeight(0)
        t.setMaximumHeight(16777215)
        _fit_height(t, 8)
        t.setMaximumHeight(16777215)
        if self.current is None:
            self.using.setText("Pre-annotation uses the stock English model (rules only if none is installed).")
        else:
            n = next((i for i, m in enumerate(self.models, start=1) if m.get("path") == self.current), None)
            when = trained_when(self.models[n - 1].get("trained_at")) if n else ""
            self.using.setText(f"Pre-annotation uses model {n}, trained {when}." if n else
                               f"Pre-annotation uses {self.current}.")
        self.empty.setVisible(not self.models)
        self.table.setVisible(bool(self.models))
        if self.models:
            cur = next((i for i, m in enumerate(self.models) if m.get("path") == self.current), len(self.models) - 1)
            t.selectRow(keep if keep is not None and keep < len(self.models) else cur)
        self._update()

    def selected_index(self) -> int | None:
        rows = {i.row() for i in self.table.selectedItems()}
        return next(iter(rows)) if rows else None

    def _update(self) -> None:
        i = self.selected_index()
        m = self.models[i] if i is not None and i < len(self.models) else None
        self.path_label.setText(f"Model {i + 1}: {m.get('path', '')}" if m else "")
        ok = m is not None and m.get("path") != self.current and Path(m.get("path", "")).exists()
        self.use_btn.setEnabled(ok)
        self.stock_btn.setEnabled(self.current is not None)

    def _run(self, which: str | None) -> None:
        from ..errors import AnnotatorError

        try:
            training().use_model(self.s.project, which)
        except AnnotatorError as exc:
            self.error.setText(f"⚠ {exc}")
            self.error.show()
            return
        self.error.hide()
        self.reload()

    def use_selected(self) -> None:
        i = self.selected_index()
        if i is not None and self.use_btn.isEnabled():
            self._run(str(i + 1))

    def use_stock(self) -> None:
        if self.current is not None:
            self._run(None)
