"""Empty and error states, search, the overlay, safety of untrusted text, background work, screenshots."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QMessageBox

from annotator.models import ArticleDraft
from annotator.scheme import Scheme
from annotator.store import Project
from gui_helpers import key

ROOT = Path(__file__).resolve().parents[2]


def test_no_project_shows_a_way_forward(open_window):
    win = open_window(None)
    assert win.pages.currentWidget() is win.empty
    assert "No project open" in win.empty.heading.text()
    assert win.empty.open_btn.isVisible() and win.empty.new_btn.isVisible()
    win.commands.step_quote(1)  # keys with no project do nothing harmful
    win.commands.confirm()


def test_a_file_that_is_not_a_project(open_window, tmp_path):
    bad = tmp_path / "notes.annotator"
    bad.write_text("not a database", encoding="utf-8")
    win = open_window(bad)
    assert win.pages.currentWidget() is win.empty
    assert "could not be opened" in win.empty.heading.text()
    msg = win.empty.body.text()
    assert "notes.annotator" in msg and "Traceback" not in msg
    assert win.empty.open_btn.isVisible()


def test_missing_project(open_window, tmp_path):
    win = open_window(tmp_path / "nowhere.annotator")
    assert "could not be opened" in win.empty.heading.text()
    assert "no such project" in win.empty.body.text()


def test_empty_project_offers_import_and_import_runs_in_a_worker(open_window, tmp_path, qtbot):
    path = tmp_path / "empty.annotator"
    Project.create(path, Scheme.load(ROOT / "seeds" / "scheme.json")).close()
    win = open_window(path)
    assert "no articles yet" in win.empty.heading.text()
    assert win.empty.import_btn.isVisible()
    from annotator.gui import jobs

    seed = ROOT / "seeds" / "000_ef8b4a5962583c26.txt"
    with qtbot.waitSignal(win.jobs.done, timeout=20000):
        assert win.jobs.start("Import", str(path), "tester", jobs.import_job([str(seed)]))
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.splitter, timeout=5000)
    qtbot.waitUntil(lambda: win.articles.model.rowCount() == 4, timeout=5000)
    assert "4 article(s) added" in win.statusBar().currentMessage()
    assert win.session.doc is not None and win.session.doc.quotes == []
    # An article with no quotes says what to do.
    assert "no quotes yet" in win.inspector.empty.text()


def test_the_empty_state_shows_its_whole_message(open_window, tmp_path, qtbot):
    """Its wrapped message gets the height its width needs (an aligned layout item cut the last lines)."""
    path = tmp_path / "empty.annotator"
    Project.create(path, Scheme.default()).close()
    win = open_window(path)
    win.resize(1280, 800)
    qtbot.waitUntil(lambda: win.empty.body.isVisible(), timeout=5000)
    body = win.empty.body
    qtbot.waitUntil(lambda: body.height() >= body.heightForWidth(body.width()), timeout=5000)
    assert "CSV" in body.text() and "Label Studio" in body.text()
    assert body.heightForWidth(body.width()) > body.fontMetrics().lineSpacing() * 3  # wrapped onto several lines


def test_import_job_reads_a_large_file_in_worker_processes_and_cancel_keeps_nothing(open_window, tmp_path, qtbot,
                                                                                    monkeypatch):
    """The app's import job (a worker thread) starts the reading processes too; a Cancel stops them."""
    import json
    import multiprocessing

    from annotator.gui import jobs
    from annotator.importers import stream

    monkeypatch.setattr(stream, "WORKER_FROM", 5)
    monkeypatch.setattr(stream, "CHUNK", 3)
    monkeypatch.setattr(stream, "HERE_UNTIL_STARTED", False)
    path = tmp_path / "big.annotator"
    Project.create(path, Scheme.default()).close()
    src = tmp_path / "corpus.jsonl"
    src.write_text("".join(json.dumps({"text": f"Story {i} about the harbour in Oslo."}) + "\n" for i in range(60)),
                   encoding="utf-8")
    win = open_window(path)
    with qtbot.waitSignal(win.jobs.done, timeout=30000):
        assert win.jobs.start("Import", str(path), "tester", jobs.import_job([str(src)]))
    qtbot.waitUntil(lambda: win.articles.model.rowCount() == 60, timeout=5000)

    src2 = tmp_path / "more.jsonl"
    src2.write_text("".join(json.dumps({"text": f"Report {i} on the railway."}) + "\n" for i in range(3000)),
                    encoding="utf-8")
    with qtbot.waitSignal(win.jobs.cancelled, timeout=30000):
        win.jobs.start("Import", str(path), "tester", jobs.import_job([str(src2)]))
        win.jobs.cancel()
    with Project.open(path) as p:
        assert p.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 60
    qtbot.waitUntil(lambda: not [c for c in multiprocessing.active_children() if c.is_alive()], timeout=10000)


