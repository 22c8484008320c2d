"""Person mentions on a spaCy Doc, repaired by cheap rules, and grouped into one person per name.

en_core_web_sm misses or mangles names in predictable ways: it puts titles inside the span or
leaves the titled name out ("UK Prime MinisterSir Keir Starmerr"), splits particles ("Ursula von" +
GPE "Leyen"), tags a bare surname ORG ("Starmer avoided ...") and cannot know a typo ("Starmerr").
The rules below fix those; grouping then makes "Sir Keir Starmer", "Starmer's" and "Starmerr" one
person whose canonical name is the fullest clean form ("Keir Starmer").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .layout import headline_spans
from .name_repairs import (AFFILIATIONS, WordUse, coordinated_first_names, headline_cut, missed_names, not_a_name,
                           not_person_keys, role_word)
from .names import (NAME_TITLES, NOT_NAMES, PARTICLES, POST_NOMINALS, first_names_agree, first_names_of, gender_of,
                    is_title, strip_possessive, surname_of, surnames_match)

# "MinisterSir": a title glued to the honorific that follows it (a missing space in the copy).
_GLUED = re.compile(r"^[A-Z]?[a-z]+(Sir|Dame|Lord|Lady|Mr|Mrs|Ms|Dr)$")
_NAMEY = re.compile(r"^[A-Z][\w'’\-.]*$")
# Entity labels a misread name never gets (ORG and GPE do: "Starmer" ORG, "Leyen" GPE).
NOT_PERSON_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "NORP", "EVENT",
                     "LANGUAGE", "LAW", "WORK_OF_ART", "PRODUCT"}
_POS_NOT_NAME = {"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "NUM", "PUNCT", "SYM", "PART", "SPACE"}


@dataclass
class Mention:
    start: int  # character offsets of the name (titles and possessive outside)
    end: int
    t0: int  # token offsets, end exclusive
    t1: int
    text: str
    titles: list[str]
    source: str  # model | title | known | typo
    confidence: float
    key: int | None = None


@dataclass
class SourceDraft:
    """One source of an article (a person, or an organisation, group, unnamed person or document that
    the article presents as saying something): canonical name and every surface form seen."""

    name: str
    aliases: list[str] = field(default_factory=list)
    gender: str | None = None  # "m", "f" or unknown; used to resolve pronouns
    kind: str = "person"  # person | organisation | group | unnamed | document (lexicon.KINDS)
    org: str | None = None  # the organisation an unnamed source speaks for ("a Treasury spokesman")
    local: bool = False  # named by a description ("a spokesman"): another article's is someone else


PersonDraft = SourceDraft  # most drafts are persons; the older name reads better there


@dataclass
class _Cluster:
    key: int
    forms: Counter = field(default_factory=Counter)  # clean name forms
    surfaces: Counter = field(default_factory=Counter)  # as written, titles included
    firsts: set = field(default_factory=set)
    surnames: Counter = field(default_factory=Counter)
    titles: list = field(default_factory=list)
    last_seen: int = -1


# Titles that only ever stand before a person's name: the model may tag "Cllr Siobhán" as an ORG,
# but what follows them is a person.
COURTESY_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "cllr", "cr", "smt", "shri", "shrimati", "madam", "mdm",
                   "atty", "engr", "sir", "dame", "sp", "asp", "dsp", "csp"}


def _is_title_token(tok: Token) -> bool:
    return is_title(tok.text) or bool(_GLUED.match(tok.text))


def _title_word(tok: Token) -> str:
    m = _GLUED.match(tok.text)
    return m.group(1) if m else tok.text


def _namey(tok: Token, tagged: bool) -> bool:
    t = tok.text
    if not _NAMEY.match(t) or t.lower() in NOT_NAMES or _is_title_token(tok):
        return False
    if tagged and tok.pos_ in _POS_NOT_NAME:
        return False
    return True


def _name_run(doc: Doc, i: int, tagged: bool, limit: int = 4) -> int:
    """End (exclusive) of the name starting at token i: capitalised words and inner particles."""
    j, words = i, 0
    while j < len(doc) and words < limit:
        if _namey(doc[j], tagged):
            j, words = j + 1, words + 1
            continue
        if doc[j].lower_ in PARTICLES and words:
            k = j
            while k < len(doc) and doc[k].lower_ in PARTICLES:
                k += 1
            if k < len(doc) and _namey(doc[k], tagged):
                j, words = k + 1, words + 1
                continue
        break
    return j


def _titles_before(doc: Doc, i: int) -> list[str]:
    out, j = [], i - 1
    while j >= 0 and _is_title_token(doc[j]) and "\n" not in doc[j].whitespace_:
        out.insert(0, _title_word(doc[j]))
        j -= 1
    return out


def _hyphen_part(doc: Doc, i: int) -> bool:
    """Tokens i, i+1 are "-Name" glued to the word before: the second half of a double-barrelled name."""
    return i + 1 < len(doc) and doc[i].text in ("-", "‐") and not doc[i - 1].whitespace_ and \
        not doc[i].whitespace_ and doc[i + 1].text[:1].isupper() and doc[i + 1].is_alpha


def _make(doc: Doc, t0: int, t1: int, source: str, conf: float) -> Mention | None:
    # Trim what is not name: leading titles and role words ("Broadcaster Lena Marsh"), a trailing
    # possessive or punctuation, a dangling particle.
    while t0 < t1 and ((_is_title_token(doc[t0]) or doc[t0].lower_ in AFFILIATIONS) and t1 - t0 > 1 or
                       (role_word(doc[t0]) and t1 - t0 > 2)):
        t0 += 1
    while t1 > t0 and (doc[t1 - 1].text in ("'s", "’s", "'", "’") or doc[t1 - 1].is_punct or doc[t1 - 1].is_space
                       or doc[t1 - 1].lower_ in PARTICLES
                       or t1 - t0 > 1 and doc[t1 - 1].text.isupper() and doc[t1 - 1].lower_ in POST_NOMINALS):
        t1 -= 1  # ... and letters of office after it ("Niamh Fitzsimons TD")
    for k in range(t0, t1 - 1):  # never across a line break
        if "\n" in doc[k].whitespace_ or doc[k].is_space:
            t1 = k + 1
            break
    if t1 <= t0:
        return None
    while t0 >= 2 and doc[t0 - 1].text in ("-", "‐") and not doc[t0 - 2].whitespace_ and \
            not doc[t0 - 1].whitespace_ and doc[t0 - 2].text[:1].isupper() and doc[t0 - 2].is_alpha:
        t0 -= 2  # "Jean-Baptiste Ndiaye": the tagger may start the name at "Baptiste"
    while t1 - t0 > 1 and _hyphen_part(doc, t1):
        t1 += 2  # "Beatriz Amaral-Lobo": ... or end it at "Amaral" (a first name alone stays alone)
    span = doc[t0:t1]
    text = span.text
    if text.lower() in NOT_NAMES or not text[:1].isupper() and not (
            doc[t0].lower_ in PARTICLES and doc[t1 - 1].text[:1].isupper()):  # "von der Leyen"
        return None
    text_clean = strip_possessive(text)
    end = span.start_char + len(text_clean)
    return Mention(span.start_char, end, t0, t1, text_clean, _titles_before(doc, t0), source, conf)


def _from_entities(doc: Doc, tagged: bool, heads: set[int]) -> list[Mention]:
    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        t0, t1 = ent.start, headline_cut(doc, ent.start, ent.end, heads)
        # "Chief Executive Per" + "Ovesen": a first name the model read as a common word, between a
        # title and the surname it tagged.
        if t0 >= 2 and _is_title_token(doc[t0 - 2]) and doc[t0 - 1].is_alpha and doc[t0 - 1].text[:1].isupper() \
                and not _is_title_token(doc[t0 - 1]) and doc[t0 - 1].lower_ not in NOT_NAMES \
                and "\n" not in doc[t0 - 2].whitespace_ + doc[t0 - 1].whitespace_:
            t0 -= 1
        # "Ursula von" + "der Leyen": extend over particles to the capitalised word after them.
        if doc[t1 - 1].lower_ in PARTICLES or (t1 < len(doc) and doc[t1].lower_ in PARTICLES):
            k = t1
            while k < len(doc) and doc[k].lower_ in PARTICLES:
                k += 1
            if k < len(doc) and _namey(doc[k], tagged) and k > t1 - 1:
                t1 = k + 1
        # "Forecaster Marta" + "Ibáñez": the model stopped before a surname it did not know; the
        # parse still makes that word the head of the name (the entity's last word its compound).
        last = doc[t1 - 1]
        if tagged and t1 == ent.end < len(doc) and last.dep_ == "compound" and last.head.i == t1 and \
                doc[t1].pos_ == "PROPN" and not doc[t1].ent_type_ and "\n" not in last.whitespace_ and \
                _namey(doc[t1], tagged):
            t1 += 1
        m = _make(doc, t0, t1, "model", 0.85)
        if m:
            out.append(m)
    return out


def _from_titles(doc: Doc, tagged: bool) -> list[Mention]:
    """Names right after a title ("Lord Dannatt", "MinisterSir Keir Starmerr") that the model missed."""
    out = []
    ent_of = {}
    for ent in doc.ents:
        for k in range(ent.start, ent.end):
            ent_of[k] = ent
    for i, tok in enumerate(doc):
        if not _is_title_token(tok) or i + 1 >= len(doc) or "\n" in tok.whitespace_:
            continue
        if _is_title_token(doc[i + 1]):
            continue  # the run of titles goes on
        j = _name_run(doc, i + 1, tagged)
        if j == i + 1:
            continue
        title_ent = ent_of.get(i)
        if title_ent is not None and title_ent.label_ != "PERSON" and title_ent.end > i + 1 and \
                _title_word(tok).lower().rstrip(".") not in COURTESY_TITLES:
            continue  # "General Motors", "Prince William County": the title is part of another name
        if tagged and j - (i + 1) == 1 and doc[i + 1].pos_ not in ("PROPN", "X"):
            continue  # "Chief Executive"
        name_ent = ent_of.get(i + 1)
        if name_ent is not None and name_ent.label_ in NOT_PERSON_LABELS:
            continue  # "the President Tuesday", "General Election 2024"
        m = _make(doc, i + 1, j, "title", 0.75)
        if m:
            out.append(m)
    return out


def _merge(mentions: list[Mention]) -> list[Mention]:
    """Overlapping candidates become the longest one."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            if m.end > out[-1].end:
                out[-1] = m if (m.end - m.start) > (out[-1].end - out[-1].start) else out[-1]
            continue
        out.append(m)
    return out


