"""Load a gold file in the format of `seed_quotes.jsonl` into a project as reviewed human work.

Used by tests, benchmarks and demos to build a realistically annotated project: the gold offsets
are into the whole source text, so each article is located in it by its text.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import ops
from ..store import Project


def apply_gold(project: Project, gold_path: str | Path | dict, mark_done: bool = True) -> int:
    """Create the gold quotes (with speakers, stances, claims) on the project's matching articles."""
    gold = gold_path if isinstance(gold_path, dict) else json.loads(Path(gold_path).read_text(encoding="utf-8"))
    full = gold["text"]
    n = 0
    for aid in project.article_ids():
        art = project.get_article(aid)
        base = full.find(art.text)
        if base < 0:
            continue
        for q in gold["quotes"]:
            s, e = q["start"] - base, q["end"] - base
            if not (0 <= s and e <= len(art.text)):
                continue
            ch = ops.create_quote(project, aid, s, e, q.get("kind", "direct"))
            qid = ch.created("quotes")[0]
            if q.get("speaker"):
                # The speaker's mention: the nearest occurrence of the last name before the quote, else after.
                last = q["speaker"].split()[-1]
                at = art.text.rfind(last, 0, s)
                if at < 0:
                    at = art.text.find(last, e)
                mention = (at, at + len(last)) if at >= 0 else (None, None)
                # the source of that name, created (with the last name as an alias) if the project has none
                ops.set_quote_speaker(project, qid, None, *mention, new_person=q["speaker"], new_aliases=[last])
            for st in q.get("stances", []):
                ops.set_stance(project, qid, st["target"], st["label"])
            if q.get("claim"):
                ops.set_claim(project, qid, q["claim"])
            if q.get("checkworthy") is not None:
                ops.set_checkworthy(project, qid, q["checkworthy"])
            n += 1
        if mark_done:
            ops.set_article_status(project, aid, "done")
    return n
