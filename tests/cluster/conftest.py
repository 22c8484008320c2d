"""Fixtures for the Dask engine: the seed plus a few hundred generated articles, pre-annotated once
by the local engine as the reference every cluster run must equal."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # news.py, faulty_component.py (worker processes inherit sys.path)

import news  # noqa: E402
from cluster_support import GENERATED, ROOT, SEED, dump  # noqa: E402

from annotator.importers import import_paths  # noqa: E402
from annotator.scheme import Scheme  # noqa: E402
from annotator.store import Project  # noqa: E402


@pytest.fixture(scope="session")
def pristine(tmp_path_factory) -> Path:
    """Seed + generated articles, nothing pre-annotated: copy it with `fresh_copy`."""
    d = tmp_path_factory.mktemp("cluster")
    path = d / "pristine.annotator"
    with Project.create(path, Scheme.load(ROOT / "seeds" / "scheme.json")) as p:
        import_paths(p, [SEED, news.write_jsonl(d / "generated.jsonl", GENERATED)])
    return path


@pytest.fixture
def fresh_copy(pristine, tmp_path):
    def make(name: str = "copy.annotator") -> Path:
        with Project.open(pristine) as p:
            return p.backup(tmp_path / name)
    return make


@pytest.fixture(scope="session")
def reference(pristine, tmp_path_factory) -> dict:
    """What the local engine writes into a copy of `pristine` (the model every test here uses)."""
    from annotator.nlp.preannotate import run

    with Project.open(pristine) as p:
        path = p.backup(tmp_path_factory.mktemp("reference") / "local.annotator")
    with Project.open(path) as p:
        counts = run(p)
    assert counts["articles"] == GENERATED + 4 and counts["quotes_added"] > GENERATED
    return dump(path)
