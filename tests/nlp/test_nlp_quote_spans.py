"""Quote spans, kinds and speakerless quotations on news written for these tests
(`heldout_quotes.jsonl`, built by `heldout_quotes_build.py`; not from any evaluation set): British
single quotes with apostrophes inside them, curly and straight marks mixed, quotes over several
paragraphs, nested quotes, unclosed marks, guillemets, headline quotes, a Q&A, scare quotes, titles
and glosses. Every gold quotation must come out with exactly its span and kind, with no speaker
when nobody says it (titles, labels, glosses, scare quotes) and with one when somebody does; no
quotation may be found that the gold does not have. Every speaker must be the gold's by the scoring
rule of `benchmarks/quotes.py tests/nlp/heldout_quotes.jsonl` (its last name, or one of its mentions),
except the known misses listed below. The same checks run on `heldout3.jsonl` (`heldout3_build.py`):
fifteen ordinary articles in other domains and styles, written to measure first contact, and on
`heldout4.jsonl` (`heldout4_build.py`): twelve articles in the house styles of other newsrooms, and
on `heldout5.jsonl` (`heldout5_build.py`): eight articles in yet other styles."""

import importlib.util
import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.model



def _gold(name: str) -> list[dict]:
    path = Path(__file__).resolve().parent / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


CONSTRUCTIONS = _gold("heldout_quotes.jsonl")
# heldout3.jsonl (heldout3_build.py): fifteen ordinary articles in other domains and styles, the gold
# written before the rules saw them, to measure first contact; checked here the same way.
GOLD = CONSTRUCTIONS + _gold("heldout3.jsonl")
# heldout4.jsonl (heldout4_build.py): twelve articles in the house styles of newsrooms the others do not
# imitate (Indian, Nigerian, Kenyan, Australian, Irish, Philippine, Singapore, US local TV, UK tabloid,
# financial wire, sports agency, science agency), gold committed before the rules saw them.
GOLD += _gold("heldout4.jsonl")
# heldout5.jsonl (heldout5_build.py): eight articles in styles not imitated before (explainer with experts,
# AP court verdict, Canadian local, South African, Pakistani, Caribbean, parliamentary debate, CEO
# interview), gold committed before the rules saw them.
GOLD += _gold("heldout5.jsonl")

# (article id, quoted words) -> why we still give the wrong speaker. Never change the gold to match.
KNOWN_SPEAKER_MISSES = {
    ("heldout-dairy-interview-qa", "possibly a dog"):
        "'The authorities sent a man who looked ... and said \"...\"': the parser joins 'said' to 'sent', "
        "so the quote goes to the authorities, not to the man",
    ("heldout3-obituary-family", "If you can play, you can eat."):
        "'He used to say, \'...\'' inside the daughter's quote: 'He' is her father, the subject of the "
        "sentence before ('her father had \"...\"'), but the pronoun is resolved to 'a musician' in that "
        "sentence's quoted words, and 'her father' is not linked to the man the article is about",
    ("heldout4-nigeria-market-fire", "immediately commence the enumeration of victims"):
        "'According to the statement, the governor also directed SEMA to \"...\"': 'directed' is no "
        "reporting verb, so the quote goes to 'according to the statement', not to the governor",
    ("heldout4-philippines-typhoon", "preemptive and forced evacuation"):
        "'Albay Governor Ma. Cristina Lagman-Reyes said': the model splits the name at 'Ma.' (the "
        "Philippine abbreviation of Maria) and tags the rest ORG, so no person is found",
    ("heldout4-philippines-typhoon", "We will not wait for the water to reach the rooftops before we move "
                                      "people. Mas mabuti nang sigurado,"):
        "'she said' after the sentence naming 'Ma. Cristina Lagman-Reyes': that name is not found (see "
        "above), so 'she' goes to 'Mayon Volcano', which the model tags PERSON",
    ("heldout4-us-local-tv-fire", "Mama, the kitchen is on fire!"):
        "nested quote after 'He was screaming,' inside Brown's quote: 'He' (her son, named only as 'her "
        "9-year-old son' in the sentence before) is not resolved inside the quotation, so the inner quote "
        "takes the outer speaker",
    ("heldout5-business-ceo-interview", "the principal risk"):
        "'Northfield, which employs ... reported ... It said in its annual report that ...': the model tags "
        "'Northfield' PERSON, so the organisation pronoun 'It' finds no organisation to refer to",
    ("heldout-dairy-interview-qa", "Mamma, have you seen the hours you work?"):
        "'she said' in an interviewee's answer: 'she' is resolved to the interviewee named in the "
        "introduction, not to 'my daughter' (the subject of the sentence before, no name)",
}


