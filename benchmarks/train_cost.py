"""What `annotator train` costs: peak memory and time, each run in a fresh process as a user runs it.

    .venv/bin/python benchmarks/train_cost.py [--articles 20,300,500] [--largest] [--gold GOLD.jsonl]
                                              [--max-steps N] [--keep DIR]

For each size, a project of that many reviewed news-like articles of real length (about 500
tokens, 10-16 quotes with speakers, stances and claims, and their entities: `train.py`'s
generator) is trained with `annotator train` (the defaults unless --max-steps), under GNU time
(`/usr/bin/time`: the peak RSS of the largest single process, "peak MB") while the RSS of the
whole process tree, the export's worker processes included, is summed every 0.2 s ("tree MB")
and /proc/loadavg is read every 5 s: the machine is shared, so the load says how far the wall
time can be trusted (the CPU time, user + system, less so). The first row is a process that only
loads the pipeline training starts from and runs it on one article: the baseline.

--largest: the largest article an import accepts (1,000,000 characters of news, pre-annotated by
the stock model, its suggestions confirmed) with 9 articles of real length, trained twice: once
with the largest article in the training split and once held out (where it is scored as a whole
article by both pipelines).
--gold: also the articles of a gold file (`../shared/eval/dev_news.jsonl`: 20 real news articles),
pre-annotated by the stock model and confirmed as suggested, as an annotator who agrees with every
suggestion would leave them.
Prints one row per run: articles, seconds, CPU seconds, peak RSS (largest process, whole tree),
mean load average.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from annotator import ops  # noqa: E402
from annotator.models import ArticleDraft  # noqa: E402
from annotator.nlp import preannotate  # noqa: E402
from annotator.nlp.corpus import split_ids  # noqa: E402
from annotator.scheme import Scheme  # noqa: E402
from annotator.store import Project  # noqa: E402
from train import news_article  # noqa: E402

SCHEME = ROOT / "seeds" / "scheme.json"
REAL_LENGTH = {"quotes_per_article": (10, 16), "fillers": 2}


def generated_project(path: Path, n: int, seed: int = 3) -> Path:
    rng = random.Random(seed)
    with Project.create(path, Scheme.load(SCHEME)) as p:
        p.import_articles([news_article(rng, i, **REAL_LENGTH) for i in range(n)])
    return path


def confirmed_project(path: Path, drafts: list[ArticleDraft]) -> Path:
    """Articles pre-annotated by the stock model, every quote confirmed as suggested, all done."""
    with Project.create(path, Scheme.load(SCHEME)) as p:
        p.import_articles(drafts)
        preannotate.run(p)
        for aid in p.article_ids():
            ops.set_article_status(p, aid, "done", confirm_suggestions=True)
    return path


def largest_project(path: Path, others: int = 9) -> Path:
    from reliability import _largest_article

    confirmed_project(path, [ArticleDraft(text=_largest_article(), title="The largest article")])
    return add_articles(path, others)


def add_articles(db: Path, n: int, seed: int = 4) -> Path:
    """`n` reviewed articles of real length more (training needs held-out articles beside one)."""
    rng = random.Random(seed)
    with Project.open(db) as p:
        p.import_articles([news_article(rng, i, **REAL_LENGTH) for i in range(n)])
    return db


def seed_placing(db: Path, article_id: int, held_out: bool, dev: float = 0.2) -> int:
    """A split seed that puts the article in the dev split (or in the training split)."""
    with Project.open(db) as p:
        ids = p.article_ids()
    return next(s for s in range(1000) if (article_id in split_ids(ids, dev, s)[1]) == held_out)


def cli_train(db: Path, out: Path, max_steps: int | None, seed: int = 0) -> dict:
    """`annotator train` in a fresh process, measured as `_measured` says."""
    args = [sys.executable, "-m", "annotator.cli", "train", "--db", str(db), "--out", str(out), "--seed", str(seed)]
    if max_steps:
        args += ["--max-steps", str(max_steps)]
    return _measured(args, out.parent / f"{out.name}.log")


def _tree_rss(root: psutil.Process) -> int:
    """Bytes resident in a process and all its descendants (export workers) right now."""
    total = 0
    for proc in [root, *root.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += proc.memory_info().rss
    return total


def _measured(args: list[str], log_path: Path) -> dict:
    """Wall and CPU seconds, peak RSS of the largest process (GNU time), peak RSS of the whole
    process tree (sampled every 0.2 s) and the mean 1-minute load average while it ran."""
    loads: list[float] = []
    tree_peak = [0]
    stop = threading.Event()

    def sample(root: psutil.Process) -> None:
        last_load = 0.0
        while not stop.is_set():
            if time.monotonic() - last_load >= 5:
                loads.append(float(Path("/proc/loadavg").read_text().split()[0]))
                last_load = time.monotonic()
            tree_peak[0] = max(tree_peak[0], _tree_rss(root))
            stop.wait(0.2)

    with tempfile.NamedTemporaryFile("r") as timing, log_path.open("w") as log:
        t = time.perf_counter()
        proc = subprocess.Popen(["/usr/bin/time", "-o", timing.name, "-f", "%U %S %M", *args], stdout=log,
                                stderr=subprocess.STDOUT, env={**os.environ, "ANNOTATOR_USER": "bench"})
        sampler = threading.Thread(target=sample, args=(psutil.Process(proc.pid),), daemon=True)
        sampler.start()
        code = proc.wait()
        wall = time.perf_counter() - t
        stop.set()
        sampler.join()
        user, system, kb = timing.read().strip().splitlines()[-1].split()
    return {"seconds": wall, "cpu": float(user) + float(system), "peak_mb": int(kb) / 1024,
            "tree_mb": tree_peak[0] / 2**20, "load": sum(loads) / max(1, len(loads)), "exit": code,
            "log": str(log_path)}


def loaded_pipeline(work: Path) -> dict:
    """The same measures for a process that loads the pipeline `train` starts from (the stock model
    with our components) and runs it on one article of real length: what training adds is the
    difference."""
    text = news_article(random.Random(3), 0, **REAL_LENGTH).text
    script = ("import sys; from annotator.nlp.pipeline import load_pipeline; "
              "nlp, _ = load_pipeline(); nlp(sys.argv[1])")
    return _measured([sys.executable, "-c", script, text], work / "loaded-pipeline.log")


def row(name: str, r: dict) -> None:
    print(f"{name:<44}{r['seconds']:>9.0f}{r['cpu']:>9.0f}{r['peak_mb']:>10.0f}{r['tree_mb']:>10.0f}{r['load']:>7.1f}  "
          f"{'ok' if r['exit'] == 0 else 'exit ' + str(r['exit']) + ' (see ' + r['log'] + ')'}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", default="20,300,500", help="sizes of the generated projects ('' for none)")
    ap.add_argument("--largest", action="store_true", help="also the largest accepted article, in train and in dev")
    ap.add_argument("--gold", type=Path, help="also the articles of this gold file, pre-annotated and confirmed")
    ap.add_argument("--max-steps", type=int, help="steps per component (default: train's defaults)")
    ap.add_argument("--keep", type=Path, help="keep projects and runs in this folder")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="annotator-train-cost-"))
    work.mkdir(parents=True, exist_ok=True)
    steps = f"--max-steps {args.max_steps}" if args.max_steps else "default steps"
    print(f"`annotator train`, {steps}, {os.cpu_count()} cores")
    print(f"{'project':<44}{'seconds':>9}{'CPU s':>9}{'peak MB':>10}{'tree MB':>10}{'load':>7}")
    try:
        row("the loaded pipeline (no training)", loaded_pipeline(work))
        for n in [int(x) for x in args.articles.split(",") if x.strip()]:
            db = generated_project(work / f"generated-{n}.annotator", n)
            row(f"{n} generated articles of real length", cli_train(db, work / f"run-{n}", args.max_steps))
        if args.gold:
            recs = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
            db = confirmed_project(work / "gold.annotator", [ArticleDraft(text=r["text"], title=r.get("title"))
                                                              for r in recs])
            row(f"{len(recs)} articles of {args.gold.name}, confirmed", cli_train(db, work / "run-gold", args.max_steps))
        if args.largest:
            made = largest_project(work / "largest.annotator")
            for held_out in (False, True):
                where = "held out" if held_out else "in the training split"
                # a copy each (no connection to it is open): the first run's model would be the
                # second one's model in use
                db = Path(shutil.copy(made, work / f"largest-{where.split()[-1]}.annotator"))
                r = cli_train(db, work / f"run-largest-{where.split()[-1]}", args.max_steps,
                              seed=seed_placing(db, 1, held_out))
                row(f"largest article + 9, {where}", r)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
