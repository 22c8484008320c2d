"""Importers: each turns a file into `ArticleDraft`s, or fails as a whole with `FILE:LINE: what`.

Nothing is written until every record of every file has been read and validated, so a bad line
leaves the project exactly as it was.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..errors import ImportFailed
from ..models import ArticleDraft
from ..projectfile import held_by_process
from ..store import Project
from ..suggestions import ImportResult, collector_paused
from .base import Unreadable, fail, read_text
from .csvfile import read_csv
from .jsonl import read_jsonl
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
    if not p.exists() and not p.is_symlink():  # a broken link: read_bytes says so
        raise fail(p, None, "no such file")
    if p.is_file() and held_by_process(p):  # open() would drop SQLite's locks on it (projectfile.read_header)
        raise fail(p, None, "is a project file open in this program, not a file of articles")
    kind = fmt
    if kind == "auto":
        suffix = p.suffix.lower()
        kind = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "csv"}.get(suffix, "txt")
    if kind == "jsonl" and p.suffix.lower() == ".json" and is_labelstudio(read_text(p, encoding)[:64]):
        kind = "labelstudio"  # a JSON list: Label Studio's export of annotated tasks
    if kind == "labelstudio":
        return read_labelstudio(p, encoding, scheme)
    if kind == "jsonl":
        return read_jsonl(p, encoding)
    if kind == "csv":
        return read_csv(p, encoding, text_column)
    if kind == "txt":
        return read_txt(p, encoding)
    raise ImportFailed(f"{p}: unknown format {fmt!r} (one of {', '.join(FORMATS)})")


def import_paths(project: Project, paths: list[str | Path], fmt: str = "auto", encoding: str | None = None,
                 text_column: str = "text", progress=None, skip_unreadable: bool = False) -> ImportResult:
    """Read every path, validate every record against the project's scheme, then add all in one transaction.

    Every format passes the same checks (`check_draft`: sizes, NUL, lone surrogates, nesting).
    With `skip_unreadable`, what cannot be read at all in a folder is left out and listed in the
    result's `unreadable`; a malformed file still fails the whole import."""
    with collector_paused():  # reading makes the many small objects the collector would walk
        return _import_paths(project, paths, fmt, encoding, text_column, progress, skip_unreadable)


def _import_paths(project: Project, paths: list[str | Path], fmt: str, encoding: str | None, text_column: str,
                  progress, skip_unreadable: bool) -> ImportResult:
    skipped: list[str] | None = [] if skip_unreadable else None
    drafts: list[ArticleDraft] = []
    came_from: dict[int, Path] = {}  # draft -> the path it was read from (a file, or the folder)
    for path in paths:
        for d in read_any(path, fmt, encoding, text_column, skipped, project.scheme):
            drafts.append(d)
            came_from[id(d)] = Path(path)

    def refuse(d: ArticleDraft, why: str) -> ImportFailed:
        path = came_from[id(d)]
        return fail(path / d.source if path.is_dir() and d.source else path, d.line, why)

    res = project.import_articles(drafts, progress, refuse)
    return replace(res, unreadable=tuple(skipped or ()))


__all__ = ["read_any", "import_paths", "Unreadable", "read_txt", "read_jsonl", "read_csv", "read_folder", "split_articles"]
