"""Reading a team project: who is on the team, and each annotator's layer (written by `merge`).

A layer holds only what the annotator reviewed (unreviewed model suggestions are nobody's work),
keyed by annotator, article and item (the item's place in the annotator's article, in text
order). Their article status is kept beside it (`layer_articles`): agreement and adjudication
look at the articles two or more annotators marked done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import rows
from ..errors import AnnotatorError
from ..models import Article, ArticleAnnotations, Entity, Quote
from . import ANNOTATOR, TEAM_ID

if TYPE_CHECKING:
    from ..store import Project

QUOTE_COLS = ("id", "item", "start", "end", "kind", "cue_start", "cue_end", "speaker_id", "speaker_start",
              "speaker_end", "stances", "claim", "checkworthy", "note")
ENTITY_COLS = ("id", "item", "start", "end", "label", "person_id")


def team_id(project: "Project") -> str | None:
    return project.setting(TEAM_ID)


def is_annotator_file(project: "Project") -> bool:
    return project.setting(ANNOTATOR) is not None


def require_team(project: "Project") -> str:
    """The team id of a team project; one line if the project is none."""
    tid = team_id(project)
    if tid is None or is_annotator_file(project):
        what = "an annotator's file" if is_annotator_file(project) else "not a team project"
        raise AnnotatorError(f"{project.path}: {what} (deal batches out of a team project first: `annotator assign`)")
    return tid


def annotators(project: "Project") -> list[str]:
    """Everyone the team project ever assigned articles to, by name."""
    return [r[0] for r in project.conn.execute(
        "SELECT annotator FROM team_assignments UNION SELECT annotator FROM layer_articles ORDER BY 1")]


def has_layers(project: "Project") -> bool:
    return project.conn.execute("SELECT 1 FROM layer_articles LIMIT 1").fetchone() is not None


def overlap_article_ids(project: "Project", min_done: int = 2) -> list[int]:
    """Articles that at least `min_done` annotators marked done, by id."""
    return [r[0] for r in project.conn.execute(
        "SELECT article_id FROM layer_articles WHERE status = 'done' GROUP BY article_id HAVING count(*) >= ?"
        " ORDER BY article_id", (min_done,))]


def done_annotators(project: "Project", article_id: int) -> list[str]:
    return [r[0] for r in project.conn.execute(
        "SELECT annotator FROM layer_articles WHERE article_id = ? AND status = 'done' ORDER BY annotator",
        (article_id,))]


# A layer holds an annotator's reviewed work only: what the main tables add to it is the same for all.
_REVIEWED = {"origin": "human", "confidence": None, "reviewed": True, "version": 0}


def layer_quotes(project: "Project", article_id: int, annotator: str) -> list[Quote]:
    return [rows.quote_from_row(r, validate=False, article_id=article_id, claim_confidence=None, **_REVIEWED)
            for r in project.conn.execute(
                f"SELECT {rows.cols(QUOTE_COLS)} FROM layer_quotes WHERE annotator = ? AND article_id = ? ORDER BY item",
                (annotator, article_id))]


def layer_entities(project: "Project", article_id: int, annotator: str) -> list[Entity]:
    return [rows.entity_from_row(r, validate=False, article_id=article_id, **_REVIEWED) for r in project.conn.execute(
        f"SELECT {rows.cols(ENTITY_COLS)} FROM layer_entities WHERE annotator = ? AND article_id = ? ORDER BY item",
        (annotator, article_id))]


def load_layer(project: "Project", article_id: int, annotator: str, validate: bool = False) -> ArticleAnnotations:
    """One annotator's work on one article, shaped as the exporters read the main tables: the
    article with the annotator's status, their reviewed entities and quotes, the persons named."""
    row = project.conn.execute("SELECT status FROM layer_articles WHERE annotator = ? AND article_id = ?",
                               (annotator, article_id)).fetchone()
    if row is None:
        raise AnnotatorError(f"article {article_id}: nothing merged from {annotator}")
    art = project.get_article(article_id)
    article = Article.model_validate({**art.model_dump(), "status": row[0]}) if validate else \
        art.model_copy(update={"status": row[0]})
    entities = layer_entities(project, article_id, annotator)
    quotes = layer_quotes(project, article_id, annotator)
    pids = {e.person_id for e in entities if e.person_id} | {q.speaker_id for q in quotes if q.speaker_id}
    return ArticleAnnotations.model_construct(article=article, entities=entities, quotes=quotes,
                                              persons=project.persons_by_id(pids))
