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
    # Held-out articles written after the rules (2026-12): constructions the sample above lacked.
    'dockstrike.txt': [
        ('We did not want this', 'Vandersloot'),  # split: "...," said X, "..."
        ('but the company left', 'Vandersloot'),
        ('Every job they automate', 'Vandersloot'),
        ('If we stand still', 'Solberg-Haas'),  # "she told reporters"
        ('The backlog grows', 'spokesman'),  # "a spokesman for the authority said"
        ('Our stores depend', 'Retail Association'),
        ('A long strike', 'Kappelhof'),  # "X was quoted as saying"
        ("I've driven a crane", 'Amrani'),
    ],
    'measles.txt': [
        ('Coverage has fallen', 'report|institute|National Institute'),  # "the report said ... it said"
        ('a warning we cannot', 'Okonkwo-Reyes'),
        ('We have seen this pattern', 'Okonkwo-Reyes'),  # a quote over two paragraphs
        ('Measles is not a mild', 'Okonkwo-Reyes'),
        ('Many families', 'Lindqvist'),
        ('No child should', 'Beltrán'),
        ('I read so many', 'Wiśniewska'),
        ('Now I know', 'Wiśniewska'),
    ],
    'votebuying.txt': [
        ('buying votes', 'Zieliński|opposition leader'),
        ('They are handing out', 'Zieliński'),  # "That was the verdict of X" in the next sentence
        ('The energy bonus', 'Quaresma'),
        ('Mr. Zieliński voted', 'Quaresma'),
        ('the desperate attack', 'Quaresma'),
        ('We do not comment', 'commission'),
        ('Giving money', 'Obermüller'),
        ('What matters', 'Obermüller'),
        ('We will stop wasting', 'Zieliński'),
        ('Enough to do the job', 'minister|Quaresma'),  # a quote inside a quote
        ('The gap has narrowed', 'institute|Institute for Social Research'),
    ],
    'bribetrial.txt': [
        ('the victim of a political', 'Lindemann'),
        ('I have served this town', 'Lindemann'),
        ('This was not a single', 'Demirtaş'),
        ('the man who carried', 'Demirtaş'),
        ('A man who is promised', 'Achterberg'),
        ('Every piece of his', 'Demirtaş'),  # "she" after a paragraph about a man
        ('He built the new school', 'Brandt'),
        ('Everybody knew how', 'neighbour'),
    ],
    'helicopters.txt': [
        ('Did you or did you not', 'Delacroix-Ng'),  # a question: "she asked"
        ('I take responsibility', 'Oyelaran-Whitfield'),
        ('But I will not pretend', 'Oyelaran-Whitfield'),
        ('We have poured money', 'Banuelos'),
        ('resolved the main', 'Aldergrove'),
        ('No decision has been', 'Frisk'),
        ('The answers we heard', 'Delacroix-Ng'),
        ('My job is to fix', 'Oyelaran-Whitfield|general'),
    ],
    'cabincrew.txt': [
        ('exhausted by schedules', 'unions'),  # "the unions said in a joint statement"
        ('We are not asking for luxury', 'Lombardi'),
        ('We deeply regret', 'spokeswoman|SkyLark'),
        ('Islands cannot be cut off', 'spokesman'),
        ('We found out at the gate', 'Adeyemi'),
        ('People are afraid to book', 'Association of Travel Agencies'),
        ('The timing, at the start', 'Kowalczyk'),
    ],
    'clubpost.txt': [
        ('Our apologies to Diego', 'Real Costa Azul|club'),  # "the club wrote on X"
        ('Thank you for all', 'Ferraz'),
        ('Laughing at a man', 'Asante-Boateng'),  # "posted on Facebook"
        ('Clubs are responsible', 'committee'),
        ('This was one person', 'Echeverría'),
        ('Rivalry is part', 'Supporters'),
        ('Social media is not', 'Irureta'),  # "X wrote on X: ..."
    ],
    'ferryman.txt': [
        ('The river is our highway', 'Costa|captain'),  # headline quote
        ('What was exceptional', 'Mbeki-Ferreira'),
        ('My father was a boatman', 'Costa'),
    ],
    'mouldestate.txt': [
        ('We cannot wait another winter', 'Osei-Mensah|tenants'),  # headline
        ('Children here are sleeping', 'Osei-Mensah'),
        ('The doctor asked me', 'Lopez'),
        ('I have seen the flats', 'Fitzgerald-Byrne'),
        ('a symptom of a national', 'Shelterline'),
        ('You cannot fix damp', 'Uchenna'),
        # "A 2025 survey by the council ... found": first written 'survey'; the gold guideline
        # (dev_news.README: a text with an issuer is the issuer's) makes it the council's.
        ('serious or very serious', 'council'),
        ('They have known about this', 'Osei-Mensah'),
    ],
    'pharmacybreach.txt': [
        ('There is no evidence that payment', 'filing|MediKart'),
        ('We let you down', 'Venkataraman'),
        ('We have reset every', 'Venkataraman'),
        ('The law is very clear', 'Rybak'),
        ('A credit card', 'Okafor'),
        ('Nobody has told me', 'Hoffmeister'),
        ('Two million people', 'Montalbán'),
    ],
    'minerescue.txt': [
        ('We will not stop', 'Seitkali'),
        ('unforeseeable geological', 'Kazrud'),
        ('The water rose to our chests', 'Abenov'),  # two paragraphs, said at the end
        ('We talked about our children', 'Abenov'),
        ('We wrote to the company', 'Kuanyshev'),
        ('If warnings were ignored', 'spokesman|inspectorate'),
        ('My brother is still', 'Aigerim|woman'),
    ],
    'beestudy.txt': [
        ('The doses we used', 'Halvorsen'),
        ('add to a growing body', 'authors|paper'),
        ('careful and convincing', 'Watanabe-Lowe'),
        ('Wild bees behave', 'Watanabe-Lowe'),
        ('Our products undergo', 'Agrivance|company'),
        ('a high risk to bees', 'report|European Food Safety Authority|authority'),
        ('We have been saying this', 'Petrescu'),
    ],
    'tennisfinal.txt': [
        ("I didn't think about the score", 'Nakamura'),
        ('She played better than me', 'Dragomirescu'),  # "the Romanian said"
        ('I have no excuses', 'Dragomirescu'),
        ('Six months ago', 'Holmgren'),
        ('Yui is the hardest', 'Brennan'),
        ('Ask me on Saturday', 'Brennan'),  # "she laughed:"
        ('We have never seen demand', 'Moreau-Lefèvre'),
        ('I am proud', 'Hiroshi|father'),  # "Nakamura's father, Hiroshi," (not Yui Nakamura)
    ],
    'ceasefire.txt': [
        ('The guns must fall silent', 'Chissano-Mabote'),
        ('today, if the other side', 'Nkurunziza-Bamba'),
        ('We have respected', 'Kabuye'),
        ('Both sides are here', 'diplomat'),
        ('Families are living', 'Fosse'),
        ('We cannot help people', 'Médecins Sans Frontières|statement'),
    ],
    'freebuses.txt': [
        ('Public transport is a right', 'Sequeira|mayor'),  # "the mayor said" after "Mayor Ricardo Sequeira"
        ('A family that has to choose', 'Sequeira|mayor'),
        ('Nothing is free', 'Amaral-Lobo'),
        ('If you want people', 'Wendt'),
        ('Free buses will be full', 'Cabral'),
        ('Who will drive here', 'Shopkeepers'),  # "they asked in an open letter"
        ('Not while I am mayor', 'Sequeira'),  # "he replied:"
        ('I spend 40 euros', 'Fontes'),
    ],
    'factoryfire.txt': [
        ('The fire started on the third', 'Karim'),
        ('We ran to the stairs', 'Begum'),
        ('We tried to put it out', 'Mannan'),
        ('devastated by this tragedy', 'Meghna'),
        ('Whoever locked those doors', 'Akhter'),
        ('Ten years after Rana Plaza', 'Clean Clothes'),
        ('We are shocked', 'Åkesson'),
        ('They say the doors were locked', 'Shirin Akter'),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_speakers_on_a_news_sample(article, run, name):
    r = run(article(name))
    wrong = []
    for words, pattern in EXPECTED[name]:
        q = find_quote(r, words)
        if not re.search(pattern, q.speaker or "", re.I) and not re.search(pattern, q.mention or "", re.I):
            wrong.append((words, q.speaker, q.mention, q.how))
    assert not wrong


def find_quote(r, words: str):
    """The quote starting with `words`, else the one holding them (a quote split around its attribution,
    or two paragraphs of one quote, may be one span or two: either is right)."""
    inside = [q for q in r.quotes if words in q.text]
    if not inside:
        return r.quote(words)  # fails, listing the quotes found
    return next((q for q in inside if q.text.startswith(words)), inside[0])
