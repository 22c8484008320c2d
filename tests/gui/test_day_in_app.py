"""An annotator's day in the app, key by key: where the focus goes, the search box, the selection
after Delete and Undo, reopening, the toggles (all speaker links, guidelines, theme), flag and
comment, the next unreviewed item, least sure first, training in the background, a backup, and a
window that fits the screen."""

from __future__ import annotations

import threading

from PySide6.QtCore import QEvent, QPointF, QRect, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView, QWidget

from annotator import ops
from annotator.store import Project
from gui_helpers import key, select_text, type_text


def focus(win):
    return QApplication.focusWidget()


# --- focus --------------------------------------------------------------------------------------

def test_closing_the_overlay_gives_the_focus_back_to_the_text(open_window, sample_db, qtbot):
    win = open_window(sample_db)
    win.view.setFocus()
    key(qtbot, win, Qt.Key_Question)
    assert win.overlay.isVisible() and focus(win) is win.overlay
    key(qtbot, win, Qt.Key_Escape)
    assert not win.overlay.isVisible() and focus(win) is win.view
    q = win.session.quote
    key(qtbot, win, Qt.Key_F)  # review keys act on the quote, not typed into the search box
    key(qtbot, win, Qt.Key_4)
    q = win.session.project.get_quote(q.id)
    assert q.claim == "RECOMMENDATION" and q.stances[0].label == "FAVOR"
    assert win.articles.search.text() == "" and win.articles.model.rowCount() == 4
    # F1 opens it too; ? closes it; focus back where it was (the quote list this time).
    win.inspector.view.setFocus()
    key(qtbot, win, Qt.Key_F1)
    key(qtbot, win, Qt.Key_Question)
    assert focus(win) is win.inspector.view


def test_the_overlay_lists_exactly_the_keys_that_work(open_window, sample_db):
    from annotator.gui.actions import SPECS, key_text

    win = open_window(sample_db)
    groups = win.overlay.groups
    shown = {k for name, group in groups.items() if name != "Mouse and more" for keys, _ in group
             for k in keys.split(" / ")}
    expected = {k for spec in SPECS if spec.keys and spec.menu for k in key_text(win.actions[spec.name]).split(" / ")}
    expected |= {key_text(a) for a in win.claim_actions}
    assert shown == expected
    # Each key belongs to one action only (Qt ignores a key two actions share).
    owner: dict[str, str] = {}
    for act in [*win.actions.values(), *win.claim_actions]:
        for seq in act.shortcuts():
            assert owner.setdefault(seq.toString(), act.objectName()) == act.objectName(), seq.toString()
    # The claim keys are those of the scheme's seven types: 0-7, no 8 or 9 anywhere.
    assert [k for k, _ in groups["Claim"]] == [str(i) for i in range(8)]
    assert "9" not in win.overlay.text() and "0 – 9" not in win.overlay.text()
    # The arrow keys (no menu entry of their own) are named where J and K are.
    assert any(k == "J" and "↓" in text for k, text in groups["Review"])


# --- the search box -----------------------------------------------------------------------------

def test_enter_in_the_search_opens_the_first_match_and_highlights_it(open_window, sample_db, qtbot):
    win = open_window(sample_db)
    win.view.setFocus()
    key(qtbot, win, Qt.Key_F, Qt.ControlModifier)
    assert focus(win) is win.articles.search
    type_text(qtbot, "chalmers")
    key(qtbot, win, Qt.Key_Return)  # before the debounced search even ran
    qtbot.waitUntil(lambda: win.session.article_id == 3, timeout=5000)
    assert focus(win) is win.view
    hits = win.view.search_hits()
    text = win.session.doc.article.text
    assert hits and {text[a:b].lower() for a, b in hits} == {"chalmers"}
    assert any(sel.format.background().color() == win.theme.search for sel in win.view.extraSelections())
    assert "search match" in win.document.legend.extra
    key(qtbot, win, Qt.Key_J)  # the review keys work at once
    assert win.session.quote_index() == 1


def test_down_goes_to_the_list_and_esc_back_to_the_text(open_window, sample_db, qtbot):
    win = open_window(sample_db)
    key(qtbot, win, Qt.Key_F, Qt.ControlModifier)
    type_text(qtbot, "troops")
    key(qtbot, win, Qt.Key_Down)
    qtbot.waitUntil(lambda: isinstance(focus(win), QTableView), timeout=5000)
    assert win.articles.model.rowCount() == 2 and win.articles.table.currentIndex().row() == 0
    key(qtbot, win, Qt.Key_Down)  # in the list: the next match opens
    assert win.session.article_id == win.articles.model.row(1).id == 3
    key(qtbot, win, Qt.Key_F, Qt.ControlModifier)
    key(qtbot, win, Qt.Key_Escape)  # clears the search and leaves the box
    assert win.articles.search.text() == "" and focus(win) is win.view
    qtbot.waitUntil(lambda: win.articles.model.rowCount() == 4, timeout=5000)
    assert win.view.search_hits() == []
    key(qtbot, win, Qt.Key_F, Qt.ControlModifier)
    key(qtbot, win, Qt.Key_Escape)  # an empty box: Esc still leaves it
    assert focus(win) is win.view