class _Grouper:
    def __init__(self) -> None:
        self.clusters: list[_Cluster] = []

    def add(self, m: Mention, create: bool = True) -> _Cluster | None:
        words = m.text.split()
        sur, first = surname_of(words), first_names_of(words)
        best = None
        for c in self.clusters:
            if not any(surnames_match(sur, s) for s in c.surnames):
                continue
            if first and c.firsts and not any(first_names_agree(first, [f]) for f in c.firsts):
                continue
            exact = any(sur.lower() == s.lower() for s in c.surnames)
            score = (exact, c.last_seen)  # exact spelling first, then the most recently mentioned
            if best is None or score > best[0]:
                best = (score, c)
        if best is None and len(words) == 1:
            # "Paweł, we are with you" after "Paweł Adamowicz"; "Prime Minister Tuilaepa" after "Tuilaepa
            # Sailele Malielegaoi": a lone given name of exactly one person is that person.
            by_first = [c for c in self.clusters if words[0] in c.firsts]
            if len(by_first) == 1:
                m.key = by_first[0].key
                by_first[0].last_seen = max(by_first[0].last_seen, m.start)
                return by_first[0]
        if best is None:
            if not create:
                return None
            best = (None, _Cluster(len(self.clusters)))
            self.clusters.append(best[1])
        c = best[1]
        c.forms[" ".join(words)] += 1
        c.surfaces[" ".join([*m.titles[-1:], *words]) if m.titles and m.titles[-1].lower() in
                   {"sir", "dame", "lord", "lady"} else " ".join(words)] += 1
        if first:
            c.firsts.add(first[0])
        c.surnames[sur] += 1
        c.titles.extend(m.titles)
        c.last_seen = max(c.last_seen, m.start)
        m.key = c.key
        return c

    def persons(self) -> dict[int, PersonDraft]:
        out = {}
        for c in self.clusters:
            if not c.forms:
                continue
            surname = c.surnames.most_common(1)[0][0]  # the typo is the rarer spelling
            longest = max(c.forms, key=lambda f: (len(f.split()), c.forms[f], -len(f)))
            words = longest.split()
            if surnames_match(words[-1], surname):
                words[-1] = surname
            name = " ".join(words)
            if len(words) == 1:
                peer = [t for t in c.titles if t.lower().rstrip(".") in NAME_TITLES]
                if peer:
                    name = f"{peer[-1]} {name}"  # "Lord Dannatt", "King Charles"
            aliases = sorted(set(c.forms) | set(c.surfaces) - {name})
            first = first_names_of(words)
            out[c.key] = PersonDraft(name, [a for a in aliases if a != name], gender_of(first, c.titles))
        return out


