"""Cue and speaker for each construction, on short hand-written news articles."""

import pytest

pytestmark = pytest.mark.model


def test_speaker_after_the_quote_and_inverted(run):
    r = run('"Prices will fall by the summer," Finance Minister Carla Ruiz emphasized on Friday.\n'
            '"We are not there yet," said Ruiz.')
    q = r.quote("Prices will fall")
    assert (q.speaker, q.cue, q.mention, q.kind) == ("Carla Ruiz", "emphasized", "Carla Ruiz", "direct")
    assert r.speaker("We are not there yet") == "Carla Ruiz"


def test_speaker_before_the_quote_with_colon(run):
    r = run('Opposition leader Daniel Brooks was blunt, stating: "This budget will hurt every family."')
    q = r.quote("This budget")
    assert q.speaker == "Daniel Brooks" and q.cue == "stating"


def test_apposition_between_speaker_and_cue(article, run):
    r = run(article("summit.txt"))
    q = r.quote("must not become")
    assert q.speaker == "Katrin Vogel" and q.kind == "partial"
    assert r.speaker("If we do not fund") == "Peter Hale"  # "General Sir Peter Hale, a former army chief, ..."


def test_relative_clause_who(article, run):
    r = run(article("bridge.txt"))
    q = r.quote("the budget cannot")
    assert q.speaker == "Ruth Okafor" and q.mention == "who" and q.cue == "warned"


def test_according_to(article, run):
    r = run(article("bridge.txt"))
    q = r.quote("Every week without")
    assert q.speaker == "Priya Nair" and q.cue == "according"
    r2 = run('According to police spokesman Mark Ellis, "the suspect left the city on Sunday."')
    assert r2.speaker("the suspect left") == "Mark Ellis"


def test_headline_convention(article, run):
    r = run(article("bridge.txt"))
    q = r.quote("Within Months")
    assert q.speaker == "Laura Chen" and q.kind == "partial"
    r2 = run("Budget Row: Treasury Warns of ‘Painful Choices’\n"
             "London – Chancellor Emma Hart said the country faced \"painful choices\" this year.")
    assert r2.speaker("Painful Choices") == "Emma Hart"  # the same words said in the body


def test_pronouns_resolve_to_the_right_person(article, run):
    r = run(article("summit.txt"))
    # "she said" teaches us Vogel is a woman, so "he warned" goes to the envoy she met.
    q = r.quote("We will not sign")
    assert q.speaker == "Marcos Oliveira" and q.mention == "he" and q.cue == "warned"
    assert r.speaker("binding targets") == "Marcos Oliveira"
    r2 = run("Lord Ashby, a former head of the navy, estimated the fleet was too small.\n"
             "\"We simply do not have the ships,\" he warned.")
    assert r2.speaker("We simply") == "Lord Ashby"


def test_pronoun_through_participle_and_conjunction(run):
    r = run('Mayor Tom Reyes met the protesters on Sunday and, speaking to reporters afterwards, '
            'admitted he was "deeply worried" by the violence.')
    assert r.speaker("deeply worried") == "Tom Reyes"


def test_quote_split_by_attribution_has_one_speaker(article, run):
    r = run(article("bridge.txt"))
    assert r.speaker("We are not going anywhere") == "Tom Baker"
    q = r.quote("This is our home")
    assert q.speaker == "Tom Baker" and q.how == "split"
    r2 = run('"We are ready," Coach Anna Berg said, "and we will win on Saturday."')
    assert r2.speaker("and we will win") == "Anna Berg"


def test_nested_quote_speaker_is_whom_the_outer_speaker_quotes(article, run):
    r = run(article("bridge.txt"))
    q = r.quote("The inspector told me")
    assert q.speaker == "Tom Baker" and q.mention == "he"
    inner = r.quote("this bridge is safe")
    assert (inner.speaker, inner.speaker_kind, inner.mention) == ("the inspector", "unnamed", "The inspector")


def test_multi_paragraph_quote_keeps_its_speaker(article, run):
    r = run(article("strike.txt"))
    assert r.speaker("We want a fair deal") == "Gary Moss"
    assert r.speaker("Nobody wants that") == "Gary Moss"
    assert r.speaker("disappointed") == "Helen Marsh"


