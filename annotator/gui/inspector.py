"""The inspector: the article's quotes at a glance, and the selected quote's (or entity's) fields.

A view only: it shows what the session holds and emits what the user asked for; the main
window turns those requests into core operations.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QScrollArea, QSizePolicy, QSplitter, QStackedWidget, QVBoxLayout,
                               QWidget)

from ..models import KIND_OF_LABEL, Entity, Quote
from .choosers import ClaimChooser, SpeakerChooser, StanceChooser
from .elided_label import ElidedLabel
from .quote_list import QuoteDelegate, QuoteListModel, QuoteListView
from .session import QUOTE, Session
from .spans import elide
from .theme import Theme


def _plain(text: str = "", wrap: bool = True, muted: bool = False) -> QLabel:
    lab = QLabel(text)
    lab.setTextFormat(Qt.PlainText)
    lab.setWordWrap(wrap)
    lab.setTextInteractionFlags(Qt.TextSelectableByMouse)
    if muted:
        lab.setForegroundRole(lab.foregroundRole())
        lab.setStyleSheet("color: palette(placeholder-text);")
    return lab


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.DontWrapRows)
    form.setLabelAlignment(Qt.AlignLeft | Qt.AlignVCenter)
    form.setHorizontalSpacing(10)
    form.setVerticalSpacing(6)
    return form


def _title(text: str = "") -> QLabel:
    lab = _plain(text, wrap=True)
    f = lab.font()
    f.setBold(True)
    lab.setFont(f)
    return lab



def _confirm_delete_row(pane) -> QHBoxLayout:
    """The Confirm / Delete buttons both inspector pages end with (keys do the same; no focus)."""
    row = QHBoxLayout()
    pane.confirm = QPushButton("✓ Confirm  (Enter)")
    pane.confirm.setFocusPolicy(Qt.NoFocus)
    pane.confirm.clicked.connect(pane.confirmRequested)
    pane.delete = QPushButton("Delete  (Del)")
    pane.delete.setFocusPolicy(Qt.NoFocus)
    pane.delete.clicked.connect(pane.deleteRequested)
    row.addWidget(pane.confirm, 1)
    row.addWidget(pane.delete)
    return row

class NoteEdit(QLineEdit):
    """The quote's note: Enter or leaving the field saves (so does switching article or closing the
    window: see QuoteForm.flush_note), Esc drops the change."""

    done = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.original = ""
        self.returnPressed.connect(self.done)

    def set_note(self, text: str, other_item: bool = False) -> None:
        """Show `text`; `other_item`: it belongs to another quote (or article) than the one shown before."""
        self.original = text
        if other_item:
            self.setText(text)
        elif not self.hasFocus() and self.text() != text:
            # The same quote, changed (by someone else, say): show their note, and keep ours in the
            # field's undo (Ctrl+Z in it brings it back).
            self.selectAll()
            self.insert(text)
            self.setModified(False)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape:
            self.setText(self.original)
            self.done.emit()
            return
        super().keyPressEvent(event)


class QuoteForm(QWidget):
    speakerChosen = Signal(str, object)
    speakerCancelled = Signal()
    stanceRequested = Signal(str, object)
    claimChosen = Signal(object)
    checkworthyChosen = Signal(bool)
    noteEdited = Signal(object, str)  # the quote shown when editing began, the note
    kindChosen = Signal(str)
    confirmRequested = Signal()
    deleteRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.quote: Quote | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(10, 8, 10, 8)
        v.setSpacing(6)
        head = QHBoxLayout()
        self.heading = _title()
        self.kind = QComboBox()
        self.kind.setToolTip("Quote kind")
        self.kind.activated.connect(lambda i: self.kindChosen.emit(self.kind.itemData(i)))
        head.addWidget(self.heading, 1)
        head.addWidget(self.kind)
        v.addLayout(head)
        # Fixed heights: moving from quote to quote must not make the fields below jump.
        self.state = ElidedLabel(1, muted=True)
        v.addWidget(self.state)
        self.words = ElidedLabel(2)
        self.words.setObjectName("quoteWords")
        f = self.words.font()
        f.setItalic(True)
        self.words.setFont(f)
        v.addWidget(self.words)

        form = _form()
        self.speaker = SpeakerChooser()
        self.speaker.chosen.connect(self.speakerChosen)
        self.speaker.cancelled.connect(self.speakerCancelled)
        self.mention = ElidedLabel(1, muted=True)
        sp = QVBoxLayout()
        sp.setSpacing(2)
        sp.addWidget(self.speaker)
        sp.addWidget(self.mention)
        form.addRow("Speaker", sp)
        v.addLayout(form)

        self.stance = StanceChooser()
        self.stance.stanceRequested.connect(self.stanceRequested)
        self.stance.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Maximum)
        v.addWidget(self.stance)
        row = QHBoxLayout()
        row.setSpacing(4)
        self.stance_buttons = []
        for text, label, tip in (("+ Favor", "FAVOR", "F"), ("− Against", "AGAINST", "A"), ("○ None", "NONE", "N")):
            b = QPushButton(text)
            b.setToolTip(f"Stance {label} toward the highlighted target ({tip}); again clears it")
            b.setFocusPolicy(Qt.NoFocus)
            b.clicked.connect(lambda _=False, lab=label: self.stance.request(lab))
            row.addWidget(b)
            self.stance_buttons.append(b)
        clear = QPushButton("Clear")
        clear.setToolTip("Remove the stance toward the highlighted target")
        clear.setFocusPolicy(Qt.NoFocus)
        clear.clicked.connect(lambda: self.stance.request(None))
        row.addWidget(clear)
        self.stance_buttons.append(clear)
        v.addLayout(row)
        self.no_targets = _plain("Stance: this project defines no stance targets.", muted=True)
        v.addWidget(self.no_targets)

        form2 = _form()
        self.claim = ClaimChooser()
        self.claim.claimChosen.connect(self.claimChosen)
        form2.addRow("Claim", self.claim)
        self.checkworthy = QCheckBox("Check-worthy  (C)")
        self.checkworthy.setFocusPolicy(Qt.NoFocus)
        self.checkworthy.clicked.connect(self.checkworthyChosen)
        form2.addRow("", self.checkworthy)
        self.note = NoteEdit()
        self.note.setObjectName("noteEdit")
        self.note.setPlaceholderText("Note for this quote… (Enter saves)")
        self.note.editingFinished.connect(self._note_done)
        form2.addRow("Note", self.note)
        v.addLayout(form2)
        v.addStretch(1)

        v.addLayout(_confirm_delete_row(self))

    def set_scheme(self, scheme) -> None:
        if [self.kind.itemData(i) for i in range(self.kind.count())] != scheme.quote_kinds:
            self.kind.clear()
            for k in scheme.quote_kinds:
                self.kind.addItem(k, k)
        self.stance.set_scheme(scheme.stance_targets, scheme.stance_labels)
        has = bool(scheme.stance_targets)
        self.stance.setVisible(has)
        for b in self.stance_buttons:
            b.setVisible(has)
        self.no_targets.setVisible(not has)
        self.checkworthy.setVisible(scheme.checkworthy)
        self.claim.set_types(scheme.claim_types)

    def show_quote(self, session: Session, q: Quote, index: int, total: int, new_quote: bool) -> None:
        self.quote = q
        doc = session.doc
        self.heading.setText(f"Quote {index + 1} of {total}")
        if q.reviewed:
            state = "Confirmed" + (" (added by hand)" if q.origin == "human" else "")
        else:
            conf = f", confidence {q.confidence:.2f}" if q.confidence is not None else ""
            state = f"Suggestion{conf} — Enter confirms it as it is"
        self.state.setText(state)
        self.words.setText("“" + elide(doc.article.text[q.start:q.end], 260) + "”")
        self.kind.setCurrentIndex(max(0, self.kind.findData(q.kind)))
        # A confirmed quote without a speaker was said by someone unknown; a suggestion without one
        # is simply one the model could not attribute.
        self.speaker.set_idle_placeholder("Unknown speaker — S changes it" if q.reviewed
                                          else "No speaker suggested — press S to choose")
        self.speaker.set_options(session.persons(), session.person_label(q.speaker_id), None)
        if q.speaker_start is not None:
            self.mention.setText(f"Mention: “{elide(doc.article.text[q.speaker_start:q.speaker_end], 40)}”"
                                 "  ·  Ctrl+click a name to change")
        else:
            self.mention.setText("Ctrl+click a name in the text to link the mention")
        self.stance.set_stances(q.stances, follow=new_quote)
        self.claim.set_claim(q.claim, q.claim_confidence)
        self.checkworthy.setChecked(bool(q.checkworthy))
        self.note.set_note(q.note, other_item=new_quote)
        self.confirm.setEnabled(not q.reviewed)

    def offer_selection(self, session: Session, selection: str | None, kind: str = "person") -> None:
        if self.quote is not None:
            self.speaker.set_options(session.persons(), session.person_label(self.quote.speaker_id), selection, kind)

    def _note_done(self) -> None:
        if self.quote is not None and self.note.text() != self.quote.note:
            self.note.setModified(False)
            self.noteEdited.emit(self.quote, self.note.text())

    def flush_note(self) -> None:
        """Save a note still being typed (before another article or item is shown, or the window closes)."""
        if self.note.isModified():
            self._note_done()


class EntityForm(QWidget):
    labelChosen = Signal(str)
    personChosen = Signal(str, object)
    confirmRequested = Signal()
    deleteRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        v = QVBoxLayout(self)
        v.setContentsMargins(10, 8, 10, 8)
        self.heading = _title()
        self.state = ElidedLabel(1, muted=True)
        self.words = ElidedLabel(2)
        v.addWidget(self.heading)
        v.addWidget(self.state)
        v.addWidget(self.words)
        form = _form()
        self.label = QComboBox()
        self.label.setObjectName("entityLabelChooser")
        self.label.activated.connect(lambda i: self.labelChosen.emit(self.label.itemData(i)))
        form.addRow("Label", self.label)
        self.person = SpeakerChooser()
        self.person.setObjectName("entityPersonChooser")
        self.person.set_idle_placeholder("No source linked")
        self.person.chosen.connect(self.personChosen)
        form.addRow("Source", self.person)
        v.addLayout(form)
        v.addLayout(_confirm_delete_row(self))
        v.addStretch(1)
        self._labels: list[str] = []

    def set_scheme(self, scheme, theme: Theme) -> None:
        self.label.clear()
        for i, lab in enumerate(scheme.entity_labels):
            self.label.addItem(theme.label_icon(lab), lab, lab)
            tip = scheme.describe(lab)
            self.label.setItemData(i, f"{tip}\n({theme.label_style_name(lab)})" if tip else theme.label_style_name(lab),
                                   Qt.ToolTipRole)

    def show_entity(self, session: Session, e: Entity) -> None:
        self.heading.setText(f"{e.label} entity")
        self.state.setText("Confirmed" if e.reviewed else "Suggestion — Enter confirms it as it is")
        self.words.setText("“" + elide(session.doc.article.text[e.start:e.end], 120) + "”")
        self.label.setCurrentIndex(max(0, self.label.findData(e.label)))
        kind = KIND_OF_LABEL.get(e.label)  # PERSON, ORG, NORP, ... name a source of some kind
        self.person.setEnabled(kind is not None)
        self.person.set_options(session.persons(), session.person_label(e.person_id),
                                session.doc.article.text[e.start:e.end] if kind else None, kind or "person")
        self.confirm.setEnabled(not e.reviewed)


class Inspector(QSplitter):
    """Quote list on top, the selected item's fields below."""

    def __init__(self, session: Session, theme: Theme, parent=None):
        super().__init__(Qt.Vertical, parent)
        self.setObjectName("inspector")
        self.session = session
        self.theme = theme
        top = QWidget()
        tv = QVBoxLayout(top)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.setSpacing(2)
        self.list_title = _title("Quotes")
        self.list_title.setContentsMargins(8, 6, 8, 0)
        tv.addWidget(self.list_title)
        self.model = QuoteListModel(session, self)
        self.view = QuoteListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(QuoteDelegate(theme, self.view))
        tv.addWidget(self.view, 1)
        self.addWidget(top)
        # However small the window, the list shows three quotes; the fields scroll instead.
        row = self.view.sizeHintForRow(0) if self.view.model().rowCount() else self.view.fontMetrics().height() * 2 + 12
        self.view.setMinimumHeight(3 * row + 2 * self.view.frameWidth())

        self.stack = QStackedWidget()
        self.empty = _plain()
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setMargin(16)
        self.empty.setObjectName("inspectorEmpty")
        self.quote_form = QuoteForm()
        self.entity_form = EntityForm()
        for w in (self.empty, self.quote_form, self.entity_form):
            self.stack.addWidget(w)
        self.fields = QScrollArea()
        self.fields.setObjectName("inspectorFields")
        self.fields.setWidget(self.stack)
        self.fields.setWidgetResizable(True)
        self.fields.setFrameShape(QFrame.NoFrame)
        self.fields.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.fields.setFocusPolicy(Qt.NoFocus)
        self.fields.setMinimumHeight(120)
        # It scrolls up and down, never sideways: as wide as the widest form needs.
        self.fields.setMinimumWidth(max(f.minimumSizeHint().width() for f in (self.quote_form, self.entity_form))
                                    + self.fields.verticalScrollBar().sizeHint().width())
        self.addWidget(self.fields)
        QApplication.instance().focusChanged.connect(self._follow_focus)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 0)
        self.setChildrenCollapsible(False)
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self._syncing = False
        self._last_quote_id: int | None = None
        self._article_id: int | None = None

    def _follow_focus(self, _old, new) -> None:
        """A field that gets the focus (Tab, S for the speaker) scrolls into view in a small window."""
        if new is not None and self.stack.isAncestorOf(new):
            self.fields.ensureWidgetVisible(new, 10, 10)

    def set_scheme(self, scheme) -> None:
        self.quote_form.set_scheme(scheme)
        self.entity_form.set_scheme(scheme, self.theme)
        claim = self.quote_form.claim
        for i in range(1, claim.count()):
            tip = scheme.describe(claim.itemData(i))
            if tip:
                claim.setItemData(i, tip, Qt.ToolTipRole)

    def fit(self) -> None:
        """Give the fields what they need and the quote list the rest (at least its minimum)."""
        need = self.quote_form.sizeHint().height() + 2
        total = self.height()
        top = max(self.widget(0).minimumSizeHint().height(), total - need)
        self.setSizes([top, max(self.fields.minimumHeight(), total - top)])

    def _on_current(self, current, previous) -> None:
        if self._syncing or not current.isValid():
            return
        q = self.model.quote(current.row())
        if q is not None:
            self.session.select(QUOTE, q.id)

    def refresh(self) -> None:
        """Show the session's article and current item."""
        s = self.session
        if s.article_id != self._article_id:
            # A new article starts with the first stance target, not the last one used elsewhere.
            self._article_id = s.article_id
            stance = self.quote_form.stance
            if stance.topLevelItemCount():
                stance.setCurrentItem(stance.topLevelItem(0))
        self._syncing = True
        try:
            self.model.sync()
            n = len(s.doc.quotes) if s.doc else 0
            reviewed = sum(q.reviewed for q in s.doc.quotes) if s.doc else 0
            self.list_title.setText(f"Quotes  ({reviewed} of {n} reviewed)" if n else "Quotes")
            row = self.model.row_of(s.current[1]) if s.current and s.current[0] == QUOTE else None
            sm = self.view.selectionModel()
            if row is None:
                sm.clearSelection()
                sm.setCurrentIndex(self.model.index(-1), QItemSelectionModel.Clear)
            else:
                idx = self.model.index(row)
                sm.setCurrentIndex(idx, QItemSelectionModel.ClearAndSelect)
                self.view.scrollTo(idx)
        finally:
            self._syncing = False
        q, e = s.quote, s.entity
        if q is not None:
            new = q.id != self._last_quote_id
            self._last_quote_id = q.id
            self.quote_form.show_quote(s, q, self.model.row_of(q.id), n, new_quote=new)
            self.stack.setCurrentWidget(self.quote_form)
        elif e is not None:
            self._last_quote_id = None
            self.entity_form.show_entity(s, e)
            self.stack.setCurrentWidget(self.entity_form)
        else:
            self._last_quote_id = None
            self.empty.setText(self._empty_text())
            self.stack.setCurrentWidget(self.empty)

    def _empty_text(self) -> str:
        s = self.session
        if s.project is None:
            return "No project open."
        if s.doc is None:
            return "Choose an article on the left\n(or press Ctrl+Enter for the next one to do)."
        if not s.doc.quotes:
            return ("This article has no quotes yet.\n\nSelect the quoted words and press Q to add one,\n"
                    "or run Project ▸ Pre-annotate for suggestions.")
        return "Nothing selected.\n\nPress J for the next quote, K for the previous one."
