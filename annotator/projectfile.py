"""The project file as a file: its header, its identity, and this process's descriptors on it.

Everything here goes through `os.stat`/`os.fstat` or reads through a descriptor that is already
open; nothing opens and closes the project file (or its -wal/-shm) while SQLite may hold it. The
reason is in `read_header`.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from threading import RLock

# Held while a connection is being opened (db.connect) and while the header is read, so that no
# thread of ours opens a connection between "no descriptor of this file is open" and our close().
OPEN_LOCK = RLock()

_FD_DIRS = ("/proc/self/fd", "/dev/fd")


def _own_fds() -> list[int]:
    for d in _FD_DIRS:
        try:
            return [int(n) for n in os.listdir(d) if n.isdigit()]
        except OSError:
            continue
    return []  # no such listing (Windows): POSIX record locks do not exist there either


def fds_on(path: str | Path) -> list[int]:
    """This process's descriptors open on the same inode as `path` (SQLite's among them)."""
    try:
        st = os.stat(path)
    except OSError:
        return []
    found = []
    for fd in _own_fds():
        try:
            fst = os.fstat(fd)
        except OSError:  # closed meanwhile, or the listing's own descriptor
            continue
        if (fst.st_dev, fst.st_ino) == (st.st_dev, st.st_ino):
            found.append(fd)
    return found


def held_by_process(path: str | Path) -> bool:
    """Whether this process has the file open (then plain open()+close() on it would drop its locks)."""
    return bool(fds_on(path))


def read_header(path: str | Path, size: int = 100) -> bytes:
    """The first `size` bytes of the file, read without closing any descriptor SQLite may hold.

    Why this is the one place that reads the project file's bytes, and why not with open(): on
    POSIX, closing *any* descriptor of a file drops *all* of this process's fcntl locks on it,
    including the ones SQLite's connections hold through their own descriptors. Another process
    then believes nobody has the file open, checkpoints and deletes the -wal and -shm, and every
    later commit of ours goes to a deleted write-ahead log ("How To Corrupt An SQLite Database
    File", 2.2). So: if this process already has the file open, read through that descriptor with
    pread (nothing is closed); if it has not, it holds no locks on it and a short-lived descriptor
    of our own is harmless. OPEN_LOCK keeps our own threads from opening a connection in between.
    """
    with OPEN_LOCK:
        for fd in fds_on(path):
            try:
                return os.pread(fd, size, 0)
            except OSError:  # a write-only descriptor (not SQLite's): try the next one
                continue
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            return os.pread(fd, size, 0) if hasattr(os, "pread") else os.read(fd, size)
        finally:
            os.close(fd)


@dataclass(frozen=True)
class Identity:
    """Which file a path named when the project was opened (device and inode)."""

    dev: int
    ino: int

    @classmethod
    def of(cls, path: str | Path) -> "Identity":
        st = os.stat(path)
        return cls(st.st_dev, st.st_ino)


def what_happened(path: str | Path, identity: Identity) -> str | None:
    """None while `path` is still the file we opened; else one line saying what became of it."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if _still_linked(identity):
            return f"{path}: the project file was moved or renamed by another program"
        return f"{path}: the project file was deleted by another program"
    except OSError as exc:
        return f"{path}: the project file cannot be reached any more ({exc.strerror})"
    if (st.st_dev, st.st_ino) != (identity.dev, identity.ino):
        return f"{path}: the project file was replaced by another file"
    return None


def _still_linked(identity: Identity) -> bool:
    """Whether the inode we hold open still has a name somewhere (moved) or none (deleted)."""
    for fd in _own_fds():
        try:
            st = os.fstat(fd)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) == (identity.dev, identity.ino):
            return st.st_nlink > 0
    return False


def deleted_journals(path: str | Path, pid: int | str = "self") -> list[str]:
    """Descriptors of process `pid` on a -wal or -shm of `path` that was deleted (Linux only).

    A connection writing into a deleted -wal is the failure this module exists to prevent: its
    commits are invisible to every other process and lost when it exits.
    """
    if not sys.platform.startswith("linux"):
        return []
    base = os.path.abspath(path)
    found = []
    try:
        names = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return []
    for n in names:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{n}")
        except OSError:
            continue
        if target in (f"{base}-wal (deleted)", f"{base}-shm (deleted)"):
            found.append(target)
    return found
