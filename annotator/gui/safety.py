"""What the window says about saving, and what it lets the annotator do when saving fails.

- The status bar's save label: "✓ Saved" only after a commit returned, "✎ Editing…" while a note
  is typed, "⚠ Not saved" when an edit did not reach the file, "⚠ Conflict" when someone else had
  changed the field, "Read-only" / "⚠ Not saving" when edits are off.
- The banner: why edits are not being saved (disk full, read-only, file replaced, moved or
  deleted, damaged), with Retry and Save a Copy…; or, on opening, who else has the project open.
- Edit commands and the inspector's fields are turned off while the project cannot be written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow

from .banner import Banner
from .session import BLOCKED, CONFLICT, EDITING, FAILED, SAVED

# `win` is the app's MainWindow (main_window.py), which imports this module: it is named here by its Qt class.


# Commands that change the project: off while it cannot be written (moving around stays on).
EDIT_ACTIONS = ("import", "preannotate", "train", "persons", "undo", "redo", "quote_from_selection",
                "entity_from_selection", "delete", "confirm", "speaker", "favor", "against", "none", "checkworthy",
                "done_next", "skip_article", "reopen", "flag", "comment")

LABELS = {SAVED: "✓ Saved", EDITING: "✎ Editing…", FAILED: "⚠ Not saved", CONFLICT: "⚠ Conflict"}


class SaveStatus(QObject):
    def __init__(self, win: QMainWindow):
        super().__init__(win)
        self.win = win
        self.banner = Banner()
        self.others_label = QLabel("")
        self.others_label.setObjectName("othersLabel")
        self.others_label.setTextFormat(Qt.PlainText)
        self.others_label.setContentsMargins(8, 0, 8, 0)
        win.statusBar().insertPermanentWidget(0, self.others_label)
        self._told_others = False
        s = win.session
        s.saveState.connect(self._on_state)
        s.trouble.connect(self._on_trouble)
        s.projectChanged.connect(self._on_project)
        s.guard.othersChanged.connect(self._on_others)
        # While a note or the article's comment is typed the status bar says "editing", never
        # "saved"; each is saved on Enter, when the field is left, and before the session shows
        # another article or item, or closes (Session.before_leave).
        for field, flush in ((win.inspector.quote_form.note, win.inspector.quote_form.flush_note),
                             (win.document.notes.comment, win.document.notes.flush_comment)):
            field.textEdited.connect(lambda _text: s.set_editing(True))
            field.editingFinished.connect(lambda f=field: s.set_editing(f.isModified()))
            s.before_leave.append(flush)

    # --- the save label ---------------------------------------------------------------------
    def _on_state(self, state: str, detail: str) -> None:
        s = self.win.session
        if state == BLOCKED:
            read_only = s.project is not None and s.project.read_only
            text = "Read-only" if read_only else "⚠ Not saving"
        else:
            text = LABELS.get(state, "")
        self.win.saved_label.setText(text)
        self.win.saved_label.setToolTip(detail or "Every edit is saved the moment you make it.")

    # --- trouble ----------------------------------------------------------------------------
    def _on_trouble(self, why: str) -> None:
        s = self.win.session
        kept = f" {len(s.pending)} edit(s) not saved are kept in this window." if s.pending else ""
        actions = [] if s.blocked else [("Retry", self.retry)]
        actions.append(("Save a Copy…", self.save_copy))
        self.banner.show_message("warning", why + "." * (not why.endswith(".")) + kept, actions,
                                 dismissable=s.blocked is not None and not s.pending)
        self._apply_blocked()
        self.win.statusBar().showMessage(f"⚠ {' '.join(why.split())}", 15000)

    def retry(self) -> None:
        if self.win.session.retry():
            self.banner.hide()
            self.win.statusBar().showMessage("Saved: the kept edits are in the project now.", 6000)

    def save_copy(self) -> None:
        s = self.win.session
        if s.project is None:
            return
        p = s.project.path
        start = str(p.with_name(f"{p.stem} copy{p.suffix}"))
        dest, _ = QFileDialog.getSaveFileName(self.win, "Save a copy of the project", start,
                                              "Annotator projects (*.annotator);;All files (*)")
        if dest and s.save_copy(dest):
            self.win.settings.add_recent(str(Path(dest).resolve()))
            if not s.pending:
                self.banner.hide()

    def _apply_blocked(self) -> None:
        on = self.win.session.blocked is None
        for name in EDIT_ACTIONS:
            self.win.actions[name].setEnabled(on)
        for act in self.win.claim_actions:
            act.setEnabled(on)
        self.win.inspector.quote_form.setEnabled(on)
        self.win.inspector.entity_form.setEnabled(on)
        self.win.document.notes.setEnabled(on)

    # --- who else ---------------------------------------------------------------------------
    def _on_project(self) -> None:
        s = self.win.session
        self._told_others = False
        self.others_label.setText("")
        if s.blocked is None and not s.pending:
            self.banner.hide()
        self._apply_blocked()

    def _on_others(self, text: str, short: str) -> None:
        self.others_label.setText(f"{short[0].upper()}{short[1:]}" if short else "")
        self.others_label.setToolTip(text)
        if not text:
            return
        if not self._told_others and (not self.banner.isVisible() or self.banner.kind == "info"):
            self.banner.show_message("info", f"This project is {text}. You can both edit it: an edit to a field "
                                     "the other window changed since you saw it is refused with a message, "
                                     "never silently overwritten.")
        else:
            self.win.statusBar().showMessage(f"This project is now {text}.", 8000)
        self._told_others = True
