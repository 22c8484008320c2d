"""A JSON Lines file read by worker processes while the project writes (importers.stream): the
same project as reading it here, the same FILE:LINE errors, all or nothing, no worker left."""

from __future__ import annotations

import json
import multiprocessing

import pytest

from annotator.errors import ImportFailed
from annotator.importers import import_paths, read_any, stream
from annotator.scheme import Scheme
from annotator.store import Project

NAMES = ["Ada Obi", "Lars Berg", "Mina Sato"]


def record(i: int) -> dict:
    """An article with entities, quotes and (every third) a named speaker and the persons list."""
    name = NAMES[i % 3]
    text = f'{name} spoke in Oslo on day {i}. "We will build {i} bridges," {name} said. Others agreed.'
    q0 = text.index("We will")
    rec = {"text": text, "meta": {"title": f"Story {i}", "n": i},
           "spans": [{"start": 0, "end": len(name), "label": "PERSON", "confidence": 0.9},
                     {"start": text.index("Oslo"), "end": text.index("Oslo") + 4, "label": "GPE"}],
           "quotes": [{"start": q0, "end": text.index(",", q0), "confidence": 0.4 + (i % 5) / 10}]}
    if i % 3 == 0:
        rec["quotes"][0]["speaker"] = name
        rec["persons"] = [{"name": name, "aliases": [name.split()[1]]}]
    return rec


