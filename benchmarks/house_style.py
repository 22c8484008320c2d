"""A generated news corpus in one outlet's house style, for the learning-curve benchmark and tests.

    .venv/bin/python benchmarks/house_style.py OUT.jsonl [--articles 600] [--seed 1] [--reviewed]

Why generated: no openly licensed English news corpus with quote -> speaker annotations could be
found (README, "The feedback loop"). So this builds articles of a made-up regional weekly, "The
Harbour Gazette", in the format of `../shared/eval/dev_news.jsonl` (one record per article: `id`,
`text`, `quotes` with `start`/`end`/`text`, `speaker`, `speaker_type`, `kind`, `attribution` and
the attributing `mention`). Names, places, topics, verbs and layouts are drawn at random from
pools, so no two articles are alike and held-out articles name people never seen in training.

Every article mixes wire-style attributions the rules handle ("...," Okafor said; She said:
"...") with the Gazette's house conventions, which the rules were not written for:

- voices: a quotation standing alone in its paragraph, the speaker on the next line after a dash
  ("— Tobias Lindqvist, 54, trawler skipper");
- lead-in: a line naming the speaker and ending in a colon, the quotation on the next line;
- tag: the speaker in brackets or after a dash right behind the quotation, in a paragraph that
  names somebody else first;
- statement box: an organisation's words with "— Statement from the Harbour Authority" below.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

FIRST = ["Maren", "Ines", "Selma", "Priya", "Odile", "Tamsin", "Greta", "Nadia", "Amara", "Freya", "Lucia", "Hanna",
         "Zofia", "Keiko", "Aisling", "Marta", "Leila", "Ingrid", "Yasmin", "Clara", "Sunita", "Rosa", "Elif", "Noor",
         "Arlo", "Tobias", "Kofi", "Rafael", "Dorian", "Hektor", "Lucan", "Emeka", "Anders", "Matteo", "Jonah",
         "Tariq", "Pavel", "Kenji", "Declan", "Oskar", "Bruno", "Samir", "Felix", "Idris", "Caspar", "Milan", "Ravi",
         "Teodor", "Ewan", "Luis", "Grace", "Helen", "Peter", "Daniel", "Sarah", "Thomas", "Anna", "Michael"]
LAST = ["Venn", "Okafor", "Lindqvist", "Moreau", "Castellano", "Brandt", "Haddad", "Novak", "Adeyemi", "Farrow",
        "Kessler", "Ibarra", "Quennell", "Draxler", "Sorensen", "Oyelaran", "Whitcombe", "Marchetti", "Halloran",
        "Petrov", "Nakamura", "Oduya", "Fairbairn", "Delacroix", "Gallagher", "Mendes", "Holt", "Varga", "Lund",
        "Achterberg", "Costa", "Brennan", "Kowalczyk", "Abiodun", "Sandoval", "Thorsen", "Rahman", "Ellery", "Dunmore",
        "Pryce", "Okonjo", "Baptiste", "Strand", "Moretti", "Carvalho", "Ashby", "Keane", "Lorenz", "Mbeki", "Rowe",
        "Szabo", "Ferreira", "Hughes", "Morgan", "Clarke", "Walsh", "Bauer", "Jensen", "Rossi", "Kaur"]
ROLES = ["council leader", "harbour master", "Mayor", "county councillor", "school governor", "ferry operator",
         "Finance Minister", "Transport Secretary", "police inspector", "hospital director"]
JOBS = ["trawler skipper", "fish merchant", "retired teacher", "nurse at Westbrook Hospital", "café owner",
        "lifeboat volunteer", "boatyard manager", "student", "taxi driver", "parish priest", "shop steward",
        "headteacher", "marine biologist", "farmer", "harbour pilot", "chair of the Harbour Users Group",
        "organiser of the Save Our Quay campaign", "owner of a guesthouse", "bus driver", "pharmacist"]
PLACES = ["Port Alder", "Kestrel Bay", "Westbrook", "Hollin Cove", "Saltmarsh", "Dunmore", "Ashford Vale", "Rookhaven",
          "Merrow Point", "Carrick Sands"]
ORGS = ["Harbour Authority", "Port Alder Council", "Coastal Water Board", "Northwind Ferries",
        "Westbrook Hospital Trust",
        "Fishermen's Cooperative", "County Police", "Rookhaven Rail"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
VERBS = ["said", "told the Gazette", "said on {day}", "added", "warned", "insisted", "explained"]
TOPICS = [
    ("mooring fees", "the council plans to double mooring fees from April",
     ["We have no other way to pay for the new breakwater", "Prices have doubled since spring and now this",
      "Nobody asked the people who actually work on the water", "The fees are fair and long overdue",
      "Half the boats in this harbour will be gone by next year"]),
    ("the ferry timetable", "the winter ferry timetable will cut two sailings a day",
     ["My daughter will miss the first bell every morning", "We cannot run empty boats at a loss",
      "The island is being cut off one sailing at a time", "Passenger numbers simply do not support it",
      "Ask anyone on the quay and they will tell you the same"]),
    ("the hospital ward", "the maternity ward at Westbrook will close at night",
     ["Mothers will have to drive forty miles in labour", "Safety has to come before convenience",
      "This decision was made in an office far from here", "We will recruit more midwives by the summer",
      "I gave birth on that ward and so did my mother"]),
    ("the sea wall", "repairs to the sea wall have been delayed again",
     ["Every storm takes another metre of the promenade", "The contractor has promised to start in May",
      "We were told the same thing two winters ago", "The money is there and the work will be done",
      "Our cellar flooded three times this year"]),
    ("the fish quota", "the regional fish quota is to be cut by a fifth",
     ["A fifth less fish means a fifth less pay", "The stocks need time to recover",
      "My family has fished here for four generations", "The science on this is very clear",
      "Young people will not stay for a dying trade"]),
    ("the school merger", "two village schools will merge in September",
     ["Small classes are what made our school special", "The merger keeps both buildings open",
      "Children should not spend an hour on a bus", "Parents were consulted at every stage",
      "We will fight this decision in every meeting"]),
]
# Words anybody might say about anything, drawn when a topic's own lines run out.
GENERIC = ["That is all I have to say about it", "It is the same story every year", "We deserve better than this",
           "Nobody in this town was surprised", "I have never seen anything like it", "We will be watching closely",
           "People here are tired of waiting", "There is still time to get this right",
           "I hope they listen this time", "The numbers speak for themselves", "It could have been handled better",
           "We are ready to talk to anyone", "This affects every family on the coast", "I am proud of this town",
           "Nothing has been decided yet", "Everyone agrees something must change"]
HEADS = ["{Topic} row deepens in {place}", "Anger in {place} over {topic}", "{place} divided on {topic}",
         "What {place} thinks of {topic}", "Council defends plan on {topic}"]


class _Writer:
    """Builds one article's text paragraph by paragraph and records the gold quotes as it goes."""

    def __init__(self) -> None:
        self.text = ""
        self.quotes: list[dict] = []

    def para(self, *pieces: tuple[str, str | None]) -> None:
        """pieces: (text, role); roles mark the quoted words ("q"), the mention ("m") or nothing."""
        if self.text:
            self.text += "\n"
        marks: dict[str, tuple[int, int]] = {}
        for piece, role in pieces:
            if role:
                marks[role] = (len(self.text), len(self.text) + len(piece))
            self.text += piece
        self.pending = marks

    def quote(self, q: tuple[int, int], speaker: str, stype: str, attribution: str, m: tuple[int, int] | None,
              kind: str = "direct") -> None:
        self.quotes.append({"start": q[0], "end": q[1], "text": self.text[q[0]:q[1]], "speaker": speaker,
                            "speaker_type": stype, "kind": kind, "attribution": attribution,
                            "mention": {"text": self.text[m[0]:m[1]], "start": m[0], "end": m[1]} if m else None})


