"""`annotator_speakers`: the learned attribution, re-ranking the rules' speaker of every quote.

Runs after `annotator_quotes` in a pipeline `annotator train` built. For each quote the rules
found it gathers the candidate speakers around it (`speaker_candidates`), scores them with the
trained model (`speaker_model`) and turns the scores into a probability per source (a person
named twice is one source). The rules' choice stays unless another source is at least as likely
as the threshold for how the rules decided (`thresholds`: "strong", the quote's own sentence named
the speaker through a reporting verb; "layout", the article's layout did; "weak", a guess; null:
never replace them). Training picks the thresholds on the dev split, and there too whether the
model sees the rules' choice and how sure they were (`rule_feature`) or the rules are only its
fallback. Every quote it looked at keeps the model's
probability for the source it ended with as `speaker_confidence`, and its `confidence` is
recomputed from it as the rules compute theirs (the marks' reliability times its square root);
a changed speaker says `how: "learned"`. A source the article's data did not have yet (a name
nobody tagged) is added to `doc._.annotator_persons`.

An untrained component (no weights) changes nothing. Results are plain data on the Doc, so they
survive `nlp.pipe(n_process=2)` and travel from Dask workers like the rules' own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch
from thinc.api import Model

from .persons import persons_from_data
from .speaker_candidates import Candidate, DocView, QuoteRef, features, how_group, quote_refs
from .speaker_model import group_softmax

DEFAULT_MODEL = {"@architectures": "annotator.SpeakerScorer.v1", "hidden_width": 64, "embed_width": 8,
                 "n_buckets": 2048, "dropout": 0.2}
# Until training calibrates them: replace a guess readily, the layout rules when the model is
# sure, the rules' reading of the quote's own sentence never.
DEFAULTS = {"thresholds": {"strong": None, "layout": 0.8, "weak": 0.6}, "before": 2, "after": 1, "limit": 12,
            "rule_feature": True}


@dataclass
class Scored:
    """One quote's candidates with the model's probability for each."""

    view: DocView
    n: int  # the quote's index in the article's records
    ref: QuoteRef
    cands: list[Candidate]
    probs: numpy.ndarray | None = None


@dataclass
class Decision:
    candidate: Candidate | None  # the learned choice when it replaces the rules', else None
    confidence: float | None  # the model's probability for the source the quote ends with
    words: Candidate | None = None  # the rules' source kept, but they named no words for it: these


def source_probabilities(s: Scored) -> dict:
    out: dict = {}
    for c, p in zip(s.cands, s.probs):
        ident = s.view.identity(c)
        out[ident] = out.get(ident, 0.0) + float(p)
    return out


def decide(s: Scored, thresholds: dict) -> Decision:
    """Keep the rules' source unless another one is at least as likely as the threshold for how
    the rules decided (None: never replace it)."""
    probs = source_probabilities(s)
    if not probs:
        return Decision(None, None)
    best = max(probs, key=probs.get)
    rule = ("k", s.ref.rule_key) if s.ref.rule_key is not None else None
    threshold = thresholds.get(how_group(s.ref.rule_how))
    if best != rule and threshold is not None and probs[best] >= threshold:
        pick = max((k for k, c in enumerate(s.cands) if s.view.identity(c) == best), key=lambda k: s.probs[k])
        return Decision(s.cands[pick], probs[best])
    if rule is None or rule not in probs:
        return Decision(None, None)
    words = None
    if s.ref.rule_span is None:  # a guess names nobody in the text: point at the likeliest mention
        words = s.cands[max((k for k, c in enumerate(s.cands) if s.view.identity(c) == rule), key=lambda k: s.probs[k])]
    return Decision(None, probs[rule], words)


class SpeakerRanker:
    def __init__(self, nlp: Language, name: str, model: Model, thresholds: dict, before: int, after: int,
                 limit: int, rule_feature: bool):
        self.name, self.model = name, model
        self.thresholds, self.before, self.after, self.limit = dict(thresholds), before, after, limit
        self.rule_feature = rule_feature
        self.info: dict = {}  # what training measured (links, dev scores), saved beside the weights
        self.trained = False

    # --- running ------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        self.rerank([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            self.rerank(batch)
            yield from batch

    def score_quotes(self, docs: list[Doc]) -> list[list[Scored]]:
        """Per Doc, its quotes' candidates with probabilities (one model call for the batch)."""
        out, rows = [], []
        for doc in docs:
            records = (doc._.annotator_quotes or []) if Doc.has_extension("annotator_quotes") else []
            data = doc._.annotator_persons if Doc.has_extension("annotator_persons") else None
            if not records or data is None:
                out.append([])
                continue
            mentions, persons = persons_from_data(data)
            view = DocView(doc, records, mentions, persons)
            refs = quote_refs(records)
            scored = []
            for n, ref in enumerate(refs):
                cands = view.candidates(ref, self.before, self.after, self.limit)
                if cands:
                    scored.append(Scored(view, n, ref, cands))
                    rows.append(features(view, ref, cands, refs, n, self.rule_feature))
            out.append(scored)
        if rows:
            dense = numpy.concatenate([d for d, _ in rows])
            ids = numpy.concatenate([i for _, i in rows])
            scores = self.model.predict((dense, ids)).ravel()
            probs = iter(group_softmax(scores, [len(d) for d, _ in rows]))
            for scored in out:
                for s in scored:
                    s.probs = next(probs)
        return out

    def rerank(self, docs: list[Doc]) -> None:
        if not self.trained:
            return
        for doc, scored in zip(docs, self.score_quotes(docs)):
            if scored:
                apply_decisions(doc, scored, [decide(s, self.thresholds) for s in scored])

    # --- saving ---------------------------------------------------------------------------------------
    def to_bytes(self, *, exclude=tuple()) -> bytes:
        import srsly

        return srsly.msgpack_dumps({"info": self.info, "trained": self.trained,
                                    "model": self.model.to_bytes() if self.trained else b""})

    def from_bytes(self, data: bytes, *, exclude=tuple()) -> "SpeakerRanker":
        import srsly

        msg = srsly.msgpack_loads(data)
        self.info, self.trained = msg["info"], msg["trained"]
        if self.trained:
            self.model.from_bytes(msg["model"])
        return self

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "info.json").write_text(json.dumps({**self.info, "trained": self.trained}, indent=2), encoding="utf-8")
        if self.trained:
            (path / "model").write_bytes(self.model.to_bytes())

    def from_disk(self, path, *, exclude=tuple()) -> "SpeakerRanker":
        path = Path(path)
        info = json.loads((path / "info.json").read_text(encoding="utf-8"))
        self.trained = bool(info.pop("trained", False))
        self.info = info
        if self.trained:
            self.model.from_bytes((path / "model").read_bytes())
        return self


