"""Source of `heldout_quotes.jsonl`: short news articles written for the quote-span tests (invented
people and organisations, not taken from any evaluation set), with their gold quotes marked inline.

    python tests/nlp/heldout_quotes_build.py        # rewrites tests/nlp/heldout_quotes.jsonl

Markup (stripped from the text; offsets are computed here, never by hand):
  {Q KIND WHO ATTR MENTION|quoted words}  a quoted stretch, the words inside the marks (marks outside);
                                          KIND d (direct) or p (partial); WHO a key of the article's
                                          `who` or "-" (speaker null); ATTR name / nominal / pronoun /
                                          context / none; MENTION a mention id or "-"
  {M ID|words}                            a mention of a speaker
The conventions are those of ../shared/eval/dev_news.README.md (spans without the marks, punctuation
inside the marks kept, one entry per paragraph of a quote running over paragraphs, scare quotes,
titles, labels and glosses partial with speaker null).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent / "heldout_quotes.jsonl"
KINDS = {"d": "direct", "p": "partial"}

ARTICLES = [
    {
        "id": "heldout-sewer-british-singles",
        "title": "Mill Lane residents told to leave homes for sewer repair",
        "who": {"mo": ("Margaret Oduya", "person"), "ph": ("Peter Hollins", "person"),
                "sb": ("Sunil Bhatt", "person"), "dc": ("Denise Carr", "person"),
                "nc": ("Northway Civils", "organization")},
        "text": """Residents of a street in Ashworth, Lancashire, have been told they must leave their homes for up to six months while engineers repair a collapsed Victorian sewer beneath the road.
Ashworth Borough Council said on Tuesday that 34 households on Mill Lane would be moved into temporary accommodation from next week. Council leader {M m1|Margaret Oduya} said: '{Q d mo name m1|We don't take this decision lightly. People's homes are where they feel safe, and we're asking them to leave for the winter.}'
The collapse was discovered in August, when a delivery lorry's rear wheels sank into the carriageway outside number 12. {M m2|Peter Hollins}, 71, who has lived on the street since 1979, said: '{Q d ph name m2|I heard a crack like a gunshot. By the time I got my shoes on, the Smiths' front wall was leaning into the hole.}'
{M m3|He} said residents had warned the council about the sewer '{Q p ph pronoun m3|more than once}'. '{Q d ph pronoun m4|We wrote to them in 2019 and again in 2021,}' {M m4|he} said. '{Q d ph context m4|Nobody came. It's only now that a lorry's gone through the road that anyone's bothered.}'
The council's director of environment, {M m5|Sunil Bhatt}, said the authority had inspected the pipe in 2021 and found it '{Q p sb name m5|in fair condition for its age}'. '{Q d sb pronoun m6|Nobody could have predicted a failure of this scale,}' {M m6|he} told the '{Q p - none -|Ashworth Gazette}'.
Residents' association chair {M m7|Denise Carr} said families had been offered rooms in a hotel '{Q p dc name m7|twenty minutes' drive away}' and that some children would have to change buses twice to reach school.
'{Q d dc pronoun m8|The kids are asking when they can go home, and I can't tell them,}' {M m8|she} said. '{Q d dc context m8|What am I supposed to say to a seven-year-old?}'
The repair will be carried out by a contractor, {M m9|Northway Civils}, which said in a statement that the work was '{Q p nc name m9|complex but entirely routine}'. The road is expected to reopen in the spring.""",
    },
    {
        "id": "heldout-libraries-mixed-doubles",
        "title": "Harlow Springs council votes to close two libraries",
        "who": {"dw": ("Dana Whitcombe", "person"), "tr": ("Tomas Reyes", "person"),
                "ab": ("Alicia Brandt", "person"), "fd": ("the city's finance department", "organization")},
        "text": """The city council of Harlow Springs, Colorado, voted 6-3 on Monday night to close two of its five public libraries, ending a months-long fight over the city's budget.
