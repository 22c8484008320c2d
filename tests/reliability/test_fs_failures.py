"""A full disk, a read-only or missing folder: one line naming the path and the reason, exit 1,
no partial file, and the next attempt works."""

import pytest

from tests.reliability.harness import cli, make_project

# Opening a project writes its 32 KB shared-memory index; outputs of the 60-article project are larger.
FULL = 36 * 1024


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("fs") / "p.annotator", 200)


def _one_line_error(res, path, *reasons):
    assert res.returncode == 1, (res.returncode, res.stderr)
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith(f"error: {path}"), lines[0]
    assert any(r in lines[0] for r in reasons), lines[0]
    assert "Traceback" not in res.stderr and "internal error" not in res.stderr


def _litter(folder):
    return sorted(p.name for p in folder.iterdir())


EXPORTS = [("jsonl", "out.jsonl"), ("doccano", "out.doccano.jsonl"), ("labelstudio", "out.json"),
           ("spacy", "corpus")]


@pytest.mark.parametrize("fmt, name", EXPORTS)
def test_export_onto_a_full_disk(project, tmp_path, fmt, name):
    out = tmp_path / name
    res = cli("export", fmt, "--db", project, "--out", out, fsize=FULL)
    _one_line_error(res, out, "file too large", "no space left")
    assert _litter(tmp_path) == []
    res = cli("export", fmt, "--db", project, "--out", out)  # room again: it works
    assert res.returncode == 0, res.stderr


@pytest.mark.parametrize("fmt, name", EXPORTS)
def test_export_into_a_read_only_folder(project, tmp_path, fmt, name):
    ro = tmp_path / "ro"
    ro.mkdir()
    out = ro / name
    res = cli("export", fmt, "--db", project, "--out", out, readonly=ro)
    _one_line_error(res, ro, "read-only", "permission denied")
    ro.chmod(0o755)
    assert _litter(ro) == []


def test_export_into_a_folder_that_is_a_file(project, tmp_path):
    (tmp_path / "afile").write_text("")
    res = cli("export", "jsonl", "--db", project, "--out", tmp_path / "afile" / "out.jsonl")
    _one_line_error(res, tmp_path / "afile", "a file, not a folder")


def test_backup_onto_a_full_disk_then_again(project, tmp_path):
    dest = tmp_path / "backup.annotator"
    res = cli("backup", dest, "--db", project, fsize=FULL)
    # SQLite reports a write the kernel refused as "disk I/O error", whatever the cause
    _one_line_error(res, dest, "file too large", "no space left", "input/output error")
    assert _litter(tmp_path) == []  # no 0-byte backup that blocks the next one
    res = cli("backup", dest, "--db", project)
    assert res.returncode == 0, res.stderr
    assert cli("stats", "--db", dest).returncode == 0


def test_backup_into_a_read_only_folder(project, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    res = cli("backup", ro / "b.annotator", "--db", project, readonly=ro)
    _one_line_error(res, ro, "read-only", "permission denied", "cannot create")
    ro.chmod(0o755)
    assert _litter(ro) == []


def test_init_onto_a_full_disk_then_again(tmp_path):
    db = tmp_path / "new.annotator"
    res = cli("init", "--db", db, fsize=16 * 1024)
    _one_line_error(res, db, "file too large", "no space left", "input/output error")
    assert _litter(tmp_path) == []
    assert cli("init", "--db", db).returncode == 0


def test_init_in_a_read_only_folder(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    res = cli("init", "--db", ro / "new.annotator", readonly=ro)
    _one_line_error(res, ro, "read-only", "permission denied", "cannot create")
    ro.chmod(0o755)
    assert _litter(ro) == []


def test_a_project_on_a_full_disk_is_not_called_corrupt(project):
    res = cli("list", "--db", project, fsize=16 * 1024)  # its shared-memory index cannot be made
    _one_line_error(res, project, "cannot open (input/output error)", "cannot open (no space left")
    assert "corrupt" not in res.stderr