def test_standalone_quote_after_a_named_speaker(article, run):
    r = run(article("summit.txt"))
    q = r.quote("It's a good start")
    assert q.speaker == "Peter Hale" and q.confidence < 0.6


def test_quote_without_attribution_gets_a_low_confidence_guess(run):
    r = run("The minister Jane Cole toured the flooded town on Monday.\n"
            "Residents have been without power for a week.\n"
            '"We were forgotten," read a sign on one house.\n')
    q = r.quote("We were forgotten")
    assert q.speaker is not None and q.confidence < 0.5
    r2 = run('Nobody is named here. "Some words," .')
    assert r2.quote("Some words").speaker is None


def test_unnamed_speakers_are_the_articles_own_words(run):
    r = run('Senator Mary Holt left early. "The plan is dead," officials said.')
    q = r.quote("The plan is dead")
    assert (q.speaker, q.speaker_kind) == ("officials", "group")  # never Mary Holt


def test_kinds(article, run):
    r = run(article("bridge.txt"))
    assert r.quote("We will rebuild").kind == "direct"
    assert r.quote("as fast as humanly possible").kind == "partial"


def test_every_quote_has_a_confidence(article, run):
    for name in ("bridge.txt", "summit.txt", "strike.txt"):
        for q in run(article(name)).quotes:
            assert 0.0 <= q.confidence <= 1.0


@pytest.mark.parametrize("name, expected", [
    ("storm.txt", {
        "We are ready": "Daniel Ortiz",  # comma outside the marks
        "Crews have been out": "Daniel Ortiz",
        "would not comment": "Daniel Ortiz",
        "It was terrible": "Maria Lopez",  # "34-year-old witness Maria Lopez told"
        "The roof just came off": "Maria Lopez",
        "Why did nobody warn us?": "Kevin Walsh",  # "asked resident Kevin Walsh, 52"
        "We regret the inconvenience": "the utility company",  # an organisation, described
        "I told the governor": "Daniel Ortiz",  # a role inside the quote is not the speaker
        "extraordinary": "Linda Park",
        "We made real progress": "Linda Park",  # "she"
        "This is not over": "Kevin Walsh",  # present tense "says"
        "the strongest in a decade": "Susan Kim",
        "We will rebuild": "Linda Park",  # "wrote on social media"
        "A warning system": "Kevin Walsh",
        "We will ask for one": "Daniel Ortiz",  # two speakers in one paragraph
    }),
    ("prices.txt", {
        "Families are hurting": "Joe Harlan",  # "the president said"
        "The plan will be published": "Tim Reed",  # "Harlan's spokesman, Tim Reed, said:"
        "under review": "a spokesman for the Treasury",  # unnamed, the article's own words
        "Inflation is falling": "Anne Duval",
        "We must stay patient": "Anne Duval",
        "Not this year": "Anne Duval",
        "The economy,": "Joe Harlan",
        "is stronger than": "Joe Harlan",
        "a gimmick": "Bill Carter",
        "deserve better": "Bill Carter",
    }),
])
def test_common_news_attributions(article, run, name, expected):
    r = run(article(name))
    assert {k: r.speaker(k) for k in expected} == expected
    assert len(r.quotes) == len(expected)


def test_split_sentence_is_direct(article, run):
    r = run(article("prices.txt"))
    assert r.quote("The economy,").kind == r.quote("is stronger than").kind == "direct"
    assert r.quote("a gimmick").kind == "partial"


def test_colon_at_the_end_of_the_previous_paragraph(run):
    r = run("Talks Resume\nGeneva – The envoy Tom Hill met both sides on Monday.\n"
            "Afterwards, Hill told reporters:\n\"We have a framework. The details will take weeks.\"\n")
    q = r.quote("We have a framework")
    assert q.speaker == "Tom Hill" and q.cue == "told" and q.confidence > 0.6


def test_an_unbalanced_mark_does_not_cost_the_article(run):
    r = run("Port Strike Ends\nRotterdam – Union leader Kees de Vries called the deal \"a victory for workers.\n"
            "\"We stood together and we won,\" de Vries said on Friday.\n"
            "Port director Ellen Bos said the port would be \"back to normal\" by Monday.\n")
    assert r.speaker("We stood together") == "Kees de Vries"
    assert r.speaker("back to normal") == "Ellen Bos"


