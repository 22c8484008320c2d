"""Project ▸ Export and the Model menu: exports through the dialog, training with progress and Cancel,
the results dialog (new scores beside the previous model's), and switching models."""

from __future__ import annotations

import json
import shutil
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMessageBox, QPushButton

from annotator import ops
from annotator.exporters import FORMATS
from annotator.gui import jobs
from annotator.gui.export_dialog import ExportDialog
from annotator.gui.model_dialogs import ModelsDialog, TrainDialog, TrainResultsDialog
from annotator.store import Project


def mark_done(path: Path, ids) -> None:
    with Project.open(path, user="tester") as p:
        for aid in ids:
            ops.set_article_status(p, aid, "done", confirm_suggestions=True)


def accept_export(monkeypatch, target: Path, all_articles: bool = False, dev: float | None = None):
    """The export dialog, as a user fills it: Browse… (the file dialog answers `target`), then Export."""
    seen = {}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(target)))

    def exec_(self):
        seen["dialog"] = self
        self.browse()
        if all_articles:
            self.all_articles.setChecked(True)
        if dev is not None:
            self.dev.setValue(dev)
        return QDialog.Accepted if self.export_btn.isEnabled() else QDialog.Rejected

    monkeypatch.setattr(ExportDialog, "exec", exec_)
    return seen


# --- export -------------------------------------------------------------------------------------

def test_export_menu_lists_every_format(open_window, sample_db):
    win = open_window(sample_db)
    names = [a.text().replace("&", "") for a in win.export_menu.actions() if not a.isSeparator()]
    assert names == ["JSONL (Prodigy-style)…", "doccano JSONL…", "Label Studio JSON…", "spaCy Corpora (Folder)…"]
    assert win.actions["export_jsonl"].shortcut().toString() == "Ctrl+Shift+E"
    model = [a.text().replace("&", "") for a in win.menus["model"].actions() if not a.isSeparator()]
    assert model == ["Train on Reviewed Articles…", "Models…", "Stop Background Task"]
    text = win.overlay.text()
    assert "Export JSONL (Prodigy-style)" in text and "Train on Reviewed Articles" in text


@pytest.mark.parametrize("fmt, name", [("jsonl", "out.jsonl"), ("doccano", "out.doccano.jsonl"),
                                       ("labelstudio", "out.json")])
def test_export_a_file_through_the_menu(open_window, sample_db, qtbot, monkeypatch, tmp_path, settings, fmt, name):
    mark_done(sample_db, [1, 3])
    win = open_window(sample_db)
    out = tmp_path / "exports" / name
    out.parent.mkdir()
    seen = accept_export(monkeypatch, out)
    with qtbot.waitSignal(win.jobs.done, timeout=20000):
        win.actions[f"export_{fmt}"].trigger()
    dlg = seen["dialog"]
    assert dlg.objectName() == "exportDialog" and dlg.done_only.isChecked()  # done only by default
    assert "(2)" in dlg.done_only.text() and "(4)" in dlg.all_articles.text()
    assert out.exists() and not Path(str(out) + ".part").exists()
    if fmt == "labelstudio":
        assert len(json.loads(out.read_text(encoding="utf-8"))) == 2
        assert Path(str(out) + ".config.xml").exists()
    else:
        assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    msg = win.statusBar().currentMessage()
    assert "2 article(s) written" in msg and str(out) in msg and "\n" not in msg
    assert settings.export_folder == str(out.parent)  # remembered for the next export


def test_export_all_articles_and_the_remembered_folder(open_window, sample_db, qtbot, monkeypatch, tmp_path, settings):
    settings.export_folder = str(tmp_path)
    win = open_window(sample_db)
    out = tmp_path / "all.jsonl"
    seen = {}

    def exec_(self):
        seen["start"] = self.path  # prefilled: the remembered folder and the project's name
        self.path_edit.setText(str(out))
        self.all_articles.setChecked(True)
        return QDialog.Accepted

    monkeypatch.setattr(ExportDialog, "exec", exec_)
    with qtbot.waitSignal(win.jobs.done, timeout=20000):
        win.export_as("jsonl")
    assert seen["start"] == str(tmp_path / "sample.jsonl")
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4


def test_export_needs_done_articles_unless_all(qtbot, tmp_path):
    dlg = ExportDialog(FORMATS["doccano"], tmp_path / "x.jsonl", 0, 4)
    qtbot.addWidget(dlg)
    assert not dlg.export_btn.isEnabled() and "No article is marked done" in dlg.hint.text()
    dlg.all_articles.setChecked(True)
    assert dlg.export_btn.isEnabled() and dlg.include_all


