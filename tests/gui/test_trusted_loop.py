"""End to end: suggestions come in, an annotator reviews part of two articles and marks them done,
one in the app (the done dialog) and one on the command line; the spaCy export then holds exactly
what was confirmed, and everything else is missing, not negative."""

from __future__ import annotations

import json
import subprocess
import sys

import spacy
from PySide6.QtCore import Qt
from spacy.tokens import DocBin

from annotator import ops
from annotator.store import Project
from gui_helpers import key
from tests.conftest import SEED_SCHEME

TEXTS = [
    'Oslo – "We will spend more on the army next year," Defence Minister Kari Lund said on Monday. '
    'Her rival Per Dahl warned that "the budget cannot carry it." The parliament in Oslo votes in May.',
    'Bergen – "Our bridge opens in June," Mayor Eva Strand told reporters. '
    'Engineer Tor Moe said that "the steel arrived late." Bergen has waited ten years.',
]


def cli(*args, check=True):
    res = subprocess.run([sys.executable, "-m", "annotator.cli", *map(str, args)], capture_output=True, text=True,
                         timeout=300, env={"ANNOTATOR_USER": "cli", "PATH": "/usr/bin:/bin"})
    assert not check or res.returncode == 0, res.stdout + res.stderr
    return res


def suggestions(text: str) -> dict:
    """A Prodigy task with no answer (pre-annotated, not reviewed): two quotes with their speakers,
    the two persons and the town."""
    def at(sub, start=0):
        i = text.index(sub, start)
        return {"start": i, "end": i + len(sub)}
    marks = [i for i, ch in enumerate(text) if ch == '"']
    quotes = [{"start": a + 1, "end": b - 1 if text[b - 1] in ",." else b, "label": "QUOTE"}
              for a, b in zip(marks[::2], marks[1::2])]
    names = [n for n in ("Kari Lund", "Per Dahl", "Eva Strand", "Tor Moe") if n in text]
    persons = [{**at(n), "label": "PERSON"} for n in names]
    town = text.split(" – ")[0]
    place = {**at(town, len(town) + 1), "label": "GPE"}
    rels = [{"label": "SPEAKER", "head_span": {**q}, "child_span": {**p}} for q, p in zip(quotes, persons)]
    return {"text": text, "meta": {"source": "wire"}, "spans": quotes + persons + [place], "relations": rels}


def test_only_what_was_confirmed_becomes_a_label(open_window, answer_done, qtbot, tmp_path):
    db = tmp_path / "p.annotator"
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(suggestions(t)) + "\n" for t in TEXTS), encoding="utf-8")
    cli("init", "--db", db, "--scheme", SEED_SCHEME)
    cli("import", "--db", db, feed)

    # Article 1, on the command line: one entity confirmed, the first quote's stance set (which
    # reviews it); done is refused until the rest is confirmed as suggested.
    with Project.open(db, user="cli") as p:
        ann = p.load_article(1)
        kari = next(e for e in ann.entities if ann.article.text[e.start:e.end] == "Kari Lund")
        ops.confirm_entity(p, kari.id)
        ops.set_stance(p, ann.quotes[0].id, "Higher defence spending", "FAVOR")
    refused = cli("set-status", "1", "done", "--db", db, check=False)
    assert refused.returncode == 1 and "1 unreviewed quote and 2 unreviewed entities" in refused.stderr
    assert "--confirm-suggestions" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    assert "1 quote(s) confirmed" in cli("set-status", "1", "done", "--db", db, "--confirm-suggestions").stdout

    # Article 2, in the app: Enter confirms the first quote as it is; Ctrl+Enter asks about the rest,
    # and "Confirm Quotes as Suggested" marks it done.
    win = open_window(db, article=2)
    asked = answer_done("doneConfirm")
    win.view.setFocus()
    key(qtbot, win, Qt.Key_Return)
    key(qtbot, win, Qt.Key_Return, Qt.ControlModifier)
    assert len(asked) == 1 and asked[0].items == 2 + 1 + 3  # headings, one quote and three entities left
    win.close()

    out = tmp_path / "corpus"
    res = cli("export", "spacy", "--db", db, "--out", out, "--dev", "0.5", "--seed", "1")  # trains on article 1
    assert f"{sys.executable} -m spacy debug data config.cfg" in res.stdout
    assert "5 entities nobody reviewed are missing" in res.stdout
    assert "valid spaCy corpora" in cli("validate", out).stdout

    vocab = spacy.blank("en").vocab
    docs = [d for name in ("train", "dev") for d in DocBin().from_disk(out / f"{name}.spacy").get_docs(vocab)]
    by_article = {d.user_data["annotator"]["article"]: d for d in docs}
    one, two = by_article[1], by_article[2]
    assert [(e.text, e.label_) for e in one.ents] == [("Kari Lund", "PERSON")]  # the one confirmed entity
    assert two.ents == ()  # none confirmed in article 2
    for doc in (one, two):
        assert not any(t.ent_iob_ == "O" for t in doc)  # nobody said what is not an entity: missing
        assert [s.text for s in doc.spans["quotes"]] == [t for t in (
            "We will spend more on the army next year", "the budget cannot carry it",
            "Our bridge opens in June", "the steel arrived late") if t in doc.text]
    links = [link for d in docs for link in d.user_data["annotator"]["quotes"]]
    assert sorted(link["speaker"] for link in links) == ["Eva Strand", "Kari Lund", "Per Dahl", "Tor Moe"]
    stance = [d for name in ("train", "dev") for d in DocBin().from_disk(out / "stance" / f"{name}.spacy").get_docs(vocab)]
    assert len(stance) == 4 and sum(d.cats["FAVOR: Higher defence spending"] for d in stance) == 1
    assert not (out / "claims").exists()  # nobody labelled a claim
    assert json.loads((out / "manifest.json").read_text())["skipped"]["claims"].startswith("no claim labelled")
    # Two done articles are too few to hold any out: training refuses rather than score on its own data.
    refused = cli("train", "--db", db, check=False)
    assert refused.returncode == 1 and "too few held-out articles" in refused.stderr
