"""Speakers of every kind, picked and created with the keyboard: the chooser groups sources by kind,
type-ahead finds them all, and a new source from a selection starts as the selection's kind."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from gui_helpers import key, select_text, type_text


def _find(text: str, words: str) -> tuple[int, int]:
    a = text.index(words)
    return a, a + len(words)


def _rows(chooser) -> list[tuple[str, bool]]:
    m = chooser._model
    return [(m.item(i).text().strip(), bool(m.item(i).flags() & Qt.ItemIsSelectable)) for i in range(m.rowCount())]


def test_new_organisation_from_a_selected_org_entity_by_keyboard(open_window, sample_db, qtbot):
    win = open_window(sample_db, article=1, quote=1)
    s = win.session
    a, b = _find(s.doc.article.text, "NATO")
    assert any(e.label == "ORG" and (e.start, e.end) == (a, b) for e in s.doc.entities)
    select_text(win.view, a, b)
    win.view.setFocus()
    key(qtbot, win, Qt.Key_S)
    chooser = win.findChild(QLineEdit, "speakerChooser")
    assert QApplication.focusWidget() is chooser
    new_rows = [t for t, _ in _rows(chooser) if t.startswith("New ")]
    assert new_rows[0] == "New organisation from selection: “NATO”"  # ORG: an organisation first
    assert len(new_rows) == 5  # and every other kind, for the keyboard to pick
    type_text(qtbot, "nato")
    key(qtbot, win, Qt.Key_Return)
    q = s.project.get_quote(s.quote.id)
    nato = s.project.get_person(q.speaker_id)
    assert (nato.name, nato.kind, q.speaker_start, q.speaker_end) == ("NATO", "organisation", a, b)
    assert QApplication.focusWidget() is win.view
    assert chooser.text() == "NATO (organisation)"


def test_chooser_groups_by_kind_and_type_ahead_finds_every_kind(open_window, sample_db, qtbot):
    from annotator import ops

    win = open_window(sample_db, article=1, quote=1)
    s = win.session
    s.run(ops.set_quote_speaker, s.quote, None, new_person="a senior EU diplomat", new_kind="unnamed")
    key(qtbot, win, Qt.Key_Down)  # the next quote
    win.view.setFocus()
    key(qtbot, win, Qt.Key_S)
    chooser = QApplication.focusWidget()
    rows = _rows(chooser)
    headings = [t for t, selectable in rows if not selectable]
    assert headings[:2] == ["People", "Unnamed people"]  # in kind order, each over its sources
    assert rows.index(("a senior EU diplomat", True)) > rows.index(("Unnamed people", False))
    type_text(qtbot, "diplom")
    key(qtbot, win, Qt.Key_Return)
    q = s.project.get_quote(s.quote.id)
    assert s.project.get_person(q.speaker_id).name == "a senior EU diplomat"


def test_a_typed_name_becomes_a_source_of_the_kind_picked_with_arrow_keys(open_window, sample_db, qtbot):
    win = open_window(sample_db, article=1, quote=2)
    s = win.session
    key(qtbot, win, Qt.Key_S)
    type_text(qtbot, "Protesters outside")
    chooser = QApplication.focusWidget()
    new_rows = [t for t, _ in _rows(chooser) if t.startswith("New ")]
    assert new_rows == ["New person: “Protesters outside”", "New organisation: “Protesters outside”",
                        "New group: “Protesters outside”", "New unnamed person: “Protesters outside”",
                        "New document: “Protesters outside”"]
    popup = chooser.completer().popup()
    for _ in range(3):  # person, organisation, group
        qtbot.keyClick(popup, Qt.Key_Down)
    qtbot.keyClick(popup, Qt.Key_Return)
    QApplication.processEvents()
    src = s.project.get_person(s.project.get_quote(s.quote.id).speaker_id)
    assert (src.name, src.kind, src.article_id) == ("Protesters outside", "group", s.doc.article.id)
    win.session.undo()  # one undo: the link and the new group
    assert s.project.find_person("Protesters outside", article_id=s.doc.article.id) is None


def test_sources_dialog_changes_a_kind(open_window, sample_db, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from annotator.gui.dialogs import PersonsDialog

    win = open_window(sample_db, article=1)
    dlg = PersonsDialog(win.session, win)
    qtbot.addWidget(dlg)
    item = next(dlg.list.item(i) for i in range(dlg.list.count())
                if dlg.list.item(i).data(Qt.UserRole + 1).name == "Keir Starmer")
    item.setSelected(True)
    dlg._track(item)
    assert dlg.kind_btn.isEnabled()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("organisation", True))
    dlg._kind()
    assert win.session.project.find_person("Keir Starmer").kind == "organisation"
    assert any(dlg.list.item(i).text().endswith("· organisation") for i in range(dlg.list.count()))


def test_an_org_entity_links_to_an_organisation_source(open_window, sample_db, qtbot):
    from annotator.gui.session import ENTITY

    win = open_window(sample_db, article=1)
    s = win.session
    a, b = _find(s.doc.article.text, "NATO")
    ent = next(e for e in s.doc.entities if (e.start, e.end) == (a, b))
    s.select(ENTITY, ent.id)
    QApplication.processEvents()
    chooser = win.inspector.entity_form.person
    assert chooser.isEnabled()
    assert [t for t, _ in _rows(chooser) if t.startswith("New ")][0] == "New organisation from selection: “NATO”"
    key(qtbot, win, Qt.Key_S)
    assert QApplication.focusWidget() is chooser
    type_text(qtbot, "nato")
    key(qtbot, win, Qt.Key_Return)
    linked = s.project.get_person(s.project.get_entity(ent.id).person_id)
    assert (linked.name, linked.kind) == ("NATO", "organisation")