class _People:
    def __init__(self, rng: random.Random):
        self.rng, self.used = rng, set()

    def new(self) -> dict:
        while True:
            first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
            if last not in self.used:
                self.used.add(last)
                female = first in FIRST[:24] or first in ("Grace", "Helen", "Sarah", "Anna")
                return {"first": first, "last": last, "name": f"{first} {last}", "pron": "she" if female else "he"}


def _verb(rng: random.Random) -> str:
    return rng.choice(VERBS).format(day=rng.choice(DAYS))


def _sentence(line: str, rng: random.Random) -> str:
    return line + rng.choice([".", ".", ".", "!"])


def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


def _voices(w: _Writer, rng: random.Random, people: _People, lines: list[str]) -> None:
    """The vox pop: the words alone, the speaker on the line below."""
    style = rng.choice(["dash", "dash", "plain", "brackets"])
    for _ in range(rng.randint(1, 3)):
        p = people.new()
        w.para(("\"", None), (_sentence(lines.pop(), rng), "q"), ("\"", None))
        q = w.pending["q"]
        age = f", {rng.randint(19, 88)}" if rng.random() < 0.6 else ""
        where = f", {rng.choice(PLACES)}" if rng.random() < 0.5 else ""
        if style == "dash":
            w.para((rng.choice(["— ", "— ", "– ", "- "]), None), (p["name"], "m"),
                   (f"{age}, {rng.choice(JOBS)}{where}", None))
        elif style == "plain":
            w.para((p["name"], "m"), (f"{age}, {rng.choice(JOBS)}{where}.", None))
        else:
            w.para(("(", None), (p["name"], "m"), (f"{age}, {rng.choice(JOBS)})", None))
        w.quote(q, p["name"], "person", "name", w.pending["m"])


