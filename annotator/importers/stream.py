"""A large JSON Lines file read by worker processes while this one writes.

Reading a line (JSON, the record model, the drafts' checks) costs about as much as writing it,
and the project has one writer: so for a large file two worker processes read and check chunks
of lines and hand back `PackedDraft`s (plain values, cheap to send), while this process writes
the chunks before them. The import is still all or nothing: it runs in the writer's one transaction,
and a bad line anywhere (FILE:LINE, the same message as when read here) rolls it back.

A small file is read here, chunk by chunk through the same function: starting a process would
cost more than it saves.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from pathlib import Path

from ..procs import worker_context, worker_pool
from ..scheme import Scheme
from ..suggestions import PackedDraft, check_drafts, pack_draft
from .base import fail
from .jsonl import parse_line

CHUNK = 100  # lines a worker reads at a time (and the writer writes as one batch)
AHEAD = 16  # chunks read ahead of the writer: memory stays bounded by these, not by the file
WORKER_FROM = 3000  # lines from which a worker process reads
HERE_UNTIL_STARTED = True  # (the tests turn it off to make the workers read small files)
WORKERS = 2  # at a lower priority than the writer: together they use what it leaves of 2 cores

_worker: dict = {}


def read_chunk(path: Path, first: int, lines: list[str], scheme: Scheme | None = None) -> list[PackedDraft]:
    """Lines `first`, `first + 1`, ... of `path`: the drafts read, checked against the scheme and packed."""
    scheme = scheme or _worker["scheme"]
    drafts = [d for n, line in enumerate(lines, first) if (d := parse_line(path, n, line)) is not None]
    check_drafts(drafts, scheme, lambda d, why: fail(path, d.line, why))
    return [pack_draft(d) for d in drafts]


def _init(scheme: Scheme) -> None:
    _worker["scheme"] = scheme
    if hasattr(os, "nice"):  # the writer sets the pace: the readers take the processor it leaves
        os.nice(10)


def records_in(lines: list[str]) -> int:
    return sum(1 for line in lines if line.strip())


def read_batches(path: Path, lines: list[str], scheme: Scheme) -> Iterator[list[PackedDraft]]:
    """The file's records as the writer's batches, in the file's order."""
    chunks = [(i + 1, lines[i:i + CHUNK]) for i in range(0, len(lines), CHUNK)]
    if len(lines) < WORKER_FROM or (os.cpu_count() or 1) < 2:
        for first, part in chunks:
            yield read_chunk(path, first, part, scheme)
        return
    with worker_pool(WORKERS, worker_context(["annotator.importers.stream"]), _init, scheme, what="reading") as pool:
        todo = iter(chunks)
        # Until a worker has started (0.2 s from a fork server, a second or two by spawn on Windows
        # and macOS) this process reads the first chunks itself.
        started = pool.submit(records_in, [])
        while HERE_UNTIL_STARTED and not started.done() and (chunk := next(todo, None)) is not None:
            yield read_chunk(path, *chunk, scheme)
        pending = deque(pool.submit(read_chunk, path, first, part) for first, part in _take(todo, AHEAD))
        while pending:
            batch = pending.popleft().result()
            for first, part in _take(todo, 1):
                pending.append(pool.submit(read_chunk, path, first, part))
            yield batch


def _take(it: Iterator, n: int) -> list:
    return [x for _, x in zip(range(n), it)]
