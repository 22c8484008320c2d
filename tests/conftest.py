"""Shared fixtures. Qt runs offscreen everywhere in the suite (set before any Qt import)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_ef8b4a5962583c26.txt"
SEED_SCHEME = ROOT / "seeds" / "scheme.json"
# The gold file lives in the shared folder beside the repository; a copy ships with the tests so a
# clean clone can run them too.
GOLD_CANDIDATES = [ROOT.parent / "shared" / "eval" / "seed_quotes.jsonl", ROOT / "tests" / "data" / "seed_quotes.jsonl"]


@pytest.fixture(scope="session")
def gold() -> dict:
    for p in GOLD_CANDIDATES:
        if p.exists():
            return json.loads(p.read_text(encoding="utf-8"))
    pytest.skip("gold file not found")


@pytest.fixture
def project(tmp_path):
    from annotator.scheme import Scheme
    from annotator.store import Project

    p = Project.create(tmp_path / "test.annotator", Scheme.load(SEED_SCHEME), user="tester")
    yield p
    p.close()


@pytest.fixture
def seeded(project):
    """The sample project: the seed file imported, nothing annotated yet."""
    from annotator.importers import import_paths

    import_paths(project, [SEED])
    return project


def damage_a_page(path: Path, table: str = "articles", seed: int = 9) -> int:
    """Overwrite one leaf page of `table` (in the middle) with random bytes; the project must be closed
    and checkpointed. Returns the page number."""
    import random
    import sqlite3

    conn = sqlite3.connect(path)
    leaves = [r[0] for r in conn.execute(
        "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", (table,))]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    victim = leaves[len(leaves) // 2]
    data = bytearray(path.read_bytes())
    data[(victim - 1) * page_size: victim * page_size] = random.Random(seed).randbytes(page_size)
    path.write_bytes(bytes(data))
    return victim


@pytest.fixture(scope="session")
def gazette_model(tmp_path_factory):
    """(pipeline folder, SpeakerTraining): the learned attribution trained once per session on a
    small generated corpus in one outlet's house style (tests/speaker_support.py)."""
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    import speaker_support

    return speaker_support.train_model(tmp_path_factory.mktemp("gazette"))
