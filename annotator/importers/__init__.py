"""Importers: each turns a file into `ArticleDraft`s, or fails as a whole with `FILE:LINE: what`.

Nothing is written until every record of every file has been read and validated, so a bad line
leaves the project exactly as it was.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ImportFailed, SchemeError, SpanError
from ..models import ArticleDraft
from ..projectfile import held_by_process
from ..store import ImportResult, Project
from ..suggestions import validate_draft
from .base import fail
from .csvfile import read_csv
from .jsonl import read_jsonl
from .plaintext import read_folder, read_txt, split_articles

FORMATS = ("auto", "txt", "jsonl", "csv")


def read_any(path: str | Path, fmt: str = "auto", encoding: str | None = None,
             text_column: str = "text") -> list[ArticleDraft]:
    p = Path(path)
    if p.is_dir():
        return read_folder(p, encoding)
    if not p.exists():
        raise fail(p, None, "no such file")
    if held_by_process(p):  # reading it with open() would drop SQLite's locks on it (projectfile.read_header)
        raise fail(p, None, "is a project file open in this program, not a file of articles")
    kind = fmt
    if kind == "auto":
        suffix = p.suffix.lower()
        kind = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "csv"}.get(suffix, "txt")
    if kind == "jsonl":
        return read_jsonl(p, encoding)
    if kind == "csv":
        return read_csv(p, encoding, text_column)
    if kind == "txt":
        return read_txt(p, encoding)
    raise ImportFailed(f"{p}: unknown format {fmt!r} (one of {', '.join(FORMATS)})")


def import_paths(project: Project, paths: list[str | Path], fmt: str = "auto", encoding: str | None = None,
                 text_column: str = "text", progress=None) -> ImportResult:
    """Read every path, validate every record against the project's scheme, then add all in one transaction."""
    drafts: list[tuple[Path, ArticleDraft]] = []
    for path in paths:
        for d in read_any(path, fmt, encoding, text_column):
            drafts.append((Path(path), d))
    for path, d in drafts:
        try:
            validate_draft(d, project.scheme)
        except (SpanError, SchemeError) as exc:
            where = path / d.source if path.is_dir() and d.source else path
            raise fail(where, d.line, str(exc)) from None
    return project.import_articles([d for _, d in drafts], progress)


__all__ = ["read_any", "import_paths", "read_txt", "read_jsonl", "read_csv", "read_folder", "split_articles"]
