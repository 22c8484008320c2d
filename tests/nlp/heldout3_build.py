"""Source of `heldout3.jsonl`: fifteen news articles written to estimate quote and speaker quality on
news nobody tuned the rules for (invented people and organisations; domains and styles the other test
articles do not cover: earnings, a match report, a study, a council vote, an inquest, an obituary, a
feature, a wire brief, a live blog, an interview transcript, a police appeal, a press release, an
earthquake, an election night, a product launch). The gold was written before the rules saw the text.

    python tests/nlp/heldout3_build.py        # rewrites tests/nlp/heldout3.jsonl

The markup and conventions are those of `heldout_quotes_build.py` (whose `build` and `write` are used here).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from heldout_quotes_build import write  # noqa: E402

OUT = Path(__file__).resolve().parent / "heldout3.jsonl"

ARTICLES = [
    {
        "id": "heldout3-earnings-analysts",
        "title": "Kestrel Foods shares fall after second profit warning",
        "who": {"ra": ("Rosalind Achebe", "person"), "jl": ("Joachim Lindqvist", "person"),
                "ds": ("Deepa Subramaniam", "person"), "mf": ("Marcus Feldman", "person")},
        "text": """Shares in Kestrel Foods fell 14 per cent on Thursday after the frozen-food maker cut its profit forecast for the second time this year, blaming higher energy costs and weaker demand in its German business.