def test_export_spacy_corpora_shows_the_manifest(open_window, sample_db, qtbot, monkeypatch, tmp_path):
    mark_done(sample_db, [1, 2, 3])
    win = open_window(sample_db)
    out = tmp_path / "corpus"
    accept_export(monkeypatch, out, dev=0.34)
    with qtbot.waitSignal(win.jobs.done, timeout=30000):
        win.actions["export_spacy"].trigger()
    for name in ("train.spacy", "dev.spacy", "config.cfg", "manifest.json"):
        assert (out / name).exists(), name
    # The quotes were confirmed as suggested, with no stance or claim: nothing for the classifiers.
    assert not (out / "stance").exists() and not (out / "claims").exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["articles"] == {"train": 2, "dev": 1}
    box = win.findChild(QMessageBox, "exportSummary")
    assert box is not None
    info = box.informativeText()
    assert "2 train and 1 dev article(s)" in info and "speaker links" in info and "claim examples" in info
    assert "claims: not written: no claim labelled" in info and "entities nobody reviewed are missing" in info
    assert f"{sys.executable} -m spacy train config.cfg" in info and str(out) in info
    assert "2 train / 1 dev article(s)" in win.statusBar().currentMessage()
    box.close()


def test_a_failed_export_is_one_line(open_window, sample_db, qtbot, monkeypatch, tmp_path):
    mark_done(sample_db, [1])
    win = open_window(sample_db)
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    accept_export(monkeypatch, blocker / "out.jsonl")  # a "folder" that is a file
    with qtbot.waitSignal(win.jobs.failed, timeout=20000) as sig:
        win.actions["export_jsonl"].trigger()
    _, message = sig.args
    assert "\n" not in message and "Traceback" not in message and "a-file" in message
    assert win.statusBar().currentMessage().startswith("⚠ Export failed:")
    box = win.findChild(QMessageBox, "errorBox")
    assert box is not None
    box.close()


# --- the worker: the last stage is not cut short ---------------------------------------------------

def test_cancel_is_too_late_once_a_job_commits(open_window, sample_db, qtbot):
    win = open_window(sample_db)
    entered, go = threading.Event(), threading.Event()

    def job(project, progress):
        progress(1, 2, stage="Working")
        progress(0, 0, stage="Registering", final=True)
        entered.set()
        go.wait(5)
        progress(0, 0, stage="Still registering")  # does not raise: Cancel no longer applies
        return "registered"

    with qtbot.waitSignal(win.jobs.done, timeout=10000) as sig:
        win.jobs.start("Commit", str(sample_db), "tester", job)
        assert entered.wait(5)
        win.jobs.cancel()
        go.set()
    assert sig.args == ["Commit", "registered"]


def test_closing_the_window_stops_a_job_without_waiting_out_the_timeout(open_window, sample_db, qtbot):
    import time

    win = open_window(sample_db)
    started, finished = threading.Event(), threading.Event()

    def slow(project, progress):
        started.set()
        try:
            for i in range(1000):
                progress(i, 1000)
                time.sleep(0.01)
        finally:
            finished.set()

    win.jobs.start("Slow", str(sample_db), "tester", slow)
    assert started.wait(5)
    t = time.monotonic()
    win.close()  # cancels, then waits for the worker with the GUI thread blocked
    assert finished.is_set() and time.monotonic() - t < 3


# --- training ---------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def reviewed_template(sample_template, tmp_path_factory) -> Path:
    """The sample project fully reviewed: entities confirmed, the gold quotes (speakers, stances,
    claims) in place of the suggestions, every article done."""
    import gui_sample
    from annotator.nlp.gold import apply_gold

    path = tmp_path_factory.mktemp("reviewed") / "reviewed.annotator"
    shutil.copy(sample_template, path)
    with Project.open(path, user="tester") as p:
        for aid in p.article_ids():
            ann = p.load_article(aid)
            for q in ann.quotes:
                ops.delete_quote(p, q.id)
            for e in ann.entities:
                ops.confirm_entity(p, e.id)
        apply_gold(p, gui_sample.gold())
    return path


@pytest.fixture
def reviewed_db(reviewed_template, tmp_path) -> Path:
    dest = tmp_path / "reviewed.annotator"
    shutil.copy(reviewed_template, dest)
    return dest


