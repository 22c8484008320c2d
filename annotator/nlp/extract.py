"""Pre-annotation of one parsed article as plain data: entities, quotes, persons.

No storage here: `analyse(doc)` returns an `Analysis` that the driver hands to the project (and
tests inspect directly). Keys in `Analysis.persons` are local to the article; the project maps
them onto its own persons by name and alias.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field

import numpy
from spacy.tokens import Doc, Span

from annotator.models import Entity, Quote, Stance
from annotator.text import QUOTE_END, QUOTE_MARKS, woven_in
from annotator.text import quote_kind as text_quote_kind

from .attribution import Attribution, attribute
from .marks import QuoteSpan, _trim, find_quote_spans
from .non_speech import drop_non_speech
from .persons import Mention, PersonDraft, find_persons, persons_from_data

NON_PERSON_CONFIDENCE = 0.8
# The defaults of `annotator_quotes`'s config (components.py): where a trained pipeline's span
# categorizer puts its quotes, and the score from which one counts.
MODEL_QUOTES_KEY = "quotes_model"
MODEL_QUOTE_MIN_SCORE = 0.6
CLAUSE_SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")


@dataclass
class Analysis:
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    persons: dict[int, PersonDraft] = field(default_factory=dict)
    how: list[str] = field(default_factory=list)  # per quote: the rule that chose its speaker


def quote_kind(doc: Doc, start: int, end: int, full_text: str | None = None, parsed: bool | None = None) -> str:
    """direct: the quotation is a clause or sentence of its own; partial: a few words in the reporter's
    sentence. With a parse, a clause is one with a subject of its own; without, `text.quote_kind`."""
    # doc.text is rebuilt on every access: callers with many quotes pass it in.
    full = full_text if full_text is not None else doc.text
    if not (parsed if parsed is not None else doc.has_annotation("DEP")):
        return text_quote_kind(full, start, end, marked=True)
    if woven_in(full, start, end):
        return "partial"
    upper = next((ch.isupper() for ch in full[start:end] if ch.isalpha()), False)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return "partial"
    lo, hi = span.start, span.end
    first = next((t for t in span if t.is_alpha), None)
    if upper and first is not None and first.tag_ == "VB" and (first.head.i == first.i or not lo <= first.head.i < hi) \
            and full[end - 1] in QUOTE_END:
        return "direct"  # an imperative: "Go home and wait," he told us
    for k, t in enumerate(span):
        if t.dep_ in CLAUSE_SUBJECTS and lo <= t.head.i < hi and t.head.pos_ in ("VERB", "AUX") and \
                not (t.lower_ in ("that", "which", "who") and t.head.dep_ == "relcl"):
            if upper or k < 2:
                return "direct"
    return "partial"


def person_mentions(doc: Doc) -> tuple[list[Mention], dict[int, PersonDraft]]:
    stored = doc._.annotator_persons if Doc.has_extension("annotator_persons") else None
    if stored is not None:
        return persons_from_data(stored)
    return find_persons(doc)


def quote_records(doc: Doc, mentions: list[Mention], persons: dict[int, PersonDraft],
                  model_quotes_key: str = MODEL_QUOTES_KEY, model_quote_min_score: float = MODEL_QUOTE_MIN_SCORE
                  ) -> list[dict]:
    """Quotes as plain dicts (picklable, so they survive `nlp.pipe(n_process=2)`)."""
    text = doc.text
    parsed = doc.has_annotation("DEP")
    spans = find_quote_spans(text)
    model = model_quote_spans(doc, text, spans, model_quotes_key, model_quote_min_score)
    spans = sorted(spans + model, key=lambda q: q.start)
    attributions = attribute(doc, spans, mentions, persons, text)
    kinds = [quote_kind(doc, q.start, q.end, text, parsed) for q in spans]
    # "The economy," Harlan said, "is stronger than ..." -- one sentence cut in two by its attribution.
    outer = [n for n, q in enumerate(spans) if not q.nested]
    for n, m in zip(outer, outer[1:]):
        a, b = spans[n], spans[m]
        gap = text[(a.close_mark or a.end) + 1:b.open_mark]
        if text[a.end - 1] == "," and text[b.start].islower() and gap.rstrip().endswith(",") \
                and len(gap.split()) <= 8 and "\n" not in gap \
                and text[a.start].isupper() and len((text[a.start:a.end] + " " + text[b.start:b.end]).split()) >= 4:
            kinds[n] = kinds[m] = "direct"
    drop_non_speech(doc, text, spans, attributions, kinds)  # titles, glosses, scare quotes: no speaker
    records = [_record(doc, q, a, kind) for q, a, kind in zip(spans, attributions, kinds)]
    for r, q in zip(records, spans):
        if q.family == "model":  # a trained span categorizer's guess (training scores them apart)
            r["guess"] = True
    return records


# Without marks, fewer words than this cannot be told a quote (a one-word quote is one by its marks).
MODEL_QUOTE_MIN_WORDS = 3
_NO_QUOTE_STARTS = ",.;:!?)]}"  # a quotation never starts with closing punctuation


def model_quote_spans(doc: Doc, text: str, found: list[QuoteSpan], key: str = MODEL_QUOTES_KEY,
                      min_score: float = MODEL_QUOTE_MIN_SCORE) -> list[QuoteSpan]:
    """Quotes a trained pipeline's span categorizer saw and the quotation marks did not give
    (e.g. a quote whose marks were lost): added as weak suggestions, never over a quote we have,
    never the reporter's words between two quotes the marks gave (their marks pair up: what lies
    between a closing mark and the next opening one is outside any quote), never fewer than
    MODEL_QUOTE_MIN_WORDS words or starting with closing punctuation."""
    group = doc.spans.get(key) if key in doc.spans else None
    if not group:
        return []
    scores = group.attrs.get("scores")
    ordered = sorted(found, key=lambda q: q.start)
    starts = [q.start for q in ordered]
    reach = list(itertools.accumulate((q.end for q in ordered), max))  # furthest end of the quotes so far
    closes = sorted(q.close_mark for q in found if q.close_mark is not None)
    opens = sorted(q.open_mark for q in found if q.close_mark is not None)
    out: list[QuoteSpan] = []
    for i, span in enumerate(group):
        # spancat stores one score per span, or one per span and label: the best label's counts
        score = float(numpy.max(scores[i])) if scores is not None and i < len(scores) else min_score
        a, b = _trim(text, span.start_char, span.end_char)
        if score < min_score or b - a < 2 or "\n" in text[a:b] or text[a] in _NO_QUOTE_STARTS \
                or len(text[a:b].split()) < MODEL_QUOTE_MIN_WORDS:
            continue
        k = bisect.bisect_left(starts, b)  # the quotes starting before b: one of them reaching past a overlaps
        if (k and reach[k - 1] > a) or any(a < q.end and q.start < b for q in out):
            continue
        if _between_marks(text, a, b, closes, opens):
            continue
        mark = a - 1 if a > 0 and text[a - 1] in QUOTE_MARKS else a
        out.append(QuoteSpan(start=a, end=b, open_mark=mark, close_mark=None, family="model",
                             confidence=round(min(0.6, score * 0.7), 3)))
    return out


def _between_marks(text: str, a: int, b: int, closes: list[int], opens: list[int]) -> bool:
    """text[a:b] starts right after a closing quotation mark and ends right before an opening one
    (nothing but blanks and punctuation, a few characters at most, in between)."""
    k = bisect.bisect_left(closes, a)
    j = bisect.bisect_left(opens, b)
    return bool(k and j < len(opens) and _only_punctuation(text[closes[k - 1] + 1:a])
                and _only_punctuation(text[b:opens[j]]))


def _only_punctuation(gap: str) -> bool:
    return len(gap) <= 3 and not any(ch.isalnum() for ch in gap)


def _record(doc: Doc, q: QuoteSpan, a: Attribution, kind: str) -> dict:
    # One number for the app to grey out weak suggestions: the marks' reliability times how sure
    # we are of the speaker (square root: a guessed speaker should not sink a certain quote).
    conf = q.confidence * (max(a.confidence, 0.0) ** 0.5 if a.speaker is not None else 0.6)
    return {"start": q.start, "end": q.end, "kind": kind, "speaker": a.speaker,
            "speaker_start": a.speaker_span[0] if a.speaker_span else None,
            "speaker_end": a.speaker_span[1] if a.speaker_span else None,
            "cue_start": a.cue_span[0] if a.cue_span else None, "cue_end": a.cue_span[1] if a.cue_span else None,
            "confidence": round(min(1.0, conf), 3), "how": a.how,
            # the two parts of `confidence`: the learned attribution (speaker_component) recomputes it
            "marks_confidence": q.confidence, "speaker_confidence": round(a.confidence, 3)}


def _entities(doc: Doc, mentions: list[Mention], labels: set[str] | None) -> list[Entity]:
    text = doc.text
    taken = sorted((m.start, m.end) for m in mentions)
    out = [Entity(start=m.start, end=m.end, label="PERSON", person_id=m.key, confidence=round(m.confidence, 3))
           for m in mentions]
    for ent in doc.ents:
        if ent.label_ == "PERSON" or "\n" in ent.text:
            continue  # persons come from the repaired mentions; an entity never spans paragraphs
        k = bisect.bisect_left(taken, (ent.end_char,))
        if any(ent.start_char < e and s < ent.end_char for s, e in taken[max(0, k - 3):k]):
            continue  # "Leyen" as GPE inside "Ursula von der Leyen"
        start, end = _trim(text, ent.start_char, ent.end_char)
        if end > start:
            out.append(Entity(start=start, end=end, label=ent.label_, confidence=NON_PERSON_CONFIDENCE))
    if labels is not None:
        out = [e for e in out if e.label in labels]
    return sorted(out, key=lambda e: (e.start, e.end))


def analyse(doc: Doc, entity_labels: set[str] | list[str] | None = None) -> Analysis:
    """Entities, quotes and persons of one article. Uses what our components stored on the Doc, if any."""
    mentions, persons = person_mentions(doc)
    records = doc._.annotator_quotes if Doc.has_extension("annotator_quotes") else None
    if records is None:
        records = quote_records(doc, mentions, persons)
    used = {m.key for m in mentions} | {r["speaker"] for r in records if r["speaker"] is not None}
    persons = {k: p for k, p in persons.items() if k in used}
    quotes = []
    for r in records:
        # stances / claim / checkworthy are there when a trained pipeline's `annotator_labels` ran
        quotes.append(Quote(start=r["start"], end=r["end"], kind=r["kind"], speaker_id=r["speaker"],
                            speaker_start=r["speaker_start"], speaker_end=r["speaker_end"],
                            cue_start=r["cue_start"], cue_end=r["cue_end"], confidence=r["confidence"],
                            stances=[Stance(**s) for s in r.get("stances") or []], claim=r.get("claim"),
                            claim_confidence=r.get("claim_confidence"), checkworthy=r.get("checkworthy")))
    labels = set(entity_labels) if entity_labels is not None else None
    return Analysis(_entities(doc, mentions, labels), quotes, persons, [r.get("how", "") for r in records])


def quote_spans(doc: Doc, records: list[dict]) -> list[Span]:
    """Quotes as spaCy spans (label = kind) for `doc.spans["quotes"]`."""
    out = []
    for r in records:
        span = doc.char_span(r["start"], r["end"], label=r["kind"], alignment_mode="expand")
        if span is not None:
            out.append(span)
    return out
