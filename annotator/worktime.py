"""Time spent per article, read from the audit log.

Each annotator's edits form one stream through the day. The time between an edit and the same
annotator's previous edit (in any article) is counted for the article of the later edit: reading
an article before its first edit counts for it, and so does the time between the last quote and
"mark done". A gap longer than IDLE_SECONDS counts as nothing: the annotator was away (lunch, a
meeting, the next morning), and no figure is better than a wrong one. Undo and redo are edits too.

The log has one row per field changed; an operation's rows share its timestamp, so edits are the
distinct (user, ts) pairs.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Project

IDLE_SECONDS = 600.0


def _seconds(a: str, b: str) -> float:
    return (datetime.fromisoformat(b) - datetime.fromisoformat(a)).total_seconds()


def seconds_spent(project: "Project", article_ids) -> dict[int, float]:
    """Seconds of work per article for the given ids (articles nobody edited are left out)."""
    ids = sorted({int(i) for i in article_ids})
    if not ids:
        return {}
    out: dict[int, float] = {}
    # The previous edit of the same user: one probe of the (user, ts) index per edit.
    rows = project.conn.execute(
        f"""SELECT e.article_id, e.ts,
                   (SELECT max(b.ts) FROM audit b WHERE b.user = e.user AND b.ts < e.ts) AS prev
            FROM (SELECT DISTINCT article_id, user, ts FROM audit
                  WHERE article_id IN ({','.join('?' * len(ids))})) e""", ids)
    for article_id, ts, prev in rows:
        if prev is None:
            continue
        gap = _seconds(prev, ts)
        if 0 < gap <= IDLE_SECONDS:
            out[article_id] = out.get(article_id, 0.0) + gap
    return out


def short_duration(seconds: float | None) -> str:
    """'<1m', '12m', '1h 05m'; '' for nothing: minutes are what a day's plan needs."""
    if not seconds:
        return ""
    s = int(round(seconds))
    if s < 60:
        return "<1m"
    m = s // 60
    if m < 60:
        return f"{m}m"
    return f"{m // 60}h {m % 60:02d}m"
