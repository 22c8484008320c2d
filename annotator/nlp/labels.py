"""`annotator_labels`: stance and claim suggestions for each quote from the trained classifiers.

The classifiers were trained on one Doc per quote, the quote in its sentence: stance with a
category "LABEL: TARGET" per label and target, claims with the claim types plus CHECKWORTHY. In
the packaged pipeline they are disabled pipes; this component runs them on each quote's sentence
and adds to each record of `doc._.annotator_quotes`: `stances` ([{target, label, confidence}]),
`claim`, `claim_confidence`, `checkworthy`. A NONE stance, or one below `min_stance`, is not
suggested.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..text import sentence_bounds
from .corpus_format import CHECKWORTHY, stance_cat

BATCH = 64  # quotes per classifier call


class QuoteLabeller:
    def __init__(self, nlp: Language, name: str, targets: list[str], labels: list[str], stance_pipe: str,
                 claims_pipe: str, min_stance: float, none_label: str):
        self.nlp, self.name = nlp, name
        self.labels = list(labels)
        self.targets, self.stance_pipe, self.claims_pipe = list(targets), stance_pipe, claims_pipe
        self.min_stance, self.none_label = min_stance, none_label

    def _pipe(self, name: str):
        try:
            return self.nlp.get_pipe(name)
        except KeyError:
            return None

    def __call__(self, doc: Doc) -> Doc:
        records = doc._.annotator_quotes if Doc.has_extension("annotator_quotes") else None
        if not records:
            return doc
        stance, claims = self._pipe(self.stance_pipe), self._pipe(self.claims_pipe)
        if not self.targets:
            stance = None
        text = doc.text  # rebuilt from the tokens on every access: once per article, not per quote
        # each quote in its sentence: the rule the training corpora were cut with
        sentences = [text[a:b] for a, b in (sentence_bounds(text, r["start"], r["end"]) for r in records)]
        # One batch per classifier: a model call per quote costs far more than the quote itself.
        if stance is not None:
            for r, d in zip(records, stance.pipe((self.nlp.make_doc(s) for s in sentences), batch_size=BATCH)):
                r["stances"] = self._stances(d.cats)
        if claims is not None:
            for r, d in zip(records, claims.pipe((self.nlp.make_doc(s) for s in sentences), batch_size=BATCH)):
                types = {k: v for k, v in d.cats.items() if k != CHECKWORTHY}
                if types:
                    label, p = max(types.items(), key=lambda kv: kv[1])
                    r["claim"], r["claim_confidence"] = label, round(float(p), 3)
                if CHECKWORTHY in d.cats:
                    r["checkworthy"] = bool(d.cats[CHECKWORTHY] >= 0.5)
        return doc

    def _stances(self, cats: dict) -> list[dict]:
        found = []
        for target in self.targets:
            scores = {lab: p for lab in self.labels if (p := cats.get(stance_cat(lab, target))) is not None}
            if not scores:
                continue
            label, p = max(scores.items(), key=lambda kv: kv[1])
            if label != self.none_label and p >= self.min_stance:
                found.append({"target": target, "label": label, "confidence": round(float(p), 3)})
        return found


@Language.factory("annotator_labels", assigns=["doc._.annotator_quotes"], requires=["doc._.annotator_quotes"],
                  default_config={"targets": [], "labels": ["FAVOR", "AGAINST", "NONE"],
                                  "stance_pipe": "stance_textcat", "claims_pipe": "claims_textcat",
                                  "min_stance": 0.5, "none_label": "NONE"})
def make_quote_labeller(nlp: Language, name: str, targets: list[str], labels: list[str], stance_pipe: str,
                        claims_pipe: str, min_stance: float, none_label: str) -> QuoteLabeller:
    return QuoteLabeller(nlp, name, targets, labels, stance_pipe, claims_pipe, min_stance, none_label)
