"""Repairs of the small model's person entities that need the sentence around them.

What en_core_web_sm gets wrong on news, and the evidence used against it:
- names it tags ORG or misses, often non-English ones ("Priya Raman of the Salem district
  council said", "an attendee Tomasz Kowalczyk said"): a person is what a role word introduces ("attendee",
  "Assemblywoman"), what "of <organisation>" follows, what an age or a role is apposed to
  ("X, 39,", "X, a lawyer,"), or what starts with a known first name;
- names split or shared: "Mohamed Salah El" + "Din Kamel" is one name; "Mark and Julia Hensley" two;
- words that are no names: plural nouns opening a sentence ("Photographs"), "COVID-19",
  platforms ("on Twitter"), words of a headline's verb ("Macron Warns Europe");
- places and organisations tagged PERSON: a name seen only after "in"/"near", before ", <state>",
  among places, or tagged GPE elsewhere is a place; one introduced by "the company", "chains",
  or tagged ORG more often than PERSON, is an organisation.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Token

from .cues import FORMS
from .lexicon import DOCUMENT_NOUNS, ORG_NOUNS, PERSON_NOUNS, PLATFORMS
from .names import FEMALE_NAMES, MALE_NAMES, NOT_NAMES, PARTICLES, is_title

LOCATIVE = {"in", "near", "at", "from", "across", "outside", "inside", "throughout", "around", "towards", "toward"}
# Verbs headlines use besides reporting verbs, in the -s form a headline writes them.
HEADLINE_VERBS = {"wins", "loses", "visits", "meets", "signs", "leaves", "faces", "backs", "rejects", "quits",
                  "resigns", "takes", "makes", "gets", "sets", "hits", "vows", "plans", "seeks", "eyes", "slams",
                  "blasts", "says", "warns", "urges", "calls", "defends", "admits", "denies", "pledges",
                  "promises", "returns", "launches", "joins", "opens", "ends", "wants", "heads", "named", "to"}
_PROPER = re.compile(r"^[A-Z][\w'’\-.]*$")


DETERMINERS = {"a", "an", "any", "every", "each", "no", "some", "another", "this", "that"}
AFFILIATIONS = {"democrat", "republican", "labour", "tory", "conservative", "liberal", "socialist", "communist",
                "green", "nationalist", "unionist", "independent"}


class WordUse:
    """How the article writes its words: in lower case somewhere (a common word), or capitalised
    inside a sentence (a name: "by Harbourline and Brightmart")."""

    def __init__(self, doc: Doc):
        words = [(t.text, t.whitespace_, t.is_sent_start) for t in doc]  # one pass over the Doc
        self.texts = [w for w, _, _ in words]
        self.lower = {w for w, _, _ in words if w.islower()}
        self.mid_caps = {w for i, (w, _, start) in enumerate(words)
                         if w[:1].isupper() and i and not start and not _after_break(*words[i - 1][:2])}


def _after_break(prev_text: str, prev_ws: str) -> bool:
    return "\n" in prev_text + prev_ws or prev_text in (".", "!", "?", '"', "“", "‘", "'", ":")


def _sentence_initial(t: Token) -> bool:
    return t.i == 0 or t.is_sent_start or _after_break(t.doc[t.i - 1].text, t.doc[t.i - 1].whitespace_)


def not_a_name(doc: Doc, t0: int, t1: int, tagged: bool, use: WordUse | None = None) -> bool:
    """Words the model tagged PERSON that cannot be anyone's name."""
    text = doc[t0:t1].text
    if any(ch.isdigit() for ch in text) or text.endswith("-") or text.lower() in PLATFORMS:
        return True  # "COVID-19", "African-" (of "African- and Asian-American"), "Twitter"
    if t1 - t0 == 1:
        word = doc[t0].text
        if t0 > 0 and doc[t0 - 1].lower_ in DETERMINERS:
            return True  # "what any Londoner would do", "Who Gives a Crap"
        if use is not None and word not in use.mid_caps and _sentence_initial(doc[t0]) and (
                (tagged and doc[t0].tag_ in ("NNS", "NNPS")) or word.lower() in use.lower):
            return True  # "Photographs, videos and texts were deleted"; "Measles" where "measles" is written too
    return False


def headline_cut(doc: Doc, t0: int, t1: int, heads: set[int]) -> int:
    """End of a name in a headline before the verb the tagger swallowed ("Macron Warns Europe")."""
    if t0 not in heads:
        return t1
    for k in range(t0 + 1, t1):
        low = doc[k].lower_
        if low in HEADLINE_VERBS or (low in FORMS and low.endswith("s")) or low in NOT_NAMES:
            return k
    return t1


