"""A pipeline with the learned attribution on Dask workers: the same speakers as the local engine."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cluster_support import dump

from annotator.importers import import_paths
from annotator.store import Project

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import speaker_support  # noqa: E402


def test_dask_workers_store_the_learned_speakers_the_local_engine_stores(gazette_model, tmp_path):
    model, _ = gazette_model
    gold = speaker_support.held_out(8)
    src = tmp_path / "new.jsonl"
    src.write_text("".join(json.dumps({"text": g["text"], "meta": {"id": g["id"]}}) + "\n" for g in gold),
                   encoding="utf-8")
    dbs = {}
    for engine in ("local", "dask"):
        dbs[engine] = tmp_path / f"{engine}.annotator"
        with Project.create(dbs[engine], user="tester") as p:
            import_paths(p, [src])
        extra = ["--workers", "1"] if engine == "dask" else []
        out = subprocess.run([sys.executable, "-m", "annotator.cli", "preannotate", "--db", str(dbs[engine]),
                              "--model", str(model), "--engine", engine, *extra],
                             capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr
    local = dump(dbs["local"])
    assert dump(dbs["dask"]) == local
    assert speaker_support.stored_accuracy(dbs["dask"], gold) >= 0.9  # the learned speakers, not the rules'
