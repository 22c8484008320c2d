"""The one rule: imports point inward. Core never imports Qt, the GUI, the CLI, nlp or the exporters
(which may use nlp: the spaCy corpora are built there); nlp never imports the exporters, the GUI
or the CLI."""

import ast
import subprocess
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "annotator"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level:  # relative: resolve against the file's package
                base = path.relative_to(PKG.parent).with_suffix("").parts[: -node.level]
                mod = ".".join([*base, mod] if mod else base)
            names.add(mod)
    return names


def _files(exclude: tuple[str, ...] = ()) -> list[Path]:
    return [p for p in PKG.rglob("*.py") if not any(part in exclude for part in p.relative_to(PKG).parts)]


def test_nothing_outside_gui_imports_qt():
    offenders = {str(p.relative_to(PKG)): sorted(i for i in _imports(p) if i.split(".")[0] in ("PySide6", "shiboken6"))
                 for p in _files(exclude=("gui",))}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_core_imports_neither_gui_cli_nlp_nor_exporters():
    core = _files(exclude=("gui", "nlp", "exporters", "cli.py"))
    assert len(core) > 5
    bad = {}
    for p in core:
        hits = [i for i in _imports(p) if i.startswith(("annotator.gui", "annotator.cli", "annotator.nlp",
                                                         "annotator.exporters"))]
        if hits:
            bad[str(p.relative_to(PKG))] = hits
    assert bad == {}


def test_nlp_does_not_import_exporters_gui_or_cli():
    bad = {str(p.relative_to(PKG)): [i for i in _imports(p) if i.startswith(("annotator.gui", "annotator.cli",
                                                                              "annotator.exporters", "PySide6"))]
           for p in (PKG / "nlp").rglob("*.py")}
    assert {k: v for k, v in bad.items() if v} == {}


def test_importing_the_core_loads_no_qt():
    code = ("import sys, annotator.store, annotator.ops, annotator.importers, annotator.exporters.jsonl;"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'annotator.gui'))))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "[]"
