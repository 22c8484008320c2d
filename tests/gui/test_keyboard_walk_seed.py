"""A whole day on the four seed articles, keyboard only, from the first start (the name prompt) to
the last Ctrl+Enter: every quote's speaker checked (and fixed where the suggestion is wrong, or set
to "Unknown speaker" where nobody said it), its stances, claim type and check-worthy flag set as
the gold file has them. Every key pressed (typing into the speaker chooser aside) must be one the
`?` overlay lists, and must do what it says there."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QPushButton

from annotator.store import Project
from gui_helpers import type_text
from gui_sample import gold

STANCE_KEYS = {"FAVOR": Qt.Key_F, "AGAINST": Qt.Key_A, "NONE": Qt.Key_N}


def _last(name: str) -> str:
    return name.split()[-1].lower()


class Keyboard:
    """Presses keys where the focus is, as a person would, and remembers them as the overlay writes them."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.used: set[str] = set()

    def press(self, k, mods=Qt.NoModifier):
        target = QApplication.focusWidget()
        assert target is not None, "the focus went nowhere: only the mouse could get it back"
        seq = QKeySequence(mods.value | k if hasattr(mods, "value") else int(mods) | k)
        self.used.add(seq.toString(QKeySequence.NativeText).replace("Return", "Enter"))
        self.qtbot.keyClick(target, k, mods)
        QApplication.processEvents()


def _answer_name_prompt(name: str):
    """The first start asks for the annotator's name: type it, Enter."""
    dlg = QApplication.activeModalWidget()
    assert isinstance(dlg, QInputDialog), dlg
    field = dlg.focusWidget()
    QTest.keyClick(field, Qt.Key_A, Qt.ControlModifier)
    QTest.keyClicks(field, name)
    QTest.keyClick(field, Qt.Key_Return)


def test_keyboard_walk_through_the_four_seed_articles(sample_db, tmp_path, qtbot, monkeypatch):
    from annotator.gui.app import create_window, settle
    from annotator.gui.done_dialog import DoneDialog
    from annotator.gui.settings import AppSettings

    # Every quote gets reviewed, the entities do not: Ctrl+Enter asks, and Enter answers "Mark Done
    # Anyway" (the entities stay suggestions, never labels).
    asked = []

    def exec_with_enter(self):
        # Enter clicks the dialog's default button (test_done_dialog presses the key itself); here the
        # Ctrl of the simulated Ctrl+Enter is still held while the dialog runs, so click it directly.
        asked.append(self.confirm_btn.text())
        QTimer.singleShot(0, lambda: next(b for b in self.findChildren(QPushButton) if b.isDefault()).click())
        QTimer.singleShot(5000, self.reject)  # never hang the suite: a wrong default fails the asserts
        return QDialog.exec(self)

    monkeypatch.setattr(DoneDialog, "exec", exec_with_enter)

    settings = AppSettings(QSettings(str(tmp_path / "first-start.ini"), QSettings.IniFormat))
    assert settings.user is None
    QTimer.singleShot(50, lambda: _answer_name_prompt("Ann"))
    win = create_window(str(sample_db), settings, ask_name=True)
    qtbot.addWidget(win)
    win.restore_geometry()
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    settle(win)
    assert settings.user == "Ann" and win.session.project.user == "Ann"

    g = gold()
    s = win.session
    kb = Keyboard(qtbot)
    targets = s.project.scheme.stance_targets
    claims = s.project.scheme.claim_types
    assert QApplication.focusWidget() is win.view  # the text has the focus from the start
    articles_seen = []
    while True:
        doc = s.doc
        articles_seen.append(doc.article.id)
        start = g["text"].index(doc.article.text)
        assert s.quote_index() == 0  # the first suggestion is selected, ready for Enter
        for i in range(len(doc.quotes)):
            q = s.quote
            want = next(x for x in g["quotes"] if x["start"] - start == q.start)
            have = s.person_name(q.speaker_id)
            if want["speaker"] is None:
                kb.press(Qt.Key_S)  # nobody said it: "Unknown speaker"
                type_text(qtbot, "unknown")
                kb.press(Qt.Key_Return)
            elif have is None or _last(have) != _last(want["speaker"]):
                kb.press(Qt.Key_S)
                type_text(qtbot, _last(want["speaker"])[:5])
                kb.press(Qt.Key_Return)
            assert QApplication.focusWidget() is win.view
            stance = win.inspector.quote_form.stance
            for st in want["stances"]:
                for _ in range(len(targets)):
                    if stance.current_target() == st["target"]:
                        break
                    kb.press(Qt.Key_T)
                kb.press(STANCE_KEYS[st["label"]])
            if want["claim"]:
                kb.press(Qt.Key_0 + claims.index(want["claim"]) + 1)
            if want["checkworthy"]:
                kb.press(Qt.Key_C)
            kb.press(Qt.Key_Return)  # confirm (if still a suggestion) and go on
            if i + 1 < len(doc.quotes):
                assert s.quote_index() == i + 1
        assert all(x.reviewed for x in s.doc.quotes)
        before = s.article_id
        kb.press(Qt.Key_Return, Qt.ControlModifier)  # done, open the next
        assert s.project.get_article(before).status == "done"
        if s.article_id == before:
            break
        assert QApplication.focusWidget() is win.view
    assert sorted(articles_seen) == [1, 2, 3, 4]
    assert asked == ["Mark Done Anyway"] * 4
    assert "Every article is done" in win.statusBar().currentMessage()

    # Only keys the overlay lists, each of which the overlay says does what was just checked.
    listed = {k for group in win.overlay.groups.values() for keys, _ in group for k in keys.split(" / ")}
    assert kb.used <= listed, kb.used - listed
    assert {"S", "Enter", "Ctrl+Enter", "T", "F", "A", "N", "C", "1", "4"} <= kb.used

    # Unknown speakers read as such in the quote list.
    last = s.doc
    unknown = [q for q in last.quotes if q.speaker_id is None]
    assert unknown and all(q.reviewed for q in unknown)
    row = win.inspector.model.row_of(unknown[0].id)
    assert "unknown speaker" in win.inspector.model.data(win.inspector.model.index(row), Qt.AccessibleTextRole)
    win.close()

    with Project.open(sample_db) as p:
        assert {p.get_article(i).status for i in (1, 2, 3, 4)} == {"done"}
        text = g["text"]
        for aid in (1, 2, 3, 4):
            ann = p.load_article(aid)
            start = text.index(ann.article.text)
            for q in ann.quotes:
                want = next(x for x in g["quotes"] if x["start"] - start == q.start)
                who = ann.persons[q.speaker_id].name if q.speaker_id else None
                assert (who and _last(who)) == (want["speaker"] and _last(want["speaker"])), want["text"]
                assert [(x.target, x.label) for x in q.stances] == [(x["target"], x["label"]) for x in want["stances"]]
                assert (q.claim, bool(q.checkworthy), q.reviewed) == (want["claim"], want["checkworthy"], True)
        assert {r["user"] for r in p.audit_log(limit=1000)} == {"Ann"}
