"""The interchange records, written once: the shape of a line of our JSONL, of a Prodigy task and of
a doccano line, as pydantic models. The importer reads lines through them (`importers.jsonl`),
the exporters write the keys they name (`exporters.records`, `exporters.jsonl`), and `validate`
tells the formats apart with `record_kind`.

The models check the shape (which keys, which types); what the values mean against the text and
the scheme (offsets in range, labels of the scheme, a relation's ends among the spans) is the
importer's and the store's to check. Keys a model does not name ride along (doccano keeps a
line's other keys as metadata). `problem(error)` says what is wrong in one line, as every import
error does.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, field_validator

from .models import SOURCE_KINDS

QUOTE_LABELS = {"QUOTE", "QUOTATION"}
RELATION_ONLY = {"SPEAKER", "CUE"}  # span labels that only anchor a relation: not entities
ANSWERS = ("accept", "reject", "ignore")  # Prodigy's answers


class _Record(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


def _none_is_empty(v: Any) -> Any:
    """A missing list may be null or empty-ish (as the importers always took it): no items."""
    return v if v else []


# --- our own: the quotes and sources every record of ours carries ----------------------------------

class StanceEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    target: str
    label: str
    confidence: float | None = None


class QuoteEntry(_Record):
    """One of a record's `quotes` (start/end: the quoted words, marks excluded)."""

    start: StrictInt
    end: StrictInt
    kind: str | None = None  # direct when absent
    speaker: str | None = None  # the source's canonical name
    speaker_kind: str | None = None
    speaker_start: StrictInt | None = None
    speaker_end: StrictInt | None = None
    cue_start: StrictInt | None = None
    cue_end: StrictInt | None = None
    stances: list[StanceEntry] = []
    claim: str | None = None
    claim_confidence: float | None = None
    checkworthy: bool | None = None
    note: str | None = None
    confidence: float | None = None
    origin: str = "model"
    reviewed: bool = False

    _stances = field_validator("stances", mode="before")(_none_is_empty)


class PersonEntry(_Record):
    """One of a record's `persons`: a source with its canonical name."""

    name: str
    aliases: list[Any] = []
    kind: str | None = None  # person when absent
    org: Any = None  # the organisation an unnamed source speaks for (by name)
    scope: Any = None  # "article": a source the article only describes

    _aliases = field_validator("aliases", mode="before")(_none_is_empty)

    @field_validator("kind")
    @classmethod
    def _kind(cls, v: str | None) -> str | None:
        if v and v not in SOURCE_KINDS:
            raise ValueError(f"is an unknown kind {v!r} (one of {', '.join(SOURCE_KINDS)})")
        return v


class _Line(_Record):
    text: str
    meta: dict[str, Any] = {}
    persons: list[PersonEntry] = []

    _persons = field_validator("persons", mode="before")(_none_is_empty)

    @field_validator("meta", mode="before")
    @classmethod
    def _no_meta(cls, v: Any) -> Any:
        return v if v else {}


# --- Prodigy (and ours, which is a Prodigy task with quotes and persons) ----------------------------

class Span(_Record):
    """A Prodigy span; ours adds the linked source's name and the review state."""

    start: StrictInt
    end: StrictInt
    label: Any = None
    token_start: Any = None  # inclusive, as Prodigy
    token_end: Any = None
    person: str | None = None
    origin: str = "model"
    confidence: float | None = None
    reviewed: bool = False


class Relation(_Record):
    """Prodigy's relation: `head` and `child` the last token of each span, `head_span`/`child_span` the spans."""

    head: Any = None
    child: Any = None
    label: Any = None
    head_span: Span | None = None
    child_span: Span | None = None


class ProdigyTask(_Line):
    spans: list[Span] = []
    relations: list[Relation] = []
    answer: str | None = None
    input_hash: Any = Field(None, alias="_input_hash")

    _lists = field_validator("spans", "relations", mode="before")(_none_is_empty)

    @field_validator("answer")
    @classmethod
    def _answer(cls, v: str | None) -> str | None:
        if v is not None and v not in ANSWERS:
            raise ValueError(f"must be accept, reject or ignore, got {v!r}")
        return v