def write_file(path, n: int, duplicate_every: int | None = 7, extra: dict | None = None) -> None:
    """Line 4 of every `duplicate_every` repeats an earlier article; a blank line now and then."""
    lines = []
    for i in range(n):
        again = duplicate_every and i % duplicate_every == 3
        lines.append(json.dumps(record(i // duplicate_every * duplicate_every if again else i)))
        if i % 11 == 5:
            lines.append("")  # blank lines count for line numbers, not as records
    for at, line in (extra or {}).items():
        lines[at - 1] = line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def content(p: Project) -> dict:
    q = p.conn.execute
    return {
        "articles": q("SELECT id, title, text, source, meta, status, content_hash, suggestion_confidence FROM articles "
                      "ORDER BY id").fetchall(),
        "entities": q('SELECT article_id, start, "end", label, person_id, origin, confidence, reviewed FROM entities '
                      "ORDER BY id").fetchall(),
        "quotes": q('SELECT article_id, start, "end", speaker_id, confidence, reviewed FROM quotes ORDER BY id').fetchall(),
        "persons": q("SELECT id, name, aliases, kind, article_id FROM persons ORDER BY id").fetchall(),
        "fts": q("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'bridges' ORDER BY rowid").fetchall(),
    }


@pytest.fixture
def in_workers(monkeypatch):
    """Small files go through the worker processes too, a few lines at a time."""
    monkeypatch.setattr(stream, "WORKER_FROM", 5)
    monkeypatch.setattr(stream, "CHUNK", 4)
    monkeypatch.setattr(stream, "HERE_UNTIL_STARTED", False)


def fresh(tmp_path, name: str) -> Project:
    return Project.create(tmp_path / f"{name}.annotator", Scheme.default())


@pytest.mark.parametrize("here_until_started", [False, True])
def test_read_by_workers_gives_the_project_reading_here_gives(tmp_path, monkeypatch, here_until_started):
    src = tmp_path / "corpus.jsonl"
    write_file(src, 60)
    with fresh(tmp_path, "here") as here:
        res_here = here.import_articles(read_any(src))  # the drafts read whole, then written
        expected = content(here)
    monkeypatch.setattr(stream, "WORKER_FROM", 5)
    monkeypatch.setattr(stream, "CHUNK", 4)
    monkeypatch.setattr(stream, "HERE_UNTIL_STARTED", here_until_started)
    seen: list[tuple[int, int]] = []
    with fresh(tmp_path, "workers") as there:
        res = import_paths(there, [src], progress=lambda done, total: seen.append((done, total)))
        assert content(there) == expected
    assert (res.added, res.skipped) == (res_here.added, res_here.skipped) and res.skipped > 0
    assert expected["persons"] and expected["fts"]  # the comparison covers sources and the search index
    assert seen[-1] == (60, 60) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_paths_keep_their_order_around_a_streamed_file(tmp_path, in_workers):
    (tmp_path / "a.txt").write_text("Alpha story about the harbour.", encoding="utf-8")
    write_file(tmp_path / "b.jsonl", 12, duplicate_every=None)
    (tmp_path / "c.txt").write_text("Gamma story about the railway.", encoding="utf-8")
    with fresh(tmp_path, "p") as p:
        import_paths(p, [tmp_path / "a.txt", tmp_path / "b.jsonl", tmp_path / "c.txt"])
        texts = [r[0] for r in p.conn.execute("SELECT text FROM articles ORDER BY id")]
    assert texts[0].startswith("Alpha") and texts[-1].startswith("Gamma") and len(texts) == 14
    assert texts[1:13] == [record(i)["text"] for i in range(12)]


@pytest.mark.parametrize("line, what", [
    ("{not json", "not valid JSON"),
    (json.dumps({"text": "A story.", "spans": [{"start": 9, "end": 7, "label": "PERSON"}]}), "empty or reversed"),
    (json.dumps({"text": "A story.", "spans": [{"start": 0, "end": 1, "label": "NOT_A_LABEL"}]}), "NOT_A_LABEL"),
])
def test_a_bad_line_late_in_the_file_rolls_everything_back(tmp_path, in_workers, monkeypatch, line, what):
    src = tmp_path / "corpus.jsonl"
    write_file(src, 40, extra={37: line})
    with fresh(tmp_path, "p") as p:
        before = content(p)
        with pytest.raises(ImportFailed) as exc:
            import_paths(p, [src])
        assert content(p) == before
    assert str(exc.value).startswith(f"{src}:37: ") and what in str(exc.value)
    monkeypatch.setattr(stream, "WORKER_FROM", 10_000)  # the same words when the file is read here
    with fresh(tmp_path, "q") as q, pytest.raises(ImportFailed) as here:
        import_paths(q, [src])
    assert str(here.value) == str(exc.value)


def test_cancel_stops_the_workers_and_keeps_nothing(tmp_path, in_workers):
    src = tmp_path / "corpus.jsonl"
    write_file(src, 80)

    class Cancel(Exception):
        pass

    def progress(done, total):
        if done >= 20:
            raise Cancel()

    with fresh(tmp_path, "p") as p:
        with pytest.raises(Cancel):
            import_paths(p, [src], progress=progress)
        assert p.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert not [c for c in multiprocessing.active_children() if c.is_alive()]


@pytest.mark.parametrize("args", [
    (0, 4, "GPE"), (3, 9, "PERSON", 7, "human", 1.0, True), (3, 9, "ORG", None, "model", 0.0, False),
])
def test_quick_entity_is_the_validated_entity(args):
    from annotator.models import Entity, quick_entity

    names = ("start", "end", "label", "person_id", "origin", "confidence", "reviewed")
    made, validated = quick_entity(*args), Entity(**dict(zip(names, args)))
    assert made == validated and made.model_dump() == validated.model_dump()
    assert made.model_copy(update={"label": "X"}).label == "X"


@pytest.mark.parametrize("args", [
    (-1, 4, "GPE"), (5, 5, "GPE"), (9, 7, "GPE"), (0, 4, "GPE", None, "robot"), (0, 4, "GPE", None, "model", 1.5),
    (0, 4, "GPE", None, "model", float("nan")), (0, 4, "GPE", None, "model", None, "yes"), (True, 4, "GPE"),
])
def test_quick_entity_says_what_is_wrong_as_validation_does(args):
    from pydantic import ValidationError

    from annotator.models import Entity, quick_entity

    names = ("start", "end", "label", "person_id", "origin", "confidence", "reviewed")
    try:
        expected = Entity(**dict(zip(names, args)))
    except ValidationError as exc:
        with pytest.raises(ValidationError) as got:
            quick_entity(*args)
        assert [(e["loc"], e["msg"]) for e in got.value.errors()] == [(e["loc"], e["msg"]) for e in exc.errors()]
    else:  # pydantic's lax mode takes it ("yes" is True, True is 1): so does quick_entity
        assert quick_entity(*args) == expected


def test_workers_started_by_spawn_read_the_same(tmp_path, in_workers, monkeypatch):
    """Windows, macOS and the frozen app start workers by spawn (a fresh interpreter), not a fork server."""
    from annotator import procs

    src = tmp_path / "corpus.jsonl"
    write_file(src, 30)
    with fresh(tmp_path, "forked") as p:
        import_paths(p, [src])
        expected = content(p)
    monkeypatch.setattr(stream, "worker_context", lambda preload: multiprocessing.get_context("spawn"))
    assert procs.worker_context  # the real one is untouched
    with fresh(tmp_path, "spawned") as p:
        import_paths(p, [src])
        assert content(p) == expected


def test_a_reading_worker_that_dies_fails_the_import_in_one_line_and_keeps_nothing(tmp_path, in_workers):
    import os
    import signal

    from annotator.procs import WorkerDied

    src = tmp_path / "corpus.jsonl"
    write_file(src, 200)
    killed: list[int] = []

    def progress(done, total):
        if done >= 20 and not killed:
            for child in multiprocessing.active_children():
                os.kill(child.pid, signal.SIGKILL)
                killed.append(child.pid)

    with fresh(tmp_path, "p") as p:
        with pytest.raises(WorkerDied) as exc:
            import_paths(p, [src], progress=progress)
        assert p.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert killed and "\n" not in str(exc.value) and "nothing was written" in str(exc.value)
