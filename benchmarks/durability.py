"""Durability torture run: writers killed with SIGKILL while the CLI, backups and a second writer touch the project.

    .venv/bin/python benchmarks/durability.py [--kills 60] [--min-edits 1000] [--seed 1] [--dir DIR]

Three processes work on one project at once:
- "app": three connections as the app holds them (edits; a search connection; a job that opens
  and closes its own connection every few edits, as each import/export/pre-annotation job does)
  commits a stream of edits through `ops`: new persons, a stance toward target one, renames of
  one person (its aliases grow), the note of one quote;
- "w2": a second writer through `ops` and imports: a stance toward target two of the same quote,
  new persons, articles whose person adds aliases to the person "app" keeps renaming;
- "cli": `annotator stats`, `show`, `list`, `backup`, `export jsonl` and `import`, in a loop.
This process kills one of them with SIGKILL at random moments and starts it again. Each child
prints a line after each commit returned; a line cut by the kill is not a report.

Afterwards a fresh process reads the file: every reported edit must be there (for a field edited
again and again: the last reported value, or the one edit after it that committed just before the
kill), aliases added by either writer all kept, `PRAGMA integrity_check` ok, every backup opens and
passes integrity_check; and before every kill, no child had a -wal or -shm of a deleted inode open.
`tests/e2e/test_torture.py` runs the same with fewer kills.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.projectfile import deleted_journals  # noqa: E402

LABELS = [f"L{i}" for i in range(10)]
TARGETS = ["Target one", "Target two"]
BASE = "Pat Base"

PRELUDE = f"import sys, time; sys.path.insert(0, {str(ROOT)!r})\n"

APP = PRELUDE + r"""
from annotator import ops
from annotator.store import Project
path, start = sys.argv[1], int(sys.argv[2])
ui = Project.open(path, user="app")
search = Project.open(path, user="app")
print("ready", flush=True)
i = start
while True:
    k = i % 4
    if k == 0:
        ops.create_person(ui, f"app-{i}")
        print("ok person", f"app-{i}", flush=True)
    elif k == 1:
        ops.set_stance(ui, ui.get_quote(1), "Target one", f"L{i % 10}")  # as displayed, like the app
        print("ok stance0", i, flush=True)
    elif k == 2:
        ops.rename_person(ui, ui.get_person(1), f"Pat App{i}")
        print("ok rename", i, flush=True)
    else:
        ops.set_note(ui, ui.get_quote(1), f"app-{i}")
        print("ok note", i, flush=True)
    search.list_articles(search="harbour", limit=20)
    if i % 7 == 0:  # a job's own connection, opened and closed while the others stay open
        job = Project.open(path, user="job")
        job.stats()
        job.close()
    time.sleep(0.003)  # brisker than any annotator, yet leaving the others a turn at the write lock
    i += 1
"""

W2 = PRELUDE + r"""
import random
from annotator import ops
from annotator.models import ArticleDraft, Entity, Person
from annotator.store import Project
path, start = sys.argv[1], int(sys.argv[2])
rng = random.Random(start)
print("ready", flush=True)
i = start
while True:
    # Bursts on a connection of its own, then a pause with the file closed, as a CLI writer does:
    # the app is then the only one holding the file, which is when a lost lock does its harm.
    p = Project.open(path, user="w2")
    for _ in range(rng.randint(5, 30)):
        k = i % 3
        if k == 0:
            ops.set_stance(p, 1, "Target two", f"L{i % 10}")  # by id, like the CLI
            print("ok stance1", i, flush=True)
        elif k == 1:
            ops.create_person(p, f"w2-{i}")
            print("ok person", f"w2-{i}", flush=True)
        else:  # what pre-annotation does: a person found by an old name gains an alias
            d = ArticleDraft(title=f"w2-{i}", text=f"Pat Base spoke at the harbour, time {i}.",
                             entities=[Entity(start=0, end=8, label="PERSON", person_id=1)],
                             persons={1: Person(name="Pat Base", aliases=[f"Pat W{i}"])})
            p.import_articles([d])
            print("ok alias", i, flush=True)
        time.sleep(0.005)
        i += 1
    p.close()
    time.sleep(rng.uniform(0.0, 0.1))
