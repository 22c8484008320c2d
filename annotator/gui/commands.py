"""What the keys, menus and buttons do: each command reads the current item from the session and
runs one core operation (or two, when a new person has to be created first)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint
from PySide6.QtWidgets import QMenu

from .. import ops
from ..models import KIND_OF_LABEL, Quote
from ..source_lookup import home_of
from ..text import quote_kind, snap_entity, snap_quote
from .done_dialog import DoneChoice, DoneDialog
from .session import ENTITY, QUOTE, Session
from .spans import elide

if TYPE_CHECKING:
    from .document_view import DocumentView
    from .inspector import Inspector


LABEL_KEYS = "1234567890abcdefghijklmnopqrstuvwxyz"  # the entity label menu's keys, in scheme order


class Commands(QObject):
    def __init__(self, session: Session, view: "DocumentView", inspector: "Inspector", parent=None):
        super().__init__(parent)
        self.s = session
        self.view = view
        self.inspector = inspector
        self.order = "id"  # the article list's order: Ctrl+Enter opens the next article in it

    # --- moving -------------------------------------------------------------------------
    def step_quote(self, delta: int) -> None:
        caret = self.view.map.to_py(self.view.textCursor().position()) if self.s.doc else None
        self.s.step_quote(delta, caret)

    def step_unreviewed(self, delta: int) -> None:
        """U / Shift+U: the next (previous) unreviewed quote or entity in text order, wrapping around."""
        doc = self.s.doc
        if doc is None:
            return
        items = sorted([(q.start, 0, q.id, QUOTE) for q in doc.quotes if not q.reviewed]
                       + [(e.start, 1, e.id, ENTITY) for e in doc.entities if not e.reviewed])
        if not items:
            self.s.message.emit("Everything in this article is reviewed: Ctrl+Enter marks it done and opens the next.")
            return
        cur = self.s.quote or self.s.entity
        if cur is not None:
            here = (cur.start, 0 if self.s.quote is not None else 1, cur.id)
        else:
            caret = self.view.map.to_py(self.view.textCursor().position())
            here = (caret, -1, -1) if delta > 0 else (caret, 2, 0)
        keys = [i[:3] for i in items]
        ahead = [k for k, key in enumerate(keys) if (key > here if delta > 0 else key < here)]
        if ahead:
            k = ahead[0] if delta > 0 else ahead[-1]
        else:
            k = 0 if delta > 0 else len(items) - 1
            self.s.message.emit("Back to the first unreviewed item." if delta > 0 else "On to the last unreviewed item.")
        _start, _order, item_id, kind = items[k]
        self.s.select(kind, item_id)

    # --- the selected item --------------------------------------------------------------
    def confirm(self) -> None:
        """Enter: accept the selected suggestion as it is, then go on (an entity: to the next unreviewed item)."""
        e = self.s.entity
        if e is not None:
            if (e.reviewed or self.s.run(ops.confirm_entity, e) is not None) and self.s.doc:
                self.step_unreviewed(1)
            return
        q = self.s.quote
        if q is None:
            self.step_quote(1)
            return
        if not q.reviewed and self.s.run(ops.confirm_quote, q) is None:
            return
        i = self.s.quote_index()
        if i is not None and self.s.doc and i + 1 < len(self.s.doc.quotes):
            self.s.select_quote_at(i + 1)
        elif self.s.doc and all(x.reviewed for x in self.s.doc.quotes):
            self.s.message.emit("Every quote here is reviewed: Ctrl+Enter marks the article done and opens the next.")

    def delete(self) -> None:
        if self.s.quote is not None:
            self.s.run(ops.delete_quote, self.s.quote)
        elif self.s.entity is not None:
            self.s.run(ops.delete_entity, self.s.entity)
        else:
            self.s.message.emit("Nothing selected to delete.")

    def _need_quote(self) -> Quote | None:
        q = self.s.quote
        if q is None:
            self.s.message.emit("Select a quote first (J / K, or click one).")
        return q

    def stance(self, label: str | None) -> None:
        if self._need_quote() is None:
            return
        if not self.s.project.scheme.stance_targets:
            self.s.message.emit("This project defines no stance targets.")
            return
        self.inspector.quote_form.stance.request(label)

    def set_stance(self, target: str, label: str | None) -> None:
        q = self._need_quote()
        if q is not None:
            self.s.run(ops.set_stance, q, target, label)

    def stance_target(self, delta: int) -> None:
        self.inspector.quote_form.stance.step(delta)
        t = self.inspector.quote_form.stance.current_target()
        if t:
            self.s.message.emit(f"Stance target: {t}")

    def claim_key(self, n: int) -> None:
        """Digits: 1..9 pick the n-th claim type of the scheme, 0 clears."""
        if self._need_quote() is None:
            return
        types = self.s.project.scheme.claim_types
        if n == 0:
            self.set_claim(None)
        elif n <= len(types):
            self.set_claim(types[n - 1])

    def set_claim(self, claim: str | None) -> None:
        q = self._need_quote()
        if q is not None and (q.claim != claim or q.claim_confidence is not None):
            self.s.run(ops.set_claim, q, claim)

    def toggle_checkworthy(self) -> None:
        q = self._need_quote()
        if q is not None and self.s.project.scheme.checkworthy:
            self.s.run(ops.set_checkworthy, q, not bool(q.checkworthy))

    def set_checkworthy(self, value: bool) -> None:
        q = self._need_quote()
        if q is not None:
            self.s.run(ops.set_checkworthy, q, value)

    def set_kind(self, kind: str) -> None:
        q = self._need_quote()
        if q is not None and q.kind != kind:
            self.s.run(ops.set_quote_kind, q, kind)

    def set_note(self, quote: Quote, note: str) -> None:
        self.s.run(ops.set_note, quote, note)

    # --- speakers -----------------------------------------------------------------------
    def open_speaker_chooser(self) -> None:
        if self.s.entity is not None and self.s.entity.label in KIND_OF_LABEL:
            self.inspector.entity_form.person.open_popup()
            return
        if self._need_quote() is None:
            return
        sel = self.view.selection_span()
        text, kind = None, "person"
        if sel and self.s.doc:
            span = snap_entity(self.s.doc.article.text, *sel)
            text = self.s.doc.article.text[span[0]:span[1]] if span else None
            kind = self._kind_of_selection(span) if span else kind
        self.inspector.quote_form.offer_selection(self.s, text, kind)
        self.inspector.quote_form.speaker.open_popup()

    def _kind_of_selection(self, span: tuple[int, int]) -> str:
        """The kind a new source from this selection starts as: its entity's (ORG: organisation), else
        an unnamed person for a description ("a senior official"), else a person."""
        ent = next((e for e in self.s.doc.entities if e.start <= span[0] and span[1] <= e.end), None)
        if ent is not None and ent.label in KIND_OF_LABEL:
            return KIND_OF_LABEL[ent.label]
        first = self.s.doc.article.text[span[0]:span[1]].split(" ", 1)[0]
        return "unnamed" if first in ("a", "an", "the", "one", "another") else "person"

    def _nearest_mention(self, q: Quote, person_id: int) -> tuple[int, int] | None:
        ms = [e for e in self.s.doc.entities if e.person_id == person_id]
        if not ms:
            return None
        e = min(ms, key=lambda e: min(abs(e.end - q.start), abs(e.start - q.end)) + (0 if e.end <= q.start else 5))
        return e.start, e.end

    def choose_speaker(self, kind: str, value) -> None:
        self.view.setFocus()
        q = self._need_quote()
        if q is None:
            return
        mention = None
        if kind == "unknown":
            self.s.run(ops.set_quote_speaker, q, None)
            return
        if kind == "person":
            pid = value
        else:
            if kind == "selection":  # value: the kind of source to make of the selection
                sel = self.view.selection_span()
                span = snap_entity(self.s.doc.article.text, *sel) if sel else None
                if span is None:
                    self.s.message.emit("Select the speaker's name in the text first.")
                    return
                mention, name, source_kind = span, self.s.doc.article.text[span[0]:span[1]], value
            else:  # "new": (what was typed, kind)
                name, source_kind = value
            known = self.s.project.find_person(name, source_kind, home_of(source_kind, q.article_id))
            if known is None:
                # one operation creates the source and links the quote: one undo takes back both
                self.s.run(ops.set_quote_speaker, q, None, *(mention or (None, None)), new_person=name,
                           new_kind=source_kind)
                return
            pid = known.id
        if mention is None:
            if q.speaker_id == pid and q.speaker_start is not None:
                mention = (q.speaker_start, q.speaker_end)
            else:
                mention = self._nearest_mention(q, pid)
        self.s.run(ops.set_quote_speaker, q, pid, *(mention or (None, None)))

    def speaker_from_text(self, start: int, end: int) -> None:
        """Ctrl+click on a name (or a pronoun): it becomes the selected quote's speaker mention."""
        q = self._need_quote()
        if q is None or self.s.doc is None:
            return
        text = self.s.doc.article.text[start:end]
        ent = next((e for e in self.s.doc.entities if e.start == start and e.end == end), None)
        pid = ent.person_id if ent is not None else None
        if pid is None and ent is not None and ent.label in KIND_OF_LABEL and self.s.project.find_person(text) is None:
            self.s.run(ops.set_quote_speaker, q, None, start, end, new_person=text,
                       new_kind=KIND_OF_LABEL[ent.label])  # one undo for both
            return
        if pid is None:
            known = self.s.project.find_person(text)
            pid = known.id if known else q.speaker_id  # "he", "she": the same person, this mention
        if pid is None:
            self.s.message.emit(f"“{elide(text, 30)}” is nobody known yet: press S to choose or create the person.")
            return
        self.s.run(ops.set_quote_speaker, self.s.quote or q, pid, start, end)

    def entity_person(self, kind: str, value) -> None:
        e = self.s.entity
        self.view.setFocus()
        if e is None:
            return
        if kind == "unknown":
            pid = None
        elif kind == "person":
            pid = value
        else:
            name, source_kind = (self.s.doc.article.text[e.start:e.end], value) if kind == "selection" else value
            self.s.run(ops.set_entity_person, e, None, new_person=name, new_kind=source_kind)  # one undo
            return
        self.s.run(ops.set_entity_person, e, pid)

    def relabel(self, label: str) -> None:
        e = self.s.entity
        if e is not None and e.label != label:
            self.s.run(ops.relabel_entity, e, label)

    # --- creating from a selection ------------------------------------------------------
    def _selected_span(self, snap, hint: str) -> tuple[int, int] | None:
        """The text selection snapped to words, or None with a message saying what to do."""
        sel = self.view.selection_span()
        if self.s.doc is None:
            return None
        if sel is None:
            self.s.message.emit(hint)
            return None
        span = snap(self.s.doc.article.text, *sel)
        if span is None:
            self.s.message.emit("The selection holds no words.")
        return span

    def quote_from_selection(self) -> None:
        span = self._selected_span(snap_quote, "Select the quoted words first (mouse, or Shift+arrows), then press Q.")
        if span is None:
            return
        doc = self.s.doc
        same = next((q for q in doc.quotes if (q.start, q.end) == span), None)
        if same is not None:
            self.s.select(QUOTE, same.id)
            self.s.message.emit("That quote is already there: selected it.")
            return
        cur = self.s.quote
        if cur is not None and span[0] < cur.end and cur.start < span[1]:
            # A selection over the selected quote corrects its extent rather than adding another.
            self.s.run(ops.resize_quote, cur, span[0], span[1])
            return
        kind = quote_kind(doc.article.text, *span)
        kinds = self.s.project.scheme.quote_kinds
        if kind not in kinds and kind == "indirect":  # a scheme without indirect speech: as if in marks
            kind = quote_kind(doc.article.text, *span, marked=True)
        kind = kind if kind in kinds else kinds[0]
        self.s.run(ops.create_quote, doc.article.id, span[0], span[1], kind)

    def entity_from_selection(self, label: str | None = None) -> None:
        span = self._selected_span(snap_entity, "Select a name first (double-click a word, or Shift+arrows), then press E.")
        if span is None:
            return
        doc = self.s.doc
        cur = self.s.entity
        if cur is not None and label is None and span[0] < cur.end and cur.start < span[1] and (cur.start, cur.end) != span:
            # E over the selected entity corrects its extent (asked before any label menu opens)
            self.s.run(ops.resize_entity, cur, span[0], span[1])
            return
        if label is None:
            label = self._ask_label(span)
            if label is None:
                return
        same = next((e for e in doc.entities if (e.start, e.end) == span), None)
        if same is not None:
            # Already marked: relabel (or confirm) it rather than stack a second one on it.
            if same.label != label:
                self.s.run(ops.relabel_entity, same, label)
            elif not same.reviewed:
                self.s.run(ops.confirm_entity, same)
            self.s.select(ENTITY, same.id)
            return
        pid = None
        if label in KIND_OF_LABEL:  # a name the project knows as a source of the label's kind
            p = self.s.project.find_person(doc.article.text[span[0]:span[1]], KIND_OF_LABEL[label])
            pid = p.id if p else None
        self.s.run(ops.create_entity, doc.article.id, span[0], span[1], label, pid)

    def _ask_label(self, span: tuple[int, int]) -> str | None:
        menu = QMenu(self.view)
        menu.setObjectName("entityLabelMenu")
        menu.setToolTipsVisible(True)  # the scheme's description of each label
        labels = self.s.project.scheme.entity_labels
        keys = LABEL_KEYS
        theme = self.view.theme
        for i, lab in enumerate(labels):
            act = menu.addAction(theme.label_icon(lab), f"&{keys[i]}  {lab}" if i < len(keys) else lab)
            act.setData(lab)
            act.setToolTip(self.s.project.scheme.describe(lab) or lab)
        menu.setActiveAction(menu.actions()[0])  # Enter takes the first label (PERSON)
        rects = self.view.span_rects(*span)
        at = rects[-1].bottomLeft().toPoint() if rects else QPoint(20, 20)
        chosen = menu.exec(self.view.viewport().mapToGlobal(at))
        return chosen.data() if chosen else None

    # --- articles -----------------------------------------------------------------------
    def mark_done_and_next(self) -> int | None:
        aid = self.s.article_id
        if aid is None:
            nxt = self.s.project.next_article(0) if self.s.project else None
        else:
            confirm = False
            pending = self.s.project.unreviewed(aid)
            if pending:
                # "Done" means reviewed: ask once what to do with what is left.
                dialog = DoneDialog(self.s.doc, pending, self.s.person_name, self.view.window())
                choice = dialog.ask()
                dialog.deleteLater()
                self.view.window().activateWindow()
                self.view.setFocus()  # back to the text, where Enter and Ctrl+Enter work
                if choice is DoneChoice.CANCEL:
                    return None
                if choice is DoneChoice.GO_TO_FIRST:
                    first = pending.quotes[0] if pending.quotes else pending.entities[0]
                    self.s.select(QUOTE if pending.quotes else ENTITY, first.id)
                    self.s.message.emit(f"{len(pending.quotes) + len(pending.entities)} unreviewed item(s) left: "
                                        "Enter confirms one, U goes to the next, Ctrl+Enter asks again.")
                    return None
                confirm = True
            if self.s.run(ops.set_article_status, self.s.doc.article, "done", confirm_suggestions=confirm) is None:
                return None
            nxt = self.s.project.next_article(aid, order=self.order)
        if nxt is None:
            self.s.message.emit("Every article is done or skipped.")  # no emoji: not every system font has it
            return None
        self.s.show_article(nxt)
        return nxt

    def set_status(self, status: str) -> None:
        if self.s.doc is not None:
            self.s.run(ops.set_article_status, self.s.doc.article, status)  # as displayed: a conflict, not an overwrite

    def reopen(self) -> None:
        """Ctrl+R: a done (or skipped) article goes back in progress: Ctrl+Enter's queue and review again."""
        doc = self.s.doc
        if doc is None:
            return
        if doc.article.status not in ("done", "skipped"):
            self.s.message.emit("This article is not done: there is nothing to reopen.")
            return
        if self.s.run(ops.set_article_status, doc.article, "in_progress") is not None:
            self.s.message.emit("Reopened: the article is in progress again.")

    def set_flag(self, flagged: bool) -> None:
        if self.s.doc is not None:
            self.s.run(ops.set_article_flag, self.s.doc.article, flagged)

    def set_comment(self, article, comment: str) -> None:
        self.s.run(ops.set_article_comment, article, comment)