def test_a_failing_job_is_one_line(open_window, sample_db, qtbot, tmp_path):
    from annotator.gui import jobs

    win = open_window(sample_db)
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"text": "fine"}\n{not json\n', encoding="utf-8")
    with qtbot.waitSignal(win.jobs.failed, timeout=20000) as sig:
        win.jobs.start("Import", str(sample_db), "tester", jobs.import_job([str(bad)]))
    title, message = sig.args
    assert "\n" not in message and "broken.jsonl" in message
    assert "Import failed" in win.statusBar().currentMessage()
    box = win.findChild(QMessageBox, "errorBox")
    assert box is not None and box.textFormat() == Qt.PlainText and "\n" not in box.text()
    box.close()


def test_cancel_stops_a_job(open_window, sample_db, qtbot):
    import threading

    win = open_window(sample_db)
    started = threading.Event()

    def slow(project, progress):
        started.set()
        for i in range(1000):
            progress(i, 1000)
            threading.Event().wait(0.01)
        return "finished"

    with qtbot.waitSignal(win.jobs.cancelled, timeout=10000):
        win.jobs.start("Slow", str(sample_db), "tester", slow)
        assert started.wait(5)
        win.jobs.cancel()
    assert not win.jobs.busy


def test_search_as_you_type_filters_the_list(open_window, sample_db, qtbot):
    win = open_window(sample_db)
    search = win.articles.search
    search.setFocus()
    qtbot.keyClicks(search, "Chalmers")
    qtbot.waitUntil(lambda: win.articles.model.rowCount() == 1 and not win.articles.model.loading, timeout=5000)
    assert win.articles.model.row(0).id == 3
    assert "1 article found" in win.articles.count.text()
    assert win.session.article_id == 1  # typing letters in the search box triggers no shortcut
    search.clear()
    qtbot.keyClicks(search, "zzzzqqq")
    qtbot.waitUntil(lambda: win.articles.model.rowCount() == 0 and not win.articles.model.loading, timeout=5000)
    assert win.articles.empty.isVisible() and "No article matches" in win.articles.empty.text()
    search.clear()
    qtbot.waitUntil(lambda: win.articles.model.rowCount() == 4, timeout=5000)
    # Clicking a row opens the article.
    win.articles.table.setCurrentIndex(win.articles.model.index(2, 1))
    assert win.session.article_id == 3


def test_status_filter_and_done_cycle(open_window, sample_db, qtbot, answer_done):
    win = open_window(sample_db)
    answer_done("doneConfirm")  # the sample's suggestions are unreviewed: confirm them as suggested
    win.view.setFocus()
    for expected_next in (2, 3, 4):
        key(qtbot, win, Qt.Key_Return, Qt.ControlModifier)
        assert win.session.article_id == expected_next
    key(qtbot, win, Qt.Key_Return, Qt.ControlModifier)
    assert "Every article is done" in win.statusBar().currentMessage()
    qtbot.waitUntil(lambda: "4/4 articles done" in win.project_progress.text(), timeout=5000)
    win.articles.status.setCurrentIndex(1)  # "New"
    qtbot.waitUntil(lambda: win.articles.model.rowCount() == 0 and not win.articles.model.loading, timeout=5000)


def test_untrusted_text_is_shown_literally(open_window, tmp_path):
    path = tmp_path / "html.annotator"
    evil = '<b>bold</b> <img src="x" onerror="alert(1)"> said "<i>hello</i>" & more'
    with Project.create(path) as p:
        p.import_articles([ArticleDraft(title="<h1>Big</h1>", text=evil)])
    win = open_window(path)
    assert win.view.toPlainText() == evil
    title = win.document.title
    assert title.text() == "<h1>Big</h1>" and title.textFormat() == Qt.PlainText
    for lab in win.findChildren(QLabel):
        if "<" in lab.text():
            assert lab.textFormat() == Qt.PlainText, lab.objectName()
    tip = win.articles.model.data(win.articles.model.index(0, 1), Qt.ToolTipRole)
    assert "&lt;h1&gt;" in tip and "<h1>" not in tip


def test_shortcut_overlay(open_window, sample_db, qtbot):
    win = open_window(sample_db)
    win.view.setFocus()
    key(qtbot, win, Qt.Key_Question)  # (a real keyboard sends Shift too; Qt matches both)
    assert win.overlay.isVisible()
    text = win.overlay.text()
    for needle in ("Next Quote", "Stance FAVOR", "Ctrl+Enter", "Shift+T", "Recommendation"):
        assert needle in text
    win.overlay.grab()  # paints without error
    qtbot.keyClick(win.overlay, Qt.Key_Escape)
    assert not win.overlay.isVisible()


def test_menus_show_the_shortcuts(open_window, sample_db):
    win = open_window(sample_db)
    review = {a.text().replace("&", ""): a.shortcut().toString() for a in win.menus["review"].actions()}
    assert review["Next Quote"] == "J" and review["Confirm and Go On"] == "Return"
    claims = [a.shortcut().toString() for a in win.claim_menu.actions()]
    assert claims == [str(i) for i in range(8)]


def test_screenshot_entry_point(sample_db, tmp_path):
    out = tmp_path / "shot.png"
    code = ("import sys; from annotator.gui.app import main; "
            f"sys.exit(main({str(sample_db)!r}, {str(out)!r}, 3, 2))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert res.returncode == 0, res.stderr
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1440, 900)
    assert out.stat().st_size > 50_000


def test_screenshot_of_a_bad_project_fails_with_one_line(tmp_path, qapp):
    from annotator.gui.app import main

    out = tmp_path / "shot.png"
    assert main(str(tmp_path / "missing.annotator"), str(out), None, None) == 1
    assert out.exists()


def test_article_list_pages_and_sorts_off_the_gui_thread(open_window, tmp_path, qtbot):
    path = tmp_path / "many.annotator"
    with Project.create(path) as p:
        p.import_articles([ArticleDraft(title=f"Story {i:04d}", place=("Oslo", "Paris")[i % 2],
                                        text=f"Article number {i} says nothing much.") for i in range(650)])
    win = open_window(path)
    m = win.articles.model
    assert m.rowCount() == 650 and m.row(640) is None  # only the first page is held
    m.data(m.index(640, 1))  # the view asks for a far row: its page loads in the worker
    qtbot.waitUntil(lambda: m.row(640) is not None, timeout=5000)
    assert m.row(640).title == "Story 0640"
    win.articles.table.sortByColumn(1, Qt.DescendingOrder)
    qtbot.waitUntil(lambda: not m.loading and m.row(0) is not None and m.row(0).title == "Story 0649", timeout=5000)
    win.articles.status.setCurrentIndex(3)  # "Done": none yet
    qtbot.waitUntil(lambda: not m.loading and m.rowCount() == 0, timeout=5000)
