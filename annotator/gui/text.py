"""Showing untrusted text safely: Qt guesses "rich text" from a leading tag, so anything that came
from an article goes through here before it reaches a tooltip; labels use Qt.PlainText."""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` literally (escaped, so no markup in it is ever interpreted)."""
    body = "<br>".join(html.escape(line) for line in text.splitlines() or [""])
    return f"<qt>{body}</qt>"
