"""`pipeline.RULES_VERSION` moves when the rules' code does: a re-run skips the articles pre-annotated
under the same version, so a change to the rules without a new version would leave stale suggestions.

The rules' code is every module of annotator/nlp that runs while pre-annotating or writing its
output (new modules count unless listed below) and annotator/suggestions.py, read without comments,
docstrings or layout. After a change there, decide: if it can alter what pre-annotation stores,
bump RULES_VERSION; then record the code as it is now with
`.venv/bin/python tests/nlp/test_rules_version.py --update`.
"""

from __future__ import annotations

import ast
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RECORD = Path(__file__).with_name("rules_fingerprint.json")
# Modules that never change what pre-annotation stores: the engines (they hand every article to the
# same writer in article order), training (speaker_training: the learned attribution's; what it
# saves runs in speaker_component, which counts), its exports and checks, and scoring a model.
NOT_RULES = {"__init__.py", "cluster.py", "preannotate.py", "training.py", "configs.py", "corpus.py", "corpus_parts.py",
             "labels_of_reviewed.py", "check.py", "evaluate.py", "gold.py", "speaker_training.py"}


def _code(path: Path) -> str:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and \
                isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            node.body = body[1:] or [ast.Pass()]  # a docstring says why, it does not decide anything
    return ast.unparse(tree)


def rules_files() -> list[Path]:
    nlp = sorted(p for p in (ROOT / "annotator" / "nlp").glob("*.py") if p.name not in NOT_RULES)
    return [*nlp, ROOT / "annotator" / "suggestions.py"]


def fingerprint() -> str:
    digest = hashlib.sha256()
    for path in rules_files():
        digest.update(f"{path.relative_to(ROOT).as_posix()}\n{_code(path)}\n".encode("utf-8"))
    return digest.hexdigest()


def test_the_rules_version_moves_when_the_rules_code_does():
    from annotator.nlp.pipeline import RULES_VERSION

    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    update = "then run `.venv/bin/python tests/nlp/test_rules_version.py --update`"
    assert RULES_VERSION >= recorded["rules_version"], "RULES_VERSION went back: it only ever goes up"
    assert RULES_VERSION == recorded["rules_version"], f"RULES_VERSION is now {RULES_VERSION}: {update}"
    assert fingerprint() == recorded["fingerprint"], (
        f"the rules' code changed since RULES_VERSION {RULES_VERSION} was recorded: if the change can alter what "
        f"pre-annotation stores, bump RULES_VERSION in annotator/nlp/pipeline.py; {update}")

if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    sys.path.insert(0, str(ROOT))
    from annotator.nlp.pipeline import RULES_VERSION

    RECORD.write_text(json.dumps({"rules_version": RULES_VERSION, "fingerprint": fingerprint()}, indent=2) + "\n",
                      encoding="utf-8")
    print(f"recorded the rules' code under RULES_VERSION {RULES_VERSION}")
