"""The largest article an import accepts goes through pre-annotation and the training corpus in
bounded pieces, with the same annotations as a whole (memory figures: benchmarks/reliability.py)."""

import spacy
from spacy.tokens import Doc, DocBin

from annotator.nlp.corpus import export_spacy
from annotator.nlp.corpus_format import USER_DATA_KEY, read_quote_links
from annotator.nlp.longdocs import long_doc, pieces, split_for_training
from tests.reliability.harness import make_project


def test_pieces_join_back_and_end_after_line_breaks():
    text = ("A paragraph of words.\n\n" * 2000) + "no break " * 3000
    parts = pieces(text, 1000)
    assert "".join(parts) == text and all(len(p) <= 1000 for p in parts)
    assert all(p.endswith("\n") for p in parts[:40])


def test_a_long_text_in_pieces_is_the_same_doc_as_whole():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    text = "\n".join(f"Paragraph {i} says \"something quoted here,\" she said. More words follow." for i in range(800))
    whole, joined = nlp(text), long_doc(nlp, text)
    assert joined.text == text
    assert [t.text for t in joined] == [t.text for t in whole]


def test_a_long_article_becomes_several_training_docs_with_every_annotation():
    nlp = spacy.blank("en")
    doc = _long_annotated(nlp, 300)
    out = split_for_training(doc, USER_DATA_KEY, max_tokens=500)
    assert len(out) > 5 and all(len(d) <= 500 for d in out)
    assert sum(len(d.ents) for d in out) == len(doc.ents)
    assert sum(len(d.spans["quotes"]) for d in out) == len(doc.spans["quotes"])
    links = [q for d in out for q in read_quote_links(d)]
    assert len(links) == len(read_quote_links(doc))
    for d in out:
        for q in read_quote_links(d):
            s, e = q["quote"]
            assert d[s:e].text.startswith("We ")
            ss, se = q["speaker_span"]
            assert d[ss:se].text == "Anna Berg"


def _long_annotated(nlp, paragraphs: int) -> Doc:
    text, ents, quotes, links = "", [], [], []
    for i in range(paragraphs):
        start = len(text)
        text += f"Oslo talks, day {i}.\n\"We will go on,\" said Anna Berg.\n"
        q = text.index("We will", start)
        a = text.index("Anna Berg", start)
        ents.append((a, a + 9, "PERSON"))
        quotes.append((q, q + len("We will go on,")))
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(a, b, label=lab) for a, b, lab in ents]
    doc.spans["quotes"] = [doc.char_span(a, b, label="direct", alignment_mode="expand") for a, b in quotes]
    for sp, (a, b, _) in zip(doc.spans["quotes"], ents):
        ss = doc.char_span(a, b)
        links.append({"quote": [sp.start, sp.end], "kind": "direct", "speaker": "Anna Berg",
                      "speaker_span": [ss.start, ss.end], "cue_span": None, "stances": [], "claim": None,
                      "checkworthy": None})
    doc.user_data[USER_DATA_KEY] = {"version": 1, "article": 1, "quotes": links}
    return doc


def test_exported_corpus_stays_whole_for_normal_articles(tmp_path):
    db = make_project(tmp_path / "p.annotator", 6)
    from annotator.store import Project

    with Project.open(db) as p:
        m = export_spacy(p, tmp_path / "c", dev=0.34)  # an empty dev split is refused: spaCy scores on it
    docs = list(DocBin(store_user_data=True).from_disk(tmp_path / "c" / "train.spacy").get_docs(spacy.blank("en").vocab))
    assert len(docs) == m.articles["train"] == 4
