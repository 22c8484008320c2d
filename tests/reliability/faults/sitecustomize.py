"""Test-only fault injector, loaded by Python at start-up when this folder is on PYTHONPATH.

Root ignores a folder's mode bits, so a test running as root cannot make a folder read-only with
chmod. With ANNOTATOR_TEST_READONLY=FOLDER set, every attempt of this process to create, write,
rename into or delete under FOLDER fails as on a read-only file system (EROFS), at the same calls
the kernel would refuse: open for writing, mkdir, rename, link, unlink, and SQLite's open.
"""

import builtins
import errno
import io
import os
import sqlite3

_ROOT = os.environ.get("ANNOTATOR_TEST_READONLY")


def _inside(path) -> bool:
    try:
        p = os.path.abspath(os.fsdecode(path))
    except TypeError:
        return False
    return p == _ROOT or p.startswith(_ROOT.rstrip(os.sep) + os.sep)


def _refuse(path):
    raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fsdecode(path))


if _ROOT:
    _open, _os_open = builtins.open, os.open

    def open_(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)) and any(c in mode for c in "wax+") and _inside(file):
            _refuse(file)
        return _open(file, mode, *args, **kwargs)

    def os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and _inside(path):
            _refuse(path)
        return _os_open(path, flags, *args, **kwargs)

    def guard(fn, *which):
        def wrapped(*args, **kwargs):
            for i in which:
                if i < len(args) and _inside(args[i]):
                    _refuse(args[i])
            return fn(*args, **kwargs)
        return wrapped

    builtins.open = io.open = open_
    os.open = os_open
    os.mkdir = guard(os.mkdir, 0)
    os.rename = guard(os.rename, 0, 1)
    os.replace = guard(os.replace, 0, 1)
    os.link = guard(os.link, 1)
    os.unlink = guard(os.unlink, 0)
    os.remove = guard(os.remove, 0)
    os.rmdir = guard(os.rmdir, 0)
    _connect = sqlite3.connect

    def connect(database, *args, **kwargs):
        target = str(database)
        if target.startswith("file:"):
            from urllib.parse import unquote
            target = unquote(target[5:].split("?", 1)[0])
        if _inside(target) and not os.path.exists(target):
            raise sqlite3.OperationalError("unable to open database file")
        return _connect(database, *args, **kwargs)

    sqlite3.connect = connect
