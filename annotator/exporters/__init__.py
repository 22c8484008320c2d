"""Exporters: the project's reviewed work as files other tools read.

`FORMATS` is the one list of them: the command line (`annotator export FORMAT`) and the app's
Project ▸ Export menu are both made from it, and `export(key, ...)` runs any of them. Each
writes all or nothing (`fsutil`), from the gold layer or, in a team project, the annotators'
layers (`team.selection`), and checks what it wrote against the format (`validate`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..store import Project
from . import spacy_corpora
from .doccano import export_doccano
from .jsonl import export_jsonl
from .labelstudio import export_labelstudio


@dataclass(frozen=True)
class ExportFormat:
    key: str  # `annotator export KEY`
    label: str  # as in the Export menu
    help: str  # what it writes, in one line
    suffix: str  # the default target is the project's name + this
    write: Callable[..., Any]  # (project, out, include_all, progress, **options) -> articles written, or a Manifest
    folder: bool = False  # writes a folder (spaCy) rather than one file
    filter: str = ""  # the save dialog's file filter

    def run(self, project: Project, out: str | Path, include_all: bool = False,
            progress: Callable[[int, int], None] | None = None, **options) -> "ExportResult":
        done = self.write(project, out, include_all, progress, **options)
        if isinstance(done, int):
            return ExportResult(self, str(out), done)
        return ExportResult(self, str(out), done.articles["train"] + done.articles["dev"], done)


@dataclass
class ExportResult:
    fmt: ExportFormat
    out: str
    articles: int
    manifest: Any = field(default=None)  # annotator.nlp.corpus.Manifest for spaCy

    def __str__(self) -> str:
        if self.manifest is not None:
            m = self.manifest
            return f"{m.articles['train']} train / {m.articles['dev']} dev article(s) written to {self.out}"
        return f"{self.articles} article(s) written to {self.out}"

    def summary(self) -> list[str]:
        """What the command line prints and the app shows once the export is written."""
        if self.manifest is not None:
            return spacy_corpora.summary(self.manifest, self.out)
        return [f"wrote {self.articles} article(s) to {self.out}"]


FORMATS: dict[str, ExportFormat] = {f.key: f for f in (
    ExportFormat("jsonl", "JSONL (Prodigy-style)", "one article a line: Prodigy's text, spans and relations plus "
                 "quotes and persons; imports back into a project", ".jsonl", export_jsonl,
                 filter="JSONL (*.jsonl);;All files (*)"),
    ExportFormat("doccano", "doccano JSONL", "entities and QUOTE spans with SPEAKER relations", ".doccano.jsonl",
                 export_doccano, filter="JSONL (*.jsonl);;All files (*)"),
    ExportFormat("labelstudio", "Label Studio JSON", "tasks with reviewed work as annotations, suggestions as "
                 "predictions, plus FILE.config.xml", ".labelstudio.json", export_labelstudio,
                 filter="JSON (*.json);;All files (*)"),
    ExportFormat("spacy", "spaCy Corpora (Folder)", "train/dev DocBins, stance and claim corpora, configs that "
                 "`spacy train` runs as they are", "-spacy", spacy_corpora.export, folder=True),
)}


def export(key: str, project: Project, out: str | Path, include_all: bool = False,
           progress: Callable[[int, int], None] | None = None, **options) -> ExportResult:
    """Write the project in format `key` (one of FORMATS); options: spaCy's dev, seed, n_process."""
    return FORMATS[key].run(project, out, include_all, progress, **options)
