"""Training benchmark: export speed and a training run on a generated, realistically labelled project.

    .venv/bin/python benchmarks/train.py [--export-articles 10000] [--train-articles 300] [--max-steps 300]
                                         [--skip-export] [--keep DIR]

1. Export speed: a 10,000-article reviewed project (600 words, 30 entities, 5 quotes each, from the
   storage benchmark's generator) exported as spaCy corpora. Target <= 15 s.
2. Training: news-like articles generated from templates (named speakers, reporting verbs, quotes
   whose wording carries a stance toward the sample project's targets and a claim type), reviewed,
   trained for --max-steps steps; prints before/after scores on the dev split, the time taken and
   the model's folder (with --keep it stays, for `benchmarks/quotes.py GOLD --model PATH`).
`train_cost.py` measures `annotator train` itself (peak memory, time) on articles of real length.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from annotator.models import ArticleDraft, Entity, Person, Quote, Stance  # noqa: E402
from annotator.nlp.corpus import export_spacy  # noqa: E402
from annotator.nlp.training import train  # noqa: E402
from annotator.scheme import Scheme  # noqa: E402
from annotator.store import Project  # noqa: E402
from storage import make_article, vocabulary  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = [("Anna", "Berg", "Norway"), ("Marc", "Dubois", "France"), ("Lena", "Vogel", "Germany"),
          ("Piotr", "Nowak", "Poland"), ("Sara", "Lind", "Sweden"), ("Tom", "Hughes", "Britain"),
          ("Elena", "Rossi", "Italy"), ("Jan", "de Vries", "the Netherlands"), ("Mia", "Koski", "Finland")]
ROLES = ["Prime Minister", "Defence Minister", "Foreign Minister", "President", "senior official"]
VERBS = ["said", "warned", "told reporters", "added", "insisted", "argued", "stressed"]
# (target, label, claim, sentences): what a speaker says and what it means.
LINES = [
    ("Higher defence spending", "FAVOR", "RECOMMENDATION", ["We must raise defence spending this year",
     "Europe needs to spend far more on its armed forces", "Every ally has to step up its military budget"]),
    ("Higher defence spending", "AGAINST", "OPINION", ["More money for weapons is the wrong answer",
     "Raising military budgets now would be a mistake"]),
    ("European troops in Ukraine", "FAVOR", "COMMITMENT", ["We will send our soldiers to help keep the peace",
     "Our troops are ready to deploy to Ukraine"]),
    ("European troops in Ukraine", "AGAINST", "OPINION", ["Sending troops to Ukraine is completely premature",
     "Talk of deploying soldiers is reckless"]),
    ("US security backstop for Ukraine", "FAVOR", "CAUSAL", ["Only an American guarantee will deter Russia",
     "A US backstop is the one thing that stops another invasion"]),
    ("Ukraine in NATO", "FAVOR", "PREDICTION", ["Ukraine will join the alliance within a decade",
     "Kyiv's path to NATO membership is irreversible"]),
    ("US-Russia talks without Europe", "AGAINST", "OPINION", ["Talks about Europe without Europe are unacceptable",
     "Nobody can negotiate over our heads"]),
    (None, None, "FACT", ["The summit lasted four hours", "Twelve leaders attended the meeting in Paris"]),
]
FILLER = ["The meeting took place in {city} on {day}.", "Officials discussed the next steps for the region.",
          "Markets reacted calmly to the news.", "The talks are expected to continue next week."]
CITIES = ["Paris", "London", "Berlin", "Warsaw", "Brussels", "Oslo"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def news_article(rng: random.Random, i: int, quotes_per_article: tuple[int, int] = (3, 5),
                 fillers: int = 1) -> ArticleDraft:
    """A reviewed news-like article; the defaults give about 120 tokens, `(10, 16)` quotes with
    two filler sentences each 380-620 (real news: 310-630 words in the dev set)."""
    city = rng.choice(CITIES)
    text = f"{city} – "
    ents, quotes, persons = [], [], {}
    for k in range(rng.randint(*quotes_per_article)):
        first, last, country = rng.choice(PEOPLE)
        name = f"{first} {last}"
        key = persons.setdefault(name, len(persons) + 1)
        target, label, claim, sents = rng.choice(LINES)
        said = rng.choice(sents)
        verb = rng.choice(VERBS)
        if rng.random() < 0.5:
            lead = f"{rng.choice(ROLES)} {name} of {country} {verb}: \""
            n0 = len(text) + len(lead) - len(f" of {country} {verb}: \"") - len(name)
            seg = lead + said + ".\" "
            q0 = len(text) + len(lead)
        else:
            seg = f"\"{said},\" {verb} {name}, {rng.choice(ROLES).lower()} of {country}. "
            q0 = len(text) + 1
            n0 = len(text) + seg.index(name)
        qlen = len(said) + 1
        text += seg
        ents.append(Entity(start=n0, end=n0 + len(name), label="PERSON", person_id=key, origin="human", reviewed=True))
        c0 = text.index(country, n0)
        ents.append(Entity(start=c0, end=c0 + len(country), label="GPE", origin="human", reviewed=True))
        stances = [Stance(target=target, label=label)] if target else []
        quotes.append(Quote(start=q0, end=q0 + qlen, kind="direct", speaker_id=key, speaker_start=n0,
                            speaker_end=n0 + len(name), stances=stances, claim=claim,
                            checkworthy=claim in ("FACT", "CAUSAL"), origin="human", reviewed=True))
        text += " ".join(rng.choice(FILLER).format(city=rng.choice(CITIES), day=rng.choice(DAYS))
                         for _ in range(fillers)) + "\n"
    c = text.index(city)
    ents.append(Entity(start=c, end=c + len(city), label="GPE", origin="human", reviewed=True))
    return ArticleDraft(text=text.rstrip(), title=f"Generated story {i}", place=city, status="done", entities=ents,
                        quotes=quotes, persons={k: Person(name=n) for n, k in persons.items()})


def export_speed(n: int, work: Path) -> None:
    rng = random.Random(1)
    vocab = vocabulary(rng)
    p = Project.create(work / "export.annotator", Scheme.load(ROOT / "seeds" / "scheme.json"))
    for b in range(0, n, 1000):
        drafts = [make_article(rng, vocab, i) for i in range(b, min(n, b + 1000))]
        for d in drafts:  # reviewed articles: every entity and quote confirmed, as export labels them
            d.status = "done"
            d.entities = [e.model_copy(update={"reviewed": True}) for e in d.entities]
            d.quotes = [q.model_copy(update={"reviewed": True}) for q in d.quotes]
        p.import_articles(drafts)
    t = time.perf_counter()
    m = export_spacy(p, work / "corpus")
    elapsed = time.perf_counter() - t
    print(f"export {n:,} articles ({sum(m.entities.values()):,} entities, {sum(m.quotes.values()):,} quotes): "
          f"{elapsed:.1f} s  target <= 15 s  {'ok' if elapsed <= 15 else 'MISSED'}  ({n / elapsed:,.0f} articles/s)")
    p.close()


def training_run(n: int, max_steps: int, work: Path) -> None:
    rng = random.Random(2)
    p = Project.create(work / "train.annotator", Scheme.load(ROOT / "seeds" / "scheme.json"))
    p.import_articles([news_article(rng, i) for i in range(n)])
    t = time.perf_counter()
    res = train(p, work / "run", max_steps=max_steps)
    elapsed = time.perf_counter() - t
    print(f"\ntrained on {res.manifest['articles']['train']} articles, dev {res.manifest['articles']['dev']}, "
          f"{max_steps} steps per component: {elapsed:.0f} s")
    for k in sorted(set(res.before) | set(res.after)):
        b, a = res.before.get(k), res.after.get(k)
        print(f"  {k:<24}{'—' if b is None else f'{b:.3f}':>8}{'—' if a is None else f'{a:.3f}':>8}")
    for note in res.notes:
        print("  note:", note)
    print(f"  model: {res.model_path} (on real news: benchmarks/quotes.py ../shared/eval/dev_news.jsonl --model PATH)")
    p.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--export-articles", type=int, default=10_000)
    ap.add_argument("--train-articles", type=int, default=300)
    ap.add_argument("--max-steps", type=int, default=300)
    ap.add_argument("--skip-export", action="store_true")
    ap.add_argument("--skip-train", action="store_true")
    ap.add_argument("--keep", type=Path, help="keep the projects and the trained model in this (new) folder")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="annotator-train-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if not args.skip_export:
            export_speed(args.export_articles, work)
        if not args.skip_train:
            training_run(args.train_articles, args.max_steps, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
