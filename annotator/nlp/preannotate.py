"""Pre-annotate a project's new articles: pipeline -> analyse -> project.apply_suggestions.

Articles in progress, done or skipped are never touched (the store re-checks this inside its
transaction, so an article opened by an annotator meanwhile is safe too). Re-running skips the
articles this model and these rules (`pipeline.recorded_name`) already did on the same text, so a
stopped run goes on where it stopped; the store keeps suggestions that did not change.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import spacy

from annotator.suggestions import articles_to_preannotate

from ..procs import forked_children_die_with_us
from .extract import analyse
from .longdocs import pipe_articles
from .pipeline import default_model, load_pipeline, looks_like_path, recorded_name
from .writer import SuggestionWriter, known_person_names

if TYPE_CHECKING:
    from annotator.store import Project

MODEL_SETTING = "model"  # project setting naming its own trained pipeline (a path or package name)


@dataclass(frozen=True)
class ModelChoice:
    """Which pipeline pre-annotation loads, and why (said before it is loaded: a shared project's
    setting may name any folder on this machine)."""

    spec: str | None  # what is loaded: a folder, a package name, or None for the default
    source: str  # "--model", "project setting" or "default"
    registered: bool = True  # a project setting naming one of the project's own trained models

    def describe(self) -> str:
        if self.spec is None:
            name = default_model()
            if name is None:
                return "model: none installed, rules only (the default: no --model and no project setting)"
            return (f"model: {name} from {spacy.util.get_package_path(name)} "
                    "(the default: no --model and no project setting)")
        what = str(Path(self.spec).resolve()) if looks_like_path(self.spec) else f"{self.spec} (installed package)"
        if self.source == "--model":
            return f"model: {what} (from --model)"
        note = "" if self.registered else "; not one of this project's trained models"
        return (f"model: {what} (the project's model setting{note}; `annotator models --default` "
                "goes back to the stock model)")


def choose_model(project: "Project", model: str | None = None) -> ModelChoice:
    if model:
        return ModelChoice(model, "--model")
    setting = project.setting(MODEL_SETTING)
    if setting:
        known = {m.get("path") for m in json.loads(project.setting("models") or "[]") if isinstance(m, dict)}
        return ModelChoice(setting, "project setting", setting in known)
    return ModelChoice(None, "default")


def run(project: "Project", model: str | None = None, n_process: int = 1,
        progress: Callable[[int, int], None] | None = None, article_ids: Iterable[int] | None = None,
        batch_size: int = 8, announce: Callable[[str], None] | None = None) -> dict:
    """Suggest entities, quotes and speakers for the project's `new` articles; returns counts.

    Articles this model and these rules already pre-annotated (same text) are skipped, so a
    stopped run resumes (`pipeline.RULES_VERSION`).
    `annotator.nlp.cluster.run` is the same on a Dask cluster. `announce(text)` is told which
    model is loaded and where the choice came from, before it is loaded."""
    choice = choose_model(project, model)
    if announce:
        announce(choice.describe())
    model = choice.spec
    nlp, name = load_pipeline(model, lambda: known_person_names(project))  # read for rules only
    name = recorded_name(name)
    ids, skipped = articles_to_preannotate(project.conn, name, article_ids)
    writer = SuggestionWriter(project, name)
    if progress:
        progress(0, len(ids))

    def texts() -> Iterator[tuple[str, tuple[int, str | None]]]:
        for aid in ids:
            a = project.get_article(aid)
            yield a.text, (aid, a.content_hash)

    # Long articles are fine for our rules; let spaCy take them too (it refuses > max_length).
    longest = project.conn.execute(  # SQLite measures them: no pass loading every article first
        "SELECT coalesce(max(length(text)), 0) FROM articles WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(ids),)).fetchone()[0]
    nlp.max_length = max(nlp.max_length, longest + 1)
    forked_children_die_with_us()  # spaCy's workers must not outlive a killed command (procs)
    # long articles go through in pieces, in bounded memory (longdocs)
    for done, (doc, (aid, chash)) in enumerate(pipe_articles(nlp, texts(), n_process=n_process,
                                                             batch_size=batch_size), start=1):
        writer.apply(aid, analyse(doc, writer.labels), chash)
        if progress:
            progress(done, len(ids))
    return writer.summary(skipped)
