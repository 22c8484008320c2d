import pytest

from annotator import ops
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
