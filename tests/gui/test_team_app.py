"""Project ▸ Team in the app (Assign, Merge, Statistics) and `stats/agreement --plot`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import team_sim as sim  # noqa: E402

from annotator.store import Project  # noqa: E402
from annotator.team.assign import assign  # noqa: E402
from annotator.team.merge import merge  # noqa: E402


@pytest.fixture
def batches(tmp_path) -> dict[str, Path]:
    """ana and ben finish the bridge article and disagree on who said the second quote."""
    team = sim.make_team(tmp_path / "team.annotator")
    res = assign(team, ["ana", "ben"], tmp_path / "out", overlap=1.0, copies=2, seed=0)
    bridge = sim.article_id(team, "Bridge to reopen in May")
    for who, second in (("ana", "Tom Lee"), ("ben", "Maria Gomez")):
        with Project.open(res.files[who], user=who) as p:
            sim.mark_quote(p, bridge, "We are confident the repairs will hold for another fifty years,", "Jane Doe",
                           stance=("Bridge repairs", "FAVOR"), claim="PREDICTION")
            sim.mark_quote(p, bridge, "This is a waste of money that should have gone to schools,", second,
                           claim="OPINION")
            sim.mark_entity(p, bridge, "Jane Doe", "PERSON")
            sim.done(p, bridge)
    team.close()
    return res.files


@pytest.fixture
def team_db(batches, tmp_path) -> Path:
    with Project.open(tmp_path / "team.annotator", user="lead") as team:
        merge(team, list(batches.values()))
    return tmp_path / "team.annotator"


def test_assign_in_the_app_deals_a_round(open_window, tmp_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from annotator.gui.team_menu import AssignDialog

    sim.make_team(tmp_path / "team.annotator").close()
    win = open_window(tmp_path / "team.annotator")

    def fill(dlg):
        dlg.names.setText("ana, ben")
        dlg.overlap.setValue(0.5)
        dlg.folder.setText(str(tmp_path / "batches"))
        return QDialog.Accepted
    monkeypatch.setattr(AssignDialog, "exec", fill)
    win.actions["team_assign"].trigger()
    assert "Round 1: 4 article(s) in 2 file(s)" in win.statusBar().currentMessage()
    for who in ("ana", "ben"):
        with Project.open(tmp_path / "batches" / f"{who}.annotator") as p:
            assert len(p.article_ids()) == 3  # 2 shared + 1 of the 2 others each


def test_merge_in_the_app_runs_as_a_job_and_the_window_reads_the_layers(open_window, batches, tmp_path, qtbot,
                                                                        monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    win = open_window(tmp_path / "team.annotator")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in batches.values()], ""))
    win.actions["team_merge"].trigger()
    qtbot.waitUntil(lambda: not win.jobs.busy, timeout=20000)
    assert "ana.annotator (ana, round 1): 1 article(s) merged" in win.statusBar().currentMessage()
    assert win.session.project.conn.execute("SELECT count(*) FROM layer_articles").fetchone()[0] == 2


def test_the_stats_dialog_draws_every_figure_with_its_names_in_full(open_window, team_db, qtbot):
    from PySide6.QtCharts import QHorizontalBarSeries

    win = open_window(team_db)
    reloads = []
    win.session.refresh = lambda: reloads.append(1)  # the figures only read the project: nothing to reload
    win.actions["team_stats"].trigger()  # counted in a worker: the dialog opens when the figures are ready
    qtbot.waitUntil(lambda: getattr(win, "stats_dialog", None) is not None, timeout=20000)
    assert reloads == []
    dlg = win.stats_dialog
    qtbot.waitExposed(dlg)
    charts = {v.chart().title().split(":")[0].split(",")[0]: v.chart() for v in dlg.panel.views}
    assert set(charts) == {"Articles done", "Agreement", "Speed", "Claim types", "Stance labels", "Entity labels"}
    agree = charts["Agreement"]
    assert agree.title().endswith("over 2 quotes")
    labels = agree.axes()[1].categoriesLabels()  # the fields, down the left
    assert "stance: Bridge repairs" in labels and "speaker" in labels  # written out, not cut short
    assert any(lab.startswith("stance: Higher taxes<br>") for lab in labels)  # NONE throughout: said so
    claims = charts["Claim types"]
    assert isinstance(claims.series()[0], QHorizontalBarSeries)
    assert claims.axes()[0].categories() == ["prediction", "opinion"]  # the first on top
    # Qt stacks a horizontal group's first bar set at the bottom: sets go in last first, and the
    # legend is listed reversed, so bars and legend both read ana, ben from the top
    assert [b.label() for b in claims.series()[0].barSets()] == ["ben", "ana"]
    assert claims.legend().reverseMarkers()
    assert "none yet" not in charts["Entity labels"].title()
    dlg.close()


def test_plots_from_the_command_line(team_db, tmp_path):
    from typer.testing import CliRunner

    from annotator.cli import app

    stats, agree = tmp_path / "stats.png", tmp_path / "agreement.png"
    res = CliRunner().invoke(app, ["stats", "--db", str(team_db), "--plot", str(stats)])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(app, ["agreement", "--db", str(team_db), "--plot", str(agree), "--bootstrap", "50"])
    assert res.exit_code == 0, res.output
    assert (QImage(str(stats)).width(), QImage(str(agree)).width()) == (1500, 900)
    assert "plot written to" in res.output
