"""Our spaCy components, registered as factories so a saved pipeline that lists them loads anywhere.

pyproject.toml exposes `annotator_quotes` and `annotator_persons` as `spacy_factories` entry
points; spaCy imports this module through them, which also registers `annotator_paragraphs`.
Results live on the Doc as plain JSON-like data (they must survive `Doc.to_bytes`, which is how
`nlp.pipe(n_process=2)` ships docs between processes):
- `doc._.annotator_persons`: {"mentions": [...], "persons": [...]}, and `doc.spans["persons"]`
  (label PERSON, kb_id = the local person key);
- `doc._.annotator_quotes`: one dict per quote, and `doc.spans["quotes"]` (label = kind).
"""

from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..procs import die_with_parent, in_worker_process
from .extract import person_mentions, quote_records, quote_spans
from .persons import Mention, PersonDraft, find_persons
from . import quote_candidates  # noqa: F401  (registers annotator_span_finder, which trained pipelines name)

if in_worker_process():  # a worker spawned for nlp.pipe(n_process=...) (or a Dask worker): never outlive us
    die_with_parent(kernel_signal=False)  # who started it, and from which thread, is not ours to know

for _name in ("annotator_persons", "annotator_quotes"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def persons_to_data(mentions: list[Mention], persons: dict[int, PersonDraft]) -> dict:
    return {"mentions": [[m.start, m.end, m.t0, m.t1, m.text, list(m.titles), m.source, m.confidence, m.key]
                         for m in mentions],
            "persons": [{"key": k, "name": p.name, "aliases": list(p.aliases), "gender": p.gender, "kind": p.kind,
                         "org": p.org, "local": p.local} for k, p in persons.items()]}


def persons_from_data(data: dict) -> tuple[list[Mention], dict[int, PersonDraft]]:
    mentions = [Mention(*row[:8], key=row[8]) for row in data["mentions"]]
    persons = {p["key"]: PersonDraft(p["name"], list(p["aliases"]), p["gender"], p.get("kind", "person"), p.get("org"),
                                     p.get("local", False)) for p in data["persons"]}
    return mentions, persons


@Language.component("annotator_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: keeps the parser from gluing a headline to the next paragraph."""
    if doc.has_annotation("DEP") or not len(doc):
        return doc  # parsed already: sentence starts come from the parse
    # Keep what a sentencizer before us decided (0 = unknown: the parser decides).
    starts = doc.to_array([SENT_START]).reshape(-1, 1).astype("uint64")
    prev_newline = True
    for i, t in enumerate(doc):
        if prev_newline and not t.is_space:
            starts[i, 0] = 1
            prev_newline = False
        if "\n" in t.text or "\n" in t.whitespace_:
            prev_newline = True
    # One array write: setting Token.is_sent_start one by one rescans the whole Doc each time.
    doc.from_array([SENT_START], starts)
    return doc


class PersonLinker:
    def __init__(self, name: str = "annotator_persons"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        mentions, persons = find_persons(doc)
        _store_persons(doc, mentions, persons)
        return doc


def _store_persons(doc: Doc, mentions: list[Mention], persons: dict[int, PersonDraft]) -> None:
    doc._.annotator_persons = persons_to_data(mentions, persons)
    doc.spans["persons"] = [Span(doc, m.t0, m.t1, label="PERSON", kb_id=str(m.key)) for m in mentions]


class QuoteFinder:
    def __init__(self, name: str = "annotator_quotes"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if doc._.annotator_persons is None:  # the person linker is not in this pipeline
            _store_persons(doc, *find_persons(doc))
        mentions, persons = person_mentions(doc)
        records = quote_records(doc, mentions, persons)  # adds the other sources it finds to `persons`
        doc._.annotator_persons = persons_to_data(mentions, persons)
        doc._.annotator_quotes = records
        doc.spans["quotes"] = quote_spans(doc, records)
        return doc


@Language.factory("annotator_persons")
def make_person_linker(nlp: Language, name: str) -> PersonLinker:
    return PersonLinker(name)


@Language.factory("annotator_quotes")
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder(name)
