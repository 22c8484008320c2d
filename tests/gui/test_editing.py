"""Creating, deleting and relinking through the window; every edit saved and undoable."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

from annotator import ops
from gui_helpers import key, select_text


def _find(text, needle, after=0):
    i = text.index(needle, after)
    return i, i + len(needle)


def test_selection_becomes_a_quote_snapped_to_words(open_window, sample_db, qtbot):
    win = open_window(sample_db, article=1)
    s = win.session
    text = s.doc.article.text
    # A sloppy selection: from inside "consider" to inside "deploying" (no marks around: indirect).
    a, b = _find(text, "consider deploying")
    select_text(win.view, a + 3, b - 4)
    win.view.setFocus()
    n = len(s.doc.quotes)
    key(qtbot, win, Qt.Key_Q)
    assert len(s.doc.quotes) == n + 1
    q = s.quote
    assert text[q.start:q.end] == "consider deploying"
    assert (q.kind, q.origin, q.reviewed) == ("indirect", "human", True)
    # Selecting the marks too leaves them out; punctuation up to the closing mark stays in.
    a, b = _find(text, '"A US security guarantee is the only way to effectively deter Russia,"')
    s.select(None)
    key(qtbot, win, Qt.Key_Delete)  # nothing selected: a message, no crash
    assert "Nothing selected" in win.statusBar().currentMessage()
    assert text[a + 1:b - 1].endswith("Russia,")
    key(qtbot, win, Qt.Key_Z, Qt.ControlModifier)
    assert len(s.doc.quotes) == n


def test_selection_becomes_an_entity_with_the_label_menu(open_window, sample_db, qtbot):
    win = open_window(sample_db, article=1)
    s = win.session
    text = s.doc.article.text
    a, b = _find(text, "peace agreement")
    select_text(win.view, a + 1, b)
    win.view.setFocus()

    def pick():
        menu = QApplication.activePopupWidget()
        assert menu is not None and menu.objectName() == "entityLabelMenu"
        qtbot.keyClick(menu, Qt.Key_7)  # the 7th label of the scheme: EVENT

    QTimer.singleShot(50, pick)
    key(qtbot, win, Qt.Key_E)
    e = s.entity
    assert e is not None and text[e.start:e.end] == "peace agreement" and e.label == "EVENT"
    assert win.inspector.entity_form.heading.text() == "EVENT entity"
    # Relabel from the inspector, then delete with the key, then undo both.
    win.commands.relabel("ORG")
    assert s.project.get_entity(e.id).label == "ORG"
    win.view.setFocus()
    key(qtbot, win, Qt.Key_Delete)
    assert all(x.id != e.id for x in s.doc.entities)
    key(qtbot, win, Qt.Key_Z, Qt.ControlModifier)
    assert s.project.get_entity(e.id).label == "ORG"


def test_delete_a_quote_and_undo(open_window, sample_db, qtbot):
    win = open_window(sample_db, article=2)
    s = win.session
    win.view.setFocus()
    key(qtbot, win, Qt.Key_J)
    doomed = s.quote
    n = len(s.doc.quotes)
    key(qtbot, win, Qt.Key_Delete)
    assert len(s.doc.quotes) == n - 1
    assert s.quote is not None and s.quote.id != doomed.id  # the next quote is selected
    key(qtbot, win, Qt.Key_Z, Qt.ControlModifier)
    assert len(s.doc.quotes) == n
    assert s.quote.id == doomed.id  # undo brings it back and selects it


def test_ctrl_click_on_a_name_makes_it_the_speaker(open_window, sample_db, qtbot):
    win = open_window(sample_db, article=1, quote=2)
    s = win.session
    q = s.quote
    assert s.person_name(q.speaker_id) == "Olaf Scholz"
    text = s.doc.article.text
    mention = next(e for e in s.doc.entities if text[e.start:e.end] == "Starmer" and e.person_id)
    rect = win.view.span_rects(mention.start, mention.end)[0]
    qtbot.mouseClick(win.view.viewport(), Qt.LeftButton, Qt.ControlModifier, rect.center().toPoint())
    q = s.project.get_quote(q.id)
    assert s.person_name(q.speaker_id) == "Keir Starmer"
    assert (q.speaker_start, q.speaker_end) == (mention.start, mention.end)
    # A plain click on a quote selects it.
    other = s.doc.quotes[3]
    r = win.view.span_rects(other.start, other.end)[0]
    qtbot.mouseClick(win.view.viewport(), Qt.LeftButton, Qt.NoModifier, QPoint(int(r.left()) + 3, int(r.center().y())))
    assert s.quote.id == other.id


def test_new_person_from_selection_and_merge(open_window, sample_db, qtbot):
    win = open_window(sample_db, article=1, quote=1)
    s = win.session
    text = s.doc.article.text
    a, b = _find(text, "Donald Trump")
    select_text(win.view, a, b)
    win.commands.choose_speaker("selection", "person")
    q = s.quote
    assert s.person_name(q.speaker_id) == "Donald Trump"
    assert (q.speaker_start, q.speaker_end) == (a, b)
    trump = q.speaker_id
    starmer = s.project.find_person("Keir Starmer").id
    s.run(ops.merge_persons, starmer, trump)
    assert s.person_name(s.project.get_quote(q.id).speaker_id) == "Keir Starmer"
    win.session.undo()
    assert s.project.get_person(trump).name == "Donald Trump"


def test_persons_dialog_merges_second_into_first(open_window, sample_db, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from annotator.gui.dialogs import PersonsDialog

    win = open_window(sample_db, article=1)
    dlg = PersonsDialog(win.session, win)
    qtbot.addWidget(dlg)
    items = {dlg.list.item(i).data(Qt.UserRole + 1).name: dlg.list.item(i) for i in range(dlg.list.count())}
    for name in ("Keir Starmer", "Olaf Scholz"):
        items[name].setSelected(True)
        dlg._track(items[name])
    assert dlg.merge_btn.isEnabled()
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.Yes)
    dlg._merge()
    with_aliases = win.session.project.find_person("Olaf Scholz")
    assert with_aliases.name == "Keir Starmer"


def test_notes_and_kind_are_saved(open_window, sample_db, qtbot):
    win = open_window(sample_db, article=1, quote=3)
    s = win.session
    form = win.inspector.quote_form
    form.note.setFocus()
    form.note.setText("check the date")
    form.note.editingFinished.emit()
    win.commands.set_kind("partial")
    q = s.project.get_quote(s.quote.id)
    assert (q.note, q.kind) == ("check the date", "partial")


def test_conflicting_edit_is_a_message_not_a_crash(open_window, sample_db, qtbot):
    from annotator.store import Project

    win = open_window(sample_db, article=1, quote=1)
    s = win.session
    with Project.open(sample_db, user="someone else") as other:
        ops.set_claim(other, s.quote.id, "FACT")
    key(qtbot, win, Qt.Key_3)  # PREDICTION, over a claim the window has not seen yet
    assert "changed by someone else" in win.statusBar().currentMessage()
    assert s.quote.claim == "FACT"  # re-read: the window now shows the other edit


def test_selection_over_the_selected_quote_resizes_it(open_window, sample_db, qtbot):
    win = open_window(sample_db, article=1, quote=3)
    s = win.session
    q = s.quote
    text = s.doc.article.text
    # "A US security guarantee is the only way" : a shorter extent, from the middle of a word.
    a = q.start
    b = text.index("only way", a) + len("only wa")
    select_text(win.view, a, b)
    win.view.setFocus()
    key(qtbot, win, Qt.Key_Q)
    q2 = s.project.get_quote(q.id)
    assert text[q2.start:q2.end] == "A US security guarantee is the only way"
    assert len(s.doc.quotes) == 6


def test_hover_names_the_label_and_the_person(open_window, sample_db):
    win = open_window(sample_db, article=1)
    s = win.session
    text = s.doc.article.text
    e = next(x for x in s.doc.entities if text[x.start:x.end] == "Olaf Scholz")
    tip = win.view._tooltip(e.start + 1)
    assert tip.startswith("PERSON — Olaf Scholz") and "suggestion" in tip
    q = s.doc.quotes[2]
    assert "Direct quote — Keir Starmer" in win.view._tooltip(q.start + 2)


def test_edits_from_elsewhere_show_up(open_window, sample_db):
    from annotator.store import Project

    win = open_window(sample_db, article=1, quote=1)
    s = win.session
    with Project.open(sample_db, user="cli") as other:
        ops.set_claim(other, s.quote.id, "OPINION")
    s._check_outside_changes()  # the 1.5 s poll, without the wait
    assert s.quote.claim == "OPINION"
    assert win.inspector.quote_form.claim.currentData() == "OPINION"


def test_undo_in_another_article_takes_you_there(open_window, sample_db, qtbot, answer_done):
    win = open_window(sample_db, article=1)
    answer_done("doneConfirm")
    s = win.session
    win.view.setFocus()
    key(qtbot, win, Qt.Key_Return, Qt.ControlModifier)
    assert s.article_id == 2
    key(qtbot, win, Qt.Key_Z, Qt.ControlModifier)
    assert s.article_id == 1 and s.project.get_article(1).status == "new"


def test_a_new_person_as_speaker_is_one_undo_step(open_window, sample_db, qtbot):
    win = open_window(sample_db, article=1, quote=1)
    s = win.session
    before = s.quote.speaker_id
    win.commands.choose_speaker("new", ("Jane Example", "person"))
    assert s.person_name(s.quote.speaker_id) == "Jane Example"
    s.undo()
    assert s.project.get_quote(s.quote.id).speaker_id == before
    assert s.project.find_person("Jane Example") is None


def test_selection_over_the_selected_entity_resizes_it(open_window, sample_db, qtbot):
    from annotator.gui.session import ENTITY

    win = open_window(sample_db, article=1)
    s = win.session
    text = s.doc.article.text
    e = next(x for x in s.doc.entities if text[x.start:x.end] == "Olaf Scholz")
    s.select(ENTITY, e.id)
    a, b = _find(text, "Chancellor Olaf Scholz")
    select_text(win.view, a, b)
    win.commands.entity_from_selection()  # no label menu: the selected entity takes the new extent
    got = s.project.get_entity(e.id)
    assert text[got.start:got.end] == "Chancellor Olaf Scholz" and got.label == e.label
