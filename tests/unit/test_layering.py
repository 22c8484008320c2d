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


# --- no circles -----------------------------------------------------------------------------------
# Modules import each other in one direction only: a module never reaches itself through its
# imports. Every import counts, also one inside a function (it still ties the two modules) and one
# made only for type hints (a reader still has to know the other module to read this one).

def _module_of(path: Path) -> str:
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _module_graph() -> dict[str, set[str]]:
    modules = {_module_of(p): p for p in PKG.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_pkg = path.name == "__init__.py"
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    pkg = name.split(".") if is_pkg else name.split(".")[:-1]
                    pkg = pkg[: len(pkg) - node.level + 1]
                    base = ".".join([*pkg, base] if base else pkg)
                for a in node.names:  # `from . import ops` names a module; `from .x import f` a name in x
                    targets.add(f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_circle_detector_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _circles(graph) == [["a", "b", "c"]]


def test_no_module_imports_itself_through_others():
    graph = _module_graph()
    assert "annotator.store" in graph and "annotator.db" in graph["annotator.store"]
    assert _circles(graph) == []
