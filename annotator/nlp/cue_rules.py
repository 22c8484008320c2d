"""Finding a quote's reporting verb (its cue) and the cue's speaker: the syntactic and surface rules
of `attribution.Attributor`, kept here so each file stays readable.

The cue is found by climbing the parse from the quote's words to the nearest reporting verb
(strong cues first). Its speaker is the verb's subject: for a passive verb the "by" agent ("was
described as "knife-obsessed" by the police"), never the passive subject (who was described); a
subjectless participle or conjunct inherits its head's subject, and a head the parser put inside
the quotation hands over to the verb that governs the quotation. Without a parse (rules-only
pipeline), surface patterns around the marks do the same job.
"""

from __future__ import annotations

from spacy.tokens import Token

from .attribution_result import Found
from .cues import cue_lemma, is_strong
from .names import ORG_PRONOUNS, RELATIVE_PRONOUNS, SUBJECT_PRONOUNS

SUBJ = ("nsubj", "nsubjpass", "csubj")
# Dependencies through which a subjectless reporting verb inherits the subject of its head.
INHERIT = ("advcl", "xcomp", "conj", "pcomp", "parataxis", "dep", "prep")
SENT_END = {".", "!", "?", "…"}
# Passive verbs whose passive subject is the speaker ("he was quoted as saying").
SPEAKER_PASSIVES = {"quote", "hear", "record", "film", "overhear"}
SHORT_QUOTE_WORDS = 4  # a quoted name or label inside the reporter's sentence, skipped when scanning