# --- selection after Delete and Undo ----------------------------------------------------------------

def test_selection_stays_near_the_edit_after_delete_and_undo(open_window, sample_db, qtbot):
    win = open_window(sample_db, article=1)
    s = win.session
    win.view.setFocus()
    key(qtbot, win, Qt.Key_J)
    key(qtbot, win, Qt.Key_J)  # the third of six quotes
    third, fourth = s.doc.quotes[2].id, s.doc.quotes[3].id
    key(qtbot, win, Qt.Key_Delete)
    assert s.quote.id == fourth  # the next one took its place
    key(qtbot, win, Qt.Key_Z, Qt.ControlModifier)
    assert s.quote.id == third
    s.select_quote_at(len(s.doc.quotes) - 1)
    last, before_last = s.doc.quotes[-1].id, s.doc.quotes[-2].id
    key(qtbot, win, Qt.Key_Delete)
    assert s.quote.id == before_last  # at the end: the previous one
    key(qtbot, win, Qt.Key_Z, Qt.ControlModifier)
    assert s.quote.id == last
    # An entity late in the text: the next entity, not a quote somewhere else.
    ents = s.doc.entities
    e = ents[-3]
    s.select("entity", e.id)
    key(qtbot, win, Qt.Key_Delete)
    assert s.entity is not None and s.entity.id == ents[-2].id
    key(qtbot, win, Qt.Key_Z, Qt.ControlModifier)
    assert s.entity is not None and s.entity.id == e.id
    # Undoing a confirm goes back to the quote it confirmed (Enter had moved on).
    s.select_quote_at(0)
    key(qtbot, win, Qt.Key_Return)
    key(qtbot, win, Qt.Key_J)
    key(qtbot, win, Qt.Key_Z, Qt.ControlModifier)
    assert s.quote_index() == 0 and not s.quote.reviewed


def test_a_drag_that_starts_inside_the_selection_makes_a_new_one(open_window, sample_db, qtbot):
    win = open_window(sample_db, article=1)
    view = win.view
    text = view.toPlainText()
    a = text.index("urgent meeting")
    select_text(view, a, a + len("urgent meeting with European leaders"))
    inside = view.span_rects(a + 2, a + 3)[0].center()
    further = view.span_rects(a + 20, a + 21)[0].center()

    def send(kind, pos, buttons):
        ev = QMouseEvent(kind, QPointF(pos), view.viewport().mapToGlobal(QPointF(pos)), Qt.LeftButton, buttons,
                         Qt.NoModifier)
        QApplication.sendEvent(view.viewport(), ev)

    send(QEvent.MouseButtonPress, inside, Qt.LeftButton)
    send(QEvent.MouseMove, further, Qt.LeftButton)
    send(QEvent.MouseButtonRelease, further, Qt.NoButton)
    sel = view.selection_span()
    assert sel is not None and sel[0] == a + 2 and a + 19 <= sel[1] <= a + 21


# --- quotes and speakers --------------------------------------------------------------------------

def test_unknown_speaker_is_shown_as_such(open_window, sample_db, qtbot):
    win = open_window(sample_db, article=1)
    s = win.session
    win.view.setFocus()
    key(qtbot, win, Qt.Key_S)
    type_text(qtbot, "unknown")
    key(qtbot, win, Qt.Key_Return)
    q = s.quote
    assert q.speaker_id is None and q.reviewed
    model = win.inspector.model
    assert "unknown speaker" in model.data(model.index(0), Qt.AccessibleTextRole)
    chooser = win.findChild(QLineEdit, "speakerChooser")
    assert chooser.placeholderText().startswith("Unknown speaker")
    # A suggestion the model could not attribute says so instead (written as pre-annotation would).
    with Project.open(sample_db) as other:
        other.conn.execute("UPDATE quotes SET speaker_id = NULL, speaker_start = NULL, speaker_end = NULL "
                           "WHERE id = ?", (s.doc.quotes[1].id,))
    s.refresh()
    assert "no speaker suggested" in model.data(model.index(1), Qt.AccessibleTextRole)


