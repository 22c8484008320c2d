"""Who said each quote, and through which reporting verb (the cue).

Order of evidence, strongest first:
1. syntax: climb the parse from the quote to a reporting verb and take its subject, through
   participles and conjuncts ("..., stressing that the force "..."" -> the sentence's subject),
   passives ("was described as "..." by the police" -> the police), relative pronouns
   ("Frederiksen, who warned") and pronouns ("he warned", "it said");
2. surface patterns around the marks, which also serve the rules-only pipeline without a parser:
   `"...," X said`, `"...," said X`, `X, a former commander, said: "..."`, `according to X`;
3. layout: a headline `Name: ...`, a quote split by its attribution, a quote standing alone in a
   paragraph after a named speaker (layout_rules.py);
4. a low-confidence guess (the last speaker, else the most recent person) rather than nothing.

A subject that names no person is still a source (sources.py): an organisation ("the ministry"),
a group ("protesters"), an unnamed person ("a spokesman", resolved to the person or the source the
article introduced before when it is a definite "the president") or a document ("reports"). A
quote nested inside another is said by whom the outer speaker presents as saying it: "I" is the
outer speaker, "someone says" an unnamed someone.
"""

from __future__ import annotations

import bisect
import functools
import itertools

from spacy.attrs import IDX, LEMMA, LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Token

from .attribution_result import Attribution, Found
from .cue_rules import CueRules
from .cues import FORMS, STRONG, cue_lemma, is_strong
from .layout import headline_spans, paragraphs
from .layout_rules import LayoutRules
from .lexicon import DOCUMENT, NOUN_GENDER, PERSON_NOUNS, UNNAMED
from .marks import QuoteSpan
from .names import (FEMALE_PRONOUNS, MALE_PRONOUNS, ORG_PRONOUNS, PERSON_PRONOUNS, RELATIVE_PRONOUNS,
                    SUBJECT_PRONOUNS)
from .persons import Mention, SourceDraft
from .sources import SourceBook

_Found = Found  # older name
FIRST_PERSON = {"i", "me", "we", "us", "my", "our"}
REPORTEDLY = {"reportedly", "allegedly", "purportedly"}
NAMED = ("model", "title", "known", "typo")  # how person mentions were found (persons.Mention.source)
VERB_POS = (VERB, AUX)
COLLECTIVE_ENDINGS = ("ese", "sh", "ch", "ss")  # "the Chinese", "the British", "the French", "the Swiss"
STRONG_FORMS = {form for form, lemma in FORMS.items() if lemma in STRONG}


_HASHES: dict[frozenset, frozenset[int]] = {}


def _hashes(words) -> frozenset[int]:
    """The string hashes spaCy's arrays hold for these words (the same in every vocabulary)."""
    key = frozenset(words)
    if key not in _HASHES:
        _HASHES[key] = frozenset(get_string_id(w) for w in key)
    return _HASHES[key]


