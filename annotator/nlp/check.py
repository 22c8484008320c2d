"""`annotator validate FOLDER`: check a spaCy export (`export spacy`, `train`'s corpus) against what
its manifest says, with spaCy itself reading the files.

For each part (the main corpus, `stance/`, `claims/`): the config loads and names the corpora
beside it; `train.spacy` and `dev.spacy` load and hold at least one Doc; a part the manifest says
was skipped is absent. Main Docs: entity and span labels from the scheme (QUOTE spans labelled by
kind, SPEAKER, CUE), every quote link pointing at a span of the `quotes` group and at tokens of the
Doc, stances and claims from the scheme; counts as the manifest says. Classifier Docs: every
category of the scheme, exactly one stance label per target, exactly one claim type.
"""

from __future__ import annotations

import json
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from ..validate import Report
from .corpus import CHECKWORTHY, read_quote_links, stance_cat

PARTS = {"main": "", "stance": "stance", "claims": "claims"}


def _docs(r: Report, path: Path, vocab) -> list:
    try:
        docs = list(DocBin().from_disk(path).get_docs(vocab))
    except Exception as exc:  # spaCy raises several kinds for a damaged file
        r.add(str(path), f"spaCy cannot read it ({type(exc).__name__}: {str(exc)[:120]})")
        return []
    if not docs:
        r.add(str(path), "holds no Doc (spaCy cannot train or score on it)")
    return docs


def _main(r: Report, path: Path, docs: list, scheme: dict, counts: dict) -> None:
    kinds = set(scheme.get("quote_kinds", []))
    for n, doc in enumerate(docs, start=1):
        where = f"{path}: Doc {n}"
        for e in doc.ents:
            counts["entities"] += 1
            if e.label_ not in scheme.get("entity_labels", []):
                r.add(where, f"entity label {e.label_!r} is not in the scheme")
        quotes = {(s.start, s.end) for s in doc.spans.get("quotes", [])}
        for s in doc.spans.get("quotes", []):
            counts["quotes"] += 1
            if s.label_ not in kinds:
                r.add(where, f"quote span labelled {s.label_!r}, not a quote kind of the scheme")
        for group, label in (("speakers", "SPEAKER"), ("cues", "CUE")):
            if any(s.label_ != label for s in doc.spans.get(group, [])):
                r.add(where, f"span group {group!r} holds a label other than {label}")
        for i, link in enumerate(read_quote_links(doc)):
            if tuple(link.get("quote") or ()) not in quotes:
                r.add(where, f"link {i}: its quote {link.get('quote')} is no span of the quotes group")
            for key in ("speaker_span", "cue_span"):
                sp = link.get(key)
                if sp is not None and not (0 <= sp[0] < sp[1] <= len(doc)):
                    r.add(where, f"link {i}: {key} {sp} is outside the Doc's {len(doc)} tokens")
            for st in link.get("stances") or []:
                if st.get("target") not in scheme.get("stance_targets", []) or \
                        st.get("label") not in scheme.get("stance_labels", []):
                    r.add(where, f"link {i}: stance {st} is not in the scheme")
            if link.get("claim") is not None and link["claim"] not in scheme.get("claim_types", []):
                r.add(where, f"link {i}: claim {link['claim']!r} is not in the scheme")


def _classifier(r: Report, path: Path, docs: list, name: str, scheme: dict) -> None:
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


def validate_corpus(folder: str | Path) -> Report:
    out = Path(folder)
    r = Report(out, kind="spaCy corpora")
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        r.add(str(out / "manifest.json"), f"cannot read the manifest ({exc})")
        return r
    scheme, skipped = manifest.get("scheme") or {}, manifest.get("skipped") or {}
    vocab = spacy.blank("en").vocab
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
            docs = _docs(r, part / f"{split}.spacy", vocab)
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
