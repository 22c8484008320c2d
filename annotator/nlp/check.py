"""`annotator validate FOLDER`: check a spaCy export (`export spacy`, `train`'s corpus) against what
its manifest says, with spaCy itself reading the files.

For each part (the main corpus, `stance/`, `claims/`): the config loads and names the corpora
beside it; `train.spacy` and `dev.spacy` load and hold at least one Doc; a part the manifest says
was skipped is absent. Main Docs: entity and span labels from the scheme (QUOTE spans labelled by
kind, SPEAKER, CUE), every quote link pointing at a span of the `quotes` group and at tokens of the
Doc, stances and claims from the scheme; counts as the manifest says. Classifier Docs: every
category of the scheme, exactly one stance label per target, exactly one claim type.

The Docs are checked from what `DocBin` stores (token attributes, serialized span groups, user
data) without rebuilding each Doc: an export runs this on every file it writes, and rebuilding
10,000 articles' Docs would cost more than writing them.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy
import spacy
import srsly
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.strings import get_string_id
from spacy.tokens import DocBin

from ..errors import AnnotatorError
from ..validate import Report, validate_file
from .corpus_format import CHECKWORTHY, LINKS_VERSION, USER_DATA_KEY, stance_cat
from .spacy_speedups import faster_docbins

PARTS = {"main": "", "stance": "stance", "claims": "claims"}


@dataclass
class _Stored:
    """One Doc as a DocBin stores it."""

    n_tokens: int
    iob: "numpy.ndarray"
    types: "numpy.ndarray"
    groups: dict[str, list[tuple[int, int, int]]]  # name -> (label hash, start, end) per span
    user_data: dict
    cats: dict


def _read(r: Report, path: Path) -> list[_Stored]:
    try:
        db = DocBin().from_disk(path)
    except Exception as exc:  # spaCy raises several kinds for a damaged file
        r.add(str(path), f"spaCy cannot read it ({type(exc).__name__}: {str(exc)[:120]})")
        return []
    if not len(db):
        r.add(str(path), "holds no Doc (spaCy cannot train or score on it)")
    cols = {a: i for i, a in enumerate(db.attrs)}
    out = []
    for i, tokens in enumerate(db.tokens):
        groups: dict[str, list[tuple[int, int, int]]] = {}
        raw = db.span_groups[i] if i < len(db.span_groups) else b""
        msg = srsly.msgpack_loads(raw) if raw else {}
        for group_bytes, names in (msg.items() if isinstance(msg, dict) else []):
            g = srsly.msgpack_loads(group_bytes)
            spans = [struct.unpack(">QQQllll", sp)[2:5] for sp in g["spans"]]
            for name in names:
                groups[name] = spans
        user = srsly.msgpack_loads(db.user_data[i]) if i < len(db.user_data) and db.user_data[i] else {}
        none = numpy.zeros(len(tokens), dtype="uint64")
        out.append(_Stored(len(tokens), tokens[:, cols[ENT_IOB]] if ENT_IOB in cols else none,
                           tokens[:, cols[ENT_TYPE]] if ENT_TYPE in cols else none, groups,
                           user if isinstance(user, dict) else {}, db.cats[i] if i < len(db.cats) else {}))
    return out


def _main(r: Report, path: Path, docs: list[_Stored], scheme: dict, counts: dict) -> None:
    hashes = lambda labels: {get_string_id(x): x for x in labels}
    ent_labels, kinds = hashes(scheme.get("entity_labels", [])), hashes(scheme.get("quote_kinds", []))
    fixed = {"speakers": get_string_id("SPEAKER"), "cues": get_string_id("CUE")}
    for n, doc in enumerate(docs, start=1):
        where = f"{path}: Doc {n}"
        starts = doc.iob == 3  # B: an entity starts
        counts["entities"] += int(starts.sum())
        if set(doc.types[starts].tolist()) - set(ent_labels):
            r.add(where, "an entity label is not in the scheme")
        for name, spans in doc.groups.items():
            if any(not 0 <= s < e <= doc.n_tokens for _, s, e in spans):
                r.add(where, f"span group {name!r} has a span outside the Doc's {doc.n_tokens} tokens")
            if name == "quotes" and any(label not in kinds for label, _, _ in spans):
                r.add(where, "a quote span's label is not a quote kind of the scheme")
            if name in fixed and any(label != fixed[name] for label, _, _ in spans):
                r.add(where, f"span group {name!r} holds a label other than {'SPEAKER' if name == 'speakers' else 'CUE'}")
        quotes = {(s, e) for _, s, e in doc.groups.get("quotes", [])}
        counts["quotes"] += len(quotes)
        data = doc.user_data.get(USER_DATA_KEY) or {}
        if data.get("version") != LINKS_VERSION:
            r.add(where, f"no quote links (user_data[{USER_DATA_KEY!r}] of version {LINKS_VERSION})")
            continue
        for i, link in enumerate(data.get("quotes") or []):
            if tuple(link.get("quote") or ()) not in quotes:
                r.add(where, f"link {i}: its quote {link.get('quote')} is no span of the quotes group")
            for key in ("speaker_span", "cue_span"):
                sp = link.get(key)
                if sp is not None and not (0 <= sp[0] < sp[1] <= doc.n_tokens):
                    r.add(where, f"link {i}: {key} {sp} is outside the Doc's {doc.n_tokens} tokens")
            for st in link.get("stances") or []:
                if st.get("target") not in scheme.get("stance_targets", []) or \
                        st.get("label") not in scheme.get("stance_labels", []):
                    r.add(where, f"link {i}: stance {st} is not in the scheme")
            if link.get("claim") is not None and link["claim"] not in scheme.get("claim_types", []):
                r.add(where, f"link {i}: claim {link['claim']!r} is not in the scheme")


def _classifier(r: Report, path: Path, docs: list[_Stored], name: str, scheme: dict) -> None:
    if name == "stance":
        groups = [[stance_cat(lab, t) for lab in scheme.get("stance_labels", [])]
                  for t in scheme.get("stance_targets", [])]
    else:
        groups = [list(scheme.get("claim_types", []))]
    expected = {c for g in groups for c in g} | ({CHECKWORTHY} if name == "claims" else set())
    for n, doc in enumerate(docs, start=1):
        where = f"{path}: Doc {n}"
        if set(doc.cats) != expected:
            r.add(where, f"categories {sorted(set(doc.cats) ^ expected)[:4]} differ from the scheme's")
            continue
        for g in groups:
            if sum(doc.cats[c] for c in g) != 1.0:
                r.add(where, f"not exactly one of {g[0].split(': ')[-1] if name == 'stance' else 'the claim types'}")


def validate_path(path: Path) -> Report:
    """`annotator validate PATH`: a folder is a spaCy export, a file one of the JSON formats."""
    if path.is_dir():
        return validate_corpus(path)
    if not path.exists():
        raise AnnotatorError(f"{path}: no such file or folder")
    return validate_file(path)


def validate_corpus(folder: str | Path) -> Report:
    with faster_docbins(writing=False):
        return _validate(Path(folder))


def _validate(out: Path) -> Report:
    r = Report(out, kind="spaCy corpora")
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        r.add(str(out / "manifest.json"), f"cannot read the manifest ({exc})")
        return r
    scheme, skipped = manifest.get("scheme") or {}, manifest.get("skipped") or {}
    counts = {"entities": 0, "quotes": 0}
    for name, sub in PARTS.items():
        part = out / sub if sub else out
        if name in skipped:
            if (part / "train.spacy").exists():
                r.add(str(part), f"the manifest says {name} was skipped ({skipped[name]}), but its corpus is there")
            continue
        try:
            cfg = spacy.util.load_config(part / "config.cfg")
            paths = cfg["paths"]
            if (paths["train"], paths["dev"]) != ("train.spacy", "dev.spacy"):
                r.add(str(part / "config.cfg"), "its [paths] do not name the corpora beside it")
        except Exception as exc:
            r.add(str(part / "config.cfg"), f"spaCy cannot load it ({str(exc).splitlines()[0][:120]})")
        for split in ("train", "dev"):
            docs = _read(r, part / f"{split}.spacy")
            r.items += len(docs)
            if name == "main":
                _main(r, part / f"{split}.spacy", docs, scheme, counts)
            else:
                _classifier(r, part / f"{split}.spacy", docs, name, scheme)
    if "main" not in skipped:
        for key in ("entities", "quotes"):
            said = sum((manifest.get(key) or {}).values())
            if counts[key] != said:
                r.add(str(out), f"the Docs hold {counts[key]} {key}, the manifest says {said}")
    return r
