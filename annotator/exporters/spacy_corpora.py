"""spaCy corpora (train/dev DocBins, stance and claim corpora, configs), beside the other formats.

They are built by `annotator.nlp.corpus`, which needs spaCy's Doc and DocBin: it is imported
when a spaCy export is asked for, so the other exports (and the command line) never load spaCy.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..store import Project

if TYPE_CHECKING:
    from ..nlp.corpus_format import Manifest


def export(project: Project, out: str | Path, include_all: bool = False,
           progress: Callable[[int, int], None] | None = None, *, dev: float = 0.2, seed: int = 0,
           n_process: int | None = None) -> "Manifest":
    from ..nlp.corpus import export_spacy

    return export_spacy(project, out, dev=dev, seed=seed, include_all=include_all, n_process=n_process,
                        progress=progress)


def summary(m: "Manifest", out: str | Path) -> list[str]:
    """What was written, what was left out and why, and how to check and train the folder."""
    from ..nlp.corpus_format import CHECKWORTHY
    from ..nlp.corpus_parts import corpus_notes, spacy_command

    claims = sum(v for k, v in m.claims.items() if k != CHECKWORTHY)
    lines = [f"wrote {m.articles['train']} train and {m.articles['dev']} dev article(s) to {out}",
             f"{sum(m.entities.values())} entities, {sum(m.quotes.values())} quotes, {m.links} speaker links, "
             f"{sum(m.stance.values())} stance and {claims} claim examples"]
    dropped = []
    if m.overlapping_entities_dropped:
        dropped.append(f"{m.overlapping_entities_dropped} overlapping entities")
    if m.misaligned_spans_dropped:
        dropped.append(f"{m.misaligned_spans_dropped} spans off token boundaries")
    if m.unadjudicated_left_out:
        dropped.append(f"{m.unadjudicated_left_out} article(s) two annotators finished, not adjudicated")
    if dropped:
        lines.append(f"left out: {' and '.join(dropped)} (see manifest.json)")
    lines += corpus_notes(m)
    # the model beside the folder, not in it: an export replaces its folder whole (a model in it is refused)
    lines.append(f"check and train it: cd {out} && {spacy_command('debug data config.cfg')} && "
                 f"{spacy_command(f'train config.cfg --output ../{Path(out).name}-model')}")
    return lines
