"""Entry point of the frozen app (PyInstaller): one executable for the desktop app and the CLI.

No arguments (a double-click, the Start menu, the Dock, a .desktop launcher) opens the app;
anything else is the command line: `annotator --version`, `annotator import ...`, `annotator gui --db P`.
"""

import multiprocessing
import os
import sys


def _attach_windows_console() -> None:
    """A windowed .exe has no console: reuse the one it was started from, if any, for CLI output."""
    if sys.platform != "win32" or (sys.stdout is not None and sys.stderr is not None):
        return
    try:
        import ctypes

        if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
            if sys.stdout is None:
                sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")
            if sys.stderr is None:
                sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace")
    except (OSError, AttributeError):
        pass


def _null_streams() -> None:
    """Libraries print (spaCy, rich, tqdm): give them somewhere to write when there is no console."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))


def main() -> None:
    # First thing: a spawned worker (`export spacy` on large projects, `preannotate --n-process`)
    # re-runs this executable, and must become the worker, not a second app.
    multiprocessing.freeze_support()
    # macOS Finder used to pass a process serial number; it is not an argument of ours.
    args = [a for a in sys.argv[1:] if not a.startswith("-psn_")]
    if args:
        _attach_windows_console()
    _null_streams()
    sys.argv = [sys.argv[0], *(args or ["gui"])]
    from annotator.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
