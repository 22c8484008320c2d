"""Reliability benchmark: hostile inputs, kills at random moments, memory on the largest article.

    .venv/bin/python benchmarks/reliability.py [--kills 10] [--skip-memory] [--skip-train]

1. Inputs: every case of the generated bad-input corpus (tests/reliability/bad_inputs.py) is
   imported into a fresh project; a case is handled cleanly if it ends as expected: the articles
   added, or one line `FILE[:LINE]: reason` with the project unchanged.
2. Kills: the command is SIGKILLed at a random moment, `--kills` times each: an editor committing
   edits (lost commits = edits it reported committed that are gone), import (half imports),
   preannotate with 1 and 2 processes (half pre-annotated articles), spaCy export fresh and over an
   earlier export with 2 worker processes (mixed exports: files not the ones the manifest lists,
   or an article on both sides of the split), train (a model registered without its folder, or a
   half model under its name). After each kill: any process of the command still running 15 s
   later is an orphan.
3. Memory: peak RSS (GNU time, /usr/bin/time) of every command, and of the app showing it, on the
   largest article an import accepts (1,000,000 characters of news, pre-annotated: ~18,000 entities, ~11,000 quotes).

Prints the figures of the README's "Reliability" section.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.limits import MAX_ARTICLE_CHARS  # noqa: E402
from annotator.nlp.corpus import check_export  # noqa: E402
from annotator.scheme import Scheme  # noqa: E402
from annotator.store import Project  # noqa: E402
from tests.reliability import bad_inputs  # noqa: E402
from tests.reliability.harness import (SEED_SCHEME, export_split, kill_after, make_project, start, survivors,  # noqa: E402
                                       unreadable_paths, wait_for_processes, write_jsonl)

EDITOR = r"""
import sys
from annotator import ops
from annotator.store import Project
p = Project.open(sys.argv[1], user="bench")
print("ready", flush=True)
i = 0
while True:
    ops.create_person(p, f"{sys.argv[2]}-{i}")
    print("committed", f"{sys.argv[2]}-{i}", flush=True)
    i += 1
