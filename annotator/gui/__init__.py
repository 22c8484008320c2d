"""The desktop app (PySide6). Only this package imports Qt; it reads and writes through the core.

Entry point: `annotator.gui.app.main(db_path, screenshot, article, quote) -> int`.
"""
