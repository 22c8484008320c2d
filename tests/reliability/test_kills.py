"""SIGKILL at random moments of import, pre-annotation (1 and 2 processes), spaCy export (fresh and
over an earlier export) and training: nothing committed is lost, nothing half-done is kept, an
export folder is the old export or the new one, and no process of the command survives it.

Each test kills a few times only (the suite stays fast); `benchmarks/reliability.py` runs the
same rounds many times and prints the figures in the README.
"""

import json
import random
import shutil

import pytest

from annotator.nlp.corpus import check_export
from annotator.scheme import Scheme
from annotator.store import Project
from tests.reliability.harness import (SEED_SCHEME, export_split, kill_after, make_project, start, survivors,
                                       wait_for_processes, write_jsonl)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    d = tmp_path_factory.mktemp("kills")
    Project.create(d / "empty.annotator", Scheme.load(SEED_SCHEME)).close()
    write_jsonl(d / "news.jsonl", 3000, seed=1, status="new")
    make_project(d / "fresh.annotator", 24, seed=2, bare=True)
    make_project(d / "done.annotator", 300, seed=3)
    make_project(d / "small.annotator", 16, seed=4)
    return d


def _copy(src, dest):
    shutil.copy(src, dest)
    return dest


def _no_survivors(proc):
    left = survivors(proc.pid)
    assert left == [], f"still running after the command was killed: {left}"


def test_killed_import_adds_all_or_nothing(data, tmp_path):
    rng = random.Random(11)
    for n in range(3):
        db = _copy(data / "empty.annotator", tmp_path / f"p{n}.annotator")
        proc = start("import", "--db", db, data / "news.jsonl")
        kill_after(proc, rng.uniform(0.4, 1.6))
        _no_survivors(proc)
        with Project.open(db) as p:
            assert p.integrity_check() == "ok"
            assert p.count_articles() in (0, 3000)


def _check_preannotated(db):
    """Every article is either pre-annotated whole (its model recorded, its quotes there) or untouched."""
    with Project.open(db) as p:
        assert p.integrity_check() == "ok"
        done = 0
        for aid in p.article_ids():
            a = p.load_article(aid)
            if a.article.model:
                assert a.quotes and a.entities, f"article {aid} half pre-annotated"
                done += 1
            else:
                assert not a.quotes and not a.entities, f"article {aid} has suggestions but no model"
        return done


@pytest.mark.parametrize("n_process", [1, 2])
def test_killed_preannotate_keeps_whole_articles_and_leaves_no_worker(data, tmp_path, n_process):
    rng = random.Random(20 + n_process)
    for n in range(2):
        db = _copy(data / "fresh.annotator", tmp_path / f"p{n}.annotator")
        proc = start("preannotate", "--db", db, "--n-process", n_process)
        # kill while the workers run (1 process: while the model loads or the articles go by)
        assert wait_for_processes(proc.pid, 1 + (n_process if n_process > 1 else 0)), "workers never started"
        kill_after(proc, rng.uniform(0.2, 1.5))
        _no_survivors(proc)
        _check_preannotated(db)
    res = start("preannotate", "--db", db, "--n-process", n_process)  # the next run finishes the job
    assert res.wait(120) == 0
    assert _check_preannotated(db) == 24


def _check_export(out, seeds):
    """`out` is absent or one whole export (files as its manifest lists them), no article on both sides."""
    if not out.exists():
        return None
    manifest = check_export(out)
    assert manifest["split"]["seed"] in seeds
    train, dev = export_split(out)
    assert train and dev and not train & dev, f"{len(train & dev)} article(s) in both splits"
    return manifest["split"]["seed"]


@pytest.mark.parametrize("earlier", [False, True], ids=["fresh", "over-an-earlier-export"])
def test_killed_spacy_export_leaves_the_old_export_or_the_new_one(data, tmp_path, earlier):
    rng = random.Random(30 + earlier)
    out = tmp_path / "corpus"
    if earlier:
        assert start("export", "spacy", "--db", data / "done.annotator", "--out", out, "--seed", 1).wait(120) == 0
    for n in range(2):
        proc = start("export", "spacy", "--db", data / "done.annotator", "--out", out, "--seed", 2 + n,
                     "--dev", 0.5, "--n-process", 2)
        assert wait_for_processes(proc.pid, 2), "workers never started"
        kill_after(proc, rng.uniform(0.0, 2.0))
        _no_survivors(proc)
        seed = _check_export(out, {1, 2, 3})
        assert seed is not None or not earlier
    assert not [p.name for p in tmp_path.iterdir() if p.name != "corpus" and not p.name.startswith(".")]


def test_killed_training_registers_nothing_and_leaves_no_half_model(data, tmp_path):
    rng = random.Random(40)
    db = _copy(data / "small.annotator", tmp_path / "p.annotator")
    models = tmp_path / "p-models"
    for n in range(2):
        proc = start("train", "--db", db, "--max-steps", 10)
        kill_after(proc, rng.uniform(1.5, 5.0))
        _no_survivors(proc)
        with Project.open(db) as p:
            assert p.integrity_check() == "ok"
            registered = json.loads(p.setting("models") or "[]")
        visible = [m for m in models.iterdir() if not m.name.startswith(".")] if models.exists() else []
        for m in visible:  # a run that got its name is whole
            assert (m / "model" / "meta.json").exists()
        assert {r["path"] for r in registered} <= {str((m / "model").resolve()) for m in visible}
