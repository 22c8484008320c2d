"""The one atomic writer: a file or folder is the old one or the new one, never half of either."""

import errno
import os
import subprocess
import sys

import pytest

from annotator import fsutil
from annotator.fsutil import WriteFailed, atomic_dir, atomic_file


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def _litter(folder):
    return sorted(p.name for p in folder.iterdir() if ".annotator-" in p.name)


def test_file_is_replaced_only_when_complete(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    with pytest.raises(RuntimeError):
        with atomic_file(out) as fh:
            fh.write("new, half written")
            raise RuntimeError("stop")
    assert out.read_text() == "old\n" and _litter(tmp_path) == []
    with atomic_file(out) as fh:
        fh.write("new\n")
    assert out.read_text() == "new\n" and _litter(tmp_path) == []


def test_full_disk_is_one_line_naming_the_file_and_leaves_nothing(tmp_path):
    out = tmp_path / "sub" / "out.json"
    with pytest.raises(WriteFailed) as e:
        with atomic_file(out) as fh:
            fh.write("x")
            raise OSError(errno.ENOSPC, "No space left on device")
    assert str(e.value) == f"{out}: cannot write (no space left on the device)"
    assert not out.exists() and _litter(out.parent) == []


def test_parent_that_is_a_file_is_one_line(tmp_path):
    (tmp_path / "afile").write_text("")
    with pytest.raises(WriteFailed, match="a file, not a folder"):
        with atomic_file(tmp_path / "afile" / "x.jsonl") as fh:
            fh.write("x")


def test_no_overwrite_refuses_an_existing_file(tmp_path):
    out = tmp_path / "b.annotator"
    out.write_text("keep")
    with pytest.raises(WriteFailed, match="already exists"):
        with atomic_file(out, overwrite=False) as fh:
            fh.write("x")
    assert out.read_text() == "keep" and _litter(tmp_path) == []


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_folder_replaces_an_earlier_one_whole(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(fsutil, "_exchange", None)
    out = tmp_path / "corpus"
    with atomic_dir(out) as d:
        (d / "a").write_text("1")
        (d / "manifest.json").write_text("{}")
    with pytest.raises(RuntimeError):
        with atomic_dir(out, ours={"a", "b", "manifest.json"}) as d:
            (d / "a").write_text("2")
            raise RuntimeError("a worker failed")
    assert (out / "a").read_text() == "1" and _litter(tmp_path) == []
    with atomic_dir(out, ours={"a", "b", "manifest.json"}) as d:
        (d / "b").write_text("2")
    assert sorted(p.name for p in out.iterdir()) == ["b"] and _litter(tmp_path) == []


def test_folder_of_the_users_own_is_never_replaced(tmp_path):
    out = tmp_path / "Documents"
    out.mkdir()
    (out / "thesis.txt").write_text("mine")
    with pytest.raises(WriteFailed, match=r"holds files this export would replace but did not write \(thesis.txt\)"):
        with atomic_dir(out, ours={"manifest.json", "train.spacy"}):
            pass
    assert (out / "thesis.txt").read_text() == "mine"


def test_kill_between_the_two_renames_is_undone_by_the_next_write(tmp_path):
    out = tmp_path / "corpus"
    old = tmp_path / f".corpus{fsutil.OLD_MARK}{_dead_pid()}-0000"
    old.mkdir()
    (old / "manifest.json").write_text("old")
    tmp = tmp_path / f".corpus{fsutil.TMP_MARK}{_dead_pid()}-0000"
    tmp.mkdir()
    fsutil.sweep(out)
    assert (out / "manifest.json").read_text() == "old" and _litter(tmp_path) == []


def test_a_live_writers_temporary_file_is_left_alone(tmp_path):
    live = tmp_path / f".x.jsonl{fsutil.TMP_MARK}{os.getpid()}-1234"
    live.write_text("being written")
    with atomic_file(tmp_path / "x.jsonl") as fh:
        fh.write("x")
    assert live.exists()