class Attributor(CueRules, LayoutRules):
    def __init__(self, doc: Doc, quotes: list[QuoteSpan], mentions: list[Mention], persons: dict[int, SourceDraft],
                 text: str | None = None):
        # Doc.text joins every token again on each access: callers that have it pass it in.
        self.doc, self.text, self.quotes = doc, doc.text if text is None else text, quotes
        self.persons = persons
        self.parsed = doc.has_annotation("DEP")
        self.starts = doc.to_array(IDX).tolist()
        self.paras = paragraphs(self.text)
        self.para_starts = [a for a, _ in self.paras]
        self.heads = headline_spans(self.text)
        self.head_starts = [a for a, _ in self.heads]
        # Tokens inside a quotation (the outermost one: a nested quote is part of its outer quote's words).
        self.qtok: dict[int, int] = {}
        self.outer: dict[int, int] = {}  # nested quote -> the quote around it
        for n, q in enumerate(quotes):
            if q.nested:
                around = [k for k, o in enumerate(quotes) if not o.nested and o.open_mark < q.open_mark and
                          (o.close_mark is None or q.end < o.close_mark) and self._same_para(o.start, q.start)]
                if around:
                    self.outer[n] = around[-1]
                    continue
            b = q.close_mark + 1 if q.close_mark is not None else q.end
            for i in self.tokens_in(q.open_mark, b):
                self.qtok[i] = n
        self.arrays = doc.to_array([LOWER, POS, LEMMA]).T.tolist()  # lower-case forms, parts of speech, lemmas
        self.sent_of = self._sentence_ids()
        self.book = SourceBook(doc, persons, mentions, self.qtok, lambda i: self.sent_of[i], self.text)
        # Unnamed people who spoke ("a spokesman said") join the persons as antecedents of "he"/"she".
        self.mentions = sorted(mentions + self._speaking_nominals(), key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.mention_of: dict[int, Mention] = {}
        for m in sorted(self.mentions, key=lambda m: self.persons[m.key].kind != "person" or m.source == UNNAMED):
            for i in range(m.t0, m.t1):
                self.mention_of.setdefault(i, m)  # a name inside a description ("a spokesman for Smith") is Smith
        self.first_in_sent: dict[int, Mention] = {}
        for m in self.mentions:
            self.first_in_sent.setdefault(self.sent_of[m.t0], m)
        self.results: list[Attribution] = []
        self.cue_spans: dict[int, tuple[int, int] | None] = {}
        self.headline_subject: dict[int, Attribution] = {}  # headline quote -> its lower-case subject's
        self.pronoun_cache = {}
        self.resolve_pronouns()

    # --- positions ---------------------------------------------------------------------------
    def tokens_in(self, a: int, b: int) -> range:
        i0 = max(0, bisect.bisect_right(self.starts, a) - 1)
        if i0 < len(self.doc) and self.doc[i0].idx + len(self.doc[i0]) <= a:
            i0 += 1
        return range(i0, bisect.bisect_left(self.starts, b))

    def para_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def opens_paragraph(self, n: int) -> bool:
        """Quote n's opening mark is the first thing in its paragraph."""
        q = self.quotes[n]
        return not self.text[self.paras[self.para_of(q.start)][0]:q.open_mark].strip()

    def _same_para(self, a: int, b: int) -> bool:
        return self.para_of(a) == self.para_of(b)

    def _sentence_ids(self) -> list[int]:
        ids = [0] * len(self.doc)
        if self.doc.has_annotation("SENT_START"):
            for n, s in enumerate(self.doc.sents):
                for i in range(s.start, s.end):
                    ids[i] = n
        # A paragraph always starts a sentence, whatever the parser thought.
        for i, t in enumerate(self.doc):
            ids[i] = ids[i] * 100000 + self.para_of(t.idx)
        order = {v: n for n, v in enumerate(sorted(set(ids), key=lambda v: (v % 100000, v // 100000)))}
        return [order[v] for v in ids]

    def in_headline(self, char: int) -> tuple[int, int] | None:
        k = bisect.bisect_right(self.head_starts, char) - 1
        if k >= 0 and self.heads[k][0] <= char < self.heads[k][1]:
            return self.heads[k]
        return None

    def mentions_between(self, a: int, b: int) -> list[Mention]:
        return self.mentions[bisect.bisect_left(self.mention_starts, a):bisect.bisect_left(self.mention_starts, b)]

    def mentions_before(self, char: int):
        """Mentions starting before `char`, nearest first."""
        for k in range(bisect.bisect_left(self.mention_starts, char) - 1, -1, -1):
            yield self.mentions[k]

    def span(self, tok: Token) -> tuple[int, int]:
        return tok.idx, tok.idx + len(tok.text)

    # --- sources that are no named person ---------------------------------------------------------
    def _speaking_nominals(self) -> list[Mention]:
        """Subjects of reporting verbs that name an unnamed person ("The head of the investigators
        told the court"), so that her "She also said" finds her."""
        if not self.parsed:
            return []
        person_at = self.book.person_at
        for i in self.candidates(VERB_POS, lemmas=STRONG, forms=STRONG_FORMS):
            t = self.doc[i]
            if t.i in self.qtok or not is_strong(cue_lemma(t)):
                continue
            for s in t.children:
                if s.dep_ == "nsubj" and s.i not in person_at and s.pos_ in ("NOUN", "PROPN", "NUM", "PRON") and \
                        s.lower_ not in PERSON_PRONOUNS | RELATIVE_PRONOUNS | ORG_PRONOUNS and not self.dateline(s):
                    self.book.source_of(s)
        return [m for m in self.book.mentions if self.persons[m.key].kind == UNNAMED]

    def candidates(self, pos: tuple[int, ...] = (), lemmas: set[str] = frozenset(),
                   forms: set[str] = frozenset()) -> list[int]:
        """Indices of the tokens whose lower-case form is in `forms` or lemma in `lemmas` (and part
        of speech in `pos`, if given), found on the Doc's arrays: looping over Token objects to test
        every word costs more than all the rules that then look at the few that match."""
        lows, tags, lems = self.arrays
        forms, lemmas = _hashes(forms), _hashes(lemmas)
        return [i for i, (low, tag, lem) in enumerate(zip(lows, tags, lems))
                if (low in forms or lem in lemmas) and (not pos or tag in pos)]

    def book_source(self, tok: Token, relaying_ok: bool = True) -> Found | None:
        found = self.book.source_of(tok, relaying_ok)
        return Found(*found) if found is not None else None

    # --- resolving a subject token to a source -----------------------------------------------------
    def resolve(self, tok: Token, depth: int = 0) -> Found | None:
        m = self.mention_of.get(tok.i)
        if m is not None:
            return Found(m.key, (m.start, m.end), 1.0 if m.source in NAMED else m.confidence)
        low = tok.lower_
        if low == "i" and tok.i not in self.qtok:
            key = self.interviewee(tok.idx)  # "A: ... I said, '...'": the one the transcript interviews
            return Found(key, self.span(tok), 0.85) if key is not None else None
        if low in PERSON_PRONOUNS:
            key = self.resolve_pronoun(tok)
            return Found(key, self.span(tok), 0.85) if key is not None else None
        if low in RELATIVE_PRONOUNS or (low in ("that", "which") and tok.head.dep_ == "relcl"):
            # "a contractor, Northway Civils, which said": the relative clause's noun speaks
            ante = self.antecedent(tok)
            return Found(ante.key, self.span(tok), 0.95) if ante is not None else None
        if low in ORG_PRONOUNS and self.parsed:
            found = self.book.pronoun_source(tok)  # "The ministry said ... It added"
            return Found(*found) if found is not None else None
        if self.parsed and depth == 0 and self.one_of_a_people(tok):
            key = self.resolve_pronoun(tok)  # "the Romanian said": the person just named, as "she" would be
            return Found(key, self.span(tok), 0.8) if key is not None else None
        if self.parsed and depth < 2:
            for c in tok.children:  # "the chancellor, Olaf Scholz,", "UK Prime Minister Keir Starmer"
                if c.dep_ in ("appos", "compound", "flat", "nmod") and c.i not in self.qtok and \
                        (c.i in self.mention_of or c.dep_ == "appos"):
                    r = self.resolve(c, depth + 1)
                    if r is not None and self.persons.get(r.key, SourceDraft("")).kind == "person":
                        return r
            person = self.apposed_person(tok)  # "the director of the charity, Ana Ferreira, said"
            if person is not None:
                return person
        if depth == 0:
            found = self.book_source(tok)
            if found is not None:
                return found
        return None

    def interviewee(self, char: int) -> int | None:
        """In an interview set out as questions and answers ("Q: ..." / "A: ..."), the person an answer
        speaks for: the first person the introduction, before the first question, names."""
        questions = self.question_starts
        here = self.paras[self.para_of(char)][0]
        if not questions or not self.text.startswith(("A:", "A."), here) or here < questions[0]:
            return None
        for m in self.mentions:
            if m.start >= questions[0]:
                break
            if m.t0 not in self.qtok and self.persons.get(m.key, SourceDraft("")).kind == "person":
                return m.key
        return None

    @functools.cached_property
    def question_starts(self) -> list[int]:
        """Where the paragraphs that are an interview's questions ("Q: ...") start."""
        return [a for a, _ in self.paras if self.text.startswith(("Q:", "Q."), a)]

    @staticmethod
    def one_of_a_people(tok: Token) -> bool:
        """"the Romanian", "the 31-year-old": sports and wire copy's second reference to a person named
        before. Not a collective ("the French", "the Swiss") nor a modifier ("the Romanian government")."""
        doc = tok.doc
        aged = tok.lower_ == "old" and tok.i >= 2 and doc[tok.i - 2].lower_ == "year"
        demonym = tok.ent_type_ == "NORP" and tok.tag_ == "NNP" and not tok.lower_.endswith(COLLECTIVE_ENDINGS)
        words = [c for c in tok.children if not c.is_punct]
        return (aged or demonym) and any(c.dep_ == "det" and c.lower_ == "the" for c in words) and \
            all(c.dep_ == "det" or (aged and c.i > tok.i - 5) for c in words)

    def apposed_person(self, tok: Token) -> Found | None:
        """A person apposed to the subject ("the director of X, NAME,"): the subject is that person."""
        m = self.book.apposed_person(tok)
        return Found(m.key, (m.start, m.end), 0.95) if m is not None and m.t0 not in self.qtok else None

    def antecedent(self, who: Token) -> Mention | Found | None:
        if self.parsed and who.head.dep_ == "relcl":
            noun = who.head.head
            m = self.mention_of.get(noun.i)
            if m is not None:
                return m
            for c in noun.children:
                if c.i in self.mention_of:
                    return self.mention_of[c.i]
            found = self.book_source(noun)  # "the police, who said"
            if found is not None:
                return found
        # Surface: the name right before ", who".
        for i in range(who.i - 1, max(-1, who.i - 4), -1):
            if i in self.mention_of:
                return self.mention_of[i]
            if not (self.doc[i].is_punct or self.doc[i].is_space):
                break
        return None

    def _is_subject(self, m: Mention) -> bool:
        if self.parsed:
            return any(self.doc[i].dep_ in ("nsubj", "nsubjpass", "csubj") for i in range(m.t0, m.t1))
        return self.first_in_sent.get(self.sent_of[m.t0]) is m

    def _subject_rank(self, m: Mention) -> int:
        """0 the subject of the sentence (or of a reporting verb), 1 the subject of the clause a speaker
        reports ("X said Northfield had ...": Northfield is talked about), 2 no subject."""
        if not self._is_subject(m):
            toks = [self.doc[i] for i in range(m.t0, m.t1)]
            hung = any(t.dep_ == "appos" and t in self.subject_hung_on_opener(t.sent.root) for t in toks)
            return 0 if self.parsed and hung else 2
        if self.parsed:
            for i in range(m.t0, m.t1):
                h = self.doc[i].head
                if self.doc[i].dep_ in ("nsubj", "nsubjpass") and h.dep_ == "ccomp" and is_strong(cue_lemma(h.head)):
                    return 1
        return 0

    def resolve_pronouns(self) -> None:
        """Every "he"/"she" outside quotes, in reading order, so genders learnt early help later."""
        self.pronoun_cache: dict[int, int | None] = {}
        if not self.mentions:
            return
        for i in self.candidates(forms=SUBJECT_PRONOUNS):
            if i not in self.qtok:
                self.pronoun_cache[i] = self._resolve_pronoun(self.doc[i])

    def resolve_pronoun(self, tok: Token) -> int | None:
        if tok.i in self.pronoun_cache:
            return self.pronoun_cache[tok.i]
        return self._resolve_pronoun(tok)

    def _resolve_pronoun(self, tok: Token) -> int | None:
        """Most recent compatible person, preferring subjects of the nearest sentence."""
        gender = "m" if tok.lower_ in MALE_PRONOUNS else "f" if tok.lower_ in FEMALE_PRONOUNS else None
        here = self.sent_of[tok.i]
        best = None
        for m in self.mentions_before(tok.idx):
            if m.t0 in self.qtok:
                continue
            g = self.persons[m.key].gender if m.key in self.persons else None
            if gender and g and g != gender:
                continue
            dist = here - self.sent_of[m.t0]
            if dist > 6:
                break
            score = (dist, self._subject_rank(m), -m.start)
            if best is None or score < best[0]:
                best = (score, m)
        if best is None:
            for m in self.mentions_before(tok.idx):  # far back: still better than nobody
                g = self.persons[m.key].gender if m.key in self.persons else None
                if not (gender and g and g != gender):
                    return self._learn(m.key, gender)
            return None
        return self._learn(best[1].key, gender)

    def _learn(self, key: int, gender: str | None) -> int:
        # "she said" about Vogel tells us Vogel is a woman: the next "he" will look elsewhere.
        p = self.persons.get(key)
        if p is not None and p.gender is None and gender:
            p.gender = gender
        return key

    # --- one quote -------------------------------------------------------------------------------
    def attribute(self, n: int) -> Attribution:
        q = self.quotes[n]
        if n in self.outer:
            return self.nested(n)
        line = self.in_headline(q.start)
        if line is not None:
            found = self.headline(n, line)
            if found is not None and found.how == "headline-colon":
                return found
            by_cue = self.by_cue(n)  # a short first line may be a quote with its "he said"
            if by_cue is not None and by_cue.speaker is not None and self.persons[by_cue.speaker].kind == "person":
                return by_cue  # (headline case makes any words look like an organisation's name)
            if found is None and by_cue is not None and by_cue.speaker is not None and by_cue.speaker_span and \
                    self.text[by_cue.speaker_span[0]].islower():
                # A subject in lower case is no name ("'We were lied to': parents demand answers"):
                # theirs, unless the body quotes one of them saying these words.
                self.headline_subject[n] = by_cue
            return found or Attribution(how="headline-later")
        return self.by_cue(n) or self.by_layout(n)

    def by_cue(self, n: int) -> Attribution | None:
        cue = self.syntactic_cue(n) if self.parsed else None
        if cue is not None:
            found, had_subject = self.speaker_of_cue(cue)
            if found is not None:
                return Attribution(found.key, found.span, self.span(cue), 0.9 * found.conf, "cue")
            if had_subject:  # "was described as": somebody we cannot name
                inherited = self.previous_speaker(n, same_para=True)
                if inherited is None:
                    return Attribution(None, None, self.span(cue), 0.6, "unnamed")
        s_cue, found = self.surface_cue(n)
        if found is not None and found.key is not None:
            return Attribution(found.key, found.span, self.span(s_cue), 0.8 * found.conf, "surface")
        if cue is None and self.parsed:
            found = self.document_source(n)
            if found is not None:
                return Attribution(found.key, found.span, None, 0.8 * found.conf, "document")
        self.cue_spans[n] = self.span(cue) if cue is not None else self.span(s_cue) if s_cue is not None else None
        return None

    def document_source(self, n: int) -> Found | None:
        """No reporting verb: words in a sentence whose subject is a text ("Reports vary between a
        knife and a "sharp tool"") are that text's; "reportedly" points at the reports cited before."""
        q = self.quotes[n]
        toks = self.tokens_in(q.start, q.end)
        if not len(toks):
            return None
        sent = self.doc[toks.start].sent
        h = self.doc[toks.start]
        for _ in range(12):  # up through the clauses the quoted words are in
            if h.i not in self.qtok and h.pos_ in ("VERB", "AUX"):
                for c in h.children:
                    if c.dep_ in ("nsubj", "nsubjpass") and c.i not in self.qtok:
                        r = self.book_source(c)
                        if r is not None and self.persons[r.key].kind == DOCUMENT:
                            return r
            if h.head.i == h.i or (h.dep_ in ("conj", "parataxis") and h.pos_ in ("VERB", "AUX")):
                break  # a clause of its own: its subject is no source of these words
            h = h.head
        if any(t.lower_ in REPORTEDLY for t in sent if t.i not in self.qtok):
            found = self.book.latest(DOCUMENT, q.start, 2, self.sent_of[toks.start])
            if found is None:
                for t in self.doc[max(0, sent.start - 60):sent.start]:  # "according to the reports" before
                    if t.lemma_.lower() == "report" and t.dep_ in ("pobj", "nsubj", "nsubjpass"):
                        self.book.source_of(t)
                found = self.book.latest(DOCUMENT, q.start, 2, self.sent_of[toks.start])
            if found is not None:
                return Found(*found)
        return None

    # --- nested quotes --------------------------------------------------------------------------
    def nested(self, n: int) -> Attribution:
        """A quotation inside a quotation: "I think, 'X'" is the outer speaker's; "Women have said,
        'X'" the women's; with no verb for it, the outer speaker presents the words himself."""
        o = self.outer[n]
        outer = self.results[o]
        oq = self.quotes[o]
        within = set(self.tokens_in(oq.start, oq.end))
        cue = self.syntactic_cue(n, within) if self.parsed else None
        if cue is None and self.parsed:  # "People say, 'It's ...'" hung on the outer "said" by the parser
            before = [i for i in self.tokens_in(oq.start, self.quotes[n].open_mark) if i in within][-4:]
            cue = next((self.doc[i] for i in reversed(before) if is_strong(cue_lemma(self.doc[i]))), None)
        if cue is not None:
            subs = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in within]
            h = cue
            while not subs and h.dep_ in ("conj", "xcomp", "advcl") and h.head.i in within:
                h = h.head
                subs = [c for c in h.children if c.dep_ == "nsubj" and c.i in within]
            for s in subs:
                if s.lower_ in FIRST_PERSON:
                    return Attribution(outer.speaker, outer.speaker_span, self.span(cue), 0.8 * outer.confidence,
                                       "nested-self")
                m = self.mention_of.get(s.i)
                if m is not None and self.persons[m.key].kind == "person":
                    return Attribution(m.key, (m.start, m.end), self.span(cue), 0.75, "nested-cue")
                found = self.book.source_of(s, inside_quote=True)
                if found is None and s.lower_ in PERSON_PRONOUNS:
                    found = self.antecedent_in_quote(s, within)
                if found is None and s.lower_ in PERSON_PRONOUNS:
                    found = self.antecedent_in_earlier_quote(s, o)
                if found is not None:
                    return Attribution(found[0], found[1], self.span(cue), 0.75 * found[2], "nested-cue")
        # No verb of its own: a scare quote or a term in the outer speaker's words.
        return Attribution(outer.speaker, outer.speaker_span, None, 0.4 * outer.confidence, "nested-outer")

    def antecedent_in_quote(self, pronoun: Token, within: set[int]) -> tuple | None:
        """"When I asked the minister ..., she told me, '...'": a pronoun in a quotation refers to
        someone the speaker named before it in the same sentence of the quotation."""
        sent = self.sent_of[pronoun.i]
        return self._person_before(pronoun, itertools.takewhile(
            lambda i: i in within and self.sent_of[i] == sent, range(pronoun.i - 1, -1, -1)))

    def antecedent_in_earlier_quote(self, pronoun: Token, o: int) -> tuple | None:
        """"My manager read the report ..." and, a paragraph on, "... he told me, '...'": with nobody
        before it in its sentence, the pronoun is someone the same speaker spoke of in the words she
        was quoted saying just before (this quotation first, then her quotes of the last paragraphs)."""
        speaker, para = self.results[o].speaker, self.para_of(self.quotes[o].start)
        if speaker is None:
            return None
        earlier = [k for k in range(o, -1, -1) if not self.quotes[k].nested and
                   para - self.para_of(self.quotes[k].start) <= 2 and
                   (k == o or self.results[k].speaker == speaker)]
        toks = (i for k in earlier for i in reversed(self.tokens_in(self.quotes[k].start, self.quotes[k].end))
                if k != o or i < pronoun.i)
        return self._person_before(pronoun, toks)

    def _person_before(self, pronoun: Token, toks) -> tuple | None:
        """The first person in `toks` (nearest first) the pronoun can stand for: a named one, or a
        role noun of the pronoun's gender ("my manager", "the minister")."""
        gender = "m" if pronoun.lower_ in MALE_PRONOUNS else "f" if pronoun.lower_ in FEMALE_PRONOUNS else None
        for i in toks:
            tok, m = self.doc[i], self.mention_of.get(i)
            if m is not None and self.persons[m.key].kind == "person":
                if gender and self.persons[m.key].gender not in (None, gender):
                    continue
                return m.key, (m.start, m.end), 1.0
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in PERSON_NOUNS and tok.tag_ == "NN" and \
                    NOUN_GENDER.get(tok.lemma_.lower(), gender) == gender and tok.dep_ not in ("compound", "amod"):
                return self.book.source_of(tok, inside_quote=True)
        return None

    def run(self) -> list[Attribution]:
        self.results = []
        for n in range(len(self.quotes)):
            self.results.append(self.attribute(n))
        # A quotation over several paragraphs is often attributed only in its last one.
        for n in range(len(self.quotes) - 2, -1, -1):
            k = n + 1
            while k < len(self.quotes) and self.quotes[k].nested:
                k += 1
            if k >= len(self.quotes) or self.quotes[n].nested:
                continue
            if self.quotes[n].close_mark is None and self.results[n].how in ("continues", "guess", "none") and \
                    self.results[k].how in ("cue", "surface") and \
                    self.para_of(self.quotes[k].start) == self.para_of(self.quotes[n].start) + 1 and \
                    self.opens_paragraph(k):  # not a new speaker's sentence after a mark left open
                r = self.results[k]
                self.results[n] = Attribution(r.speaker, r.speaker_span, None, 0.7, "runs-on")
        # Headline quotes without a name: the body quote with the same words tells who said them.
        for n, r in enumerate(self.results):
            if r.how == "headline-later":
                self.results[n] = self.same_words_elsewhere(n) or self.headline_subject.get(n) or self.guess(n, None)
        return self.results


def attribute(doc: Doc, quotes: list[QuoteSpan], mentions: list[Mention],
              persons: dict[int, SourceDraft], text: str | None = None) -> list[Attribution]:
    return Attributor(doc, quotes, mentions, persons, text).run()
