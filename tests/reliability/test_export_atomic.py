"""Exports are all or nothing: a failure in any thread or worker fails the export with one line and
leaves the earlier export exactly as it was."""

import errno
import threading

import pytest

from annotator.errors import AnnotatorError
from annotator.exporters.jsonl import export_jsonl
from annotator.exporters.labelstudio import export_labelstudio
from annotator.nlp import corpus
from annotator.nlp.spacy_speedups import LeanDocBin
from annotator.nlp.corpus import check_export, export_spacy
from annotator.store import Project
from tests.reliability.harness import export_split, make_project


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("atomic") / "p.annotator", 40)


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _litter(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_failed_write_in_the_train_writer_thread_fails_the_export(db, tmp_path, monkeypatch):
    out = tmp_path / "corpus"
    with Project.open(db) as p:
        export_spacy(p, out, dev=0.25, seed=1)
        before = _snapshot(out)
        real = LeanDocBin.to_bytes

        def full_disk_in_threads(self):
            if threading.current_thread() is not threading.main_thread():
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(self)

        monkeypatch.setattr(LeanDocBin, "to_bytes", full_disk_in_threads)
        with pytest.raises(AnnotatorError, match=r"corpus.*no space left on the device"):
            export_spacy(p, out, dev=0.5, seed=2, n_process=2)
    assert _snapshot(out) == before and _litter(tmp_path) == []
    check_export(out)


def test_a_worker_error_fails_the_export_and_keeps_the_earlier_one(db, tmp_path, monkeypatch):
    out = tmp_path / "corpus"
    with Project.open(db) as p:
        export_spacy(p, out, dev=0.25, seed=1)
        before = _snapshot(out)
        monkeypatch.setattr(corpus, "_build_chunk", _explode)  # pickled by name: the workers run it too
        with pytest.raises(RuntimeError, match="worker broke"):
            export_spacy(p, out, dev=0.5, seed=2, n_process=2)
    assert _snapshot(out) == before and _litter(tmp_path) == []


def _explode(jobs):
    raise RuntimeError("worker broke")


def test_re_export_replaces_the_folder_whole(db, tmp_path):
    out = tmp_path / "corpus"
    with Project.open(db) as p:
        export_spacy(p, out, dev=0.25, seed=1)
        first = check_export(out)
        export_spacy(p, out, dev=0.5, seed=7)
    second = check_export(out)
    assert second["split"]["seed"] == 7 and first["data_hash"] != second["data_hash"] or first != second
    train, dev = export_split(out)
    assert train and dev and not train & dev


def test_a_folder_with_files_of_the_users_own_is_refused(db, tmp_path):
    out = tmp_path / "corpus"
    with Project.open(db) as p:
        export_spacy(p, out)
        (out / "model").mkdir()  # e.g. `spacy train config.cfg --output model` inside the export
        with pytest.raises(AnnotatorError, match=r"holds files this export would replace but did not write \(model\)"):
            export_spacy(p, out)
    assert (out / "model").is_dir()


@pytest.mark.parametrize("export", [export_jsonl, export_labelstudio])
def test_a_failed_file_export_keeps_the_earlier_file(db, tmp_path, monkeypatch, export):
    out = tmp_path / "out.json"
    with Project.open(db) as p:
        export(p, out, True)
        before = _snapshot(tmp_path)

        def cancel(i, n):
            if i == 20:
                raise KeyboardInterrupt  # Ctrl+C (or a GUI Cancel) half-way
        with pytest.raises(KeyboardInterrupt):
            export(p, out, True, cancel)
    assert _snapshot(tmp_path) == before and _litter(tmp_path) == []
