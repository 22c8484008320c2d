"""Learning curve of the feedback loop: how speaker accuracy grows with reviewed articles.

    .venv/bin/python benchmarks/loop.py GOLD.jsonl [--folds 5] [--sizes 10,20,40,...] [--seed 0]
        [--train speakers|all] [--max-steps N] [--plot OUT.png] [--json OUT.json]

For a gold file in the format of `../shared/eval/dev_news.jsonl`, in each of `--folds` folds:
the other folds' articles are imported into a new project as reviewed work (every quote with its
speaker, marked done, through the JSONL importer); for each training size the first N of them
(shuffled once per fold) are trained on, and the held-back fold is pre-annotated twice: by the
rules alone (the stock pipeline) and by the trained pipeline. Scores use the reference rule of
`../shared/eval/score_quotes.py` (`benchmarks/quotes.py`). Printed per size: quote F1 and
speaker accuracy of both over all held-back articles of all folds, the time each training took,
and in how many folds the learned attribution was added (it is left out when it does not beat the
rules on the training articles' own dev split).

`--train speakers` (default) trains what this loop adds for speakers: `export spacy` of the
project, then the learned attribution on the stock pipeline, as `annotator train` does it (entity
and quote models do not change speakers; gold files hold no entities to learn). `--train all`
runs the whole `annotator train` (with `--max-steps` per component).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import quotes  # noqa: E402

KINDS = {"person": "person", "unnamed_person": "unnamed", "organization": "organisation",
         "organisation": "organisation", "group": "group", "document": "document"}


def import_record(g: dict) -> dict:
    """A gold record as our JSONL export would hold it once reviewed: read by the ordinary importer."""
    out = []
    for q in g["quotes"]:
        m = q.get("mention") if isinstance(q.get("mention"), dict) else {}
        speaker = q.get("speaker")
        out.append({"start": q["start"], "end": q["end"], "kind": q.get("kind") or "direct", "speaker": speaker,
                    "speaker_kind": KINDS.get(q.get("speaker_type") or "person", "person") if speaker else None,
                    "speaker_start": m.get("start") if speaker else None,
                    "speaker_end": m.get("end") if speaker else None, "origin": "human", "reviewed": True})
    return {"text": g["text"], "meta": {"id": g["id"], "title": g.get("title"), "status": "done"}, "quotes": out}


def make_project(path: Path, records: list[dict]):
    from annotator.importers.jsonl import read_jsonl
    from annotator.store import Project

    src = path.with_suffix(".jsonl")
    src.write_text("".join(json.dumps(import_record(g), ensure_ascii=False) + "\n" for g in records), encoding="utf-8")
    project = Project.create(path, user="benchmark")
    project.import_articles(read_jsonl(src))
    return project


def train_speakers_only(project, out: Path, config: dict | None = None) -> tuple[Path | None, str]:
    from annotator.nlp.corpus import export_spacy
    from annotator.nlp.pipeline import load_pipeline
    from annotator.nlp.speaker_training import add_to_pipeline, train_from_corpus

    export_spacy(project, out / "corpus", dev=0.2, seed=0)
    nlp, _ = load_pipeline()
    res = train_from_corpus(nlp, out / "corpus", config=config)
    if not res.added:
        return None, res.summary()
    add_to_pipeline(nlp, res)
    nlp.to_disk(out / "model")
    return out / "model", res.summary()


def train_everything(project, out: Path, max_steps: int | None) -> tuple[Path | None, str]:
    from annotator.nlp.training import train

    res = train(project, out, max_steps=max_steps)
    return res.model_path, "; ".join(res.notes)


def scores(gold: list[dict], model: str | None) -> dict:
    return quotes.score_records(gold, quotes.predict(gold, model))


def run(gold: list[dict], folds: int, sizes: list[int], seed: int, mode: str, max_steps: int | None,
        work: Path, config: dict | None = None) -> list[dict]:
    rng = random.Random(seed)
    order = list(gold)
    rng.shuffle(order)
    parts = [order[k::folds] for k in range(folds)]
    rows = []
    for k, held in enumerate(parts):
        pool = [g for j, p in enumerate(parts) if j != k for g in p]
        rules = scores(held, None)
        for size in sorted({min(s, len(pool)) for s in sizes}):
            d = work / f"fold{k}-n{size}"
            d.mkdir(parents=True)
            project = make_project(d / "p.annotator", pool[:size])
            t0 = time.perf_counter()
            model, note = (train_speakers_only(project, d, config) if mode == "speakers"
                           else train_everything(project, d / "run", max_steps))
            seconds = time.perf_counter() - t0
            project.close()
            trained = scores(held, str(model)) if model is not None else rules
            added = "speakers: learned" in note  # the learned attribution is in the trained pipeline
            rows.append({"fold": k, "size": size, "seconds": seconds, "added": added, "note": note,
                         "rules": _summary(rules), "trained": _summary(trained)})
            r = rows[-1]
            print(f"fold {k} n={size:4d}: speaker accuracy {r['rules']['speakers']:.3f} (rules) -> "
                  f"{r['trained']['speakers']:.3f}, training {seconds:.1f}s; {note}", flush=True)
            shutil.rmtree(d, ignore_errors=True)
    return rows


def _summary(s: dict) -> dict:
    right, total = s["tally"].get(("all", ""), (0, 0))
    return {"tp": s["tp"], "fp": s["fp"], "fn": s["fn"], "right": right, "total": total, "f1": s["f1"],
            "speakers": right / total if total else 1.0}


def curve(rows: list[dict]) -> list[dict]:
    """Per training size, the folds' counts summed: micro quote F1 and speaker accuracy."""
    by = defaultdict(list)
    for r in rows:
        by[r["size"]].append(r)
    out = []
    for size, rs in sorted(by.items()):
        point = {"size": size, "folds": len(rs), "added": sum(r["added"] for r in rs),
                 "seconds_mean": sum(r["seconds"] for r in rs) / len(rs), "seconds_max": max(r["seconds"] for r in rs)}
        for side in ("rules", "trained"):
            tp, fp, fn = (sum(r[side][k] for r in rs) for k in ("tp", "fp", "fn"))
            p, rc = tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0
            right, total = sum(r[side]["right"] for r in rs), sum(r[side]["total"] for r in rs)
            point[side] = {"quote_f1": 2 * p * rc / (p + rc) if p + rc else 0.0,
                           "speakers": right / total if total else 1.0, "quotes": total}
        out.append(point)
    return out


