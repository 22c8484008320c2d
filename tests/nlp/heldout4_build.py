"""Source of `heldout4.jsonl`: twelve news articles in the house styles of English-language newsrooms
the other test articles do not imitate (an Indian daily, a Nigerian daily, a Kenyan daily, an
Australian wire, an Irish local weekly, a Philippine daily, a Singapore daily, US local TV web copy, a
UK tabloid, a financial wire, a sports agency report, a science agency release), written to estimate
quote and speaker quality on first contact. Invented people and organisations; the gold was written
and committed before the rules saw the text.

    python tests/nlp/heldout4_build.py        # rewrites tests/nlp/heldout4.jsonl

The markup and conventions are those of `heldout_quotes_build.py` (whose `build` and `write` are used here).
Judgement calls: a governor "who spoke through his Chief Press Secretary" is the speaker of what the
statement says (the spokesman relays it, like an outlet); "analysts at <bank>" are a group.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from heldout_quotes_build import write  # noqa: E402

OUT = Path(__file__).resolve().parent / "heldout4.jsonl"

ARTICLES = [
    {
        "id": "heldout4-india-metro-deadline",
        "title": "Metro phase two to be completed by 2027: CM",
        "who": {"rcu": ("Ramesh Chandra Upadhyay", "person"), "kr": ("Kavitha Rajendran", "person"),
                "sp": ("Suresh Pillai", "person"), "dkv": ("Dinesh Kumar Verma", "person"),
                "miq": ("Mohammed Irfan Qureshi", "person")},
        "text": """BHOPAL: Chief Minister Ramesh Chandra Upadhyay on Saturday said the second phase of the Vindhya Metro would be completed by December 2027 and directed officials to dispose of all pending land acquisition cases within three months.
Chairing a review meeting at the Secretariat, Mr. {M m1|Upadhyay} said the project was "{Q p rcu name m1|not merely a transport project but the lifeline of the city}". "{Q d rcu pronoun m2|I have told the officers in clear terms that there will be no further extension. The people of this city have waited long enough,}" {M m2|he} said.
Urban Development and Housing Minister Smt. {M m3|Kavitha Rajendran}, who was also present, said the State government had released ₹1,240 crore for the project in the current financial year. "{Q d kr name m4|The Centre has also assured us of its share. There is no shortage of funds,}" Ms. {M m4|Rajendran} said.
Vindhya Metro Rail Corporation Managing Director Dr. {M m5|Suresh Pillai} informed the meeting that 68% of the civil work on the 14-km corridor between Karond and AIIMS had been completed. Trial runs on the first stretch would begin "{Q p sp pronoun m6|by the end of March, subject to safety clearances}", {M m6|he} said.
The Opposition, however, was unimpressed. Leader of the Opposition in the Assembly Shri {M m7|Dinesh Kumar Verma} termed the announcement "{Q p dkv name m7|yet another election jumla}". "{Q d dkv pronoun m8|This is the fourth deadline this government has given for the same project. Where are the trains?}" {M m8|he} told The Central Chronicle.
Responding to the criticism, {M m9|the CM} said the delays had been caused by "{Q p rcu nominal m9|litigation filed by vested interests}". "{Q d rcu nominal m10|We will not allow anybody to stand in the way of development,}" {M m10|the Chief Minister} added.
Residents of the old city, where the underground section is to run, have complained of dust and traffic jams for over two years. "{Q d miq name m11|My shop has been behind barricades since 2022. Who will compensate us?}" asked {M m11|Mohammed Irfan Qureshi}, a cloth merchant in Ibrahimpura.
The next review meeting will be held in January.""",
    },
    {
        "id": "heldout4-nigeria-market-fire",
        "title": "Ondo govt orders probe into Ogbese market fire",
        "who": {"of": ("Olumide Fasanmi", "person"), "ab": ("Abosede Adegoke", "person"),
                "co": ("Chinedu Okonkwo", "person"), "fo": ("Funmilayo Odunlami", "person"),
                "ga": ("Gbenga Ajayi", "person")},
        "text": """AKURE — The Ondo State Governor, Arc. Olumide Fasanmi, has ordered a full-scale investigation into the fire that razed over 300 shops at the Ogbese Central Market on Tuesday night.
{M m1|Fasanmi}, who spoke through his Chief Press Secretary, Mr. Tunde Olaniyan, in Akure on Wednesday, described the incident as "{Q p of name m1|a monumental tragedy}" and assured the affected traders that the government would not abandon them.
"{Q d of nominal m2|The government shares in the pain of our traders, many of whom have lost their entire life savings. A committee will be set up within 48 hours to assess the damage and recommend appropriate relief,}" the statement quoted {M m2|the governor} as saying.
According to the statement, {M m3|the governor} also directed the State Emergency Management Agency (SEMA) to "{Q p of nominal m3|immediately commence the enumeration of victims}".
The Iyaloja of the market, Chief (Mrs.) {M m4|Abosede Adegoke}, who spoke with our correspondent, said the fire started at about 9pm from one of the food stalls and spread quickly because of the harmattan wind. "{Q d ab pronoun m5|We called the fire service at 9.15pm, but they did not arrive until after 11 o'clock. By then, everything was gone,}" {M m5|she} lamented.
Another trader, Mr. {M m6|Chinedu Okonkwo}, who deals in textiles, said he lost goods worth over N15m. "{Q d co pronoun m7|I just restocked for the Christmas season. Everything I have laboured for in 20 years is now ashes,}" {M m7|he} said.
When contacted, the Police Public Relations Officer in the state, SP {M m8|Funmilayo Odunlami}, confirmed the incident. "{Q d fo pronoun m9|No life was lost, but two persons sustained minor injuries and have been treated. Investigation into the cause of the fire has commenced,}" {M m9|she} stated.
The Director of the State Fire Service, Engr. {M m10|Gbenga Ajayi}, however, blamed the delay on traffic and "{Q p ga name m10|shops built on the access roads}". "{Q d ga pronoun m11|Our men got there as fast as they could. The question people should ask is who allowed traders to block the fire lanes,}" {M m11|he} maintained.""",
    },
    {
        "id": "heldout4-kenya-nurses-pay",
        "title": "Chelimo: No pay for striking nurses",
        "who": {"sc": ("Stephen Chelimo", "person"), "ek": ("Evans Kiptoo", "person"),
                "wk": ("Wanjiru Kamau", "person"), "dr": ("Daniel Rotich", "person"),
                "nur": ("a nurse at the facility", "unnamed_person")},
        "text": """Nurses in Nandi County will not be paid for the days they were on strike, Governor Stephen Chelimo has said, setting the stage for a fresh standoff with health workers.
