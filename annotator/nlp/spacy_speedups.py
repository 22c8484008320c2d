"""The one place that reaches into spaCy's and srsly's internals, to write and read corpora faster.

Written against the versions pyproject.toml pins: spaCy 3.8.18 and srsly 2.5.6 (`PINNED`). Under
any other version nothing here is applied: `docbin` is spaCy's own DocBin and `faster_docbins`
patches nothing, so an upgrade is slower, never wrong. tests/training/test_spacy_speedups.py
checks that corpora written this way read back with the stock DocBin exactly as corpora written
the stock way, and that every patch is undone afterwards.

- `LeanDocBin.add` collects only the strings our attributes use: spaCy's `add` creates a Token
  object per token and adds nine strings for each (tag, lemma, morph...), half of an export's time;
- zlib level 1 instead of DocBin's default 6: a 10,000-article corpus in a third of the time, the
  file about a fifth larger (any zlib reader reads either);
- srsly's lists of msgpack encoders and decoders looked up once: srsly rebuilds them on every call
  by scanning the installed entry points and spaCy's whole registry (~0.6 ms), five calls per
  article added, three per article checked; nothing registers either meanwhile.
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import Iterator
from importlib.metadata import version
from types import SimpleNamespace

import numpy
import srsly
from spacy.attrs import SPACY
from spacy.tokens import Doc, DocBin

PINNED = {"spacy": "3.8.18", "srsly": "2.5.6"}


def pinned() -> bool:
    """Whether the installed spaCy and srsly are the versions these speedups were written against."""
    return all(version(name) == v for name, v in PINNED.items())


class LeanDocBin(DocBin):
    """DocBin whose `add` keeps ORTH, entity types and span labels only (the bytes it writes are read
    by the stock `DocBin`)."""

    def add(self, doc: Doc) -> None:
        array = doc.to_array(self.attrs)
        if len(array.shape) == 1:
            array = array.reshape((array.shape[0], 1))
        self.tokens.append(array)
        spaces = doc.to_array(SPACY).reshape((-1, 1))
        self.spaces.append(numpy.asarray(spaces, dtype=bool))
        self.flags.append({"has_unknown_spaces": doc.has_unknown_spaces})
        strings = doc.vocab.strings
        self.strings.update(strings[h] for h in set(array[:, 0].tolist()))  # DocBin puts ORTH first
        for ent in doc.ents:
            self.strings.add(ent.label_)
            if ent.kb_id_:
                self.strings.add(ent.kb_id_)
        self.cats.append(doc.cats)
        if self.store_user_data:
            self.user_data.append(srsly.msgpack_dumps(doc.user_data))
        self.span_groups.append(doc.spans.to_bytes())
        for group in doc.spans.values():
            for span in group:
                self.strings.add(span.label_)


def docbin(attrs: list[str], store_user_data: bool) -> DocBin:
    """A DocBin for a corpus of these attributes: the lean one under the pinned versions."""
    return (LeanDocBin if pinned() else DocBin)(attrs=attrs, store_user_data=store_user_data)


@contextlib.contextmanager
def faster_docbins(writing: bool = True) -> Iterator[None]:
    """Within the block, srsly's msgpack registries are looked up once and (`writing`) DocBins
    compress with zlib level 1; all as it was afterwards (a block inside another leaves the outer
    one's patches to it). Nothing under other versions."""
    if not pinned():
        yield
        return
    from spacy.tokens import _serialize
    from srsly import msgpack as srsly_msgpack

    registries = [r for r in (srsly_msgpack.msgpack_encoders, srsly_msgpack.msgpack_decoders)
                  if "get_all" not in vars(r)]
    real_zlib = _serialize.zlib
    for registry in registries:
        found = registry.get_all()
        registry.get_all = lambda found=found: found  # an instance attribute shadows the method
    if writing and real_zlib is zlib:
        _serialize.zlib = SimpleNamespace(compress=lambda data: zlib.compress(data, 1), decompress=zlib.decompress,
                                          error=zlib.error)
    try:
        yield
    finally:
        _serialize.zlib = real_zlib
        for registry in registries:
            del registry.get_all
