"""The CLI as a user runs it: one-line errors, non-zero exits, the seed import and listing."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import SEED, SEED_SCHEME


def run(*args, env=None, check=True):
    res = subprocess.run([sys.executable, "-m", "annotator.cli", *map(str, args)], capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, timeout=120)
    if check and res.returncode != 0:
        raise AssertionError(f"exit {res.returncode}: {res.stderr}")
    return res


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "p.annotator"
    run("init", "--db", path, "--scheme", SEED_SCHEME)
    return path


def test_version():
    assert run("--version").stdout.startswith("annotator ")


def test_import_then_list_json_shows_four_articles(db):
    out = run("import", "--db", db, SEED).stdout
    assert "imported 4" in out
    rows = json.loads(run("list", "--db", db, "--json").stdout)
    assert len(rows) == 4 and [r["place"] for r in rows] == ["London", "Paris", "London", "Paris"]
    assert rows[3]["title"] is None
    assert "skipped 4" in run("import", "--db", db, SEED).stdout


def test_db_from_environment(tmp_path):
    path = tmp_path / "env.annotator"
    run("init", env={"ANNOTATOR_DB": str(path)})
    run("import", SEED, env={"ANNOTATOR_DB": str(path)})
    assert json.loads(run("stats", "--json", env={"ANNOTATOR_DB": str(path)}).stdout)["articles"] == 4


def test_show_stats_backup_and_status(db, tmp_path):
    run("import", "--db", db, SEED)
    assert "Dannatt" in run("show", "3", "--db", db).stdout
    run("set-status", "3", "done", "--db", db)
    assert json.loads(run("stats", "--db", db, "--json").stdout)["by_status"]["done"] == 1
    run("backup", tmp_path / "b.annotator", "--db", db)
    assert len(json.loads(run("list", "--db", tmp_path / "b.annotator", "--json").stdout)) == 4
    assert json.loads(run("list", "--db", db, "--json", "--search", "Frederiksen").stdout)[0]["id"] == 4


@pytest.mark.parametrize("args, message", [
    (["list", "--db", "{tmp}/missing.annotator"], "no such project"),
    (["show", "99", "--db", "{db}"], "no article 99"),
    (["import", "--db", "{db}", "{tmp}/bad.jsonl"], "bad.jsonl:2: not valid JSON"),
    (["list", "--db", "{db}", "--status", "finished"], "unknown status"),
    (["init", "--db", "{db}"], "already exists"),
    (["list", "--db", "{tmp}/notaproject.txt"], "not an annotator project"),
])
def test_errors_are_one_line_without_traceback(db, tmp_path, args, message):
    (tmp_path / "bad.jsonl").write_text('{"text": "fine"}\n{"text": \n', encoding="utf-8")
    (tmp_path / "notaproject.txt").write_text("hello", encoding="utf-8")
    args = [a.format(tmp=tmp_path, db=db) for a in args]
    res = run(*args, check=False)
    assert res.returncode != 0
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and message in lines[0], res.stderr
    assert "Traceback" not in res.stderr


def test_failed_import_leaves_project_unchanged(db, tmp_path):
    run("import", "--db", db, SEED)
    bad = tmp_path / "bad.csv"
    bad.write_text("text\nok\n\"unterminated\n", encoding="utf-8")
    before = run("list", "--db", db, "--json").stdout
    assert run("import", "--db", db, bad, check=False).returncode == 1
    assert run("list", "--db", db, "--json").stdout == before