class CueRules:
    """Mixin of `Attributor`: everything between a quote and the words naming its speaker."""

    # --- the cue's speaker ----------------------------------------------------------------------
    def speaker_of_cue(self, cue: Token) -> tuple[Found | None, bool]:
        """(speaker, had_subject): had_subject is True when the cue has a subject that is nobody we know."""
        quoted = self.quoted_as_saying(cue)
        if quoted is not None:
            return quoted, True
        h = cue
        for _ in range(8):
            # "X reassured allies that the US remains committed but stressed ...": a conjunct the parser
            # put in the reported clause; that clause's subject is talked about, the speaker is above it.
            reported = h is not cue and h.dep_ == "ccomp" and is_strong(cue_lemma(h.head))
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in h.children) and \
                cue_lemma(h) is not None and (h.lemma_.lower() not in SPEAKER_PASSIVES)
            if reported:
                subs = []
            elif passive:  # "was described as X by the police": the describer speaks, not the described
                subs = self.agents(h)
            else:
                subs = [c for c in h.children if c.dep_ in SUBJ and c.i not in self.qtok and not self.dateline(c)]
                subs += [g for c in h.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                # "The housing charity Shelterline said", parsed as two subjects: the name is the speaker.
                subs = [s for s in subs if not any(o.i == s.right_edge.i + 1 and o.pos_ == "PROPN" for o in subs)]
                if not subs:  # "In response to queries from the Post, the Board said": the parser made
                    subs = self.subject_hung_on_opener(h)  # the subject an apposition of the opener
            found = [r for r in (self.resolve(s) for s in subs) if r is not None and r.key is not None]
            if found:  # a person before any other source ("the minister and the ministry")
                return min(found, key=lambda r: self.persons[r.key].kind != "person"), True
            if (subs or passive) and h is cue:
                return None, True  # "No. 10 confirmed", "was described as": nobody we can name
            head = h.head
            if head.i in self.qtok and h.i not in self.qtok:
                head = self.governor_of_quote(head)  # "Brightmart reported "...", and called ...": parse error
            if (h.dep_ in INHERIT or reported) and head is not None and head.i != h.i and \
                    self.para_of(head.idx) == self.para_of(cue.idx):
                h = head
                continue
            break
        found = self.near_cue(cue)
        if found is None and h is not cue:
            found = self.near_cue(h)  # the verb the cue hangs from: "Calling it "X", NAME of Y told"
        if found is None and cue.tag_ in ("VBG", "VBN") and cue.dep_ not in ("ROOT",):
            found = self.sentence_subject(cue)  # "An eyewitness described ..., stating": bad parse
        return found, False

    def quoted_as_saying(self, cue: Token) -> Found | None:
        """"The statement quoted the governor as saying": the one quoted speaks, not the quoting text."""
        verb = cue.head.head if cue.lower_ == "saying" and cue.head.lower_ == "as" else cue
        if cue_lemma(verb) not in ("quote", "cite") or not any(c.lower_ == "as" for c in verb.children):
            return None
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i not in self.qtok), None)
        found = self.resolve(obj) if obj is not None else None
        return found if found is not None and found.key is not None else None

    def subject_hung_on_opener(self, verb: Token) -> list[Token]:
        """The noun phrase right before a subjectless verb that the parser attached, as an apposition,
        to the prepositional phrase opening the sentence."""
        return [t for c in verb.children if c.dep_ == "prep" and c.i < verb.i for t in c.subtree
                if t.dep_ == "appos" and t.i not in self.qtok and
                (t.right_edge.i == verb.i - 1 or self.relative_aside(t.right_edge.i + 1, verb.i - 1) or
                 (t.right_edge.i == verb.i - 2 and self.doc[verb.i - 1].text == "," and
                  any(c.dep_ == "relcl" for c in t.children)))]

    def relative_aside(self, comma: int, last: int) -> bool:
        """Tokens comma..last are ", who has led the company since 2021," (the parser hung the relative
        clause on the opener's noun, not on the name it describes)."""
        doc = self.doc
        if last - comma < 3 or doc[comma].text != "," or doc[last].text != "," or \
                doc[comma + 1].lower_ not in ("who", "which"):
            return False
        clause = doc[comma + 1].head
        return clause.dep_ == "relcl" and clause.left_edge.i == comma + 1 and clause.right_edge.i == last - 1

    def dateline(self, tok: Token) -> bool:
        """"London – UK Prime Minister ...": the place opening a story is no subject."""
        nxt = tok.doc[tok.right_edge.i + 1] if tok.right_edge.i + 1 < len(tok.doc) else None
        start = self.paras[self.para_of(tok.idx)][0]
        return nxt is not None and nxt.text in ("–", "—", "-", "--") and \
            not self.text[start:tok.left_edge.idx].strip()

    def agents(self, verb: Token) -> list[Token]:
        """The "by" phrase of a passive verb, wherever the parser hung it inside the clause."""
        out = []
        for t in verb.subtree:
            if t.lower_ == "by" and t.dep_ in ("agent", "prep") and t.i not in self.qtok and self.in_clause(t, verb):
                out += [g for g in t.children if g.dep_ == "pobj"]
        return out

    @staticmethod
    def in_clause(tok: Token, verb: Token) -> bool:
        """`tok` hangs from `verb` without passing a clause of its own (a verb with its own subject)."""
        h = tok.head
        while h.i != verb.i:
            if h.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in h.children):
                return False
            if h.head.i == h.i:
                return False
            h = h.head
        return True

    def governor_of_quote(self, tok: Token) -> Token | None:
        """The first word above `tok` that is outside every quotation."""
        h, steps = tok, 0
        while h.i in self.qtok and h.head.i != h.i and steps < 12:
            h, steps = h.head, steps + 1
        return None if h.i in self.qtok else h

    def sentence_subject(self, cue: Token) -> Found | None:
        """The first subject of the cue's sentence that names a source."""
        for t in cue.sent:
            if t.i >= cue.i:
                break
            if t.dep_ in ("nsubj",) and t.i not in self.qtok:
                r = self.resolve(t)
                if r is not None and r.key is not None:
                    return r
        return None

    def near_cue(self, cue: Token) -> Found | None:
        """Surface: the name or pronoun right before the cue (over an apposition) or right after it."""
        doc = self.doc
        for i in range(cue.i + 1, min(len(doc), cue.i + 6)):  # "said Starmer", "said the minister, Keir Starmer"
            if i in self.qtok or doc[i].text in SENT_END:
                break
            if self.parsed and doc[i].dep_ in ("dobj", "dative", "pobj", "oprd") and doc[i].head.i == cue.i:
                break  # "told Reuters": the addressee; "called Osei "a father"": the one named
            r = self._mention_or_pronoun(i)
            if r is not None:
                m = self.mention_of.get(i)
                nxt = doc[m.t1] if m is not None and m.t1 < len(doc) else None
                if nxt is None or nxt.text not in ("'s", "’s"):  # "confirmed Starmer's trip": no speaker
                    return r
            if doc[i].lower_ in ("that", "to", ":"):
                break
        commas, i = 0, cue.i - 1
        while i > max(-1, cue.i - 30):  # "X, a former NATO commander, echoed"
            if i in self.qtok:
                k = self.qtok[i]
                if not self.embedded_label(k):
                    break
                i = self.tokens_in(self.quotes[k].open_mark, self.quotes[k].open_mark + 1).start - 1
                continue  # Anna X of "Have no fear", a charity, told: a quoted name is part of the phrase
            if doc[i].text in SENT_END or "\n" in doc[i].text:
                break
            r = self._mention_or_pronoun(i)
            if r is None and self.parsed and doc[i].dep_ == "nsubj":
                # "...?" they asked: the parser ended the sentence at the mark, so no parse reaches the cue
                r = self.resolve(doc[i]) if doc[i].lower_ in ORG_PRONOUNS else self.book_source(doc[i])
            if r is not None:
                return r
            if doc[i].text == ",":
                commas += 1
                if commas > 4:
                    break
            i -= 1
        return None

    def embedded_label(self, k: int) -> bool:
        """Quote k is a few words inside the reporter's sentence (a name, a label), not speech of its own."""
        q = self.quotes[k]
        words = self.text[q.start:q.end]
        before = self.text[max(0, q.open_mark - 30):q.open_mark].rstrip()
        return len(words.split()) <= SHORT_QUOTE_WORDS and words[-1:] not in (".", "!", "?", ",") and \
            before[-1:].isalpha()

    def _mention_or_pronoun(self, i: int) -> Found | None:
        tok = self.doc[i]
        if i in self.mention_of or tok.lower_ in SUBJECT_PRONOUNS or tok.lower_ in RELATIVE_PRONOUNS:
            r = self.resolve(tok)
            if r is not None and r.key is not None:
                return r
        return None

    # --- the cue ------------------------------------------------------------------------------------
    def syntactic_cue(self, n: int, within: set[int] | None = None) -> Token | None:
        """The reporting verb the quote's words hang from. `within`: for a nested quote, the tokens of
        the quotation around it, where its cue must be."""
        q = self.quotes[n]
        content = self.tokens_in(q.start, q.end)
        para = self.para_of(q.start)
        inside = set(content)
        outside = (lambda i: i not in self.qtok) if within is None else (lambda i: i in within and i not in inside)
        best = None
        for t in content:
            tok = self.doc[t]
            if (tok.head.i in inside and tok.head.i != tok.i) or tok.is_punct or tok.is_space:
                continue  # punctuation hangs anywhere; only words say where the quote belongs
            h, steps, below = tok.head, 1, tok
            while steps <= 8:
                if self.para_of(h.idx) != para or (within is not None and h.i not in within):
                    break
                # A quote that is the verb's subject ('"aid" would be announced') is what is talked
                # about, not what is said: the speech act is further up ("The Pentagon said that ...").
                if outside(h.i) and below.dep_ not in ("nsubj", "nsubjpass"):
                    lemma = cue_lemma(h)
                    if lemma and not (within is None and self.aside_in_report(tok, h, inside)):
                        strong = is_strong(lemma)
                        score = (steps + (0 if strong else 3), abs(h.i - t))
                        if best is None or score < best[0]:
                            best = (score, h)
                        if strong:  # a weak cue ("the case raised "serious questions"") may sit
                            break   # inside what a strong one above it reports ("X said the case ...")
                if h.head.i == h.i:
                    break
                below, h, steps = h, h.head, steps + 1
            # "Q," X said: the parser may hang the cue under the quotation's root.
            for c in tok.children:
                if outside(c.i) and c.dep_ in ("parataxis", "ccomp", "advcl", "conj", "dep") and \
                        cue_lemma(c) and is_strong(cue_lemma(c)):
                    score = (1, abs(c.i - t))
                    if best is None or score < best[0]:
                        best = (score, c)
        return best[1] if best else None

    def aside_in_report(self, tok: Token, verb: Token, inside: set[int]) -> bool:
        """"He said residents had warned the council "more than once"", "He said the council had ordered
        surveys of "every building"": in a clause reported by a speech verb above it, a verb whose words
        the quote is not (the quote is an adverb of it, or sits in a noun phrase it governs) is talked
        about; the quote is the reporting speaker's. Its words, an object or "as"/"of" phrase, stay its own."""
        up = verb.head
        if verb.dep_ != "ccomp" or not up.i < verb.i or up.i in self.qtok or not is_strong(cue_lemma(up)):
            return False
        x, between = tok, []
        while x.head.i != verb.i and x.head.i != x.i:
            x = x.head
            if x.i not in inside:
                between.append(x)
        if any(b.pos_ in ("VERB", "AUX") for b in between):
            return False  # a clause of its own in between: whose words they are is decided there
        return x.dep_ in ("advmod", "npadvmod") or any(b.pos_ in ("NOUN", "PROPN") for b in between)

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

    def surface_cue(self, n: int) -> tuple[Token | None, Found | None]:
        left, right = self.frame(n)
        doc = self.doc
        # "according to X" (an outlet that relays is not X)
        for rng in (right, left):
            for i in rng:
                if doc[i].lower_ == "according" and i + 2 < len(doc) and doc[i + 1].lower_ == "to":
                    for j in range(i + 2, min(len(doc), i + 8)):
                        r = self._mention_or_pronoun(j)
                        if r is None and self.parsed and doc[j].dep_ == "pobj" and doc[j].head.i == i + 1:
                            r = self.book_source(doc[j], relaying_ok=False)
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