Speaking in Kapsabet on Sunday during a church service, Mr {M m1|Chelimo} said the county could not "{Q p sc name m1|reward people for abandoning patients}". "{Q d sc pronoun m2|We are not going to use taxpayers' money to pay for work that was not done. That is the law, and I will not break it,}" {M m2|he} said.
The nurses downed their tools on September 2 over delayed salaries and promotions, paralysing services at the Kapsabet County Referral Hospital and 42 health centres. They resumed work last Tuesday after a return-to-work formula was signed.
But Kenya National Union of Nurses (KNUN) branch secretary {M m3|Evans Kiptoo} accused the county boss of going back on the deal. "{Q d ek name m4|The agreement we signed says clearly that no nurse shall be victimised for taking part in the strike. Is withholding pay not victimisation?}" posed Mr {M m4|Kiptoo}.
He said the union would move to the Employment and Labour Relations Court if the salaries were not paid by the end of the month.
County Health Executive Dr {M m5|Wanjiru Kamau} said the county was committed to the agreement but that "{Q p wk name m5|the issue of pay for the strike period was never part of it}". "{Q d wk pronoun m6|We have cleared salary arrears for July and August. Promotions for 214 nurses will take effect in the next financial year,}" {M m6|she} told the Rift Valley Standard.
At the referral hospital, patients said they had borne the brunt of the dispute. "{Q d dr name m7|I brought my mother here three times during the strike and we were sent away each time. We had to go to a private clinic in Eldoret,}" said {M m7|Daniel Rotich}, a boda boda rider from Mosoriot.
{M m8|A nurse at the facility}, who sought anonymity for fear of victimisation, said morale was at "{Q p nur nominal m8|an all-time low}".""",
    },
    {
        "id": "heldout4-australia-flood-buyback",
        "title": "Premier defends pace of flood buyback scheme",
        "who": {"aw": ("Annette Whitlock", "person"), "cf": ("Craig Faulkner", "person"),
                "sn": ("Sharon Nguyen", "person"), "bm": ("Brendan Moloney", "person"),
                "tb": ("Tanya Brill", "person")},
        "text": """Queensland Premier Annette Whitlock has defended the pace of a $741 million scheme to buy back flood-prone homes, after residents in the Lockyer Valley said they had been left in limbo for more than a year.