def _headline_tokens(doc: Doc, heads: list[tuple[int, int]]) -> set[int]:
    out = set()
    for a, b in heads:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out


def _known_name_mentions(doc: Doc, found: list[Mention], grouper: _Grouper, tagged: bool,
                         headlines: list[tuple[int, int]]) -> list[Mention]:
    """Other occurrences of names already found: bare surnames, ORG-tagged surnames, typos."""
    covered = {k for m in found for k in range(m.t0, m.t1)}
    surnames = {s for c in grouper.clusters for s in c.surnames}
    if not surnames:
        return []
    ent_of = {}
    for ent in doc.ents:
        for k in range(ent.start, ent.end):
            ent_of[k] = ent
    heads = _headline_tokens(doc, headlines)
    out = []
    for i, tok in enumerate(doc):
        if i in covered or not tok.text[:1].isupper() or not _NAMEY.match(tok.text):
            continue
        w, end = strip_possessive(tok.text), i + 1
        if _hyphen_part(doc, end) and not tok.whitespace_:
            w, end = strip_possessive(doc[i:end + 2].text), end + 2  # "Osei-Mensah" is three tokens
        if w.lower() in NOT_NAMES or is_title(w) or any(k in covered for k in range(i, end)):
            continue
        exact = any(w.lower() == s.lower() for s in surnames)
        if not exact:
            if len(w) < 5 or (tagged and (tok.pos_ not in ("PROPN", "X", "NOUN") or tok.tag_ in ("NNS", "NNPS"))):
                continue
            if not any(surnames_match(w, s) for s in surnames):
                continue
        ent = ent_of.get(i)
        if ent is not None and ent.label_ != "PERSON":
            whole = strip_possessive(ent.text) == w or ent.start >= i and ent.end <= end
            if not whole and i not in heads:
                continue  # "the Starmer Foundation": a name inside another name
        t0 = i
        while t0 > 0 and doc[t0 - 1].lower_ in PARTICLES and (t0 - 1) not in covered:
            t0 -= 1
        if t0 > 0 and (t0 - 1) not in covered and _namey(doc[t0 - 1], tagged) and \
                any(doc[t0 - 1].text == f for c in grouper.clusters for f in c.firsts):
            t0 -= 1  # the first name the model left out
        m = _make(doc, t0, end, "known" if exact else "typo", 0.8 if exact else 0.6)
        if m:
            out.append(m)
            covered.update(range(m.t0, m.t1))
    return out


