"""Speakers that are not named persons, and the constructions news uses for them, on hand-written
articles (tests/nlp/articles): organisations, groups, unnamed people, documents, partial quotes,
outlets that relay, nested quotes."""

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize("name, expected", [
    ("ministry.txt", [
        ("No illness has been linked", "Portuguese Ministry of Health", "organisation"),  # "the ministry said"
        ("a precaution", "Portuguese Ministry of Health", "organisation"),  # "It added"
        ("Parents who bought", "a ministry spokeswoman", "unnamed"),  # "the spokeswoman said"
        ("We share the concern", "Lactinova", "organisation"),  # "The manufacturer, Lactinova," ... "the company said"
        ("can be dangerous", "European Food Safety Authority", "organisation"),  # "EFSA's website warns"
        ("late but necessary", "Deco Proteste", "organisation"),  # "Consumer group X called ..."
    ]),
    ("protest.txt", [
        ("Not one day more!", "protesters", "group"),  # quote first, "protesters chanted"
        ("ignored every proposal", "Union leaders", "group"),
        ("We will strike", "Union leaders", "group"),  # "they said in a joint declaration"
        ("My body cannot", "one marcher", "unnamed"),  # "she said" after "One marcher, a nurse, ..."
        ("unavoidable", "several lawmakers", "group"),
        ("The system will run out", "Carmen Ruiz", "person"),  # "Ruiz told Cadena SER": not the radio
    ]),
    ("court.txt", [
        ("incomplete and misleading", "High Court", "organisation"),  # "In its ruling, the court wrote"
        ("The right to a clean environment", "Grace Mutua", "person"),  # "the judge said"
        ("This dam will bring", "a ministry official", "unnamed"),
        ("Today the river won.", "Peter Kamau", "person"),  # "Their lead counsel, Peter Kamau, told reporters:"
        ("vital to national development", "the document", "document"),
    ]),
    ("outlets.txt", [
        ("nothing improper", "Rachel Moss", "person"),
        ("Every loan was declared", "Rachel Moss", "person"),  # "Moss told CNN"
        ("close ties", "Washington Post", "organisation"),  # "The newspaper reported": the Post, named before
        ("has never asked", "Daniel Ortega", "person"),  # "X told Reuters his client ..."
        ("serious questions", "Linda Grant", "person"),  # "Speaking to the BBC, ... said the case raised"
        ("Loans of this size", "Linda Grant", "person"),
    ]),
    ("partial.txt", [
        ("reckless", "Mark Delaney", "person"),  # "described the budget as"
        ("hiding the true cost", "Mark Delaney", "person"),  # "accused Mayor Helen Brooks of": not Brooks
        ("political theatre", "Helen Brooks", "person"),  # "dismissed the criticism as"
        ("protect every essential service", "Helen Brooks", "person"),
        ("painful choices", "Amir Haddad", "person"),  # "X, who chairs ..., warned of"
        ("the right project", "Amir Haddad", "person"),  # "He called the transit plan"
        ("a betrayal", "residents' associations", "group"),  # "branded the cuts"
    ]),
    ("nominals.txt", [
        ("The building was fully alight", "a fire service spokesman", "unnamed"),  # "the spokesman said"
        ("higher than the houses", "an eyewitness", "unnamed"),
        ("It sounded like fireworks", "another neighbour", "unnamed"),
        ("Forty people work here", "the owner of the warehouse", "unnamed"),  # "he said"
        ("We are keeping an open mind", "Sarah Cole", "person"),  # "the inspector said": Inspector Sarah Cole
    ]),
])
def test_sources_of_every_kind(article, run, name, expected):
    r = run(article(name))
    got = [(w, r.quote(w).speaker, r.quote(w).speaker_kind) for w, _, _ in expected]
    assert got == expected
    assert all(0.0 < q.confidence <= 1.0 for q in r.quotes)


def test_an_unnamed_source_keeps_its_organisation(article, run):
    r = run(article("ministry.txt"))
    spokeswoman = next(p for p in r.analysis.persons.values() if p.name == "a ministry spokeswoman")
    assert (spokeswoman.org, spokeswoman.local, spokeswoman.gender) == ("Portuguese Ministry of Health", True, "f")
    assert r.persons["European Food Safety Authority"].aliases == ["EFSA"]  # "... Authority (EFSA)"


def test_nested_quotes(article, run):
    r = run(article("nested.txt"))
    inner = r.quote("Why didn't I listen?")  # "I keep thinking, '...'": the outer speaker himself
    assert (inner.speaker, inner.how) == ("Tom Hardy", "nested-self")
    people = r.quote("It's only a summer storm")  # "People say, '...'"
    assert (people.speaker, people.speaker_kind) == ("people", "group")
    assert r.speaker("Never climb alone") == "his mother"  # "his mother had always told him:"
    assert r.quote("You're going home today").confidence < 0.5  # no verb of its own: a weak guess


def test_outlets_relay_and_are_not_speakers(run):
    r = run('Finance Minister Omar Said told the BBC that the deal was "dead". '
            '"We tried everything," he told Reuters.\n'
            'According to NBC News, Senator Jo Park called the vote "a farce".')
    assert r.speaker("dead") == "Omar Said"
    assert r.speaker("We tried everything") == "Omar Said"
    assert r.speaker("a farce") == "Jo Park"
    r2 = run('Protests spread to three more cities. "The army will not intervene," according to Reuters.')
    assert r2.speaker("The army will not") is None or r2.quote("The army will not").speaker_kind != "organisation"


def test_a_person_named_inside_the_quote_is_not_the_speaker(run):
    r = run('"Nobody trusts Minister Kate Lowe any more," a senior official said on Monday.')
    q = r.quote("Nobody trusts")
    assert (q.speaker, q.speaker_kind) == ("a senior official", "unnamed")


def test_passive_reporting_verb_takes_its_agent(run):
    r = run('The suspect, Adam Reyes, was described as "extremely dangerous" by the police. '
            'The outbreak was declared an "emergency" by the World Food Programme (WFP) on Friday.')
    q = r.quote("extremely dangerous")
    assert (q.speaker, q.speaker_kind) == ("police", "organisation") or q.speaker == "the police"
    assert r.speaker("emergency") == "World Food Programme"


def test_documents_speak_when_nobody_issued_them(run):
    r = run('Reports differ on whether the driver was "drunk or just tired".\n'
            'Article 12 of the Constitution states "no citizen may be exiled".')
    assert r.quote("drunk or just tired").speaker_kind == "document"
    assert r.quote("no citizen may be exiled").speaker_kind == "document"


def test_the_ministry_is_the_ministry_named_before(run):
    r = run('The Ministry of Agriculture banned the pesticide on Monday.\n'
            'Farmers were given six months to use up their stocks, the ministry said. "We listened to '
            'the scientists," it said in a statement.')
    q = r.quote("We listened")
    assert (q.speaker, q.speaker_kind, q.mention) == ("Ministry of Agriculture", "organisation", "it")


def test_definite_role_is_the_person_introduced_with_it(run):
    r = run('Finance Minister Ana Lima presented the budget on Tuesday.\n'
            '"This is a budget for growth," the minister said.\n'
            'Opposition leader Rui Costa was unimpressed. "It is a budget for nobody," the opposition leader said.')
    assert r.speaker("This is a budget for growth") == "Ana Lima"
    assert r.speaker("It is a budget for nobody") == "Rui Costa"