Just 112 of the 1060 homes approved for the voluntary buyback have been purchased since the program began in March last year, figures released on Tuesday show.
"{Q d aw name m1|These are people's homes, and every one of them has to be valued properly. I'd rather we get it right than get it fast,}" Ms {M m1|Whitlock} told reporters in Brisbane.
Opposition Leader {M m2|Craig Faulkner} said the government had "{Q p cf name m2|made promises it had no plan to keep}".
"{Q d cf pronoun m3|Families have been living in mouldy houses for eighteen months waiting for a phone call that never comes,}" {M m3|he} said.
At Grantham, {M m4|Sharon Nguyen} and her husband Col have been waiting 14 months for a valuation on the weatherboard house they have owned since 2004.
Sharon said the couple could not sell the house or insure it, and had spent $30,000 of their savings on repairs just to keep living in it.
"{Q d sn name m5|Every time it rains now I lie awake listening to the creek,}" {M m5|Sharon} said.
Queensland Reconstruction Authority chief executive {M m6|Brendan Moloney} said valuations had been slowed by "{Q p bm name m6|a shortage of qualified valuers across the state}", and the authority expected to complete 400 purchases by June.
"{Q d bm pronoun m7|We've doubled the number of valuers on the job since Christmas,}" {M m7|he} said.
Lockyer Valley Mayor {M m8|Tanya Brill} said she had written to the premier three times about the delays.
"{Q d tb name m9|I've had one reply, and it was a form letter,}" Cr {M m9|Brill} said.
The government will release updated figures at the end of the month.""",
    },
    {
        "id": "heldout4-ireland-bus-route",
        "title": "Anger as Ballyconnell hospital bus route axed",
        "who": {"snd": ("Siobhán Ní Dhonnchadha", "person"), "pmr": ("Pádraig Mac Giolla Rua", "person"),
                "rc": ("a spokesperson for Rural Connect", "unnamed_person"), "tb": ("Tommy Brady", "person"),
                "nf": ("Niamh Fitzsimons", "person")},
        "text": """There was anger in Ballyconnell this week after it emerged that the town's only direct bus to Kilmore General Hospital is to be withdrawn at the end of the month.
The 932 service, operated by Rural Connect, runs three times a day and is used mainly by older people attending outpatient clinics.
Cllr {M m1|Siobhán Ní Dhonnchadha} (SF) said she was "{Q p snd name m1|absolutely disgusted}" by the decision, which she said had been taken "{Q p snd name m1|without a word of consultation}".
"{Q d snd pronoun m2|There are elderly people in this town who depend on that bus to get to their appointments. What are they supposed to do now, hitch?}" {M m2|she} asked.
Speaking at Monday's meeting of the Municipal District, Fine Gael councillor {M m3|Pádraig Mac Giolla Rua} said he had been in contact with the National Transport Authority and was "{Q p pmr name m3|hopeful, but not confident}" that the decision could be reversed.
In a statement to the Breffni Herald, {M m4|a spokesperson for Rural Connect} said the route had been "{Q p rc nominal m4|under review for some time due to low passenger numbers}" and that alternative services were available via Cavan town.
Local man {M m5|Tommy Brady}, 81, who uses the bus twice a week to attend dialysis, said he did not know how he would manage.
"{Q d tb pronoun m6|I gave up the car three years ago on the doctor's orders. My daughter works in Dublin, sure what can she do?}" {M m6|he} said.
Deputy {M m7|Niamh Fitzsimons} TD said she would raise the matter with the Minister for Transport in the Dáil next week.
"{Q d nf pronoun m8|This is the very same Government that tells us every other week how serious it is about rural Ireland,}" {M m8|she} said. "{Q d nf context m8|Actions speak louder than words.}"
A public meeting on the issue will be held in the Ballyconnell Community Centre on Thursday at 8pm.""",
    },
    {
        "id": "heldout4-philippines-typhoon",
        "title": "18,000 evacuated in Albay as Typhoon Marilag nears",
        "who": {"cl": ("Ma. Cristina Lagman-Reyes", "person"), "jv": ("Jomar Villanueva", "person"),
                "lb": ("Lorna Bautista", "person"), "rd": ("Renato Dimaculangan", "person"),
                "jri": ("Jose Ramon Ilagan", "person")},
        "text": """LEGAZPI CITY — More than 18,000 residents of coastal and landslide-prone villages in Albay were evacuated on Sunday as Typhoon Marilag intensified over the Philippine Sea.