def _leadin(w: _Writer, rng: random.Random, people: _People, lines: list[str], topic: str) -> None:
    """A line naming the speaker, ending in a colon; the words on the next line."""
    p = people.new()
    job = rng.choice(JOBS)
    style = rng.randrange(4)
    if style == 0:
        w.para((p["name"], "m"), (f", {job}:", None))
    elif style == 1:
        w.para((p["name"], "m"), (f" ({job}):", None))
    elif style == 2:
        w.para((f"Asked about {topic}, ", None), (p["name"], "m"), (f", {job}:", None))
    else:
        w.para((f"From {_cap(job) if job[0].islower() else job} ", None), (p["name"], "m"), (":", None))
    m = w.pending["m"]
    w.para(("\"", None), (_sentence(lines.pop(), rng), "q"), ("\"", None))
    w.quote(w.pending["q"], p["name"], "person", "name", m)


def _tag(w: _Writer, rng: random.Random, people: _People, lines: list[str], other: dict) -> None:
    """Somebody else named first; the speaker tagged right behind the words."""
    p = people.new()
    excuse = rng.choice(["has defended the plan", "was not available for comment", "stood by the decision",
                         "declined to comment"])
    pre = f"{other['last']} {excuse}. "
    style = rng.randrange(3)
    if style == 0:
        w.para((pre + "\"", None), (_sentence(lines.pop(), rng), "q"), ("\" (", None), (p["name"], "m"),
               (f", {rng.choice(JOBS)})", None))
    elif style == 1:
        w.para((pre + "\"", None), (_sentence(lines.pop(), rng), "q"), ("\" " + rng.choice(["—", "–"]) + " ", None),
               (p["name"], "m"), (f", {rng.choice(JOBS)}.", None))
    else:
        w.para((pre + "\"", None), (_sentence(lines.pop(), rng), "q"), ("\" — ", None), (p["name"], "m"))
    w.quote(w.pending["q"], p["name"], "person", "name", w.pending["m"])


def _box(w: _Writer, rng: random.Random, lines: list[str]) -> None:
    """An organisation's statement, its name under the words."""
    org = rng.choice(ORGS)
    w.para(("\"", None), (_sentence(lines.pop(), rng), "q"), ("\"", None))
    q = w.pending["q"]
    under = rng.choice(["— Statement from the ", "— Statement by the ", "— A spokesperson for the ", "Source: the "])
    w.para((under, None), (org, "m"))
    w.quote(q, org, "organization", "name", w.pending["m"])


def _wire(w: _Writer, rng: random.Random, p: dict, line: str, first: bool) -> None:
    """What wire copy does, and the rules know: "...," Okafor said; Nurse Ines Novak said: "..."."""
    style = rng.randrange(3) if not first else 0
    if style == 0:
        w.para(("\"", None), (_sentence(line, rng)[:-1] + ",", "q"), ("\" ", None), (p["last"], "m"),
               (f" {_verb(rng)}.", None))
    elif style == 1:
        job = rng.choice(JOBS)
        w.para((f"{_cap(job)} ", None), (p["name"], "m"),
               (f" {rng.choice(['said', 'warned', 'told the Gazette'])}: \"", None), (_sentence(line, rng), "q"),
               ("\"", None))
    else:
        w.para(("\"", None), (_sentence(line, rng)[:-1] + ",", "q"), ("\" said ", None), (p["name"], "m"),
               (f", {rng.choice(JOBS)}.", None))
    w.quote(w.pending["q"], p["name"], "person", "name", w.pending["m"])