"""

CLI = PRELUDE + r"""
import io, json, os
from rich.console import Console
from annotator import cli
cli.out = Console(file=io.StringIO())
cli.err = Console(file=io.StringIO())
path, start, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
print("ready", flush=True)
i = start
while True:
    k = i % 6
    name = None
    if k == 0:
        args = ["stats"]
    elif k == 1:
        args = ["show", "1"]
    elif k == 2:
        args = ["list", "--limit", "5"]
    elif k == 3:
        name = os.path.join(work, f"backup-{i}.annotator")
        args = ["backup", name]
    elif k == 4:
        args = ["export", "jsonl", "--all", "--out", os.path.join(work, f"export-{i}.jsonl")]
    else:
        name = os.path.join(work, f"import-{i}.jsonl")
        with open(name, "w", encoding="utf-8") as fh:
            fh.write(json.dumps({"text": f"The council met at the harbour, item {i}.", "meta": {"title": f"cli-{i}"}}) + "\n")
        args = ["import", name]
    t = time.perf_counter()
    try:
        cli.app([*args, "--db", path], standalone_mode=False)
        print("ok", args[0], name if k == 3 else (f"cli-{i}" if k == 5 else i), flush=True)
    except Exception as exc:
        print("fail", args[0], type(exc).__name__, str(exc).replace("\n", " "), flush=True)
    print("took", args[0], round(time.perf_counter() - t, 3), file=sys.stderr, flush=True)
    cli.out.file.seek(0)
    cli.out.file.truncate()
    i += 1
"""

SCRIPTS = {"app": APP, "w2": W2, "cli": CLI}
ORDER = ["app", "w2", "app", "cli", "app", "w2"]  # who is killed next (the moments are random)
PERIOD = {"stance0": 4, "rename": 4, "note": 4, "stance1": 3}  # index step between two edits of one field

VERIFY = PRELUDE + r"""
import json
from annotator.store import Project
path, backups = sys.argv[1], json.loads(sys.stdin.read())
with Project.open(path) as p:
    q = p.get_quote(1)
    out = {"integrity": p.integrity_check(),
           "persons": {x.name: x.aliases for x in p.all_persons()},
           "stances": {s.target: s.label for s in q.stances}, "note": q.note,
           "titles": [r[0] for r in p.conn.execute("SELECT title FROM articles")],
           "person1": p.get_person(1).name}
bad = []
for b in backups:
    try:
        with Project.open(b) as c:
            if c.integrity_check() != "ok":
                bad.append(b)
    except Exception as exc:
        bad.append(f"{b}: {exc}")
