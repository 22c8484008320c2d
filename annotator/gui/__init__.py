"""The desktop app (PySide6). Only this package imports Qt; it reads and writes through the core.

Entry point: `annotator.gui.app.main(db_path, screenshot, article, quote) -> int`.
"""

from .compat import protect_none

protect_none()  # see compat.py: PySide6 6.12 on Python 3.11 drops references to None