Albay Governor {M m1|Ma. Cristina Lagman-Reyes} said the provincial government had ordered the "{Q p cl name m1|preemptive and forced evacuation}" of all families living within 500 meters of the shoreline and near the slopes of Mayon Volcano.
"{Q d cl pronoun m2|We will not wait for the water to reach the rooftops before we move people. Mas mabuti nang sigurado,}" {M m2|she} said in a radio interview over DZGB.
PAGASA weather specialist {M m3|Jomar Villanueva} said Marilag was packing maximum sustained winds of 150 kilometers per hour near the center and could make landfall over Catanduanes or northern Albay by Monday evening.
"{Q d jv pronoun m4|Residents of the eastern seaboard should prepare for storm surges of up to three meters,}" {M m4|he} said in a press briefing.
At the Legazpi City evacuation center, families slept on mats spread across classroom floors. "{Q d lb name m5|Wala kaming magagawa, kailangan naming umalis.}" (We had no choice, we had to leave.), said 52-year-old fish vendor {M m5|Lorna Bautista}, who brought only clothes, rice and the family's two dogs.
Department of Social Welfare and Development regional director Atty. {M m6|Renato Dimaculangan} said family food packs had been prepositioned in all 18 towns and cities of the province. "{Q d rd name m7|We have enough stocks for at least one week,}" {M m7|Dimaculangan} assured.
In a statement, Sen. {M m8|Jose Ramon Ilagan} urged the national government to "{Q p jri name m8|act now and not after the storm}" and to release calamity funds to local governments in the typhoon's path.
Classes at all levels in Albay, Sorsogon and Catanduanes have been suspended until further notice.""",
    },
    {
        "id": "heldout4-singapore-hawkers",
        "title": "Siglap hawkers worry about rent after market revamp",
        "who": {"twm": ("Tan Wei Ming", "person"), "ri": ("Rosnah Ismail", "person"),
                "hmb": ("Hawker Management Board", "organization"), "gsl": ("Goh Siew Lan", "person"),
                "lbh": ("Lim Boon Huat", "person")},
        "text": """Hawkers at Siglap Lane Market and Food Centre say they are worried that rents will rise when the 40-year-old centre reopens next year after a $12 million upgrade.
The centre, one of the oldest in the east, will close for 10 months from January. Its 64 stallholders will be moved to a temporary site in Bedok North Avenue 2.
Mr {M m1|Tan Wei Ming}, 58, who has sold fishball noodles there for 27 years, said: "{Q d twm name m1|The new place will be nicer, sure. But if the rent goes up by a few hundred dollars, how many bowls must I sell to cover it?}"
Madam {M m2|Rosnah Ismail}, 63, who runs a nasi padang stall with her son, said many older hawkers were thinking of retiring instead of returning. "{Q d ri pronoun m3|At my age, 10 months is a long time. Some of my regulars may not follow us to Bedok,}" {M m3|she} said.
In response to queries from The Tembusu Post, the {M m4|Hawker Management Board} said rents for returning stallholders would be "{Q p hmb name m4|pegged to prevailing market rates}", but that it would give a 50 per cent rental rebate in the first year.
Member of Parliament for the area Ms {M m5|Goh Siew Lan}, who visited the market on Sunday, said she had heard the hawkers' concerns. "{Q d gsl pronoun m6|We will work with the agencies to see how we can help those who need it, especially the older stallholders,}" {M m6|she} said in a Facebook post.
"{Q d lbh name m7|I have eaten here every morning since I retired. If the uncles and aunties don't come back, it won't be the same,}" said retiree {M m7|Lim Boon Huat}, 71.
For all his worries, Mr {M m8|Tan} plans to return. "{Q d twm pronoun m9|Where else to go? My customers know where to find me,}" {M m9|he} said with a laugh.""",
    },
    {
        "id": "heldout4-us-local-tv-fire",
        "title": "Family displaced after fire tears through Springdale duplex",
        "who": {"rd": ("Ray Delgado", "person"), "kb": ("Keisha Brown", "person"),
                "son": ("her 9-year-old son", "unnamed_person"), "ta": ("Tom Albright", "person"),
                "sfd": ("Springdale Fire Department", "organization")},
        "text": """SPRINGDALE, Ark. (KSWX) — A family of five is safe but without a home after a fire tore through their duplex on East Maple Street early Tuesday morning.
