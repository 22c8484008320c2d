"""Candidate speakers of a quote and the features the learned attribution scores them by.

spaCy's relation-extraction pattern: every (quote, mention) pair within a window is a candidate
relation, described by features of the pair, and a model ranks the candidates of each quote.
Here a candidate is a stretch of the article that names a source, with the source it names:

- the person mentions our person linker found (`doc._.annotator_persons`);
- the words the rules chose as any quote's speaker (they name organisations, groups, unnamed
  people, documents and pronouns resolved to someone);
- entities the person linker does not cover (ORG, GPE, FAC: organisations; NORP: groups);
- runs of capitalised proper nouns nobody tagged (a name on a line of its own is often missed).

Candidates come from the quote's paragraph, `before` paragraphs above it and `after` below it
(never from inside a quotation), nearest first, at most `limit`. The rules' own choice is always
one of them. Features (`features`): the rules' choice and how sure the rules were, where the
candidate stands (before or after, paragraphs and tokens away, same sentence, first words of its
paragraph, the paragraph's shape: a dash line, a line ending in a colon, a line with no verb),
cues and parse (is it the subject of a reporting verb, does that verb govern the quote, a
reporting verb between them, "according to"), what kind of source it is, whether the same source
spoke the quotes around, the punctuation around it, plus the base model's token vectors
(`doc.tensor`) of the candidate and its neighbours and hashed words around it (never the
candidate's own name: the model must learn layouts, not people).
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

import numpy
from spacy.attrs import IDX
from spacy.strings import hash_string
from spacy.tokens import Doc

from .cues import cue_lemma, is_strong
from .layout import headline_spans, paragraphs
from .names import PERSON_PRONOUNS, name_words, strip_possessive, surname_of, surnames_match
from .persons import Mention, SourceDraft

ENTITY_KINDS = {"ORG": "organisation", "GPE": "organisation", "FAC": "organisation", "NORP": "group",
                "PERSON": "person"}
KINDS = ("person", "organisation", "group", "unnamed", "document")
ORIGINS = ("mention", "rule", "entity", "propn")
# How the rules decided (Attribution.how), in three groups: the quote's own sentence, the layout
# around it, a guess.
STRONG_HOW = {"cue", "surface", "document", "headline-colon", "intro", "nested-cue", "nested-self"}
LAYOUT_HOW = {"split", "runs-on", "colon", "continues", "same-words", "headline-person", "nested-outer"}
DEPS = ("nsubj", "nsubjpass", "pobj", "dobj", "appos", "compound", "poss", "ROOT")
POSES = ("PROPN", "NOUN", "PRON")
DASHES = {"—", "–", "-", "--", "―"}
TENSOR_WIDTH = 96  # en_core_web_sm's tok2vec; a pipeline without one gives zeros
LEXICAL_SLOTS = ("c-2", "c-1", "c+1", "c+2", "root", "head", "q-1", "q+1")


@dataclass
class Candidate:
    t0: int  # tokens, end exclusive
    t1: int
    start: int  # characters
    end: int
    key: int | None  # the source it names, None: a source the article's data does not have yet
    name: str
    kind: str
    origin: str


@dataclass
class QuoteRef:
    """One quote as the ranker sees it: its characters and what the rules decided."""

    start: int
    end: int
    rule_key: int | None = None
    rule_span: tuple[int, int] | None = None
    rule_how: str = "none"
    rule_conf: float = 0.0


def quote_refs(records: list[dict]) -> list[QuoteRef]:
    return [QuoteRef(r["start"], r["end"], r.get("speaker"),
                     (r["speaker_start"], r["speaker_end"]) if r.get("speaker_start") is not None else None,
                     r.get("how") or "none", float(r.get("speaker_confidence", r.get("confidence") or 0.0)))
            for r in records]


class DocView:
    """What the candidates and features of one article need, computed once per article."""

    def __init__(self, doc: Doc, records: list[dict], mentions: list[Mention], persons: dict[int, SourceDraft]):
        self.doc, self.text = doc, doc.text
        self.records, self.mentions, self.persons = records, mentions, persons
        self.n = len(doc)
        self.starts = doc.to_array(IDX).tolist()
        self.paras = paragraphs(self.text) or [(0, len(self.text))]
        self.para_starts = [a for a, _ in self.paras]
        self.tok_para = [self.para_of(c) for c in self.starts]
        self.heads = {self.para_of(a) for a, _ in headline_spans(self.text)}
        self.parsed = doc.has_annotation("DEP")
        self.sent = [0] * self.n
        if doc.has_annotation("SENT_START"):
            for k, s in enumerate(doc.sents):
                for i in range(s.start, s.end):
                    self.sent[i] = k
        self.in_quote = [False] * self.n
        for r in records:  # the quoted words and their marks
            for i in self.tokens_in(max(0, r["start"] - 1), r["end"] + 1):
                self.in_quote[i] = True
        t = doc.tensor
        self.tensor = t if getattr(t, "shape", (0, 0))[:1] == (self.n,) and t.shape[1] == TENSOR_WIDTH else None
        self.cue = {}
        self.pool = self._pool()
        self.pool_starts = [c.t0 for c in self.pool]
        self.mention_count: dict = {}
        for c in self.pool:
            ident = self.identity(c)
            self.mention_count[ident] = self.mention_count.get(ident, 0) + 1
        self.para_verb = [False] * len(self.paras)
        if self.parsed:
            for i, tok in enumerate(doc):
                if tok.pos_ in ("VERB", "AUX") and not self.in_quote[i]:
                    self.para_verb[self.tok_para[i]] = True

    # --- positions ---------------------------------------------------------------------------------
    def para_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def tokens_in(self, a: int, b: int) -> range:
        i0 = max(0, bisect.bisect_right(self.starts, a) - 1)
        if i0 < self.n and self.starts[i0] + len(self.doc[i0]) <= a:
            i0 += 1
        return range(i0, max(i0, bisect.bisect_left(self.starts, b)))

    def cue_of(self, i: int) -> str | None:
        if i not in self.cue:
            self.cue[i] = cue_lemma(self.doc[i]) if self.parsed else None
        return self.cue[i]

    def identity(self, c: Candidate):
        """What makes two candidates the same source: the key, else the kind and name."""
        return ("k", c.key) if c.key is not None else (c.kind, c.name.casefold())

    # --- the article's candidates ------------------------------------------------------------------
    def _pool(self) -> list[Candidate]:
        doc, out, taken = self.doc, [], [False] * self.n

        def add(t0: int, t1: int, start: int, end: int, key, name: str, kind: str, origin: str) -> None:
            if t1 <= t0 or any(self.in_quote[t0:t1]) or any(taken[t0:t1]):
                return
            for i in range(t0, t1):
                taken[i] = True
            out.append(Candidate(t0, t1, start, end, key, name, kind, origin))

        for m in self.mentions:
            if m.key in self.persons:
                add(m.t0, m.t1, m.start, m.end, m.key, self.persons[m.key].name, self.persons[m.key].kind, "mention")
        for r in self.records:
            if r.get("speaker") is not None and r.get("speaker_start") is not None and r["speaker"] in self.persons:
                toks = self.tokens_in(r["speaker_start"], r["speaker_end"])
                if len(toks):
                    p = self.persons[r["speaker"]]
                    add(toks.start, toks.stop, r["speaker_start"], r["speaker_end"], r["speaker"], p.name, p.kind,
                        "rule")
        by_name = {}
        for k, p in self.persons.items():
            for n in (p.name, *p.aliases):
                by_name.setdefault((p.kind, n.casefold()), k)
        for ent in doc.ents:
            kind = ENTITY_KINDS.get(ent.label_)
            if kind is None or "\n" in ent.text:
                continue
            name = strip_possessive(ent.text)
            if name.lower().startswith("the "):
                name = name[4:]
            if not name:
                continue
            t0 = ent.start + 1 if ent.text.lower().startswith("the ") else ent.start
            add(t0, ent.end, doc[t0].idx, ent.start_char + len(strip_possessive(ent.text)),
                by_name.get((kind, name.casefold())), name, kind, "entity")
        i = 0
        while i < self.n:  # capitalised proper nouns nobody tagged
            j = i
            while j < self.n and j - i < 4 and self._propn(j) and (j == i or "\n" not in doc[j - 1].whitespace_):
                j += 1
            if j > i:
                name = strip_possessive(doc[i:j].text)
                add(i, j, doc[i].idx, doc[i].idx + len(name), by_name.get(("person", name.casefold())), name,
                    "person", "propn")
                i = j
            else:
                i += 1
        return sorted(out, key=lambda c: c.t0)

    def _propn(self, i: int) -> bool:
        t = self.doc[i]
        return t.text[:1].isupper() and t.is_alpha and (t.pos_ == "PROPN" if self.parsed else True)

    def candidates(self, q: QuoteRef, before: int, after: int, limit: int) -> list[Candidate]:
        qp = self.para_of(q.start)
        qt = self.tokens_in(q.start, q.end)
        q0, q1 = (qt.start, qt.stop) if len(qt) else (0, 0)
        near = [c for c in self.pool if qp - before <= self.tok_para[c.t0] <= qp + after]
        near.sort(key=lambda c: self.distance(c, q0, q1))
        chosen = near[:limit]
        if q.rule_span is not None and not any(c.start < q.rule_span[1] and q.rule_span[0] < c.end for c in chosen):
            toks = self.tokens_in(*q.rule_span)
            p = self.persons.get(q.rule_key)
            if len(toks) and p is not None:  # the rules' choice is always a candidate
                chosen.append(Candidate(toks.start, toks.stop, q.rule_span[0], q.rule_span[1], q.rule_key, p.name,
                                        p.kind, "rule"))
        return chosen

    @staticmethod
    def distance(c: Candidate, q0: int, q1: int) -> int:
        return q0 - c.t1 if c.t1 <= q0 else c.t0 - q1 if c.t0 >= q1 else 0


# --- features --------------------------------------------------------------------------------------

DENSE = ["is_rule", "is_rule_span", "rule_conf", "rule_strong", "rule_layout", "rule_weak", "q_strong", "q_layout",
         "q_weak", "before", "after", "log_dist", "para-2", "para-1", "para0", "para+1", "para_other", "same_sent",
         "first_in_para", "para_dash", "para_colon", "para_quote", "para_verb", "para_len", "para_headline",
         "q_starts_para", "q_ends_para", "q_headline", "subject", "head_cue", "head_strong", "governs", "cue_between",
         "according", *(f"dep_{d}" for d in DEPS), "dep_other", *(f"pos_{p}" for p in POSES), "pos_other",
         *(f"origin_{o}" for o in ORIGINS), *(f"kind_{k}" for k in KINDS), "new_source", "pronoun", "log_count",
         "prev_speaker", "next_speaker", "strong_speaker", "log_n", "rank", "dash_before", "paren_before",
         "comma_before", "comma_after", "colon_after", "paren_after"]
DENSE_INDEX = {name: i for i, name in enumerate(DENSE)}
# What the model knows of the rules' choice: zero when the rules are only its fallback.
RULE_COLUMNS = [DENSE_INDEX[n] for n in DENSE[:DENSE.index("before")]]
N_DENSE = len(DENSE) + 3 * TENSOR_WIDTH


def how_group(how: str) -> str:
    """How the rules decided: "strong" (the quote's own sentence), "layout" or "weak" (a guess)."""
    return "strong" if how in STRONG_HOW else "layout" if how in LAYOUT_HOW else "weak"


def _slot(slot: str, value: str) -> int:
    return hash_string(f"{slot}={value}")


def features(view: DocView, q: QuoteRef, cands: list[Candidate], refs: list[QuoteRef], n: int | None,
             rule_feature: bool = True) -> tuple[numpy.ndarray, numpy.ndarray]:
    """(dense features [candidates, N_DENSE] float32, hashed words [candidates, slots] uint64) of
    one quote's candidates. `refs`/`n`: the article's quotes and this one's place among them (the
    rules' speakers of the quotes around it are features too); `rule_feature=False` hides the
    rules' choice from the model (the rules are then only the fallback)."""
    doc = view.doc
    dense = numpy.zeros((len(cands), N_DENSE), dtype="float32")
    ids = numpy.zeros((len(cands), len(LEXICAL_SLOTS)), dtype="uint64")
    qt = view.tokens_in(q.start, q.end)
    q0, q1 = (qt.start, qt.stop) if len(qt) else (0, 0)
    qp = view.para_of(q.start)
    pa, pb = view.paras[qp]
    group = how_group(q.rule_how)
    rule_ident = ("k", q.rule_key) if q.rule_key is not None else None
    prev_key = refs[n - 1].rule_key if n else None
    next_key = refs[n + 1].rule_key if n is not None and n + 1 < len(refs) else None
    strong_keys = {r.rule_key for r in refs if r.rule_key is not None and how_group(r.rule_how) == "strong"}
    q_words_before = view.text[pa:max(pa, q.start - 1)].strip(" \"“‘'")
    q_words_after = view.text[min(pb, q.end + 1):pb].strip(" \"”’'.,!?")
    q_gov = set()
    if view.parsed and len(qt):
        h = doc[q0]
        for _ in range(30):
            q_gov.add(h.i)
            if h.head.i == h.i:
                break
            h = h.head
    order = sorted(range(len(cands)), key=lambda k: view.distance(cands[k], q0, q1))
    rank = {k: r for r, k in enumerate(order)}
    for k, c in enumerate(cands):
        f = {}
        ident = view.identity(c)
        if rule_feature:
            f["is_rule"] = float(ident == rule_ident)
            f["is_rule_span"] = float(q.rule_span is not None and c.start < q.rule_span[1] and q.rule_span[0] < c.end)
            if ident == rule_ident:
                f["rule_conf"] = q.rule_conf
                f[f"rule_{group}"] = 1.0
            f[f"q_{group}"] = 1.0
        f["before"], f["after"] = float(c.t1 <= q0), float(c.t0 >= q1)
        f["log_dist"] = math.log1p(view.distance(c, q0, q1)) / 4
        cp = view.tok_para[c.t0]
        delta = cp - qp
        f[f"para{delta:+d}" if delta in (-2, -1, 1) else "para0" if delta == 0 else "para_other"] = 1.0
        f["same_sent"] = float(view.sent[c.t0] == view.sent[q0] and delta == 0)
        ca, cb = view.paras[cp]
        lead = view.text[ca:c.start].strip(" —–-―(")
        f["first_in_para"] = float(not lead)
        line = view.text[ca:cb].strip()
        f["para_dash"] = float(line[:1] in "—–-―")
        f["para_colon"] = float(line.endswith(":"))
        f["para_quote"] = float(any(view.in_quote[i] for i in view.tokens_in(ca, cb)))
        f["para_verb"] = float(view.para_verb[cp])
        f["para_len"] = math.log1p(len(view.tokens_in(ca, cb))) / 4
        f["para_headline"] = float(cp in view.heads)
        f["q_starts_para"], f["q_ends_para"] = float(not q_words_before), float(not q_words_after)
        f["q_headline"] = float(qp in view.heads)
        root = doc[c.t0:c.t1].root if view.parsed else doc[c.t1 - 1]
        if view.parsed:
            head = root.head
            f["subject"] = float(root.dep_ in ("nsubj", "nsubjpass"))
            lemma = view.cue_of(head.i) if head.i != root.i else None
            f["head_cue"], f["head_strong"] = float(lemma is not None), float(is_strong(lemma))
            f["governs"] = float(head.i in q_gov and lemma is not None)
            f[f"dep_{root.dep_}" if root.dep_ in DEPS else "dep_other"] = 1.0
            f[f"pos_{root.pos_}" if root.pos_ in POSES else "pos_other"] = 1.0
            lo, hi = (c.t1, q0) if c.t1 <= q0 else (q1, c.t0)
            if delta == 0 and hi - lo < 40:
                f["cue_between"] = float(any(not view.in_quote[i] and is_strong(view.cue_of(i)) for i in range(lo, hi)))
        f["according"] = float(c.t0 >= 2 and doc[c.t0 - 2].lower_ == "according" and doc[c.t0 - 1].lower_ == "to")
        f[f"origin_{c.origin}"] = 1.0
        f[f"kind_{c.kind}" if c.kind in KINDS else "kind_person"] = 1.0
        f["new_source"] = float(c.key is None)
        f["pronoun"] = float(c.t1 - c.t0 == 1 and doc[c.t0].lower_ in PERSON_PRONOUNS | {"they", "it", "who"})
        f["log_count"] = math.log1p(view.mention_count.get(ident, 1)) / 2
        f["prev_speaker"] = float(c.key is not None and c.key == prev_key)
        f["next_speaker"] = float(c.key is not None and c.key == next_key)
        f["strong_speaker"] = float(c.key is not None and c.key in strong_keys)
        f["log_n"] = math.log1p(len(cands)) / 3
        f["rank"] = 1.0 / (1 + rank[k])
        left = doc[c.t0 - 1].text if c.t0 > 0 else ""
        right = doc[c.t1].text if c.t1 < view.n else ""
        f["dash_before"], f["paren_before"], f["comma_before"] = float(left in DASHES), float(left == "("), \
            float(left == ",")
        f["comma_after"], f["colon_after"], f["paren_after"] = float(right == ","), float(right == ":"), \
            float(right == ")")
        row = dense[k]
        for name, v in f.items():
            row[DENSE_INDEX[name]] = v
        if view.tensor is not None:
            base = len(DENSE)
            row[base:base + TENSOR_WIDTH] = view.tensor[c.t0:c.t1].mean(axis=0)
            if c.t0 > 0:
                row[base + TENSOR_WIDTH:base + 2 * TENSOR_WIDTH] = view.tensor[c.t0 - 1]
            if c.t1 < view.n:
                row[base + 2 * TENSOR_WIDTH:] = view.tensor[c.t1]
        ids[k] = _lexical(view, c, root, q0, q1)
    return dense, ids


def _word(view: DocView, i: int) -> str:
    if i < 0 or i >= view.n:
        return "<edge>"
    t = view.doc[i]
    if "\n" in t.text:
        return "<newline>"
    return t.lower_ if not (t.pos_ == "PROPN" or t.text[:1].isupper() and t.is_alpha) else "<Name>"


def _lexical(view: DocView, c: Candidate, root, q0: int, q1: int) -> list[int]:
    doc = view.doc
    root_word = root.lemma_.lower() if root.pos_ not in ("PROPN",) and not root.text[:1].isupper() else "<Name>"
    head = f"{root.dep_}|{root.head.lemma_.lower()}" if view.parsed and root.head.i != root.i else root.dep_ or "-"
    opener = q0 - 1
    while opener >= 0 and doc[opener].text in "\"“‘'«":
        opener -= 1
    closer = q1
    while closer < view.n and doc[closer].text in "\"”’'»":
        closer += 1
    values = [_word(view, c.t0 - 2), _word(view, c.t0 - 1), _word(view, c.t1), _word(view, c.t1 + 1), root_word,
              head, _word(view, opener), _word(view, closer)]
    return [_slot(s, v) for s, v in zip(LEXICAL_SLOTS, values)]


# --- gold labels (training) ------------------------------------------------------------------------

def same_source(c: Candidate, name: str | None, kind: str | None) -> bool:
    """Does candidate `c` name the gold speaker? Persons by surname (one typo allowed), other
    sources by their name."""
    if not name:
        return False
    if (kind or "person") == "person" and c.kind == "person":
        a, b = surname_of(name_words(c.name)), surname_of(name_words(name))
        return bool(a and b) and surnames_match(a.strip(".,"), b.strip(".,"))
    return _norm(c.name) == _norm(name)


def _norm(name: str) -> str:
    return " ".join(w for w in name.casefold().replace("’", "'").split() if w not in ("the", "a", "an"))


def gold_labels(cands: list[Candidate], name: str | None, kind: str | None,
                span: tuple[int, int] | None) -> list[bool]:
    """Which candidates are right: they overlap the words the annotator linked, or name the same source."""
    return [bool(span and c.start < span[1] and span[0] < c.end) or same_source(c, name, kind) for c in cands]
