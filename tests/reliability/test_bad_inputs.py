"""The generated bad-input corpus (tests/reliability/bad_inputs.py): every case ends as expected,
either the articles added or one line `FILE[:LINE]: reason` with the project unchanged. A sample
runs through the CLI too: exit 1, one line on stderr, no hang."""

import os
import re

import pytest

from annotator.errors import AnnotatorError
from annotator.importers import import_paths
from annotator.store import Project
from tests.reliability import bad_inputs
from tests.reliability.harness import cli, unreadable_paths

CASES = bad_inputs.all_cases()


def test_the_corpus_is_large_and_mostly_hostile():
    assert len(CASES) >= 100
    assert len({c.name for c in CASES}) == len(CASES)
    assert sum(c.error is not None for c in CASES) >= 70


@pytest.fixture
def unreadable():
    with unreadable_paths() as lock:
        yield lock


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case, project, tmp_path, unreadable):
    target = bad_inputs.build(case, tmp_path)
    for rel in case.unreadable:
        unreadable(tmp_path / rel)
    before = project.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    if case.error is None:
        res = import_paths(project, [target], **case.options)
        assert res.added == case.added
        assert len(res.unreadable) == case.skipped, res.unreadable
        if case.check:
            case.check(project)
        return
    with pytest.raises(AnnotatorError) as e:
        import_paths(project, [target], **case.options)
    msg = str(e.value)
    file, line, regex = case.error
    where = re.escape(str(tmp_path / file)) + (f":{line}" if line else "")
    assert re.match(rf"{where}: ", msg), f"expected {file}:{line}, got: {msg[:300]}"
    assert re.search(regex, msg), msg[:300]
    assert "\n" not in msg and len(msg) < 600
    assert project.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == before


def _new_project(folder):
    Project.create(folder / "p.annotator").close()
    return folder / "p.annotator"


CLI_SAMPLE = ["txt named pipe", "jsonl 5,000 levels deep", "jsonl lone high surrogate", "jsonl \\u0000 in text",
              "csv apostrophes are apostrophes", "txt one character over the largest article", "folder named pipe"]


@pytest.mark.parametrize("name", CLI_SAMPLE)
def test_bad_input_through_the_cli(name, tmp_path):
    case = next(c for c in CASES if c.name == name)
    db = _new_project(tmp_path)
    target = bad_inputs.build(case, tmp_path / "in")
    res = cli("import", "--db", db, target, timeout=60)  # a hang fails here, not forever
    if case.error is None:
        assert res.returncode == 0 and f"imported {case.added}" in res.stdout, res.stderr
        return
    assert res.returncode == 1, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in res.stderr, res.stderr
    assert re.search(case.error[2], lines[0])


def test_skip_unreadable_lists_what_it_left_out(tmp_path):
    db = _new_project(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(bad_inputs.ARTICLE)
    os.mkfifo(tmp_path / "d" / "pipe.txt")
    res = cli("import", "--db", db, tmp_path / "d", timeout=60)
    assert res.returncode == 1 and "--skip-unreadable" in res.stderr and "named pipe" in res.stderr
    res = cli("import", "--db", db, tmp_path / "d", "--skip-unreadable", timeout=60)
    assert res.returncode == 0, res.stderr
    assert "left out 1 unreadable" in res.stdout and "pipe.txt: not a regular file (a named pipe)" in res.stderr
