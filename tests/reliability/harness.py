"""What the reliability tests and `benchmarks/reliability.py` share: generated reviewed projects,
running the CLI as a user does (optionally on a "full disk"), killing it, and finding any of its
processes still running afterwards."""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED_SCHEME = ROOT / "seeds" / "scheme.json"
FAULTS = Path(__file__).resolve().parent / "faults"

PEOPLE = ["Anna Berg", "Marc Dubois", "Lena Vogel", "Piotr Nowak", "Sara Lind", "Tom Hughes"]
CITIES = ["Paris", "London", "Berlin", "Warsaw", "Oslo"]
SAYS = ["We must raise defence spending this year", "Talks about Europe without Europe are unacceptable",
        "Our troops are ready to help keep the peace", "The summit lasted four hours"]
FILLER = ["Officials discussed the next steps for the region.", "Markets reacted calmly to the news.",
          "The talks are expected to continue next week.", "The meeting took place behind closed doors."]
TARGETS = ["Higher defence spending", "US-Russia talks without Europe", "European troops in Ukraine"]


def news_record(rng: random.Random, i: int, status: str = "done", paragraphs: int = 4) -> dict:
    """One reviewed article in our JSONL format: quotes with speakers, stances and claims, entities."""
    city = rng.choice(CITIES)
    text = f"{city} – Leaders met on day {i} of the talks."
    spans, quotes = [{"start": 0, "end": len(city), "label": "GPE", "reviewed": True, "origin": "human"}], []
    for _ in range(paragraphs):
        name = rng.choice(PEOPLE)
        said = rng.choice(SAYS)
        text += " " + rng.choice(FILLER) + "\n"
        q0 = len(text) + 1
        text += f"\"{said},\" said {name}."
        s0 = text.rindex(name)
        quotes.append({"start": q0, "end": q0 + len(said), "kind": "direct", "speaker": name,
                       "speaker_start": s0, "speaker_end": s0 + len(name), "cue_start": s0 - 5,
                       "cue_end": s0 - 1, "stances": [{"target": rng.choice(TARGETS), "label": "FAVOR"}],
                       "claim": rng.choice(["OPINION", "FACT"]), "checkworthy": rng.random() < 0.5,
                       "origin": "human", "reviewed": True})
        spans.append({"start": s0, "end": s0 + len(name), "label": "PERSON", "person": name, "reviewed": True,
                      "origin": "human"})
    return {"text": text, "meta": {"title": f"Talks in {city}, day {i}", "place": city, "status": status,
                                   "source": "generated"},
            "spans": spans, "relations": [], "quotes": quotes, "persons": [{"name": n} for n in PEOPLE]}


def write_jsonl(path: Path, n: int, seed: int = 0, status: str = "done", start: int = 0, bare: bool = False) -> Path:
    """`n` generated articles; `bare`: text and title only, as news arrives before pre-annotation."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            rec = news_record(rng, i, status)
            if bare:
                rec = {"text": rec["text"], "meta": {"title": rec["meta"]["title"]}}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def make_project(path: Path, n: int, seed: int = 0, status: str = "done", bare: bool = False) -> Path:
    """A project of `n` generated articles (reviewed and done unless `status` or `bare` say otherwise)."""
    from annotator.importers import import_paths
    from annotator.scheme import Scheme
    from annotator.store import Project

    src = write_jsonl(path.with_suffix(".src.jsonl"), n, seed, status, bare=bare)
    with Project.create(path, Scheme.load(SEED_SCHEME), user="tester") as p:
        import_paths(p, [src])
    src.unlink()
    return path


def _env(extra: dict | None = None) -> dict:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "ANNOTATOR_USER": "tester"}
    env.pop("ANNOTATOR_DEBUG", None)
    env.update(extra or {})
    return env


def _limits(fsize: int | None):
    if fsize is None:
        return None

    def pre():  # a "full disk": no file may grow past `fsize` bytes (EFBIG), as root too
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    return pre


def cli(*args, env: dict | None = None, fsize: int | None = None, timeout: float = 180,
        readonly: Path | None = None) -> subprocess.CompletedProcess:
    """Run `annotator ARGS` in a fresh process; `readonly` makes that folder unwritable for it."""
    extra = dict(env or {})
    if readonly is not None:
        extra.update(readonly_env(readonly))
    return subprocess.run([sys.executable, "-m", "annotator.cli", *map(str, args)], capture_output=True, text=True,
                          env=_env(extra), timeout=timeout, preexec_fn=_limits(fsize))


def readonly_env(folder: Path) -> dict:
    """Root writes anywhere whatever the mode bits say, so for root the tests load a small fault
    injector (tests/reliability/faults/sitecustomize.py) that refuses writes under `folder` as a
    read-only file system would; for anyone else the folder is simply made read-only."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return {}
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(FAULTS), os.environ.get("PYTHONPATH")])),
            "ANNOTATOR_TEST_READONLY": str(folder)}


