"""Project data is shown, never obeyed: control characters in titles, names and texts reach the
terminal as visible stand-ins, and `preannotate` says which model folder it loads and why."""

import json

import pytest

from annotator import ops
from annotator.models import ArticleDraft
from annotator.nlp.preannotate import choose_model
from annotator.store import Project
from annotator.terminal import json_safe, terminal_safe
from tests.reliability.harness import cli

TITLE = "\x1b]0;pwned\x07Evil\x1b[2J title"
PLACE = "\x9b31mOslo"
TEXT = "Oslo – \x1b[2J\rOverwritten \u202eevil\u202c and \x1b]8;;file:///etc/passwd\x1b\\link\x1b]8;;\x1b\\ \"Quoted words here,\" she said."
DANGER = ["\x1b", "\x07", "\x9b", "\r", "\u202e"]


@pytest.fixture
def hostile(tmp_path):
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.import_articles([ArticleDraft(title=TITLE, place=PLACE, text=TEXT)])
        start = TEXT.index("Quoted")
        ops.create_quote(p, 1, start, start + len("Quoted words here,"))
        ops.create_person(p, "\x1b[31mRed Name")
    return path


def _clean(out: str) -> None:
    for ch in DANGER:
        assert ch not in out, f"{ch!r} reached the terminal"


def test_list_and_show_show_control_characters_without_obeying_them(hostile):
    for args in (["list"], ["show", "1"]):
        res = cli(*args, "--db", hostile)
        assert res.returncode == 0, res.stderr
        _clean(res.stdout)
    assert "␛]0;pwned␇Evil␛[2J title" in cli("list", "--db", hostile, env={"COLUMNS": "300"}).stdout


def test_json_output_is_the_same_data_with_controls_escaped(hostile):
    rows = cli("list", "--db", hostile, "--json").stdout
    _clean(rows)
    assert json.loads(rows)[0]["title"] == TITLE and json.loads(rows)[0]["place"] == PLACE
    rec = cli("show", "1", "--db", hostile, "--json").stdout
    _clean(rec)
    assert json.loads(rec)["text"] == TEXT


def test_highlights_stay_on_the_words_after_escaping():
    safe = terminal_safe(TEXT, keep_newlines=True)
    assert len(safe) == len(TEXT)  # one stand-in per character: offsets hold
    i = TEXT.index("Quoted")
    assert safe[i:i + 6] == "Quoted"
    assert json.loads(json_safe(json.dumps({"t": TEXT}, ensure_ascii=False)))["t"] == TEXT


def test_an_error_naming_a_hostile_file_stays_one_line(hostile, tmp_path):
    bad = tmp_path / "evil\x1b[2J\nname.jsonl"
    bad.write_text('{"text": "\\u0000"}\n')
    res = cli("import", "--db", hostile, bad)
    assert res.returncode == 1
    _clean(res.stderr)
    assert len(res.stderr.strip().splitlines()) == 1 and "evil␛[2J␊name.jsonl:1:" in res.stderr


def test_preannotate_says_which_model_folder_a_project_setting_makes_it_load(hostile, tmp_path):
    folder = tmp_path / "someones-folder"
    folder.mkdir()
    with Project.open(hostile) as p:
        p.set_setting("model", str(folder))
    res = cli("preannotate", "--db", hostile)
    assert res.returncode == 1
    said = " ".join(res.stdout.split())  # the terminal may wrap it
    assert (f"model: {folder} (the project's model setting; not one of this project's trained models; "
            "`annotator models --default` goes back to the stock model)") in said
    assert len(res.stderr.strip().splitlines()) == 1 and "could not be loaded" in res.stderr


def test_the_model_choice_names_its_source(project, tmp_path):
    assert choose_model(project).describe().startswith("model: ")
    assert "(the default: no --model and no project setting)" in choose_model(project).describe()
    assert choose_model(project, str(tmp_path)).describe() == f"model: {tmp_path} (from --model)"
    project.set_setting("models", json.dumps([{"path": str(tmp_path)}]))
    project.set_setting("model", str(tmp_path))
    assert "(the project's model setting; `annotator models --default`" in choose_model(project).describe()
