"""Attribution from the article's layout when the quote's own sentence names nobody: a headline
`Name: ...`, a quote split by its attribution, a quote standing alone in a paragraph after a named
speaker, a paragraph ending "X said:", and at last a low-confidence guess rather than nothing.
Mixin of `attribution.Attributor`.
"""

from __future__ import annotations

import re

from .attribution_result import Attribution
from .cues import cue_lemma, is_strong
from .persons import Mention

MIN_HELD_WORDS = 3  # fewer words held in a longer quote may be anyone's phrase


class LayoutRules:
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
        """The speaker of the body quote with these words: the same quote, else (a headline quotes a
        sentence of a longer quote: "'We cannot wait': tenants ...") one that holds them whole."""
        words = self.text[self.quotes[n].start:self.quotes[n].end].strip(" ,.").casefold()
        said = [(k, self.text[q.start:q.end].strip(" ,.").casefold()) for k, q in enumerate(self.quotes)
                if k != n and k < len(self.results) and self.results[k].speaker is not None]
        holding = [k for k, other in said if other == words]
        if not holding and len(words.split()) >= MIN_HELD_WORDS:
            holding = [k for k, other in said if re.search(rf"(^|\W){re.escape(words)}(\W|$)", other)]
        if holding:
            r = self.results[holding[0]]
            return Attribution(r.speaker, None, None, 0.5, "same-words")
        return None

    def previous_speaker(self, n: int, same_para: bool) -> Attribution | None:
        para = self.para_of(self.quotes[n].start)
        for k in range(n - 1, -1, -1):
            if self.quotes[k].nested:
                continue  # the words someone else is quoted as saying inside a quotation
            p = self.para_of(self.quotes[k].start)
            if same_para and p != para:
                break
            if not same_para and (para - p > 2 or self.in_headline(self.quotes[k].start)):
                break
            r = self.results[k]
            if r.speaker is not None and r.how not in ("guess",):
                return r
        return None

    def previous_quote(self, n: int) -> int | None:
        for k in range(n - 1, -1, -1):
            if not self.quotes[k].nested:
                return k
        return None

    def paragraph_intro(self, n: int) -> Attribution | None:
        q = self.quotes[n]
        p = self.para_of(q.start)
        pa, _ = self.paras[p]
        k = self.previous_quote(n)
        if p == 0 or self.text[pa:q.open_mark].strip() or (k is not None and self.para_of(self.quotes[k].start) == p):
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

    def alone_in_paragraph(self, n: int) -> bool:
        q = self.quotes[n]
        if q.close_mark is None or q.nested:
            return False
        a, b = self.paras[self.para_of(q.start)]
        return self.text[a:b].strip() == self.text[q.open_mark:q.close_mark + 1]

    def dialogue_turn(self, n: int) -> Attribution | None:
        """An exchange set out as bare quotes, one paragraph each, after a sentence in which one
        person asks or questions another ("the prosecutor asked Mr Hale about the crash."): it opens
        with a question, and the turns alternate between the asker and the one asked."""
        if not self.parsed or not self.alone_in_paragraph(n):
            return None
        p, first, turns = self.para_of(self.quotes[n].start), n, 0
        while (k := self.previous_quote(first)) is not None and self.alone_in_paragraph(k) and \
                self.para_of(self.quotes[k].start) == p - turns - 1:
            first, turns = k, turns + 1
        q = self.quotes[first]
        if p - turns < 1 or not self.text[q.start:q.end].rstrip().endswith("?"):
            return None
        a, b = self.paras[p - turns - 1]
        for i in reversed(self.tokens_in(a, b)):
            cue = self.doc[i]
            if i in self.qtok or not is_strong(cue_lemma(cue)) or cue.pos_ != "VERB":
                continue
            asker, _ = self.speaker_of_cue(cue)
            asked = [r for c in cue.children if c.dep_ in ("dobj", "dative") and c.i not in self.qtok
                     for r in [self.resolve(c)] if r is not None and r.key is not None]
            if asker is None or not asked or asked[0].key == asker.key or \
                    self.persons[asker.key].kind != "person" or self.persons[asked[0].key].kind != "person":
                return None
            who = asker if turns % 2 == 0 else asked[0]
            return Attribution(who.key, who.span, None, 0.5, "dialogue")
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

    def by_layout(self, n: int) -> Attribution:
        q = self.quotes[n]
        cue_span = self.cue_spans.get(n)
        k = self.previous_quote(n)
        if k is not None and self.quotes[k].close_mark is None and self.results[k].speaker is not None \
                and self.para_of(self.quotes[k].start) == self.para_of(q.start) - 1:
            r = self.results[k]  # the quotation runs on from the previous paragraph
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
        turn = self.dialogue_turn(n)  # "X asked Y about ..." then questions and answers, one a paragraph
        if turn is not None:
            return turn
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
            if self.results[k].speaker is not None and not self.quotes[k].nested:
                return Attribution(self.results[k].speaker, None, cue_span, 0.2, "guess")
        m = self.last_person_before(q.start, max_paras=50)
        if m is not None:
            return Attribution(m.key, None, cue_span, 0.15, "guess")
        if self.mentions:
            return Attribution(self.mentions[0].key, None, cue_span, 0.1, "guess")
        return Attribution(None, None, cue_span, 0.0, "none")
