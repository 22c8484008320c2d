"""Who said each quote, and through which reporting verb (the cue).

Order of evidence, strongest first:
1. syntax: climb the parse from the quote to a reporting verb and take its subject, through
   participles and conjuncts ("..., stressing that the force "..."" -> the sentence's subject),
   relative pronouns ("Frederiksen, who warned") and pronouns ("he warned");
2. surface patterns around the marks, which also serve the rules-only pipeline without a parser:
   `"...," X said`, `"...," said X`, `X, a former commander, said: "..."`, `according to X`;
3. layout: a headline `Name: ...`, a quote split by its attribution, a quote standing alone in a
   paragraph after a named speaker;
4. a low-confidence guess (the last speaker, else the most recent person) rather than nothing.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .cues import cue_lemma, is_strong
from .layout import headline_spans, paragraphs
from .marks import QuoteSpan
from .names import FEMALE_PRONOUNS, MALE_PRONOUNS, OFFICES, PERSON_PRONOUNS, RELATIVE_PRONOUNS, SUBJECT_PRONOUNS
from .persons import Mention, PersonDraft

SUBJ = ("nsubj", "nsubjpass", "csubj")
# Dependencies through which a subjectless reporting verb inherits the subject of its head.
INHERIT = ("advcl", "xcomp", "conj", "pcomp", "parataxis", "dep", "prep")
SENT_END = {".", "!", "?", "…"}


@dataclass
class Attribution:
    speaker: int | None = None  # local person key
    speaker_span: tuple[int, int] | None = None  # the words naming the speaker here (name, "he", "who")
    cue_span: tuple[int, int] | None = None
    confidence: float = 0.0
    how: str = "none"  # which rule decided: for tests and debugging


@dataclass
class _Found:
    key: int | None
    span: tuple[int, int] | None
    conf: float


class Attributor:
    def __init__(self, doc: Doc, quotes: list[QuoteSpan], mentions: list[Mention], persons: dict[int, PersonDraft]):
        self.doc, self.text, self.quotes = doc, doc.text, quotes
        self.mentions, self.persons = mentions, persons
        self.parsed = doc.has_annotation("DEP")
        self.starts = [t.idx for t in doc]
        self.paras = paragraphs(self.text)
        self.para_starts = [a for a, _ in self.paras]
        self.heads = headline_spans(self.text)
        self.qtok: dict[int, int] = {}
        for n, q in enumerate(quotes):
            b = q.close_mark + 1 if q.close_mark is not None else q.end
            for i in self.tokens_in(q.open_mark, b):
                self.qtok[i] = n
        self.mention_starts = [m.start for m in mentions]
        self.mention_of: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.t0, m.t1):
                self.mention_of[i] = m
        self.sent_of = self._sentence_ids()
        self.first_in_sent: dict[int, Mention] = {}
        for m in mentions:
            self.first_in_sent.setdefault(self.sent_of[m.t0], m)
        self.head_starts = [a for a, _ in self.heads]
        self.results: list[Attribution] = []
        self.cue_spans: dict[int, tuple[int, int] | None] = {}
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

    # --- resolving a subject token to a person -----------------------------------------------------
    def resolve(self, tok: Token, depth: int = 0) -> _Found | None:
        m = self.mention_of.get(tok.i)
        if m is not None:
            return _Found(m.key, (m.start, m.end), 1.0)
        low = tok.lower_
        if low in PERSON_PRONOUNS:
            key = self.resolve_pronoun(tok)
            return _Found(key, self.span(tok), 0.85) if key is not None else None
        if low in RELATIVE_PRONOUNS or (low == "that" and tok.head.dep_ == "relcl"):
            ante = self.antecedent(tok)
            return _Found(ante.key, self.span(tok), 0.95) if ante is not None else None
        if self.parsed and depth < 2:
            for c in tok.children:  # "the chancellor, Olaf Scholz,", "UK Prime Minister Keir Starmer"
                if c.dep_ in ("appos", "compound", "flat", "nmod") and c.i not in self.qtok:
                    r = self.resolve(c, depth + 1)
                    if r is not None:
                        return r
        if tok.lemma_.lower() in OFFICES or low in OFFICES:
            key = self.by_title(low, tok.idx)  # "the chancellor said" -> the last chancellor named
            if key is not None:
                return _Found(key, self.span(tok), 0.6)
        return None

    def antecedent(self, who: Token) -> Mention | None:
        if self.parsed and who.head.dep_ == "relcl":
            noun = who.head.head
            m = self.mention_of.get(noun.i)
            if m is not None:
                return m
            for c in noun.children:
                if c.i in self.mention_of:
                    return self.mention_of[c.i]
        # Surface: the name right before ", who".
        for i in range(who.i - 1, max(-1, who.i - 4), -1):
            if i in self.mention_of:
                return self.mention_of[i]
            if not (self.doc[i].is_punct or self.doc[i].is_space):
                break
        return None

    def by_title(self, word: str, before: int) -> int | None:
        for n, m in enumerate(self.mentions_before(before)):
            if n > 200:
                break
            if m.t0 not in self.qtok and any(t.lower().rstrip(".") == word for t in m.titles):
                return m.key
        return None

    def _is_subject(self, m: Mention) -> bool:
        if self.parsed:
            return any(self.doc[i].dep_ in SUBJ for i in range(m.t0, m.t1))
        return self.first_in_sent.get(self.sent_of[m.t0]) is m

    def resolve_pronouns(self) -> None:
        """Every "he"/"she" outside quotes, in reading order, so genders learnt early help later."""
        self.pronoun_cache: dict[int, int | None] = {}
        if not self.mentions:
            return
        for tok in self.doc:
            if tok.lower_ in SUBJECT_PRONOUNS and tok.i not in self.qtok:
                self.pronoun_cache[tok.i] = self._resolve_pronoun(tok)

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
            score = (dist, not self._is_subject(m), -m.start if dist == 0 else -m.start)
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

    # --- cues ----------------------------------------------------------------------------------
    def speaker_of_cue(self, cue: Token) -> tuple[_Found | None, bool]:
        """(speaker, had_subject): had_subject is True when the cue has a subject that is nobody we know."""
        h = cue
        for _ in range(6):
            subs = [c for c in h.children if c.dep_ in SUBJ and c.i not in self.qtok]
            subs += [g for c in h.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            for s in subs:
                r = self.resolve(s)
                if r is not None and r.key is not None:
                    return r, True
            if subs and h is cue:
                return None, True  # "officials said", "No. 10 confirmed": nobody we can name
            if h.dep_ in INHERIT and h.head.i != h.i and self.para_of(h.head.idx) == self.para_of(cue.idx):
                h = h.head
                continue
            break
        return self.near_cue(cue), False

    def near_cue(self, cue: Token) -> _Found | None:
        """Surface: the name or pronoun right before the cue (over an apposition) or right after it."""
        doc = self.doc
        for i in range(cue.i + 1, min(len(doc), cue.i + 6)):  # "said Starmer", "said the minister, Keir Starmer"
            if i in self.qtok or doc[i].text in SENT_END:
                break
            r = self._mention_or_pronoun(i)
            if r is not None:
                m = self.mention_of.get(i)
                nxt = doc[m.t1] if m is not None and m.t1 < len(doc) else None
                if nxt is None or nxt.text not in ("'s", "’s"):  # "confirmed Starmer's trip": no speaker
                    return r
            if doc[i].lower_ in ("that", "to", ":"):
                break
        commas = 0
        for i in range(cue.i - 1, max(-1, cue.i - 30), -1):  # "X, a former NATO commander, echoed"
            if i in self.qtok or doc[i].text in SENT_END or "\n" in doc[i].text:
                break
            r = self._mention_or_pronoun(i)
            if r is not None:
                return r
            if doc[i].text == ",":
                commas += 1
                if commas > 4:
                    break
        return None

    def _mention_or_pronoun(self, i: int) -> _Found | None:
        tok = self.doc[i]
        if i in self.mention_of or tok.lower_ in SUBJECT_PRONOUNS or tok.lower_ in RELATIVE_PRONOUNS:
            r = self.resolve(tok)
            if r is not None and r.key is not None:
                return r
        return None

    def syntactic_cue(self, n: int) -> Token | None:
        q = self.quotes[n]
        content = self.tokens_in(q.start, q.end)
        para = self.para_of(q.start)
        inside = set(content)
        best = None
        for t in content:
            tok = self.doc[t]
            if (tok.head.i in inside and tok.head.i != tok.i) or tok.is_punct or tok.is_space:
                continue  # punctuation hangs anywhere; only words say where the quote belongs
            h, steps, below = tok.head, 1, tok
            while steps <= 8:
                if self.para_of(h.idx) != para:
                    break
                # A quote that is the verb's subject ('"aid" would be announced') is what is talked
                # about, not what is said: the speech act is further up ("The Pentagon said that ...").
                if h.i not in self.qtok and below.dep_ not in ("nsubj", "nsubjpass"):
                    lemma = cue_lemma(h)
                    if lemma:
                        score = (steps + (0 if is_strong(lemma) else 2), abs(h.i - t))
                        if best is None or score < best[0]:
                            best = (score, h)
                        break
                if h.head.i == h.i:
                    break
                below, h, steps = h, h.head, steps + 1
            # "Q," X said: the parser may hang the cue under the quotation's root.
            for c in tok.children:
                if c.i not in self.qtok and c.dep_ in ("parataxis", "ccomp", "advcl", "conj", "dep") and \
                        cue_lemma(c) and is_strong(cue_lemma(c)):
                    score = (1, abs(c.i - t))
                    if best is None or score < best[0]:
                        best = (score, c)
        return best[1] if best else None

    def frame(self, n: int) -> tuple[range, range]:
        """Tokens of the reporter's sentence left and right of quote n, up to other quotes."""
        q = self.quotes[n]
        pa, pb = self.paras[self.para_of(q.start)]
        open_tok = self.tokens_in(q.open_mark, q.open_mark + 1)
        i_open = open_tok.start if len(open_tok) else 0
        left_end, left = i_open, i_open
        while left > 0:
            t = self.doc[left - 1]
            if t.idx < pa or (left - 1) in self.qtok or t.text in SENT_END or left_end - left > 40:
                break
            left -= 1
        if q.close_mark is None:
            return range(left, left_end), range(0)
        close_tok = self.tokens_in(q.close_mark, q.close_mark + 1)
        right = right_end = close_tok.stop if len(close_tok) else len(self.doc)
        after = self.text[q.close_mark + 1:q.close_mark + 3].lstrip()
        if self.text[q.end - 1] in ".!?" and after[:1].isupper():
            return range(left, left_end), range(right, right)  # "... ask." Speaking on ...: a new sentence
        while right_end < len(self.doc):
            t = self.doc[right_end]
            if t.idx >= pb or right_end in self.qtok or right_end - right > 25:
                break
            right_end += 1
            if t.text in SENT_END:
                break
        return range(left, left_end), range(right, right_end)

    def surface_cue(self, n: int) -> tuple[Token | None, _Found | None]:
        left, right = self.frame(n)
        doc = self.doc
        # "according to X"
        for rng in (right, left):
            for i in rng:
                if doc[i].lower_ == "according" and i + 2 < len(doc) and doc[i + 1].lower_ == "to":
                    for j in range(i + 2, min(len(doc), i + 8)):
                        r = self._mention_or_pronoun(j)
                        if r is not None:
                            return doc[i], r
        q = self.quotes[n]
        rights = [(k, i) for k, i in enumerate(right) if is_strong(cue_lemma(doc[i]))]  # "...," X said
        lefts = [(k, i) for k, i in enumerate(reversed(left)) if is_strong(cue_lemma(doc[i]))]  # X said: "..."
        trailing_comma = self.text[q.end - 1] == ","
        ranked = [(0 if k <= 3 else 2, k, i) for k, i in lefts]
        ranked += [(1 if trailing_comma else 2, k, i) for k, i in rights]
        first = None
        for _, _, i in sorted(ranked):
            found = self.near_cue(doc[i])
            if found is not None:
                return doc[i], found
            first = first or doc[i]
        return first, None

    # --- layout rules ----------------------------------------------------------------------------
    def headline(self, n: int, line: tuple[int, int]) -> Attribution | None:
        a, b = line
        ms = [m for m in self.mentions_between(a, b) if m.t0 not in self.qtok]
        head = self.text[a:b]
        colon = head.find(":")
        if colon > 0:
            before = [m for m in ms if m.end <= a + colon]
            if before and a + colon < self.quotes[n].start:
                m = before[-1]
                return Attribution(m.key, (m.start, m.end), None, 0.85, "headline-colon")
        if ms:
            return Attribution(ms[0].key, (ms[0].start, ms[0].end), None, 0.6, "headline-person")
        return None

    def same_words_elsewhere(self, n: int) -> Attribution | None:
        words = self.text[self.quotes[n].start:self.quotes[n].end].strip(" ,.").casefold()
        for k, q in enumerate(self.quotes):
            if k != n and k < len(self.results) and self.results[k].speaker is not None and \
                    self.text[q.start:q.end].strip(" ,.").casefold() == words:
                r = self.results[k]
                return Attribution(r.speaker, None, None, 0.5, "same-words")
        return None

    def previous_speaker(self, n: int, same_para: bool) -> Attribution | None:
        para = self.para_of(self.quotes[n].start)
        for k in range(n - 1, -1, -1):
            p = self.para_of(self.quotes[k].start)
            if same_para and p != para:
                break
            if not same_para and (para - p > 2 or self.in_headline(self.quotes[k].start)):
                break
            r = self.results[k]
            if r.speaker is not None and r.how not in ("guess",):
                return r
        return None

    def paragraph_intro(self, n: int) -> Attribution | None:
        q = self.quotes[n]
        p = self.para_of(q.start)
        pa, _ = self.paras[p]
        if p == 0 or self.text[pa:q.open_mark].strip() or (n and self.para_of(self.quotes[n - 1].start) == p):
            return None  # not the paragraph's first words
        a, b = self.paras[p - 1]
        if not self.text[a:b].rstrip().endswith(":"):
            return None
        for i in reversed(self.tokens_in(a, b)):
            if i not in self.qtok and is_strong(cue_lemma(self.doc[i])):
                found = self.near_cue(self.doc[i])
                if found is not None:
                    return Attribution(found.key, found.span, self.span(self.doc[i]), 0.75 * found.conf, "intro")
                break
        return None

    def paragraph_has_names(self, n: int) -> bool:
        pa, pb = self.paras[self.para_of(self.quotes[n].start)]
        return any(m.t0 not in self.qtok for m in self.mentions_between(pa, pb))

    def last_person_before(self, char: int, max_paras: int = 2) -> Mention | None:
        para = self.para_of(char)
        best = None
        for m in self.mentions_before(char):
            if para - self.para_of(m.start) > max_paras:
                break
            if m.t0 in self.qtok or self.in_headline(m.start):
                continue
            # The previous paragraph's subject beats a name mentioned in passing after it.
            rank = (self.para_of(m.start), self._is_subject(m))
            if best is None or rank > best[0]:
                best = (rank, m)
        return best[1] if best else None

    # --- one quote -------------------------------------------------------------------------------
    def attribute(self, n: int) -> Attribution:
        q = self.quotes[n]
        line = self.in_headline(q.start)
        if line is not None:
            found = self.headline(n, line)
            if found is not None and found.how == "headline-colon":
                return found
            by_cue = self.by_cue(n)  # a short first line may be a quote with its "he said"
            if by_cue is not None and by_cue.speaker is not None:
                return by_cue
            return found or Attribution(how="headline-later")
        return self.by_cue(n) or self.by_layout(n)

    def by_cue(self, n: int) -> Attribution | None:
        cue = self.syntactic_cue(n) if self.parsed else None
        if cue is not None:
            found, had_subject = self.speaker_of_cue(cue)
            if found is not None:
                return Attribution(found.key, found.span, self.span(cue), 0.9 * found.conf, "cue")
            if had_subject:  # "officials said": somebody we cannot name
                inherited = self.previous_speaker(n, same_para=True)
                if inherited is None:
                    return Attribution(None, None, self.span(cue), 0.6, "unnamed")
        s_cue, found = self.surface_cue(n)
        if found is not None and found.key is not None:
            return Attribution(found.key, found.span, self.span(s_cue), 0.8 * found.conf, "surface")
        self.cue_spans[n] = self.span(cue) if cue is not None else self.span(s_cue) if s_cue is not None else None
        return None

    def by_layout(self, n: int) -> Attribution:
        q = self.quotes[n]
        cue_span = self.cue_spans.get(n)
        if n and self.quotes[n - 1].close_mark is None and self.results[n - 1].speaker is not None \
                and self.para_of(self.quotes[n - 1].start) == self.para_of(q.start) - 1:
            r = self.results[n - 1]  # the quotation runs on from the previous paragraph
            return Attribution(r.speaker, r.speaker_span, cue_span, max(0.7, r.confidence), "runs-on")
        prev = self.previous_speaker(n, same_para=True)
        if prev is not None:  # "...," X said. "..." -- two quotes, one speaker
            return Attribution(prev.speaker, prev.speaker_span, cue_span, 0.7, "split")
        left, _ = self.frame(n)
        if len(left) and self.doc[left.stop - 1].text == ":":  # "The message was clear: "..."
            ms = [self.mention_of[i] for i in left if i in self.mention_of]
            if ms:
                return Attribution(ms[0].key, (ms[0].start, ms[0].end), cue_span, 0.55, "colon")
        intro = self.paragraph_intro(n)  # "Smith told reporters:" ends the paragraph before
        if intro is not None:
            return intro
        if not self.paragraph_has_names(n):  # a quote standing alone after a named speaker
            prev = self.previous_speaker(n, same_para=False)
            if prev is not None:
                return Attribution(prev.speaker, prev.speaker_span, cue_span, 0.4, "continues")
            m = self.last_person_before(q.start)
            if m is not None:
                return Attribution(m.key, (m.start, m.end), cue_span, 0.3, "continues")
        return self.guess(n, cue_span)

    def guess(self, n: int, cue_span) -> Attribution:
        """No attribution at all: the most plausible speaker, flagged by a low confidence."""
        q = self.quotes[n]
        pa, pb = self.paras[self.para_of(q.start)]
        here = [m for m in self.mentions_between(pa, pb) if m.t0 not in self.qtok]
        if here:
            m = min(here, key=lambda m: abs(m.start - q.start))
            return Attribution(m.key, None, cue_span, 0.25, "guess")
        for k in range(n - 1, max(-1, n - 50), -1):
            if self.results[k].speaker is not None:
                return Attribution(self.results[k].speaker, None, cue_span, 0.2, "guess")
        m = self.last_person_before(q.start, max_paras=50)
        if m is not None:
            return Attribution(m.key, None, cue_span, 0.15, "guess")
        if self.mentions:
            return Attribution(self.mentions[0].key, None, cue_span, 0.1, "guess")
        return Attribution(None, None, cue_span, 0.0, "none")

    def run(self) -> list[Attribution]:
        self.results = []
        for n in range(len(self.quotes)):
            self.results.append(self.attribute(n))
        # A quotation over several paragraphs is often attributed only in its last one.
        for n in range(len(self.quotes) - 2, -1, -1):
            if self.quotes[n].close_mark is None and self.results[n].how in ("continues", "guess", "none") and \
                    self.results[n + 1].how in ("cue", "surface") and \
                    self.para_of(self.quotes[n + 1].start) == self.para_of(self.quotes[n].start) + 1:
                r = self.results[n + 1]
                self.results[n] = Attribution(r.speaker, r.speaker_span, None, 0.7, "runs-on")
        # Headline quotes without a name: the body quote with the same words tells who said them.
        for n, r in enumerate(self.results):
            if r.how == "headline-later":
                self.results[n] = self.same_words_elsewhere(n) or self.guess(n, None)
        return self.results


def attribute(doc: Doc, quotes: list[QuoteSpan], mentions: list[Mention],
              persons: dict[int, PersonDraft]) -> list[Attribution]:
    return Attributor(doc, quotes, mentions, persons).run()
