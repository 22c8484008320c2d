"""Short made-up news articles for the cluster tests: persons who recur across articles (first by
full name with a title, later by surname alone), direct and partial quotes, places, organisations.
Deterministic for a seed, so two projects built from them are the same."""

from __future__ import annotations

import json
import random
from pathlib import Path

FIRST_F = ["Maren", "Ines", "Selma", "Priya", "Odile", "Tamsin", "Greta", "Nadia"]
FIRST_M = ["Arlo", "Tobias", "Kofi", "Rafael", "Dorian", "Hektor", "Lucan", "Emeka"]
LAST = ["Venn", "Okafor", "Lindqvist", "Moreau", "Castellano", "Brandt", "Haddad", "Novak", "Adeyemi", "Farrow",
        "Kessler", "Ibarra", "Quennell", "Draxler", "Sorensen", "Oyelaran"]
ROLES = ["Finance Minister", "Mayor", "Senator", "Transport Secretary", "Governor", "Health Minister"]
JOBS = ["union leader", "chief executive of Northwind Rail", "spokeswoman for the Harbour Authority",
        "head of the Grain Council", "economist at Bellmark Bank", "professor at Dunmore University"]
PLACES = ["Dunmore", "Port Alder", "Valmont", "Kestrel Bay", "Ashford Vale", "Norrland"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TOPICS = [
    ("the harbour bridge", "The bridge will reopen before the winter storms", "a waste of public money"),
    ("rail fares", "Fares will not rise again this year", "a promise nobody believes"),
    ("the grain harvest", "We expect the best harvest in a decade", "far too optimistic"),
    ("hospital waiting lists", "Waiting lists are finally getting shorter", "a matter of luck"),
    ("the new tax on shipping", "The tax pays for the new ferries", "bad news for every exporter"),
    ("teachers' pay", "Every teacher will see a rise in the autumn", "too little and far too late"),
]


def _person(rng: random.Random) -> tuple[str, str, str]:
    female = rng.random() < 0.5
    return rng.choice(FIRST_F if female else FIRST_M), rng.choice(LAST), "she" if female else "he"


def article(rng: random.Random, known: list[tuple[str, str, str]]) -> str:
    place, day = rng.choice(PLACES), rng.choice(DAYS)
    topic, claim, jibe = rng.choice(TOPICS)
    first, last, pron = rng.choice(known) if known and rng.random() < 0.4 else _person(rng)
    role = rng.choice(ROLES)
    # A person met in an earlier article comes back by surname alone, as news copy does.
    intro = f"{role} {last}" if (first, last, pron) in known else f"{role} {first} {last}"
    known.append((first, last, pron))
    f2, l2, p2 = _person(rng)
    job = rng.choice(JOBS)
    paras = [
        f"{place} – {intro} said on {day} that {topic} would be settled within weeks.",
        f"\"{claim},\" {last} told reporters. \"We have done the work and the numbers are clear.\"",
        f"{f2} {l2}, {job}, called the plan \"{jibe}\" and said {p2} would ask for an inquiry.",
    ]
    if rng.random() < 0.5:
        paras.append(f"\"I have heard this before,\" {l2} said. \"People in {place} deserve better.\"")
    if rng.random() < 0.3:
        paras.append(f"{last} is expected to answer questions in parliament on {rng.choice(DAYS)}.")
    return "\n\n".join(paras)


def articles(n: int, seed: int = 7) -> list[str]:
    rng, known = random.Random(seed), []
    return [f"{article(rng, known)}\n\n(Copy {i}.)" for i in range(n)]


def write_jsonl(path: Path, n: int, seed: int = 7) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(articles(n, seed)):
            fh.write(json.dumps({"text": text, "meta": {"title": f"Story {i}"}}, ensure_ascii=False) + "\n")
    return path
