"""Project data on a terminal: control characters are shown, never obeyed.

A title, a name or an article text may hold escape sequences (clear the screen, set the window
title, hyperlinks), a carriage return that hides what came before, or bidirectional overrides that
reorder what is shown. Each such character is replaced by one visible stand-in of the same length
(so offsets into an article stay right): C0 controls and DEL by their Unicode "control pictures"
(ESC shows as ␛, NUL as ␀), C1 controls and bidirectional controls by U+FFFD.
"""

from __future__ import annotations

import re

_C0 = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_OTHER = re.compile("[\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str, keep_newlines: bool = False) -> str:
    """`text` with every control character replaced by a visible stand-in (tabs stay; newlines
    stay only with `keep_newlines`, else they show as ␊ and the text stays one line)."""
    if not keep_newlines:
        text = text.replace("\n", "\u240a")
    text = _C0.sub(lambda m: chr(0x2421) if m.group() == "\x7f" else chr(0x2400 + ord(m.group())), text)
    return _OTHER.sub("\ufffd", text)


def json_safe(dumped: str) -> str:
    """JSON text (as `json.dumps(..., ensure_ascii=False)` writes it) with the controls it leaves
    as they are (C1, DEL, bidirectional) written as \\u escapes: the same JSON, safe to print."""
    return re.sub("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", lambda m: f"\\u{ord(m.group()):04x}",
                  dumped)


def safe_text(value: object, keep_newlines: bool = False):
    """Project data or a path for a rich console: shown as it is (a `rich.text.Text`, never
    markup), its control characters shown, not obeyed."""
    from rich.text import Text

    return Text(terminal_safe(str(value), keep_newlines))


def print_json(obj) -> None:
    """`obj` as indented JSON on stdout, its controls escaped."""
    import json
    import sys

    sys.stdout.write(json_safe(json.dumps(obj, ensure_ascii=False, indent=2)) + "\n")
