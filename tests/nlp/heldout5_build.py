"""Source of `heldout5.jsonl`: eight news articles in styles the other test articles do not imitate (a
BBC-style explainer with several named experts, an AP-style court verdict, a Canadian local paper, a
South African daily, a Pakistani daily, a Caribbean paper, a parliamentary debate report with many
speakers alternating, a business interview with a chief executive), written to estimate quote and
speaker quality on first contact. Invented people and organisations; the gold was written and
committed before the rules saw the text.

    python tests/nlp/heldout5_build.py        # rewrites tests/nlp/heldout5.jsonl

The markup and conventions are those of `heldout_quotes_build.py` (whose `build` and `write` are used here).
Judgement calls: a question put by the interviewer in a Q&A is a quote of the interviewer's outlet only
when set in marks (here it is not); "the court heard" evidence read from a letter goes to its writer.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from heldout_quotes_build import write  # noqa: E402

OUT = Path(__file__).resolve().parent / "heldout5.jsonl"

ARTICLES = [
    {
        "id": "heldout5-bbc-explainer-heat-pumps",
        "title": "Heat pumps: Why are so few homes switching?",
        "who": {"lh": ("Lucy Hartigan", "person"), "gp": ("Graham Pardoe", "person"),
                "na": ("Nadia Aziz", "person"), "dep": ("Department for Energy Security", "organization")},
        "text": """The government wants 600,000 heat pumps to be installed every year by 2028. Last year the figure was just over 60,000. So what is holding households back?
The first problem is cost. A typical air-source heat pump costs between £8,000 and £14,000 to fit, compared with about £3,000 for a new gas boiler.
"{Q d lh name m1|The upfront price is still the single biggest barrier. Most people replace a boiler when it breaks, and nobody has £12,000 sitting around on a cold Tuesday in January,}" says {M m1|Lucy Hartigan}, an energy economist at the University of Leeds.
A grant of £7,500 is available in England and Wales, but Dr {M m2|Hartigan} points out that awareness of it is "{Q p lh name m2|remarkably low}".
The second problem is skills. There are about 6,000 qualified heat pump installers in the UK, according to the Heating Installers' Federation.
Its chief executive, {M m3|Graham Pardoe}, says many gas engineers are reluctant to retrain. "{Q d gp pronoun m4|If you're 55 and you've got a full diary fitting boilers, why would you take three weeks off to learn something new?}" {M m4|he} asks.
Then there is the question of whether heat pumps work in older, draughty homes. Professor {M m5|Nadia Aziz}, who studies building physics at University College London, says the fears are often overblown.
"{Q d na pronoun m6|We monitored 700 homes, including Victorian terraces, and the heat pumps kept them just as warm as gas boilers did,}" {M m6|she} says. "{Q d na context m6|What matters is sizing the system properly and, sometimes, fitting bigger radiators.}"
The {M m7|Department for Energy Security} said it was "{Q p dep name m7|confident}" the target could be met and that it would "{Q p dep name m7|continue to support households to make the switch}".""",
    },
    {
        "id": "heldout5-ap-court-verdict",
        "title": "Jury convicts former county treasurer of stealing $2.3 million",
        "who": {"ac": ("Adam Castellano", "person"), "mh": ("Melissa Hardaway", "person"),
                "rw": ("Ronald Whitfield", "person"), "jd": ("Janet Dorsey", "person")},
        "text": """ST. LOUIS (AP) — A federal jury on Thursday convicted a former Missouri county treasurer of stealing more than $2.3 million in public money over nine years and spending it on vacations, a lake house and a collection of vintage cars.