# (article id, quoted words) -> why we still give a speaker to words nobody says (or none to words somebody
# says, when that quote is a known speaker miss above). Never change the gold to match.
KNOWN_PRESENCE_MISSES = {
    ("heldout5-parliament-debate-bill", "war on motorists"):
        "'MPs traded accusations of \"...\"': a label inside the reporter's sentence, but 'accusations' "
        "reads as a reporting noun, so the MPs get it",
}


@pytest.fixture(scope="module")
def analysed(nlp):
    from annotator.nlp import analyse

    return {rec["id"]: analyse(nlp(rec["text"])) for rec in GOLD}


@pytest.fixture(scope="module")
def ours(analysed):
    """Per article id: our quotes by (start, end), as pre-annotation gives them."""
    return {gid: {(q.start, q.end): q for q in a.quotes} for gid, a in analysed.items()}


def _bench():
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "quotes.py"
    spec = importlib.util.spec_from_file_location("bench_quotes", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _wrong_speaker(rec: dict, g: dict, analysis, bench) -> str | None:
    q = next((q for q in analysis.quotes if (q.start, q.end) == (g["start"], g["end"])), None)
    if q is None:
        return f"{g['text'][:50]!r}: not found"
    src = analysis.persons.get(q.speaker_id) if q.speaker_id is not None else None
    ours = {"speaker": src.name if src else None,
            "speaker_mention": rec["text"][q.speaker_start:q.speaker_end] if q.speaker_start is not None else None}
    if bench.rule_right_speaker(ours, g):
        return None
    return f"{g['text'][:50]!r}: ours {ours['speaker']!r} via {ours['speaker_mention']!r}, gold {g['speaker']!r}"


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
    known = KNOWN_SPEAKER_MISSES.keys() | KNOWN_PRESENCE_MISSES.keys()
    problems = [p for g in rec["quotes"] for p in [_problem(found, g)]
                if p and not (": speaker " in p and (rec["id"], g["text"]) in known)]
    gold_spans = {(g["start"], g["end"]) for g in rec["quotes"]}
    problems += [f"{rec['text'][a:b][:50]!r}: not a gold quotation" for a, b in found if (a, b) not in gold_spans]
    assert not problems, "\n".join(problems)


def test_the_gold_covers_every_construction():
    """The file holds what it claims: 12+ articles, both kinds, speakerless quotes, nested ones."""
    quotes = [q for r in CONSTRUCTIONS for q in r["quotes"]]
    assert len(CONSTRUCTIONS) >= 12 and all(200 <= len(r["text"].split()) <= 500 for r in CONSTRUCTIONS)
    assert {q["kind"] for q in quotes} == {"direct", "partial"}
    assert sum(q["speaker"] is None for q in quotes) >= 15
    text = "".join(r["text"] for r in CONSTRUCTIONS)
    assert all(mark in text for mark in "«»“”‘’'\"")
    for r in GOLD:
        assert all(r["text"][q["start"]:q["end"]] == q["text"] for q in r["quotes"])


def test_speakers(analysed):
    bench = _bench()
    problems = [f"{rec['id']}: {p}" for rec in GOLD for g in rec["quotes"]
                if g["speaker"] is not None and (rec["id"], g["text"]) not in KNOWN_SPEAKER_MISSES
                for p in [_wrong_speaker(rec, g, analysed[rec["id"]], bench)] if p]
    assert not problems, "\n".join(problems)


@pytest.mark.xfail(strict=True, reason="known misses: see KNOWN_SPEAKER_MISSES")
@pytest.mark.parametrize("key", list(KNOWN_SPEAKER_MISSES), ids=[k[1][:30] for k in KNOWN_SPEAKER_MISSES])
def test_known_speaker_misses(key, analysed):
    rec = next(r for r in GOLD if r["id"] == key[0])
    g = next(q for q in rec["quotes"] if q["text"] == key[1])
    assert _wrong_speaker(rec, g, analysed[rec["id"]], _bench()) is None, KNOWN_SPEAKER_MISSES[key]


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


@pytest.mark.xfail(strict=True, reason="known misses: see KNOWN_PRESENCE_MISSES")
@pytest.mark.parametrize("key", list(KNOWN_PRESENCE_MISSES), ids=[k[1][:30] for k in KNOWN_PRESENCE_MISSES])
def test_known_speaker_presence_misses(key, ours):
    rec = next(r for r in GOLD if r["id"] == key[0])
    g = next(q for q in rec["quotes"] if q["text"] == key[1])
    assert _problem(ours[rec["id"]], g) is None, KNOWN_PRESENCE_MISSES[key]