out["bad_backups"] = bad
print(json.dumps(out))
"""


@dataclass
class Child:
    role: str
    proc: subprocess.Popen
    start: int
    reports: list[tuple[str, str]] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    ready: threading.Event = field(default_factory=threading.Event)
    reader: threading.Thread | None = None


@dataclass
class Result:
    seconds: float = 0.0
    kills: int = 0
    kills_by_role: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    edits: int = 0  # commits reported by app and w2 (and CLI imports)
    cli_commands: int = 0
    backups: int = 0
    journal_checks: int = 0
    failures: list[str] = field(default_factory=list)


def make_project(path: Path) -> None:
    from annotator import ops
    from annotator.models import ArticleDraft
    from annotator.scheme import Scheme
    from annotator.store import Project

    scheme = Scheme(entity_labels=["PERSON", "ORG"], stance_labels=LABELS, stance_targets=TARGETS,
                    claim_types=["FACT"])
    with Project.create(path, scheme, user="setup") as p:
        ops.create_person(p, BASE)
        p.import_articles([ArticleDraft(title="first", text="“We will hold the line,” said Pat Base at the harbour.")])
        ops.create_quote(p, 1, 1, 23)


def _spawn(role: str, path: Path, start: int, work: Path) -> Child:
    args = [sys.executable, "-c", SCRIPTS[role], str(path), str(start)] + ([str(work)] if role == "cli" else [])
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=work,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    child = Child(role, proc, start)

    def read() -> None:
        for line in proc.stdout:
            if not line.endswith("\n"):
                break  # cut short by the kill: not a report
            if line.startswith("ready"):
                child.ready.set()
                continue
            kind, _, value = line.rstrip("\n").partition(" ")
            child.reports.append((kind, value))
    child.reader = threading.Thread(target=read, daemon=True)
    child.reader.start()
    def drain() -> None:  # never let a full pipe stall it; keep the end for the report
        for line in proc.stderr:
            child.stderr.append(line.rstrip("\n"))
            del child.stderr[:-5]
    threading.Thread(target=drain, daemon=True).start()
    return child


def _kill(child: Child) -> str | None:
    """SIGKILL it; a child that had already ended by itself is a failure: returns what it said."""
    died = child.proc.poll() is not None
    if not died:
        child.proc.send_signal(signal.SIGKILL)
    child.proc.wait(30)
    child.reader.join(10)
    if died:
        return f"{child.role} ended by itself (exit {child.proc.returncode}): {' | '.join(child.stderr[-3:])}"
    return None


def run(work: Path, kills: int = 8, min_edits: int = 150, seed: int = 1, log=print, min_cli: int = 12,
        time_limit: float = 600.0) -> Result:
    """Kill children until `kills` kills, `min_edits` reported edits and `min_cli` CLI commands (each
    kind at least once) are reached: on a loaded machine that takes longer, never covers less."""
    work.mkdir(parents=True, exist_ok=True)
    path = work / "torture.annotator"
    make_project(path)
    rng = random.Random(seed)
    res = Result()
    t0 = time.perf_counter()
    history: list[Child] = []
    live: dict[str, Child] = {}
    next_start = {"app": 0, "w2": 0, "cli": 0}

    def start(role: str) -> None:
        live[role] = _spawn(role, path, next_start[role], work)
        history.append(live[role])
        next_start[role] += 1_000_000  # each run numbers its edits apart from every other run

    for role in ("app", "w2", "cli"):
        start(role)
    try:
        while res.kills < kills or _edit_count(history) < min_edits or not _cli_covered(history, min_cli):
            if time.perf_counter() - t0 > time_limit:
                res.failures.append(f"coverage not reached in {time_limit:.0f} s: {res.kills} kills, "
                                    f"{_edit_count(history)} edits, CLI {_cli_done(history)}")
                break
            victim = live[ORDER[res.kills % len(ORDER)]]
            if res.kills % 5 != 4:  # mostly let it open and work a while; every fifth kill may hit it opening
                victim.ready.wait(60)
            time.sleep(rng.uniform(0.1, 0.8))
            _check_journals(path, live, res)
            ended = _kill(victim)
            if ended:
                res.failures.append(ended)
            res.kills += 1
            res.kills_by_role[victim.role] += 1
            start(victim.role)
            if res.kills % 10 == 0:
                log(f"  {res.kills} kills, {_edit_count(history)} edits reported, {time.perf_counter() - t0:.0f} s")
    finally:
        _check_journals(path, live, res)
        for c in live.values():
            ended = _kill(c)
            if ended:
                res.failures.append(ended)
    res.seconds = time.perf_counter() - t0
    res.edits = _edit_count(history)
    _verify(path, history, res)
    return res


def _check_journals(path: Path, live: dict[str, Child], res: Result) -> None:
    for c in live.values():
        res.journal_checks += 1
        stale = deleted_journals(path, c.proc.pid)
        if stale:
            res.failures.append(f"{c.role} (pid {c.proc.pid}) writes through a deleted journal: {stale}")


def _cli_done(history: list[Child]) -> dict[str, int]:
    done: dict[str, int] = defaultdict(int)
    for c in history:
        if c.role == "cli":
            for kind, value in c.reports:
                if kind == "ok":
                    done[value.split()[0]] += 1
    return done


def _cli_covered(history: list[Child], least: int) -> bool:
    done = _cli_done(history)
    return sum(done.values()) >= least and len(done) == 6


def _edit_count(history: list[Child]) -> int:
    n = 0
    for c in history:
        for kind, value in c.reports:
            if c.role in ("app", "w2") and kind == "ok":
                n += 1
            elif c.role == "cli" and kind == "ok" and value.startswith("import"):
                n += 1
    return n


def _acceptable(history: list[Child], role: str, kind: str) -> set[int] | None:
    """Indices whose value the field may finally hold: the last reported one, the edit after it (it
    may have committed just before the kill), or the first of a run that reported nothing since."""
    runs = [c for c in history if c.role == role]
    last_run = max((n for n, c in enumerate(runs) if any(k == kind for k, _ in c.reports)), default=None)
    if last_run is None:
        return None
    last = max(int(v) for k, v in runs[last_run].reports if k == kind)
    ok = {last, last + PERIOD[kind]}
    for c in runs[last_run + 1:]:
        ok.add(next(i for i in range(c.start, c.start + PERIOD[kind]) if i % PERIOD[kind] == last % PERIOD[kind]))
    return ok


def _verify(path: Path, history: list[Child], res: Result) -> None:
    reported: dict[str, list[str]] = defaultdict(list)
    for c in history:
        for kind, value in c.reports:
            if kind == "fail":
                res.failures.append(f"{c.role}: {value}")
            elif c.role == "cli":
                res.cli_commands += 1
                cmd, _, arg = value.partition(" ")
                reported[f"cli-{cmd}"].append(arg)
            else:
                reported[kind].append(value)
    backups = reported["cli-backup"]
    res.backups = len(backups)
    out = subprocess.run([sys.executable, "-c", VERIFY, str(path)], input=json.dumps(backups), capture_output=True,
                         text=True, timeout=600)
    if out.returncode != 0:
        res.failures.append(f"the fresh process could not read the project: {out.stderr.strip()[-300:]}")
        return
    seen = json.loads(out.stdout)
    if seen["integrity"] != "ok":
        res.failures.append(f"integrity_check: {seen['integrity']}")
    res.failures += [f"backup does not pass integrity_check: {b}" for b in seen["bad_backups"]]
    persons = seen["persons"]
    missing = [n for n in reported["person"] if n not in persons]
    if missing:
        res.failures.append(f"{len(missing)} reported new persons missing, e.g. {missing[:3]}")
    titles = set(seen["titles"])
    lost_titles = [t for t in [f"w2-{i}" for i in reported["alias"]] + reported["cli-import"] if t not in titles]
    if lost_titles:
        res.failures.append(f"{len(lost_titles)} reported imports missing, e.g. {lost_titles[:3]}")
    aliases = set(persons.get(seen["person1"], []))
    wanted = {BASE} | {f"Pat W{i}" for i in reported["alias"]} | {f"Pat App{i}" for i in reported["rename"]}
    lost_aliases = wanted - aliases - {seen["person1"]}
    if lost_aliases:
        res.failures.append(f"{len(lost_aliases)} aliases lost (a lost update), e.g. {sorted(lost_aliases)[:3]}")
    for kind, role, actual in (("stance0", "app", seen["stances"].get(TARGETS[0])),
                               ("stance1", "w2", seen["stances"].get(TARGETS[1])),
                               ("note", "app", seen["note"]),
                               ("rename", "app", seen["person1"])):
        ok = _acceptable(history, role, kind)
        if ok is None:
            continue
        values = {{"stance0": f"L{i % 10}", "stance1": f"L{i % 10}", "note": f"app-{i}",
                   "rename": f"Pat App{i}"}[kind] for i in ok}
        if actual not in values:
            res.failures.append(f"{kind}: the file holds {actual!r}, the last reported edits were {sorted(values)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kills", type=int, default=60)
    ap.add_argument("--min-edits", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", type=Path, default=Path("benchmarks/out/durability"))
    a = ap.parse_args()
    if a.dir.exists():
        for f in a.dir.iterdir():
            if f.is_file():
                f.unlink()
    print(f"torture run: {a.kills} kills at least, {a.min_edits} edits at least, seed {a.seed}, in {a.dir}")
    r = run(a.dir, a.kills, a.min_edits, a.seed)
    print(f"{'duration':<44}{r.seconds:>10.0f} s")
    print(f"{'kills (SIGKILL)':<44}{r.kills:>10}   " + ", ".join(f"{k} {v}" for k, v in sorted(r.kills_by_role.items())))
    print(f"{'edits reported committed':<44}{r.edits:>10}")
    print(f"{'CLI commands completed':<44}{r.cli_commands:>10}")
    print(f"{'backups verified (integrity_check)':<44}{r.backups:>10}")
    print(f"{'deleted-journal checks (/proc/PID/fd)':<44}{r.journal_checks:>10}")
    print(f"{'reported edits lost, integrity problems':<44}{len(r.failures):>10}")
    for f in r.failures:
        print(f"  FAIL {f}")
    sys.exit(1 if r.failures else 0)


if __name__ == "__main__":
    main()
