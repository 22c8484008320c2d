"""Shared by the cluster tests and their fixtures: the corpus size and a dump of what
pre-annotation stored, to compare runs."""

from __future__ import annotations

from pathlib import Path

from annotator.store import Project

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_ef8b4a5962583c26.txt"
GENERATED = 300


def dump(path: Path) -> dict:
    """Everything pre-annotation writes, with persons by name (ids may differ, names may not)."""
    with Project.open(path) as p:
        c = p.conn
        names = {r[0]: r[1] for r in c.execute("SELECT id, name FROM persons")}
        out: dict = {"persons": sorted((r[0], r[1], r[2]) for r in c.execute("SELECT name, aliases, origin FROM persons"))}
        for r in c.execute("SELECT id, model, preannotated_hash = content_hash FROM articles"):
            out[r[0]] = {"model": r[1], "current": r[2], "entities": [], "quotes": []}
        for r in c.execute('SELECT * FROM entities ORDER BY article_id, start, "end", label'):
            out[r["article_id"]]["entities"].append(
                (r["start"], r["end"], r["label"], names.get(r["person_id"]), r["confidence"], r["origin"]))
        for r in c.execute('SELECT * FROM quotes ORDER BY article_id, start, "end"'):
            d = dict(r)
            d["speaker_id"] = names.get(d["speaker_id"])
            out[r["article_id"]]["quotes"].append(tuple(v for k, v in d.items() if k not in ("id", "version")))
    return out


