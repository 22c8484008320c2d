"""The loop learns speakers: reviewed quote -> speaker links train the learned attribution.

The corpus is generated (tests/speaker_support.py, benchmarks/house_style.py): a made-up outlet
that names its speakers on the line after the words, on a line ending in a colon before them, in
brackets behind them, under a statement; the rules read none of that.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy
import pytest
import spacy

from annotator.nlp.speaker_candidates import Candidate, DocView, QuoteRef
from annotator.nlp.speaker_component import Scored, decide

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import speaker_support as support  # noqa: E402

# Written for these tests (names in none of the generator's pools): the speaker is on the line
# below the words, and somebody else was named before them.
VOX_POP = ("Harbour fees to rise in Port Alder\n"
           "PORT ALDER — Council leader Wilhelmina Stroud said on Monday that mooring fees will rise in April.\n"
           "\"We cannot afford another winter like the last one.\"\n"
           "— Barnaby Quist, 61, lifeboat volunteer\n"
           "The council meets again in June.\n")


def test_the_trained_pipeline_gets_right_the_house_style_the_rules_get_wrong(gazette_model):
    model, trained = gazette_model
    gold = support.held_out()
    rules, learned = support.speaker_accuracy(gold, None), support.speaker_accuracy(gold, str(model))
    assert rules < 0.6, rules  # the house style defeats the rules ...
    assert learned >= 0.9, learned  # ... and the reviewed links taught the pipeline to read it
    # the speaker on the line after the words, in held-out articles with people never seen
    preds = support.quotes.predict(gold, str(model))
    after = right = 0
    for g in gold:
        pairs = support.quotes.rule_match(g["quotes"], preds[g["id"]])
        for j, q in enumerate(g["quotes"]):
            if q["mention"] and q["mention"]["start"] > q["end"] and j in pairs:
                after += 1
                right += support.quotes.rule_right_speaker(preds[g["id"]][pairs[j]], q)
    assert after >= 10 and right / after >= 0.9, (right, after)
    assert trained.links["train"] >= 30 and trained.after > trained.before


def test_a_new_article_in_the_house_style_gets_its_speaker_with_a_confidence(gazette_model):
    model, _ = gazette_model
    rules = spacy.load(model, exclude=["annotator_speakers"])
    nlp = spacy.load(model)
    assert nlp.pipe_names[-2:] == ["annotator_quotes", "annotator_speakers"]
    by_rules = rules(VOX_POP)
    (r,) = by_rules._.annotator_quotes
    names = {p["key"]: p["name"] for p in by_rules._.annotator_persons["persons"]}
    assert names.get(r["speaker"]) == "Wilhelmina Stroud"  # the rules: the last person named before
    doc = nlp(VOX_POP)
    (q,) = doc._.annotator_quotes
    names = {p["key"]: p["name"] for p in doc._.annotator_persons["persons"]}
    assert names[q["speaker"]] == "Barnaby Quist" and q["how"] == "learned"
    assert VOX_POP[q["speaker_start"]:q["speaker_end"]] == "Barnaby Quist"
    assert 0.5 <= q["speaker_confidence"] <= 1.0
    assert q["confidence"] == pytest.approx(q["marks_confidence"] * q["speaker_confidence"] ** 0.5, abs=2e-3)


def test_without_a_trained_model_pre_annotation_is_the_rules_alone():
    from annotator.nlp.pipeline import load_pipeline

    nlp, _ = load_pipeline()
    assert "annotator_speakers" not in nlp.pipe_names  # only `annotator train` adds it
    rules = nlp(VOX_POP)._.annotator_quotes
    nlp.add_pipe("annotator_speakers", after="annotator_quotes")  # untrained: no weights
    assert nlp(VOX_POP)._.annotator_quotes == rules and rules[0]["how"] != "learned"


def test_the_saved_pipeline_loads_and_runs_in_a_python_that_never_imports_the_gui(gazette_model, tmp_path):
    model, _ = gazette_model
    script = (
        "import json, sys, spacy\n"
        f"nlp = spacy.load({str(model)!r})\n"
        f"doc = nlp({VOX_POP!r})\n"
        "from annotator.nlp import analyse\n"
        "res = analyse(doc)\n"
        "q = res.quotes[0]\n"
        "gui = sorted(m for m in sys.modules if m.startswith(('annotator.gui', 'PySide6')))\n"
        "print(json.dumps({'speaker': res.persons[q.speaker_id].name, 'how': res.how[0], 'gui': gui}))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got == {"speaker": "Barnaby Quist", "how": "learned", "gui": []}


def test_pre_annotation_with_two_processes_stores_what_one_process_stores(gazette_model, tmp_path):
    from annotator.nlp.preannotate import run
    from annotator.store import Project

    model, _ = gazette_model
    gold = support.held_out(6)
    paths = []
    for n_process in (1, 2):
        path = tmp_path / f"p{n_process}.annotator"
        src = tmp_path / "new.jsonl"
        src.write_text("".join(json.dumps({"text": g["text"], "meta": {"id": g["id"]}}) + "\n" for g in gold),
                       encoding="utf-8")
        with Project.create(path, user="tester") as p:
            from annotator.importers import import_paths

            import_paths(p, [src])
            assert run(p, model=str(model), n_process=n_process)["articles"] == len(gold)
        paths.append(path)
    stored = []
    for path in paths:
        with Project.open(path) as p:
            rows = []
            for aid in p.article_ids():
                ann = p.load_article(aid)
                rows += [(aid, q.start, q.end, ann.persons[q.speaker_id].name if q.speaker_id else None,
                          q.speaker_start, q.confidence) for q in ann.quotes]
            stored.append(rows)
    assert stored[0] == stored[1]
    assert support.stored_accuracy(paths[1], gold) >= 0.9  # the learned speakers, not the rules'


def test_too_few_reviewed_links_skip_the_component_with_one_line(tmp_path):
    from annotator.nlp.corpus import export_spacy
    from annotator.nlp.speaker_training import MIN_LINKS, train_from_corpus

    with support.reviewed_project(tmp_path / "few.annotator", n=4) as p:
        export_spacy(p, tmp_path / "corpus", dev=0.25)
    result = train_from_corpus(spacy.blank("en"), tmp_path / "corpus")  # never parses: skipped first
    assert not result.added and result.links["train"] < MIN_LINKS
    line = result.summary()
    assert "\n" not in line and line.startswith("speakers: skipped:") and f"at least {MIN_LINKS}" in line


def test_a_corpus_whose_speakers_the_rules_already_get_right_leaves_the_pipeline_as_it_was(tmp_path):
    """Wire-style articles only ("...," Okafor said; "...," she added): nothing beats the rules on
    the dev split, so `annotator train`'s step saves no learned attribution, and says so in one line."""
    from annotator.nlp.corpus import export_spacy
    from annotator.nlp.pipeline import load_pipeline
    from annotator.nlp.speaker_training import learn_speakers

    wire = support.house_style.corpus(16, seed=21, house=False)
    with support.loop.make_project(tmp_path / "wire.annotator", wire) as p:
        export_spacy(p, tmp_path / "corpus", dev=0.25, seed=0)
    nlp, _ = load_pipeline()
    nlp.to_disk(tmp_path / "model")
    result = learn_speakers(tmp_path / "model", tmp_path / "corpus")
    assert result.links["train"] >= 30 and result.links["dev"] > 0  # enough links: it did train
    assert not result.added and result.after <= result.before
    line = result.summary()
    assert "\n" not in line and line.startswith("speakers: skipped:") and "does not beat the rules" in line
    assert "annotator_speakers" not in spacy.load(tmp_path / "model").pipe_names