def test_dates_after_titles_are_not_names(run):
    r = run('The President Tuesday said the talks were "useful". Senator Ann Cole agreed.')
    assert "Tuesday" not in " ".join(r.persons)


def test_second_reference_by_nationality_or_age(run):
    r = run('Elena Marin, 31, said she was tired after the match. "My shoulder hurts," the Romanian said.\n'
            'Tomas Weber said he was pleased. "We played well today," the 27-year-old said.\n'
            'The French delegation left early. "We reject this draft," the French said.')
    assert r.speaker("My shoulder hurts") == "Elena Marin"
    assert r.speaker("We played well") == "Tomas Weber"
    assert r.speaker("We reject this draft") != "Tomas Weber"  # a people, not the last person named


def test_double_barrelled_surname_alone_and_after_first_name(run):
    r = run('Senator Patricia Delacroix-Ng chaired the hearing. Minister Paulo Reis spoke first.\n'
            'Delacroix-Ng said after the hearing that she was not satisfied. "The answers raise more questions," '
            'she said.\n"Nothing is free," said councillor Beatriz Amaral-Lobo.')
    assert r.speaker("The answers raise") == "Patricia Delacroix-Ng"
    assert r.speaker("Nothing is free") == "Beatriz Amaral-Lobo"


def test_lone_given_name_apposed_to_a_relation(run):
    r = run("Yui Tanaka won the final. Her father, Hiroshi, watched from the stands.\n"
            'Asked about his daughter, he said: "I am proud."')
    assert r.speaker("I am proud") == "Hiroshi"


def test_descriptor_before_an_organisations_name(run):
    r = run('The housing charity Shelterline said the estate was "a symptom of a national problem."')
    assert r.speaker("a symptom") == "Shelterline"


def test_group_pronoun_after_a_question_that_ends_the_sentence(run):
    r = run('The mayor cut the parking spaces. Shopkeepers in the old town said they feared losing customers.\n'
            '"Who will drive here to shop?" they asked in an open letter.')
    assert "shopkeepers" in (r.speaker("Who will drive") or "").lower()


def test_pronoun_inside_a_quotation_names_someone_in_it(run):
    r = run('The finance minister, Leonor Quaresma, defended the budget.\n'
            'Tomasz Zielinski said: "When I asked the minister how many advisers she employs, she told me, '
            '\'Enough to do the job.\' That is not an answer."')
    assert r.speaker("Enough to do the job") == "Leonor Quaresma"


def test_headline_quote_held_in_a_longer_body_quote(run):
    r = run("'We cannot wait another winter': tenants demand repairs\n"
            'Tenants marched on Saturday. "We cannot wait another winter. The walls are black," said the '
            "association's chair, Fatima Osei-Mensah.")
    assert r.quotes[0].text.startswith("We cannot wait") and r.quotes[0].speaker == "Fatima Osei-Mensah"


def test_relative_which_after_an_organisations_name(run):
    r = run('The bridge will be rebuilt by a firm, Harcastle Stone, which said in a statement that the job '
            'was "slow but simple".')
    assert r.speaker("slow but simple") == "Harcastle Stone"


def test_occupation_in_title_case_before_a_name_is_no_part_of_it(run):
    r = run('Forecaster Ingrid Solvang of the national weather service said the storm would "lose strength '
            'by Sunday".\n"Stay indoors tonight," she added.')
    assert r.speaker("lose strength") == "Ingrid Solvang" and r.speaker("Stay indoors") == "Ingrid Solvang"


def test_nested_quote_of_someone_the_speaker_named_in_an_earlier_quote(run):
    r = run('Tenant Rosa Lindqvist said: "My landlord looked at the damp and said, \'It is only condensation.\' '
            'That was all."\nThe council has since inspected the flat.\n'
            '"When I called again, he told me, \'Open a window.\' Nobody has come since."')
    assert r.speaker("Open a window") == "my landlord"
    r2 = run('"The prefect told us, \'Wait for the convoy,\' and we waited all night," said driver Tomas Berg.')
    assert r2.speaker("Wait for the convoy") == "the prefect"


