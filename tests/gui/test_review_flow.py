"""The annotator's day, by keyboard: move through quotes, confirm, fix a speaker, set stance and
claim, undo and redo, mark done; then close, reopen and find every change."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QListView, QTableView, QWidget

from annotator.store import Project
from gui_helpers import key, type_text

NAMES = ["mainWindow", "articleList", "articleSearch", "documentView", "quoteList", "speakerChooser",
         "stanceChooser", "claimChooser", "statusBar"]


def test_opens_the_sample_project(open_window, sample_db):
    win = open_window(sample_db)
    for name in NAMES:
        found = win if win.objectName() == name else win.findChild(QWidget, name)
        assert found is not None, name
    table = win.findChild(QTableView, "articleList")
    assert table.model().rowCount() == 4
    assert win.session.doc.article.id == 1
    assert "Keir Starmer" in win.view.toPlainText()
    assert win.findChild(QListView, "quoteList").model().rowCount() == 6
    assert win.session.quote_index() == 0  # the first suggestion is selected, ready for Enter
    assert "0/6 quotes reviewed" in win.article_progress.text()


def test_keyboard_review_flow_survives_reopening(open_window, sample_db, qtbot, answer_done):
    win = open_window(sample_db)
    s = win.session
    win.view.setFocus()
    key(qtbot, win, Qt.Key_J)
    assert s.quote_index() == 1
    key(qtbot, win, Qt.Key_K)
    assert s.quote_index() == 0
    key(qtbot, win, Qt.Key_Down)
    assert s.quote_index() == 1
    key(qtbot, win, Qt.Key_Up)
    assert s.quote_index() == 0

    # Enter: the first suggestion is right as it is; the next quote comes up.
    first = s.quote.id
    key(qtbot, win, Qt.Key_Return)
    assert s.project.get_quote(first).reviewed
    assert s.quote_index() == 1
    assert "1/6 quotes reviewed" in win.article_progress.text()

    # The second was attributed to Scholz; it is Starmer's. S, type a few letters, Enter.
    second = s.quote
    assert s.person_name(second.speaker_id) == "Olaf Scholz"
    key(qtbot, win, Qt.Key_S)
    chooser = win.findChild(QLineEdit, "speakerChooser")
    assert QApplication.focusWidget() is chooser
    type_text(qtbot, "starm")
    key(qtbot, win, Qt.Key_Return)
    q = s.project.get_quote(second.id)
    assert s.person_name(q.speaker_id) == "Keir Starmer"
    assert q.speaker_start is not None  # linked to a mention of him
    assert s.doc.article.text[q.speaker_start:q.speaker_end].endswith("Starmer")
    assert QApplication.focusWidget() is win.view  # back to the text, ready for the next key

    # Stance: F toward the highlighted (first) target; T moves on; A, and A again clears.
    targets = s.project.scheme.stance_targets
    key(qtbot, win, Qt.Key_F)
    key(qtbot, win, Qt.Key_T)
    key(qtbot, win, Qt.Key_A)
    q = s.project.get_quote(second.id)
    assert [(x.target, x.label) for x in q.stances] == [(targets[0], "FAVOR"), (targets[1], "AGAINST")]
    key(qtbot, win, Qt.Key_A)
    q = s.project.get_quote(second.id)
    assert [(x.target, x.label) for x in q.stances] == [(targets[0], "FAVOR")]

    # Digits pick the claim type; C flags it check-worthy.
    key(qtbot, win, Qt.Key_4)
    assert s.project.get_quote(second.id).claim == "RECOMMENDATION"
    assert win.findChild(QWidget, "claimChooser").currentData() == "RECOMMENDATION"
    key(qtbot, win, Qt.Key_C)
    assert s.project.get_quote(second.id).checkworthy is True

    # Undo and redo.
    key(qtbot, win, Qt.Key_Z, Qt.ControlModifier)
    assert s.project.get_quote(second.id).checkworthy is None
    key(qtbot, win, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert s.project.get_quote(second.id).checkworthy is True
    assert "Redone" in win.statusBar().currentMessage()

    # Ctrl+Enter: four quotes are still suggestions, so it asks; confirming them marks the article
    # done and the next one not done opens.
    asked = answer_done("doneConfirm")
    key(qtbot, win, Qt.Key_Return, Qt.ControlModifier)
    assert len(asked) == 1 and asked[0].items >= 4
    assert s.article_id == 2
    assert s.project.get_article(1).status == "done"
    win.close()

    # Everything is in the file, recorded under the annotator's name.
    with Project.open(sample_db) as p:
        assert p.get_article(1).status == "done"
        assert p.get_quote(first).reviewed
        q = p.get_quote(second.id)
        assert p.get_person(q.speaker_id).name == "Keir Starmer"
        assert [(x.target, x.label) for x in q.stances] == [(targets[0], "FAVOR")]
        assert (q.claim, q.checkworthy, q.reviewed) == ("RECOMMENDATION", True, True)
        assert {r["user"] for r in p.audit_log(1)} == {"tester"}

    # And the reopened app shows it.
    win2 = open_window(sample_db, article=1, quote=2)
    assert win2.session.quote.id == second.id
    assert win2.findChild(QLineEdit, "speakerChooser").text() == "Keir Starmer"
    assert win2.findChild(QWidget, "claimChooser").currentData() == "RECOMMENDATION"
    assert win2.inspector.quote_form.checkworthy.isChecked()
    stance = win2.findChild(QWidget, "stanceChooser")
    assert "FAVOR" in stance.topLevelItem(0).text(1)
    assert win2.articles.model.row(0).status == "done"