def accept_training(monkeypatch, max_steps: int | None = 2, dev: float = 0.5):
    """The train dialog as a user fills it; half of the four articles held out (two, the fewest a new
    model may be scored on)."""
    seen = {}

    def exec_(self):
        seen["dialog"] = self
        if max_steps:
            self.steps.setValue(max_steps)
        self.dev.setValue(dev)
        return QDialog.Accepted

    monkeypatch.setattr(TrainDialog, "exec", exec_)
    return seen


def test_train_through_the_menu_shows_old_and_new_scores(open_window, reviewed_db, qtbot, monkeypatch):
    from annotator.nlp.training import current_model, list_models

    win = open_window(reviewed_db)
    assert current_model(win.session.project) is None
    seen = accept_training(monkeypatch, 2)
    stages = []
    with qtbot.waitSignal(win.jobs.done, timeout=120000):
        win.actions["train"].trigger()
        win.jobs._job.progress.connect(lambda d, t, stage: stages.append(stage))
    dlg = seen["dialog"]
    assert dlg.objectName() == "trainDialog" and dlg.max_steps == 2 and dlg.dev_fraction == 0.5
    assert any("entities and quotes" in s for s in stages) and any("Scoring the new model" in s for s in stages)
    res = win.train_results
    assert isinstance(res, TrainResultsDialog) and res.objectName() == "trainResults" and res.isVisible()
    values = res.values()
    for key in ("quotes_f", "speakers_acc", "entities_f"):  # both whole pipelines, the same held-out articles
        assert "—" not in values[key], key
    assert values["stance_cats_score"][0] == "—" and values["stance_cats_score"][1] != "—"
    assert res.table.horizontalHeaderItem(1).text() == "Stock model"
    result = res.outcome.result
    model = current_model(win.session.project)
    # Two steps rarely beat the stock model: in use only when no score fell, and the dialog says which.
    assert (model == str(result.model_path.resolve())) == result.used
    assert (res.use_btn is None) == result.used
    assert [m["path"] for m in list_models(win.session.project)] == [str(result.model_path.resolve())]
    assert res.path_label.text() == str(result.model_path)
    res.close()


def test_cancel_during_training_registers_nothing(open_window, reviewed_db, qtbot, monkeypatch):
    from annotator.nlp.training import current_model, list_models

    win = open_window(reviewed_db)
    accept_training(monkeypatch, None)  # the configs' 2,000 steps: long enough to cancel in the loop
    training = threading.Event()
    with qtbot.waitSignal(win.jobs.cancelled, timeout=120000):
        win.train()
        win.jobs._job.progress.connect(lambda d, t, stage: d > 0 and "entities" in stage and training.set())
        qtbot.waitUntil(training.is_set, timeout=60000)
        win.jobs._dialog.findChild(QPushButton).click()  # the progress dialog's Cancel
    assert not win.jobs.busy
    assert list_models(win.session.project) == [] and current_model(win.session.project) is None
    folder = jobs.models_folder(reviewed_db)
    assert not folder.exists() or not any(folder.iterdir())  # the half-trained run is gone
    assert "Training: cancelled" in win.statusBar().currentMessage()


def test_train_dialog_without_done_articles(qtbot):
    dlg = TrainDialog(0, 4, None)
    qtbot.addWidget(dlg)
    assert not dlg.train_btn.isEnabled() and "No article is marked done" in dlg.hint.text()
    assert dlg.max_steps is None and dlg.steps.text().strip() == ""  # empty: the configs decide
    assert dlg.dev_fraction == 0.2 and dlg.seed_value == 0


def test_train_dialog_asks_for_enough_held_out_articles(qtbot):
    dlg = TrainDialog(4, 4, None)
    qtbot.addWidget(dlg)
    assert not dlg.train_btn.isEnabled() and "holds out 1 of the 4 done" in dlg.hint.text()
    dlg.dev.setValue(0.5)
    assert dlg.train_btn.isEnabled() and not dlg.hint.isVisibleTo(dlg)


def fake_result(tmp_path, after: dict, before: dict, used: bool, worse=()):
    from annotator.nlp.training import TrainResult

    model = tmp_path / "run" / "model"
    model.mkdir(parents=True)
    return TrainResult(model_path=model, before=before, after=after, used=used, worse=list(worse),
                       manifest={"articles": {"train": 3, "dev": 2}, "split": {"dev_fraction": 0.5, "seed": 0},
                                 "base_model": "en_core_web_sm"},
                       notes=["claims: skipped: no claim labelled in the reviewed quotes"])