def test_the_stance_target_starts_over_in_the_next_article(open_window, sample_db, qtbot):
    win = open_window(sample_db, article=1)
    stance = win.inspector.quote_form.stance
    win.view.setFocus()
    key(qtbot, win, Qt.Key_T)
    key(qtbot, win, Qt.Key_T)
    assert stance.current_target() == win.session.project.scheme.stance_targets[2]
    key(qtbot, win, Qt.Key_Down, Qt.AltModifier)
    assert win.session.article_id == 2
    assert stance.current_target() == win.session.project.scheme.stance_targets[0]


def test_next_unreviewed_item_walks_quotes_and_entities_in_text_order(open_window, sample_db, qtbot):
    win = open_window(sample_db, article=1)
    s = win.session
    win.view.setFocus()
    s.select_quote_at(0)
    first = s.quote
    key(qtbot, win, Qt.Key_U)
    item = s.entity or s.quote
    assert item.start >= first.start and (item.start, item.id) != (first.start, first.id)
    # Through every unreviewed item once, entities confirmed with Enter (which goes on the same way).
    seen = set()
    for _ in range(200):
        if s.entity is not None:
            e = s.entity
            key(qtbot, win, Qt.Key_Return)
            assert s.project.get_entity(e.id).reviewed
        else:
            seen.add(s.quote.id)
            key(qtbot, win, Qt.Key_U)
        if all(x.reviewed for x in s.doc.entities):
            break
    assert all(x.reviewed for x in s.doc.entities) and seen
    key(qtbot, win, Qt.Key_U, Qt.ShiftModifier)
    assert s.quote is not None and not s.quote.reviewed


# --- articles: reopen, flag, comment, order ---------------------------------------------------------

def test_reopen_a_done_article(open_window, sample_db, qtbot, answer_done):
    win = open_window(sample_db)
    answer_done("doneConfirm")  # the sample's suggestions: confirmed as suggested
    s = win.session
    win.view.setFocus()
    key(qtbot, win, Qt.Key_Return, Qt.ControlModifier)
    assert s.article_id == 2 and s.project.get_article(1).status == "done"
    assert not win.actions["reopen"].isEnabled()
    key(qtbot, win, Qt.Key_Up, Qt.AltModifier)
    assert s.article_id == 1 and win.actions["reopen"].isEnabled()
    key(qtbot, win, Qt.Key_R, Qt.ControlModifier)
    assert s.project.get_article(1).status == "in_progress"
    assert "Reopened" in win.statusBar().currentMessage()
    key(qtbot, win, Qt.Key_Return, Qt.ControlModifier)  # done again, on to the next not done
    assert s.project.get_article(1).status == "done" and s.article_id == 2
    key(qtbot, win, Qt.Key_R, Qt.ControlModifier)  # article 2 is not done: nothing to reopen
    assert s.project.get_article(2).status == "new"


def test_flag_and_comment_an_article_then_undo(open_window, sample_db, qtbot):
    win = open_window(sample_db)
    s = win.session
    notes = win.document.notes
    win.view.setFocus()
    assert not notes.isVisible()
    key(qtbot, win, Qt.Key_F, Qt.ControlModifier | Qt.ShiftModifier)
    assert s.project.get_article(1).flagged and notes.isVisible() and notes.flag.isChecked()
    key(qtbot, win, Qt.Key_M, Qt.ControlModifier | Qt.ShiftModifier)
    assert focus(win) is notes.comment
    type_text(qtbot, "Is quote 2 Starmer's or Scholz's?")
    key(qtbot, win, Qt.Key_Return)
    assert s.project.get_article(1).comment == "Is quote 2 Starmer's or Scholz's?"
    assert focus(win) is win.view
    qtbot.waitUntil(lambda: win.articles.model.row(0).flagged, timeout=5000)
    assert win.articles.model.data(win.articles.model.index(0, 7)) == "⚑"
    # Esc drops a half-typed change.
    key(qtbot, win, Qt.Key_M, Qt.ControlModifier | Qt.ShiftModifier)
    type_text(qtbot, " never mind")
    key(qtbot, win, Qt.Key_Escape)
    assert s.project.get_article(1).comment == "Is quote 2 Starmer's or Scholz's?" and focus(win) is win.view
    key(qtbot, win, Qt.Key_Z, Qt.ControlModifier)
    assert s.project.get_article(1).comment == ""
    key(qtbot, win, Qt.Key_Z, Qt.ControlModifier)
    assert not s.project.get_article(1).flagged and not notes.isVisible()
    # The Flagged filter, chosen from the keyboard.
    key(qtbot, win, Qt.Key_F, Qt.ControlModifier | Qt.ShiftModifier)
    box = win.articles.status
    box.setFocus()
    for _ in range(box.count()):
        if box.currentText() == "Flagged":
            break
        key(qtbot, win, Qt.Key_Down)
    qtbot.waitUntil(lambda: win.articles.model.rowCount() == 1 and not win.articles.model.loading, timeout=5000)


