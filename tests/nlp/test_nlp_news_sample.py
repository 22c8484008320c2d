"""A sample of news written for these tests in the style of wire and Wikinews copy (not taken from any
evaluation set): each quote's speaker, as a pattern the speaker's name or the words naming it here
must match ("the group" may name "BEUC")."""

import re

import pytest

pytestmark = pytest.mark.model

EXPECTED = {
    'workweek.txt': [
        ('a historic day', 'Jara'),
        ('Chile is catching up', 'Jara'),
        ('hurt small', 'CPC|Confederation of Production and Commerce'),
        ('We are not against', 'Mewes'),
        ('populist', 'Moreira'),
        ('will simply hire', 'Moreira'),
        ('has stagnated', 'study|Centre for Public Studies'),
        ('My children will see', 'one of them|bus driver'),
    ],
    'landslide.txt': [
        ('racing against time', 'Muhari'),
        ('Many roads are closed', 'Muhari'),
        ('came down the hill', 'residents'),
        ('We ran with only', 'woman'),
        ('When the forest is gone', 'Walhi'),
    ],
    'asylum.txt': [
        ('substantial grounds', 'justices|Supreme Court'),
        ('This was not the outcome', 'Sunak'),
        ('Rwanda is a safe country', 'Makolo'),
        ('its international obligations', 'Makolo'),
        ('unworkable and cruel', 'Solomon'),
        ('a gimmick from the start', 'Labour Party'),
    ],
    'territories.txt': [
        ('only the beginning', 'Lula|Silva'),
        ('We want to reach', 'Lula|Silva'),
        ('fight the invaders', 'Guajajara'),
        ('creates legal uncertainty', 'spokesman'),
        ('The forest is our life', 'Raoni|Metuktire'),
        ('protect the forest', 'Greenpeace'),
    ],
    'congo.txt': [
        ('The rebels attacked', 'Ndjike'),
        ('repelled', 'Ndjike'),
        ('We only defend', 'Kanyuka'),
        ('The humanitarian situation', 'UNHCR official|official'),
        ('deeply concerned', 'senior US official'),
        ('These accusations are baseless', 'Makolo'),
    ],
    'railstrike.txt': [
        ('This is a great success', 'Weselsky'),
        ('We have achieved', 'Weselsky'),
        ('expensive but fair', 'Seiler'),
        ('suffered enough', 'Neuss'),
        ('learn from this conflict', 'Wissing'),
        ('A country cannot stop', 'Wissing'),
        ('up to 100 million', 'Krämer'),
    ],
    'hospital.txt': [
        ('left on a chair', 'daughter'),
        ('Nobody checked', 'daughter'),
        ('extends its deepest', 'hospital'),
        ('unprecedented pressure', 'spokesperson'),
        ('What happened is', 'Donnelly'),
        ('I want answers', 'Donnelly'),
        ('tragic but sadly', 'Irish Medical Organisation'),
    ],
    'wildfires.txt': [
        ('It was like the end', 'Wright'),
        ('We just ran', 'Wright'),
        ('very difficult', 'Artopios'),
        ('at war', 'Mitsotakis'),
        ('We will need to change', 'Mitsotakis'),
        ('The safety of our', 'TUI|company'),
        ('We asked for planes', 'Koliadis'),
    ],
    'climate.txt': [
        ('on the brink', 'report|WMO|World Meteorological'),
        ('a red alert', 'Saulo'),
        ('Never have we been', 'Saulo'),
        ("humanity's hot streak", 'Guterres'),
        ('cut emissions now', 'Guterres'),
        ("It's shocking", 'Hawkins'),
        ('critical', 'Hawkins'),
    ],
    'rates.txt': [
        ('accommodative', 'Ueda'),
        ('We will look at', 'Ueda'),
        ('a cautious first step', 'Goldman|economists'),
        ('work closely', 'Suzuki'),
        ('This was the most', 'Koike'),
    ],
    'ailaw.txt': [
        ('pose a significant', 'regulation|law'),
        ('We finally have', 'Benifei'),
        ('a historic moment', 'Tudorache'),
        ('create a lot', 'DigitalEurope'),
        ('disappointed', 'BEUC'),
        ('We will watch', 'BEUC'),
    ],
    'kyiv.txt': [
        ('with minimal damage', 'Klitschko'),  # "the mayor of Kyiv, Vitali Klitschko, said"
        ('Three drones', 'Klitschko'),
        ('military infrastructure', 'ministry|Russia'),
        ('Every Patriot battery', 'Zelenskyy'),
        ('Our partners know', 'Zelenskyy'),
        ('stop counting', 'Yermak'),  # "The West, Yermak said, must"
        ('You get used to it', 'Olena'),
    ],
    'paypackage.txt': [
        ('excessive', 'Glass Lewis'),
        ('astronomical', 'Le Maire'),
        ('If you think', 'Tavares'),
        ('It is a contract', 'Tavares'),
        ('While workers are told', 'CGT'),
    ],
    'tobacco.txt': [
        ('There is no reason', 'Verrall'),
        ('nanny-state nonsense', 'van Velden|Velden'),  # "Its health spokesperson, Brooke van Velden,"
        ('Gangs will sell', 'van Velden|Velden'),
        ('This is a landmark', 'Hoek'),
        ('put dozens of dairies', 'Kaushal'),
        ('Our members are', 'Kaushal'),
        ('Now the government', 'Kaushal'),
    ],
    'farmers.txt': [
        ('We cannot produce', 'Delvaux'),
        ('largely peaceful', 'Keere'),
        ('We have heard', 'Leyen'),
        ('within weeks', 'Leyen'),
        ('a first step', 'Copa-Cogeca|Cogeca'),
        ('a disaster for nature', 'campaigners'),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_speakers_on_a_news_sample(article, run, name):
    r = run(article(name))
    wrong = []
    for words, pattern in EXPECTED[name]:
        q = r.quote(words)
        if not re.search(pattern, q.speaker or "", re.I) and not re.search(pattern, q.mention or "", re.I):
            wrong.append((words, q.speaker, q.mention, q.how))
    assert not wrong