def test_unclosed_quote_keeps_its_own_speaker_when_a_new_speaker_follows(run):
    r = run('Maria Lopez, who chairs the growers\' union, said the harvest was lost. "We have nothing left '
            'to sell.\nThe ministry said in a statement that aid would be "considered in the autumn".')
    assert r.speaker("We have nothing left") == "Maria Lopez"
    assert r.speaker("considered in the autumn") != "Maria Lopez"


def test_quote_in_a_reported_clause_that_is_no_speech_of_its_subject(run):
    r = run('Mayor Jonas Weber met residents on Monday. He said engineers had warned the board about the '
            'bridge "again and again". He said the agency had ordered checks of "every span of the old '
            'viaduct" this year.')
    assert r.speaker("again and again") == "Jonas Weber"
    assert r.speaker("every span") == "Jonas Weber"


def test_headline_quote_of_a_group_after_the_colon(run):
    r = run('"Nobody warned us": tenants demand answers over flooded estate\n'
            'Tenants of the Riverside estate in Hull met council officers on Monday. Housing officer '
            'Gemma Price said the drains had been "cleared in March".')
    assert r.speaker("Nobody warned us") == "tenants"


def test_question_and_answer_dialogue_alternates_between_asker_and_asked(run):
    r = run('Prosecutor Helen Ward questioned Mr Daniel Cole about the night of the fire.\n'
            '"Where were you at midnight?"\n"At home, asleep."\n"Who can confirm that?"\n"Nobody. I live alone."\n'
            'The trial continues.')
    assert [r.speaker(w) for w in ("Where were", "At home", "Who can", "Nobody")] == \
        ["Helen Ward", "Daniel Cole", "Helen Ward", "Daniel Cole"]


def test_occupation_and_cut_surname_of_a_tagged_name():
    """As the model tags it in a longer article: "Forecaster Marta" a PERSON, the surname untagged
    though the parse makes it the name's head. The occupation is dropped, the surname kept."""
    import spacy
    from spacy.tokens import Doc

    from annotator.nlp.persons import find_persons

    words = ["Forecaster", "Marta", "Ibáñez", "said", "it", "would", "rain", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=[2, 2, 3, 3, 6, 6, 3, 3],
              deps=["compound", "compound", "nsubj", "ROOT", "nsubj", "aux", "ccomp", "punct"],
              pos=["PROPN", "PROPN", "PROPN", "VERB", "PRON", "AUX", "VERB", "PUNCT"],
              tags=["NNP", "NNP", "NNP", "VBD", "PRP", "MD", "VB", "."], ents=["B-PERSON", "I-PERSON"] + ["O"] * 6)
    mentions, persons = find_persons(doc)
    assert [persons[m.key].name for m in mentions] == ["Marta Ibáñez"]


def test_surname_that_is_the_antecedent_of_who_names_a_person(run):
    r = run("Tunde Ajayi's header in the 90th minute gave Harwich Town a 1-0 win over Elmfield on Sunday. Ajayi, "
            'who arrived from Porto last summer, said he had waited all season for it. "I just closed my eyes," '
            "said the 26-year-old.")
    assert "Tunde Ajayi" in r.persons
    assert r.speaker("I just closed") == "Tunde Ajayi"


def test_describing_noun_with_an_organisation_name_right_after_it(run):
    r = run('The reviews came in on Friday. The gaming site Pixelbyte called the controls "clumsy and slow" but '
            'said the story was "a triumph".')
    assert r.speaker("clumsy and slow") == r.speaker("a triumph") == "Pixelbyte"


def test_the_one_named_after_called_is_not_the_speaker(run):
    r = run('Ruth Adler founded the bakery in 1952. Pastry chef Tomas Brandt, who trained there in 1980, '
            'called Adler "the best teacher I ever had".')
    assert r.speaker("the best teacher") == "Tomas Brandt"


def test_i_in_an_interview_answer_is_the_one_interviewed(run):
    r = run("Lucia Ferrante runs a ferry company in Naples. She spoke to us in her office.\n"
            "Q: How did it start?\n"
            'A: My uncle told me, "Buy one boat and see." I said, "One boat is not a company."\n'
            "Q: And now?\n"
            "A: Now we have nine.")
    assert r.speaker("Buy one boat") == "my uncle"
    assert r.speaker("One boat is not") == "Lucia Ferrante"