Crews arrived just after 3 a.m. to find heavy flames coming from the back of the building, Springdale Fire Battalion Chief Ray Delgado said.
"{Q d rd name m1|The family did everything right. The smoke alarm went off, they got out, and they called 911 from the neighbor's yard,}" {M m1|Delgado} told KSWX 7 News.
Nobody was hurt, but the family's cat is still missing.
{M m2|Keisha Brown} says she woke up to {M m3|her 9-year-old son} yelling from the hallway.
"{Q d kb pronoun m5|{M m4|He} was screaming, '{Q d son pronoun m4|Mama, the kitchen is on fire!}' and I just grabbed the baby and ran,}" {M m5|she} says.
Neighbor {M m6|Tom Albright} says he heard a "{Q p ta name m6|loud pop}" before he saw the flames.
"{Q d ta pronoun m7|I've lived here 20 years and never seen anything like it. The whole back wall was orange,}" {M m7|he} says.
The American Red Cross is helping the family with a place to stay. A GoFundMe page set up by Brown's sister had raised more than $3,000 by Tuesday afternoon.
The cause of the fire is under investigation. In a Facebook post, the {M m8|Springdale Fire Department} reminded residents to "{Q p sfd name m8|test your smoke alarms once a month}".
KSWX reached out to the property management company, Ridgeline Rentals, but has not heard back.
Stay with KSWX for updates on this developing story.""",
    },
    {
        "id": "heldout4-uk-tabloid-hair",
        "title": "Mum's fury as school sends girl, 8, home over pink hair",
        "who": {"ka": ("Kerry Atkinson", "person"), "gp": ("Gillian Parkes", "person"),
                "src": ("a source close to the school", "unnamed_person"), "pa": ("Pauline", "person")},
        "text": """{M m1|A FURIOUS mum} has branded a primary school "{Q p ka nominal m1|pathetic}" after her eight-year-old daughter was sent home for having pink streaks in her hair.
{M m2|Kerry Atkinson}, 34, from Doncaster, said little Lily-Mae was left "{Q p ka name m2|in floods of tears}" when teachers pulled her out of class on Monday morning.
{M m3|The hairdresser}, who dyed the streaks herself as a birthday treat, fumed: "{Q d ka nominal m3|She's eight years old. It's a bit of pink, not a face tattoo. They've made her feel like a criminal.}"
{M m4|Kerry} said the school's rules were "{Q p ka name m4|completely over the top}" and claimed other pupils had "{Q p ka name m4|far wilder}" haircuts.
"{Q d ka pronoun m5|I've had mums messaging me all day saying it's ridiculous. One little lad in her class has a lightning bolt shaved into his head!}" {M m5|she} added.
But headteacher {M m6|Gillian Parkes} insisted the school had "{Q p gp name m6|high expectations}" of every pupil's appearance.
"{Q d gp pronoun m7|Hair colours that are not natural are not permitted, as is clearly stated in our uniform policy,}" {M m7|she} wrote in a letter to parents.
{M m8|A source close to the school} told the Beacon that staff had been left "{Q p src nominal m8|in an impossible position}".
Lily-Mae's gran, {M m9|Pauline}, 61, raged: "{Q d pa name m9|In my day you'd get the cane. Now you get sent home for a bit of colour. The world's gone mad.}"
Lily-Mae returned to school yesterday - with the pink washed out.""",
    },
    {
        "id": "heldout4-financial-wire-dividend",
        "title": "Halden Energy shares slump after dividend cut",
        "who": {"im": ("Ines Moreau", "person"), "po": ("Per Ovesen", "person"),
                "nb": ("analysts at Norrbridge Securities", "group"), "mo": ("Marta Olsen", "person")},
        "text": """LONDON, March 6 (Meridian) - Shares in Halden Energy fell as much as 9% on Thursday, their biggest one-day drop in two years, after the North Sea oil and gas producer cut its dividend and said output would fall further this year.