Ronald Whitfield, 61, was found guilty on 14 counts of wire fraud and money laundering after a six-day trial in U.S. District Court in St. Louis. He faces up to 20 years in prison on each wire fraud count when he is sentenced in March.
Whitfield showed no emotion as the verdict was read. His attorney, {M m1|Adam Castellano}, said his client would appeal.
"{Q d ac name m2|We respect the jury's decision, but we believe the court made serious errors in admitting some of the evidence,}" {M m2|Castellano} said outside the courthouse.
Prosecutors said Whitfield, who served as treasurer of Ozark Hills County from 2012 to 2021, moved money from county accounts into a shell company he controlled and hid the transfers by altering bank statements.
"{Q d mh name m3|This defendant treated the county's money as his own personal bank account,}" Assistant U.S. Attorney {M m3|Melissa Hardaway} told jurors in her closing argument. "{Q d mh context m3|Every dollar he took was a dollar that did not go to roads, to deputies, to schools.}"
Testifying in his own defense on Tuesday, {M m4|Whitfield} said the transfers were "{Q p rw name m4|loans}" that he had always intended to repay.
County Commissioner {M m5|Janet Dorsey} said the theft had forced the county to delay repairs to two bridges. "{Q d jd pronoun m6|People trusted him. That's what makes this so hard,}" {M m6|she} said in a phone interview.""",
    },
    {
        "id": "heldout5-canada-local-arena",
        "title": "Council votes to keep Memorial Arena open for one more season",
        "who": {"pl": ("Paul Lachance", "person"), "sd": ("Sheila Duguay", "person"),
                "bm": ("Brent MacIsaac", "person"), "kt": ("Karen Thibodeau", "person")},
        "text": """Memorial Arena will stay open for at least one more hockey season after town council voted 5-2 on Tuesday evening to spend $185,000 on emergency repairs to its ice plant.
