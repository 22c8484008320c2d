"""Edits never vanish in the app: two windows on one project, a disk that fills up, a file that
is replaced, moved, deleted, damaged or read-only, and a note being typed."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator import db, ops
from annotator.store import Project
from gui_helpers import type_text

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.conftest import damage_a_page  # noqa: E402

TARGET = "US security backstop for Ukraine"


def _fresh(path, qid):
    with Project.open(path) as p:
        return p.get_quote(qid)


def test_two_windows_are_told_and_a_stale_edit_is_a_conflict_not_an_overwrite(open_window, sample_db, qtbot):
    a = open_window(sample_db, article=1, quote=1)
    b = open_window(sample_db, article=1, quote=1)
    # The second window is told at once who else has the project open, and since when.
    assert b.safety.banner.isVisible() and b.safety.banner.kind == "info"
    told = b.safety.banner.text.text()
    assert "also open by tester (the app, pid" in told and "since" in told
    assert "also open by tester" in b.safety.others_label.text().lower()
    # The first notices the newcomer at its next heartbeat.
    a.session.guard._beat()
    assert "also open by tester" in a.safety.others_label.text().lower()

    q = a.session.quote
    assert b.session.quote.id == q.id
    b.commands.set_claim("FACT")  # B changes the claim; A still shows the old one
    assert a.inspector.quote_form.claim.currentData() is None
    a.commands.set_claim("OPINION")
    assert _fresh(sample_db, q.id).claim == "FACT"  # never a silent last-write-wins
    msg = a.statusBar().currentMessage()
    assert msg.startswith("⚠ Not saved: the claim of quote") and "changed by someone else" in msg and "FACT" in msg
    assert a.saved_label.text() == "⚠ Conflict" and "Not saved" in a.saved_label.toolTip()
    assert a.inspector.quote_form.claim.currentData() == "FACT"  # the field shows the other value
    # Different fields, and different stance targets, from the two windows: both kept.
    a.commands.set_checkworthy(True)
    b.commands.set_stance(TARGET, "FAVOR")
    a.commands.set_stance("Ukraine in NATO", "AGAINST")
    final = _fresh(sample_db, q.id)
    assert final.checkworthy and {s.target: s.label for s in final.stances} == {TARGET: "FAVOR",
                                                                                "Ukraine in NATO": "AGAINST"}
    assert a.saved_label.text() == "✓ Saved"
    # The status an article had when displayed is checked too.
    b.commands.set_status("skipped")
    a.commands.set_status("done")
    with Project.open(sample_db) as p:
        assert p.get_article(1).status == "skipped"


@pytest.mark.parametrize("fail, heal, words", [
    # the file may not grow by a single page: SQLite's "database or disk is full"
    (lambda c: c.execute(f"PRAGMA max_page_count={c.execute('PRAGMA page_count').fetchone()[0]}"),
     lambda c: c.execute("PRAGMA max_page_count=1073741823"), "disk is full"),
    # the disk turned read-only under the open project: "attempt to write a readonly database"
    (lambda c: c.execute("PRAGMA query_only=1"), lambda c: c.execute("PRAGMA query_only=0"), "read-only"),
])
def test_a_failed_save_keeps_the_typed_note_until_retry(open_window, sample_db, qtbot, fail, heal, words):
    win = open_window(sample_db, article=1, quote=1)
    s = win.session
    qid = s.quote.id
    note = win.inspector.quote_form.note
    note.setFocus()
    type_text(qtbot, "checked against the transcript ")
    assert win.saved_label.text() == "✎ Editing…"  # never "Saved" while typing
    fail(s.project.conn)
    long_note = "checked against the transcript " + "x" * 20000
    note.setText(long_note)
    note.setModified(True)
    qtbot.keyClick(note, Qt.Key_Return)
    assert win.saved_label.text() == "⚠ Not saved"
    assert words in win.safety.banner.text.text() and win.safety.banner.isVisible()
    assert len(s.pending) == 1 and note.text() == long_note  # the edit is kept where it was typed
    assert _fresh(sample_db, qid).note == ""
    heal(s.project.conn)
    win.safety.banner.button("Retry").click()
    assert _fresh(sample_db, qid).note == long_note
    assert win.saved_label.text() == "✓ Saved" and not s.pending and not win.safety.banner.isVisible()


def test_a_note_is_saved_on_article_switch_and_on_close(open_window, sample_db, qtbot):
    win = open_window(sample_db, article=1, quote=1)
    qid = win.session.quote.id
    win.inspector.quote_form.note.setFocus()
    type_text(qtbot, "switching")
    win.session.show_article(2)  # Alt+Down, a click in the list, Ctrl+Enter: all go through here
    assert _fresh(sample_db, qid).note == "switching"
    win.document.notes.edit_comment()  # the article's comment behaves the same
    type_text(qtbot, "ask the desk")
    assert win.saved_label.text() == "✎ Editing…"
    win.session.show_article(3)
    with Project.open(sample_db) as p:
        assert p.get_article(2).comment == "ask the desk"
    win.session.show_article(1)
    win.session.select_quote_at(0)
    win.inspector.quote_form.note.setFocus()
    type_text(qtbot, ", leaving")
    win.view.setFocus()  # focus leaves the field
    assert _fresh(sample_db, qid).note == "switching, leaving" and win.saved_label.text() == "✓ Saved"
    win.session.show_article(1)
    win.session.select_quote_at(0)
    win.inspector.quote_form.note.setFocus()
    type_text(qtbot, " and closing")
    win.close()
    assert _fresh(sample_db, qid).note == "switching, leaving and closing"


@pytest.mark.parametrize("change, words", [
    (lambda p: p.unlink(), "deleted"),
    (lambda p: p.rename(p.with_name("elsewhere.annotator")), "moved or renamed"),
    (lambda p: (p.rename(p.with_name("old.annotator")), shutil.copy(p.with_name("old.annotator"), p)), "replaced"),
])
def test_a_file_deleted_moved_or_replaced_underneath_is_said_and_a_copy_saves_the_work(
        open_window, sample_db, qtbot, tmp_path, monkeypatch, change, words):
    win = open_window(sample_db, article=1, quote=1)
    s = win.session
    qid = s.quote.id
    win.commands.set_claim("FACT")  # saved before the file goes
    change(sample_db)
    s._check_outside_changes()  # the 1.5 s poll
    assert words in win.safety.banner.text.text()
    assert win.saved_label.text() == "⚠ Not saving"
    assert not win.actions["confirm"].isEnabled() and not win.inspector.quote_form.isEnabled()
    s.run(ops.set_note, s.quote, "written after the file went")
    assert len(s.pending) == 1
    copy = tmp_path / "rescued.annotator"
    monkeypatch.setattr("annotator.gui.safety.QFileDialog.getSaveFileName", lambda *a, **k: (str(copy), ""))
    win.safety.banner.button("Save a Copy…").click()
    assert s.path == str(copy) and not s.pending and s.blocked is None
    q = _fresh(copy, qid)
    assert (q.claim, q.note) == ("FACT", "written after the file went")
    assert win.saved_label.text() == "✓ Saved" and win.actions["confirm"].isEnabled()


def test_a_read_only_project_opens_read_only_with_a_banner(open_window, sample_db, monkeypatch):
    monkeypatch.setattr(db, "read_only_reason", lambda path: "the file is read-only")
    win = open_window(sample_db, article=1, quote=1)
    s = win.session
    assert s.project.read_only and "read-only" in win.safety.banner.text.text()
    assert win.saved_label.text() == "Read-only" and "(read-only)" in win.windowTitle()
    assert not win.actions["confirm"].isEnabled() and not win.inspector.quote_form.isEnabled()
    assert win.actions["next_quote"].isEnabled()  # reading and moving around still work
    s.run(ops.set_claim, s.quote, "FACT")
    assert _fresh(sample_db, s.quote.id).claim is None


def test_a_damaged_file_is_found_by_the_background_check_and_edits_stop(open_window, sample_db, qtbot):
    damage_a_page(sample_db, "audit")
    win = open_window(sample_db, article=1, quote=1)
    qtbot.waitUntil(lambda: win.session.blocked is not None, timeout=10000)
    text = win.safety.banner.text.text()
    assert "damaged" in text and "annotator check" in text
    assert not win.actions["confirm"].isEnabled()