def role_word(tok: Token) -> bool:
    """A word naming what someone is ("attendee", "Assemblywoman", "broadcaster")."""
    return tok.lower_ in PERSON_NOUNS and tok.lower_ not in ("person", "people", "man", "woman", "source") or \
        tok.lower_.endswith("ologist")  # "hydrologist", "entomologist": whoever practises a science


def _is_plain_name(doc: Doc, t0: int, t1: int) -> bool:
    words = [t.text for t in doc[t0:t1]]
    if not 2 <= len(words) <= 4 or any(w.isupper() and len(w) > 1 for w in words):
        return False
    lows = {w.lower().rstrip(".") for w in words}
    return not (lows & (ORG_NOUNS | DOCUMENT_NOUNS | PLATFORMS | NOT_NAMES)) and \
        all(_PROPER.match(w) or w.lower() in PARTICLES for w in words)


def person_evidence(doc: Doc, t0: int, t1: int) -> bool:
    """Whether a capitalised name the model did not tag PERSON is used as a person's name."""
    before = doc[t0 - 1] if t0 > 0 else None
    after = doc[t1] if t1 < len(doc) else None
    if before is not None and role_word(before):
        return True  # "an attendee Tomasz Kowalczyk", "Councilwoman Rosa Delgado"
    if doc[t0].lower_ in FEMALE_NAMES or doc[t0].lower_ in MALE_NAMES:
        return True
    if after is not None and after.lower_ == "of" and t1 + 1 < len(doc) and \
            (doc[t1 + 1].lower_ == "the" or doc[t1 + 1].ent_type_ in ("ORG", "GPE")) and \
            (before is None or before.pos_ not in ("DET", "ADP", "PRON")):
        return True  # "Priya Raman of the Salem district council said" (not "the Northern District of Ohio")
    if after is not None and after.text == "," and t1 + 2 < len(doc):
        nxt, nxt2 = doc[t1 + 1], doc[t1 + 2]
        if nxt.like_num and nxt2.text == ",":
            return True  # "Clara Voss, 41,"
        if nxt.lower_ in ("a", "an", "the") and any(role_word(t) for t in doc[t1 + 2:min(len(doc), t1 + 6)]):
            return True  # "X, a member of parliament,"
    if _surname_before_who(doc, t1):
        return True  # "Emeka Okafor's header ... Okafor, who joined from Porto, said"
    head = doc[t1 - 1]
    if head.dep_ == "appos" and role_word(head.head):
        return True  # "A member of the Moroccan parliament, Youssef Amrani said"
    if before is not None and before.text == "," and t0 >= 2:
        top = doc[t0 - 2]  # "A member of the city council, Ines Varga said": the phrase before the comma
        for _ in range(6):
            if top.dep_ not in ("pobj", "prep", "compound", "amod", "det", "poss") or top.head.i == top.i:
                break
            top = top.head
        if role_word(top) and top.i < t0 - 1:
            return True
    return False


def _surname_before_who(doc: Doc, t1: int) -> bool:
    """The name's last word standing alone later as the antecedent of "who": only persons are "who"
    (a one-word club or firm may be, which is why the full name must have two words or more)."""
    last = doc[t1 - 1].text
    return any(doc[i].text == last and doc[i + 1].text == "," and doc[i + 2].lower_ == "who" and
               not _PROPER.match(doc[i - 1].text) for i in range(t1 + 1, len(doc) - 2))


def _apposed_to_role(doc: Doc, i: int) -> bool:
    """One capitalised word set off by commas after a role ("Her father, Hiroshi, watched"): a name."""
    tok = doc[i]
    return tok.pos_ == "PROPN" and tok.dep_ == "appos" and tok.head.i < i and role_word(tok.head) and \
        doc[i - 1].text == "," and i + 1 < len(doc) and doc[i + 1].text == "," and \
        tok.lower_ not in NOT_NAMES and not tok.text.isupper()