The 1962 arena was closed in September after an inspector found a leak in the ammonia refrigeration system. Staff had recommended closing the building permanently and sending minor hockey teams to the new regional complex in Bridgewater, a 25-minute drive away.
Coun. {M m1|Paul Lachance}, who moved the motion, said the arena was "{Q p pl name m1|the heart of this town in the winter}".
"{Q d pl pronoun m2|You close that rink, and you're telling 300 kids they'll be spending their Saturdays on the 103 instead of on the ice,}" {M m2|he} said.
Mayor {M m3|Sheila Duguay}, one of the two councillors who voted against, warned that the repairs would only buy time. "{Q d sd name m4|We're putting a bandage on a building that needs surgery. A new ice plant alone is $1.2 million,}" {M m4|Duguay} said.
Minor hockey association president {M m5|Brent MacIsaac} said he was "{Q p bm name m5|thrilled, honestly}" with the result and that volunteers would help raise money for a long-term fix.
Longtime rink rat {M m6|Karen Thibodeau}, 74, watched the vote from the gallery with her grandson. "{Q d kt name m7|I learned to skate there, my kids learned to skate there, and now he's learning,}" said {M m7|Thibodeau}. "{Q d kt context m7|That's worth a bit of money, isn't it?}"
Repairs are expected to take about three weeks. Council will revisit the arena's future during budget deliberations in February.""",
    },
    {
        "id": "heldout5-southafrica-loadshedding",
        "title": "Municipality owes Eskom R4.1bn, residents left in the dark",
        "who": {"tm": ("Thabo Mokoena", "person"), "ln": ("Lindiwe Nkosi", "person"),
                "ev": ("Elna van Wyk", "person"), "sp": ("Sipho Dlamini", "person")},
        "text": """Residents of Mathibeng Local Municipality in the Free State have been without electricity for up to 16 hours a day after Eskom began cutting bulk supply to the municipality over an unpaid debt of R4.1bn.
Eskom spokesperson {M m1|Thabo Mokoena} said on Monday that the power utility had "{Q p tm name m1|exhausted every avenue}" before starting the interruptions.
"{Q d tm name m2|We have signed three payment agreements with this municipality since 2019, and every single one has been broken. Eskom cannot continue to subsidise non-paying municipalities at the expense of paying customers,}" {M m2|Mokoena} said.
Municipal manager {M m3|Lindiwe Nkosi} conceded that the municipality was in arrears but blamed residents who did not pay for services.
"{Q d ln name m4|Our collection rate is below 40%. We are collecting money from a few to provide services to everybody. It is simply not sustainable,}" {M m4|Nkosi} told the Highveld Herald.
DA councillor {M m5|Elna van Wyk} said the ANC-led council had "{Q p ev name m5|collapsed the municipality through cadre deployment and looting}" and called on the provincial government to place it under administration.
At Thusong clinic in Kgotsong, nurses said they had been using paraffin lamps at night. "{Q d sp name m6|We delivered a baby by the light of a cellphone last week. This is 2024,}" said {M m6|Sipho Dlamini}, a nurse at the clinic.
The Free State department of cooperative governance said it was monitoring the situation.""",
    },
    {
        "id": "heldout5-pakistan-daily-wheat",
        "title": "Flour price hike sparks protests in Hyderabad",
        "who": {"ar": ("Abdul Rasheed", "person"), "sz": ("Sajid Zaidi", "person"),
                "fh": ("Farzana Hussain", "person"), "gl": ("Ghulam Laghari", "person")},
        "text": """HYDERABAD: Traders and citizens staged a protest outside the press club on Sunday against a steep increase in the price of flour, which has risen by Rs25 per kilogramme in two weeks.
The protesters, carrying placards and banners, chanted slogans against the provincial government and the food department. Addressing the protesters, Flour Dealers Association president Haji {M m1|Abdul Rasheed} said the price of a 20kg bag had crossed Rs2,800 in the open market.
"{Q d ar pronoun m2|The poor man cannot afford two meals a day. The government has enough wheat in its godowns, yet it is not releasing it to the mills,}" {M m2|he} said.
He demanded that the government immediately release wheat from its stocks and take action against hoarders.
When contacted, provincial food secretary {M m3|Sajid Zaidi} denied that there was any shortage. {M m4|He} said the department had released 80,000 tonnes of wheat to flour mills last month and would "{Q p sz pronoun m4|strictly monitor}" its supply.
"{Q d sz name m5|Some elements are creating an artificial crisis for their own benefit. Raids are being conducted and strict action will be taken against hoarders,}" Mr {M m5|Zaidi} added.
A housewife, {M m6|Farzana Hussain}, who had come to the protest with her children, told Dawnlight that she had stopped buying meat months ago. "{Q d fh pronoun m7|Now even roti has become a luxury,}" {M m7|she} said.
Meanwhile, MPA {M m8|Ghulam Laghari} submitted a resolution in the Sindh Assembly, calling for a subsidy on flour for low-income families, describing the situation as "{Q p gl name m8|alarming}".""",
    },
    {
        "id": "heldout5-caribbean-hurricane-roofs",
        "title": "PM: Roofs before Christmas for hurricane victims",
        "who": {"dc": ("Desmond Charles", "person"), "mj": ("Marcia Joseph", "person"),
                "ef": ("Everton Fraser", "person"), "ws": ("Winston St Hill", "person")},
        "text": """Prime Minister Dr Desmond Charles has promised that every family whose roof was blown off by Hurricane Delia will have a roof over their heads before Christmas.
Speaking at a post-Cabinet press briefing at Government Headquarters yesterday, {M m1|Dr Charles} said the Government had so far distributed more than 4,000 sheets of galvanise and 1,200 bundles of lumber to affected households in the north of the island.
"{Q d dc pronoun m2|I want to assure the people of St Patrick and St Mark that nobody is being left behind. We have the materials, we have the workers, and we have the will,}" {M m2|he} said.
However, residents of Sauteurs told the Island Voice that help had been slow to arrive. "{Q d mj name m3|Six weeks now we sleeping under tarpaulin. Every time rain fall, the children wet,}" said {M m3|Marcia Joseph}, a mother of four.
Opposition Leader {M m4|Everton Fraser} accused the Government of "{Q p ef name m4|handing out galvanise to party supporters first}". "{Q d ef name m5|Relief must not have a colour. Hungry people don't wear jerseys,}" {M m5|Fraser} told a public meeting in Grenville on Sunday night.
Responding to the allegation, Minister of Housing {M m6|Winston St Hill} said distribution was being handled by the National Emergency Relief Organisation (NERO) and not by politicians. "{Q d ws name m7|That is a lie and the Opposition Leader knows it is a lie,}" {M m7|St Hill} said.
The Meteorological Service has warned that the hurricane season does not end until November 30.""",
    },
    {
        "id": "heldout5-parliament-debate-bill",
        "title": "MPs clash over plan to raise speeding fines",
        "who": {"hw": ("Helen Whitmore", "person"), "dr": ("David Rourke", "person"),
                "ak": ("Amira Khalil", "person"), "gb": ("George Bannister", "person"),
                "pf": ("Priya Fernando", "person")},
        "text": """A bill to double fines for drivers caught speeding near schools passed its second reading in the Commons on Wednesday after a heated debate in which MPs traded accusations of "{Q p - none -|war on motorists}" and indifference to child deaths.
Opening the debate, Transport Minister {M m1|Helen Whitmore} told the House that 41 children had been killed on roads near schools in the past five years. "{Q d hw pronoun m2|Every one of those deaths was preventable,}" {M m2|she} said.
Shadow transport secretary {M m3|David Rourke} said the Opposition supported safer roads but that the bill was "{Q p dr name m3|a revenue-raising exercise dressed up as child safety}".
Ms {M m4|Whitmore} intervened: "{Q d hw name m4|Will the honourable gentleman tell the parents of those 41 children that this is about revenue?}"
"{Q d dr name m5|I will tell them that cameras do not stop speeding drivers. Police officers do,}" Mr {M m5|Rourke} replied.
Liberal Democrat {M m6|Amira Khalil}, whose constituency includes the school where a nine-year-old was killed last year, said: "{Q d ak name m6|I have sat with that family. I don't care whether this raises a penny. If it saves one child, it's worth it.}"
Conservative backbencher {M m7|George Bannister} warned that many of his rural constituents had no alternative to driving and would be "{Q p gb name m7|hammered}" by the new fines.
Green MP {M m8|Priya Fernando} said the bill did not go far enough. {M m9|She} urged ministers to introduce a 20mph limit outside every school, arguing that "{Q p pf pronoun m9|a fine after the event is no substitute for a street designed to be safe}".
The bill passed by 312 votes to 201 and now goes to committee stage.""",
    },
    {
        "id": "heldout5-business-ceo-interview",
        "title": "Northfield Foods boss: 'We can't keep absorbing costs'",
        "who": {"rm": ("Rachel Mbeki-Hart", "person"), "jo": ("James Okafor", "person"),
                "nf": ("Northfield Foods", "organization")},
        "text": """The chief executive of Northfield Foods has warned that shoppers should expect the price of its ready meals to rise again this year, as the company faces higher wage, energy and packaging costs.
In an interview with the Business Weekly, {M m1|Rachel Mbeki-Hart}, who has led the Leicester-based company since 2021, said Northfield had "{Q p rm name m1|absorbed as much as we possibly can}".
"{Q d rm pronoun m2|Our energy bill has tripled in three years. The national living wage has gone up again. We're a business with a margin of about four per cent, so there is only so long we can carry that,}" {M m2|she} said.
Asked whether supermarkets would accept higher prices, {M m3|Mbeki-Hart} smiled. "{Q d rm context m3|Those are tough conversations. But our customers, the retailers, understand the pressures, because they are facing them too.}"
{M m4|Northfield}, which employs 3,400 people at four sites, reported a pre-tax profit of £18.2m last year, down from £26.5m. {M m5|It} said in its annual report that cost inflation remained "{Q p nf pronoun m5|the principal risk}" to its outlook.
{M m6|Mbeki-Hart} said the company was investing £40m in automation at its Corby plant, but insisted that no jobs would be lost. "{Q d rm pronoun m7|Automation is about doing the heavy, repetitive jobs that people don't want to do. We will retrain, not replace,}" {M m7|she} said.
{M m8|James Okafor}, a food industry analyst at Calder Securities, said Northfield was "{Q p jo name m8|better placed than most}" of its rivals. "{Q d jo pronoun m9|They have a strong brand and long contracts. The risk is that shoppers trade down to own-label,}" {M m9|he} said.""",
    },
]


def main() -> None:
    write(ARTICLES, OUT)


if __name__ == "__main__":
    main()