def article(rng: random.Random, n: int, house: bool = True) -> dict:
    """One article; without `house` only the wire-style attributions the rules read (a control)."""
    topic, lead, lines = rng.choice(TOPICS)
    lines = list(lines)
    rng.shuffle(lines)
    extra = list(GENERIC)
    rng.shuffle(extra)
    lines = extra + lines  # popped from the end: the topic's own lines first
    place = rng.choice(PLACES)
    people = _People(rng)
    w = _Writer()
    head = rng.choice(HEADS).format(topic=topic, Topic=_cap(topic), place=place)
    w.para((head, None))
    official = people.new()
    role = rng.choice(ROLES)
    w.para((f"{place.upper()} — {_cap(role)} ", None), (official["name"], "m"),
           (f" confirmed on {rng.choice(DAYS)} that {lead}.", None))
    blocks = ["wire", "wire", "voices", "leadin", "tag", "box", "pronoun", "background"]
    if not house:
        blocks = ["wire", "wire", "wire", "pronoun", "background"]
    rng.shuffle(blocks)
    blocks = blocks[:rng.randint(3, 6)]
    if house and not any(b in ("voices", "leadin", "tag", "box") for b in blocks):
        blocks.append(rng.choice(["voices", "leadin", "tag"]))
    last_named, official_spoke = official, False
    for block in blocks:
        if block == "wire":
            p = official if not official_spoke else people.new()
            _wire(w, rng, p, lines.pop(), first=p is official)
            official_spoke, last_named = True, p
        elif block == "pronoun":  # "...," she added, after a paragraph about that person
            p = last_named
            w.para((f"{p['last']} has lived in {place} for {rng.randint(3, 40)} years.", None))
            w.para(("\"", None), (_sentence(lines.pop(), rng)[:-1] + ",", "q"), ("\" ", None), (p["pron"], "m"),
                   (f" {rng.choice(['added', 'said', 'went on'])}.", None))
            w.quote(w.pending["q"], p["name"], "person", "pronoun", w.pending["m"])
        elif block == "background":  # a name in passing, nobody quoted
            p = people.new()
            w.para((f"Last year {p['name']} of the {rng.choice(ORGS)} warned that {topic} would become an issue.",
                    None))
        elif block == "voices":
            _voices(w, rng, people, lines)
        elif block == "leadin":
            _leadin(w, rng, people, lines, topic)
        elif block == "tag":
            _tag(w, rng, people, lines, last_named)
        elif block == "box":
            _box(w, rng, lines)
    w.para((f"The {rng.choice(ORGS)} will discuss {topic} again in {rng.choice(['March', 'June', 'October'])}.", None))
    return {"id": f"gazette-{n:05d}", "source": "generated (benchmarks/house_style.py)", "license": "CC0",
            "title": head, "text": w.text, "quotes": w.quotes}


def corpus(n: int, seed: int = 1, first: int = 0, house: bool = True) -> list[dict]:
    """`n` articles, ids numbered from `first` (deterministic for a seed); `house=False`: wire style only."""
    rng = random.Random(seed)
    return [article(rng, first + i, house) for i in range(n)]


def write(path: Path, n: int, seed: int = 1, reviewed: bool = False) -> Path:
    """Gold records (the format of dev_news.jsonl), or with `reviewed` records `annotator import`
    reads as reviewed, done articles (every quote with its speaker)."""
    if reviewed:
        from loop import import_record
    with path.open("w", encoding="utf-8") as fh:
        for rec in corpus(n, seed):
            fh.write(json.dumps(import_record(rec) if reviewed else rec, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reviewed", action="store_true",
                    help="write what `annotator import` reads as reviewed, done articles instead of gold records")
    args = ap.parse_args(argv)
    write(args.out, args.articles, args.seed, args.reviewed)
    print(f"{args.articles} articles written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
