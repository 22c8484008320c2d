"""Every label and tooltip that can show project or model text shows it as plain text: markup in a
title, a name, a label or a model's metadata (say an <img> of a local file) is never rendered."""

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QProgressDialog, QWidget

from annotator import ops
from annotator.gui import jobs
from annotator.gui.model_dialogs import ModelsDialog
from annotator.models import ArticleDraft
from annotator.nlp.training import register_model
from annotator.store import Project

IMG = "<img src='file:///etc/hostname'>"


def _rich(text: str) -> bool:
    return bool(text) and IMG.split("=")[0] in text  # "<img src" unescaped


def _check_widgets(root: QWidget) -> int:
    """Every QLabel showing the markup is plain text; no tooltip or item tooltip carries it raw."""
    seen = 0
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QLabel) and _rich(w.text()):
            seen += 1
            assert w.textFormat() == Qt.PlainText, (w.objectName(), w.text())
        assert not _rich(w.toolTip()), (type(w).__name__, w.objectName(), w.toolTip())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            try:
                cols = m.columnCount(QModelIndex())
            except TypeError:  # a list model (columnCount is private there): one column
                cols = 1
            for r in range(min(m.rowCount(QModelIndex()), 50)):
                for c in range(cols):
                    tip = m.data(m.index(r, c, QModelIndex()), Qt.ToolTipRole)
                    assert not _rich(str(tip or "")), (w.objectName(), r, c, tip)
                    seen += IMG in str(m.data(m.index(r, c), Qt.DisplayRole) or "")
    return seen


def test_models_dialog_shows_model_metadata_as_plain_text(open_window, sample_db, monkeypatch, tmp_path):
    with Project.open(sample_db, user="tester") as p:
        m = tmp_path / "m" / "model"
        m.mkdir(parents=True)
        register_model(p, m, {"trained_at": IMG, "base_model": IMG, "scores_after": {"ents_f": 0.5}})
    win = open_window(sample_db)
    seen = {}
    monkeypatch.setattr(ModelsDialog, "exec", lambda self: seen.setdefault("dialog", self) and 0)
    win.actions["models"].trigger()
    dlg = seen["dialog"]
    assert dlg.table.item(0, 1).toolTip().startswith("<qt>&lt;img")  # the "Trained" tooltip, escaped
    assert _check_widgets(dlg) >= 1
    dlg.close()


def test_a_jobs_progress_label_is_plain_text(open_window, sample_db, qtbot):
    import threading

    win = open_window(sample_db)
    shown = threading.Event()
    go = threading.Event()

    def job(project, progress):
        progress(0, 0, stage=f"Model: {IMG} (the project's model setting)")
        shown.set()
        go.wait(10)
        return None

    with qtbot.waitSignal(win.jobs.done, timeout=20000):
        win.jobs.start("Pre-annotation", str(sample_db), "tester", job)
        assert shown.wait(10)
        dlg = win.findChild(QProgressDialog, "progressDialog")
        qtbot.waitUntil(lambda: any(IMG in lab.text() for lab in dlg.findChildren(QLabel)), timeout=5000)
        _check_widgets(dlg)
        go.set()


def test_the_window_shows_hostile_project_text_as_plain_text(open_window, tmp_path, qtbot):
    path = tmp_path / "evil.annotator"
    text = f'Oslo – {IMG} "We will go on with the talks," said Anna Berg.'
    with Project.create(path) as p:
        p.import_articles([ArticleDraft(title=IMG, place=IMG, text=text, meta={IMG: IMG})])
        q0 = text.index("We will")
        a0 = text.index("Anna Berg")
        ops.create_person(p, IMG)
        ops.create_entity(p, 1, a0, a0 + 9, "PERSON")
        ops.create_quote(p, 1, q0, q0 + len("We will go on with the talks,"))
        p.set_setting("model", f"/tmp/{IMG}")
    win = open_window(path, article=1, quote=1)
    assert _check_widgets(win) >= 1