"""


def inputs(work: Path) -> tuple[int, int, list[str]]:
    import re

    from annotator.errors import AnnotatorError
    from annotator.importers import import_paths

    tried, clean, bad = 0, 0, []
    for n, case in enumerate(bad_inputs.all_cases()):
        d = work / f"in{n}"
        d.mkdir()
        target = bad_inputs.build(case, d)
        tried += 1
        with Project.create(d / "p.annotator") as p, unreadable_paths() as lock:
            for rel in case.unreadable:
                lock(d / rel)
            try:
                res = import_paths(p, [target], **case.options)
                ok = case.error is None and res.added == case.added
            except AnnotatorError as exc:
                msg = str(exc)
                ok = (case.error is not None and "\n" not in msg and re.search(case.error[2], msg) is not None
                      and p.count_articles() == 0)
            except Exception:  # noqa: BLE001 - exactly what this counts
                ok = False
        clean += ok
        if not ok:
            bad.append(case.name)
    return tried, clean, bad


def _orphans(proc) -> int:
    return len(survivors(proc.pid))


def kills(work: Path, n: int, with_train: bool) -> dict:
    rng = random.Random(2026)
    out = {"kills": 0, "lost commits": 0, "reported commits": 0, "half imports": 0, "half pre-annotated": 0,
           "mixed exports": 0, "bad models": 0, "orphaned processes": 0}
    Project.create(work / "empty.annotator", Scheme.load(SEED_SCHEME)).close()
    write_jsonl(work / "news.jsonl", 3000, seed=1, status="new")
    make_project(work / "fresh.annotator", 24, seed=2, bare=True)
    make_project(work / "done.annotator", 300, seed=3)
    make_project(work / "small.annotator", 16, seed=4)

    # an editor committing edits: reported commits survive
    db = shutil.copy(work / "empty.annotator", work / "edits.annotator")
    for i in range(n):
        proc = subprocess.Popen([sys.executable, "-c", EDITOR, db, f"r{i}"], stdout=subprocess.PIPE, text=True,
                                start_new_session=True)
        assert proc.stdout.readline().startswith("ready")
        time.sleep(rng.uniform(0.05, 0.5))
        proc.kill()
        reported = [line.split()[1] for line in proc.stdout.read().splitlines()
                    if line.startswith("committed") and len(line.split()) == 2]
        proc.wait()
        out["kills"] += 1
        out["orphaned processes"] += _orphans(proc)
        with Project.open(db) as p:
            names = {x.name for x in p.all_persons()}
        out["reported commits"] += len(reported)
        out["lost commits"] += sum(r not in names for r in reported[:-1])  # the last line may be cut short

    for i in range(n):
        db = shutil.copy(work / "empty.annotator", work / f"imp{i}.annotator")
        proc = start("import", "--db", db, work / "news.jsonl")
        out["kills"] += kill_after(proc, rng.uniform(0.4, 1.6))
        out["orphaned processes"] += _orphans(proc)
        with Project.open(db) as p:
            out["half imports"] += p.count_articles() not in (0, 3000) or p.integrity_check() != "ok"

    for n_process in (1, 2):
        for i in range(n):
            db = shutil.copy(work / "fresh.annotator", work / f"pre{n_process}-{i}.annotator")
            proc = start("preannotate", "--db", db, "--n-process", n_process)
            wait_for_processes(proc.pid, 1 + (n_process if n_process > 1 else 0))
            out["kills"] += kill_after(proc, rng.uniform(0.2, 2.0))
            out["orphaned processes"] += _orphans(proc)
            with Project.open(db) as p:
                for aid in p.article_ids():
                    a = p.load_article(aid)
                    out["half pre-annotated"] += bool(a.article.model) != bool(a.quotes and a.entities)

    for earlier in (False, True):
        target = work / f"corpus-{earlier}"
        if earlier:
            start("export", "spacy", "--db", work / "done.annotator", "--out", target, "--seed", 1).wait(300)
        for i in range(n):
            proc = start("export", "spacy", "--db", work / "done.annotator", "--out", target, "--seed", 2 + i % 2,
                         "--dev", 0.5, "--n-process", 2)
            wait_for_processes(proc.pid, 2)
            out["kills"] += kill_after(proc, rng.uniform(0.0, 2.5))
            out["orphaned processes"] += _orphans(proc)
            if target.exists():
                try:
                    check_export(target)
                    train, dev = export_split(target)
                    out["mixed exports"] += bool(train & dev)
                except Exception:  # noqa: BLE001
                    out["mixed exports"] += 1

    if with_train:
        db = shutil.copy(work / "small.annotator", work / "train.annotator")
        models = work / "train-models"
        for i in range(max(2, n // 3)):
            proc = start("train", "--db", db, "--max-steps", 10)
            out["kills"] += kill_after(proc, rng.uniform(1.0, 8.0))
            out["orphaned processes"] += _orphans(proc)
            with Project.open(db) as p:
                registered = {m["path"] for m in json.loads(p.setting("models") or "[]")}
            visible = [m for m in models.iterdir() if not m.name.startswith(".")] if models.exists() else []
            whole = {str((m / "model").resolve()) for m in visible if (m / "model" / "meta.json").exists()}
            out["bad models"] += len(registered - whole) + len(visible) - len(whole)
    return out


def _largest_article() -> str:
    arts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "nlp" / "articles").glob("*.txt"))]
    body = "\n".join(a.split("\n", 1)[1] for a in arts)
    text = "Talks Go On\nLondon – " + body * (MAX_ARTICLE_CHARS // len(body) + 1)
    text = text[:MAX_ARTICLE_CHARS]
    return text[: text.rfind(".") + 1]


def _peak(args: list, env: dict | None = None) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of one command in a fresh process, measured by GNU
    time (a child forked from this benchmark would count the benchmark's own memory as its peak)."""
    with tempfile.NamedTemporaryFile("r") as out:
        t = time.perf_counter()
        code = subprocess.run(["/usr/bin/time", "-o", out.name, "-f", "%M", sys.executable, "-m", "annotator.cli",
                               *map(str, args)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, **(env or {})}).returncode
        secs = time.perf_counter() - t
        kb = int(out.read().strip().splitlines()[-1])
    return secs, kb / 1024, code


