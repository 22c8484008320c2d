"""A reviewed article for the interchange formats: a named speaker and a pronoun speaker, cue, kind,
stance, claim, an entity nobody reviewed, and a second, skipped article."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import ops
from annotator.models import ArticleDraft, Entity, Quote

INTEROP = Path(__file__).resolve().parents[1] / "data" / "interop"
TEXT = ('Accra – "We will open two new clinics this year," Health Minister Kofi Mensah said on Monday. '
        'He added that "nurses will be hired first." The plan was welcomed by Ama Owusu.')
TARGET = "Higher defence spending"


def at(text: str, sub: str, start: int = 0) -> tuple[int, int]:
    i = text.index(sub, start)
    return i, i + len(sub)


@pytest.fixture
def interop(project):
    """Article 1: done. Its quotes are reviewed (one edited, one confirmed as suggested); "Accra" and
    "Kofi Mensah" reviewed, "Ama Owusu" a suggestion nobody looked at. Article 2: skipped."""
    t = TEXT
    kofi, accra, ama = at(t, "Kofi Mensah"), at(t, "Accra"), at(t, "Ama Owusu")
    q1, q2 = at(t, "We will open two new clinics this year,"), at(t, "nurses will be hired first")
    said, added, he = at(t, "said"), at(t, "added"), at(t, "He added")
    draft = ArticleDraft(text=t, title="Clinics", entities=[
        Entity(start=accra[0], end=accra[1], label="GPE", confidence=0.8),
        Entity(start=kofi[0], end=kofi[1], label="PERSON", confidence=0.9),
        Entity(start=ama[0], end=ama[1], label="PERSON", confidence=0.7)],
        quotes=[Quote(start=q1[0], end=q1[1], kind="partial", confidence=0.9, cue_start=said[0], cue_end=said[1]),
                Quote(start=q2[0], end=q2[1], kind="partial", confidence=0.8, speaker_start=he[0],
                      speaker_end=he[0] + 2, cue_start=added[0], cue_end=added[1])])
    other = ArticleDraft(text="Kumasi – Traffic was light on Sunday, police said.", title="Traffic")
    a1, a2 = project.import_articles([draft, other]).article_ids
    p = project
    ann = p.load_article(a1)
    first, second = ann.quotes
    ops.set_quote_kind(p, first.id, "direct")
    ops.set_quote_speaker(p, first.id, None, *kofi, new_person="Kofi Mensah")
    pid = p.find_person("Kofi Mensah").id
    ops.set_stance(p, first.id, TARGET, "FAVOR")
    ops.set_claim(p, first.id, "COMMITMENT")
    ops.set_checkworthy(p, first.id, True)
    ops.set_note(p, first.id, "check the budget")
    ops.set_quote_speaker(p, second.id, pid, he[0], he[0] + 2)  # "He": Kofi Mensah, named by a pronoun
    ops.confirm_entity(p, ann.entities[0].id)
    ops.set_entity_person(p, ann.entities[1].id, pid)
    ops.set_article_status(p, a1, "done", confirm_suggestions=True)
    ops.set_article_status(p, a2, "skipped")
    return p, a1, a2
