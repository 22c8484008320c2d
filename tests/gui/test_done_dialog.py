"""Ctrl+Enter on an article with unreviewed suggestions asks once: confirm the quotes as suggested,
go to the first unreviewed item, or cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui_helpers import key


def test_cancel_changes_nothing(open_window, sample_db, qtbot, answer_done):
    win = open_window(sample_db)
    seen = answer_done(None)
    win.view.setFocus()
    key(qtbot, win, Qt.Key_Return, Qt.ControlModifier)
    (dlg,) = seen
    assert dlg.items == 2 + 6 + len(win.session.doc.entities)  # two headings, every quote and entity
    intro = dlg.intro
    assert "6 of 6 quotes are unreviewed" in intro and "left out of training" in intro
    assert win.session.article_id == 1 and win.session.project.get_article(1).status == "new"


def test_go_to_the_first_unreviewed_quote(open_window, sample_db, qtbot, answer_done):
    win = open_window(sample_db)
    s = win.session
    s.select_quote_at(3)
    key(qtbot, win, Qt.Key_Return)  # quote 4 reviewed; quote 1 is the first one left
    answer_done("doneGoToFirst")
    key(qtbot, win, Qt.Key_Return, Qt.ControlModifier)
    assert s.article_id == 1 and s.quote_index() == 0 and s.project.get_article(1).status == "in_progress"
    assert "unreviewed item(s) left" in win.statusBar().currentMessage()


def test_confirm_marks_done_in_one_undoable_step(open_window, sample_db, qtbot, answer_done):
    win = open_window(sample_db)
    s = win.session
    n_entities = len(s.doc.entities)
    seen = answer_done("doneConfirm")
    win.view.setFocus()
    key(qtbot, win, Qt.Key_Return, Qt.ControlModifier)
    assert seen and seen[0].confirm == "Confirm Quotes as Suggested"
    assert s.article_id == 2  # done, and the next article opened
    p = s.project
    ann = p.load_article(1)
    assert ann.article.status == "done" and all(q.reviewed for q in ann.quotes)
    assert sum(e.reviewed for e in ann.entities) == 0 and len(ann.entities) == n_entities
    key(qtbot, win, Qt.Key_Z, Qt.ControlModifier)
    ann = p.load_article(1)
    assert ann.article.status == "new" and not any(q.reviewed for q in ann.quotes)
    assert s.article_id == 1  # undo takes you back to where it happened


def test_a_reviewed_article_is_marked_done_without_a_dialog(open_window, sample_db, qtbot):
    from annotator import ops

    win = open_window(sample_db)
    p = win.session.project
    ann = p.load_article(1)
    for q in ann.quotes:
        ops.confirm_quote(p, q.id)
    for e in ann.entities:
        ops.confirm_entity(p, e.id)
    win.view.setFocus()
    key(qtbot, win, Qt.Key_Return, Qt.ControlModifier)  # no dialog: the autouse guard would fail the test
    assert p.get_article(1).status == "done" and win.session.article_id == 2


def test_enter_goes_to_unreviewed_quotes_or_marks_done_when_only_entities_are_left(sample_db, qtbot):
    """The default button: with quotes left, Enter goes to the first (the safe answer); with only
    entities left (never labels, whatever the choice) it marks the article done."""
    from PySide6.QtTest import QTest

    from annotator import ops
    from annotator.gui.done_dialog import DoneChoice, DoneDialog
    from annotator.store import Project

    with Project.open(sample_db) as p:
        for want in (DoneChoice.GO_TO_FIRST, DoneChoice.CONFIRM):
            dlg = DoneDialog(p.load_article(1), p.unreviewed(1), lambda pid: None)
            qtbot.addWidget(dlg)
            dlg.show()
            QTest.keyClick(dlg, Qt.Key_Return)
            assert dlg.choice is want
            for q in p.load_article(1).quotes:
                ops.confirm_quote(p, q.id)
