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
from annotator.nlp.corpus import export_spacy
from annotator.nlp.corpus_format import read_quote_links
from tests.training.conftest import ARTICLES, draft

def _docs(path):
    return list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))


def test_unreviewed_entities_are_missing_not_negative(partly_reviewed, tmp_path):
    out = tmp_path / "corpus"
    m = export_spacy(partly_reviewed, out, dev=0.25, seed=0)
    docs = _docs(out / "train.spacy") + _docs(out / "dev.spacy")
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
    out = tmp_path / "corpus"
    p = partly_reviewed
    for e in p.load_article(1).entities:
        ops.confirm_entity(p, e.id)
    export_spacy(p, out, dev=0.25, seed=0)
    doc = next(d for d in _docs(out / "train.spacy") + _docs(out / "dev.spacy")
               if d.user_data["annotator"]["article"] == 1)
    assert len(doc.ents) == 3 and all(t.ent_iob_ in ("B", "I", "O") for t in doc)


def test_only_reviewed_quotes_and_stance_none_only_from_them(partly_reviewed, tmp_path, project):
    out = tmp_path / "corpus"
    # A fifth article, imported as done but never reviewed (e.g. an old export): its suggested
    # quotes must not become labels, nor NONE stance examples.
    (aid,) = project.import_articles([draft(ARTICLES[0].replace("Oslo", "Hamar")).model_copy(
        update={"status": "done"})]).article_ids
    m = export_spacy(project, out, dev=0.25, seed=0)
    docs = _docs(out / "train.spacy") + _docs(out / "dev.spacy")
    assert aid not in {d.user_data["annotator"]["article"] for d in docs}  # left out, not taught "no quote here"
    assert m.left_out["unreviewed quotes"] == [aid]
    assert sum(len(d.spans["quotes"]) for d in docs) == 8  # the 4 x 2 quotes confirmed or reviewed
    links = [link for d in docs for link in read_quote_links(d)]
    assert len(links) == 8
    targets = project.scheme.stance_targets
    stance = _docs(out / "stance" / "train.spacy") + _docs(out / "stance" / "dev.spacy")
    assert len(stance) == 8  # reviewed quotes only: not the fifth article's two
    assert m.stance_absent_as_none == 8 * len(targets) - 4
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["left_out"]["unreviewed quotes"] == [aid]


def test_a_part_without_labels_is_skipped_not_written(partly_reviewed, tmp_path):
    out = tmp_path / "corpus"
    p = partly_reviewed
    for aid in p.article_ids():
        for q in p.load_article(aid).quotes:
            if q.claim:
                ops.set_claim(p, q.id, None)
    m = export_spacy(p, out, dev=0.25, seed=0)
    assert not (out / "claims").exists()
    assert "claims" in m.skipped and "no claim" in m.skipped["claims"]
    assert (out / "stance" / "config.cfg").exists()


def test_an_empty_dev_split_is_refused(partly_reviewed, tmp_path):
    with pytest.raises(AnnotatorError, match="dev split"):
        export_spacy(partly_reviewed, tmp_path / "a", dev=0.0)
    assert not (tmp_path / "a" / "train.spacy").exists()


def test_every_folder_passes_spacy_debug_data_as_exported(partly_reviewed, tmp_path):
    """Small data (8 quotes) is a warning, not a failure: the classifiers start from the base
    model's token vectors, so spaCy does not treat them as new pipelines trained from nothing."""
    out = tmp_path / "corpus"
    export_spacy(partly_reviewed, out, dev=0.25, seed=0)
    for folder in (out, out / "stance", out / "claims"):
        res = subprocess.run([sys.executable, "-m", "spacy", "debug", "data", "config.cfg"], cwd=folder,
                             capture_output=True, text=True, timeout=300)
        assert res.returncode == 0, f"{folder.name}: " + res.stdout[-2500:] + res.stderr[-1500:]
    # Missing tokens train: spaCy's own loop on the main corpus (two steps; `spacy train` on every
    # folder is tests/training/test_spacy_export.py's slow test).
    res = subprocess.run([sys.executable, "-m", "spacy", "train", "config.cfg", "--output", "out",
                          "--training.max_steps", "2", "--training.eval_frequency", "1"],
                         cwd=out, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]


