"""One list of export formats: the command line and the app's menu are both made from it."""

from typer.testing import CliRunner

from annotator.cli import app
from annotator.exporters import FORMATS, export


def test_every_format_is_a_command_and_writes_through_the_registry(seeded, tmp_path):
    runner = CliRunner()
    for key, fmt in FORMATS.items():
        res = runner.invoke(app, ["export", key, "--help"])
        assert res.exit_code == 0 and "--out" in res.output, key
    res = runner.invoke(app, ["export", "jsonl", "--db", str(seeded.path), "--out", str(tmp_path / "a.jsonl"), "--all"])
    assert res.exit_code == 0 and "wrote 4 article(s)" in res.output
    result = export("doccano", seeded, tmp_path / "b.jsonl", include_all=True)
    assert result.articles == 4 and str(result) == f"4 article(s) written to {tmp_path / 'b.jsonl'}"
    assert [f.key for f in FORMATS.values() if f.folder] == ["spacy"]