def test_courtesy_title_before_a_name_the_model_tags_as_an_organisation(run):
    r = run('Cllr Orla Ní Bhriain (Lab) said the plan was "a disgrace". "Who asked the people of this town?" '
            'she asked. Councillor Cathal Mac Giolla Bhríde said he was "disappointed".')
    assert r.speaker("a disgrace") == r.speaker("Who asked") == "Orla Ní Bhriain"
    assert r.speaker("disappointed") == "Cathal Mac Giolla Bhríde"


def test_letters_of_office_after_a_name_are_not_part_of_it(run):
    r = run('Deputy Ciarán Doherty TD said he would raise the closure in the Dáil. "This is a disgrace," he said.')
    assert r.speaker("This is a disgrace") == "Ciarán Doherty"


def test_first_name_read_as_a_common_word_between_title_and_surname(run):
    r = run('Chief Executive Per Lindholm said the group was "putting its balance sheet first". '
            '"We will not cut again," he said.')
    assert r.speaker("putting its balance") == r.speaker("We will not cut") == "Per Lindholm"


def test_police_rank_before_a_name(run):
    r = run('The spokesperson of the command, SP Adaeze Nwankwo, confirmed the arrest. '
            '"The suspect is in custody," she stated.')
    assert r.speaker("The suspect is in custody") == "Adaeze Nwankwo"


def test_subject_after_an_opening_phrase_that_ends_with_a_name(run):
    r = run('Stallholders fear higher rents. In reply to questions from the Harbour Daily, the Markets Board said '
            'rents would be "set at market rates".')
    assert r.speaker("set at market rates") == "Markets Board"


def test_family_word_heads_an_unnamed_speaker(run):
    r = run('An ANGRY dad has branded the council "useless" after his son was turned away from the pool.')
    q = r.quote("useless")
    assert (q.speaker, q.speaker_kind) == ("an ANGRY dad", "unnamed")


def test_unnamed_speaker_keeps_the_phrase_that_describes_it(run):
    r = run('A guard at the prison, who asked not to be named, said staff were "exhausted". '
            'A person close to the negotiations said the deal was "days away".')
    assert r.speaker("exhausted") == "a guard at the prison"
    assert r.speaker("days away") == "a person close to the negotiations"


def test_reminded_reports_speech(run):
    r = run('Roads were icy on Monday. In a post on X, Northvale Police reminded drivers to "slow down and keep '
            'your distance".')
    assert r.speaker("slow down") == "Northvale Police"


def test_quoted_as_saying_gives_the_one_quoted(run):
    r = run('The mayor, Bola Adewale, visited the site on Friday. "Nobody will be left behind," the release '
            'quoted the mayor as saying.')
    q = r.quote("Nobody will be left")
    assert q.mention == "the mayor" and q.speaker_kind != "document"


def test_quoted_title_set_off_after_the_noun_of_a_work_is_nobodys(run):
    r = run('"The effect was large," said the lead author, Dr Mira Solheim. The study, "Root fungi raise barley '
            'yields under heat stress", appears in Crop Science this week.')
    q = r.quote("Root fungi")
    assert (q.speaker, q.kind) == (None, "partial")
    assert r.speaker("The effect was large") == "Mira Solheim"


def test_name_with_a_relative_clause_after_an_opening_phrase_speaks(run):
    # The parser hangs the name and its "who" clause on the opening phrase and leaves "said" without subject.
    r = run('In a call with the Harbour Ledger, Ingrid Sollberg, who has run the port authority since 2019, '
            'said Kestrel Freight had "paid every invoice on time". "We never had a problem with them," she said.')
    assert r.speaker("paid every invoice") == "Ingrid Sollberg"


def test_pronoun_prefers_the_reporter_over_the_subject_of_what_is_reported(run):
    # The name hangs on the opening phrase (no subject of its own); the reported clause's subject is a name too.
    r = run('In a call with the Harbour Ledger, Ingrid Sollberg, who has run the port authority since 2019, '
            'said Kestrel Freight had "paid every invoice on time". "We never had a problem with them," she said.')
    assert r.speaker("We never had a problem") == "Ingrid Sollberg"
