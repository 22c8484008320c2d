"""The blocker of issue 9: another process touching the project must not cut this one off its WAL.

Closing any descriptor of a file drops all of the process's POSIX locks on it; if opening a second
connection did that, the next process to close the file would delete the -wal under our feet.
"""

import os
import subprocess
import sys
from pathlib import Path

from annotator import db, ops, presence
from annotator.projectfile import deleted_journals
from annotator.store import Project


def cli(*args):
    return subprocess.run([sys.executable, "-m", "annotator.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=120)


def fresh_names(path: Path) -> set[str]:
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
            "print('\\n'.join(r[0] for r in c.execute('SELECT name FROM persons')))")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    return set(out.stdout.split("\n"))


def test_second_connection_then_cli_keeps_the_wal(project):
    path = project.path
    project.close()
    a = Project(path, db.open_existing(path))  # the app's edit connection ...
    b = Project(path, db.open_existing(path))  # ... and its search thread's, in the same process
    ops.create_person(a, "Before Stats")
    for command in (("stats",), ("list",), ("backup", path.with_name("b.annotator"))):
        assert cli(*command, "--db", path).returncode == 0
        assert Path(f"{path}-wal").exists(), f"{command[0]} removed the WAL of an open project"
        assert deleted_journals(path) == []
    ops.create_person(a, "After Stats")
    assert b.find_person("After Stats") is not None
    assert {"Before Stats", "After Stats"} <= fresh_names(path), "an edit went to a deleted WAL"
    a.close()
    b.close()
    assert os.path.exists(path) and {"After Stats"} <= fresh_names(path)


def test_the_command_line_says_who_else_has_the_project_open(project):
    app = presence.Registration(project.path, "alice", "the app")  # as the open app window does
    try:
        res = cli("list", "--db", project.path, "--json")
        assert res.returncode == 0 and res.stdout.strip() == "[]"  # the output itself is untouched
        note = res.stderr.strip()
        assert note.startswith("note: ") and "also open by alice (the app, pid" in note and " since " in note
    finally:
        app.close()
    assert cli("stats", "--db", project.path).stderr.strip() == ""
