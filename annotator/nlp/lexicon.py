"""Word classes for sources that are not named persons. Data only, no spaCy.

A reporting verb's subject that names nobody ("a spokesman", "the ministry", "protesters",
"reports") is still the source the article gives. These lists sort the head noun of such a
phrase into a kind; they are closed classes of news English (the roles, bodies and documents
that news quotes), not names, so they hold for articles we have never seen.
"""

from __future__ import annotations

PERSON = "person"
ORGANISATION = "organisation"
GROUP = "group"
UNNAMED = "unnamed"
DOCUMENT = "document"
KINDS = (PERSON, ORGANISATION, GROUP, UNNAMED, DOCUMENT)

# Nouns that denote a person by role, relation or occupation ("a spokesman", "the father").
PERSON_NOUNS = {
    "spokesman", "spokeswoman", "spokesperson", "official", "minister", "secretary", "president", "director",
    "chief", "head", "leader", "member", "attendee", "witness", "eyewitness", "bystander", "resident", "lawyer",
    "attorney", "prosecutor", "judge", "magistrate", "doctor", "physician", "nurse", "surgeon", "expert",
    "analyst", "economist", "professor", "scientist", "researcher", "author", "writer", "editor", "reporter",
    "journalist", "correspondent", "columnist", "commentator", "broadcaster", "father", "mother", "parent",
    "son", "daughter", "child", "wife", "husband", "brother", "sister", "grandmother", "grandfather", "aunt",
    "uncle", "cousin", "relative", "friend", "neighbour", "neighbor", "colleague", "victim", "survivor",
    "suspect", "defendant", "accused", "plaintiff", "officer", "soldier", "commander", "general", "captain",
    "sergeant", "detective", "inspector", "investigator", "agent", "diplomat", "ambassador", "envoy", "aide",
    "adviser", "advisor", "consultant", "manager", "executive", "chairman", "chairwoman", "chairperson", "founder",
    "owner", "employee", "worker", "staffer", "teacher", "student", "pupil", "farmer", "driver", "pilot",
    "passenger", "customer", "shopper", "voter", "citizen", "activist", "campaigner", "organiser", "organizer",
    "protester", "demonstrator", "candidate", "politician", "lawmaker", "legislator", "senator", "congressman",
    "congresswoman", "representative", "mp", "mep", "councillor", "councilor", "mayor", "governor", "deputy",
    "assemblyman", "assemblywoman", "assemblymember", "priest", "bishop", "archbishop", "cardinal", "pastor",
    "imam", "rabbi", "monk", "nun", "coach", "player", "athlete", "fan", "patient", "mourner", "pensioner",
    "entrepreneur", "businessman", "businesswoman", "banker", "trader", "investor", "engineer", "technician",
    "firefighter", "paramedic", "medic", "guard", "soldier", "veteran", "refugee", "migrant", "prisoner",
    "inmate", "hostage", "negotiator", "mediator", "observer", "monitor", "source", "insider", "person", "man",
    "woman", "boy", "girl", "teenager", "someone", "somebody", "anyone", "everyone", "nobody", "people", "men",
    "women", "children", "opponent", "critic", "supporter", "ally", "rival", "colonel", "lieutenant", "admiral",
    "physicist", "biologist", "epidemiologist", "virologist", "psychologist", "historian", "academic",
    "lecturer", "specialist", "official", "functionary", "bureaucrat", "administrator", "commissioner",
    "regulator", "auditor", "ombudsman", "clerk", "host", "presenter", "anchor", "producer", "director-general",
    "chancellor", "premier", "king", "queen", "prince", "princess", "emir", "sheikh", "pope", "chef", "owner",
    "landlord", "tenant", "homeowner", "villager", "local", "tourist", "visitor", "writer", "blogger",
    "influencer", "user", "poster", "caller", "listener", "viewer", "reader", "participant", "respondent",
    "justice", "juror", "jury", "sheriff", "marshal", "constable", "superintendent", "counsel", "barrister",
    "solicitor", "magistrate", "coroner", "pathologist", "vendor", "seller", "buyer", "resident", "official",
    "coordinator", "co-ordinator", "delegate", "rapporteur", "chair", "secretary-general",
    # occupations and offices news copy also puts before a name ("Forecaster Ana Ruiz", "the prefect")
    "forecaster", "meteorologist", "prefect", "novelist", "artist", "actor", "actress", "singer", "musician",
    "photographer", "architect", "designer", "filmmaker", "comedian", "poet", "playwright", "composer",
    "astronaut", "pharmacist", "dentist", "midwife", "carer", "volunteer", "shopkeeper", "fisherman",
    # family words of popular and local copy ("a furious mum", "her gran", "one pal")
    "mum", "mom", "dad", "gran", "granny", "grandma", "grandpa", "grandad", "granddad", "nan", "pal", "lad",
}
# Words that count people and make a group of the noun after "of": "a number of senators".
QUANTIFIERS = {"number", "group", "couple", "majority", "minority", "handful", "dozens", "hundreds", "thousands",
               "millions", "scores", "some", "many", "several", "most", "all", "few", "both", "crowd", "band",
               "team", "panel", "coalition", "delegation", "half", "lot", "lots", "none"}
