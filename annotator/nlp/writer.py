"""The one writer of pre-annotation, shared by every engine (local `nlp.pipe`, a Dask cluster).

Whoever computes the suggestions, they reach the project here, one article at a time in article
order: persons are linked to those the project knows ("Trump" here is the "Donald Trump" of an
earlier article), then `Project.apply_suggestions` stores them under its rules (reviewed items,
articles in progress, done or skipped are never touched). Which articles need the work at all is
`annotator.suggestions.articles_to_preannotate`.

Linking reads only what the project stores, never what this run happened to see: the name index
is kept equal to the project's sources (those the article refers to are read back after each
article; another connection's commit rebuilds it), so a run killed after any article and resumed
stores exactly what one uninterrupted run stores.
"""

from __future__ import annotations

import json
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
    for r in project.conn.execute("SELECT id, name, aliases, kind FROM persons WHERE article_id IS NULL"):
        index.put(r[0], r[1], json.loads(r[2]), r[3])
    return index


def _sources_of(project: "Project", article_id: int) -> set[int]:
    """The sources an article's items refer to, and the organisations those speak for."""
    return {r[0] for r in project.conn.execute(
        """WITH used(id) AS (SELECT person_id FROM entities WHERE article_id = ?1 AND person_id IS NOT NULL
                             UNION SELECT speaker_id FROM quotes WHERE article_id = ?1 AND speaker_id IS NOT NULL)
           SELECT id FROM used UNION SELECT org_id FROM persons WHERE id IN used AND org_id IS NOT NULL""",
        (article_id,))}


def known_person_names(project: "Project") -> list[str]:
    """The names the rules-only pipeline's entity ruler tags PERSON: persons a human made or
    confirmed (created or edited by hand, or the person of a reviewed or hand-made item), by
    canonical name. Not the persons pre-annotation itself creates, nor aliases (it adds some):
    the ruler would then grow as a run goes on, and a run stopped and resumed would tag what one
    uninterrupted run does not. Organisations and described sources stay out."""
    return sorted({r[0] for r in project.conn.execute(
        """SELECT name FROM persons WHERE kind = 'person' AND article_id IS NULL AND (origin = 'human'
             OR id IN (SELECT person_id FROM entities WHERE origin = 'human' OR reviewed = 1)
             OR id IN (SELECT speaker_id FROM quotes WHERE origin = 'human' OR reviewed = 1))""")})


class SuggestionWriter:
    """Applies one article's `Analysis` after another and keeps the run's counts."""

    def __init__(self, project: "Project", model_name: str):
        self.project, self.model = project, model_name
        self.index, self.stored = known_persons(project), {}  # stored: the rows last read back, by id
        self.seen = self._data_version()
        self.labels = set(project.scheme.entity_labels)  # what `analyse` keeps, wherever it runs
        self.totals: Counter = Counter({k: 0 for k in COUNT_KEYS})

    def apply(self, article_id: int, result: Analysis, content_hash: str | None = None) -> dict:
        if self._data_version() != self.seen:  # another connection changed the project: read it again
            self.index, self.stored, self.seen = known_persons(self.project), {}, self._data_version()
        persons = link_to_known(result.persons, self.index)
        with self.project.transaction():  # what the index learns is what this transaction stores
            before = _sources_of(self.project, article_id)
            counts = self.project.apply_suggestions(article_id, result.entities, result.quotes, persons, self.model,
                                                    content_hash)
            self._read_back(before | _sources_of(self.project, article_id))
        self.totals.update(counts)
        self.totals["articles"] += 1 - counts.get("skipped", 0)
        return counts

    def _read_back(self, ids: set[int]) -> None:
        """Sources created, given new aliases or deleted by the last article, as now stored."""
        if not ids:
            return
        rows = self.project.conn.execute(
            f"SELECT id, name, aliases, kind FROM persons WHERE id IN ({','.join('?' * len(ids))}) "
            "AND article_id IS NULL", sorted(ids)).fetchall()
        for pid in ids - {r[0] for r in rows}:
            self.index.remove(pid)
            self.stored.pop(pid, None)
        for r in rows:
            if self.stored.get(r[0]) != tuple(r):  # most sources come back unchanged
                self.index.put(r[0], r[1], json.loads(r[2]), r[3])
                self.stored[r[0]] = tuple(r)

    def _data_version(self) -> int:
        return self.project.conn.execute("PRAGMA data_version").fetchone()[0]

    def summary(self, skipped: int = 0) -> dict:
        """The counts the CLI prints: articles written, suggestions added/removed, skipped, model."""
        totals = Counter(self.totals)
        totals["skipped"] += skipped
        return {**totals, "model": self.model}