def test_least_sure_first_from_the_list_and_ctrl_enter_follows_it(open_window, sample_db, qtbot, answer_done):
    answer_done("doneConfirm")
    with Project.open(sample_db) as p:  # article 3's suggestions are the least sure
        p.conn.execute("UPDATE quotes SET confidence = 0.3 WHERE article_id = 3")
        p.conn.execute("UPDATE quotes SET confidence = 0.5 WHERE article_id = 4")
    win = open_window(sample_db)
    order = win.articles.order
    order.setFocus()
    key(qtbot, win, Qt.Key_Down)  # "Least sure first"
    assert order.currentText() == "Least sure first" and win.actions["order_uncertainty"].isChecked()
    qtbot.waitUntil(lambda: not win.articles.model.loading and win.articles.model.row(0) is not None
                    and win.articles.model.row(0).id == 3, timeout=5000)
    assert [win.articles.model.row(i).id for i in range(4)][:2] == [3, 4]
    win.view.setFocus()
    key(qtbot, win, Qt.Key_Return, Qt.ControlModifier)  # article 1 done: the least sure one next
    assert win.session.article_id == 3
    key(qtbot, win, Qt.Key_Return, Qt.ControlModifier)
    assert win.session.article_id == 4


def test_time_spent_shows_in_the_list(open_window, sample_db, qtbot, monkeypatch):
    from datetime import datetime, timedelta, timezone

    clock = iter(datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc) + timedelta(minutes=m) for m in (0, 2, 5))
    monkeypatch.setattr(ops, "_now", lambda: next(clock).isoformat(timespec="milliseconds"))
    win = open_window(sample_db)
    win.view.setFocus()
    for _ in range(3):
        key(qtbot, win, Qt.Key_Return)
    qtbot.waitUntil(lambda: win.articles.model.data(win.articles.model.index(0, 8)) == "5m", timeout=5000)


# --- toggles ------------------------------------------------------------------------------------

def test_show_all_speaker_links_guidelines_and_theme(open_window, sample_db, qtbot):
    from annotator.gui import theme as theme_mod

    win = open_window(sample_db)
    win.view.setFocus()
    narrow = win.view.gutter_width()
    key(qtbot, win, Qt.Key_L)
    assert win.view.show_all_links and win.view.gutter_width() > narrow and win.actions["show_links"].isChecked()
    win.view.viewport().grab()  # paints every hook without error
    key(qtbot, win, Qt.Key_L)
    assert not win.view.show_all_links and win.view.gutter_width() == narrow

    key(qtbot, win, Qt.Key_F2)
    assert win.left.currentWidget() is win.guidelines and focus(win) is win.view
    assert win.guidelines.isVisible()
    labels = [r for r, hay in win.guidelines.rows if hay.startswith("person ")]
    assert labels and "title alone" in labels[0].findChildren(type(win.articles.count))[-1].text()
    key(qtbot, win, Qt.Key_J)  # review keys still go to the text
    assert win.session.quote_index() == 1
    key(qtbot, win, Qt.Key_F2)
    assert win.left.currentWidget() is win.articles

    try:
        win.actions["theme_dark"].trigger()
        assert win.theme.dark and QApplication.instance().palette().window().color().lightness() < 128
        assert win.settings.theme == "dark"
        win.actions["theme_light"].trigger()
        assert not win.theme.dark
    finally:
        theme_mod.set_preference("system")
        theme_mod.apply_theme(QApplication.instance())


def test_every_label_has_its_own_look_and_the_legend_names_them_all(open_window, sample_db, qtbot):
    from annotator.gui.theme import Theme
    from annotator.scheme import Scheme

    labels = Scheme.default().entity_labels
    t = Theme(labels, dark=False)
    looks = {(t.label_color(x).name(), t.label_pattern(x)) for x in labels}
    assert len(looks) == len(labels)
    assert t.label_pattern("LOC") != t.label_pattern("FAC")
    win = open_window(sample_db)
    win.resize(960, 600)  # the smallest window
    legend = win.document.legend
    legend.set_labels(labels)
    QApplication.processEvents()
    chips = legend._chips(legend.width())
    assert [name for _, name, _, _ in chips][:len(labels)] == labels
    assert all(r.right() <= legend.width() and r.bottom() <= legend.height() for r, *_ in chips)


