"""A damaged page, a read-only file or folder: one line that says so, and nothing written."""

import ctypes
import hashlib
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from annotator import ops
from annotator.models import ArticleDraft
from annotator.store import Project
from tests.conftest import damage_a_page


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()  # the project is closed in this process here


def _obey_permissions():
    """preexec_fn: the child obeys file permissions even when the suite runs as root."""
    if os.geteuid() != 0:
        return None
    libc = ctypes.CDLL(None, use_errno=True)

    def drop():
        for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, out of the bounding set: gone after exec
            libc.prctl(24, cap, 0, 0, 0)  # PR_CAPBSET_DROP
    return drop


def cli(*args, obey=False):
    return subprocess.run([sys.executable, "-m", "annotator.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=120, preexec_fn=_obey_permissions() if obey else None)


def one_line_error(res, *words):
    lines = res.stderr.strip().splitlines()
    assert res.returncode == 1 and len(lines) == 1 and lines[0].startswith("error: "), res.stderr
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def damaged(tmp_path):
    """A 120-article project with one leaf page of the articles table overwritten with random bytes."""
    path = tmp_path / "damaged.annotator"
    rng = random.Random(9)
    words = ["harbour", "council", "budget", "river", "vote", "bridge", "school", "market"]
    with Project.create(path) as p:
        p.import_articles([ArticleDraft(title=f"Story {i}", text="Officials said on Monday " +
                                        " ".join(rng.choice(words) for _ in range(150)) + f" {i}.")
                           for i in range(120)])
        for i in range(1, 121, 4):
            ops.create_quote(p, i, 0, 9)
        p.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage_a_page(path)
    return path


def test_damaged_page_is_named_and_nothing_is_written_into_it(damaged, tmp_path):
    before = digest(damaged)
    bad = []
    with Project.open(damaged) as p:
        for i in range(1, 121):
            try:
                p.get_article(i)
            except sqlite3.DatabaseError:
                bad.append(i)
    assert bad, "the damaged page held no article"
    check_hint = f"annotator check --db {damaged}"
    one_line_error(cli("stats", "--db", damaged), "damaged", check_hint)
    one_line_error(cli("set-status", "1", "done", "--db", damaged), "damaged", "nothing was changed", check_hint)
    one_line_error(cli("show", bad[0], "--db", damaged), "damaged", check_hint)
    one_line_error(cli("list", "--limit", "1000", "--db", damaged), "damaged", check_hint)
    one_line_error(cli("export", "jsonl", "--all", "--out", tmp_path / "out.jsonl", "--db", damaged), check_hint)
    res = cli("check", "--db", damaged)
    assert res.returncode == 1 and "articles" in res.stdout and "--recover" in res.stdout
    assert digest(damaged) == before

    res = cli("check", "--db", damaged, "--recover", tmp_path / "saved.annotator")
    assert res.returncode == 0, res.stderr
    assert "some rows were lost" in res.stdout and "was not changed" in res.stdout
    assert digest(damaged) == before
    with Project.open(tmp_path / "saved.annotator") as saved:
        assert saved.integrity_check() == "ok"
        ids = saved.article_ids()
        assert len(ids) == 120 - len(bad) and not set(ids) & set(bad)
        assert saved.get_article(1).title == "Story 0" and saved.scheme.entity_labels
        assert all(q.article_id in ids for q in saved.load_article(1).quotes)
    assert cli("check", "--db", tmp_path / "saved.annotator").returncode == 0


def _read_only_copy(source: Path, folder_writable: bool) -> Path:
    # Not under pytest's tmp_path: as root, the child without CAP_DAC_READ_SEARCH could not enter it.
    d = Path(tempfile.mkdtemp(prefix="annotator-ro-", dir="/tmp"))
    path = d / "ro.annotator"
    path.write_bytes(source.read_bytes())
    path.chmod(0o644 if not folder_writable else 0o444)  # one reason at a time
    d.chmod(0o777 if folder_writable else 0o555)
    return path


@pytest.mark.parametrize("folder_writable, reason", [(False, "its folder is read-only"),
                                                     (True, "the file is read-only")])
def test_read_only_project_reads_and_refuses_edits_in_one_line(seeded, folder_writable, reason):
    seeded.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seeded.close()
    path = _read_only_copy(seeded.path, folder_writable)
    try:
        before = digest(path)
        res = cli("list", "--db", path, "--json", obey=True)
        assert res.returncode == 0, res.stderr
        assert '"title"' in res.stdout
        one_line_error(cli("set-status", "1", "done", "--db", path, obey=True), "read-only", reason)
        one_line_error(cli("import", "--db", path, Path(__file__), obey=True), "read-only")
        assert digest(path) == before
    finally:
        path.parent.chmod(0o755)
        for f in path.parent.iterdir():
            f.unlink()
        path.parent.rmdir()
