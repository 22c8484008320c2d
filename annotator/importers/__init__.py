"""Importers: each turns a file into `ArticleDraft`s, or fails as a whole with `FILE:LINE: what`.

An import is one transaction: a bad line anywhere leaves the project exactly as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ..errors import ImportFailed
from ..models import ArticleDraft
from ..projectfile import held_by_process
from ..store import Project
from ..suggestions import ImportResult, check_drafts, collector_paused, packed_batches
from . import stream
from .base import Unreadable, fail, read_start
from .csvfile import read_csv
from .jsonl import jsonl_lines, read_jsonl
from .labelstudio import is_labelstudio, read_labelstudio
from .plaintext import read_folder, read_txt, split_articles

FORMATS = ("auto", "txt", "jsonl", "labelstudio", "csv")


def read_any(path: str | Path, fmt: str = "auto", encoding: str | None = None,
             text_column: str = "text", skipped: list[str] | None = None, scheme=None) -> list[ArticleDraft]:
    """The drafts in one file or folder (`skipped`: see `read_folder`; `scheme` names the stance
    targets behind Label Studio's per-target choices)."""
    p = Path(path)
    if p.is_dir():
        return read_folder(p, encoding, skipped)
    return _read_file(p, _file_kind(p, fmt, encoding), encoding, text_column, scheme)


def _read_file(p: Path, kind: str, encoding: str | None, text_column: str, scheme) -> list[ArticleDraft]:
    if kind == "labelstudio":
        return read_labelstudio(p, encoding, scheme)
    if kind == "jsonl":
        return read_jsonl(p, encoding)
    if kind == "csv":
        return read_csv(p, encoding, text_column)
    return read_txt(p, encoding)


def _file_kind(p: Path, fmt: str, encoding: str | None) -> str:
    """The format of the file `p` (`fmt`, or what its name and start say), after the checks every file passes."""
    if not p.exists() and not p.is_symlink():  # a broken link: read_bytes says so
        raise fail(p, None, "no such file")
    if p.is_file() and held_by_process(p):  # open() would drop SQLite's locks on it (projectfile.read_header)
        raise fail(p, None, "is a project file open in this program, not a file of articles")
    kind = fmt
    if kind == "auto":
        suffix = p.suffix.lower()
        kind = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "csv"}.get(suffix, "txt")
    if kind == "jsonl" and p.suffix.lower() == ".json" and is_labelstudio(read_start(p, encoding)):
        kind = "labelstudio"  # a JSON list: Label Studio's export of annotated tasks
    if kind not in FORMATS:
        raise ImportFailed(f"{p}: unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    return kind


def import_paths(project: Project, paths: list[str | Path], fmt: str = "auto", encoding: str | None = None,
                 text_column: str = "text", progress=None, skip_unreadable: bool = False) -> ImportResult:
    """Read every path, validate every record against the project's scheme, and add all in one transaction.

    Every format passes the same checks (`check_draft`: sizes, NUL, lone surrogates, nesting).
    Files of other formats are read and checked before anything is written; JSON Lines files,
    the format of large corpora, are read chunk by chunk while the writer writes (`stream`), and
    a bad line rolls back everything written before it. With `skip_unreadable`, what cannot be
    read at all in a folder is left out and listed in the result's `unreadable`; a malformed
    file still fails the whole import."""
    with collector_paused():  # reading makes the many small objects the collector would walk
        return _import_paths(project, paths, fmt, encoding, text_column, progress, skip_unreadable)


def _import_paths(project: Project, paths: list[str | Path], fmt: str, encoding: str | None, text_column: str,
                  progress, skip_unreadable: bool) -> ImportResult:
    skipped: list[str] | None = [] if skip_unreadable else None
    # In the paths' order: the drafts read from a path, or a JSON Lines file's (path, lines, records).
    parts: list[list[ArticleDraft] | tuple[Path, list[str], int]] = []
    drafts: list[ArticleDraft] = []
    came_from: dict[int, Path] = {}  # draft -> the path it was read from (a file, or the folder)
    for path in paths:
        p = Path(path)
        kind = None if p.is_dir() else _file_kind(p, fmt, encoding)
        if kind == "jsonl":
            lines = jsonl_lines(p, encoding)
            records = stream.records_in(lines)
            if not records:
                raise fail(p, None, "no records in this file")
            parts.append((p, lines, records))
            continue
        read = read_folder(p, encoding, skipped) if kind is None else _read_file(p, kind, encoding, text_column,
                                                                                 project.scheme)
        parts.append(read)
        drafts.extend(read)
        came_from.update((id(d), p) for d in read)

    def refuse(d: ArticleDraft, why: str) -> ImportFailed:
        path = came_from[id(d)]
        return fail(path / d.source if path.is_dir() and d.source else path, d.line, why)

    check_drafts(drafts, project.scheme, refuse)  # before anything is written
    total = len(drafts) + sum(part[2] for part in parts if isinstance(part, tuple))
    batches = _batches(parts, project.scheme)
    try:
        res = project.import_packed(batches, total, progress)
    finally:
        batches.close()  # a worker still reading stops now, not when the generator is collected
    return replace(res, unreadable=tuple(skipped or ()))


def _batches(parts: list, scheme) -> Iterator[list]:
    for part in parts:
        if isinstance(part, tuple):
            path, lines, _ = part
            yield from stream.read_batches(path, lines, scheme)
        else:
            yield from packed_batches(part)


__all__ = ["read_any", "import_paths", "Unreadable", "read_txt", "read_jsonl", "read_csv", "read_folder", "split_articles"]