def start(*args, env: dict | None = None) -> subprocess.Popen:
    """`annotator ARGS` in a session of its own, so that every process it starts can be found."""
    return subprocess.Popen([sys.executable, "-m", "annotator.cli", *map(str, args)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=_env(env), start_new_session=True)


def session_processes(sid: int) -> list[str]:
    """Processes still running in session `sid` (Linux: from /proc), as "PID command" strings."""
    found = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[3]) != sid or fields[0] == "Z":  # session id; a zombie is already dead
                continue
            cmd = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except (OSError, ValueError):
            continue
        found.append(f"{d.name} {cmd[:120]}")
    return found


def survivors(sid: int, wait: float = 15.0) -> list[str]:
    """What of session `sid` is still running after up to `wait` seconds (empty: all gone)."""
    deadline = time.monotonic() + wait
    while True:
        left = session_processes(sid)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


def wait_for_processes(sid: int, n: int, timeout: float = 60) -> bool:
    """Wait until session `sid` runs at least `n` processes (the command and its workers)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(session_processes(sid)) >= n:
            return True
        time.sleep(0.05)
    return False


def kill_after(proc: subprocess.Popen, seconds: float) -> bool:
    """SIGKILL the command itself (not its workers) after `seconds`; False if it had ended by then."""
    try:
        proc.wait(seconds)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        return True


@contextlib.contextmanager
def unreadable_paths():
    """Yields `lock(path)`, which makes a file or folder unreadable until the block ends: chmod
    for ordinary users; for root (who reads anything) the calls that would then fail with EACCES
    (os.scandir, os.open) fail so."""
    import errno

    locked: set[str] = set()
    chmodded: list[Path] = []
    real_scandir, real_open = os.scandir, os.open

    def refuse(path):
        if os.path.abspath(os.fsdecode(path)) in locked:
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))

    def scandir(path="."):
        refuse(path)
        return real_scandir(path)

    def open_(path, flags, *a, **kw):
        refuse(path)
        return real_open(path, flags, *a, **kw)

    def lock(path: Path) -> None:
        if os.geteuid() == 0:
            locked.add(os.path.abspath(path))
        else:
            path.chmod(0)
            chmodded.append(path)

    if os.geteuid() == 0:
        os.scandir, os.open = scandir, open_
    try:
        yield lock
    finally:
        os.scandir, os.open = real_scandir, real_open
        for p in chmodded:
            p.chmod(0o755)


def export_split(folder: Path) -> tuple[set[int], set[int]]:
    """The article ids in the train and dev corpora of a spaCy export, read from the DocBins."""
    import spacy
    from spacy.tokens import DocBin

    vocab = spacy.blank("en").vocab
    ids = []
    for part in ("train", "dev"):
        docs = DocBin(store_user_data=True).from_disk(folder / f"{part}.spacy").get_docs(vocab)
        ids.append({d.user_data["annotator"]["article"] for d in docs})
    return ids[0], ids[1]
