"""The one writer of pre-annotation, shared by every engine (local `nlp.pipe`, a Dask cluster).

Whoever computes the suggestions, they reach the project here, one article at a time in article
order: persons are linked to those known so far ("Trump" here is the "Donald Trump" of an
earlier article), then `Project.apply_suggestions` stores them under its rules (reviewed items,
articles in progress, done or skipped are never touched). Which articles need the work at all is
`annotator.suggestions.articles_to_preannotate`.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from .extract import Analysis
from .persons import NameIndex, link_to_known

if TYPE_CHECKING:
    from annotator.store import Project

COUNT_KEYS = ("articles", "entities_added", "entities_removed", "quotes_added", "quotes_removed", "skipped")


def known_persons(project: "Project") -> NameIndex:
    """The project's named sources (persons by name and surname, organisations by exact name);
    sources an article only describes ("a spokesman") are nobody elsewhere."""
    index = NameIndex()
    for p in project.all_persons():
        if p.article_id is None:
            index.add(p.name, p.aliases, p.kind)
    return index


def known_person_names(project: "Project") -> list[str]:
    """Every name and alias of the project's persons (the rules-only pipeline's entity ruler,
    which tags them PERSON: organisations and described sources stay out)."""
    return sorted({n for p in project.all_persons() if p.kind == "person" for n in (p.name, *p.aliases)})


class SuggestionWriter:
    """Applies one article's `Analysis` after another and keeps the run's counts."""

    def __init__(self, project: "Project", model_name: str):
        self.project, self.model = project, model_name
        self.index = known_persons(project)
        self.labels = set(project.scheme.entity_labels)  # what `analyse` keeps, wherever it runs
        self.totals: Counter = Counter({k: 0 for k in COUNT_KEYS})

    def apply(self, article_id: int, result: Analysis, content_hash: str | None = None) -> dict:
        persons = link_to_known(result.persons, self.index)
        counts = self.project.apply_suggestions(article_id, result.entities, result.quotes, persons, self.model,
                                                content_hash)
        for p in persons.values():
            if not p.local:
                self.index.add(p.name, p.aliases, p.kind)
        self.totals.update(counts)
        self.totals["articles"] += 1 - counts.get("skipped", 0)
        return counts

    def summary(self, skipped: int = 0) -> dict:
        """The counts the CLI prints: articles written, suggestions added/removed, skipped, model."""
        totals = Counter(self.totals)
        totals["skipped"] += skipped
        return {**totals, "model": self.model}