class OurRecord(ProdigyTask):
    """What `annotator export jsonl` writes (and reads back): a Prodigy task plus quotes and persons."""

    quotes: list[QuoteEntry]


# --- doccano -------------------------------------------------------------------------------------

class DoccanoEntity(_Record):
    id: Any = None
    label: Any = None
    start_offset: StrictInt
    end_offset: StrictInt
    confidence: float | None = None  # on our `suggestions` only


class DoccanoRelation(_Record):
    id: Any = None
    from_id: Any = None
    to_id: Any = None
    type: Any = None


class DoccanoSuggestions(_Record):
    entities: list[DoccanoEntity] = []

    _lists = field_validator("entities", mode="before")(_none_is_empty)


class DoccanoLine(_Line):
    """doccano's sequence labelling line: `label` as [[start, end, LABEL], ...] or `entities` with
    `relations`; ours adds `quotes`, `persons` and `suggestions` (which doccano keeps as metadata)."""

    label: list[Any] = []
    entities: list[DoccanoEntity] = []
    relations: list[DoccanoRelation] = []
    suggestions: DoccanoSuggestions = DoccanoSuggestions()
    quotes: list[QuoteEntry] = []

    _lists = field_validator("label", "entities", "relations", "quotes", mode="before")(_none_is_empty)

    @field_validator("label")
    @classmethod
    def _triples(cls, v: list[Any]) -> list[Any]:
        for i, item in enumerate(v):
            if not (isinstance(item, list) and len(item) == 3):
                raise ValueError(f"[{i}] must be [start, end, LABEL], got {item!r}")
            for k, what in ((0, "start"), (1, "end")):
                if isinstance(item[k], bool) or not isinstance(item[k], int):
                    raise ValueError(f"[{i}] {what} must be an integer, got {item[k]!r}")
        return v

    @field_validator("suggestions", mode="before")
    @classmethod
    def _no_suggestions(cls, v: Any) -> Any:
        return v if v else {}


# --- telling the formats apart, and saying what is wrong ------------------------------------------

def record_kind(obj: dict) -> str:
    """"doccano", "ours" (a `quotes` list) or "prodigy", by the line's keys."""
    if isinstance(obj.get("label"), list) or (isinstance(obj.get("entities"), list) and "spans" not in obj):
        return "doccano"
    return "ours" if isinstance(obj.get("quotes"), list) else "prodigy"


MODELS = {"doccano": DoccanoLine, "ours": OurRecord, "prodigy": ProdigyTask}


def problem(err: ValidationError) -> str:
    """The first error, in the importers' words: `spans[3].start must be an integer, got 1.5`."""
    e = err.errors()[0]
    loc = e["loc"]
    where = "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if n else str(p)) for n, p in enumerate(loc))
    shown = f'"{where}"' if len(loc) == 1 else where  # a key of the line itself, as JSON names it
    got = e.get("input")
    kind = e["type"]
    if kind == "value_error":
        said = str(e.get("ctx", {}).get("error", e["msg"]))
        # "[3] must be ..." names an item of the key: label[3], not label [3]
        return f"{where}{'' if said.startswith('[') else ' '}{said}" if where else said
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{where} must be an integer, got {got!r}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{shown} must be an object (a mapping), got {type(got).__name__}"
    if kind == "list_type":
        return f"{shown} must be a list; each of its items must be an object"
    if kind == "missing":
        return f"{where} is missing"
    return f"{where}: {e['msg']}"


def stance_control(target: str) -> str:
    """Label Studio: the name of the per-region Choices for one stance target, e.g. "stance_ukraine_in_nato"."""
    return "stance_" + "".join(ch if ch.isalnum() else "_" for ch in target.lower()).strip("_")