# Bodies that speak as one: a nominal headed by these is an organisation ("the ministry said").
ORG_NOUNS = {
    "ministry", "government", "administration", "police", "court", "tribunal", "council", "department", "agency",
    "company", "firm", "corporation", "party", "union", "committee", "commission", "office", "army", "military",
    "navy", "embassy", "consulate", "authority", "cabinet", "parliament", "congress", "senate", "assembly",
    "legislature", "board", "bank", "university", "school", "college", "hospital", "institute", "foundation",
    "charity", "organisation", "organization", "association", "federation", "league", "club", "network",
    "broadcaster", "newspaper", "station", "channel", "retailer", "chain", "supermarket", "airline", "operator",
    "utility", "prosecution", "prosecutors", "regulator", "watchdog", "campaign", "group", "coalition", "alliance",
    "kremlin", "pentagon", "presidency", "palace", "regime", "junta", "force", "forces", "service", "services",
    "secretariat", "bureau", "directorate", "inspectorate", "judiciary", "state", "city", "county", "municipality",
    "region", "province", "team", "club", "studio", "publisher", "manufacturer", "maker", "producer", "group",
    "opposition", "movement", "church", "diocese", "mission", "fund", "trust", "centre", "center", "unit",
    "paper", "magazine", "outlet", "daily",
}
# Plural bodies and collectives that are groups rather than one organisation.
GROUP_NOUNS = {"authorities", "officials", "prosecutors", "investigators", "police officers", "experts",
               "scientists", "researchers", "residents", "protesters", "demonstrators", "witnesses", "critics",
               "activists", "campaigners", "lawmakers", "senators", "supporters", "opponents", "voters", "workers",
               "doctors", "teachers", "students", "parents", "families", "relatives", "locals", "villagers", "leaders",
               "members", "organisers", "organizers", "analysts", "economists", "diplomats", "sources", "people"}
# Texts that carry words without an issuing person named: "reports", "the statute".
DOCUMENT_NOUNS = {"report", "reports", "statement", "document", "documents", "letter", "study", "survey",
                  "paper", "law", "act", "statute", "decree", "bill", "order", "ruling", "judgment", "judgement",
                  "verdict", "indictment", "complaint", "filing", "memo", "memorandum", "manifesto", "note",
                  "sign", "poster", "banner", "placard", "leaflet", "notice", "message", "messages", "email",
                  "release", "communique", "communiqué", "transcript", "record", "records", "minutes", "guidance",
                  "guidelines", "policy", "constitution", "treaty", "agreement", "resolution", "motion", "petition",
                  "warrant", "summons", "citation", "textbook", "book", "article", "editorial", "column", "blog",
                  "tweet", "post", "website", "site", "page", "account", "feed", "video", "recording", "headline"}
