"""Code-point <-> UTF-16 offsets (no Qt needed), and the Qt binding the view relies on."""

from annotator.gui.spans import OffsetMap


def test_offset_map_handles_characters_outside_the_bmp():
    text = "a😀b c𝒳d"
    m = OffsetMap(text)
    for i in range(len(text) + 1):
        assert m.to_py(m.to_qt(i)) == i
    assert m.to_qt(2) == 3 and m.to_qt(len(text)) == len(text.encode("utf-16-le")) // 2
    plain = OffsetMap("plain text")
    assert plain.to_qt(5) == 5 and plain.to_py(5) == 5


def test_the_qt_binding_keeps_its_references_to_none(qapp):
    """PySide6 6.12's wheels drop a reference to None on every void call (QTextCursor.setPosition,
    setExtraSelections...); on Python 3.11 that aborts the app after some thousands of highlights.
    pyproject.toml pins 6.11.3, which does not; this fails loudly if an upgrade brings the bug back."""
    import sys

    from PySide6.QtGui import QTextCursor, QTextDocument

    doc = QTextDocument("hello world " * 10)
    c = QTextCursor(doc)
    before = sys.getrefcount(None)
    for _ in range(2_000):  # far from the crash, far enough to see a leak of one per call
        c.setPosition(3)
    assert sys.getrefcount(None) >= before - 100
