"""Files that appear whole or not at all: write to a temporary sibling, then give it its name.

A reader (or a crash) never sees half a file under the final name: the rename is one step on the
same file system, and without `replace` an existing file is never overwritten.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path


def temp_sibling(dest: Path) -> Path:
    """A hidden name beside `dest` (same folder, so the final rename stays on one file system)."""
    return dest.with_name(f".{dest.name}.{os.getpid()}-{secrets.token_hex(4)}.part")


def _fsync_path(path: Path, directory: bool = False) -> None:
    # Never called on a project file: only on our own temporary file and on folders.
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return  # folders cannot be opened on some systems; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def publish(tmp: Path, dest: Path, replace: bool = False) -> None:
    """Give the finished file `tmp` the name `dest`; FileExistsError if it exists and not `replace`."""
    _fsync_path(tmp)
    if replace:
        os.replace(tmp, dest)
    else:
        try:
            os.link(tmp, dest)  # fails if dest exists, atomically
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links (FAT, some network shares)
            if dest.exists():
                raise FileExistsError(str(dest)) from None
            os.replace(tmp, dest)
        else:
            os.unlink(tmp)
    _fsync_path(dest.parent, directory=True)


@contextlib.contextmanager
def atomic_path(dest: str | Path, replace: bool = False) -> Iterator[Path]:
    """`with atomic_path(out) as tmp:` write `tmp`; on success it becomes `out`, on any error it is removed."""
    dest = Path(dest)
    tmp = temp_sibling(dest)
    try:
        yield tmp
        publish(tmp, dest, replace)
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink()
