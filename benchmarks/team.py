"""Team benchmark: 20 annotators x 5,000 articles each merged into a 100,000-article team project,
then agreement on it.

    .venv/bin/python benchmarks/team.py [--articles 100000] [--annotators 20] [--per 5000]
                                        [--overlap 0.1] [--dir benchmarks/out/team] [--reuse]

Builds the team project (600 words, 30 entities and 5 quotes per article, 300 persons) with SQL,
deals it out with `assign` (a tenth of each round shared by two annotators), fills each
annotator's file with reviewed work (every quote with a speaker, a stance and a claim, every
entity confirmed; on shared articles the second annotator differs now and then: another speaker
one time in ten, another claim one in five, a missed entity one in twenty) and a done status
with audit rows; then times `merge` of all 20 files (one transaction), a second merge of the same
files (nothing changes), and `agreement` (1,000 bootstrap resamples). `--reuse` skips building.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
print = partial(print, flush=True)  # noqa: A001 (a long run: show each figure as it comes)

from annotator.scheme import Scheme  # noqa: E402
from annotator.rows import content_hash, now  # noqa: E402
from annotator.store import Project  # noqa: E402
from annotator.team.agreement import agreement  # noqa: E402
from annotator.team.assign import assign  # noqa: E402
from annotator.team.merge import merge  # noqa: E402

LABELS = ["PERSON", "ORG", "GPE", "DATE", "NORP"]
TARGETS = ["Bridge repairs", "Higher taxes"]
CLAIMS = ["FACT", "PREDICTION", "OPINION"]
SCHEME = {"name": "bench", "entity_labels": LABELS, "stance_targets": TARGETS, "claim_types": CLAIMS}


def article(rng: random.Random, i: int, vocab: list[str]) -> tuple[str, list, list]:
    words = rng.choices(vocab, k=600)
    words[0] = f"story{i}"  # unique text, unique content hash
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    text = " ".join(words)
    ents = sorted({(starts[k], starts[k] + len(words[k]), rng.choice(LABELS)) for k in rng.sample(range(1, 600), 30)})
    quotes = []
    for k in range(5):
        a = 10 + k * 110
        quotes.append((starts[a], starts[a + 8] + len(words[a + 8])))
    return text, ents, quotes


def build(team_path: Path, out: Path, n: int, names: list[str], per: int, overlap: float) -> None:
    rng = random.Random(0)
    vocab = sorted({"".join(rng.choices("aeioulmnrstkp", k=rng.randint(2, 9))) for _ in range(8000)})
    t0 = time.perf_counter()
    team = Project.create(team_path, Scheme.model_validate(SCHEME), user="lead")
    shapes = {}
    with team.transaction() as c:
        c.executemany("INSERT INTO persons (id, name, aliases, origin) VALUES (?, ?, '[]', 'human')",
                      [(k, f"Person {k}") for k in range(1, 301)])
        rows, ts = [], now()
        for i in range(1, n + 1):
            text, ents, quotes = article(rng, i, vocab)
            shapes[i] = (ents, quotes)
            rows.append((i, f"Story {i}", text, content_hash(text), ts, ts))
        c.executemany("INSERT INTO articles (id, title, text, content_hash, created_at, updated_at) "
                      "VALUES (?, ?, ?, ?, ?, ?)", rows)
    print(f"team project built: {n:,} articles in {time.perf_counter() - t0:.0f} s")
    t0 = time.perf_counter()
    res = assign(team, names, out, overlap=overlap, copies=2, per_annotator=per, seed=0)
    print(f"assign: {len(res.files)} files, {res.articles:,} articles ({len(res.overlap_ids):,} shared) "
          f"in {time.perf_counter() - t0:.0f} s")
    team.close()
    shared = set(res.overlap_ids)
    t0 = time.perf_counter()
    seen: set[int] = set()
    for who in names:
        differ = random.Random(who)
        with Project.open(res.files[who], user=who) as p, p.transaction() as c:
            ents, quotes, audit = [], [], []
            for aid in res.batches[who]:
                second = aid in shared and aid in seen
                seen.add(aid)
                e_list, q_list = shapes[aid]
                for s, e, label in e_list:
                    if not (second and differ.random() < 0.05):
                        ents.append((aid, s, e, label))
                for k, (s, e) in enumerate(q_list):
                    base = random.Random(aid * 10 + k)
                    speaker = base.randint(1, 300)
                    claim = base.choice(CLAIMS)
                    stance = base.choice(["FAVOR", "AGAINST", "NONE"])
                    if second and differ.random() < 0.1:
                        speaker = differ.randint(1, 300)
                    if second and differ.random() < 0.2:
                        claim = differ.choice(CLAIMS)
                    quotes.append((aid, s, e, speaker, json.dumps([{"target": TARGETS[0], "label": stance}]), claim))
                audit.append((now(), who, "mark article done", "articles", aid, aid, "status", "in_progress", "done"))
            c.executemany('INSERT INTO entities (article_id, start, "end", label, origin, reviewed) '
                          "VALUES (?, ?, ?, ?, 'human', 1)", ents)
            c.executemany('INSERT INTO quotes (article_id, start, "end", kind, speaker_id, stances, claim, origin, '
                          "reviewed) VALUES (?, ?, ?, 'direct', ?, ?, ?, 'human', 1)", quotes)
            c.executemany("INSERT INTO audit (ts, user, op, tbl, row_id, article_id, field, old, new) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", audit)
            c.execute("UPDATE articles SET status = 'done'")
    print(f"annotators' work written in {time.perf_counter() - t0:.0f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--annotators", type=int, default=20)
    ap.add_argument("--per", type=int, default=5000)
    ap.add_argument("--overlap", type=float, default=0.1)
    ap.add_argument("--dir", type=Path, default=Path("benchmarks/out/team"))
    ap.add_argument("--reuse", action="store_true", help="measure the files of an earlier run (unmerged copy)")
    args = ap.parse_args()
    names = [f"annotator{k:02d}" for k in range(1, args.annotators + 1)]
    team_path, out = args.dir / "team.annotator", args.dir / "batches"
    pristine = args.dir / "team-unmerged.annotator"
    if not args.reuse:
        if args.dir.exists():
            sys.exit(f"{args.dir} exists: remove it, or pass --reuse")
        args.dir.mkdir(parents=True)
        build(team_path, out, args.articles, names, args.per, args.overlap)
        with Project.open(team_path) as p:
            p.backup(pristine)
    else:
        team_path.unlink()
        with Project.open(pristine) as p:
            p.backup(team_path)
    files = sorted(out.glob("*.annotator"))
    print(f"load average before: {_load()} (2 cores; figures from a busy machine are slower)")
    with Project.open(team_path, user="lead") as team:
        t0 = time.perf_counter()
        results = merge(team, files)
        t_merge = time.perf_counter() - t0
        layered = sum(r.changed for r in results)
        quotes, entities = sum(r.quotes for r in results), sum(r.entities for r in results)
        print(f"merge: {len(files)} files, {layered:,} annotator articles ({quotes:,} quotes, {entities:,} entities) "
              f"in {t_merge:.1f} s (target < 60 s)")
        t0 = time.perf_counter()
        again = merge(team, files)
        print(f"merge again (nothing changes: {sum(r.changed for r in again)} written): "
              f"{time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        rep = agreement(team, n_boot=1000, seed=0)
        t_agree = time.perf_counter() - t0
        print(f"agreement: {rep.articles:,} articles by two annotators, {t_agree:.1f} s (target < 10 s)")
        print(f"  quote F1 {rep.quote_f1:.3f} ({rep.quotes_matched:,} matched of {rep.quotes_marked:,})")
        for f in rep.fields:
            if f.alpha is not None:
                print(f"  {f.field}: alpha {f.alpha:.3f} [{f.low:.3f}, {f.high:.3f}] over {f.units:,} units")
    print(f"load average after: {_load()}")


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
