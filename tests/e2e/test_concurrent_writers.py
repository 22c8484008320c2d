"""Two processes writing at once: no silent lost update, and a migration that happens once.

Each worker is a real process started once and driven through stdin, so the two start their
edits at the same moment (a barrier) without paying Python's start-up inside the race.
"""

import json
import sqlite3
import subprocess
import sys

import pytest

from annotator import db, ops
from annotator.models import ArticleDraft, Entity, Person
from annotator.scheme import Scheme
from annotator.store import Project

TARGETS = ["Target one", "Target two"]
LABELS = ["FAVOR", "AGAINST", "NONE"]

WORKER = r"""
import json, sys
from annotator import ops
from annotator.models import ArticleDraft, Entity, Person
from annotator.store import Project

path, role, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
p = Project.open(path, user=role)
print("ready", flush=True)
sys.stdin.readline()
for i in range(n):
    if role.startswith("stance"):
        k = int(role[-1])
        target = json.loads(sys.argv[4])[k]
        # half by id (as the CLI does), half with the quote as just displayed (as the app does)
        q = 1 if i % 2 else p.get_quote(1)
        ops.set_stance(p, q, target, ["FAVOR", "AGAINST", "NONE"][i % 3])
    elif role == "rename":
        ops.rename_person(p, p.get_person(1) if i % 2 else 1, f"Name R{i}")
    elif role == "alias":
        text = f"Pat Base spoke for the {i}th time."
        d = ArticleDraft(text=text, entities=[Entity(start=0, end=8, label="PERSON", person_id=1)],
                         persons={1: Person(name="Pat Base", aliases=[f"Pat A{i}"])})
        p.import_articles([d])
print("done", flush=True)
"""

OPENER = r"""
import sys
from annotator.store import Project
print("ready", flush=True)
for line in sys.stdin:
    try:
        Project.open(line.strip()).close()
        print("ok", flush=True)
    except Exception as exc:
        print("error", type(exc).__name__, str(exc).replace("\n", " "), flush=True)
"""


def _start(*args):
    proc = subprocess.Popen([sys.executable, "-c", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def _race(path, roles, n):
    procs = [_start(WORKER, str(path), role, str(n), json.dumps(TARGETS)) for role in roles]
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        out, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0 and out.strip() == "done"


@pytest.fixture
def shared(tmp_path):
    scheme = Scheme(entity_labels=["PERSON", "ORG"], stance_targets=TARGETS, claim_types=["FACT"])
    p = Project.create(tmp_path / "race.annotator", scheme, user="setup")
    p.import_articles([ArticleDraft(text="“We will hold,” said Pat Base on Monday.")])
    ops.create_quote(p, 1, 1, 13)
    ops.create_person(p, "Pat Base")
    p.close()
    return tmp_path / "race.annotator"


def test_stance_edits_to_different_targets_of_one_quote_are_all_kept(shared):
    n = 200
    _race(shared, ["stance0", "stance1"], n)
    with Project.open(shared) as p:
        stances = {s.target: s.label for s in p.get_quote(1).stances}
        assert stances == {t: LABELS[(n - 1) % 3] for t in TARGETS}  # each writer's last word, both kept
        # every edit committed and changed the list (each writer's next label differs from its last)
        assert len([r for r in p.audit_log(limit=10_000) if r["field"] == "stances"]) == 2 * n


def test_rename_keeps_aliases_added_meanwhile(shared):
    n = 200
    _race(shared, ["rename", "alias"], n)
    with Project.open(shared) as p:
        person = p.get_person(1)
        assert person.name == f"Name R{n - 1}"
        lost_renames = {f"Name R{i}" for i in range(n - 1)} - set(person.aliases)
        lost_aliases = {f"Pat A{i}" for i in range(n)} - set(person.aliases)
        assert not lost_renames and not lost_aliases, (len(lost_renames), len(lost_aliases))
        assert "Pat Base" in person.aliases
        assert p.integrity_check() == "ok"


def _make_v1(path):
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("BEGIN")
    conn.execute(f"PRAGMA application_id={db.APP_ID}")
    db.MIGRATIONS[1](conn)
    conn.execute("INSERT INTO settings VALUES ('scheme', ?)", (Scheme.default().to_json(),))
    conn.execute("INSERT INTO articles (text, content_hash, created_at, updated_at) VALUES ('Old.', 'h', 't', 't')")
    conn.execute("PRAGMA user_version=1")
    conn.execute("COMMIT")
    conn.close()


def test_two_processes_migrating_at_once_both_open_the_migrated_file(tmp_path):
    openers = [_start(OPENER), _start(OPENER)]
    try:
        for n in range(20):
            path = tmp_path / f"old{n}.annotator"
            _make_v1(path)
            for proc in openers:
                proc.stdin.write(f"{path}\n")
                proc.stdin.flush()
            results = [proc.stdout.readline().strip() for proc in openers]
            assert results == ["ok", "ok"], f"round {n}: {results}"
            with Project.open(path) as p:
                assert p.conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
                assert p.get_article(1).text == "Old."
            keep = sqlite3.connect(tmp_path / f"old{n}.annotator.schema1.bak")
            assert keep.execute("PRAGMA user_version").fetchone()[0] == 1
            keep.close()
    finally:
        for proc in openers:
            proc.stdin.close()
            proc.wait(30)