def test_a_lower_new_model_is_shown_beside_the_one_in_use_and_asked_about(open_window, sample_db, qtbot, monkeypatch,
                                                                          tmp_path):
    """Both columns are measured on the same held-out articles; the new model fell on speakers, so it
    is not in use, and the dialog asks; "Use the New Model" puts it in use."""
    import annotator.nlp.training as training
    from annotator.nlp.training import current_model, register_model

    old = tmp_path / "old" / "model"
    old.mkdir(parents=True)
    with Project.open(sample_db, user="tester") as p:
        register_model(p, old, {"trained_at": "20250101-120000", "base_model": "en_core_web_sm",
                                "scores_after": {"quotes_f": 0.5}})
    before = {"articles": 2, "quotes_f": 0.9, "speakers_acc": 0.8, "entities_f": 0.7}
    after = {"articles": 2, "quotes_f": 0.925, "speakers_acc": 0.7, "entities_f": 0.7, "stance_cats_score": 0.6}
    result = fake_result(tmp_path, after, before, used=False, worse=["speakers_acc"])

    def fake_train(project, out_dir=None, progress=None, **kw):
        progress("entities and quotes", 1, 2)
        progress("package", 0, 1)
        register_model(project, result.model_path, {"scores_after": after}, use=False)
        result.previous = current_model(project)
        return result

    monkeypatch.setattr(training, "train", fake_train)
    win = open_window(sample_db)
    with qtbot.waitSignal(win.jobs.done, timeout=20000) as sig:
        win.jobs.start("Training", str(sample_db), "tester", jobs.train_job(2))
    outcome = sig.args[1]
    assert outcome.previous == before  # measured now, not the old model's scores from its own split
    res = win.train_results
    assert res.findChild(QLabel, "trainIntro").text().endswith("Use the new model anyway?")
    values = res.values()
    assert values["quotes_f"] == ("0.900", "0.925") and values["speakers_acc"] == ("0.800", "0.700")
    assert values["stance_cats_score"] == ("—", "0.600") and "articles" not in values
    row = next(r for r in range(res.table.rowCount()) if res.table.item(r, 0).data(Qt.UserRole) == "speakers_acc")
    assert res.table.item(row, 3).text() == "▼ −0.100"
    assert res.table.horizontalHeaderItem(1).text() == "Model in use"
    assert "claims: skipped" in res.findChild(QLabel, "trainNotes").text()
    assert "not in use" in win.statusBar().currentMessage()
    assert current_model(win.session.project) == str(old.resolve())
    res.use_btn.click()
    assert current_model(win.session.project) == str(result.model_path.resolve())
    assert not res.isVisible()


# --- the project's models ------------------------------------------------------------------------------

def test_models_dialog_switches_the_model(open_window, sample_db, monkeypatch, tmp_path):
    from annotator.nlp.training import current_model, register_model

    paths = []
    with Project.open(sample_db, user="tester") as p:
        for i, stamp in enumerate(("20250101-120000", "20250202-120000"), start=1):
            m = tmp_path / f"m{i}" / "model"
            m.mkdir(parents=True)
            register_model(p, m, {"trained_at": stamp, "base_model": "en_core_web_sm",
                                  "scores_after": {"quotes_f": 0.5 + i / 10, "stance_cats_score": 0.6}})
            paths.append(str(m.resolve()))
    win = open_window(sample_db)
    seen = {}
    monkeypatch.setattr(ModelsDialog, "exec", lambda self: seen.setdefault("dialog", self) and 0)
    win.actions["models"].trigger()
    dlg = seen["dialog"]
    project = win.session.project
    assert dlg.objectName() == "modelsDialog" and dlg.table.rowCount() == 2
    assert dlg.table.item(1, 8).text() == "✓ in use" and dlg.table.item(0, 3).text() == "0.600"
    assert "model 2" in dlg.using.text()
    dlg.table.selectRow(0)
    assert dlg.use_btn.isEnabled() and paths[0] in dlg.path_label.text()
    dlg.use_btn.click()
    assert current_model(project) == paths[0] and dlg.table.item(0, 8).text() == "✓ in use"
    dlg.stock_btn.click()
    assert current_model(project) is None and "stock English model" in dlg.using.text()
    assert not dlg.stock_btn.isEnabled()
    shutil.rmtree(Path(paths[1]).parent)  # a model folder deleted by hand: not usable, and said so
    dlg.reload()
    dlg.table.selectRow(1)
    assert not dlg.use_btn.isEnabled() and dlg.table.item(1, 8).text() == "folder missing"
    dlg.close()
