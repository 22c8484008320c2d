"""spaCy corpora from reviewed work: the right counts reach spaCy, the configs run as they are."""

import json
import subprocess
import sys

import pytest
import spacy
from spacy.tokens import DocBin

from annotator import ops
from annotator.nlp.corpus import export_spacy, split_ids
from annotator.nlp.corpus_format import read_quote_links
from annotator.nlp.labels_of_reviewed import resolve_overlaps
from annotator.models import Entity


def _docs(path):
    return list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))


def test_corpora_hold_every_entity_quote_link_and_label(annotated, tmp_path, gold):
    tmp_path = tmp_path / "corpus"  # an export replaces its folder whole: not the project's
    m = export_spacy(annotated, tmp_path, dev=0.25, seed=3)
    docs = _docs(tmp_path / "train.spacy") + _docs(tmp_path / "dev.spacy")
    assert len(docs) == 4
    n_entities = sum(len(annotated.load_article(a).entities) for a in annotated.article_ids())
    assert sum(len(d.ents) for d in docs) == n_entities == sum(m.entities.values())
    assert sum(len(d.spans["quotes"]) for d in docs) == len(gold["quotes"]) == 26
    assert {s.label_ for d in docs for s in d.spans["quotes"]} == {"direct", "partial"}
    links = [link for d in docs for link in read_quote_links(d)]
    assert len(links) == 26
    with_speaker = [q for q in gold["quotes"] if q["speaker"]]
    assert sum(1 for link in links if link["speaker"]) == len(with_speaker)
    assert sum(len(d.spans["speakers"]) for d in docs) == m.speakers == len(with_speaker)
    # A link points at real tokens: the quote's words and the speaker's name.
    doc = next(d for d in docs if any(link["speaker"] == "Mette Frederiksen" for link in read_quote_links(d)))
    link = next(link for link in read_quote_links(doc) if link["speaker"] == "Mette Frederiksen")
    assert doc[link["quote"][0]:link["quote"][1]].text.startswith("Russia is threatening")
    assert doc[link["speaker_span"][0]:link["speaker_span"][1]].text == "Frederiksen"
    assert link["claim"] == "FACT" and link["checkworthy"] is True
    assert link["speaker_kind"] == "person"  # the kind of source, beside its name
    # Quote-level classifier corpora: one doc per quote, the quote in its sentence.
    stance = _docs(tmp_path / "stance" / "train.spacy") + _docs(tmp_path / "stance" / "dev.spacy")
    targets = annotated.scheme.stance_targets
    assert len(stance) == 26
    for d in stance:  # exactly one label per target
        for t in targets:
            assert sum(d.cats[f"{lab}: {t}"] for lab in ("FAVOR", "AGAINST", "NONE")) == 1.0
    positive = sum(1 for d in stance for k, v in d.cats.items() if v and not k.startswith("NONE"))
    assert positive == sum(1 for q in gold["quotes"] for s in q["stances"] if s["label"] != "NONE")
    given = sum(len(q["stances"]) for q in gold["quotes"])
    assert m.stance_absent_as_none == 26 * len(targets) - given
    frederiksen = next(d for d in stance if "Russia is threatening all of Europe" in d.text)
    assert frederiksen.cats["FAVOR: Higher defence spending"] == 1.0
    assert frederiksen.text.startswith("His call was echoed by Danish Prime Minister Mette Frederiksen")
    claims = _docs(tmp_path / "claims" / "train.spacy") + _docs(tmp_path / "claims" / "dev.spacy")
    assert len(claims) == 26
    assert sum(d.cats["CHECKWORTHY"] for d in claims) == sum(q["checkworthy"] for q in gold["quotes"])
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["quotes"] == {"direct": 9, "partial": 17} and manifest["links"] == 25
    assert manifest["scheme"]["stance_targets"] == targets and len(manifest["data_hash"]) == 64


def test_split_is_by_article_and_deterministic():
    ids = list(range(1, 51))
    a = split_ids(ids, 0.2, seed=7)
    assert a == split_ids(list(reversed(ids)), 0.2, seed=7)
    assert a != split_ids(ids, 0.2, seed=8)
    train, dev = a
    assert len(dev) == 10 and not set(train) & set(dev) and sorted(train + dev) == ids
    assert split_ids([1, 2], 0.2, 0)[1] != []  # a dev set whenever there are two articles


def test_only_done_articles_unless_all(annotated, tmp_path):
    ops.set_article_status(annotated, 2, "in_progress")
    m = export_spacy(annotated, tmp_path / "a", dev=0.34)
    assert m.articles == {"train": 2, "dev": 1}
    m = export_spacy(annotated, tmp_path / "b", dev=0.25, include_all=True)
    assert m.articles == {"train": 3, "dev": 1}


def test_overlapping_entities_rule():
    ents = [Entity(start=0, end=10, label="ORG"), Entity(start=5, end=12, label="PERSON", origin="human"),
            Entity(start=20, end=25, label="GPE"), Entity(start=20, end=30, label="LOC")]
    kept, dropped = resolve_overlaps(ents)
    assert [(e.start, e.label) for e in kept] == [(5, "PERSON"), (20, "LOC")]
    assert len(dropped) == 2


def test_spacy_debug_data_passes_on_the_exported_config(annotated, tmp_path):
    tmp_path = tmp_path / "corpus"  # an export replaces its folder whole: not the project's
    export_spacy(annotated, tmp_path, dev=0.25, seed=1)
    res = subprocess.run([sys.executable, "-m", "spacy", "debug", "data", "config.cfg"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    assert "Pipeline can be initialized with data" in res.stdout
    assert "Corpus is loadable" in res.stdout


@pytest.mark.slow
def test_spacy_train_runs_the_config_unmodified(annotated, tmp_path):
    """`cd DIR && python -m spacy train config.cfg` from each folder; only the step count is capped
    (spaCy's own flag) to keep the suite fast: paths and everything else come from the config."""
    tmp_path = tmp_path / "corpus"  # an export replaces its folder whole: not the project's
    export_spacy(annotated, tmp_path, dev=0.25, seed=1)
    for folder in (tmp_path, tmp_path / "stance", tmp_path / "claims"):
        res = subprocess.run([sys.executable, "-m", "spacy", "train", "config.cfg", "--output", "out",
                              "--training.max_steps", "4", "--training.eval_frequency", "2"],
                             cwd=folder, capture_output=True, text=True, timeout=600)
        assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
        assert (folder / "out" / "model-last" / "meta.json").exists()


def test_worker_processes_write_the_same_corpora(annotated, tmp_path):
    one = export_spacy(annotated, tmp_path / "one", dev=0.25, seed=2, n_process=1)
    two = export_spacy(annotated, tmp_path / "two", dev=0.25, seed=2, n_process=2)
    assert one.to_dict() == two.to_dict()
    for rel in ("train.spacy", "dev.spacy", "stance/train.spacy", "claims/dev.spacy"):
        a, b = _docs(tmp_path / "one" / rel), _docs(tmp_path / "two" / rel)
        assert [d.to_json() for d in a] == [d.to_json() for d in b]
        assert [d.user_data for d in a] == [d.user_data for d in b]
    m1 = json.loads((tmp_path / "one" / "manifest.json").read_text())
    m2 = json.loads((tmp_path / "two" / "manifest.json").read_text())
    assert m1["data_hash"] == m2["data_hash"]
