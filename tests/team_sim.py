"""Simulated annotators for the team tests: open an annotator's file, mark quotes, finish articles.

Quotes are located by a fragment of their words (`text.index`), so a test reads like what the
annotator did: "ana marks 'the repairs will hold' as said by Jane Doe, FAVOR, a PREDICTION".
"""

from __future__ import annotations

from pathlib import Path

from annotator import ops
from annotator.store import Project

SCHEME = {
    "name": "team-test",
    "entity_labels": ["PERSON", "ORG", "GPE"],
    "stance_targets": ["Bridge repairs", "Higher taxes"],
    "claim_types": ["FACT", "PREDICTION", "OPINION"],
}

# Hand-written news in the wire style the app meets; no real event.
ARTICLES = [
    ("Bridge to reopen in May",
     "Bridge to reopen in May\n\nRiverton – The old river bridge will reopen in May, the council said on Monday. "
     "\"We are confident the repairs will hold for another fifty years,\" said Jane Doe, the city engineer. "
     "Not everyone agreed. \"This is a waste of money that should have gone to schools,\" said Tom Lee, a "
     "councillor. Doe said the work had cost less than planned."),
    ("Council weighs a tax rise",
     "Council weighs a tax rise\n\nRiverton – The council will vote on a tax rise next week. \"Without it we "
     "cannot keep the libraries open,\" said Maria Gomez, the treasurer. \"Families are already stretched "
     "thin,\" said Tom Lee. Gomez said a decision was needed before June."),
    ("Ferry service resumes",
     "Ferry service resumes\n\nPortsea – The ferry to the islands sailed again on Tuesday after a week of "
     "storms. \"The boats are safe and the crews are rested,\" said Ali Khan, the harbour master. Passengers "
     "cheered as the first boat left."),
    ("School roof repaired",
     "School roof repaired\n\nRiverton – Workers finished the school roof on Friday. \"The children can go "
     "back on Monday,\" said Jane Doe. \"We will check every roof in the city this year,\" she added."),
]


def make_team(path: Path, user: str = "lead") -> Project:
    from annotator.models import ArticleDraft
    from annotator.scheme import Scheme

    p = Project.create(path, Scheme.model_validate(SCHEME), user=user)
    p.import_articles([ArticleDraft(title=t, text=x) for t, x in ARTICLES])
    return p


def span(text: str, fragment: str, after: int = 0) -> tuple[int, int]:
    s = text.index(fragment, after)
    return s, s + len(fragment)


def article_id(p: Project, title: str) -> int:
    return p.conn.execute("SELECT id FROM articles WHERE title = ?", (title,)).fetchone()[0]


def mark_quote(p: Project, aid: int, fragment: str, speaker: str | None = None, mention: str | None = None,
               stance: tuple[str, str] | None = None, claim: str | None = None, checkworthy: bool | None = None,
               kind: str = "direct") -> int:
    """One quote as an annotator would mark it: span, speaker (by name, at `mention`), stance, claim."""
    text = p.get_article(aid).text
    s, e = span(text, fragment)
    qid = ops.create_quote(p, aid, s, e, kind).created("quotes")[0]
    if speaker is not None:
        ms, me = span(text, mention or speaker.split()[-1], e) if (mention or speaker) in text[e:] else (None, None)
        ops.set_quote_speaker(p, qid, None, ms, me, new_person=speaker)
    if stance is not None:
        ops.set_stance(p, qid, stance[0], stance[1])
    if claim is not None:
        ops.set_claim(p, qid, claim)
    if checkworthy is not None:
        ops.set_checkworthy(p, qid, checkworthy)
    return qid


def mark_entity(p: Project, aid: int, fragment: str, label: str) -> None:
    text = p.get_article(aid).text
    s, e = span(text, fragment)
    ops.create_entity(p, aid, s, e, label)


def done(p: Project, aid: int) -> None:
    ops.set_article_status(p, aid, "done")