Halden, which cut its quarterly payout by a third to 4 pence, said production would average 78,000-84,000 barrels of oil equivalent per day in 2025, below the 88,000 analysts had expected, according to a company-compiled consensus.
"{Q d im name m1|The dividend cut is a surprise in size rather than direction. The production guidance is the bigger worry,}" wrote {M m1|Ines Moreau}, an analyst at Calloway Brothers, in a note to clients.
Chief Executive {M m2|Per Ovesen} said on a call with analysts that the company was "{Q p po name m2|prioritising balance sheet strength}" after two years of heavy spending on its Skarv field.
"{Q d po pronoun m3|We'd rather pay a sustainable dividend than a generous one we have to cut again next year,}" {M m3|he} said.
{M m4|Analysts at Norrbridge Securities} said in a research note that the guidance implied "{Q p nb nominal m4|a steeper decline than the market had priced in}" and cut their price target to 240 pence from 290 pence.
Finance chief {M m5|Marta Olsen} told reporters the company had no plans to sell assets to fund the payout. "{Q d mo name m6|We are not a forced seller of anything,}" {M m6|Olsen} said.
The stock was down 7.4% at 212 pence by 1130 GMT, making it the worst performer on the FTSE 250 midcap index.
(Reporting by Tomas Berglund; Editing by Alison Hale)""",
    },
    {
        "id": "heldout4-sports-agency-cricket",
        "title": "Pretorius powers South Africa to series-levelling win",
        "who": {"kp": ("Kyle Pretorius", "person"), "tn": ("Themba Ndlovu", "person"),
                "lt": ("Liam Tahana", "person"), "am": ("Aaron McKinnon", "person")},
        "text": """DURBAN, Nov 9 (SportsWire) - Kyle Pretorius smashed an unbeaten 94 off 51 balls as South Africa chased down 287 with 11 balls to spare to beat New Zealand by five wickets in the second one-day international on Sunday and level the three-match series 1-1.
Pretorius came to the crease with his side struggling at 61 for three and shared a stand of 148 with captain Themba Ndlovu, who made 71.
"{Q d kp name m1|The message at the halfway mark was simple: take it deep, there's dew coming. When I got in, I just trusted my hands,}" {M m1|Pretorius} said at the post-match presentation.
Asked about the hamstring that kept him out of the first match, {M m2|he} said: "{Q d kp pronoun m2|It's fine. I'll be ready on Wednesday.}"
"{Q d tn name m3|Kyle was outstanding. That's the cleanest I've seen him hit a ball in an ODI,}" said {M m3|Ndlovu}, whose side had lost the opener in Centurion by 37 runs.
New Zealand captain {M m4|Liam Tahana} said his bowlers had been "{Q p lt name m4|a touch too full}" at the death. "{Q d lt pronoun m5|We were probably 20 short with the bat. On this wicket, with the dew, 300 was the number,}" {M m5|he} said.
Off-spinner {M m6|Aaron McKinnon}, who took three for 41, added: "{Q d am name m6|We had them where we wanted them at 61 for three. Credit to Kyle, he took the game away from us in about six overs.}"
The deciding match is in Cape Town on Wednesday.""",
    },
    {
        "id": "heldout4-science-agency-microbe",
        "title": "Soil bacterium helps wheat survive drought",
        "who": {"ar": ("Anjali Raghavan", "person"), "hs": ("Henrik Solberg", "person"),
                "mo": ("Martin Ochieng", "person")},
        "text": """Scientists at the Federal Institute for Soil and Crop Research (FISCR) have identified a soil bacterium that helps wheat plants survive drought, a discovery that could reduce crop losses in dry years.
In glasshouse trials, wheat seedlings treated with the bacterium, a strain of Pseudomonas the team has named PS-17, produced 23 per cent more grain under drought conditions than untreated plants. The results are published today in the journal Plant Microbiome.
"{Q d ar name m1|The bacterium lives on the surface of the roots and produces a compound that helps the plant hold on to water. In effect, it buys the plant a few extra days when the soil dries out,}" said lead author Dr {M m1|Anjali Raghavan}, a microbiologist at FISCR's Adelaide laboratory.
"{Q d ar name m2|What surprised us was how consistent the effect was across the six wheat varieties we tested,}" Dr {M m2|Raghavan} explains.
The team is now preparing field trials at three sites in South Australia and Western Australia, beginning with this year's winter crop.
"{Q d hs name m3|A glasshouse is a forgiving place. The real test is a paddock in a dry year, with all the other microbes competing for space on the roots,}" said co-author Professor {M m3|Henrik Solberg}.
The research was funded by the Grains Research Council. "{Q d mo name m5|Growers lose hundreds of millions of dollars to drought every year. A seed treatment that costs a few dollars a hectare could change that,}" said the Council's chief executive, {M m5|Martin Ochieng}.
The paper, "{Q p - none -|A root-associated Pseudomonas strain enhances drought tolerance in wheat}", is available from the journal's website.
Media contact: FISCR Communications, media@fiscr.example.org""",
    },
]


def main() -> None:
    write(ARTICLES, OUT)


if __name__ == "__main__":
    main()
