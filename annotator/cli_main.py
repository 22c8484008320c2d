"""The command line's outermost frame: every way a command can end, as the user sees it.

A command ends with its output and exit 0; an error the user can act on is one line on stderr and
exit 1 (a file-system failure names the path and the reason); Ctrl+C and SIGTERM unwind (temporary
files removed, worker processes stopped) and exit 130 and 143; a bug is one line and exit 2
(ANNOTATOR_DEBUG=1 shows the traceback). Kept apart from cli.py, which holds the commands.
"""

from __future__ import annotations

import os
import sqlite3
import sys

import typer

from .errors import AnnotatorError
from .procs import Terminated, unwind_on_sigterm
from .terminal import safe_text as _safe


def run(app, out, err, opened: list) -> None:
    """Run the typer `app`; `opened`: the projects the command opened, for errors that name none."""
    unwind_on_sigterm()
    try:
        # Without standalone mode, click returns the exit code of `raise typer.Exit(code)`.
        code = app(standalone_mode=False)
        if code == 130:  # typer's answer to Ctrl+C (no command exits 130 itself)
            err.print("interrupted; nothing half-written was kept")
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except AnnotatorError as exc:
        err.print(_safe(f"error: {exc}"))
        sys.exit(1)
    except OSError as exc:  # a file-system failure no closer handler named: still one line, path and reason
        from .fsutil import error_line

        if os.environ.get("ANNOTATOR_DEBUG"):
            raise
        err.print(_safe(f"error: {error_line(exc, opened[-1] if opened else None)}"))
        sys.exit(1)
    except sqlite3.Error as exc:  # met outside the core's transactions (a read of a damaged page, say)
        from .db import explain

        if os.environ.get("ANNOTATOR_DEBUG"):
            raise
        err.print(_safe(f"error: {explain(exc, opened[-1] if opened else 'project')}"))
        sys.exit(1)
    except KeyboardInterrupt as exc:
        err.print("terminated" if isinstance(exc, Terminated) else "interrupted", "; nothing half-written was kept",
                  sep="")
        sys.exit(143 if isinstance(exc, Terminated) else 130)
    except Exception as exc:  # usage errors (typer carries its own click) and genuine bugs
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            if type(exc).__name__ == "NoArgsIsHelpError":
                out.print(exc.ctx.get_help())
                sys.exit(0)
            exc.show()
            sys.exit(exc.exit_code)
        if type(exc).__name__ == "Abort":
            sys.exit(1)
        if os.environ.get("ANNOTATOR_DEBUG"):
            raise
        err.print(_safe(f"internal error: {type(exc).__name__}: {exc} (rerun with ANNOTATOR_DEBUG=1 for details)"))
        sys.exit(2)
