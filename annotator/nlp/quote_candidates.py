"""The quote span finder: spaCy's span finder with a bounded number of candidates per Doc.

spaCy's `span_finder` proposes every (start, end) pair whose start and end token scores pass its
threshold and that is at most `max_length` tokens long. Quotes run to about 110 tokens, so
`max_length` has to be long; and an untrained (or briefly trained) model scores about half of all
tokens above any threshold, so it proposes close to `max_length` candidates per token: 140,000 for
a 1,200-token Doc. The span categorizer then reads every token of every candidate (about 3 GB for
20 news articles, and without end on the largest article we accept), in training, in spaCy's
evaluation and in pre-annotation with a weakly trained model.

`annotator_span_finder` keeps at most `candidates_per_token` x (Doc length) candidates (at least
`min_candidates`), the pairs whose start and end scores are highest, so what the span categorizer
sees grows with the text and never with the square of it, however (un)trained the model is. A
trained model proposes far fewer than the cap (about one candidate per 20 tokens on real news),
so the cap only binds while the model is still learning.
"""

from __future__ import annotations

import math

import numpy
from spacy.language import Language
from spacy.pipeline.span_finder import DEFAULT_SPAN_FINDER_MODEL, SpanFinder, span_finder_score
from spacy.tokens import Doc

CANDIDATES_PER_TOKEN = 0.25
MIN_CANDIDATES = 16


def candidate_bounds(start_scores, end_scores, threshold: float, max_length: int | None, min_length: int | None,
                     cap: int) -> list[tuple[int, int]]:
    """(start, end) token bounds (end exclusive), sorted, of at most `cap` candidates: among the
    pairs whose start and end scores reach `threshold` and whose length is within the limits,
    those with the highest product of the two scores (ties: the shorter, then the earlier)."""
    start_scores = numpy.asarray(start_scores, dtype="float32")
    end_scores = numpy.asarray(end_scores, dtype="float32")
    starts = numpy.flatnonzero(start_scores >= threshold)
    ends = numpy.flatnonzero(end_scores >= threshold)
    if not len(starts) or not len(ends) or cap <= 0:
        return []
    lo_len, hi_len = max(1, min_length or 1), max_length or len(start_scores)
    # For each start, the ends in [start + lo_len - 1, start + hi_len - 1]: a contiguous run of `ends`.
    first = numpy.searchsorted(ends, starts + lo_len - 1, side="left")
    last = numpy.searchsorted(ends, starts + hi_len - 1, side="right")
    counts = numpy.maximum(last - first, 0)
    total = int(counts.sum())
    if not total:
        return []
    # All the pairs at once (at most len(starts) x max_length: 144,000 for an untrained model on
    # 1,200 tokens, about 1 MB), then the best `cap` of them.
    pair_start = numpy.repeat(starts, counts)
    offsets = numpy.arange(total) - numpy.repeat(numpy.cumsum(counts) - counts, counts)
    pair_end = ends[numpy.repeat(first, counts) + offsets]
    if total > cap:
        score = start_scores[pair_start] * end_scores[pair_end]
        # highest score first; among equals the shorter, then the earlier (a stable, total order)
        order = numpy.lexsort((pair_start, pair_end - pair_start, -score))[:cap]
        pair_start, pair_end = pair_start[order], pair_end[order]
    keep = numpy.lexsort((pair_end, pair_start))
    return [(int(s), int(e) + 1) for s, e in zip(pair_start[keep], pair_end[keep])]


def cap_for(n_tokens: int, per_token: float, minimum: int) -> int:
    return max(minimum, math.ceil(n_tokens * per_token))


class CappedSpanFinder(SpanFinder):
    """spaCy's SpanFinder (same model, training and scoring) whose candidates are bounded per Doc."""

    def __init__(self, nlp: Language, model, name: str = "span_finder", *, spans_key: str, threshold: float,
                 max_length: int | None, min_length: int | None, candidates_per_token: float = CANDIDATES_PER_TOKEN,
                 min_candidates: int = MIN_CANDIDATES, scorer=span_finder_score) -> None:
        super().__init__(nlp, model, name, spans_key=spans_key, threshold=threshold, max_length=max_length,
                         min_length=min_length, scorer=scorer)
        self.cfg["candidates_per_token"] = candidates_per_token
        self.cfg["min_candidates"] = min_candidates

    def set_annotations(self, docs: list[Doc], scores) -> None:
        set_capped_annotations(self, docs, scores)


def set_capped_annotations(pipe: SpanFinder, docs: list[Doc], scores) -> None:
    """What `SpanFinder.set_annotations` does, with at most `cap_for(len(doc))` candidates per Doc.
    Also used on the span finder of a pipeline trained before this component existed (spaCy's
    own `span_finder`, see `pipeline.bound_span_finders`)."""
    cfg = pipe.cfg
    scores = pipe.model.ops.to_numpy(scores)
    offset = 0
    for doc in docs:
        n = len(doc)
        doc_scores = scores[offset:offset + n]
        cap = cap_for(n, cfg.get("candidates_per_token", CANDIDATES_PER_TOKEN),
                      cfg.get("min_candidates", MIN_CANDIDATES))
        bounds = candidate_bounds(doc_scores[:, 0], doc_scores[:, 1], cfg["threshold"], cfg["max_length"],
                                  cfg["min_length"], cap) if n else []
        doc.spans[cfg["spans_key"]] = [doc[s:e] for s, e in bounds]
        offset += n


@Language.factory(
    "annotator_span_finder",
    assigns=["doc.spans"],
    default_config={
        "threshold": 0.5,
        "model": DEFAULT_SPAN_FINDER_MODEL,
        "spans_key": "sc",
        "max_length": 25,
        "min_length": None,
        "candidates_per_token": CANDIDATES_PER_TOKEN,
        "min_candidates": MIN_CANDIDATES,
        "scorer": {"@scorers": "spacy.span_finder_scorer.v1"},
    },
    default_score_weights={"spans_sc_f": 1.0, "spans_sc_p": 0.0, "spans_sc_r": 0.0},
)
def make_capped_span_finder(nlp: Language, name: str, model, spans_key: str, threshold: float,
                            max_length: int | None, min_length: int | None, candidates_per_token: float,
                            min_candidates: int, scorer) -> CappedSpanFinder:
    return CappedSpanFinder(nlp, model, name, spans_key=spans_key, threshold=threshold, max_length=max_length,
                            min_length=min_length, candidates_per_token=candidates_per_token,
                            min_candidates=min_candidates, scorer=scorer)
