"""Shared helpers for importers: strict decoding and FILE:LINE errors."""

from __future__ import annotations

from pathlib import Path

from ..errors import ImportFailed


def fail(path: Path | str, line: int | None, what: str) -> ImportFailed:
    where = f"{path}:{line}" if line else f"{path}"
    return ImportFailed(f"{where}: {what}")


def read_text(path: Path, encoding: str | None = None) -> str:
    """The file's text; UTF-8 (a BOM is fine) unless the user names another encoding.

    Undecodable bytes are an error naming the file and the first bad position: silently
    replacing characters would shift every offset after them.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise fail(path, None, "no such file") from None
    except IsADirectoryError:
        raise fail(path, None, "is a folder; pass the folder itself to import all its .txt files") from None
    except OSError as exc:
        raise fail(path, None, f"cannot read ({exc.strerror})") from None
    enc = encoding or "utf-8-sig"
    try:
        text = data.decode(enc)
    except LookupError:
        raise fail(path, None, f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = "" if encoding else "; if you know its encoding, pass --encoding (e.g. --encoding cp1252)"
        raise fail(path, line, f"not valid {enc if encoding else 'UTF-8'} (byte 0x{data[exc.start]:02x} at offset {exc.start}){hint}") from None
    if "\x00" in text:
        raise fail(path, text[: text.index("\x00")].count("\n") + 1, "contains NUL bytes: a binary file, not text")
    # One newline convention, so offsets mean the same thing on every system.
    return text.replace("\r\n", "\n").replace("\r", "\n")