def memory(work: Path, with_train: bool) -> list[tuple[str, float, float, int]]:
    text = _largest_article()
    src = work / "largest.jsonl"
    src.write_text(json.dumps({"text": text, "meta": {"title": "The largest article"}}) + "\n", encoding="utf-8")
    db = work / "largest.annotator"
    Project.create(db, Scheme.load(SEED_SCHEME)).close()
    rows = [("import", *_peak(["import", "--db", db, src]))]
    rows.append(("preannotate", *_peak(["preannotate", "--db", db])))
    with Project.open(db) as p:
        n_ents, n_quotes = len(p.load_article(1).entities), len(p.load_article(1).quotes)
    _peak(["set-status", "1", "done", "--confirm-suggestions", "--db", db])  # done means reviewed (issue 17)
    for name, args in (("list", ["list"]), ("show", ["show", "1"]), ("show --json", ["show", "1", "--json"]),
                       ("export jsonl", ["export", "jsonl", "--out", work / "o.jsonl"]),
                       ("export doccano", ["export", "doccano", "--out", work / "o.doccano.jsonl"]),
                       ("export labelstudio", ["export", "labelstudio", "--out", work / "o.json"]),
                       ("export spacy", ["export", "spacy", "--out", work / "o-spacy"]),
                       ("backup", ["backup", work / "b.annotator"])):
        rows.append((name, *_peak([*args, "--db", db])))
    rows.append(("app (window showing the article)",
                 *_peak(["gui", "--db", db, "--article", "1", "--quote", "1", "--screenshot", work / "shot.png"],
                        env={"QT_QPA_PLATFORM": "offscreen"})))
    if with_train:  # with 9 articles of real length (train needs held-out articles), default steps
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from train_cost import add_articles, cli_train, seed_placing

        add_articles(db, 9)
        for held_out in (False, True):
            copy = Path(shutil.copy(db, work / f"train-{held_out}.annotator"))  # no connection to it is open
            r = cli_train(copy, work / f"train-run-{held_out}", None, seed=seed_placing(copy, 1, held_out))
            rows.append((f"train (+9 articles; {'held out' if held_out else 'trained on'})", r["seconds"],
                         r["peak_mb"], r["exit"]))
    print(f"largest article: {len(text):,} characters, {n_ents:,} entities, {n_quotes:,} quotes")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=10, help="kills per command and mode")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--skip-kills", action="store_true")
    ap.add_argument("--skip-train", action="store_true", help="no kills of training runs")
    ap.add_argument("--train-memory", action="store_true",
                    help="also train on the largest article with 9 others, once trained on, once held out")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "inputs").mkdir()
        tried, clean, bad = inputs(work / "inputs")
        print(f"inputs tried: {tried}, handled cleanly: {clean}" + (f", not: {', '.join(bad)}" if bad else ""))
        if not args.skip_kills:
            (work / "kills").mkdir()
            k = kills(work / "kills", args.kills, not args.skip_train)
            for key, v in k.items():
                print(f"{key}: {v}")
        if not args.skip_memory:
            (work / "mem").mkdir()
            print(f"{'command':<36}{'seconds':>9}{'peak RSS MB':>13}  exit")
            for name, secs, mb, code in memory(work / "mem", args.train_memory):
                print(f"{name:<36}{secs:>9.1f}{mb:>13.0f}  {code}")


if __name__ == "__main__":
    main()