def _joined(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"Mohamed Salah El" + "Din Kamel" with only a space between: one name the model cut in two."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.t1 == m.t0 and doc[prev.t1 - 1].whitespace_ == " " and \
                not doc[prev.t1 - 1].text.endswith(("'s", "’s")):
            joined = _make(doc, prev.t0, m.t1, prev.source, min(prev.confidence, m.confidence))
            if joined is not None:
                out[-1] = joined
                continue
        out.append(m)
    return out


def _candidates(doc: Doc, tagged: bool, heads: list[tuple[int, int]], use: WordUse) -> list[Mention]:
    """Every span that names a person, before grouping: model entities repaired, names after
    titles, names the model tagged as something else, first names shared with a coordinated name."""
    head_toks = _headline_tokens(doc, heads)
    found = _merge(_from_entities(doc, tagged, head_toks) + _from_titles(doc, tagged))
    if tagged:
        covered = {k for m in found for k in range(m.t0, m.t1)}
        found = _merge(found + [m for a, b in missed_names(doc, covered, use)
                                if (m := _make(doc, a, b, "repair", 0.7))])
    found = _joined(doc, found)
    for a, b, full in coordinated_first_names(doc, [(m.t0, m.t1) for m in found]):
        found = [m for m in found if not (m.t0 == a and m.t1 == b)]
        span = doc[a:b]
        found.append(Mention(span.start_char, span.end_char, a, b, full, [], "coordinated", 0.7))
    return sorted(found, key=lambda m: m.start)


def find_persons(doc: Doc) -> tuple[list[Mention], dict[int, PersonDraft]]:
    """Person mentions in text order, each with `key` into the returned persons."""
    tagged = doc.has_annotation("TAG") or doc.has_annotation("POS")
    heads = headline_spans(doc.text)
    use = WordUse(doc)
    mentions = _candidates(doc, tagged, heads, use)
    grouper = _Grouper()
    # Full names first, so a bare surname joins the person it abbreviates.
    for m in sorted(mentions, key=lambda m: (len(m.text.split()) == 1, m.start)):
        grouper.add(m)
    more = _known_name_mentions(doc, mentions, grouper, tagged, heads)
    for m in more:
        grouper.add(m)
    mentions = sorted(mentions + more, key=lambda m: m.start)
    if tagged:  # common words, places and organisations the model took for persons
        mentions = [m for m in mentions if m.source == "coordinated" or not not_a_name(doc, m.t0, m.t1, tagged, use)]
        keys = {m.key for m in mentions}
        grouper.clusters = [c for c in grouper.clusters if c.key in keys]
        drop = not_person_keys(doc, mentions, tagged)
        mentions = [m for m in mentions if m.key not in drop]
        grouper.clusters = [c for c in grouper.clusters if c.key not in drop]
    # Headline-case words fool the tagger ("City Will Rebuild" -> PERSON "Will Rebuild"): a name seen
    # only in headlines is kept only when the article has no body to confirm it in.
    if heads:
        in_head = lambda m: any(a <= m.start < b for a, b in heads)
        confirmed = {m.key for m in mentions if not in_head(m)}
        mentions = [m for m in mentions if m.key in confirmed]
        grouper.clusters = [c for c in grouper.clusters if c.key in confirmed]
    # A bare surname shared by two persons goes to the one last mentioned before it.
    for m in mentions:
        if len(m.text.split()) == 1:
            cands = [c for c in grouper.clusters if len(c.forms) and any(surnames_match(m.text, s) for s in c.surnames)]
            if len(cands) > 1:
                seen = [(max((x.start for x in mentions if x.key == c.key and x.start < m.start), default=-1), c)
                        for c in cands]
                m.key = max(seen, key=lambda s: s[0])[1].key
    persons = grouper.persons()
    counts = Counter(m.key for m in mentions)
    for m in mentions:
        if counts[m.key] > 1:
            m.confidence = min(0.95, m.confidence + 0.1)
    return mentions, persons


class NameIndex:
    """Names already known (the project's sources), to keep one source per name across articles.

    What `match` answers depends on which sources the index holds, never on the order they came in:
    the writer keeps it equal to what the project stores, so a run stopped and resumed (the index
    then built again from the project) links exactly as one run that was never stopped."""

    def __init__(self) -> None:
        self.sources: dict = {}  # key (the project's source id) -> (canonical name, aliases, kind)
        self.forms: dict[tuple[str, str], set] = {}  # (kind, casefolded name or alias) -> keys
        self.by_surname: dict[str, set] = {}  # persons: casefolded initial of the surname -> keys

    def put(self, key, name: str, aliases: Iterable[str] = (), kind: str = "person") -> None:
        """Source `key` is now known by these names (what it was known by before is forgotten)."""
        self.remove(key)
        forms = {n.strip().casefold() for n in [name, *aliases] if n and n.strip()}
        self.sources[key] = (name, tuple(aliases), kind, forms)
        for f in forms:
            self.forms.setdefault((kind, f), set()).add(key)
        if kind == "person" and name.split():
            self.by_surname.setdefault(_clean_words(name)[-1][:1].casefold(), set()).add(key)

    def remove(self, key) -> None:
        old = self.sources.pop(key, None)
        if old is None:
            return
        name, _, kind, forms = old
        for f in forms:
            self.forms[(kind, f)].discard(key)
        if kind == "person" and name.split():
            self.by_surname[_clean_words(name)[-1][:1].casefold()].discard(key)

    def add(self, name: str, aliases: Iterable[str] = (), kind: str = "person") -> None:
        """Without ids (a benchmark, a test): one source per canonical name, its aliases merged."""
        key = (kind, name.strip().casefold())
        known = self.sources.get(key)
        self.put(key, name, sorted({*(known[1] if known else ()), *aliases}), kind)

    def match(self, name: str, aliases: Iterable[str] = (), kind: str = "person") -> str | None:
        """The known canonical name this source is, or None. Two candidates are no answer: a new
        source is better than a wrong merge ("Haddad" when two Haddads are known)."""
        first = first_names_of(name.split())
        forms = [name, *aliases]
        if kind == "person" and first:
            # "Ines Haddad" (alias "Haddad") is not whoever else is known as "Haddad": a full name is
            # found by its full forms here, by its surname and first name below.
            forms = [n for n in forms if len(n.split()) > 1]
        for n in forms:
            keys = self.forms.get((kind, n.strip().casefold()))
            if not keys:
                continue
            names = {self.sources[k][0] for k in keys}
            named = {c for c in names if c.strip().casefold() == n.strip().casefold()}  # a name beats an alias
            hits = named or {c for c in names
                             if kind != "person" or first_names_agree(first, first_names_of(c.split()))}
            if hits:
                return hits.pop() if len(hits) == 1 else None
        words = name.split()
        if kind != "person" or not words:
            return None
        sur = words[-1]
        hits = set()
        for k in self.by_surname.get(sur[:1].casefold(), ()):
            ws = _clean_words(self.sources[k][0])
            known_first = first_names_of(ws)
            # A full name is not the bare surname someone was once known by: that may be anyone of the name.
            if surnames_match(sur, ws[-1]) and (known_first or not first) and first_names_agree(first, known_first) \
                    and (first or len(sur) >= 4):
                hits.add(self.sources[k][0])
        return hits.pop() if len(hits) == 1 else None


def _clean_words(name: str) -> list[str]:
    words = name.split()
    return [w for w in words if not is_title(w)] or words


def link_to_known(persons: dict[int, PersonDraft], index: NameIndex) -> dict[int, PersonDraft]:
    """Rename drafts to the known person they are, so the project's name lookup finds them."""
    out = {}
    for k, p in persons.items():
        hit = None if p.local else index.match(p.name, p.aliases, p.kind)
        if hit and hit != p.name:
            p = PersonDraft(hit, sorted(set(p.aliases) | {p.name}), p.gender, p.kind, p.org, p.local)
        out[k] = p
    return out


# --- as plain data on the Doc (it must survive `Doc.to_bytes`: nlp.pipe(n_process=2) ships docs so) ---

def persons_to_data(mentions: list[Mention], persons: dict[int, PersonDraft]) -> dict:
    return {"mentions": [[m.start, m.end, m.t0, m.t1, m.text, list(m.titles), m.source, m.confidence, m.key]
                         for m in mentions],
            "persons": [{"key": k, "name": p.name, "aliases": list(p.aliases), "gender": p.gender, "kind": p.kind,
                         "org": p.org, "local": p.local} for k, p in persons.items()]}


def persons_from_data(data: dict) -> tuple[list[Mention], dict[int, PersonDraft]]:
    mentions = [Mention(*row[:8], key=row[8]) for row in data["mentions"]]
    persons = {p["key"]: PersonDraft(p["name"], list(p["aliases"]), p["gender"], p.get("kind", "person"), p.get("org"),
                                     p.get("local", False)) for p in data["persons"]}
    return mentions, persons
