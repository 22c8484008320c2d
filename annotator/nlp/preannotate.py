"""Pre-annotate a project's new articles: pipeline -> analyse -> project.apply_suggestions.

Articles in progress, done or skipped are never touched (the store re-checks this inside its
transaction, so an article opened by an annotator meanwhile is safe too). Re-running skips the
articles this model already did on the same text, so a stopped run goes on where it stopped; the
store keeps suggestions that did not change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from annotator.suggestions import articles_to_preannotate

from .extract import analyse
from .pipeline import load_pipeline
from .writer import SuggestionWriter, known_person_names

if TYPE_CHECKING:
    from annotator.store import Project

MODEL_SETTING = "model"  # project setting naming its own trained pipeline (a path or package name)


def run(project: "Project", model: str | None = None, n_process: int = 1,
        progress: Callable[[int, int], None] | None = None, article_ids: Iterable[int] | None = None,
        batch_size: int = 8) -> dict:
    """Suggest entities, quotes and speakers for the project's `new` articles; returns counts.

    Articles this model already pre-annotated (same text) are skipped, so a stopped run resumes.
    `annotator.nlp.cluster.run` is the same on a Dask cluster."""
    model = model or project.setting(MODEL_SETTING)
    nlp, name = load_pipeline(model, known_person_names(project))
    ids, skipped = articles_to_preannotate(project, name, article_ids)
    writer = SuggestionWriter(project, name)
    if progress:
        progress(0, len(ids))

    def texts() -> Iterator[tuple[str, tuple[int, str | None]]]:
        for aid in ids:
            a = project.get_article(aid)
            yield a.text, (aid, a.content_hash)

    # Long articles are fine for our rules; let spaCy take them too (it refuses > max_length).
    longest = max((len(project.get_article(i).text) for i in ids), default=0)
    nlp.max_length = max(nlp.max_length, longest + 1)
    for done, (doc, (aid, chash)) in enumerate(nlp.pipe(texts(), as_tuples=True, n_process=n_process,
                                                        batch_size=batch_size), start=1):
        writer.apply(aid, analyse(doc, writer.labels), chash)
        if progress:
            progress(done, len(ids))
    return writer.summary(skipped)