# --- long work, backup, size ----------------------------------------------------------------------

def test_training_runs_in_the_background_and_the_window_stays_usable(open_window, sample_db, qtbot):
    from annotator.gui import window_extras

    win = open_window(sample_db)
    started, release = threading.Event(), threading.Event()

    def fake_training(project, progress):
        started.set()
        for i in range(500):
            progress(i, 500, stage="Training entities and quotes")
            if release.wait(0.01):
                break
        return "trained"

    window_extras.start_training(win, fake_training)
    assert started.wait(5)
    qtbot.waitUntil(lambda: win.findChild(QWidget, "jobStatus") is not None, timeout=3000)
    assert QApplication.activeModalWidget() is None and win.actions["stop_job"].isEnabled()
    win.view.setFocus()
    key(qtbot, win, Qt.Key_Return)  # review goes on meanwhile
    assert win.session.project.get_quote(win.session.doc.quotes[0].id).reviewed
    status = win.findChild(QWidget, "jobStatus")
    qtbot.waitUntil(lambda: "Training entities and quotes" in status.labelText(), timeout=3000)
    with qtbot.waitSignal(win.jobs.cancelled, timeout=10000):
        win.actions["stop_job"].trigger()
    assert not win.jobs.busy and not win.actions["stop_job"].isEnabled()
    assert win.findChild(QWidget, "jobStatus") is None or not win.findChild(QWidget, "jobStatus").isVisible()


def test_backup_from_the_menu(open_window, sample_db, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    dest = tmp_path / "copy.annotator"
    asked = {}

    def save_name(parent, title, suggested, flt):
        asked["suggested"] = suggested
        return str(dest), flt

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    win = open_window(sample_db)
    with qtbot.waitSignal(win.jobs.done, timeout=10000):
        win.actions["backup"].trigger()
    assert "-backup-" in asked["suggested"] and asked["suggested"].endswith(".annotator")
    with Project.open(dest) as p:
        assert p.count_articles() == 4
    assert "backed up" in win.statusBar().currentMessage()


def test_the_window_fits_the_screen_and_works_at_its_smallest(open_window, sample_db, qtbot):
    from annotator.gui import window_extras

    win = open_window(sample_db)
    for screen, size in (((1280, 800), (1264, 752)), ((1600, 1000), (1360, 840)), ((800, 600), (960, 600))):
        window_extras.fit_to_screen(win, restored=False, avail=QRect(0, 0, *screen))
        assert (win.width(), win.height()) == size  # the default, within the screen, never below the minimum
    win.resize(2000, 1500)
    window_extras.fit_to_screen(win, restored=True, avail=QRect(0, 0, 1280, 800))  # a bigger screen's size
    assert (win.width(), win.height()) == (1264, 752)
    win.resize(window_extras.MIN_SIZE)
    QApplication.processEvents()
    assert win.size() == window_extras.MIN_SIZE
    lst = win.inspector.view
    row = lst.sizeHintForRow(0)
    assert lst.viewport().height() >= 3 * row - 2  # three quotes, not one and a half
    for w in (win.articles.table, win.view, win.inspector.quote_form.speaker, win.statusBar()):
        top_left = w.mapTo(win, w.rect().topLeft())
        assert w.isVisible() and win.rect().contains(top_left), w.objectName()
    # The fields scroll to what has the focus.
    win.inspector.quote_form.note.setFocus()
    QApplication.processEvents()
    note = win.inspector.quote_form.note
    assert win.inspector.fields.viewport().rect().contains(
        note.mapTo(win.inspector.fields.viewport(), note.rect().center()))


def test_the_inspector_does_not_jump_between_quotes(open_window, sample_db, qtbot):
    win = open_window(sample_db, article=3)
    form = win.inspector.quote_form
    win.view.setFocus()
    ys = set()
    for _ in range(len(win.session.doc.quotes)):
        QApplication.processEvents()
        ys.add((form.speaker.mapTo(form, form.speaker.rect().topLeft()).y(),
                form.stance.mapTo(form, form.stance.rect().topLeft()).y()))
        key(qtbot, win, Qt.Key_J)
    assert len(ys) == 1, ys


def test_the_theme_choice_is_remembered(open_window, sample_db, settings):
    from annotator.gui import theme as theme_mod

    settings.theme = "dark"
    try:
        win = open_window(sample_db)
        assert win.theme.dark and win.actions["theme_dark"].isChecked()
    finally:
        theme_mod.set_preference("system")
        theme_mod.apply_theme(QApplication.instance())
