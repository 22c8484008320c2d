"""What exports and training read from a project: gold where it exists, else one annotator's work.

In a project with no merged layers this is what it always was: the articles marked done (every
article with `include_all`), from the main tables. In a team project, per article:

1. the gold layer (the main tables) when the article is done there: adjudicated, or reviewed
   by the lead directly;
2. else, when exactly one annotator finished it (any status with `include_all`), that
   annotator's layer;
3. else, when two or more annotators finished it and nobody adjudicated it yet, *nothing*: it is
   left out and counted (`Selection.left_out`), never a silent mix or a silent choice of one;
4. else (with `include_all` only) the main tables: the model's suggestions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .layers import has_layers, load_layer

if TYPE_CHECKING:
    from ..models import ArticleAnnotations
    from ..store import Project


@dataclass(frozen=True)
class Selection:
    items: list[tuple[int, str | None]]  # (article id, annotator whose layer, or None for the main tables)
    left_out: int = 0  # finished by two or more annotators, not adjudicated

    @property
    def ids(self) -> list[int]:
        return [aid for aid, _ in self.items]

    def note(self) -> str | None:
        if not self.left_out:
            return None
        return (f"{self.left_out} article(s) finished by two or more annotators and not adjudicated yet were left "
                "out (adjudicate them, or mark them done in the team project)")


def select(project: "Project", include_all: bool = False) -> Selection:
    if not has_layers(project):
        return Selection([(aid, None) for aid in project.article_ids(None if include_all else "done")])
    layers = defaultdict(list)
    cond = "" if include_all else " WHERE status = 'done'"
    for aid, who in project.conn.execute(f"SELECT article_id, annotator FROM layer_articles{cond} ORDER BY 1, 2"):
        layers[aid].append(who)
    items, left_out = [], 0
    for aid, status in project.conn.execute("SELECT id, status FROM articles ORDER BY id"):
        who = layers.get(aid, [])
        if status == "done":
            items.append((aid, None))
        elif len(who) == 1:
            items.append((aid, who[0]))
        elif len(who) >= 2:
            left_out += 1
        elif include_all:
            items.append((aid, None))
    return Selection(items, left_out)


def load(project: "Project", article_id: int, annotator: str | None) -> "ArticleAnnotations":
    """The article as the selection says: the main tables, or one annotator's layer."""
    if annotator is None:
        return project.load_article(article_id, validate=False)
    return load_layer(project, article_id, annotator)