The company said underlying operating profit for the year would be between £210 million and £225 million, down from a previous range of £240 million to £260 million. Revenue in the six months to June rose 3 per cent to £1.62 billion.
Chief executive {M m1|Rosalind Achebe} told analysts on a conference call that the company had been "{Q p ra name m1|too slow to pass on costs}" to supermarkets in Germany. "{Q d ra pronoun m2|We have fixed that. New prices took effect on the first of July, and we are already seeing the benefit in our margins,}" {M m2|she} said.
Finance director {M m3|Joachim Lindqvist} said the company would cut capital spending by about £30 million and delay the opening of a new factory in Poland until 2026. "{Q d jl pronoun m4|It is the prudent thing to do,}" {M m4|he} said. "{Q d jl context m4|We would rather build it a year late than build it with borrowed money.}"
Analysts were unconvinced. "{Q d ds name m5|This is the second downgrade in four months, and the explanation has not changed,}" said {M m5|Deepa Subramaniam}, an analyst at Harwell Securities, who cut her recommendation on the shares to sell.
{M m6|Marcus Feldman} of Oakridge Capital, one of Kestrel's ten largest shareholders, said investors wanted "{Q p mf name m6|a credible plan, not another set of excuses}".
The company's shares have lost almost 40 per cent of their value since January. Kestrel, which employs 9,400 people in six countries, will publish full-year results in February.""",
    },
    {
        "id": "heldout3-football-match-report",
        "title": "Late Okafor header keeps Dunmore in title race",
        "who": {"bk": ("Brendan Kilbride", "person"), "eo": ("Emeka Okafor", "person"),
                "ivdb": ("Ilse van der Berg", "person"), "kd": ("Kieran Doyle", "person")},
        "text": """Emeka Okafor's header in the 89th minute gave Dunmore Athletic a 2-1 win over Castlebridge on Saturday and kept them two points behind the league leaders with four games left.
Castlebridge had led through a first-half penalty from Luca Ferraro, awarded after a VAR review found that Dunmore defender Sam Whitlock had handled the ball. Dunmore equalised after the break when Tomás Aguirre curled a free kick into the top corner.
Dunmore manager {M m1|Brendan Kilbride} said his side had "{Q p bk name m1|earned the luck}". "{Q d bk pronoun m2|We kept going. At half-time {M m3|I} told them, '{Q d bk pronoun m3|Nobody is going to hand us this, so go and take it,}' and they did,}" {M m2|he} said.
{M m4|Okafor}, who joined from Porto in January, said it was his first headed goal for the club. "{Q d eo nominal m5|Honestly, I closed my eyes. The ball hit my head and then everybody was on top of me,}" said {M m5|the 24-year-old}.
Castlebridge coach {M m6|Ilse van der Berg} complained that her side had been denied a penalty of their own in stoppage time, when Ferraro went down under a challenge from Whitlock. "{Q d ivdb name m7|If that is a penalty in the first half, it is a penalty in the last minute. I don't understand how the same rule changes in 45 minutes,}" {M m7|van der Berg} said.
Dunmore captain {M m8|Kieran Doyle} described the dressing room after the final whistle as "{Q p kd name m8|absolute chaos}".
The league said it would not comment on refereeing decisions. Dunmore travel to Harlton Rovers next Saturday, while Castlebridge host the leaders.""",
    },
    {
        "id": "heldout3-science-walking-study",
        "title": "Short walks after meals lower blood sugar, study finds",
        "who": {"km": ("Kadri Mägi", "person"), "fq": ("Faisal Qureshi", "person"),
                "de": ("Diabetes Europe", "organization"), "ht": ("Heino Tamm", "person")},
        "text": """Walking for as little as ten minutes after a meal can lower blood sugar levels in older adults, according to a study published on Wednesday in the journal Metabolic Health Reports.
Researchers at the University of Tartu in Estonia followed 312 people aged between 60 and 80 for twelve weeks. Half were asked to walk after lunch and dinner; the rest kept to their usual routine.
Those who walked had blood sugar levels about 12 per cent lower two hours after eating. The effect was strongest in people with pre-diabetes.
{M m1|Kadri Mägi}, a professor of physiology who led the study, said the findings were "{Q p km name m1|encouraging but modest}". "{Q d km pronoun m2|We are not saying that a walk replaces medication. What we are saying is that it is free, it is safe, and most people can do it,}" {M m2|she} said.
The study did not find any change in body weight or in long-term blood sugar measures. Dr {M m3|Faisal Qureshi}, a diabetes specialist at King's College Hospital in London who was not involved in the research, said it was "{Q p fq name m3|a well-designed trial with a sensible message}", but warned against reading too much into it.
"{Q d fq pronoun m4|Twelve weeks is short. We need to know whether people keep walking after the researchers stop calling them,}" {M m4|he} said.
{M m5|Diabetes Europe}, a patient charity, said in a statement that the results were "{Q p de name m5|a useful reminder that small changes add up}".
Mägi's team now plans a two-year follow-up with 1,500 participants. One of the volunteers, {M m6|Heino Tamm}, 74, said the walks had become a habit. "{Q d ht pronoun m7|My wife and I go round the park after dinner every night now. Even in the rain,}" {M m7|he} said.""",
    },
    {
        "id": "heldout3-council-parking",
        "title": "Councillors approve seafront parking charges",
        "who": {"gp": ("Gwen Pritchard", "person"), "ac": ("Anil Chaudhry", "person"),
                "tb": ("Tricia Baldwin", "person"), "cs": ("a council spokesman", "unnamed_person")},
        "text": """Parking charges will be introduced on the seafront at Wexcombe from April after councillors voted narrowly in favour on Tuesday evening.
Members of Wexcombe Town Council voted 8-7 for the scheme, which will charge drivers £1.50 an hour between 9am and 6pm from Easter to the end of September. Residents with a permit will park free.
Council leader {M m1|Gwen Pritchard} said the charges would raise about £120,000 a year for beach cleaning and toilets. "{Q d gp pronoun m2|Every summer we have thousands of visitors and every summer the bins overflow. Somebody has to pay for that, and I don't think it should only be council tax payers,}" {M m2|she} said.
Opposition councillor {M m3|Anil Chaudhry} said the scheme would "{Q p ac name m3|drive visitors to Pellmouth}", where parking is free. "{Q d ac pronoun m4|Shops on the front are hanging on by their fingernails as it is,}" {M m4|he} added.
{M m5|Tricia Baldwin}, who runs a café opposite the pier, told the meeting: "{Q d tb name m5|You are putting a toll booth on our customers. Come and stand in my café in August and tell me we need fewer people.}"
A petition against the charges, titled "{Q p - none -|Keep Wexcombe Free}", gathered more than 2,300 signatures in three weeks.
The scheme will be reviewed after its first summer. {M m6|A council spokesman} said officers would publish figures on income and visitor numbers "{Q p cs nominal m6|as soon as they are available}".""",
    },
    {
        "id": "heldout3-inquest",
        "title": "Coroner criticises hospital over delayed scan",
        "who": {"pk": ("Patricia Kowalczyk", "person"), "nv": ("Nikhil Varma", "person"),
                "gm": ("Grace Mwangi", "person"), "eht": ("Eastfield Hospitals NHS Trust", "organization")},
        "text": """A coroner has criticised Eastfield General Hospital after a 34-year-old man died of a brain bleed that doctors failed to spot for nine hours.
Daniel Mwangi, a bus driver from Northby, was taken to the hospital's emergency department with a severe headache in March last year. He was given painkillers and told to wait for a scan, which was not carried out until the following morning. He died two days later.
Recording a narrative conclusion at Northby Coroner's Court on Monday, senior coroner {M m1|Patricia Kowalczyk} said the delay had "{Q p pk name m1|more than minimally contributed}" to his death. {M m2|She} said: "{Q d pk pronoun m2|Mr Mwangi described the worst headache of his life. That should have prompted an urgent scan, and it did not.}"
The inquest heard that the department was on "{Q p - none -|black alert}", its highest level of pressure, that night, with 61 patients waiting to be seen.
Emergency consultant {M m3|Nikhil Varma} told the inquest that staff had been "{Q p nv name m3|stretched beyond anything that is safe}". "{Q d nv pronoun m4|I am sorry. We should have got it right, and we didn't,}" {M m4|he} said.
In a statement after the hearing, Mr Mwangi's widow, {M m5|Grace Mwangi}, said: "{Q d gm name m5|Daniel trusted the people who were meant to help him. Our two girls will grow up without their father because nobody listened.}"
{M m6|Eastfield Hospitals NHS Trust} said it "{Q p eht name m6|fully accepted}" the coroner's findings and had since hired eleven more emergency nurses. The coroner said she would write to the Department of Health about staffing in emergency departments.""",
    },
    {
        "id": "heldout3-obituary-family",
        "title": "Ferdinand Osei, founder of Accra jazz club, dies at 88",
        "who": {"aom": ("Abena Osei-Mensah", "person"), "fo": ("Ferdinand Osei", "person"),
                "kb": ("Kofi Boateng", "person"), "yd": ("Yaw Darko", "person")},
        "text": """Ferdinand Osei, who opened one of West Africa's best-known jazz clubs in a converted warehouse in Accra in 1967, has died at the age of 88.
His family said he died peacefully at home on Sunday, surrounded by his children and grandchildren.
Born in Kumasi in 1936, Osei worked as a railway clerk before teaching himself the trumpet from records bought at the docks. He opened the club, which he named "{Q p - none -|Osei's Corner}", with money borrowed from an uncle. Over five decades it hosted musicians from Lagos, London and New Orleans.
His daughter, {M m1|Abena Osei-Mensah}, said her father had "{Q p aom name m1|never once closed the door on a musician who needed a stage}". "{Q d aom pronoun m2|{M m3|He} used to say, '{Q d fo pronoun m3|If you can play, you can eat.}' Half the musicians in this city had dinner at our table at some point,}" {M m2|she} said.
Saxophonist {M m4|Kofi Boateng}, who first played at the club in 1971, called Osei "{Q p kb name m4|a father to all of us}". "{Q d kb name m5|The music was the easy part. He was the one who made sure the band got paid,}" {M m5|Boateng} said.
The club closed in 2015 but reopened in 2019 under the management of Osei's grandson, {M m6|Yaw Darko}. "{Q d yd pronoun m7|Grandpa still came every Friday. He sat in the same chair by the stage until this summer,}" {M m7|he} said.
Osei is survived by five children, 14 grandchildren and three great-grandchildren. His wife, Comfort, died in 2008. A funeral will be held in Accra next month.""",
    },
    {
        "id": "heldout3-feature-cycle-lane",
        "title": "On Corve Street, the cycle lane that divided a neighbourhood",
        "who": {"ri": ("Raymond Ibbotson", "person"), "sl": ("Sofia Lindgren", "person"),
                "hr": ("Hamid Rezaei", "person"), "sw": ("a spokeswoman", "unnamed_person")},
        "text": """Ask anyone on Corve Street about the cycle lane and you will get an opinion, usually a strong one.
The two-way lane, separated from traffic by a low kerb, opened in May. It took away 40 parking spaces and, according to the shopkeepers who lost them, a good part of their trade.
"{Q d ri name m1|Before, people stopped, bought a paper, bought some bread, drove on. Now they drive past,}" says {M m1|Raymond Ibbotson}, who has run the newsagent at number 27 for 31 years. {M m2|He} points at the kerb. "{Q d ri context m2|That bit of concrete cost me a fifth of my takings.}"
Across the road, the view is different. {M m3|Sofia Lindgren}, who cycles her two children to school along the lane every morning, calls it "{Q p sl name m3|the best thing the council has done in a decade}". "{Q d sl pronoun m4|I used to put them on the pavement because the road was terrifying. Now they ride on their own and I follow behind,}" {M m4|she} says.
The numbers, such as they are, do not settle the argument. The council's own counts show about 1,100 cyclists a day using the lane, three times as many as before. But a survey by the Corve Street Traders' Association found that 19 of its 26 members had seen sales fall.
{M m5|Hamid Rezaei}, a transport researcher at Midlands Metropolitan University, thinks both sides are partly right. "{Q d hr pronoun m6|Shopkeepers almost always overestimate how many of their customers arrive by car. But a change like this does shift who comes, and when,}" {M m6|he} says. "{Q d hr context m6|The council should have talked to them a year earlier than it did.}"
The council says it did talk to them. {M m7|A spokeswoman} pointed to three public meetings held in 2022 and said the scheme had been "{Q p sw nominal m7|consulted on extensively}".
For now, the kerb stays. "{Q d ri name m8|They'll take it out one day. I just hope I'm still here when they do,}" says {M m8|Ibbotson}.""",
    },
    {
        "id": "heldout3-wire-brief",
        "title": "Chilean copper mine halts output after tailings dam leak",
        "who": {"mcs": ("Minera Cordillera Sur", "organization"),
                "sma": ("Superintendencia del Medio Ambiente", "organization"), "vr": ("Valentina Rojas", "person")},
        "text": """SANTIAGO, Oct 14 - Chilean miner Minera Cordillera Sur halted production at its Las Vertientes copper mine on Monday after workers found a leak in a tailings dam, sending copper prices to a two-week high. "{Q d mcs nominal m1|Operations have been suspended as a precaution while our engineers assess the structure. There is no risk to nearby communities,}" {M m1|the company} said in a statement.
Chile's environment regulator, the {M m2|Superintendencia del Medio Ambiente}, said it had sent inspectors to the site, about 80 kilometres east of Copiapó, and would decide "{Q p sma name m2|within days}" whether to open a formal investigation. Residents of the nearby village of San Félix told local radio that the river below the dam had turned grey on Sunday.
Las Vertientes produced 212,000 tonnes of copper last year, about 4 per cent of Chile's output. {M m3|Valentina Rojas}, an analyst at BancoAndino in Santiago, said a stoppage of more than two weeks would be "{Q p vr name m3|significant for a market that is already tight}". Shares in the company fell 6.2 per cent. Minera Cordillera Sur, which is controlled by the Errázuriz family, has operated the mine since 1998. Its last environmental inspection, in March, found no faults.""",
    },
    {
        "id": "heldout3-liveblog-power-cut",
        "title": "Live: power cut leaves 200,000 homes in Halvorsen without electricity",
        "who": {"nsp": ("a Nordvolt spokesperson", "unnamed_person"), "lh": ("Liv Haugland", "person"),
                "hp": ("Halvorsen Police", "organization"), "je": ("Jonas Eide", "person"),
                "ms": ("Marit Solheim", "person")},
        "text": """21:15 That's all from us tonight. Thank you for following our coverage.
20:58 Grid operator Nordvolt says it expects most homes to have power back by midnight. "{Q d nsp nominal m1|Our engineers have isolated the fault at the Brekke substation and are bringing the network back section by section,}" {M m1|a Nordvolt spokesperson} said.
20:41 Mayor {M m2|Liv Haugland} has urged people to check on elderly neighbours. "{Q d lh pronoun m3|If you know someone who lives alone, knock on their door tonight,}" {M m3|she} wrote on X.
20:30 Traffic lights are out across the city centre and police are asking drivers to stay at home. {M m4|Halvorsen Police} said on social media that officers were directing traffic at "{Q p hp name m4|the busiest junctions}" but could not cover them all.
20:12 Our reporter {M m5|Jonas Eide}, who is at Halvorsen Central Station, says trains are not running and hundreds of people are waiting outside. "{Q d je pronoun m6|It's pitch black in the ticket hall. Staff are handing out torches and there's a queue for the one working payphone,}" {M m6|he} says.
19:55 A resident of the Sandvika district, {M m7|Marit Solheim}, 67, told us she had been stuck in a lift for forty minutes before firefighters got her out. "{Q d ms pronoun m8|I sang to keep myself calm. I think I frightened the firemen more than the dark did,}" {M m8|she} said.
19:40 Power went out across large parts of Halvorsen at about 19:20 local time. Nordvolt says a fault at a substation is to blame. Hospitals are running on backup generators.""",
    },
    {
        "id": "heldout3-interview-transcript",
        "title": "A conversation with Nnamdi Eze, the farmer's son who texts the weather",
        "who": {"inv": ("investors", "group"), "ne": ("Nnamdi Eze", "person"), "dad": ("my father", "unnamed_person"),
                "kf": ("a farmer in Kogi", "unnamed_person"), "mum": ("my mother", "unnamed_person")},
        "text": """Nnamdi Eze grew up on a cassava farm in Enugu State. Today he runs Harvestline, a company that sends weather warnings by text message to about 400,000 farmers in Nigeria and Ghana. He spoke to us at his office in Lagos. The interview has been edited for length and clarity.
Q: Why text messages, and not an app?
A: Because most of our farmers don't have smartphones, and the ones who do usually don't have data. {M m1|Investors} kept telling me, "{Q d inv nominal m1|Build an app, everyone has an app.}" {M m2|I} said, "{Q d ne pronoun m2|Come to my village and show me where to charge the phone.}"
Q: How did the idea start?
A: With my father, really. Every year he lost part of his harvest to rain that came too early or too late. {M m3|My father} used to say that the sky "{Q p dad nominal m3|does not send invoices}". You just pay.
Q: What has been the hardest part?
A: Trust. In the first season our forecast said rain and it didn't rain. {M m4|A farmer in Kogi} called me and said, "{Q d kf nominal m4|Your phone is a liar.}" He was right that time. Now our forecasts are right about eight times in ten, and farmers tell their neighbours.
Q: What comes next?
A: Ghana first, then Côte d'Ivoire, which means French. We have hired a small team in Abidjan. {M m5|My mother} asked me last week, "{Q d mum nominal m5|When are you coming home to farm?}" {M m6|I} told her: "{Q d ne pronoun m6|I am farming, Mama. Just with numbers.}\"""",
    },
    {
        "id": "heldout3-police-appeal",
        "title": "Police appeal for witnesses after cyclist seriously injured in hit-and-run",
        "who": {"wp": ("Westshire Police", "organization"), "ro": ("Rachel Oyelowo", "person"),
                "bro": ("his brother", "unnamed_person")},
        "text": """Police are appealing for witnesses after a cyclist was seriously injured in a hit-and-run in Redbrook on Saturday night.
The 42-year-old man was riding along Station Road at about 11.20pm when he was struck by a dark-coloured car that failed to stop, Westshire Police said. He was taken to hospital with head and leg injuries, which are described as life-changing.
In a statement, {M m1|Westshire Police} said: "{Q d wp name m1|The vehicle was last seen heading towards the A38. It is likely to have damage to its front nearside, including its headlight and bumper. We are particularly keen to speak to anyone with dashcam footage from Station Road or the A38 between 11pm and midnight.}"
Detective Sergeant {M m2|Rachel Oyelowo}, who is leading the investigation, said: "{Q d ro name m2|Somebody knows who was driving that car. If it was you, the best thing you can do now is come forward.}"
A 29-year-old man from Thornbury was arrested on Sunday on suspicion of causing serious injury by dangerous driving and failing to stop. {M m3|Police} said he had been released on bail "{Q p wp nominal m3|pending further enquiries}".
The cyclist's family have asked for privacy. "{Q d bro nominal m4|He was on his way home from his shift. He always wore a helmet and lights. Please, if you saw anything, call the police,}" {M m4|his brother} said.
Anyone with information is asked to call 101, quoting incident number 1184 of 14 September, or to contact Crimestoppers anonymously.""",
    },
    {
        "id": "heldout3-press-release-jobs",
        "title": "Brightwell Logistics to create 450 jobs at new Tamworth depot",
        "who": {"kp": ("Kavita Patel", "person"), "bl": ("Brightwell Logistics", "organization"),
                "sm": ("Stuart McAllister", "person"), "hb": ("Helena Brzezińska", "person"),
                "dc": ("Darren Cole", "person")},
        "text": """Brightwell Logistics will create 450 jobs at a new distribution centre near Tamworth, the company announced on Monday.
The £85 million depot, on the site of a former power station, will open in the autumn of next year and handle deliveries for online retailers across the Midlands. Brightwell said about 300 of the roles would be warehouse positions, with the rest in transport, engineering and management.
"{Q d kp name m1|Tamworth gives us access to three motorways and a workforce with real logistics experience. We're delighted to be investing here,}" said {M m1|Kavita Patel}, Brightwell's chief operating officer.
{M m2|The company} said it would pay warehouse staff at least £12.60 an hour, above the national living wage, and offer "{Q p bl nominal m2|guaranteed hours for every permanent employee}".
The development was welcomed by the local MP, {M m3|Stuart McAllister}, who said it was "{Q p sm name m3|a vote of confidence in the town}". The chair of Tamworth Chamber of Commerce, {M m4|Helena Brzezińska}, said: "{Q d hb name m4|For years, young people have had to leave Tamworth to find work. This is the kind of investment that lets them stay.}"
The GMB union said it would seek recognition at the site. Regional organiser {M m5|Darren Cole} said the union would be "{Q p dc name m5|watching closely}" to make sure the promises on pay were kept. "{Q d dc pronoun m6|Press releases are cheap. We'll judge them on the first payslips,}" {M m6|he} said.
Brightwell, founded in Leicester in 1994, employs 3,200 people at 11 sites. Recruitment for the new depot will begin in the spring.""",
    },
    {
        "id": "heldout3-earthquake-peru",
        "title": "Magnitude 6.4 earthquake kills at least 11 in southern Peru",
        "who": {"rq": ("Rosa Quispe", "person"), "jcv": ("Julio César Vargas", "person"),
                "et": ("Elena Torres", "person"), "hc": ("Hernando Ccori", "person"),
                "prc": ("the Peruvian Red Cross", "organization")},
        "text": """At least 11 people were killed and more than 90 injured when a magnitude 6.4 earthquake struck southern Peru early on Thursday, damaging hundreds of adobe homes in the Arequipa region.
The quake hit at 4.12am local time at a depth of about 40 kilometres, according to Peru's geophysical institute, IGP. It was felt as far away as Lima, more than 700 kilometres to the north.
Most of the dead were in the village of Santa Rosa de Huacán, where several houses collapsed as families slept. "{Q d rq name m1|I heard the walls cracking and grabbed my children. By the time we were outside, the roof of my sister's house was on the ground,}" {M m1|Rosa Quispe}, 38, told the local station Radio Sur.
Regional governor {M m2|Julio César Vargas} said the death toll "{Q p jcv name m2|could rise}" as rescue teams reached villages cut off by landslides. "{Q d jcv pronoun m3|Roads are blocked in at least six places. We are sending help by helicopter where we can,}" {M m3|he} told reporters in Arequipa.
Prime Minister {M m4|Elena Torres} declared a 60-day state of emergency in four provinces and said the government would release "{Q p et name m4|whatever funds are needed}" for reconstruction.
Seismologist {M m5|Hernando Ccori} of the IGP said aftershocks were likely for several weeks. "{Q d hc pronoun m6|People should not sleep in damaged houses, even if they look safe from the outside,}" {M m6|he} said.
{M m7|The Peruvian Red Cross} said its volunteers were "{Q p prc name m7|working around the clock}" and had sent tents, blankets and water purification tablets to the worst-hit districts.""",
    },
    {
        "id": "heldout3-election-night",
        "title": "Sandoval wins Rivermouth mayoral race by 600 votes",
        "who": {"ms": ("Marisol Sandoval", "person"), "gw": ("Gary Whitfield", "person"),
                "sup": ("one supporter", "unnamed_person"), "tz": ("Tomasz Zieliński", "person")},
        "text": """Councillor Marisol Sandoval was elected mayor of Rivermouth on Tuesday night, beating the incumbent, Gary Whitfield, by just over 600 votes in the closest race in the city's history.
Sandoval, 46, a former public defender, took 50.8 per cent of the vote to Whitfield's 49.2 per cent, according to unofficial results released by the county elections office shortly after midnight. Turnout was 38 per cent.
Speaking to cheering supporters at a union hall downtown, {M m1|Sandoval} said: "{Q d ms name m1|They told us a public defender couldn't win this city. They told us we didn't have the money. Well, tonight Rivermouth told them something different.}"
{M m2|She} promised to "{Q p ms pronoun m2|fix the buses first}" and to reopen two fire stations closed under Whitfield.
{M m3|Whitfield} did not concede. "{Q d gw pronoun m4|With this many ballots still to be counted, it would be irresponsible to call this race tonight,}" {M m4|he} said in a statement. About 1,900 mail ballots remain to be counted, and a recount is automatic if the margin falls below half a percentage point.
At Whitfield's party in a downtown hotel, supporters drifted away before midnight. "{Q d sup nominal m5|We'll wait for the final count. It's not over till it's over,}" said {M m5|one supporter}, who did not want to be named.
Political scientist {M m6|Tomasz Zieliński} of Rivermouth State University said Sandoval's win reflected "{Q p tz name m6|a city that has changed faster than its politics}". "{Q d tz pronoun m7|Ten years ago this was a Whitfield town. The new apartment blocks downtown are full of renters under 35, and they voted,}" {M m7|he} said.
The results are expected to be certified on November 22.""",
    },
    {
        "id": "heldout3-tech-launch",
        "title": "Lumora unveils folding e-reader",
        "who": {"lwc": ("Lin Wei-chen", "person"), "lum": ("Lumora", "organization"),
                "gad": ("Gadgetry", "organization"), "pr": ("Priya Raghunathan", "person")},
        "text": """Lumora, the Taiwanese electronics maker, unveiled a folding e-reader on Wednesday, betting that readers will pay a premium for a device that fits in a pocket but opens to the size of a paperback.
The Lumora Fold, which goes on sale in Europe and North America next month for $399, uses two colour e-ink screens joined by a hinge. The company says its battery lasts six weeks with an hour of reading a day.
"{Q d lwc name m1|People love books, and they love their phones, but they do not love reading books on their phones,}" chief executive {M m1|Lin Wei-chen} said at the launch event in Taipei. "{Q d lwc context m1|We wanted to make something you can carry everywhere without thinking about it.}"
The device runs Lumora's own software and can open books bought from most online stores except Amazon's. {M m2|Lumora} said it was in "{Q p lum name m2|active discussions}" with Amazon but gave no details.
Early reviews were mixed. The technology site {M m3|Gadgetry} called the hinge "{Q p gad name m3|remarkably solid}" but said the screen's colours looked "{Q p gad name m3|washed out, like a newspaper left in the sun}".
{M m4|Priya Raghunathan}, an analyst at the research firm Techlens, said the e-reader market had shrunk by about a third since 2015. "{Q d pr pronoun m5|At $399 this is a luxury product. It will sell to people who already own three e-readers,}" {M m5|she} said. "{Q d pr context m5|Whether it sells to anyone else is another question.}"
Lumora's shares rose 2.3 per cent in Taipei. {M m6|The company}, best known for its gaming laptops, said it expected to sell "{Q p lum nominal m6|several hundred thousand}" units in the first year.""",
    },
]


def main() -> None:
    write(ARTICLES, OUT)


if __name__ == "__main__":
    main()
