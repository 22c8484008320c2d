"""Only what an annotator confirmed becomes a label in the spaCy corpora; what nobody reviewed is
*missing* (neither entity nor non-entity), never a negative; empty parts are skipped, not written."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import spacy
from spacy.tokens import DocBin

from annotator import ops
from annotator.errors import AnnotatorError
from annotator.models import ArticleDraft, Entity, Quote, Stance
from annotator.nlp.corpus import export_spacy, read_quote_links

TARGET = "Higher defence spending"
ARTICLES = [
    'Oslo – "We will spend more on the army next year," Defence Minister Kari Lund said on Monday. '
    'Her rival Per Dahl warned that "the budget cannot carry it." The parliament in Oslo votes in May.',
    'Bergen – "Our bridge opens in June," Mayor Eva Strand told reporters. '
    'Engineer Tor Moe said that "the steel arrived late." Bergen has waited ten years.',
    'Tromso – "Fishing quotas must fall," scientist Ida Berg said. '
    'Industry leader Ola Nes replied that "the boats will stay home." Norway decides in autumn.',
    'Stavanger – "Oil money is not endless," economist Siv Lie said on Tuesday. '
    'Banker Jon Vik said "rates stay high." Stavanger expects a slow year.',
]


def _draft(text: str) -> ArticleDraft:
    """Suggestions as pre-annotation makes them: two quotes with speakers, persons and a place."""
    import re

    ents, quotes = [], []
    for m in re.finditer(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b(?= (said|warned|told|replied))", text):
        ents.append(Entity(start=m.start(), end=m.end(), label="PERSON", confidence=0.9))
    place = text.split(" – ")[0]
    last = text.rindex(place)
    ents.append(Entity(start=last, end=last + len(place), label="GPE", confidence=0.8))
    marks = [i for i, ch in enumerate(text) if ch == '"']
    for k, (a, b) in enumerate(zip(marks[::2], marks[1::2])):
        end = b - 1 if text[b - 1] in ",." else b
        sp = min((e for e in ents if e.label == "PERSON"), key=lambda e: abs(e.start - b))
        quotes.append(Quote(start=a + 1, end=end, kind="direct" if k == 0 else "partial", confidence=0.8,
                            speaker_start=sp.start, speaker_end=sp.end))
    return ArticleDraft(text=text, entities=sorted(ents, key=lambda e: e.start), quotes=quotes)


@pytest.fixture
def partly_reviewed(project):
    """Four articles. In each, the first quote is reviewed by hand (speaker, stance, claim), the
    second left as suggested; one PERSON entity is confirmed, the rest never looked at; then the
    article is marked done through the confirm-as-suggested path."""
    p = project
    ids = p.import_articles([_draft(t) for t in ARTICLES]).article_ids
    for aid, claim in zip(ids, ("PREDICTION", "FACT", "RECOMMENDATION", "FACT")):
        ann = p.load_article(aid)
        first = ann.quotes[0]
        ops.set_stance(p, first.id, TARGET, "FAVOR")
        ops.set_claim(p, first.id, claim)
        ops.confirm_entity(p, ann.entities[0].id)
        ops.set_article_status(p, aid, "done", confirm_suggestions=True)
    return p


def _docs(path):
    return list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))


def test_unreviewed_entities_are_missing_not_negative(partly_reviewed, tmp_path):
    m = export_spacy(partly_reviewed, tmp_path, dev=0.25, seed=0)
    docs = _docs(tmp_path / "train.spacy") + _docs(tmp_path / "dev.spacy")
    assert len(docs) == 4
    for doc in docs:
        aid = doc.user_data["annotator"]["article"]
        ann = partly_reviewed.load_article(aid)
        reviewed = [e for e in ann.entities if e.reviewed]
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [(e.start, e.end, e.label) for e in reviewed]
        outside = [t for t in doc if t.ent_iob_ == "O"]
        assert outside == []  # no token is claimed to be a non-entity: nobody checked them
        assert sum(t.ent_iob_ == "" for t in doc) == len(doc) - sum(len(e) for e in doc.ents)
    assert m.entities_unreviewed == 4 * 2 and sum(m.entities.values()) == 4


def test_a_fully_reviewed_entity_layer_says_outside(partly_reviewed, tmp_path):
    p = partly_reviewed
    for e in p.load_article(1).entities:
        ops.confirm_entity(p, e.id)
    export_spacy(p, tmp_path, dev=0.25, seed=0)
    doc = next(d for d in _docs(tmp_path / "train.spacy") + _docs(tmp_path / "dev.spacy")
               if d.user_data["annotator"]["article"] == 1)
    assert len(doc.ents) == 3 and all(t.ent_iob_ in ("B", "I", "O") for t in doc)


def test_only_reviewed_quotes_and_stance_none_only_from_them(partly_reviewed, tmp_path, project):
    # A fifth article, imported as done but never reviewed (e.g. an old export): its suggested
    # quotes must not become labels, nor NONE stance examples.
    (aid,) = project.import_articles([_draft(ARTICLES[0].replace("Oslo", "Hamar")).model_copy(
        update={"status": "done"})]).article_ids
    m = export_spacy(project, tmp_path, dev=0.25, seed=0)
    docs = _docs(tmp_path / "train.spacy") + _docs(tmp_path / "dev.spacy")
    assert aid not in {d.user_data["annotator"]["article"] for d in docs}  # left out, not taught "no quote here"
    assert m.left_out["unreviewed quotes"] == [aid]
    assert sum(len(d.spans["quotes"]) for d in docs) == 8  # the 4 x 2 quotes confirmed or reviewed
    links = [link for d in docs for link in read_quote_links(d)]
    assert len(links) == 8
    targets = project.scheme.stance_targets
    stance = _docs(tmp_path / "stance" / "train.spacy") + _docs(tmp_path / "stance" / "dev.spacy")
    assert len(stance) == 8  # reviewed quotes only: not the fifth article's two
    assert m.stance_absent_as_none == 8 * len(targets) - 4
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["left_out"]["unreviewed quotes"] == [aid]


def test_a_part_without_labels_is_skipped_not_written(partly_reviewed, tmp_path):
    p = partly_reviewed
    for aid in p.article_ids():
        for q in p.load_article(aid).quotes:
            if q.claim:
                ops.set_claim(p, q.id, None)
    m = export_spacy(p, tmp_path, dev=0.25, seed=0)
    assert not (tmp_path / "claims").exists()
    assert "claims" in m.skipped and "no claim" in m.skipped["claims"]
    assert (tmp_path / "stance" / "config.cfg").exists()


def test_an_empty_dev_split_is_refused(partly_reviewed, tmp_path):
    with pytest.raises(AnnotatorError, match="dev split"):
        export_spacy(partly_reviewed, tmp_path / "a", dev=0.0)
    assert not (tmp_path / "a" / "train.spacy").exists()


def test_every_folder_passes_spacy_debug_data_as_exported(partly_reviewed, tmp_path):
    """Small data (8 quotes) is a warning, not a failure: the classifiers start from the base
    model's token vectors, so spaCy does not treat them as new pipelines trained from nothing."""
    export_spacy(partly_reviewed, tmp_path, dev=0.25, seed=0)
    for folder in (tmp_path, tmp_path / "stance", tmp_path / "claims"):
        res = subprocess.run([sys.executable, "-m", "spacy", "debug", "data", "config.cfg"], cwd=folder,
                             capture_output=True, text=True, timeout=300)
        assert res.returncode == 0, f"{folder.name}: " + res.stdout[-2500:] + res.stderr[-1500:]
    # Missing tokens train: spaCy's own loop on the main corpus (two steps; `spacy train` on every
    # folder is tests/training/test_spacy_export.py's slow test).
    res = subprocess.run([sys.executable, "-m", "spacy", "train", "config.cfg", "--output", "out",
                          "--training.max_steps", "2", "--training.eval_frequency", "1"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
