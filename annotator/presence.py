"""Who else has a project open: one small file per open window or command, beside the project.

`news.annotator.open/<host>-<pid>-<token>.json` holds who (user), where (host, pid), since when
and what (the app, or `annotator import`...). Plain file I/O is fine here: these files are never
the project, its -wal or its -shm, so closing them drops no SQLite lock (see
projectfile.read_header). Nothing is ever refused because of a presence: it only informs. A
holder touches its file every HEARTBEAT seconds; an entry whose process is gone (same host) or
whose heartbeat is older than STALE is someone who crashed, and is removed by whoever sees it.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

HEARTBEAT = 10.0  # seconds between touches of one's own file
STALE = 60.0  # an entry not touched for this long belongs to a process that is gone


def folder(project_path: str | Path) -> Path:
    p = Path(project_path)
    return p.with_name(p.name + ".open")


@dataclass(frozen=True)
class Presence:
    user: str
    host: str
    pid: int
    since: str  # ISO time, UTC
    what: str  # "the app", "annotator import", ...

    def describe(self) -> str:
        try:
            since = datetime.fromisoformat(self.since).astimezone().strftime("%H:%M")
            day = datetime.fromisoformat(self.since).astimezone().date()
            if day != datetime.now().astimezone().date():
                since = f"{day.isoformat()} {since}"
        except ValueError:
            since = self.since
        where = f"pid {self.pid}" if self.host == socket.gethostname() else f"{self.host}, pid {self.pid}"
        return f"{self.user} ({self.what}, {where}) since {since}"


def _alive(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate it there: rely on the heartbeat
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: alive
        return True
    return True


class Registration:
    """This process's entry: written on open, touched by `heartbeat()`, removed by `close()`.

    In a folder we cannot write to (a read-only project) there is no entry, and nothing fails."""

    def __init__(self, project_path: str | Path, user: str, what: str = "the app"):
        self.folder = folder(project_path)
        self.me = Presence(user, socket.gethostname(), os.getpid(),
                           datetime.now(timezone.utc).isoformat(timespec="seconds"), what)
        self.file = self.folder / f"{self.me.host}-{self.me.pid}-{secrets.token_hex(3)}.json"
        self._write()

    def _write(self) -> None:
        tmp = self.file.with_suffix(".tmp")
        try:
            self.folder.mkdir(exist_ok=True)
            tmp.write_text(json.dumps(self.me.__dict__), encoding="utf-8")
            os.replace(tmp, self.file)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()

    def heartbeat(self) -> None:
        try:
            os.utime(self.file)
        except FileNotFoundError:  # someone took us for gone (a long sleep): say we are here again
            self._write()
        except OSError:
            pass

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.file.unlink()
        with contextlib.suppress(OSError):
            self.folder.rmdir()  # only if nobody else is in it


def others(project_path: str | Path, me: Registration | None = None) -> list[Presence]:
    """Everyone else who has the project open now, oldest first; stale entries are cleared away."""
    d = folder(project_path)
    try:
        entries = list(d.glob("*.json"))
    except OSError:
        return []
    found: list[Presence] = []
    host, now = socket.gethostname(), time.time()
    for f in entries:
        if me is not None and f == me.file:
            continue
        try:
            age = now - f.stat().st_mtime
            p = Presence(**json.loads(f.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            continue  # being written, or not ours
        if age > STALE or (p.host == host and not _alive(p.pid)):
            with contextlib.suppress(OSError):
                f.unlink()
            continue
        found.append(p)
    return sorted(found, key=lambda p: p.since)


def short(people: list[Presence]) -> str:
    """A few words for a status bar: "also open by bob" (and how many more)."""
    if not people:
        return ""
    return f"also open by {people[0].user}" + (f" and {len(people) - 1} more" if len(people) > 1 else "")


def summary(people: list[Presence]) -> str:
    """One line: "also open by ..." (empty when nobody else)."""
    if not people:
        return ""
    return "also open by " + "; ".join(p.describe() for p in people)
