"""The project file as a file: header reads, identity, presence of others, atomic copies."""

import json
import os
import subprocess
import sys

import pytest

from annotator import ops, presence
from annotator.errors import ReadOnlyError, SaveFailed
from annotator.projectfile import fds_on, read_header
from annotator.store import Project


def test_header_is_read_through_the_open_descriptor(project):
    before = fds_on(project.path)
    assert before, "SQLite holds the file open"
    assert read_header(project.path).startswith(b"SQLite format 3\x00")
    assert fds_on(project.path) == before  # nothing opened, nothing closed


@pytest.mark.parametrize("change, words", [
    (lambda p: p.rename(p.with_name("moved.annotator")), "moved or renamed"),
    (lambda p: p.unlink(), "deleted"),
    (lambda p: (p.rename(p.with_name("old.annotator")), p.write_bytes(b"x")), "replaced"),
])
def test_a_file_replaced_moved_or_deleted_underneath_refuses_the_next_edit(seeded, change, words):
    quote = ops.create_quote(seeded, 1, 0, 7).created("quotes")[0]
    assert seeded.file_problem() is None
    change(seeded.path)
    assert words in seeded.file_problem()
    with pytest.raises(SaveFailed, match=words):
        ops.set_note(seeded, quote, "after")
    assert seeded.get_quote(quote).note == ""  # still readable from the file we hold


def test_read_only_connection_refuses_before_writing(seeded, monkeypatch):
    from annotator import db

    path = seeded.path
    seeded.close()
    monkeypatch.setattr(db, "read_only_reason", lambda p: "the file is read-only")
    with Project.open(path) as p:
        assert p.read_only == "the file is read-only"
        with pytest.raises(ReadOnlyError, match="read-only"):
            ops.set_article_status(p, 1, "done")
        assert p.get_article(1).status == "new"


def test_presence_names_others_and_forgets_the_dead(project, tmp_path):
    me = presence.Registration(project.path, "ann", "the app")
    assert presence.others(project.path, me) == []
    other = presence.Registration(project.path, "bob", "the app")
    (seen,) = presence.others(project.path, me)
    assert seen.user == "bob" and "bob (the app, pid" in presence.summary([seen])
    other.close()
    # A process that died without closing: its entry is ignored and cleared.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    ghost = presence.folder(project.path) / "ghost.json"
    ghost.write_text(json.dumps({**seen.__dict__, "pid": int(dead.stdout), "user": "ghost"}), encoding="utf-8")
    stale = presence.folder(project.path) / "stale.json"
    stale.write_text(json.dumps({**seen.__dict__, "user": "sleeper"}), encoding="utf-8")
    os.utime(stale, (0, 0))
    assert presence.others(project.path, me) == []
    assert not ghost.exists() and not stale.exists()
    me.close()
    assert not presence.folder(project.path).exists()


def test_backup_is_whole_or_absent(seeded, tmp_path, monkeypatch):
    dest = tmp_path / "copy.annotator"
    seeded.backup(dest)
    with Project.open(dest) as copy:
        assert copy.integrity_check() == "ok" and len(copy.article_ids()) == 4
    with pytest.raises(Exception, match="already exists"):
        seeded.backup(dest)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("annotator.fsutil.publish", full)
    with pytest.raises(Exception, match="No space left"):
        seeded.backup(tmp_path / "second.annotator")
    assert sorted(p.name for p in tmp_path.iterdir() if "second" in p.name) == []


def test_importing_the_open_project_file_is_refused_without_reading_it(seeded):
    from annotator.errors import ImportFailed
    from annotator.importers import import_paths

    with pytest.raises(ImportFailed, match="project file open in this program"):
        import_paths(seeded, [seeded.path])
    assert seeded.integrity_check() == "ok"
