"""Pre-annotate a project's new articles: pipeline -> analyse -> project.apply_suggestions.

Articles in progress, done or skipped are never touched (the store re-checks this inside its
transaction, so an article opened by an annotator meanwhile is safe too). Re-running is
idempotent: the store keeps suggestions that did not change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from .extract import analyse
from .persons import NameIndex, link_to_known
from .pipeline import load_pipeline

if TYPE_CHECKING:
    from annotator.store import Project

MODEL_SETTING = "model"  # project setting naming its own trained pipeline (a path or package name)


def known_persons(project: "Project") -> NameIndex:
    index = NameIndex()
    for p in project.all_persons():
        index.add(p.name, p.aliases)
    return index


def run(project: "Project", model: str | None = None, n_process: int = 1,
        progress: Callable[[int, int], None] | None = None, article_ids: Iterable[int] | None = None,
        batch_size: int = 8) -> dict:
    """Suggest entities, quotes and speakers for the project's `new` articles; returns counts."""
    if article_ids is None:
        ids = project.article_ids("new")
    else:
        ids = [i for i in article_ids if project.get_article(i).status == "new"]
    totals: Counter = Counter({"articles": 0})
    skipped = 0 if article_ids is None else len(list(article_ids)) - len(ids)
    model = model or project.setting(MODEL_SETTING)
    index = known_persons(project)
    nlp, name = load_pipeline(model, sorted({n for n in index.exact.values()} | {a for p in project.all_persons()
                                                                                 for a in p.aliases}))
    labels = set(project.scheme.entity_labels)
    if progress:
        progress(0, len(ids))

    def texts() -> Iterator[tuple[str, int]]:
        for aid in ids:
            yield project.get_article(aid).text, aid

    # Long articles are fine for our rules; let spaCy take them too (it refuses > max_length).
    longest = max((len(project.get_article(i).text) for i in ids), default=0)
    nlp.max_length = max(nlp.max_length, longest + 1)
    for done, (doc, aid) in enumerate(nlp.pipe(texts(), as_tuples=True, n_process=n_process,
                                               batch_size=batch_size), start=1):
        result = analyse(doc, labels)
        # "Trump" here is the "Donald Trump" of an earlier article; "Starmerr" is "Keir Starmer".
        persons = link_to_known(result.persons, index)
        counts = project.apply_suggestions(aid, result.entities, result.quotes, persons, name)
        for p in persons.values():
            index.add(p.name, p.aliases)
        totals.update(counts)
        totals["articles"] += 1 - counts.get("skipped", 0)
        if progress:
            progress(done, len(ids))
    totals["skipped"] += skipped
    totals["model"] = name
    return dict(totals)
