"""Word lists and string helpers for person names. Data only, no spaCy."""

from __future__ import annotations

import re

# Courtesy titles: never part of a canonical name ("Sir Keir Starmer" -> "Keir Starmer").
HONORIFICS = {"sir", "dame", "lord", "lady", "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor",
              "rev", "reverend", "baroness", "baron", "hon", "rt",
              # other languages' courtesy titles, as news in English keeps them
              "mme", "mlle", "m", "monsieur", "madame", "herr", "frau", "señor", "senor", "señora", "senora", "sr",
              "sra", "signor", "signora", "sig", "dott", "monsenor", "monseñor", "msgr", "mgr", "don", "doña",
              # courtesy and professional titles of English-language news in Ireland, Australia, South Asia,
              # West Africa, the Philippines and Singapore ("Cllr", "Cr", "Smt.", "Shri", "Engr.", "Atty.")
              "cllr", "cr", "smt", "shri", "shrimati", "sri", "engr", "arc", "atty", "madam", "mdm"}
# Office and rank words that precede a name in news copy ("UK Prime Minister Keir Starmer").
OFFICES = {"president", "vice", "prime", "minister", "chancellor", "secretary", "general", "gen", "senator", "sen",
           "rep", "representative", "congressman", "congresswoman", "governor", "gov", "mayor", "king", "queen",
           "prince", "princess", "pope", "judge", "justice", "commissioner", "ambassador", "admiral", "adm",
           "colonel", "col", "captain", "capt", "lieutenant", "lt", "sergeant", "sgt", "commander", "chief",
           "inspector", "detective", "officer", "sheikh", "emir", "chairman", "chairwoman", "premier", "deputy",
           "speaker", "leader", "mp", "mep", "marshal", "field", "brigadier", "corporal", "private", "father",
           "bishop", "archbishop", "cardinal", "rabbi", "imam", "coach", "councillor", "councilman", "councilwoman",
           "attorney", "superintendent", "constable", "spokesman", "spokeswoman", "spokesperson", "ceo", "chair",
           "foreign", "defence", "defense", "home", "interior", "finance", "economy", "health", "state", "first",
           "lady", "crown", "executive",
           # police ranks as Nigerian and South Asian copy writes them ("SP Funmilayo Odunlami")
           "sp", "asp", "dsp", "csp"}
# Post-nominal letters of office that follow a name and are no part of it ("Niamh Fitzsimons TD").
POST_NOMINALS = {"td", "mp", "msp", "mla", "mhk", "mep", "qc", "kc", "sc", "obe", "mbe", "cbe"}
TITLES = HONORIFICS | OFFICES
# Titles that make up the name itself when only one name word follows ("Lord Dannatt", "King Charles").
NAME_TITLES = {"lord", "lady", "baroness", "baron", "king", "queen", "prince", "princess", "pope", "sheikh", "emir"}
MALE_TITLES = {"sir", "lord", "mr", "shri", "king", "prince", "baron", "father", "congressman", "chairman", "spokesman"}
FEMALE_TITLES = {"dame", "lady", "mrs", "ms", "miss", "queen", "princess", "baroness", "congresswoman",
                 "chairwoman", "spokeswoman", "smt", "shrimati", "madam", "mdm"}
# Surname particles: "Ursula von der Leyen", "Charles de Gaulle", "Mohammed bin Salman".
PARTICLES = {"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "ter", "ten", "dos",
             "das", "bin", "ibn", "al", "el", "zu", "y",
             "ní", "nic", "ó", "uí", "mac"}  # Irish: "Siobhán Ní Dhonnchadha", "Pádraig Mac Giolla Rua"
# Capitalised words that start sentences or headlines but are no names.
NOT_NAMES = {"the", "a", "an", "and", "or", "but", "in", "on", "at", "of", "for", "to", "with", "by", "from", "as",
             "he", "she", "it", "they", "we", "i", "you", "his", "her", "their", "this", "that", "these", "those",
             "mr", "mrs", "ms", "meanwhile", "however", "speaking", "according", "after", "before", "while", "when",
             "if", "not", "no", "yes", "said", "says", "told", "monday", "tuesday", "wednesday", "thursday",
             "friday", "saturday", "sunday", "january", "february", "march", "july", "august", "september",
             "october", "november", "december", "today", "yesterday", "tomorrow", "on", "last", "next"}
