"""Reporting verbs: the cue words that introduce what somebody said.

Strong cues mean speech on their own ("said", "warned"); weak ones report speech only when a
quotation hangs off them syntactically ("calling the idea "premature"", "hoped for a "deal"").
Forms are generated so the rules-only pipeline (no lemmatizer) recognises "emphasized" too.
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import LIGHT_SPEECH_VERBS, SPEECH_NOUNS

STRONG = {
    "say", "tell", "add", "state", "warn", "emphasize", "emphasise", "stress", "note", "echo", "urge", "insist",
    "argue", "claim", "explain", "declare", "announce", "admit", "acknowledge", "confirm", "deny", "reply", "respond",
    "answer", "ask", "write", "tweet", "post", "remark", "observe", "comment", "conclude", "caution", "predict",
    "promise", "pledge", "vow", "complain", "concede", "contend", "maintain", "reiterate", "repeat", "recall",
    "reveal", "assert", "boast", "joke", "plead", "demand", "proclaim", "estimate", "hint", "mention", "shout",
    "whisper", "testify", "quip", "muse", "lament", "counter", "retort", "insist", "affirm", "allege", "exclaim",
    "tell", "suggest", "recommend", "advise", "stress", "underline", "underscore", "highlight", "describe", "call",
    "brand", "dub", "label", "criticize", "criticise", "accuse", "dismiss", "praise", "hail", "slam", "blast",
    "condemn", "reassure", "signal", "indicate", "point", "agree", "disagree", "acknowledge", "question", "wonder",
    "speak", "report", "continue", "told", "propose", "threaten", "vow", "guarantee", "assure", "inform", "notify",
    "caution", "forecast", "predict", "warn", "write", "tweet", "cite", "quote", "denounce", "decry", "chant",
    "characterize", "characterise", "rule", "elaborate", "scrawl", "scribble", "pen", "publish", "sing", "yell",
    "scream", "cry", "sob", "murmur", "mutter", "snap", "stammer", "recount", "narrate", "concur", "disclose",
    "clarify", "apologize", "apologise", "thank", "congratulate", "rebuke", "scold", "attack", "rail", "lambast",
    "lambaste", "welcome", "applaud", "deride", "mock", "ridicule", "dub", "term", "nickname", "order", "instruct",
    "remind",
}
WEAK = {"believe", "think", "feel", "fear", "hope", "expect", "want", "consider", "describe", "mean", "see",
        "view", "regard", "find", "know", "worry", "insist", "seek", "avoid", "refer", "reject", "welcome",
        "express", "voice", "raise", "defend", "support", "oppose", "back", "favor", "favour", "push", "press",
        "suppose", "imagine", "assume", "blame", "credit", "deem", "judge", "treat", "portray", "depict",
        "frame", "cast", "hail", "consider"}
IRREGULAR = {"said": "say", "says": "say", "saying": "say", "told": "tell", "wrote": "write", "written": "write",
             "spoke": "speak", "spoken": "speak", "thought": "think", "felt": "feel", "meant": "mean", "saw": "see",
             "seen": "see", "knew": "know", "known": "know", "found": "find", "sought": "seek"}


def _forms(lemma: str) -> set[str]:
    out = {lemma, lemma + "s", lemma + "ing", lemma + "ed", lemma + "es"}
    if lemma.endswith("e"):
        out |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) >= 3 and lemma[-1] in "bdgmnprt" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # admitted, admitting
    return out


NOMINAL_ROLES = {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "compound", "attr", "appos", "dative"}
FORMS: dict[str, str] = {}
for _lemma in sorted(STRONG | WEAK):
    for _f in _forms(_lemma):
        FORMS.setdefault(_f, _lemma)
FORMS.update(IRREGULAR)


def cue_lemma(tok: Token) -> str | None:
    """The reporting verb's lemma, or None when the token is not one."""
    if tok.pos_ and tok.pos_ not in ("VERB", "AUX", "PROPN", "NOUN", "ADJ"):
        return None  # a tagged preposition or noun "call" etc. is no cue; NOUN/PROPN: taggers err on verbs
    lemma = tok.lemma_.lower() if tok.lemma_ else ""
    if lemma in LIGHT_SPEECH_VERBS and tok.pos_ == "VERB" and \
            any(c.dep_ == "dobj" and c.lemma_.lower() in SPEECH_NOUNS for c in tok.children):
        return "announce"  # "made the following announcement:", "issued a statement"
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in NOMINAL_ROLES:
        return None  # "Reports differ on ...": a noun doing a noun's job, whatever its spelling
    if lemma in STRONG or lemma in WEAK:
        if tok.pos_ in ("NOUN", "PROPN", "ADJ") and tok.lower_ == lemma:
            return None  # "a call", "the point"
        return lemma
    return FORMS.get(tok.lower_)


def is_strong(lemma: str | None) -> bool:
    return lemma in STRONG