def missed_names(doc: Doc, covered: set[int], use: WordUse) -> list[tuple[int, int]]:
    """Token spans of person names the model tagged as something else or missed."""
    out, i, texts = [], 0, use.texts
    while i < len(doc):
        if i in covered or not texts[i][:1].isupper() or not _PROPER.match(texts[i]) or \
                doc[i].ent_type_ in ("PERSON", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "ORDINAL"):
            i += 1
            continue
        t0 = i
        while t0 < len(doc) and t0 not in covered and (role_word(doc[t0]) or is_title(doc[t0].text)) and \
                _PROPER.match(doc[t0].text):
            t0 += 1  # "Councilwoman Rosa Delgado": the role word is no part of the name
        j = t0
        while j < len(doc) and j - t0 < 4 and j not in covered and (_PROPER.match(doc[j].text) or
                                                                    (doc[j].lower_ in PARTICLES and j > t0)) \
                and (j == t0 or "\n" not in doc[j - 1].whitespace_) and not is_title(doc[j].text) \
                and not role_word(doc[j]):
            j += 1
        while j > t0 and doc[j - 1].lower_ in PARTICLES:
            j -= 1
        if j - t0 >= 2 and _is_plain_name(doc, t0, j) and person_evidence(doc, t0, j) or \
                j - t0 == 1 and _apposed_to_role(doc, t0):
            out.append((t0, j))
        i = max(j, i + 1)
    return out


def coordinated_first_names(doc: Doc, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """"Mark and Julia Hensley": Mark Hensley too. (token, token end, full name)"""
    starts = {a for a, _ in spans}
    covered = {k for a, b in spans for k in range(a, b)}
    out = []
    for a, b in spans:
        if b - a != 2 or a < 2 or doc[a - 1].lower_ != "and":
            continue
        first = doc[a - 2]
        if _PROPER.match(first.text) and (first.i not in covered or first.i in starts and first.i + 1 not in covered) \
                and first.lower_ not in NOT_NAMES and not is_title(first.text) and first.ent_type_ in ("", "PERSON"):
            out.append((first.i, first.i + 1, f"{first.text} {doc[b - 1].text}"))
    return out


def not_person_keys(doc: Doc, mentions: list, tagged: bool) -> set[int]:
    """Persons that are places or organisations by how the article uses every mention of them."""
    labels: dict[str, Counter] = {}
    for ent in doc.ents:
        labels.setdefault(ent.text.lower(), Counter())[ent.label_] += 1
    by_key: dict[int, list] = {}
    for m in mentions:
        by_key.setdefault(m.key, []).append(m)
    out = set()
    for key, ms in by_key.items():
        if any(m.titles for m in ms) or any(len(m.text.split()) > 1 and m.source in ("title", "repair", "coordinated")
                                            for m in ms) or \
                any(m.source == "repair" and _apposed_to_role(doc, m.t0) for m in ms):
            continue  # "President X", "X of the Y assembly said", "her father, Hiroshi,": a person
        places = orgs = 0
        for m in ms:
            before = doc[m.t0 - 1] if m.t0 > 0 else None
            after = doc[m.t1] if m.t1 < len(doc) else None
            after2 = doc[m.t1 + 1] if m.t1 + 1 < len(doc) else None
            seen = labels.get(m.text.lower(), Counter())
            if (before is not None and before.lower_ in LOCATIVE) or \
                    (after is not None and after.text == "," and after2 is not None and after2.ent_type_ == "GPE"
                     and doc[m.t1 - 1].ent_type_ != "ORG") or \
                    seen["GPE"] + seen["LOC"] > seen["PERSON"] or _among_places(doc, m):
                places += 1
            elif _introduced_as_org(doc, m) or seen["ORG"] > seen["PERSON"] or \
                    (m.t1 - m.t0 == 1 and doc[m.t0].text.isupper() and len(doc[m.t0].text) > 2):
                orgs += 1
        if places + orgs == len(ms) or any(_introduced_as_org(doc, m) for m in ms):
            out.add(key)
    return out


def _among_places(doc: Doc, m) -> bool:
    """"the towns of Beni, Butembo, Mangina, and Katwa": a list of places."""
    head = doc[m.t1 - 1]
    if head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children):
        peers = [head.head] + [c for c in head.children if c.dep_ == "conj"]
        return sum(1 for p in peers if p.ent_type_ in ("GPE", "LOC")) >= 1 and \
            not any(p.ent_type_ == "PERSON" for p in peers)
    return False


def _introduced_as_org(doc: Doc, m) -> bool:
    """"the company Norvale Therapeutics", "store chains Harbourline and Brightmart", "party New Horizon"."""
    k = m.t0 - 1
    while k > 0 and (doc[k].lower_ == "and" or doc[k].text == ",") and _PROPER.match(doc[k - 1].text) and \
            m.t0 - k < 8:
        k -= 1  # back over the names listed before this one ("chains Harbourline and Brightmart")
        while k > 0 and _PROPER.match(doc[k].text):
            k -= 1
    word = doc[k] if k >= 0 else None
    return word is not None and word.lemma_.lower() in ORG_NOUNS and word.pos_ == "NOUN" and word.text.islower()
