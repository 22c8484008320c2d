"""`annotator validate FILE|DIR` says what is wrong with an export; every export checks what it wrote."""

from __future__ import annotations

import json

from annotator.exporters.doccano import export_doccano
from annotator.exporters.jsonl import export_jsonl
from annotator.exporters.labelstudio import export_labelstudio
from annotator.validate import validate_file
from tests.unit.conftest import INTEROP


def _rewrite(path, change):
    recs = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    change(recs[0])
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")


def test_our_exports_and_the_tools_own_files_are_valid(interop, tmp_path):
    p, _, _ = interop
    for fn, name in ((export_jsonl, "a.jsonl"), (export_doccano, "b.jsonl"), (export_labelstudio, "c.json")):
        fn(p, tmp_path / name, True)
        r = validate_file(tmp_path / name)
        assert r.ok and r.items == 2, r.problems
    assert validate_file(tmp_path / "c.json").kind == "Label Studio JSON"
    for fixture in ("prodigy_rel_manual.jsonl", "doccano_relation_export.jsonl", "labelstudio_export.json"):
        assert validate_file(INTEROP / fixture).ok, fixture


def test_prodigy_relations_on_the_first_token_are_reported(interop, tmp_path):
    p, _, _ = interop
    out = tmp_path / "a.jsonl"
    export_jsonl(p, out)

    def first_token(rec):  # what the exporter used to write
        for rel in rec["relations"]:
            rel["head"] = rel["head_span"]["token_start"]
        rec["spans"] = [sp for sp in rec["spans"] if sp["label"] != "SPEAKER"]

    _rewrite(out, first_token)
    problems = validate_file(out).problems
    assert any("relations[0]: head" in x and "not the last token of its span" in x for x in problems)
    assert any("relations[1]: child_span is not one of the spans" in x for x in problems)
    assert all(x.startswith(f"{out}:1: ") for x in problems)


def test_doccano_and_label_studio_problems_are_reported(interop, tmp_path):
    p, _, _ = interop
    d = tmp_path / "d.jsonl"
    export_doccano(p, d)
    _rewrite(d, lambda rec: rec["relations"][0].update(to_id=99))
    assert validate_file(d).problems == [f"{d}:1: relations[0]: from_id/to_id must name entities of this line"]
    ls = tmp_path / "ls.json"
    export_labelstudio(p, ls)
    tasks = json.loads(ls.read_text(encoding="utf-8"))
    kind = next(r for r in tasks[0]["annotations"][0]["result"] if r.get("from_name") == "kind")
    kind["value"]["choices"] = ["rumour"]
    ls.write_text(json.dumps(tasks), encoding="utf-8")
    (problem,) = validate_file(ls).problems
    assert "'kind' value(s) ['rumour'] are not in the config" in problem and "task 1 annotations[0]" in problem



def test_the_command_prints_each_problem_and_fails(interop, tmp_path):
    import subprocess
    import sys

    p, _, _ = interop
    d = tmp_path / "d.jsonl"
    export_doccano(p, d)
    ok = subprocess.run([sys.executable, "-m", "annotator.cli", "validate", str(d)], capture_output=True, text=True)
    assert ok.returncode == 0 and "valid doccano JSONL, 1 item(s)" in ok.stdout
    _rewrite(d, lambda rec: rec["entities"][0].update(end_offset=10_000))
    bad = subprocess.run([sys.executable, "-m", "annotator.cli", "validate", str(d)], capture_output=True, text=True)
    assert bad.returncode == 1 and "entities[0] 0-10000 is out of range" in bad.stdout
    assert bad.stderr.strip().endswith("1 problem(s) in 1 item(s) (doccano JSONL)")