# Channels through which a body or a person speaks: "the WHO's website said" is the WHO speaking.
CHANNEL_NOUNS = {"statement", "website", "site", "page", "account", "feed", "tweet", "post", "release",
                 "letter", "message", "email", "blog", "channel",
                 "announcement", "communique", "communiqué", "notice", "video", "broadcast", "handle", "profile"}
# Nouns naming a speech act: "made the following announcement:", "in a statement".
SPEECH_NOUNS = {"announcement", "statement", "remark", "remarks", "comment", "comments", "speech", "address",
                "declaration", "plea", "appeal", "warning", "promise", "pledge", "claim", "call", "tweet", "post",
                "message", "response", "reply", "testimony", "briefing", "interview", "allegation", "accusation",
                "confession", "admission", "assertion", "prediction", "proclamation", "note"}
# Light verbs that make a speech act with one of SPEECH_NOUNS as object.
LIGHT_SPEECH_VERBS = {"make", "issue", "release", "give", "deliver", "publish", "post", "put", "send", "tweet"}
# Indefinite pronouns that stand for an unnamed speaker ("the next time someone says ...").
INDEFINITE_SPEAKERS = {"someone", "somebody", "anyone", "anybody", "everyone", "everybody", "one", "nobody"}
# Social networks and platforms: where words were posted, never who posted them.
PLATFORMS = {"twitter", "facebook", "instagram", "youtube", "tiktok", "telegram", "whatsapp", "weibo", "wechat",
             "linkedin", "reddit", "snapchat", "truth social", "x", "threads", "bluesky", "mastodon"}
# Head words of news outlets and wire services: they relay words, they are not whose words they are.
OUTLET_WORDS = {"times", "post", "news", "press", "herald", "tribune", "telegraph", "guardian", "journal", "gazette",
                "observer", "independent", "mail", "mirror", "express", "chronicle", "inquirer", "reuters",
                "bbc", "cnn", "nbc", "abc", "cbs", "fox", "afp", "ap", "upi", "dpa", "efe", "ansa", "tass", "xinhua",
                "bloomberg", "politico", "axios", "npr", "pbs", "itv", "radio", "television", "tv", "broadcasting",
                "magazine", "media", "newswire", "wire", "agence", "presse"}
# Gender a role noun gives its bearer ("the spokeswoman" -> she).
NOUN_GENDER = {"spokesman": "m", "spokeswoman": "f", "father": "m", "mother": "f", "son": "m", "daughter": "f",
               "wife": "f", "husband": "m", "brother": "m", "sister": "f", "grandmother": "f", "grandfather": "m",
               "aunt": "f", "uncle": "m", "man": "m", "woman": "f", "boy": "m", "girl": "f", "chairman": "m",
               "chairwoman": "f", "businessman": "m", "businesswoman": "f", "congressman": "m",
               "congresswoman": "f", "assemblyman": "m", "assemblywoman": "f", "king": "m", "queen": "f",
               "prince": "m", "princess": "f", "nun": "f", "monk": "m", "priest": "m", "mum": "f", "mom": "f",
               "dad": "m", "gran": "f", "granny": "f", "grandma": "f", "grandpa": "m", "grandad": "m",
               "granddad": "m", "nan": "f", "lad": "m"}
# Agentive endings of person nouns not in the list ("campaigner", "negotiator", "strategist").
AGENT_SUFFIXES = ("er", "or", "ist", "ian", "man", "woman", "person", "ant", "ent", "ee")


def looks_agentive(word: str) -> bool:
    """A noun that probably names a person by what they do (weak evidence; used with syntax)."""
    w = word.lower()
    return len(w) > 5 and w.endswith(AGENT_SUFFIXES)


def is_outlet_name(name: str) -> bool:
    """An organisation's name that reads as a news outlet ("The Times", "NBC News", "Reuters")."""
    return any(w.strip(".,'’()").lower() in OUTLET_WORDS for w in name.replace("-", " ").split())
