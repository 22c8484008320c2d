"""Quoted stretches nobody says: titles, names and labels, glosses, scare quotes and terms.

Newsrooms put quotation marks around more than speech: the title of a book or an operation
(Operation "Blue Lantern", the 'Ashworth Gazette'), a word talked about rather than used (the
word 'vaccine', the Latin "vacca", meaning "cow"), a so-called "thing" and a scare-quoted
'business' inside somebody's quote. They are quotations (the annotation keeps them) with no
speaker and kind partial. The attribution rules look for a speaker for every quotation; this pass
runs after them and takes the speaker away where the words around the marks show that the
quotation is no speech, so a reader is not told that the nearest person said "cow".

Each rule reads the reporter's words right before the opening mark (and the parse where there is
one); none looks at what the article is about.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .attribution_result import Attribution
from .layout import headline_spans
from .marks import QuoteSpan

# A speaker found through the quote's own sentence: a reporting verb, a document, a headline.
# A quotation given a speaker only from the layout (the paragraph's last speaker, a guess) and
# woven into the reporter's sentence as a few words is a label or a term of the reporter's.
OWN_SENTENCE = {"cue", "surface", "document", "headline-colon", "headline-person", "intro", "nested-cue",
                "nested-self", "unnamed", "learned"}
LABEL_WORDS = 4  # at most this many words for a quotation taken as a label without a frame
TITLE_WORDS = 8  # a title in quotation marks ("Words We Didn't Know We Needed")

_DET = r"(?:the|a|an|this|that|its|their|his|her|our|your|my)"
# Frames that present the quoted words as words, names or titles, not as anyone's speech.
FRAMES = [
    # the word 'vaccine', the Latin term "vacca", a phrase 'a bit of rust', the slogan "..."
    re.compile(rf"\b{_DET}\s+(?:[\w-]+\s+)?(?:word|term|phrase|expression|name|slogan|motto|nickname|hashtag|"
               rf"acronym|abbreviation|catchphrase|title|headline|label|brand|spelling|pronunciation)s?\s*,?\s*$",
               re.I),
    # meaning "cow", literally "...", short for "...", also written "..."
    re.compile(r"\b(?:meaning|means|meant|literally|translated as|translates as|short for|stands for|aka|"
               r"a\.k\.a\.|spelt|spelled)\s*,?\s*$", re.I),
    # so-called "kitchen distilleries"
    re.compile(r"\bso[- ]called\s*$", re.I),
    # known as Operation "Blue Lantern", labelled as a "premium" brand, sold as "..."
    re.compile(r"\b(?:known|referred to|billed|labell?ed|branded|marketed|sold|advertised|listed|registered)\s+as"
               r"(?:\s+(?:the|a|an))?(?:\s+[A-Z][\w-]*)*$"),
]
# "in a word", "in his own words": what follows is the speaker's, not a word talked about.
IN_SO_MANY_WORDS = re.compile(rf"\bin\s+(?:{_DET}|one)\s+(?:own\s+)?words?\s*,?\s*$", re.I)
# A participle naming the thing before it: a course called "...", an operation code-named "..."
NAMING = {"called", "named", "dubbed", "nicknamed", "titled", "entitled", "codenamed", "code-named", "christened",
          "termed", "labelled", "labeled", "branded"}
# Small words a title keeps in lower case ("Words of the Year", "Opération Port Fermé").
TITLE_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "for", "to", "with", "by", "from", "de",
               "du", "la", "le", "les", "des", "van", "von", "der", "y", "e"}
NAMING_LEMMAS = {"name", "call", "dub", "nickname", "christen", "term", "label", "brand", "title", "rename", "crown"}
LANGUAGE_LABELS = ("NORP", "LANGUAGE")
# Nouns of works whose title may follow in quotation marks, set off by commas ("the paper, "...",").
WORK_NOUNS = {"paper", "study", "report", "book", "article", "novel", "memoir", "film", "documentary", "album",
              "song", "play", "series", "exhibition", "thesis", "essay", "poem", "episode", "podcast"}


def _words_before(text: str, q: QuoteSpan) -> str:
    """The reporter's words before the opening mark, back to the sentence or paragraph start."""
    a = max(0, q.open_mark - 80)
    before = text[a:q.open_mark]
    cut = max(before.rfind("\n"), *(before.rfind(p + " ") for p in ".!?"))
    return before[cut + 1:].rstrip() if cut >= 0 else before.rstrip()


def _is_title(words: str) -> bool:
    """Title case: every word capitalised but the small ones, two words at least, no punctuation
    that ends a sentence or a clause ("Blue Lantern", "Stefan W", "Words We Didn't Know We Needed")."""
    parts = words.split()
    if not 2 <= len(parts) <= TITLE_WORDS or words[-1] in ".,;:!?…" or not parts[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in TITLE_SMALL for w in parts)


