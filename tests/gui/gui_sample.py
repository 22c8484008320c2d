"""The sample project for the GUI tests: the seed file as 4 articles, with suggestions such as
pre-annotation would make (quotes with speakers, PERSON/ORG/GPE mentions), all unreviewed."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_ef8b4a5962583c26.txt"
SCHEME = ROOT / "seeds" / "scheme.json"
GOLD = [ROOT.parent / "shared" / "eval" / "seed_quotes.jsonl", ROOT / "tests" / "data" / "seed_quotes.jsonl"]

OTHER = {"ORG": ["NATO", "European Union", "Royal United Services Institute"],
         "GPE": ["Ukraine", "Russia", "UK", "US", "Europe", "Paris", "London", "Washington", "Poland", "Denmark",
                 "Britain", "Germany", "France"],
         "NORP": ["European", "British", "Russian", "German"]}


def gold() -> dict:
    for p in GOLD:
        if p.exists():
            return json.loads(p.read_text(encoding="utf-8"))
    raise FileNotFoundError("seed_quotes.jsonl")


def _last(name: str) -> str:
    return name.split()[-1]


def build(path: Path, wrong_speaker: bool = True):
    """Create the project at `path`; returns it open (user "tester")."""
    from annotator.importers.plaintext import split_articles
    from annotator.models import ArticleDraft, Entity, Person, Quote
    from annotator.scheme import Scheme
    from annotator.store import Project

    g = gold()
    text = g["text"]
    project = Project.create(path, Scheme.load(SCHEME), user="tester")
    drafts = []
    for a, b, title, place in split_articles(text):
        body = text[a:b]
        names = sorted({q["speaker"] for q in g["quotes"] if q["speaker"] and a <= q["start"] < b})
        keys = {n: i for i, n in enumerate(names, start=1)}
        entities, taken = [], []

        def add(s, e, label, pid=None):
            if any(s < te and ts < e for ts, te in taken):
                return
            taken.append((s, e))
            entities.append(Entity(start=s, end=e, label=label, person_id=pid, confidence=0.9))

        for n in names:
            for m in re.finditer(rf"\b(?:(?:Sir|Lord|Prime Minister|President)\s+)?(?:{re.escape(n)}|{re.escape(_last(n))}r?)\b", body):
                s = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
                add(s, m.end(), "PERSON", keys[n])
        for label, words in OTHER.items():
            for w in words:
                for m in re.finditer(rf"\b{re.escape(w)}\b", body):
                    add(m.start(), m.end(), label)
        quotes = []
        for i, q in enumerate(x for x in g["quotes"] if a <= x["start"] < b):
            s, e = q["start"] - a, q["end"] - a
            pid = keys.get(q["speaker"]) if q["speaker"] else None
            mention = None
            if pid is not None:
                cands = [x for x in entities if x.person_id == pid]
                if cands:
                    near = min(cands, key=lambda x: min(abs(x.end - s), abs(x.start - e)))
                    mention = (near.start, near.end)
            if wrong_speaker and i == 1 and len(names) > 1 and pid is not None:
                # One wrong suggestion to correct, as a model would make.
                other = next(n for n in names if keys[n] != pid)
                pid = keys[other]
                mention = None
            quotes.append(Quote(start=s, end=e, kind=q["kind"], speaker_id=pid,
                                speaker_start=mention[0] if mention else None,
                                speaker_end=mention[1] if mention else None, confidence=0.8))
        entities.sort(key=lambda x: x.start)
        drafts.append(ArticleDraft(title=title, place=place, text=body, source=SEED.name, entities=entities,
                                   quotes=quotes, persons={v: Person(name=k) for k, v in keys.items()}))
    project.import_articles(drafts)
    return project


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1])
    build(out).close()
    print(out)