def print_curve(points: list[dict]) -> None:
    print(f"\n{'articles':>8}  {'quote F1 rules':>14}  {'trained':>7}  {'speakers rules':>14}  {'trained':>7}  "
          f"{'added':>5}  {'train s (mean/max)':>18}")
    for p in points:
        print(f"{p['size']:8d}  {p['rules']['quote_f1']:14.3f}  {p['trained']['quote_f1']:7.3f}  "
              f"{p['rules']['speakers']:14.3f}  {p['trained']['speakers']:7.3f}  {p['added']:>2}/{p['folds']:<2}  "
              f"{p['seconds_mean']:9.1f} / {p['seconds_max']:.1f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--sizes", default="10,20,40,80,160,320")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--train", choices=("speakers", "all"), default="speakers")
    ap.add_argument("--max-steps", type=int, default=None)
    ap.add_argument("--rule-feature", choices=("auto", "yes", "no"), default="auto",
                    help="the rules' choice as a feature of the model (yes), only its fallback (no), or the one "
                         "better on the dev split, as `annotator train` decides (auto)")
    ap.add_argument("--json", type=Path, help="write the rows and the curve here")
    ap.add_argument("--plot", type=Path, help="draw the curve to this PNG (with --json of other runs: --with)")
    ap.add_argument("--with", dest="others", type=Path, nargs="*", default=[],
                    help="curves of other runs (--json files) drawn beside this one")
    args = ap.parse_args(argv)
    gold = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.folds < 2 or args.folds > len(gold):
        ap.error(f"--folds must be between 2 and the number of articles ({len(gold)})")
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = Path(tempfile.mkdtemp(prefix="loop-"))
    try:
        config = None if args.rule_feature == "auto" else {"rule_feature": args.rule_feature == "yes"}
        rows = run(gold, args.folds, sizes, args.seed, args.train, args.max_steps, work, config)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    points = curve(rows)
    print_curve(points)
    result = {"gold": str(args.gold), "articles": len(gold), "folds": args.folds, "train": args.train,
              "rule_feature": args.rule_feature,
              "rows": rows, "curve": points}
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    if args.plot:
        from loop_plot import draw

        others = [json.loads(p.read_text(encoding="utf-8")) for p in args.others]
        draw([result, *others], args.plot)
        print(f"plot: {args.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