# A few common female first names of people in international news: enough to keep "she" off a man.
FEMALE_NAMES = {
    "ursula", "mette", "angela", "theresa", "liz", "elizabeth", "kamala", "hillary", "nancy", "giorgia", "marine",
    "jacinda", "rachel", "yvette", "kemi", "annalena", "kaja", "roberta", "christine", "margrethe", "sanna",
    "magdalena", "ylva", "nicola", "priti", "suella", "penny", "angela", "ruth", "anne", "anna", "maria", "marie",
    "sarah", "emma", "sophie", "laura", "julia", "claudia", "kristalina", "janet", "gina", "condoleezza", "madeleine",
    "susan", "karen", "linda", "barbara", "patricia", "jennifer", "jessica", "michelle", "melania", "ivanka", "jill",
    "kate", "catherine", "victoria", "olena", "iryna", "yulia", "tulsi", "pam", "kristi", "nikki", "marjorie", "lisa",
    "amy", "alexandria", "ilhan", "elise", "mary", "jane", "helen", "natalie", "emily", "olivia", "isabel", "lucy",
    "charlotte", "samantha", "rebecca", "alice", "caroline", "diane", "angelina", "bridget", "fiona", "harriet",
    "lucia", "ana", "elena", "irina", "natalia", "olga", "svetlana", "tatiana", "valentina", "yasmin", "fatima",
    "aisha", "leila", "mariam", "hasina", "indira", "benazir", "golda", "tsai",
}
# And male ones, so "she" is kept off them too.
MALE_NAMES = {
    "john", "james", "robert", "michael", "william", "david", "richard", "joseph", "thomas", "charles", "christopher",
    "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul", "andrew", "joshua", "kenneth", "kevin",
    "brian", "george", "timothy", "ronald", "edward", "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric",
    "jonathan", "stephen", "larry", "justin", "scott", "brandon", "benjamin", "samuel", "gregory", "alexander",
    "frank", "patrick", "raymond", "jack", "dennis", "jerry", "tyler", "aaron", "jose", "adam", "henry", "nathan",
    "douglas", "zachary", "peter", "kyle", "walter", "ethan", "jeremy", "harold", "keith", "christian", "roger",
    "noah", "gerald", "carl", "terry", "sean", "austin", "arthur", "lawrence", "jesse", "dylan", "bryan", "joe",
    "jordan", "billy", "bruce", "albert", "willie", "gabriel", "logan", "alan", "juan", "wayne", "roy", "ralph",
    "randy", "eugene", "vincent", "russell", "elijah", "louis", "bobby", "philip", "johnny", "keir", "boris",
    "rishi", "tony", "gordon", "olaf", "emmanuel", "vladimir", "volodymyr", "xi", "narendra", "recep", "viktor",
    "benjamin", "joe", "barack", "bill", "mike", "pete", "marco", "jd", "elon", "malcolm", "adrian", "jens", "mark",
    "friedrich", "sergei", "sergey", "dmitry", "dmitri", "alexei", "andrzej", "donald", "pedro", "giuseppe",
    "mario", "matteo", "luigi", "antonio", "francisco", "carlos", "luis", "jorge", "miguel", "lula", "javier",
    "mohammed", "muhammad", "ahmed", "ali", "hassan", "hussein", "abdullah", "omar", "yusuf", "ibrahim", "khalid",
    "keir", "nigel", "ed", "ben", "tom", "tim", "nick", "rob", "jim", "bob", "dan", "sam", "matt", "chris", "alex",
    "greg", "jeff", "ken", "ted", "hugh", "ian", "neil", "graham", "simon", "oliver", "harry", "charlie", "liam",
    "marcos", "hans", "klaus", "wolfgang", "jurgen", "stefan", "karl", "franz",
    "pierre", "francois", "jacques", "michel", "nicolas", "bruno", "gabriel", "sebastian", "kurt",
}
MALE_PRONOUNS = {"he", "him", "his", "himself"}
FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
PERSON_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
SUBJECT_PRONOUNS = {"he", "she"}
ORG_PRONOUNS = {"it", "they"}  # an organisation's or a group's
RELATIVE_PRONOUNS = {"who", "whom", "whose"}

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def strip_possessive(word: str) -> str:
    return _POSSESSIVE.sub("", word)


def is_title(word: str) -> bool:
    return word.lower().rstrip(".") in TITLES


def name_words(name: str) -> list[str]:
    """The words of a name with titles and a possessive removed: "Sir Keir Starmer's" -> [Keir, Starmer]."""
    words = [strip_possessive(w) for w in name.split()]
    words = [w for w in words if w]
    while len(words) > 1 and is_title(words[0]):
        words.pop(0)
    while len(words) > 1 and words[-1].isupper() and words[-1].lower() in POST_NOMINALS:
        words.pop()
    return words


def surname_of(words: list[str]) -> str:
    return words[-1] if words else ""


def first_names_of(words: list[str]) -> list[str]:
    """Given names: the words before the surname and its particles."""
    out = list(words[:-1])
    while out and out[-1].lower() in PARTICLES:
        out.pop()
    return out


def edit_distance_le1(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion or substitution (case-insensitive)."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


def surnames_match(a: str, b: str) -> bool:
    """Same surname, allowing one typo on long names ("Starmerr" for "Starmer")."""
    if a.lower() == b.lower():
        return True
    return min(len(a), len(b)) >= 5 and a[:1].lower() == b[:1].lower() and edit_distance_le1(a, b)


def first_names_agree(a: list[str], b: list[str]) -> bool:
    if not a or not b:
        return True
    x, y = a[0].lower().rstrip("."), b[0].lower().rstrip(".")
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:  # an initial: "K. Starmer"
        return x[0] == y[0]
    return False


def gender_of(first: list[str], titles: list[str]) -> str | None:
    for t in titles:
        t = t.lower().rstrip(".")
        if t in MALE_TITLES:
            return "m"
        if t in FEMALE_TITLES:
            return "f"
    if first and first[0].lower() in FEMALE_NAMES:
        return "f"
    if first and first[0].lower() in MALE_NAMES:
        return "m"
    return None
