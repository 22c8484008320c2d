"""The learned attribution's test corpus: articles of a made-up outlet whose house style puts
speakers where the rules do not look (`benchmarks/house_style.py`), reviewed in a project, and a
pipeline whose learned attribution was trained on them."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import house_style  # noqa: E402
import loop  # noqa: E402  (gold records -> reviewed project, as the benchmark imports them)
import quotes  # noqa: E402  (the reference scorer's rule)

TRAIN_ARTICLES = 48
TRAIN_SEED, HELD_OUT_SEED = 11, 12


def reviewed_project(path: Path, n: int = TRAIN_ARTICLES):
    """A project of `n` generated articles, every quote reviewed with its speaker, all done."""
    return loop.make_project(path, house_style.corpus(n, seed=TRAIN_SEED))


def held_out(n: int = 10) -> list[dict]:
    """Articles none of the training ones are, as gold records (other people, other words)."""
    return house_style.corpus(n, seed=HELD_OUT_SEED, first=10_000)


def train_model(work: Path, n: int = TRAIN_ARTICLES):
    """(pipeline folder, SpeakerTraining): the stock pipeline plus the learned attribution trained
    on a reviewed project's `export spacy`, as `annotator train` trains it."""
    from annotator.nlp.corpus import export_spacy
    from annotator.nlp.pipeline import load_pipeline
    from annotator.nlp.speaker_training import add_to_pipeline, train_from_corpus

    with reviewed_project(work / "gazette.annotator", n) as project:
        export_spacy(project, work / "corpus", dev=0.25, seed=0)
    nlp, _ = load_pipeline()
    trained = train_from_corpus(nlp, work / "corpus")
    assert trained.added, trained.summary()
    add_to_pipeline(nlp, trained)
    nlp.to_disk(work / "model")
    return work / "model", trained


def speaker_accuracy(gold: list[dict], model: str | None) -> float:
    right, total = quotes.score_records(gold, quotes.predict(gold, model))["tally"][("all", "")]
    return right / total


def stored_accuracy(db: Path, gold: list[dict]) -> float:
    """Speaker accuracy of what pre-annotation stored in a project of the `gold` articles (by meta id)."""
    from annotator.store import Project

    preds = {}
    with Project.open(db) as p:
        for aid in p.article_ids():
            ann = p.load_article(aid)
            text = ann.article.text
            preds[ann.article.meta["id"]] = [
                {"text": text[q.start:q.end], "speaker": ann.persons[q.speaker_id].name if q.speaker_id else None,
                 "speaker_mention": text[q.speaker_start:q.speaker_end] if q.speaker_start is not None else None}
                for q in ann.quotes]
    right, total = quotes.score_records(gold, preds)["tally"][("all", "")]
    return right / total
