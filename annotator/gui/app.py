"""Entry point: `annotator gui [--db PATH] [--screenshot OUT.png] [--article ID] [--quote N]`."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings
from PySide6.QtWidgets import QApplication

from .qt_app import make_app  # noqa: F401  (the entry point's, and benchmarks' and screenshots')
from .settings import AppSettings

SCREENSHOT_SIZE = (1440, 900)


def create_window(db_path: str | None, settings: AppSettings | None = None, ask_name: bool = False,
                  article: int | None = None, quote: int | None = None):
    from .dialogs import ask_user_name
    from .main_window import MainWindow

    settings = settings or AppSettings()
    user = settings.user
    if user is None and ask_name:
        user = ask_user_name(None)
        if user:
            settings.user = user
    win = MainWindow(settings, user=user)
    if db_path:
        win.open_project(db_path, article=article)
        if quote is not None:
            win.session.select_quote_at(quote - 1)
    return win


def settle(win, timeout_ms: int = 3000) -> None:
    """Let queued work finish (the article list loads in a worker thread) before a picture is taken."""
    app = QApplication.instance()
    timer = QElapsedTimer()
    timer.start()
    model = win.articles.model
    while timer.elapsed() < timeout_ms:
        app.processEvents(QEventLoop.AllEvents, 50)
        if not model.loading:
            break
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def grab_png(win, out: str) -> bool:
    settle(win)
    win.repaint()
    pm = win.grab()
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    return pm.save(out, "PNG")


def main(db_path: str | None = None, screenshot: str | None = None, article: int | None = None,
         quote: int | None = None, size: tuple[int, int] | None = None) -> int:
    """Open the app. With a screenshot path, render the window (offscreen if no display) to that PNG and exit."""
    screenshot_path = screenshot
    if screenshot_path and "QT_QPA_PLATFORM" not in os.environ and not os.environ.get("DISPLAY") \
            and sys.platform.startswith("linux"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = make_app()
    if screenshot_path:
        # A picture must not depend on (or change) the user's saved layout, recent projects or name.
        tmp = tempfile.TemporaryDirectory(prefix="annotator-screenshot-")
        settings = AppSettings(QSettings(str(Path(tmp.name) / "settings.ini"), QSettings.IniFormat))
        win = create_window(db_path, settings, article=article, quote=quote)
        w, h = size or SCREENSHOT_SIZE
        win.resize(w, h)  # (never below the window's minimum size)
        win.splitter.setSizes([int(w * 0.29), int(w * 0.42), int(w * 0.29)])
        win.show()
        win.inspector.fit()
        settle(win)
        win.view.set_current(win.session.current)  # scrolled for the final size: the selection in view
        win.inspector.refresh()
        ok = grab_png(win, screenshot_path)
        failed = win.session.project is None and db_path is not None
        win.close()
        settings.sync()
        del settings
        tmp.cleanup()
        if not ok:
            print(f"error: could not write {screenshot_path}", file=sys.stderr)
            return 1
        if failed:
            msg = win.empty.body.text().split("\n")[0]
            print(f"error: {msg}", file=sys.stderr)
            return 1
        return 0
    win = create_window(db_path, ask_name=True, article=article, quote=quote)
    win.restore_geometry()
    win.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(*(sys.argv[1:2] or [None])))
