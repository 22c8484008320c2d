"""Shared helpers for importers: strict reading and decoding, the rules every format shares, and
FILE:LINE errors."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import ImportFailed
from ..fsutil import reason
from ..limits import MAX_FILE_BYTES, bad_char, check_draft  # noqa: F401  (check_draft: importers' API)


class Unreadable(ImportFailed):
    """A file or folder that cannot be read at all (permission, broken link, not a regular file):
    a folder import may skip these when asked to, never a malformed one."""


def fail(path: Path | str, line: int | None, what: str) -> ImportFailed:
    where = f"{path}:{line}" if line else f"{path}"
    return ImportFailed(f"{where}: {what}")


def unreadable(path: Path | str, what: str) -> Unreadable:
    return Unreadable(f"{path}: {what}")


_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))


def file_kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_bytes(path: Path, first: int | None = None) -> bytes:
    """A regular file's bytes (its `first` bytes only, when given). Anything else is refused before
    it is opened for reading (a named pipe would block the import forever, a device never end); so
    is a file too large to read whole."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise unreadable(path, "a broken link (its target does not exist)") from None
        raise fail(path, None, "no such file") from None
    except OSError as exc:
        raise unreadable(path, f"cannot read ({reason(exc)})") from None
    if stat.S_ISDIR(st.st_mode):
        raise fail(path, None, "is a folder; pass the folder itself to import all its .txt files")
    if not stat.S_ISREG(st.st_mode):
        raise unreadable(path, f"not a regular file ({file_kind(st.st_mode)}); only files can be imported")
    if st.st_size > MAX_FILE_BYTES:
        raise fail(path, None, f"{st.st_size:,} bytes, more than the {MAX_FILE_BYTES:,} one file may have; "
                               "split it into several files")
    try:
        # O_NONBLOCK: should a pipe be swapped in after the check, opening it does not block.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise unreadable(path, f"cannot read ({reason(exc)})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise unreadable(path, f"not a regular file ({file_kind(st.st_mode)}); only files can be imported")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_FILE_BYTES + 1 if first is None else first)
    except OSError as exc:
        raise unreadable(path, f"cannot read ({reason(exc)})") from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise fail(path, None, f"more than the {MAX_FILE_BYTES:,} bytes one file may have; split it into several files")
    return data


def read_start(path: Path, encoding: str | None = None, n: int = 4096) -> str:
    """The start of a file's text, to tell its format by (a character cut at the end is left out;
    reading the whole file says what is wrong with its bytes)."""
    try:
        return read_bytes(path, n).decode(encoding or "utf-8-sig", errors="ignore")
    except LookupError:
        raise fail(path, None, f"unknown encoding {encoding!r}") from None


def read_text(path: Path, encoding: str | None = None) -> str:
    """The file's text; UTF-8 (a BOM is fine) unless the user names another encoding.

    Undecodable bytes are an error naming the file and the first bad position: silently
    replacing characters would shift every offset after them.
    """
    data = read_bytes(path)
    enc = encoding or "utf-8-sig"
    try:
        text = data.decode(enc)
    except LookupError:
        raise fail(path, None, f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = "" if encoding else "; if you know its encoding, pass --encoding (e.g. --encoding cp1252)"
        raise fail(path, line, f"not valid {enc if encoding else 'UTF-8'} (byte 0x{data[exc.start]:02x} at offset {exc.start}){hint}") from None
    why = bad_char(text)
    if why:  # the same rule as for a \u0000 or \ud800 escape in JSON (check_draft)
        bad = text.index("\x00") if "\x00" in text else next(i for i, c in enumerate(text) if "\ud800" <= c <= "\udfff")
        raise fail(path, text.count("\n", 0, bad) + 1, why)
    # One newline convention, so offsets mean the same thing on every system.
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text

