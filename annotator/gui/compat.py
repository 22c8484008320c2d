"""Work-arounds for the Qt binding we ship with.

PySide6 6.12's abi3 wheels return `None` from many void methods (QTextCursor.setPosition,
QPlainTextEdit.setExtraSelections, …) without taking a reference to it. On Python >= 3.12 `None`
is immortal and nothing happens; on Python 3.11 every such call lowers None's reference count
by one, and after some tens of thousands of calls (minutes of annotating: every highlight
pass makes hundreds) CPython aborts with "none_dealloc: deallocating None". Until the binding
is fixed we make `None` effectively immortal on 3.11 as 3.12 does: a billion extra references,
topped up whenever it falls below half. Extra references to None cost nothing (None is never
freed); a missing one kills the app.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1_000_000_000


def protect_none() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    refcnt = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt: the first field of every PyObject
    if refcnt.value < _RESERVE // 2:
        refcnt.value += _RESERVE


def none_refcount() -> int:
    return sys.getrefcount(None)
