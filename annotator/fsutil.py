"""Writing files and folders all or nothing, and saying in one line why a write failed.

Every export, backup, trained model and new project is first written to a hidden temporary
sibling (".NAME.annotator-tmp-PID-XXXX", same folder, so the same file system) and renamed into
place only once it is complete: a kill at any moment leaves the old file or folder or the new
one, never half of one and never a mix of the two. A folder replaces the old one by an atomic
exchange where the system has one (Linux renameat2, macOS renamex_np); elsewhere by two renames,
undone on the next write if a kill fell between them.

A temporary sibling left by a killed writer is removed by the next write of the same name.

Why one module: the rules (sibling, fsync, rename, clean up, one-line errors) are easy to get
subtly wrong, so every writer goes through here. `atomic_path` and `publish` serve the project
file's own copies (backup, the copy kept before a migration); without `replace` they never
overwrite an existing file.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import secrets
import shutil
import sys
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import IO

from .errors import AnnotatorError

TMP_MARK = ".annotator-tmp-"
OLD_MARK = ".annotator-old-"

_REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "file too large for this file system",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENOENT: "no such file or folder",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "is a folder",
    errno.EEXIST: "already exists",
    errno.ENAMETOOLONG: "name too long",
    errno.EIO: "input/output error",
    errno.EXDEV: "on another file system",
}


class WriteFailed(AnnotatorError):
    """A file or folder could not be written; nothing partial was left at its name."""


def reason(exc: BaseException) -> str:
    """The cause of an OSError (or of SQLite's "disk is full"), in a few words."""
    if isinstance(exc, OSError):
        return _REASONS.get(exc.errno, exc.strerror or type(exc).__name__)
    text = str(exc)
    if "disk is full" in text or "disk I/O error" in text:
        return "no space left on the device" if "full" in text else "input/output error"
    if "readonly" in text or "read-only" in text:
        return "read-only file system"
    if "unable to open" in text:
        return "cannot create the file there"
    return text.splitlines()[0] if text else type(exc).__name__


def error_line(exc: OSError, default: str | Path | None = None) -> str:
    """`PATH: reason` for an OSError (the path it names, else `default`)."""
    where = exc.filename or default
    return f"{where}: {reason(exc)}" if where else reason(exc)


def write_error(path: str | Path, exc: BaseException, verb: str = "cannot write") -> WriteFailed:
    return WriteFailed(f"{path}: {verb} ({reason(exc)})")


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate it there; keep it, it is only litter
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stale(p: Path, mark: str) -> bool:
    """A temporary sibling whose writer is gone (killed)."""
    try:
        pid = int(p.name.split(mark, 1)[1].split("-", 1)[0])
    except (IndexError, ValueError):
        return False
    return not _pid_alive(pid)


def discard(p: Path) -> None:
    """Remove a file or folder if it is there; a failure to do so is not the error to report."""
    with contextlib.suppress(OSError):
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink()


def sweep(path: str | Path) -> None:
    """Clean up after writers of `path` that were killed: restore a folder caught between two
    renames, remove their temporary siblings."""
    path = Path(path)
    try:
        siblings = list(path.parent.glob(f".{_glob_escape(path.name)}.annotator-*"))
    except OSError:
        return
    for p in siblings:
        if OLD_MARK in p.name and _stale(p, OLD_MARK):
            if not os.path.lexists(path):
                with contextlib.suppress(OSError):
                    os.rename(p, path)  # the kill fell between "old out" and "new in": old back
                    continue
            discard(p)
        elif TMP_MARK in p.name and _stale(p, TMP_MARK):
            discard(p)


def sweep_all(folder: str | Path) -> None:
    """`sweep` for every name in `folder` (where killed writers of names not known in advance,
    such as timestamped training runs, may have left temporary siblings)."""
    try:
        names = {p.name.split(".annotator-", 1)[0][1:] for p in Path(folder).glob(".*.annotator-*")}
    except OSError:
        return
    for name in names:
        if name:
            sweep(Path(folder) / name)


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def temp_sibling(path: Path, mark: str = TMP_MARK) -> Path:
    return path.with_name(f".{path.name}{mark}{os.getpid()}-{secrets.token_hex(4)}")


def prepare_parent(path: Path) -> None:
    """Make the destination's folder (a missing folder is created) or fail in one line."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise WriteFailed(f"{path.parent}: cannot write there (a file, not a folder)") from None
    except OSError as exc:
        raise write_error(path.parent, exc, "cannot create the folder") from None
    if not path.parent.is_dir():
        raise WriteFailed(f"{path.parent}: cannot write there (a file, not a folder)")


def fsync_file(path: Path | str) -> None:
    """Flush a finished file to the disk before it is renamed into place."""
    fd = os.open(path, os.O_RDWR if sys.platform == "win32" else os.O_RDONLY)  # Windows flushes writable files only
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); folders cannot be opened on Windows."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_file(path: str | Path, mode: str = "w", *, encoding: str | None = "utf-8",
                newline: str | None = "\n", overwrite: bool = True) -> Iterator[IO]:
    """Write `path` all or nothing: yields a file object on a temporary sibling, renamed over
    `path` when the block ends without error (after fsync); on any error the temporary file is
    removed and an OSError becomes one `WriteFailed` line naming `path`.

    With `overwrite=False` an existing `path` is an error, also if it appears meanwhile."""
    path = Path(path)
    prepare_parent(path)
    if path.is_dir():
        raise WriteFailed(f"{path}: is a folder; name a file to write")
    if not overwrite and os.path.lexists(path):
        raise WriteFailed(f"{path}: already exists; choose a new file")
    sweep(path)
    tmp = temp_sibling(path)
    binary = "b" in mode
    try:
        with open(tmp, "xb" if binary else "x", **({} if binary else {"encoding": encoding, "newline": newline})) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        commit_file(tmp, path, overwrite)
    except OSError as exc:
        discard(tmp)
        raise write_error(path, exc) from None
    except BaseException:
        discard(tmp)
        raise


@contextlib.contextmanager
def atomic_files(*paths: str | Path) -> Iterator[tuple[IO, ...]]:
    """Several text files all or nothing: every one is written and flushed before the first is
    renamed into place, in the order given (the one that proves the rest complete goes last)."""
    with contextlib.ExitStack() as stack:
        handles = [stack.enter_context(atomic_file(p)) for p in reversed(paths)][::-1]
        yield tuple(handles)
        for i, fh in enumerate(handles):
            try:
                fh.flush()
                os.fsync(fh.fileno())
            except OSError as exc:
                raise write_error(paths[i], exc) from None


def commit_file(tmp: Path, path: Path, overwrite: bool = True) -> None:
    """Move a finished temporary file to its name (atomically; never over a file if not `overwrite`)."""
    try:
        publish(tmp, path, replace=overwrite)
    except FileExistsError:
        raise WriteFailed(f"{path}: already exists; choose a new file") from None


# --- folders --------------------------------------------------------------------------------------

def _exchange_function():
    """The system call that swaps two paths atomically, or None."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return None
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
    except OSError:
        return None
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        fn, at_fdcwd, flag = libc.renameat2, -100, 2  # AT_FDCWD, RENAME_EXCHANGE

        def exchange(a: Path, b: Path) -> None:
            if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), flag) != 0:
                e = ctypes.get_errno()
                raise OSError(e, os.strerror(e), str(b))
        return exchange
    if sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        fn, flag = libc.renamex_np, 0x2  # RENAME_SWAP

        def exchange(a: Path, b: Path) -> None:
            if fn(os.fsencode(a), os.fsencode(b), flag) != 0:
                e = ctypes.get_errno()
                raise OSError(e, os.strerror(e), str(b))
        return exchange
    return None


