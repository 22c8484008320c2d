"""Snapping selections to tokens, and code-point <-> UTF-16 offsets (no Qt needed)."""

from annotator.gui.commands import guess_kind
from annotator.gui.spans import OffsetMap, snap_entity, snap_quote, snap_to_tokens

TEXT = 'Starmer said: "A US security guarantee is the only way to deter Russia," he added. U.S. troops'


def test_snap_to_tokens_grows_to_whole_words():
    i = TEXT.index("security")
    assert TEXT[slice(*snap_to_tokens(TEXT, i + 2, i + 5))] == "security"
    assert snap_to_tokens(TEXT, 7, 8) is None  # only a space


def test_snap_quote_drops_marks_keeps_closing_punctuation():
    a = TEXT.index('"A US')
    b = TEXT.index('," he') + 2
    span = snap_quote(TEXT, a, b)
    assert TEXT[slice(*span)] == "A US security guarantee is the only way to deter Russia,"
    # The words alone, without the comma: the comma before the closing mark joins.
    a2 = TEXT.index("A US")
    b2 = TEXT.index("Russia") + 3
    assert TEXT[slice(*snap_quote(TEXT, a2, b2))] == "A US security guarantee is the only way to deter Russia,"
    assert guess_kind(TEXT, *span, ["direct", "partial", "indirect"]) == "direct"


def test_snap_entity_trims_punctuation_but_keeps_abbreviations():
    a = TEXT.index("Russia")
    assert TEXT[slice(*snap_entity(TEXT, a - 1, a + 8))] == "Russia"
    u = TEXT.index("U.S.")
    assert TEXT[slice(*snap_entity(TEXT, u, u + 4))] == "U.S."


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
