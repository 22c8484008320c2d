"""Sources that are not named persons: organisations, groups, unnamed people and documents.

News attributes many quotes to a source it does not name as a person: "the ministry said in a
statement", "protesters chanted", "a spokesman said", "reports vary". When a reporting verb's
subject is such a noun phrase, the source is what the article calls it, sorted into a kind by the
phrase's head (lexicon.py) and by its entity label (ORG and GPE speak as organisations, NORP as
groups, LAW as documents). Definite descriptions are resolved where the article allows it:
"the president" is the person introduced as President earlier, "the spokesperson" the
"Harbourline spokesperson" met before, "the ministry" the "Health Ministry" named before, "WHO" the
"World Health Organization (WHO)". A channel ("the WHO's website", "a government Twitter
account") speaks for whoever owns it. Everything here needs the dependency parse.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from .lexicon import (CHANNEL_NOUNS, DOCUMENT, DOCUMENT_NOUNS, GROUP, GROUP_NOUNS, INDEFINITE_SPEAKERS, NOUN_GENDER,
                      ORG_NOUNS, ORGANISATION, PERSON_NOUNS, QUANTIFIERS, UNNAMED, is_outlet_name, looks_agentive)
from .names import OFFICES, is_title, strip_possessive
from .persons import Mention, SourceDraft

ENTITY_KINDS = {"ORG": ORGANISATION, "GPE": ORGANISATION, "FAC": ORGANISATION, "NORP": GROUP, "LAW": DOCUMENT,
                "WORK_OF_ART": DOCUMENT}
NP_LEFT = {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "predet", "case", "npadvmod", "advmod"}
NP_PREPS = {"of", "for", "at", "from", "in", "with", "on"}
NP_CLOSE = {"close", "familiar", "near"}  # adjectives that make a describing phrase of a source
DEFINITE = {"the", "this", "that", "these", "those"}
GENERIC_ORG_NOUNS = {"group", "organisation", "organization", "company", "firm", "body", "association", "charity",
                     "agency", "institution", "coalition", "alliance", "network", "campaign", "movement"}
OUTLET_NOUNS = {"newspaper", "paper", "broadcaster", "network", "channel", "station", "magazine", "outlet", "daily"}
_ACRONYM = re.compile(r"^[A-Z][A-Z&.]{1,7}$")
_WITH_ACRONYM = re.compile(r"^(.+?)\s*\(\s*([A-Z][A-Z&.]{1,7})\s*\)?$")

# Confidence of each way of finding a source (multiplied into the quote's confidence like a person's).
CONF = {"entity": 0.9, "described": 0.85, "person-role": 0.7, "same-description": 0.75, "bridged": 0.65,
        "pronoun": 0.7, "issuer": 0.85}

Found = tuple[int, tuple[int, int], float]  # (source key, the words naming it here, confidence)


class SourceBook:
    """The article's sources that are not person mentions, created as the attribution meets them."""

    def __init__(self, doc: Doc, persons: dict[int, SourceDraft], mentions: list[Mention], qtok: dict[int, int],
                 sentence_of: Callable[[int], int], text: str | None = None):
        self.doc, self.persons, self.qtok, self.sentence_of = doc, persons, qtok, sentence_of
        self.text = doc.text if text is None else text  # Doc.text joins every token on each access
        self.parsed = doc.has_annotation("DEP")
        self.person_mentions = mentions
        self.person_at = {i: m for m in mentions for i in range(m.t0, m.t1)}
        self._ent_of: dict | None = None
        self.next_key = max(persons, default=-1) + 1
        self.by_name: dict[tuple[str, str], int] = {}  # (kind, casefolded name) -> key
        self.mentions: list[Mention] = []  # every source mention made, in the order met
        self.made: dict[int, Found | None] = {}  # head token -> what it was found to be
        self._acronym_map: dict[str, str] | None = None
        self._roles: list[tuple[int, int, set[str]]] | None = None
        self._org_names: list[tuple[int, str, set[str]]] | None = None

    # Built on first use: most articles' quotes are said by named persons and never need them.
    @property
    def ent_of(self) -> dict:
        if self._ent_of is None:
            self._ent_of = {i: e for e in self.doc.ents for i in range(e.start, e.end)}
        return self._ent_of

    @property
    def acronyms(self) -> dict[str, str]:
        if self._acronym_map is None:
            self._acronym_map = self._acronyms()
        return self._acronym_map

    # --- what a noun phrase names ----------------------------------------------------------------------
    def source_of(self, tok: Token, relaying_ok: bool = True, inside_quote: bool = False) -> Found | None:
        """The source the noun phrase headed by `tok` names, or None when it names none we can tell.
        `inside_quote`: the phrase is in a quotation (the speaker of a quote nested in it)."""
        if not self.parsed or (tok.i in self.qtok and not inside_quote):
            return None
        if tok.i not in self.made:
            self.made[tok.i] = self._classify(tok)
        found = self.made[tok.i]
        if found is not None and not relaying_ok and self.persons[found[0]].kind == ORGANISATION and \
                is_outlet_name(self.persons[found[0]].name):
            return None  # "according to NBC": the outlet relays, it is not the source
        return found

    def _classify(self, h: Token, depth: int = 0) -> Found | None:
        low, lemma = h.lower_, h.lemma_.lower()
        if depth == 0 and self.apposed_person(h) is not None:
            return None  # "The prime minister, Boris Johnson," names a person: the caller resolves it
        if depth == 0:
            named = self._named_right_after(h)
            if named is not None:
                return named
        span = self.description(h)
        if low in INDEFINITE_SPEAKERS and h.pos_ == "PRON":  # "the next time someone says"
            return self._make(UNNAMED, low, span, CONF["described"])
        ent = self.ent_of.get(h.i)
        if ent is not None and ent.label_ in ENTITY_KINDS and h.i in (ent.end - 1, ent.root.i):
            return self._entity(ent, h)
        # "an official government Twitter account": the parser makes the owner the head
        if any(c.dep_ == "appos" and c.lemma_.lower() in CHANNEL_NOUNS and c.left_edge.i == h.i + 1
               for c in h.children):
            owner = self._owner_noun(h)
            if owner is not None:
                return owner
        if lemma in CHANNEL_NOUNS or lemma in DOCUMENT_NOUNS:
            issuer = self._issuer(h, depth)
            if issuer is not None:
                return issuer
        if (h.pos_ == "PROPN" or h.ent_type_ in ENTITY_KINDS or h.ent_type_ == "PERSON") and \
                h.i not in self.person_at and h.text[:1].isupper() and depth == 0:
            # A proper name that is no person's, saying something: a company, a body, a place's
            # government, or a statute ("Section 12 of the Water Act states").
            doc, t0, t1 = h.doc, h.i, h.i + 1
            while t0 > 0 and doc[t0 - 1].dep_ == "compound" and doc[t0 - 1].pos_ == "PROPN":
                t0 -= 1
            sub = {t.i for t in h.subtree}
            while t1 < len(doc) and t1 in sub and (doc[t1].like_num or doc[t1].text == ".") and \
                    not doc[t1 - 1].whitespace_ == "\n":
                t1 += 1
            while doc[t1 - 1].text == ".":
                t1 -= 1
            name = strip_possessive(doc[t0:t1].text)
            return self._make(self.name_kind(name, ORGANISATION), self.acronyms.get(name, name),
                              (doc[t0].idx, doc[t1 - 1].idx + len(doc[t1 - 1].text)), CONF["entity"], aliases=[name])
        of = self._of_noun(h)
        if (lemma in QUANTIFIERS or low == "one") and of is not None:  # "a number of senators", "one of them"
            inner = of.lemma_.lower()
            if inner in PERSON_NOUNS or of.lower_ in GROUP_NOUNS or of.lower_ in ("them", "us") or \
                    of.ent_type_ == "NORP" or looks_agentive(of.text):
                return self._make(UNNAMED if low == "one" else GROUP, self.name_of(span), span, CONF["described"])
        plural = h.tag_ in ("NNS", "NNPS") and low != lemma
        if low in GROUP_NOUNS or (plural and (lemma in PERSON_NOUNS or looks_agentive(lemma))):
            return self._make(GROUP, self.name_of(span), span, CONF["described"])
        if lemma in ORG_NOUNS and (not plural or low == lemma):  # "the police", "the military"
            named = self._named_by_kind(h)
            if named is not None:  # "Environmental group Walhi blamed"
                return self._make(ORGANISATION, self.acronyms.get(named, named), span, CONF["entity"])
            return self._org_noun(h, span)
        if lemma in ORG_NOUNS and plural:  # "residents' associations", "the unions"
            return self._make(GROUP, self.name_of(span), span, CONF["described"])
        if lemma in DOCUMENT_NOUNS:
            return self._make(DOCUMENT, self.name_of(span), span, 0.7)
        if h.pos_ in ("NOUN", "PROPN") and (lemma in PERSON_NOUNS or (looks_agentive(lemma) and h.pos_ == "NOUN")):
            return self._person_noun(h, span)
        return None

    @staticmethod
    def name_kind(name: str, default: str) -> str:
        """"Law and Justice Party" is an organisation, "the Radio Control Law" a document."""
        words = {w.lower() for w in name.split()}
        if words & ORG_NOUNS:
            return ORGANISATION
        if words & DOCUMENT_NOUNS and default == ORGANISATION:
            return DOCUMENT
        return default

    def apposed_person(self, h: Token) -> Mention | None:
        """The person a subject phrase ends with, set off by a comma: "the director of the charity, Ana
        Ferreira," or "the mayor of Kyiv, Vitali Klitschko," (the parser hangs the name on the nearest noun)."""
        last = h.right_edge.i
        while last > h.i and self.doc[last].is_punct:
            last -= 1
        for t in h.subtree:
            m = self.person_at.get(t.i)
            if m is not None and m.t1 - 1 == last and m.t0 > h.i and self.doc[m.t0 - 1].text == "," and \
                    (t.dep_ == "appos" or t.i == m.t1 - 1):
                return m
        for t in h.subtree:
            if t.dep_ == "appos" and t.i in self.person_at:
                return self.person_at[t.i]
        if is_title(h.text):  # "Chief Executive Per Ovesen": the parser made the title the head
            for t in h.subtree:
                m = self.person_at.get(t.i)
                if m is not None and m.t0 == h.i + 1:
                    return m
        return None

    def _named_right_after(self, h: Token) -> Found | None:
        """"The technology site Gadgetry called ...": a describing noun with an organisation's name
        set right after it, no comma, is that organisation."""
        for c in h.children:
            ent = self.ent_of.get(c.i)
            if c.dep_ == "appos" and c.left_edge.i == h.i + 1 and ent is not None and \
                    ENTITY_KINDS.get(ent.label_) == ORGANISATION and c.i in (ent.end - 1, ent.root.i):
                return self._entity(ent, c)
        return None

    def _entity(self, ent, h: Token) -> Found | None:
        name = strip_possessive(ent.text)
        m = _WITH_ACRONYM.match(name)
        if m:  # "the World Health Organization (WHO"
            name = m.group(1)
        if name.lower().startswith("the "):
            name = name[4:]
        if not name:
            return None
        kind = self.name_kind(name, ENTITY_KINDS[ent.label_])
        full = self.acronyms.get(name, name)
        span = (ent.start_char, ent.start_char + len(strip_possessive(ent.text).rstrip("( ")))
        return self._make(kind, full, span, CONF["entity"], aliases=[name] if full != name else [])

    def _issuer(self, h: Token, depth: int) -> Found | None:
        """Whose statement, website or spokesman this is: a possessor, a name before it, "of X", "by X"."""
        cands = [c for c in h.children if c.dep_ == "poss"]
        cands += [c for c in h.children if c.dep_ in ("compound", "nmod") and
                  (c.pos_ == "PROPN" or c.lemma_.lower() in ORG_NOUNS)]
        for p in (c for c in h.children if c.dep_ == "prep" and c.lower_ in ("of", "by", "from")):
            cands += [g for g in p.children if g.dep_ == "pobj"]
        for c in cands:
            if c.i in self.person_at:
                m = self.person_at[c.i]
                return m.key, (m.start, m.end), CONF["issuer"]
            if c.lemma_.lower() in ORG_NOUNS and c.pos_ == "NOUN":
                owner = self._owner_noun(c)
                if owner is not None:
                    return owner
            if depth < 2 and c.pos_ in ("PROPN", "NOUN"):
                found = self._classify(c, depth + 1)
                if found is not None and self.persons[found[0]].kind in (ORGANISATION, GROUP):
                    return found
        return None

    def _owner_noun(self, org: Token) -> Found | None:
        """An organisation noun used as owner ("government account", "ministry statement"): the
        article's organisation of that kind, if it named one."""
        lemma = org.lemma_.lower()
        if lemma not in ORG_NOUNS:
            return None
        named = self.named_org(lemma, org.idx)
        if named is None:
            return None
        return self._make(ORGANISATION, named, self.span(org), CONF["bridged"])

    def _org_noun(self, h: Token, span: tuple[int, int]) -> Found:
        det = self._determiner(h)
        if det in DEFINITE and not self._has_postmodifier(h) and not any(c.dep_ in ("amod", "compound")
                                                                           for c in h.children):
            named = self.named_org(h.lemma_.lower(), h.idx)  # "the ministry" -> "the Health Ministry"
            if named is not None:
                return self._make(ORGANISATION, named, span, CONF["bridged"])
            if h.lemma_.lower() in GENERIC_ORG_NOUNS:  # "the group said": the organisation that just spoke
                last = self.latest(ORGANISATION, h.idx, 2, self.sentence_of(h.i))
                if last is not None:
                    return last[0], span, CONF["bridged"]
        return self._make(ORGANISATION, self.name_of(span), span, CONF["described"], local=True)

    def _person_noun(self, h: Token, span: tuple[int, int]) -> Found:
        lemma = h.lemma_.lower()
        det = self._determiner(h)
        gender = NOUN_GENDER.get(lemma)
        if det in DEFINITE and not self._has_postmodifier(h):
            # "the president": the person the article introduced as President
            key = self.person_by_role(lemma, {c.lemma_.lower() for c in h.children if c.dep_ in ("amod", "compound")},
                                      h.idx)
            if key is not None:
                return key, span, CONF["person-role"]
            # "the spokesperson": the unnamed spokesperson met before
            for m in reversed(self.mentions):
                p = self.persons[m.key]
                if m.start < h.idx and p.kind == UNNAMED and m.source == lemma:
                    return m.key, span, CONF["same-description"]
        org = self._issuer(h, 1)
        org_name = self.persons[org[0]].name if org is not None and \
            self.persons[org[0]].kind == ORGANISATION else None
        return self._make(UNNAMED, self.name_of(span), span, CONF["described"], gender=gender, org=org_name,
                          head=lemma)

    def pronoun_source(self, tok: Token) -> Found | None:
        """"it said" after an organisation spoke, "they said" after a group or organisation did."""
        kinds = (ORGANISATION, DOCUMENT) if tok.lower_ == "it" else (GROUP, ORGANISATION)
        here = self.sentence_of(tok.i)
        for m in reversed(self.mentions):
            if m.start >= tok.idx:
                continue
            if here - self.sentence_of(m.t0) > 2:
                break
            if self.persons[m.key].kind in kinds:
                return m.key, self.span(tok), CONF["pronoun"]
        return None

    def latest(self, kind: str, before: int, within_sentences: int, here: int) -> Found | None:
        for m in reversed(self.mentions):
            if m.start < before and self.persons[m.key].kind == kind and \
                    here - self.sentence_of(m.t0) <= within_sentences:
                return m.key, (m.start, m.end), CONF["bridged"]
        return None

    # --- making sources -----------------------------------------------------------------------------
    def _make(self, kind: str, name: str, span: tuple[int, int], conf: float, aliases: list[str] = (),
              gender: str | None = None, org: str | None = None, local: bool | None = None,
              head: str | None = None) -> Found:
        name = " ".join(name.split())
        local = kind in (UNNAMED, GROUP, DOCUMENT) if local is None else local
        key = self.by_name.get((kind, name.casefold()))
        if key is None:
            key = self.next_key
            self.next_key += 1
            self.persons[key] = SourceDraft(name, sorted(set(aliases) - {name}), gender, kind, org, local)
            self.by_name[(kind, name.casefold())] = key
        else:
            p = self.persons[key]
            p.aliases = sorted(set(p.aliases) | set(aliases) - {p.name})
        t = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        t0, t1 = (t.start, t.end) if t is not None else (0, 0)
        m = Mention(span[0], span[1], t0, t1, self.text[span[0]:span[1]], [], head or kind, conf, key)
        if not any(x.start == m.start and x.key == key for x in self.mentions):
            bisect.insort(self.mentions, m, key=lambda x: x.start)
        return key, span, conf

    # --- noun phrases ----------------------------------------------------------------------------------
    def description(self, h: Token) -> tuple[int, int]:
        """Character span of the phrase the article uses: determiner, modifiers, head and a short
        "of"/"for"/"in" phrase ("the head of the city's housing inspectors"); no relative
        clause, apposition or participle phrase."""
        doc = h.doc
        lo, hi = h.i, h.i + 1
        same = self.qtok.get(h.i)  # inside the same quotation as the head (or outside all, as it is)
        for c in h.lefts:
            if c.dep_ in NP_LEFT and self.qtok.get(c.i) == same:
                lo = min(lo, c.left_edge.i)
        for c in h.rights:
            if c.dep_ == "prep" and c.lower_ in NP_PREPS and c.i == hi or \
                    c.dep_ == "amod" and c.lower_ in NP_CLOSE and c.i == hi:  # "a source close to the talks"
                sub = list(c.subtree)
                comma = next((k for k, t in enumerate(sub) if t.text == "," and k > 1), None)
                if comma is not None:  # "a nurse at the facility, who ...": the clause after the comma
                    sub = sub[:comma]  # hangs on the phrase's last noun
                if len(sub) <= 8 and sub[-1].i - c.i + 1 == len(sub) and not any(
                        t.pos_ in ("VERB", "AUX") or self.qtok.get(t.i) != same or
                        (t.is_punct and t.text not in ("'s", "’s", "-")) for t in sub):
                    hi = sub[-1].i + 1
                    continue
            if c.dep_ in ("case",) and c.i == hi:
                hi += 1
                continue
            break
        while lo < hi - 1 and (doc[lo].is_punct or doc[lo].is_space):
            lo += 1
        while hi - 1 > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
            hi -= 1
        return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)

    def name_of(self, span: tuple[int, int]) -> str:
        """The description as a name: "The father" -> "the father", "One of them" -> "one of them"."""
        text = " ".join(self.text[span[0]:span[1]].split())
        first, _, rest = text.partition(" ")
        tok = self.doc.char_span(span[0], span[0] + len(first), alignment_mode="expand")
        common = tok is not None and tok[0].pos_ in ("DET", "NOUN", "NUM", "ADJ", "PRON") and not first.isupper()
        if common or first.lower() in DEFINITE | {"a", "an", "one", "some", "many", "several", "most", "all", "few",
                                                  "both", "another", "other"}:
            return f"{first.lower()} {rest}".strip()
        return text

    @staticmethod
    def span(tok: Token) -> tuple[int, int]:
        return tok.idx, tok.idx + len(tok.text)

    @staticmethod
    def _determiner(h: Token) -> str | None:
        for c in h.children:
            if c.dep_ in ("det", "poss") and c.i < h.i:
                return c.lower_ if c.dep_ == "det" else "the"  # "Harlan's spokesman" is definite
        return None

    @staticmethod
    def _has_postmodifier(h: Token) -> bool:
        return any(c.dep_ == "prep" and c.i > h.i for c in h.children)

    @staticmethod
    def _of_noun(h: Token) -> Token | None:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        return None

    # --- what the article said before -----------------------------------------------------------------
    def _named_by_kind(self, tok: Token) -> str | None:
        """"environmental group Walhi", "the company Lactinova": an organisation noun right before the
        name (the parser makes either the head)."""
        head = tok.head
        if tok.dep_ == "compound" and head.pos_ == "PROPN" and head.i > tok.i and head.i not in self.person_at:
            return strip_possessive(self.doc[tok.i + 1:head.i + 1].text)
        for c in tok.children:  # "group Walhi", "The manufacturer, Lactinova,"
            if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i not in self.person_at and c.i > tok.i and \
                    all(t.text == "," for t in self.doc[tok.i + 1:c.left_edge.i]):
                return strip_possessive(self.doc[c.left_edge.i:c.i + 1].text)
        return None

    def _acronyms(self) -> dict[str, str]:
        """"World Health Organization (WHO)": the short form and the full name are one source."""
        out, doc = {}, self.doc
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "GPE", "NORP", "FAC"):
                continue
            text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            m = _WITH_ACRONYM.match(text)
            if m:  # the tagger took the bracket in
                out.setdefault(m.group(2), m.group(1))
            elif ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")" and \
                    _ACRONYM.match(doc[ent.end + 1].text):
                out.setdefault(doc[ent.end + 1].text, text)
        return out

    def person_by_role(self, lemma: str, modifiers: set[str], before: int) -> int | None:
        if self._roles is None:
            self._roles = self._person_roles()
        best = None
        for start, key, roles in self._roles:
            if start >= before:
                break
            if lemma in roles and (not modifiers or modifiers <= roles or best is None):
                best = key
        return best

    def _person_roles(self) -> list[tuple[int, int, set[str]]]:
        """For each person mention, the role words the article gives it: titles ("President
        Fernández"), modifiers ("archbishop X", "President of Argentina X"), appositions ("X, the
        judge", "the judge presiding over the case, X")."""
        out = []
        for m in self.person_mentions:
            roles = {t.lower().rstrip(".") for t in m.titles}
            head = self.doc[m.t1 - 1]
            for c in head.children:
                if c.i < m.t0 or c.i >= m.t1:
                    if c.dep_ in ("compound", "nmod", "amod", "appos") and c.pos_ in ("NOUN", "PROPN"):
                        roles.add(c.lemma_.lower())
                        roles |= {g.lemma_.lower() for g in c.children if g.dep_ in ("compound", "amod", "nmod")}
            if head.dep_ == "appos" and head.head.pos_ == "NOUN":
                roles.add(head.head.lemma_.lower())
                roles |= {g.lemma_.lower() for g in head.head.children if g.dep_ in ("compound", "amod")}
            out.append((m.start, m.key, roles & (PERSON_NOUNS | OFFICES | {w for w in roles if looks_agentive(w)})
                        | {w for w in roles if w in ("foreign", "prime", "interior", "defence", "defense", "finance",
                                                     "health", "home", "vice", "deputy", "chief")}))
        return out

    def named_org(self, noun: str, before: int) -> str | None:
        """The latest organisation named before `before` whose name has this head noun: an ORG entity
        ("the Health Ministry"), or a phrase that names one ("the government of Peru")."""
        if self._org_names is None:
            self._org_names = self._named_orgs()
        best = None
        for start, name, words in self._org_names:
            if start >= before:
                break
            if noun in words or (noun in OUTLET_NOUNS and is_outlet_name(name)):
                best = name  # "the newspaper": the outlet named before
        return best

    def _named_orgs(self) -> list[tuple[int, str, set[str]]]:
        out = []
        for ent in self.doc.ents:
            if ent.label_ in ("ORG", "FAC"):
                name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
                words = {w.lower() for w in ent.text.split()}
                # what the article calls it: "environmental group Walhi", "Lactinova, the manufacturer,"
                before = self.doc[ent.start - 1] if ent.start > 0 else None
                if before is not None and before.pos_ == "NOUN":
                    words.add(before.lemma_.lower())
                words |= {c.lemma_.lower() for c in ent.root.children if c.dep_ == "appos" and c.pos_ == "NOUN"}
                if ent.root.dep_ == "appos" and ent.root.head.pos_ == "NOUN":
                    words.add(ent.root.head.lemma_.lower())
                out.append((ent.start_char, strip_possessive(name), words))
        for tok in self.doc:
            if tok.lemma_.lower() not in ORG_NOUNS or tok.pos_ != "NOUN" or tok.i in self.qtok:
                continue
            name = self._named_by_kind(tok)
            if name is not None:
                out.append((tok.idx, name, {tok.lemma_.lower()}))
                continue
            specific = [c for c in tok.children if (c.dep_ in ("amod", "compound", "poss") and
                                                    (c.ent_type_ in ("GPE", "NORP", "ORG") or c.pos_ == "PROPN"))]
            of = self._of_noun(tok)
            if of is not None and of.ent_type_ in ("GPE", "ORG"):
                specific.append(of)
            if specific:
                span = self.description(tok)
                out.append((span[0], self.name_of(span), {tok.lemma_.lower()}))
        return sorted(out, key=lambda r: r[0])
