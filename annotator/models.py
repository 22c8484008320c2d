"""Domain objects of a project, independent of storage and of any GUI.

Glossary (see README): an *article* is one news story; a *mention* (entity) is a labelled
character span of it; a *quote* is a span of quoted words with a *cue* (the reporting verb) and a
*speaker*, the *source* who said it. A source has a kind: a *person* (one real individual across
the whole project, with a canonical name and aliases: "Sir Keir Starmer", "Starmer", "Starmerr"),
an *organisation* ("the Health Ministry"), a *group* ("protesters"), an *unnamed* person the
article only describes ("a defence ministry spokesman", optionally tied to an organisation) or a
*document* ("the report"). Sources the article only describes belong to that article.
Offsets are Python string indices (code points) into `Article.text`, end exclusive.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .errors import SpanError


class Origin(str, Enum):
    MODEL = "model"
    HUMAN = "human"


class Status(str, Enum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class Stance(_Model):
    target: str
    label: str
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)  # set on model suggestions only


SOURCE_KINDS = ("person", "organisation", "group", "unnamed", "document")
SourceKind = Literal["person", "organisation", "group", "unnamed", "document"]
# The kind a source created from a selected entity starts with (the annotator may pick another).
KIND_OF_LABEL = {"PERSON": "person", "ORG": "organisation", "GPE": "organisation", "FAC": "organisation",
                 "NORP": "group", "LAW": "document", "WORK_OF_ART": "document"}


class Source(_Model):
    """Who says something in the news: a person, an organisation, a group, an unnamed person or a
    document. Stored in the `persons` table (a person is the first kind of source there was)."""

    id: int | None = None
    name: str = Field(min_length=1)
    aliases: list[str] = []
    kind: SourceKind = "person"
    org_id: int | None = None  # the organisation an unnamed person speaks for ("a Treasury spokesman")
    article_id: int | None = None  # set for a source the article only describes: another article's is another
    origin: Origin = Origin.MODEL
    version: int = 0


Person = Source  # the older name: most sources are persons


class Entity(_Model):
    """A named-entity mention."""

    id: int | None = None
    article_id: int | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    label: str
    person_id: int | None = None
    origin: Origin = Origin.MODEL
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    reviewed: bool = False
    version: int = 0

    @model_validator(mode="after")
    def _order(self) -> "Entity":
        if self.end <= self.start:
            raise ValueError(f"entity span {self.start}-{self.end} is empty or reversed")
        return self


_ORIGINS = frozenset(o.value for o in Origin)


def quick_entity(start: int, end: int, label: str, person_id: int | None = None, origin: str = "model",
                 confidence: float | None = None, reviewed: bool = False) -> Entity:
    """`Entity(...)` for an import's hot path (300,000 spans in 10,000 articles, their types
    checked by the record model already): values that plainly meet every rule of Entity make the
    instance without validating them a second time, which was a fifth of reading a large file.
    Anything else is validated as usual, so what is wrong is said in the same words."""
    if (type(start) is int and type(end) is int and 0 <= start < end and type(label) is str
            and (person_id is None or type(person_id) is int) and type(origin) is str and origin in _ORIGINS
            and (confidence is None or (type(confidence) is float and 0.0 <= confidence <= 1.0))
            and type(reviewed) is bool):
        e = Entity.__new__(Entity)  # what BaseModel.model_construct does, without its per-field loop
        _set(e, "__dict__", {"id": None, "article_id": None, "start": start, "end": end, "label": label,
                             "person_id": person_id, "origin": origin, "confidence": confidence,
                             "reviewed": reviewed, "version": 0})
        _set(e, "__pydantic_fields_set__", set(_QUICK_FIELDS))
        _set(e, "__pydantic_extra__", None)
        _set(e, "__pydantic_private__", None)
        return e
    return Entity(start=start, end=end, label=label, person_id=person_id, origin=origin, confidence=confidence,
                  reviewed=reviewed)


_set = object.__setattr__
_QUICK_FIELDS = ("start", "end", "label", "person_id", "origin", "confidence", "reviewed")


class Quote(_Model):
    """A quoted stretch: `start`/`end` cover the quoted words without the quotation marks."""

    id: int | None = None
    article_id: int | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: str = "direct"
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_id: int | None = None  # the person
    speaker_start: int | None = None  # the mention naming them here ("Starmer", "he", "who")
    speaker_end: int | None = None
    stances: list[Stance] = []
    claim: str | None = None
    claim_confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    checkworthy: bool | None = None
    note: str = ""
    origin: Origin = Origin.MODEL
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    reviewed: bool = False
    version: int = 0

    @model_validator(mode="after")
    def _order(self) -> "Quote":
        if self.end <= self.start:
            raise ValueError(f"quote span {self.start}-{self.end} is empty or reversed")
        for a, b, what in ((self.cue_start, self.cue_end, "cue"), (self.speaker_start, self.speaker_end, "speaker")):
            if (a is None) != (b is None):
                raise ValueError(f"{what} span needs both start and end")
            if a is not None and b <= a:
                raise ValueError(f"{what} span {a}-{b} is empty or reversed")
        return self


class Article(_Model):
    id: int | None = None
    title: str | None = None
    place: str | None = None  # the dateline's place ("London – ...")
    text: str
    source: str | None = None  # the imported file's name
    published: date | None = None
    meta: dict[str, Any] = {}
    status: Status = Status.NEW
    model: str | None = None  # the pipeline that pre-annotated it
    content_hash: str | None = None
    version: int = 0
    flagged: bool = False  # set aside for a question or a second look
    comment: str = ""  # the annotator's note on the whole article


class ArticleDraft(_Model):
    """An article on its way in from an importer, with any suggestions that came with it."""

    title: str | None = None
    place: str | None = None
    text: str
    source: str | None = None
    published: date | None = None
    meta: dict[str, Any] = {}
    status: Status = Status.NEW
    model: str | None = None
    entities: list[Entity] = []
    quotes: list[Quote] = []
    persons: dict[int, Person] = {}  # draft-local key used by speaker_id / person_id -> the source
    article_sources: set[int] = set()  # keys of sources the article only describes: the article's own
    org_names: dict[int, str] = {}  # key of an unnamed source -> the organisation it speaks for
    line: int | None = None  # where it came from, for error messages


class ArticleAnnotations(_Model):
    """One article with everything on it, as the document view and exporters need it."""

    article: Article
    entities: list[Entity]
    quotes: list[Quote]
    persons: dict[int, Person]


def span_fits(text: str, start: int, end: int) -> bool:
    """Whether a span lies on the text: in range, not empty, not starting or ending in blank space."""
    return 0 <= start < end <= len(text) and not text[start].isspace() and not text[end - 1].isspace()


def check_span(text: str, start: int | None, end: int | None, what: str) -> None:
    """Reject a span that does not lie on the text (`span_fits`), saying why."""
    if start is None and end is None:
        return
    if start is None or end is None:
        raise SpanError(f"{what} span needs both start and end")
    n = len(text)
    if not (0 <= start < end <= n):
        raise SpanError(f"{what} span {start}-{end} is out of range for a text of {n} characters")
    if text[start].isspace() or text[end - 1].isspace():
        raise SpanError(f"{what} span {start}-{end} starts or ends on blank space: {text[start:end]!r}")