def _token_before(doc: Doc, q: QuoteSpan, over_comma: bool = False):
    """The last word before the opening mark (None at the start or after punctuation, but a comma
    when `over_comma`)."""
    span = doc.char_span(0, q.open_mark, alignment_mode="contract") if q.open_mark else None
    if span is None or not len(span):
        return None
    tok = span[-1]
    while (tok.is_space or (over_comma and tok.text == ",")) and tok.i > 0:
        tok = doc[tok.i - 1]
    return None if tok.is_punct or tok.is_space else tok


def _named_by_participle(doc: Doc, tok) -> bool:
    """'a course called "Learning Together"': the participle (`tok`, the word before the mark) names
    the noun before it; "which he called "a disgrace"" (the verb has a subject) is somebody's words."""
    if tok is None or tok.lower_ not in NAMING:
        return False
    if not doc.has_annotation("DEP"):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) and tok.dep_ in ("acl", "amod", "advcl")


def _named_thing(doc: Doc, q: QuoteSpan) -> bool:
    """'has named "heatflation" its word of the year': the quoted words are the object a naming verb
    gives a name or a rank to (its object predicate outside the marks), not the name it gives."""
    if not doc.has_annotation("DEP"):
        return False
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or len(span.text.split()) > LABEL_WORDS:
        return False
    root = span.root
    verb = root.head
    return root.dep_ == "dobj" and verb.lemma_.lower() in NAMING_LEMMAS and \
        any(c.dep_ == "oprd" and not span.start <= c.i < span.end for c in verb.children)


def _work_in_apposition(doc: Doc, text: str, q: QuoteSpan) -> bool:
    """'The paper, "A root strain enhances ...", is available': a quotation set off by commas right
    after the noun of a work is that work's title, whatever its case."""
    if q.close_mark is None or text[q.close_mark + 1:q.close_mark + 2] != ",":
        return False
    if not text[:q.open_mark].rstrip().endswith(","):
        return False
    tok = _token_before(doc, q, over_comma=True)
    return tok is not None and tok.pos_ == "NOUN" and tok.lemma_.lower() in WORK_NOUNS


def _language_gloss(tok, words: str) -> bool:
    """the Latin "vacca", the Swahili "...": a word quoted after the language (`tok`) it is in."""
    return tok is not None and tok.ent_type_ in LANGUAGE_LABELS and len(words.split()) <= LABEL_WORDS


def no_speech(doc: Doc, text: str, q: QuoteSpan, how: str, in_headline: bool) -> str | None:
    """Why the quotation q is nobody's speech ("frame", "title", "label", "term"), or None."""
    words = text[q.start:q.end]
    if not words or words[-1] in ".!?…":
        return None  # a sentence of its own is somebody's
    before = _words_before(text, q)
    framed = not IN_SO_MANY_WORDS.search(before) and any(f.search(before) for f in FRAMES)
    tok = None if framed else _token_before(doc, q)  # the word before the mark, looked up once
    if framed or _named_by_participle(doc, tok) or _language_gloss(tok, words) or _named_thing(doc, q):
        return "frame"
    if in_headline:
        return None  # a headline's quoted words are the story's speaker's ("Calls for ‘US Backstop’")
    if not before or not (before[-1].isalnum() or before[-1] == ","):
        return None  # a quotation opening a sentence or after a colon stands for itself
    if _work_in_apposition(doc, text, q):
        return "title"
    if _is_title(words):
        tok = _token_before(doc, q, over_comma=True)
        if tok is not None and (tok.pos_ not in ("VERB", "AUX") or tok.lower_ in NAMING):
            return "title"  # not 'said, "Happy New Year"': a verb right before makes it speech
    if not before[-1].isalnum():
        return None  # only a title follows a comma: anything else is woven into the sentence
    short = len(words.split()) <= LABEL_WORDS
    if short and q.nested and how == "nested-outer":
        return "term"  # a scare quote in somebody's words: "not running a 'business'"
    if short and not q.nested and how not in OWN_SENTENCE:
        return "label"
    return None


def drop_non_speech(doc: Doc, text: str, spans: list[QuoteSpan], attributions: list[Attribution],
                    kinds: list[str]) -> None:
    """Quotations nobody says get no speaker and kind partial (in place)."""
    heads = headline_spans(text)
    for n, (q, a) in enumerate(zip(spans, attributions)):
        if q.family == "model":
            continue
        in_headline = any(h0 <= q.start < h1 for h0, h1 in heads)
        why = no_speech(doc, text, q, a.how, in_headline)
        if why is not None:
            attributions[n] = Attribution(None, None, None, 0.5, f"no-speech-{why}")
            kinds[n] = "partial"