def test_validate_checks_a_folder_against_its_manifest(partly_reviewed, tmp_path):
    out = tmp_path / "corpus"
    from annotator.nlp.check import validate_corpus

    export_spacy(partly_reviewed, out, dev=0.25, seed=0)  # the export ran the same check: it passed
    assert validate_corpus(out).ok
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["entities"]["PERSON"] += 1
    (out / "manifest.json").write_text(json.dumps(manifest))
    (out / "stance" / "dev.spacy").write_bytes(b"not a DocBin")
    problems = validate_corpus(out).problems
    assert any("the Docs hold 4 entities, the manifest says 5" in x for x in problems)
    assert any(x.startswith(str(out / "stance" / "dev.spacy")) and "spaCy cannot read it" in x for x in problems)


def test_an_annotators_layer_never_says_outside(tmp_path):
    """A team's single-annotator layer holds only what the annotator reviewed: whether they looked
    at every entity is unknown there, so the tokens around their entities are missing."""
    import tests.team_sim as sim
    from annotator.store import Project
    from annotator.team.assign import assign
    from annotator.team.merge import merge

    team = sim.make_team(tmp_path / "team.annotator")
    res = assign(team, ["ana"], tmp_path / "batches", overlap=0.0, seed=0)
    with Project.open(res.files["ana"], user="ana") as p:
        for title in ("Bridge to reopen in May", "Council weighs a tax rise"):
            aid = sim.article_id(p, title)
            sim.mark_entity(p, aid, "Riverton", "GPE")
            sim.done(p, aid)
    merge(team, [res.files["ana"]])
    export_spacy(team, tmp_path / "corpus", dev=0.5)
    docs = _docs(tmp_path / "corpus" / "train.spacy") + _docs(tmp_path / "corpus" / "dev.spacy")
    assert len(docs) == 2
    for doc in docs:
        assert [(e.text, e.label_) for e in doc.ents] == [("Riverton", "GPE")]
        assert not any(t.ent_iob_ == "O" for t in doc)
    team.close()


def test_a_long_article_cut_into_pieces_stays_missing_where_nobody_looked(project, tmp_path):
    """Long articles go into the corpus as several Docs (nlp/longdocs.py); each piece keeps the
    article's missing tokens missing."""
    from annotator.models import ArticleDraft, Entity

    para = "Mayor Anna Berg opened the new library in Oslo on Monday, and the council met in Bergen.\n\n"
    long_text = para * 300
    a, b = long_text.index("Anna Berg"), long_text.rindex("Bergen")
    drafts = [ArticleDraft(text=long_text, entities=[Entity(start=a, end=a + 9, label="PERSON", confidence=0.9),
                                                     Entity(start=b, end=b + 6, label="GPE", confidence=0.8)]),
              ArticleDraft(text=para.strip(), entities=[Entity(start=6, end=15, label="PERSON", confidence=0.9)])]
    ids = project.import_articles(drafts).article_ids
    for aid in ids:
        ops.confirm_entity(project, project.load_article(aid).entities[0].id)
        ops.set_article_status(project, aid, "done", confirm_suggestions=True)
    export_spacy(project, tmp_path / "corpus", dev=0.5, seed=1)
    docs = _docs(tmp_path / "corpus" / "train.spacy") + _docs(tmp_path / "corpus" / "dev.spacy")
    pieces = [d for d in docs if d.user_data["annotator"].get("pieces", 1) > 1]
    assert len(pieces) > 1
    assert sum(len(d.ents) for d in pieces) == 1  # the one confirmed entity, in the first piece
    assert not any(t.ent_iob_ == "O" for d in pieces for t in d)
