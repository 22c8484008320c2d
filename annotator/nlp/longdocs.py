"""Long articles through a spaCy pipeline in bounded memory.

A statistical pipeline needs memory in proportion to the length of the text it is given (about
4 KB per character for en_core_web_sm: 400 MB for 100,000 characters, 4 GB for the largest
article we accept). So an article longer than LONG_CHARS goes through the statistical components
in pieces of about PIECE_CHARS cut at line breaks (paragraphs, where our rules start sentences
anyway), each piece's tensor dropped as soon as it is done; the pieces are joined into one Doc
with the same text, and our rule components (persons, quotes, labels), which need the whole
article, run on that.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc, Span

LONG_CHARS = 30_000
PIECE_CHARS = 10_000
WHOLE_DOC_COMPONENTS = ("annotator_persons", "annotator_quotes")  # from the first of these on: whole article


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """`text` cut into consecutive pieces of about `size` characters, after a run of line breaks
    where there is one, else after a space; joined they give `text` back."""
    out, i, n = [], 0, len(text)
    while i < n:
        j = min(n, i + size)
        if j < n:
            k = text.rfind("\n", i, j)
            if k > i:
                j = k + 1
                while j < n and text[j] == "\n":
                    j += 1
            else:
                k = text.rfind(" ", i, j)
                j = k + 1 if k > i else j
        out.append(text[i:j])
        i = j
    return out


def long_doc(nlp: Language, text: str) -> Doc:
    """`nlp(text)` for a long text, in bounded memory (see module doc)."""
    names = nlp.pipe_names
    cut = next((i for i, name in enumerate(names) if name in WHOLE_DOC_COMPONENTS), len(names))
    docs = []
    with nlp.select_pipes(enable=names[:cut]):
        for d in nlp.pipe(pieces(text), batch_size=1):
            d.tensor = numpy.zeros((0,), dtype="float32")  # the largest part of a parsed piece; no longer needed
            docs.append(d)
    doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])
    del docs
    for name in names[cut:]:
        doc = nlp.get_pipe(name)(doc)
    return doc


def pipe_articles(nlp: Language, items: Iterable[tuple[str, int]], n_process: int = 1,
                  batch_size: int = 8) -> Iterator[tuple[Doc, int]]:
    """`nlp.pipe(items, as_tuples=True)` for (text, article id) pairs; articles longer than
    LONG_CHARS are held back and done one by one, in this process, after the others."""
    long: list[tuple[str, int]] = []

    def short() -> Iterator[tuple[str, int]]:
        for text, aid in items:
            if len(text) > LONG_CHARS:
                long.append((text, aid))
            else:
                yield text, aid

    yield from nlp.pipe(short(), as_tuples=True, n_process=n_process, batch_size=batch_size)
    while long:
        text, aid = long.pop(0)
        yield long_doc(nlp, text), aid


# --- long articles in a training corpus ------------------------------------------------------------

MAX_TRAIN_TOKENS = 1_200  # no longer than a training batch (1,000 words + 20%): memory as for any article


def split_for_training(doc: Doc, user_data_key: str, max_tokens: int = MAX_TRAIN_TOKENS) -> list[Doc]:
    """An exported article Doc as Docs of at most about `max_tokens` tokens, cut after line breaks
    that fall inside no entity, quote, speaker or cue (so every annotation lands whole in one
    piece); the quote links in `doc.user_data[user_data_key]` are re-based onto their piece.
    A Doc that is short enough comes back as it is."""
    n = len(doc)
    if n <= max_tokens:
        return [doc]
    data = doc.user_data.get(user_data_key) or {}
    links = data.get("quotes", [])
    inside = numpy.zeros(n + 1, dtype=bool)  # inside[i]: a cut before token i would split something
    spans = [(s.start, s.end) for s in doc.ents]
    spans += [(s.start, s.end) for group in doc.spans.values() for s in group]
    for q in links:  # a quote, its speaker and its cue stay together: the hull of the three
        ends = [x for k in ("quote", "speaker_span", "cue_span") if q.get(k) for x in q[k]]
        spans.append((min(ends), max(ends)))
    for a, b in spans:
        inside[a + 1:b] = True
    breaks = [t.i + 1 for t in doc if t.is_space and "\n" in t.text and t.i + 1 < n and not inside[t.i + 1]]
    if not breaks:
        breaks = [i for i in range(1, n) if not inside[i]]
    cuts, start = [], 0
    for i, b in enumerate(breaks):  # cut at the last break before a piece would grow too long
        nxt = breaks[i + 1] if i + 1 < len(breaks) else n
        if b > start and nxt - start > max_tokens:
            cuts.append(b)
            start = b
    bounds = list(zip([0, *cuts], [*cuts, n]))
    # What an exported Doc carries (words, spaces, entities, span groups, links), piece by piece;
    # each span lies in one piece only, the one its start is in.
    words, spaces = [t.text for t in doc], [bool(t.whitespace_) for t in doc]
    tags = doc.to_array([ENT_IOB, ENT_TYPE, ENT_KB_ID])
    groups = {name: sorted((s.start, s.end, s.label_, s.kb_id_) for s in group) for name, group in doc.spans.items()}
    links = sorted(links, key=lambda q: q["quote"][0])
    link_starts = [q["quote"][0] for q in links]

    def within(spans_: list, piece: Doc, a: int, b: int) -> list[Span]:
        lo, hi = bisect.bisect_left(spans_, (a,)), bisect.bisect_left(spans_, (b,))
        return [Span(piece, s - a, e - a, label=lab, kb_id=kb) for s, e, lab, kb in spans_[lo:hi]]

    pieces_ = []
    for k, (a, b) in enumerate(bounds):
        piece = Doc(doc.vocab, words=words[a:b], spaces=spaces[a:b])
        # the entity tags as they are, missing ones included (`piece.ents = ...` would make every
        # other token "outside": a negative nobody gave)
        piece.from_array([ENT_IOB, ENT_TYPE, ENT_KB_ID], tags[a:b])
        for name, spans_ in groups.items():
            piece.spans[name] = within(spans_, piece, a, b)
        own = []
        for q in links[bisect.bisect_left(link_starts, a):bisect.bisect_left(link_starts, b)]:
            # its speaker and cue are in the same piece: cuts never separate them from the quote
            own.append({**q, **{key: [q[key][0] - a, q[key][1] - a] for key in ("quote", "speaker_span", "cue_span")
                                if q.get(key)}})
        piece.user_data[user_data_key] = {**data, "quotes": own, "piece": k, "pieces": len(bounds),
                                          "char_offset": doc[a].idx}
        pieces_.append(piece)
    return pieces_