Mayor {M m1|Dana Whitcombe} defended the cuts at the end of a four-hour meeting. “{Q d dw name m2|This is not the budget any of us wanted,}” {M m2|Whitcombe} said, "{Q d dw name m2|but the alternative was laying off firefighters, and I won't do that.}"
About 200 residents packed the council chamber, many of them parents with young children. “{Q d tr name m3|Libraries are where kids go when there's nowhere else to go,}" said {M m3|Tomas Reyes}, who has run the Eastgate branch for 14 years. "{Q d tr pronoun m4|Where will they go now?}” {M m4|he} asked.
Council member {M m5|Alicia Brandt}, who voted against the closures, called the decision "{Q p ab name m5|short-sighted}" and said the council had "{Q p ab name m5|chosen the easy cut over the right one.}"
Brandt has proposed a ballot measure to raise the city's sales tax by a quarter cent to keep the branches open. “{Q d ab pronoun m6|Let the voters decide,}” {M m6|she} wrote on social media. “{Q d ab context m6|If they say no, fine. But at least it will be their choice!}”
{M m7|The city's finance department} said in a written statement that the two branches cost "{Q p fd nominal m7|roughly $1.4 million a year}" to run and that their collections would be moved to the remaining three.
The Eastgate and Fairmount branches will close on March 31. A group of parents has organised a "{Q p - none -|read-in}" at Eastgate for the final weekend, and the ballot measure could go to voters in November.""",
    },
    {
        "id": "heldout-hospice-fraud-multiparagraph",
        "title": "Former hospice treasurer jailed for four years",
        "who": {"em": ("Eleri Morgan", "person"), "hj": ("Huw Jenkins", "person"),
                "rt": ("Rhiannon Tudor", "person"), "ol": ("Owen Lewis", "person")},
        "text": """A judge in Cardiff has jailed a former charity treasurer for four years for stealing more than £600,000 from a children's hospice.
Gareth Pryce, 58, admitted 14 counts of fraud by abuse of position at an earlier hearing. He had been treasurer of the Bryn Glas Hospice Trust for 11 years.
Sentencing him on Friday, Judge {M m1|Eleri Morgan} said:
"{Q d em name m1|You were trusted completely. The trustees did not check your work because they had no reason to think they needed to.}
"{Q d em context m1|Every pound you took was a pound given by a family who had watched a child die in that building, or by a neighbour who wanted to help.}
"{Q d em context m1|I accept that you are ashamed. That does not undo the harm you have done.}"
Pryce's barrister, {M m2|Huw Jenkins}, said his client had "{Q p hj name m2|lost everything}", including his marriage and his home, and had repaid about £40,000.
In a statement read outside court, the hospice's chief executive, {M m3|Rhiannon Tudor}, said:
“{Q d rt name m3|Today is not a day for celebration. Our staff and volunteers have been through two very difficult years.}
“{Q d rt context m3|We have tightened every control we have, and we are grateful to the families who stood by us.}
“{Q d rt context m3|We now want to get back to what we do best, which is caring for children and their families.}”
The court heard that Pryce spent much of the money on online gambling and hid the losses by moving funds between the trust's accounts at the end of each quarter. Detective Constable {M m4|Owen Lewis} of South Wales Police said the case showed "{Q p ol name m4|how much damage one person in a position of trust can do}".""",
    },
    {
        "id": "heldout-chemical-nested",
        "title": "Inspector tells inquiry managers ignored corroded tank",
        "who": {"mdg": ("Marieke de Groot", "person"), "mgr": ("my manager", "unnamed_person"),
                "hmgr": ("her manager", "unnamed_person"), "jv": ("Johan Vermeer", "person"),
                "fb": ("Femke Bakker", "person")},
        "text": """A former safety inspector at a chemical plant near Rotterdam has told a parliamentary inquiry that managers ignored repeated warnings about a corroded storage tank months before it leaked.
{M m1|Marieke de Groot}, who worked at the Vlaardingen site operated by Norvex Chemicals from 2017 to 2023, told MPs on Wednesday that she had raised the issue in at least six reports.
"{Q d mdg pronoun m3|{M m2|My manager} read the report, put it down and said, '{Q d mgr nominal m2|We're not shutting the line for a bit of rust.}' Those were his exact words,}" {M m3|she} said.
The tank, which held about 900 cubic metres of a solvent used in paint production, leaked in March, forcing the closure of a nearby motorway for two days.
"{Q d mdg context m3|When I asked what would happen if it failed, {M m4|he} told me, '{Q d mgr pronoun m4|Then we will all be famous.}' I did not think it was funny then, and I do not think it is funny now.}"
Norvex's chief executive, {M m5|Johan Vermeer}, told the inquiry that the company "{Q p jv name m5|did not receive any report describing an imminent risk}" and that the phrase '{Q p - none -|a bit of rust}' did not appear in any internal document he had seen.
Committee chair {M m6|Femke Bakker} said: "{Q d fb name m6|Ms de Groot told us {M m7|her manager} called it '{Q p hmgr nominal m7|a bit of rust}'. We will be asking Norvex to show us every report she filed.}"
The inquiry continues next week, when the national labour inspectorate is due to give evidence.""",
    },
    {
        "id": "heldout-drought-unclosed",
        "title": "Ebro valley farmers count losses as drought deepens",
        "who": {"jp": ("Jordi Puigvert", "person"), "alf": ("Ana Lucía Ferrer", "person"),
                "min": ("Spain's agriculture ministry", "organization"), "mi": ("Marta Ibáñez", "person")},
        "text": """Farmers in the Ebro valley say this summer's drought is the worst they can remember, as reservoirs in northeastern Spain fall below a quarter of their capacity.
{M m1|Jordi Puigvert}, who grows peaches and nectarines near Lleida, said he had lost about half of his crop. "{Q d jp context m1|We have been irrigating one day in four. The trees survive, but the fruit is small and nobody wants to buy it.}
The regional agriculture department estimates losses of at least 300 million euros across Catalonia and Aragon.
{M m2|Ana Lucía Ferrer}, a spokeswoman for the farmers' union Unió Agrària, said the union had asked Madrid for emergency aid. "{Q d alf context m2|What we are asking for is not charity. It is the same support that was given to the fishing fleet last year.}
{M m3|Spain's agriculture ministry} said in a statement that a package of aid measures would be "{Q p min nominal m3|presented to the cabinet in the coming weeks}".
Forecaster {M m4|Marta Ibáñez} of the state meteorological agency said there was "{Q p mi name m4|no sign of significant rain before October.}
"{Q d mi pronoun m5|Even a wet autumn will not refill the reservoirs by itself,}" {M m5|she} added. "{Q d mi context m5|We need two or three normal winters.}"
Some growers have already begun pulling out older trees to save water for the younger ones. "{Q d jp name m6|My grandfather planted these,}" said {M m6|Puigvert}, pointing to a row of stumps. "{Q d jp context m6|I never thought I would be the one to cut them down.}""",
    },
    {
        "id": "heldout-vodka-scare-quotes",
        "title": "Nineteen arrested in counterfeit vodka raids",
        "who": {"ca": ("Claire Ashdown", "person"), "tso": ("a trading standards officer", "unnamed_person"),
                "nh": ("Naveed Hussain", "person")},
        "text": """Police in Manchester have arrested 19 people in dawn raids on a gang suspected of selling counterfeit vodka to bars and corner shops across the north of England.
The arrests on Thursday were the culmination of an 18-month investigation known as Operation "{Q p - none -|Blue Lantern}", Greater Manchester Police said.
Officers seized about 40,000 bottles labelled as a "{Q p - none -|premium}" Polish brand from a warehouse in Trafford Park. Tests showed that some contained methanol, which can cause blindness. The counterfeit bottles even carried a fake "{Q p - none -|tamper-proof}" seal.
Detective Superintendent {M m1|Claire Ashdown} said: "{Q d ca name m1|These people were not running a '{Q p - none -|business}'. They were gambling with their customers' eyesight.}"
Officers also raided three so-called "{Q p - none -|kitchen distilleries}" in Oldham and Rochdale, where industrial spirit was diluted, coloured and bottled.
{M m2|A trading standards officer}, who asked not to be named, said some shopkeepers had been "{Q p tso nominal m2|genuinely fooled}" by the labels, but that others "{Q p tso nominal m2|knew exactly what they were buying}".
Local MP {M m3|Naveed Hussain} said the raids were "{Q p nh name m3|welcome, but overdue}". "{Q d nh pronoun m4|How many people have to end up in hospital before we license every wholesaler?}" {M m4|he} asked.
The suspects, aged between 22 and 61, are being held at police stations across the city. Anyone who has bought vodka they believe to be fake has been asked to contact police.""",
    },
    {
        "id": "heldout-word-of-year-glosses",
        "title": "Dictionary names 'heatflation' word of the year",
        "who": {"hm": ("Helen Marsh", "person"), "ao": ("Adebayo Okonkwo", "person")},
        "text": """The Lexicon Press, publisher of the Harcourt Dictionary of English, has named "{Q p - none -|heatflation}" its word of the year, describing rising food prices blamed on extreme weather.
The word, a blend of "{Q p - none -|heat}" and "{Q p - none -|inflation}", was used ten times more often this year than last, according to the publisher's database of news and online writing.
{M m1|Helen Marsh}, the dictionary's editor-in-chief, said the choice reflected "{Q p hm name m1|a year in which the weather showed up on people's till receipts}". "{Q d hm pronoun m2|Words like this don't arrive by committee. Somebody coins them, and then everybody needs them,}" {M m2|she} said.
Other words on the shortlist included '{Q p - none -|doomscroll}', which first appeared in 2020, and '{Q p - none -|quiet quitting}'. The publisher also noted that the word '{Q p - none -|vaccine}' had dropped out of its list of the 1,000 most frequent words for the first time since 2019.
The word "{Q p - none -|vaccine}" comes from the Latin "{Q p - none -|vacca}", meaning "{Q p - none -|cow}", because the first vaccine was made from cowpox.
Linguist {M m3|Adebayo Okonkwo} of the University of Leeds called the choice "{Q p ao name m3|a clever marketing exercise}" and said most people "{Q p ao name m3|will never say it out loud.}" "{Q d ao pronoun m4|It's a newspaper word, not a kitchen-table word. Ask anyone at a bus stop what it means!}" {M m4|he} said.
Marsh's own book on new words, "{Q p - none -|Words We Didn't Know We Needed}", is published next month.""",
    },
    {
        "id": "heldout-fishermen-guillemets",
        "title": "French fishermen threaten to blockade Channel ports",
        "who": {"olb": ("Olivier Le Bihan", "person"), "cv": ("Claire Vasseur", "person"),
                "yc": ("Yannick Caron", "person"), "pref": ("the prefect", "unnamed_person")},
        "text": """France's fishing industry has threatened to blockade Channel ports from next week unless the government increases its subsidy for diesel, which fishermen say has doubled in price since January.
The head of the national fishermen's committee, {M m1|Olivier Le Bihan}, said: «{Q d olb name m1|We have been patient for two years. Our patience is finished.}»
Fisheries minister {M m2|Claire Vasseur} said she understood « {Q p cv name m2|the anger of the sea} » but that the state budget had « {Q p cv name m2|no room left} ». «{Q d cv pronoun m3|Nobody is abandoning the fishermen,}» {M m3|she} told France Inter radio. «{Q d cv context m3|But nobody can promise money that does not exist.}»
In Boulogne-sur-Mer, the country's largest fishing port, skippers said they had already tied up about a third of the fleet because trips no longer paid for the fuel.
«{Q d yc name m5|{M m4|The prefect} told us, “{Q d pref nominal m4|Go home and wait,}” and we have waited. Now we are done waiting!}» said {M m5|Yannick Caron}, who owns two trawlers.
The organisers have called the protest "{Q p - none -|Opération Port Fermé}" and say it will begin at dawn on Monday at Boulogne, Calais and Dunkirk. Ferry operators said they were preparing for delays.
The government has spent about 1.2 billion euros on fuel support for farmers, hauliers and fishermen since last year, according to the finance ministry. Fishing groups in Brittany and Normandy said they would join the action if talks this week fail.""",
    },
    {
        "id": "heldout-trial-headline-dialogue",
        "title": "Van driver tells Leeds court he never saw cyclist",
        "who": {"km": ("Kevin Marsden", "person"), "lf": ("Louise Fenwick", "person"), "po": ("Philip Oakes", "person")},
        "text": """'{Q d km nominal m1|I never saw her,}' {M m1|driver} tells Leeds court
A van driver accused of causing the death of a cyclist by careless driving has told Leeds Crown Court he did not see her before the collision.
{M m2|Kevin Marsden}, 44, of Pudsey, denies the charge. Amira Haddad, 29, died at the junction of Kirkstall Road and Viaduct Road in April last year.
Under cross-examination on Wednesday, prosecutor {M m3|Louise Fenwick} asked Mr {M m4|Marsden} about the moments before the crash.
'{Q d lf context m3|Were you looking at your phone?}'
'{Q d km context m4|No. It was in the glovebox.}'
'{Q d lf context m3|Then why did the phone record a message being opened at 8.14am?}'
'{Q d km context m4|I can't explain that. I've been asked it a hundred times.}'
Mr {M m5|Marsden} told the jury he had been driving at '{Q p km name m5|no more than 25}' and had checked his mirrors twice. '{Q d km pronoun m6|She came from nowhere,}' {M m6|he} said.
The prosecution says Mr Marsden turned left across a marked cycle lane without looking. Ms Haddad, a junior doctor at St James's University Hospital, died in hospital two days later. Her parents have attended every day of the trial.
Defending, {M m7|Philip Oakes} told the jury that the junction had been '{Q p po name m7|a known danger for years}' and that the council had been asked to redesign it in 2019.
The court has heard that the van's dashboard camera was not working on the day of the crash. The trial continues.""",
    },
    {
        "id": "heldout-dairy-interview-qa",
        "title": "Interview: a dairy farmer on prices, wolves and the next generation",
        "who": {"gov": ("the government", "organization"), "fa": ("my father", "unnamed_person"),
                "man": ("a man", "unnamed_person"), "da": ("my daughter", "unnamed_person")},
        "text": """Sigrun Halvorsen, 52, runs a dairy cooperative of 40 farms in northern Norway. She spoke to us about milk prices, wolves and the future of small farms. The interview has been edited for length.
Q: Milk prices fell by 12 percent this year. How are your members coping?
A: Some are not. Two families left this spring. We call what we do "{Q p - none -|slow farming}", but slow does not pay the bank.
Q: {M m1|The government} says the new support scheme is "{Q p gov nominal m1|the most generous in a generation}". Is it?
A: {M m2|My father} used to say, "{Q d fa nominal m2|A promise from Oslo is worth the paper it isn't written on.}" He was not always right, but he was right about that.
Q: What about the wolves?
A: Last year we lost 31 sheep. The authorities sent {M m3|a man} who looked at the carcasses and said "{Q p man nominal m3|possibly a dog}". A dog! Then they sent nobody at all.
Q: Will your children take over the farm?
A: My daughter is studying law in Tromsø. When I asked her, {M m4|she} laughed and said, "{Q d da pronoun m4|Mamma, have you seen the hours you work?}" I think that is a no.
Q: What would change your mind about the future?
A: A fair price for milk, and a government that answers the phone. That is all we ask.""",
    },
    {
        "id": "heldout-strike-curly-singles",
        "title": "Scottish lecturers to strike over pensions",
        "who": {"fm": ("Fiona McLeish", "person"), "us": ("Universities Scotland", "organization"),
                "cr": ("Callum Reid", "person"), "sgs": ("a Scottish Government spokesperson", "unnamed_person")},
        "text": """Lecturers at 14 universities in Scotland will walk out for five days next month in a dispute over pensions, the University and College Union (UCU) has said.
The union’s Scottish official, {M m1|Fiona McLeish}, said members had been left with ‘{Q p fm name m1|no choice but to act}’ after talks with employers ‘{Q p fm name m1|went nowhere}’.
‘{Q d fm pronoun m2|Nobody goes into teaching to stand on a picket line in February. But we’re being asked to accept a cut of a third to our retirement income. Would you accept that?}’ {M m2|she} said.
Many of the lecturers joined the pension scheme in the ’90s, when contributions were lower and the scheme was in surplus.
{M m3|Universities Scotland}, which represents employers, said the scheme’s deficit was ‘{Q p us name m3|real and growing}’ and that the offer on the table was ‘{Q p us name m3|fair in the circumstances}’.
Student leader {M m4|Callum Reid}, president of the students’ association at one of the affected universities, said students were ‘{Q p cr name m4|caught in the middle again}’. ‘{Q d cr pronoun m5|We’ve had Covid, we’ve had the marking boycott, and now this. Enough is enough!}’ {M m5|he} said.
{M m6|A Scottish Government spokesperson} said ministers were ‘{Q p sgs nominal m6|urging both sides to get back round the table}’. Further talks are planned for next Tuesday.
The union said about 6,000 staff would be affected. Several universities said exams scheduled for the strike week might have to be moved.""",
    },
    {
        "id": "heldout-school-headline-nested",
        "title": "Parents demand answers over closed school",
        "who": {"par": ("parents", "group"), "lp": ("Laura Pennington", "person"), "head": ("the head", "unnamed_person"),
                "nnc": ("North Northamptonshire Council", "organization"), "rm": ("Rajesh Mistry", "person")},
        "text": """"{Q d par nominal m1|We were lied to}": {M m1|parents} demand answers over closed school
Parents of pupils at a primary school in Kettering have accused the local authority of hiding safety problems after the building was closed at two days' notice because of crumbling concrete.
Greenfield Primary School, which has 310 pupils, will teach children in portable classrooms on a nearby playing field from Monday.
Engineers found the lightweight concrete in the roof of the school hall and two classrooms during a routine survey in the summer holidays. Similar problems have closed parts of more than 100 schools in England this year.
{M m2|Laura Pennington}, whose two sons attend the school, said: '{Q d lp name m2|In June {M m3|the head} told us, "{Q d head nominal m3|The building is perfectly safe,}" and two weeks later it was shut. Either they didn't know, or they didn't tell us.}'
{M m4|North Northamptonshire Council} said in a statement that it had acted '{Q p nnc name m4|as soon as the engineers' report was received}'.
Council cabinet member {M m5|Rajesh Mistry} said: '{Q d rm name m5|I understand parents' frustration. Nobody wanted this, and nobody was hiding anything.}' {M m6|He} said the council had ordered surveys of '{Q p rm pronoun m6|every building of that era}' that it owns.
{M m7|Pennington} said the portable classrooms were '{Q p lp name m7|a stopgap dressed up as a plan}'. '{Q d lp pronoun m8|Where will the children eat? Where will they go when it rains?}' {M m8|she} asked.""",
    },
]

