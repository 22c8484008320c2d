"""The multi-process torture run of benchmarks/durability.py, bounded for the suite.

An app-like process with several connections, a second writer and a loop of CLI commands
(stats, show, list, backup, export, import) work on one project while this process kills them
with SIGKILL at random moments. Every edit any of them reported committed must be in the file
as a fresh process sees it; the file and every backup pass integrity_check; no child ever
wrote through a deleted -wal. The benchmark runs the same for >= 1,000 edits and >= 50 kills.
"""

import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("ANNOTATOR_TORTURE_KILLS", "8"))


def _driver():
    spec = importlib.util.spec_from_file_location("bench_durability", ROOT / "benchmarks" / "durability.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def test_kills_and_concurrent_commands_lose_no_reported_edit(tmp_path):
    res = _driver().run(tmp_path, kills=KILLS, min_edits=150, seed=20261201, log=lambda *_: None)
    assert res.failures == []
    assert res.kills >= KILLS and set(res.kills_by_role) == {"app", "w2", "cli"}
    assert res.edits >= 150 and res.backups >= 1 and res.cli_commands >= 12
    assert res.journal_checks >= 3 * KILLS
