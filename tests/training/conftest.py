import re

import pytest

from annotator import ops
from annotator.models import ArticleDraft, Entity, Quote
from annotator.nlp.gold import apply_gold
from tests.conftest import GOLD_CANDIDATES

ENTITIES = {"Starmer": "PERSON", "Russia": "GPE", "Ukraine": "GPE", "NATO": "ORG", "Paris": "GPE", "London": "GPE",
            "Europe": "LOC", "Trump": "PERSON", "Scholz": "PERSON"}


@pytest.fixture
def annotated(seeded):
    """The sample project fully reviewed: gold quotes, speakers, stances, claims, some entities, all done."""
    gold = next(p for p in GOLD_CANDIDATES if p.exists())
    for aid in seeded.article_ids():
        text = seeded.get_article(aid).text
        for name, label in ENTITIES.items():
            start = 0
            while (i := text.find(name, start)) >= 0:
                ops.create_entity(seeded, aid, i, i + len(name), label)
                start = i + len(name)
    apply_gold(seeded, gold)
    return seeded


TARGET = "Higher defence spending"
ARTICLES = [
    'Oslo – "We will spend more on the army next year," Defence Minister Kari Lund said on Monday. '
    'Her rival Per Dahl warned that "the budget cannot carry it." The parliament in Oslo votes in May.',
    'Bergen – "Our bridge opens in June," Mayor Eva Strand told reporters. '
    'Engineer Tor Moe said that "the steel arrived late." Bergen has waited ten years.',
    'Tromso – "Fishing quotas must fall," scientist Ida Berg said. '
    'Industry leader Ola Nes replied that "the boats will stay home." Norway decides in autumn.',
    'Stavanger – "Oil money is not endless," economist Siv Lie said on Tuesday. '
    'Banker Jon Vik said "rates stay high." Stavanger expects a slow year.',
]


def draft(text: str) -> ArticleDraft:
    """Suggestions as pre-annotation makes them: two quotes with speakers, persons and a place."""
    ents, quotes = [], []
    for m in re.finditer(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b(?= (said|warned|told|replied))", text):
        ents.append(Entity(start=m.start(), end=m.end(), label="PERSON", confidence=0.9))
    place = text.split(" – ")[0]
    last = text.rindex(place)
    ents.append(Entity(start=last, end=last + len(place), label="GPE", confidence=0.8))
    marks = [i for i, ch in enumerate(text) if ch == '"']
    for k, (a, b) in enumerate(zip(marks[::2], marks[1::2])):
        end = b - 1 if text[b - 1] in ",." else b
        sp = min((e for e in ents if e.label == "PERSON"), key=lambda e: abs(e.start - b))
        quotes.append(Quote(start=a + 1, end=end, kind="direct" if k == 0 else "partial", confidence=0.8,
                            speaker_start=sp.start, speaker_end=sp.end))
    return ArticleDraft(text=text, entities=sorted(ents, key=lambda e: e.start), quotes=quotes)


@pytest.fixture
def partly_reviewed(project):
    """Four articles. In each, the first quote is reviewed by hand (speaker, stance, claim), the
    second left as suggested; the first entity is confirmed, the rest never looked at; then the
    article is marked done through the confirm-as-suggested path."""
    p = project
    ids = p.import_articles([draft(t) for t in ARTICLES]).article_ids
    for aid, claim in zip(ids, ("PREDICTION", "FACT", "RECOMMENDATION", "FACT")):
        ann = p.load_article(aid)
        first = ann.quotes[0]
        ops.set_stance(p, first.id, TARGET, "FAVOR")
        ops.set_claim(p, first.id, claim)
        name = ann.article.text[first.speaker_start:first.speaker_end]
        ops.set_quote_speaker(p, first.id, None, first.speaker_start, first.speaker_end, new_person=name)
        ops.confirm_entity(p, ann.entities[0].id)
        ops.set_article_status(p, aid, "done", confirm_suggestions=True)
    return p


