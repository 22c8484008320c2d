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
from .extract import MODEL_QUOTE_MIN_SCORE, MODEL_QUOTES_KEY, person_mentions, quote_records, quote_spans
from .persons import Mention, PersonDraft, find_persons, persons_to_data
from . import quote_candidates  # noqa: F401  (registers annotator_span_finder, which trained pipelines name)

if in_worker_process():  # a worker spawned for nlp.pipe(n_process=...) (or a Dask worker): never outlive us
    die_with_parent(kernel_signal=False)  # who started it, and from which thread, is not ours to know

for _name in ("annotator_persons", "annotator_quotes"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.component("annotator_paragraphs", assigns=["token.is_sent_start"])
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
    def __init__(self, name: str = "annotator_quotes", model_quotes_key: str = MODEL_QUOTES_KEY,
                 model_quote_min_score: float = MODEL_QUOTE_MIN_SCORE):
        self.name = name
        # a trained span categorizer's quotes (`model_quotes_key`) count from this score on
        self.model_quotes_key, self.model_quote_min_score = model_quotes_key, model_quote_min_score

    def __call__(self, doc: Doc) -> Doc:
        if doc._.annotator_persons is None:  # the person linker is not in this pipeline
            _store_persons(doc, *find_persons(doc))
        mentions, persons = person_mentions(doc)
        # adds the other sources it finds to `persons`
        records = quote_records(doc, mentions, persons, self.model_quotes_key, self.model_quote_min_score)
        doc._.annotator_persons = persons_to_data(mentions, persons)
        doc._.annotator_quotes = records
        doc.spans["quotes"] = quote_spans(doc, records)
        return doc


# What each component writes and reads, declared as spaCy's own components do (`nlp.analyze_pipes()`
# checks a pipeline with it); the quote finder's thresholds are config, so a trained pipeline's
# config.cfg records the values it ran with.
@Language.factory("annotator_persons", assigns=["doc._.annotator_persons", "doc.spans"], requires=["doc.ents"])
def make_person_linker(nlp: Language, name: str) -> PersonLinker:
    return PersonLinker(name)


@Language.factory("annotator_quotes", assigns=["doc._.annotator_quotes", "doc._.annotator_persons", "doc.spans"],
                  default_config={"model_quotes_key": MODEL_QUOTES_KEY, "model_quote_min_score": MODEL_QUOTE_MIN_SCORE})
def make_quote_finder(nlp: Language, name: str, model_quotes_key: str, model_quote_min_score: float) -> QuoteFinder:
    return QuoteFinder(name, model_quotes_key, model_quote_min_score)
