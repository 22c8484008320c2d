"""Quote spans, kinds and speakerless quotations on news written for these tests
(`heldout_quotes.jsonl`, built by `heldout_quotes_build.py`; not from any evaluation set): British
single quotes with apostrophes inside them, curly and straight marks mixed, quotes over several
paragraphs, nested quotes, unclosed marks, guillemets, headline quotes, a Q&A, scare quotes, titles
and glosses. Every gold quotation must come out with exactly its span and kind, with no speaker
when nobody says it (titles, labels, glosses, scare quotes) and with one when somebody does; no
quotation may be found that the gold does not have. Who the speaker is is measured by
`benchmarks/quotes.py tests/nlp/heldout_quotes.jsonl`, not asserted here."""

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

GOLD = [json.loads(line) for line in
        (Path(__file__).resolve().parent / "heldout_quotes.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()]

# (article id, quoted words) -> why we still get it wrong. Never change the gold to match.
KNOWN_MISSES = {
    ("heldout-sewer-british-singles", "complex but entirely routine"):
        "the contractor's 'which said in a statement' is found as a cue, but the relative pronoun's "
        "antecedent ('a contractor, Northway Civils') is not resolved to a source, so the quote gets none",
}


@pytest.fixture(scope="module")
def ours(nlp):
    """Per article id: our quotes by (start, end), as pre-annotation gives them."""
    from annotator.nlp import analyse

    return {rec["id"]: {(q.start, q.end): q for q in analyse(nlp(rec["text"])).quotes} for rec in GOLD}


def _problem(found: dict, g: dict) -> str | None:
    q = found.get((g["start"], g["end"]))
    if q is None:
        near = [k for k in found if k[0] < g["end"] and g["start"] < k[1]]
        return f"{g['text'][:50]!r}: not found (overlapping ours: {near})"
    if q.kind != g["kind"]:
        return f"{g['text'][:50]!r}: kind {q.kind}, gold {g['kind']}"
    if (q.speaker_id is None) != (g["speaker"] is None):
        return f"{g['text'][:50]!r}: speaker {'none' if q.speaker_id is None else 'given'}, gold {g['speaker']!r}"
    return None


@pytest.mark.parametrize("rec", GOLD, ids=[r["id"] for r in GOLD])
def test_spans_kinds_and_speakerless_quotes(rec, ours):
    found = ours[rec["id"]]
    problems = [p for g in rec["quotes"] if (rec["id"], g["text"]) not in KNOWN_MISSES
                for p in [_problem(found, g)] if p]
    gold_spans = {(g["start"], g["end"]) for g in rec["quotes"]}
    problems += [f"{rec['text'][a:b][:50]!r}: not a gold quotation" for a, b in found if (a, b) not in gold_spans]
    assert not problems, "\n".join(problems)


def test_the_gold_covers_every_construction():
    """The file holds what it claims: 12+ articles, both kinds, speakerless quotes, nested ones."""
    quotes = [q for r in GOLD for q in r["quotes"]]
    assert len(GOLD) >= 12 and all(200 <= len(r["text"].split()) <= 500 for r in GOLD)
    assert {q["kind"] for q in quotes} == {"direct", "partial"}
    assert sum(q["speaker"] is None for q in quotes) >= 15
    text = "".join(r["text"] for r in GOLD)
    assert all(mark in text for mark in "«»“”‘’'\"")
    for r in GOLD:
        assert all(r["text"][q["start"]:q["end"]] == q["text"] for q in r["quotes"])


@pytest.mark.xfail(strict=True, reason="known misses: see KNOWN_MISSES")
@pytest.mark.parametrize("key", list(KNOWN_MISSES), ids=[k[1][:30] for k in KNOWN_MISSES])
def test_known_misses(key, ours):
    rec = next(r for r in GOLD if r["id"] == key[0])
    g = next(q for q in rec["quotes"] if q["text"] == key[1])
    assert _problem(ours[rec["id"]], g) is None, KNOWN_MISSES[key]


def test_speech_that_looks_like_a_label_keeps_its_speaker(run):
    """The frames that make a quotation nobody's speech stop where speech starts."""
    r = run('Mayor Anna Berg said the offer was, in a word, "unacceptable". The deal, which Berg called '
            '"a disgrace", was withdrawn. Officials said, "Stay Safe Everyone".')
    assert r.speaker("unacceptable") == "Anna Berg"
    assert r.speaker("a disgrace") == "Anna Berg"
    assert r.quote("Stay Safe Everyone").speaker is not None
    r2 = run('Police named the operation "Clean Sweep". A course called "Learning Ahead" began. The word '
             '"vaccine" comes from the Latin "vacca", meaning "cow", Dr Lena Ortiz said.')
    assert [q.speaker for q in r2.quotes] == [None] * 5
    assert {q.kind for q in r2.quotes} == {"partial"}
