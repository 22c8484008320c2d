"""The speedups that reach into spaCy's and srsly's internals write what the stock path writes, undo
every patch, and step aside under any other version than the pinned ones."""

import re
import zlib
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span
from srsly import msgpack as srsly_msgpack

from annotator.nlp import spacy_speedups as speed
from annotator.nlp.corpus_format import ATTRS, USER_DATA_KEY


def _docs(nlp):
    doc = nlp("Anna Berg said the talks in Oslo would go on, \"We are not done,\" she told Reuters.")
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 6, 7, label="GPE")]
    doc.spans["quotes"] = [Span(doc, 12, 16, label="direct")]
    doc.user_data[USER_DATA_KEY] = {"version": 1, "quotes": [{"quote": [12, 16], "speaker": "Anna Berg"}]}
    other = nlp("No quotes here.")
    other.cats = {"FACT": 1.0, "CHECKWORTHY": 0.0}
    return [doc, other]


def _read(data: bytes, nlp) -> list[tuple]:
    return [(d.text, [(e.start, e.end, e.label_) for e in d.ents], [t.ent_iob_ for t in d],
             {k: [(s.start, s.end, s.label_) for s in g] for k, g in d.spans.items()}, d.user_data, d.cats)
            for d in DocBin().from_bytes(data).get_docs(nlp.vocab)]


def test_lean_writing_reads_back_as_the_stock_writing():
    nlp = spacy.blank("en")
    stock = DocBin(attrs=ATTRS["main"], store_user_data=True)
    for d in _docs(nlp):
        stock.add(d)
    with speed.faster_docbins():
        lean = speed.docbin(ATTRS["main"], store_user_data=True)
        assert isinstance(lean, speed.LeanDocBin)
        for d in _docs(nlp):
            lean.add(d)
        data = lean.to_bytes()
    assert _read(data, nlp) == _read(stock.to_bytes(), nlp)


def test_every_patch_is_undone_and_other_versions_get_the_stock_path(monkeypatch):
    from spacy.tokens import _serialize

    with speed.faster_docbins():
        assert _serialize.zlib is not zlib and "get_all" in vars(srsly_msgpack.msgpack_decoders)
        with speed.faster_docbins(writing=False):  # the corpus builder's inside the export's
            pass
        assert _serialize.zlib is not zlib and "get_all" in vars(srsly_msgpack.msgpack_decoders)
    assert _serialize.zlib is zlib and "get_all" not in vars(srsly_msgpack.msgpack_decoders)
    with speed.faster_docbins(writing=False):
        assert _serialize.zlib is zlib  # reading (annotator validate) changes no compression
    pins = dict(re.findall(r'"(spacy)==([^"]+)"', (Path(__file__).parents[2] / "pyproject.toml").read_text()))
    assert speed.PINNED["spacy"] == pins["spacy"] and speed.pinned()
    monkeypatch.setattr(speed, "version", lambda name: "0.0")
    assert not speed.pinned() and type(speed.docbin(ATTRS["stance"], False)) is DocBin
    with speed.faster_docbins():
        assert _serialize.zlib is zlib and "get_all" not in vars(srsly_msgpack.msgpack_decoders)