def apply_decisions(doc: Doc, scored: list[Scored], decisions: list[Decision]) -> None:
    records = doc._.annotator_quotes
    data = doc._.annotator_persons
    persons = data["persons"]
    keys = {p["key"] for p in persons}
    new_keys: dict = {}
    for s, d in zip(scored, decisions):
        r = records[s.n]
        if d.candidate is not None:
            c = d.candidate
            key = c.key
            if key is None or key not in keys:
                ident = s.view.identity(c)
                if ident not in new_keys:
                    new_keys[ident] = max(keys, default=-1) + 1
                    keys.add(new_keys[ident])
                    persons.append({"key": new_keys[ident], "name": c.name, "aliases": [], "gender": None,
                                    "kind": c.kind, "org": None, "local": False})
                key = new_keys[ident]
            r.update(speaker=key, speaker_start=c.start, speaker_end=c.end, how="learned")
        elif d.words is not None:
            r.update(speaker_start=d.words.start, speaker_end=d.words.end)
        if d.confidence is not None:
            marks = r.get("marks_confidence", 1.0)
            r["speaker_confidence"] = round(d.confidence, 3)
            r["confidence"] = round(min(1.0, marks * max(d.confidence, 0.0) ** 0.5), 3)
    doc._.annotator_persons = data


@Language.factory("annotator_speakers", assigns=["doc._.annotator_quotes", "doc._.annotator_persons"],
                  requires=["doc._.annotator_quotes", "doc._.annotator_persons"],
                  default_config={"model": DEFAULT_MODEL, **DEFAULTS})
def make_speaker_ranker(nlp: Language, name: str, model: Model, thresholds: dict, before: int, after: int,
                        limit: int, rule_feature: bool) -> SpeakerRanker:
    return SpeakerRanker(nlp, name, model, thresholds, before, after, limit, rule_feature)