TOKEN = re.compile(r"\{(Q|M) ([^|{}]*)\||\}")


def build(article: dict) -> dict:
    src, out, stack, quotes, mentions = article["text"], [], [], [], {}
    pos = 0
    for m in TOKEN.finditer(src):
        out.append(src[pos:m.start()])
        pos = m.end()
        here = sum(map(len, out))
        if m.group(0) == "}":
            kind, args, start = stack.pop()
            if kind == "M":
                mentions[args] = (start, here)
            else:
                quotes.append((start, here, args.split()))
        else:
            stack.append((m.group(1), m.group(2), here))
    out.append(src[pos:])
    assert not stack, article["id"]
    text = "".join(out)
    gold = []
    for start, end, (k, who, attr, mid) in quotes:
        assert text[start:end] == text[start:end].strip() and end > start, (article["id"], text[start:end])
        speaker, stype = article["who"][who] if who != "-" else (None, None)
        mention = None
        if mid != "-":
            ms, me = mentions[mid]
            mention = {"text": text[ms:me], "start": ms, "end": me}
        assert (speaker is None) == (mention is None) == (attr == "none"), (article["id"], text[start:end])
        gold.append({"start": start, "end": end, "text": text[start:end], "speaker": speaker,
                     "speaker_type": stype, "kind": KINDS[k], "attribution": attr, "mention": mention})
    gold.sort(key=lambda q: (q["start"], -q["end"]))
    return {"id": article["id"], "source": "written for these tests", "title": article["title"],
            "text": text, "quotes": gold}


def write(articles: list[dict], out: Path) -> None:
    """Build every article's gold and write them as one JSONL file (the other held-out sets too)."""
    records = [build(a) for a in articles]
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    for r in records:
        print(f"{r['id']}: {len(r['text'].split())} words, {len(r['quotes'])} quotes")


def main() -> None:
    write(ARTICLES, OUT)


if __name__ == "__main__":
    main()
