"""`annotator preannotate --engine dask`: the same result as the local engine, on a LocalCluster of
worker processes (loopback only); stopping, killing and resuming; workers that die; batches that fail."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from cluster_support import GENERATED, dump

from annotator.store import Project

TOTAL = GENERATED + 4  # the seed's four articles


def cli(*args, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "annotator.cli", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


def applied(path: Path) -> list[int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM articles WHERE model IS NOT NULL ORDER BY id")]
    finally:
        conn.close()


def test_two_workers_store_exactly_what_the_local_engine_stores(fresh_copy, reference):
    db = fresh_copy()
    p = cli("preannotate", "--db", db, "--engine", "dask", "--workers", 2)
    out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    assert f"articles: {TOTAL}," in out and "failed: 0" in out and "Traceback" not in err
    assert dump(db) == reference
    again = cli("preannotate", "--db", db, "--engine", "dask", "--workers", 1)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0 and "articles: 0," in out  # nothing left to do: skipped before sending


def _run_until_some_applied(db: Path, batch: int, before: int = 0) -> tuple[subprocess.Popen, set[int], list[int]]:
    """Start a dask run in its own process group; return once it stored a batch (more than `before`)."""
    p = cli("preannotate", "--db", db, "--engine", "dask", "--workers", 2, "--batch-size", batch,
            start_new_session=True)
    family: set[int] = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and p.poll() is None:
        try:
            family |= {c.pid for c in psutil.Process(p.pid).children(recursive=True)}
        except psutil.NoSuchProcess:
            break
        done = applied(db)
        if len(done) > before:
            return p, family, done
        time.sleep(0.02)
    raise AssertionError(f"no batch was stored (exit {p.poll()}): {p.communicate()[1][-2000:]}")


def _alive(pids: set[int]) -> list[int]:
    out = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                out.append(pid)
        except psutil.NoSuchProcess:
            pass
    return out


def _gone(pids: set[int], seconds: float = 15) -> list[int]:
    deadline = time.monotonic() + seconds
    while _alive(pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return _alive(pids)


def _stored_batches_match(db: Path, reference: dict, batch: int) -> list[int]:
    """Whole batches only, in article order, each article exactly as the local engine stores it."""
    now, ids = dump(db), applied(db)
    everything = sorted(k for k in reference if k != "persons")
    assert ids == everything[:len(ids)] and (len(ids) % batch == 0 or len(ids) == TOTAL)
    for aid in everything:
        if aid in ids:
            assert now[aid] == reference[aid], f"article {aid} differs from the local run"
        else:
            assert now[aid]["entities"] == [] and now[aid]["quotes"] == [], f"article {aid} half-applied"
    return ids


def test_killed_then_interrupted_runs_leave_whole_batches_no_processes_and_resume(fresh_copy, reference):
    db, batch = fresh_copy(), 4
    # kill -9 of the client: its worker processes go with it (Dask's parent-alive pipe).
    p, family, _ = _run_until_some_applied(db, batch)
    p.kill()
    p.communicate(timeout=60)
    assert _gone(family) == [], "worker processes outlived a killed client"
    first = _stored_batches_match(db, reference, batch)
    assert 0 < len(first) < TOTAL

    # Ctrl+C in the terminal: SIGINT to the whole process group, workers included.
    # Interrupted as soon as it stored a batch of its own: the most work is left for the signal to
    # stop (waiting for more let a loaded machine finish the run before the signal arrived).
    p, family, _ = _run_until_some_applied(db, batch, before=len(first))
    os.killpg(p.pid, signal.SIGINT)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 130 and "interrupted" in err and "Traceback" not in err, (p.returncode, out, err)
    assert _gone(family) == [], "worker processes outlived Ctrl+C"
    second = _stored_batches_match(db, reference, batch)
    assert len(first) < len(second) < TOTAL  # resumed where the killed run stopped, then stopped again

    p = cli("preannotate", "--db", db, "--engine", "dask", "--workers", 2)
    out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    assert f"articles: {TOTAL - len(second)}," in out  # only what was left
    assert dump(db) == reference


def test_a_dead_worker_is_replaced_and_batches_failing_twice_are_reported(tmp_path):
    import dask
    import distributed
    import faulty_component  # noqa: F401  (registers the factory here, to build the pipeline)

    from annotator.models import ArticleDraft
    from annotator.nlp import cluster
    from annotator.nlp.pipeline import recorded_name, rules_pipeline

    nlp = rules_pipeline()
    nlp.add_pipe("faulty_on_purpose", config={"marker_dir": str(tmp_path)})
    nlp.meta["name"] = "faulty"
    nlp.to_disk(tmp_path / "faulty-model")
    texts = [f'"We are ready for round {i}," Mayor Ines Haddad said in Port Alder.' for i in range(12)]
    texts[2] += " CRASH-ONCE"  # batch 1: its worker dies once, the retry succeeds
    texts[6] += " CRASH-ALWAYS"  # batch 3: kills a worker each time
    texts[9] += " RAISE-ALWAYS"  # batch 4: raises each time
    project = Project.create(tmp_path / "p.annotator")
    ids = list(project.import_articles([ArticleDraft(text=t) for t in texts]).article_ids)

    # A cluster of our own, reached by its address as `--scheduler` would; the scheduler's setting
    # is the one we ask users to start theirs with (README, "Large corpora").
    with dask.config.set(cluster.SCHEDULER_CONFIG), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None,
                                     silence_logs=50) as lc, distributed.Client(lc) as client:
        client.register_plugin(faulty_component.Register())
        seen = []
        outcome = cluster.run(project, model=str(tmp_path / "faulty-model"), scheduler=lc.scheduler_address,
                              batch_size=2, progress=lambda done, total: seen.append((done, total)))
        client.wait_for_workers(2, timeout=30)  # the nanny replaced every worker that died
    failed = sorted((f.article_ids, "died twice" in f.reason, "ValueError" in f.reason) for f in outcome.failures)
    assert failed == [(ids[6:8], True, False), (ids[8:10], False, True)]
    assert (tmp_path / "crashed-once").exists()
    assert outcome.counts["articles"] == 8 and outcome.counts["failed"] == 4
    assert outcome.counts["model"] == recorded_name("en_faulty-0.0.0")  # the model and our rules' version
    assert seen[-1] == (12, 12)  # failed batches count as done for the progress bar
    for n, aid in enumerate(ids):
        ann = project.load_article(aid)
        assert (ann.article.model is None) == (6 <= n < 10)
        assert len(ann.quotes) == (0 if 6 <= n < 10 else 1)
    project.close()


def test_without_dask_the_flag_says_how_to_install_it_in_one_line(tmp_path):
    code = ("import sys; sys.modules['distributed'] = None; from annotator.cli import main; "
            f"sys.argv = ['annotator', 'preannotate', '--db', {str(tmp_path / 'x.annotator')!r}, '--engine', 'dask']; main()")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.returncode == 1
    assert res.stderr.strip().count("\n") == 0 and "pip install 'annotator[cluster]'" in res.stderr
    assert not (tmp_path / "x.annotator").exists()


@pytest.mark.parametrize("args, message", [
    (("--workers", "2"), "go with --engine dask"),
    (("--batch-size", "8"), "go with --engine dask"),
    (("--engine", "dask", "--n-process", "2"), "--n-process is for --engine local"),
    (("--engine", "dask", "--scheduler", "tcp://127.0.0.1:1", "--workers", "2"), "with --scheduler"),
    (("--engine", "spark"), "unknown engine"),
])
def test_engine_options_that_do_not_go_together_are_one_line_errors(tmp_path, args, message):
    res = subprocess.run([sys.executable, "-m", "annotator.cli", "preannotate", "--db", str(tmp_path / "x"), *args],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 1 and message in res.stderr and res.stderr.strip().count("\n") == 0


def test_an_unreachable_scheduler_is_one_line(seeded):
    seeded_path = seeded.path
    res = subprocess.run([sys.executable, "-m", "annotator.cli", "preannotate", "--db", str(seeded_path),
                          "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"], capture_output=True, text=True,
                         timeout=120, env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert res.returncode == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in res.stderr
    assert res.stderr.strip().count("\n") == 0
    assert applied(seeded_path) == []


def test_a_model_the_workers_lack_is_one_line_and_the_local_cluster_goes_with_it(seeded):
    p = cli("preannotate", "--db", seeded.path, "--engine", "dask", "--workers", 1, "--model", "no_such_model_pkg")
    family: set[int] = set()
    while p.poll() is None:
        try:
            family |= {c.pid for c in psutil.Process(p.pid).children(recursive=True)}
        except psutil.NoSuchProcess:
            break
        time.sleep(0.05)
    out, err = p.communicate(timeout=120)
    assert p.returncode == 1 and "model 'no_such_model_pkg'" in err and err.strip().count("\n") == 0, err
    assert family and _gone(family) == []  # the worker process was started, and stopped with the error
    assert applied(seeded.path) == []


def test_the_progress_bar_shows_articles_per_second_and_the_time_left():
    from rich.console import Console

    from annotator import cli

    bar = cli._progress(cli._RateColumn())
    now = [0.0]
    bar.get_time = lambda: now[0]
    task = bar.add_task("pre-annotating", total=1000)
    for done in (0, 50, 100, 150, 200):  # 50 articles every 2 s: 25 articles/s, 800 left = 32 s
        bar.update(task, completed=done)
        now[0] += 2.0
    now[0] -= 2.0
    out = Console(record=True, width=120)
    out.print(bar.make_tasks_table(bar.tasks))
    line = out.export_text()
    assert "200/1000" in line and "25.0 articles/s" in line and "0:00:32" in line
