"""What an exported spaCy corpus holds, for those who write it (`corpus`), check it (`check`),
train on it and read it back: file names, the attributes stored, where the quote links live on a
Doc, the classifiers' categories, and the manifest of counts written beside the corpora.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

PARTS = ("train", "dev")
CORPORA = ("main", "stance", "claims")
# What an export folder holds: an earlier export of these names only is replaced whole.
EXPORT_NAMES = frozenset({"train.spacy", "dev.spacy", "config.cfg", "manifest.json", "stance", "claims"})
# Only what the corpora carry: DocBin's default attributes (tags, heads, lemmas, morphology...) are
# empty here and cost a third of the export time.
ATTRS = {"main": ["ORTH", "ENT_IOB", "ENT_TYPE"], "stance": ["ORTH"],
         "claims": ["ORTH"]}  # spaces are stored apart from the attributes

USER_DATA_KEY = "annotator"  # doc.user_data[USER_DATA_KEY]: {"version": LINKS_VERSION, "quotes": [...]}
LINKS_VERSION = 1
CHECKWORTHY = "CHECKWORTHY"  # the claims corpus's category beside the claim types


def stance_cat(label: str, target: str) -> str:
    """The stance corpus's category for one label toward one target, e.g. "FAVOR: Ukraine in NATO"."""
    return f"{label}: {target}"


def read_quote_links(doc: Doc) -> list[dict]:
    """The quote -> speaker links, stances and claims stored on an exported Doc.

    Each record: `quote` (start, end token indices), `kind`, `speaker` (canonical name or None),
    `speaker_kind` (person, organisation, group, unnamed, document; absent in older exports),
    `speaker_span` and `cue_span` (token indices or None), `stances` ([{target, label}]), `claim`,
    `checkworthy`. Token spans index into `doc`, so `doc[s:e]` is the span.
    """
    data = doc.user_data.get(USER_DATA_KEY) or {}
    if data.get("version") != LINKS_VERSION:
        return []
    return [dict(q) for q in data.get("quotes", [])]


@dataclass
class Manifest:
    articles: dict = field(default_factory=lambda: {"train": 0, "dev": 0})
    split: dict = field(default_factory=lambda: {"train": [], "dev": []})
    entities: Counter = field(default_factory=Counter)
    quotes: Counter = field(default_factory=Counter)
    speakers: int = 0
    cues: int = 0
    links: int = 0
    stance: Counter = field(default_factory=Counter)
    stance_absent_as_none: int = 0
    claims: Counter = field(default_factory=Counter)
    overlapping_entities_dropped: int = 0
    misaligned_spans_dropped: int = 0
    unadjudicated_left_out: int = 0  # team projects: finished by two or more annotators, not adjudicated
    entities_unreviewed: int = 0  # suggestions nobody reviewed: their tokens are missing, not labels
    left_out: dict = field(default_factory=dict)  # reason -> article ids not in train/dev.spacy
    skipped: dict = field(default_factory=dict)  # part (main, stance, claims) -> why it was not written

    def to_dict(self) -> dict:
        return {k: (dict(v) if isinstance(v, Counter) else v) for k, v in self.__dict__.items()}