def _scored(rule_how: str, probs: list[float]) -> Scored:
    nlp = spacy.blank("en")
    doc = nlp("Ann said it. Bob said it.")
    view = DocView(doc, [], [], {})
    cands = [Candidate(0, 1, 0, 3, 0, "Ann", "person", "mention"),
             Candidate(4, 5, 13, 16, 1, "Bob", "person", "mention")]
    return Scored(view, 0, QuoteRef(20, 24, rule_key=0, rule_span=(0, 3), rule_how=rule_how), cands,
                  numpy.array(probs))


def test_the_rules_stay_unless_the_model_is_as_sure_as_the_threshold_for_how_they_decided():
    thresholds = {"strong": None, "layout": 0.8, "weak": 0.6}
    assert decide(_scored("cue", [0.01, 0.99]), thresholds).candidate is None  # never over a reporting verb
    kept = decide(_scored("continues", [0.21, 0.79]), thresholds)
    assert kept.candidate is None and kept.confidence == pytest.approx(0.21)
    assert decide(_scored("continues", [0.19, 0.81]), thresholds).candidate.name == "Bob"
    assert decide(_scored("guess", [0.35, 0.65]), thresholds).candidate.name == "Bob"


def test_annotator_train_prints_speaker_accuracy_of_rules_and_learned_and_gates_the_pipeline(tmp_path):
    from annotator.nlp.training import current_model, list_models
    from annotator.store import Project

    db = tmp_path / "gazette.annotator"
    support.reviewed_project(db, n=24).close()
    out = subprocess.run([sys.executable, "-m", "annotator.cli", "train", "--db", str(db), "--max-steps", "1",
                          "--out", str(tmp_path / "run")], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "COLUMNS": "200"})
    assert out.returncode == 0, out.stderr
    # the learned attribution's own line: rules against rules + learned on the dev links
    line = next(x for x in out.stdout.splitlines() if "speaker accuracy on the dev split" in x)
    rules, learned = (float(v) for v in line.split("split ")[1].replace("(rules) ->", "").split()[:2])
    assert learned > rules, line
    # the whole pre-annotation, model in use (the stock one: rules) against the new one
    row = next(x for x in out.stdout.splitlines() if "speaker accuracy" in x and "│" in x)
    before, after = (float(v) for v in row.split("│")[2:4])
    assert after > before, row
    with Project.open(db) as p:
        (entry,) = list_models(p)
        assert "annotator_speakers" in spacy.load(entry["path"]).pipe_names
        # one step of span training adds stray quotes: quote F1 falls and the gate keeps the model
        # out of use, but never for its speakers
        assert "speakers_acc" not in entry["worse"]
        assert (current_model(p) is None) == bool(entry["worse"])