_exchange = _exchange_function()


def replace_dir(new: Path, path: Path) -> None:
    """Put the finished folder `new` at `path`, replacing what is there, so that `path` holds the
    old folder or the new one at every moment."""
    if not os.path.lexists(path):
        os.rename(new, path)
    else:
        swapped = False
        if _exchange is not None:
            try:
                _exchange(new, path)
                swapped = True
            except OSError as exc:
                if exc.errno not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
                    raise
        if swapped:
            discard(new)  # holds the old folder now
        else:
            old = temp_sibling(path, OLD_MARK)
            os.rename(path, old)
            os.rename(new, path)  # a kill before this line: `sweep` puts `old` back
            discard(old)
    fsync_dir(path.parent)


def _fsync_tree(folder: Path) -> None:
    for root, _dirs, files in os.walk(folder):
        for name in files:
            fsync_file(os.path.join(root, name))
        fsync_dir(Path(root))


@contextlib.contextmanager
def atomic_dir(path: str | Path, *, ours: Collection[str] = ()) -> Iterator[Path]:
    """Build a folder all or nothing: yields an empty temporary sibling to fill; when the block
    ends without error its files are synced and it replaces `path`. On error it is removed.

    An existing `path` is replaced only if everything in it has one of the names in `ours` (what
    an earlier export of the same kind holds): files of the user's own are never swept away."""
    path = Path(path)
    prepare_parent(path)
    sweep(path)
    if os.path.lexists(path):
        if not path.is_dir():
            raise WriteFailed(f"{path}: exists and is a file; name a folder")
        try:
            foreign = sorted(p.name for p in path.iterdir() if p.name not in ours)
        except OSError as exc:
            raise write_error(path, exc, "cannot read") from None
        if foreign:
            more = f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
            raise WriteFailed(f"{path}: holds files this export would replace but did not write "
                              f"({', '.join(foreign[:3])}{more}); move them or choose a new or empty folder")
    tmp = temp_sibling(path)
    try:
        tmp.mkdir()
    except OSError as exc:
        raise write_error(path, exc) from None
    try:
        yield tmp
        _fsync_tree(tmp)
        replace_dir(tmp, path)
    except OSError as exc:
        discard(tmp)
        # name the file as the user will know it, not by its temporary folder
        where = str(exc.filename or path).replace(str(tmp), str(path))
        raise write_error(where, exc) from None
    except BaseException:
        discard(tmp)
        raise


# --- one file given its name when complete (the project file's own copies) -------------------------

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
