"""A team annotates one corpus: assign batches, merge each annotator's work as their layer."""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import team_sim as sim  # noqa: E402

from annotator import ops  # noqa: E402
from annotator.errors import AnnotatorError  # noqa: E402
from annotator.store import Project  # noqa: E402
from annotator.team import ANNOTATOR, ROUND, TEAM_ID  # noqa: E402
from annotator.team.assign import assign, plan  # noqa: E402
from annotator.team.layers import annotators, load_layer, overlap_article_ids  # noqa: E402
from annotator.team.merge import merge  # noqa: E402


@pytest.fixture
def team(tmp_path):
    p = sim.make_team(tmp_path / "team.annotator")
    yield p
    p.close()


def _layer_dump(p: Project) -> list:
    c = p.conn
    return [list(map(tuple, c.execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3")))
            for t in ("layer_articles", "layer_quotes", "layer_entities", "persons")]


def test_plan_is_balanced_and_deterministic_for_a_seed():
    names = ["ana", "ben", "cho"]
    batches, shared = plan(list(range(1, 101)), names, overlap=0.2, copies=2, per_annotator=None, seed=7)
    assert plan(list(range(1, 101)), names, 0.2, 2, None, 7) == (batches, shared)
    assert plan(list(range(1, 101)), names, 0.2, 2, None, 8) != (batches, shared)
    assert len(shared) == 20
    loads = [len(b) for b in batches.values()]
    assert sum(loads) == 80 + 2 * 20 and max(loads) - min(loads) <= 1
    # every shared article went to two different annotators; each pair meets about as often
    pairs = {}
    for aid in shared:
        who = tuple(a for a in names if aid in batches[a])
        assert len(who) == 2
        pairs[who] = pairs.get(who, 0) + 1
    assert len(pairs) == 3 and max(pairs.values()) - min(pairs.values()) <= 1
    # a cap per annotator: each batch holds at most N, the round is as large as that allows
    capped, cshared = plan(list(range(1, 101)), names, 0.25, 2, per_annotator=10, seed=0)
    assert all(len(b) == 10 for b in capped.values())
    assert len(cshared) == 6  # 24 articles: 6 shared twice + 18 single = 30 = 3 x 10


def test_assign_writes_one_ordinary_project_per_annotator(team, tmp_path):
    aid = sim.article_id(team, "Bridge to reopen in May")
    text = team.get_article(aid).text
    s, e = sim.span(text, "We are confident the repairs will hold for another fifty years,")
    ops.create_quote(team, aid, s, e)  # gold work the lead already did: annotators must not see it
    s2, e2 = sim.span(text, "This is a waste of money")
    team.conn.execute("INSERT INTO quotes (article_id, start, \"end\", kind, stances, origin, confidence) "
                      "VALUES (?, ?, ?, 'direct', '[]', 'model', 0.7)", (aid, s2, e2))  # a model suggestion
    lee = ops.create_person(team, "Tom Lee").created("persons")[0]
    res = assign(team, ["ana", "ben", "cho"], tmp_path / "out", overlap=0.5, copies=3, seed=1)
    assert res.round == 1 and set(res.files) == {"ana", "ben", "cho"}
    assert len(res.overlap_ids) == 2 and res.articles == 4
    for name, path in res.files.items():
        assert path.exists() and not Path(str(path) + ".part").exists()
        with Project.open(path) as p:  # the app and the CLI open it as any project
            assert p.setting(TEAM_ID) == team.setting(TEAM_ID)
            assert (p.setting(ANNOTATOR), p.setting(ROUND)) == (name, "1")
            assert p.scheme == team.scheme
            ids = p.article_ids()
            assert ids == res.batches[name] and set(res.overlap_ids) <= set(ids)
            assert p.conn.execute("SELECT count(*) FROM quotes WHERE reviewed = 1").fetchone()[0] == 0
            if aid in ids:  # the model's suggestion comes along, unreviewed, for them to confirm or not
                assert [(q.start, q.origin, q.reviewed) for q in p.load_article(aid).quotes] == [(s2, "model", False)]
            assert p.get_person(lee).name == "Tom Lee"  # the team's persons, same ids
            assert {a.content_hash for a in map(p.get_article, ids)} == \
                {team.get_article(i).content_hash for i in ids}
    assert annotators(team) == ["ana", "ben", "cho"]
    # the next round deals only what is left; nothing left is one line
    with pytest.raises(AnnotatorError, match="already assigned"):
        assign(team, ["ana"], tmp_path / "round2")
    # an existing file is never overwritten
    with pytest.raises(AnnotatorError, match="already exists"):
        assign(team, ["ana"], tmp_path / "out")


def _annotate_round(files: dict[str, Path], team: Project) -> None:
    """ana and ben finish the bridge article and disagree on the speaker of one quote; cho starts one."""
    bridge = sim.article_id(team, "Bridge to reopen in May")
    with Project.open(files["ana"], user="ana") as p:
        sim.mark_quote(p, bridge, "We are confident the repairs will hold for another fifty years,", "Jane Doe",
                       stance=("Bridge repairs", "FAVOR"), claim="PREDICTION")
        sim.mark_quote(p, bridge, "This is a waste of money that should have gone to schools,", "Tom Lee")
        sim.mark_entity(p, bridge, "Jane Doe", "PERSON")
        sim.done(p, bridge)
    with Project.open(files["ben"], user="ben") as p:
        sim.mark_quote(p, bridge, "We are confident the repairs will hold for another fifty years,", "Jane Doe",
                       stance=("Bridge repairs", "FAVOR"), claim="PREDICTION")
        sim.mark_quote(p, bridge, "This is a waste of money that should have gone to schools,", "Maria Gomez")
        sim.mark_entity(p, bridge, "Jane Doe", "PERSON")
        sim.done(p, bridge)


def test_merge_takes_each_annotators_work_as_their_layer(team, tmp_path):
    res = assign(team, ["ana", "ben"], tmp_path / "out", overlap=1.0, copies=2, seed=0)
    _annotate_round(res.files, team)
    gold_before = team.load_article(1).model_dump()
    out = merge(team, [res.files["ana"], res.files["ben"]])
    assert [(r.annotator, r.changed) for r in out] == [("ana", 1), ("ben", 1)]
    bridge = sim.article_id(team, "Bridge to reopen in May")
    assert overlap_article_ids(team) == [bridge]
    ana, ben = load_layer(team, bridge, "ana"), load_layer(team, bridge, "ben")
    assert ana.article.status == "done" and len(ana.quotes) == 2 and len(ana.entities) == 1
    names = lambda ann: [ann.persons[q.speaker_id].name for q in ann.quotes]  # noqa: E731
    assert names(ana) == ["Jane Doe", "Tom Lee"] and names(ben) == ["Jane Doe", "Maria Gomez"]
    # persons matched by name: one Jane Doe in the team, whoever named her
    assert ana.quotes[0].speaker_id == ben.quotes[0].speaker_id
    assert team.load_article(1).model_dump() == gold_before  # the main (gold) tables are untouched
    # merging the same files again changes nothing at all
    watcher = sqlite3.connect(team.path)  # its data_version moves when another connection changes the file
    before, version = _layer_dump(team), watcher.execute("PRAGMA data_version").fetchone()[0]
    again = merge(team, list(res.files.values()))
    assert all(r.changed == 0 and r.unchanged == 1 for r in again) and _layer_dump(team) == before
    assert watcher.execute("PRAGMA data_version").fetchone()[0] == version  # not one byte written
    watcher.close()


def test_merge_never_touches_another_annotators_layer_and_keeps_newer_work(team, tmp_path):
    res = assign(team, ["ana", "ben"], tmp_path / "out", overlap=1.0, copies=2, seed=0)
    _annotate_round(res.files, team)
    old_copy = tmp_path / "ana-old.annotator"
    with Project.open(res.files["ana"]) as p:
        p.backup(old_copy)
    merge(team, [res.files["ana"], res.files["ben"]])
    ben_layer = team.conn.execute("SELECT * FROM layer_quotes WHERE annotator = 'ben' ORDER BY id").fetchall()
    bridge = sim.article_id(team, "Bridge to reopen in May")
    with Project.open(res.files["ana"], user="ana") as p:  # ana fixes her claim later and merges again,
        q = p.load_article(bridge).quotes[0]  # her file still open (the edit still in its write-ahead log)
        ops.set_claim(p, q.id, "OPINION")
        out = merge(team, [res.files["ana"]])
        ops.set_claim(p, q.id, "FACT")  # her connection is unharmed
    assert out[0].changed == 1
    assert [q.claim for q in load_layer(team, bridge, "ana").quotes] == ["OPINION", None]
    assert team.conn.execute("SELECT * FROM layer_quotes WHERE annotator = 'ben' ORDER BY id").fetchall() == ben_layer
    # an older copy of ana's file merged afterwards does not undo her newer edit
    out = merge(team, [old_copy])
    assert (out[0].changed, out[0].kept_newer) == (0, 1)
    assert [q.claim for q in load_layer(team, bridge, "ana").quotes] == ["OPINION", None]


def test_merge_refuses_other_teams_and_unknown_annotators_and_is_all_or_nothing(team, tmp_path, monkeypatch):
    res = assign(team, ["ana", "ben"], tmp_path / "out", overlap=1.0, copies=2, seed=0)
    _annotate_round(res.files, team)
    other = sim.make_team(tmp_path / "other.annotator")
    ores = assign(other, ["ana"], tmp_path / "other-out", overlap=0.0)
    other.close()
    with pytest.raises(AnnotatorError, match="another team project"):
        merge(team, [res.files["ana"], ores.files["ana"]])
    stranger = tmp_path / "zed.annotator"
    shutil.copy(res.files["ben"], stranger)
    with Project.open(stranger) as p:
        p.set_setting(ANNOTATOR, "zed")
    with pytest.raises(AnnotatorError, match="'zed' is not on this team"):
        merge(team, [res.files["ana"], stranger])
    plain = Project.create(tmp_path / "plain.annotator")
    plain.close()
    with pytest.raises(AnnotatorError, match="not an annotator's file"):
        merge(team, [tmp_path / "plain.annotator"])
    with pytest.raises(AnnotatorError, match="team project itself"):
        merge(team, [team.path])
    (tmp_path / "junk.annotator").write_text("not a database")
    with pytest.raises(AnnotatorError, match="not an annotator project"):
        merge(team, [res.files["ana"], tmp_path / "junk.annotator"])
    assert team.conn.execute("SELECT count(*) FROM layer_articles").fetchone()[0] == 0  # nothing half-merged
    # a failure while writing the second file's layer rolls the first one's back too
    import annotator.team.merge as merge_mod

    real, calls = merge_mod._merge_one, []

    def second_fails(*args):
        calls.append(1)
        if len(calls) == 2:
            raise sqlite3.OperationalError("disk I/O error")
        return real(*args)
    monkeypatch.setattr(merge_mod, "_merge_one", second_fails)
    with pytest.raises(AnnotatorError, match="disk I/O error"):
        merge(team, [res.files["ana"], res.files["ben"]])
    assert team.conn.execute("SELECT count(*) FROM layer_articles").fetchone()[0] == 0


def test_a_plain_project_is_no_team(team, tmp_path):
    with pytest.raises(AnnotatorError, match="not a team project"):
        merge(team, [tmp_path / "x.annotator"])


def test_a_second_round_merges_into_the_same_layers(team, tmp_path):
    r1 = assign(team, ["ana", "ben"], tmp_path / "r1", per_annotator=1, overlap=0.0, seed=0)
    r2 = assign(team, ["ana", "ben"], tmp_path / "r2", per_annotator=1, overlap=0.0, seed=0)
    assert (r1.round, r2.round) == (1, 2)
    assert not set(r1.batches["ana"]) & set(r2.batches["ana"])
    for res in (r1, r2):
        for name, path in res.files.items():
            with Project.open(path, user=name) as p:
                for aid in p.article_ids():
                    text = p.get_article(aid).text
                    s, e = sim.span(text, text.split('"')[1].strip())
                    ops.create_quote(p, aid, s, e)
                    sim.done(p, aid)
    merge(team, list(r1.files.values()))
    merge(team, list(r2.files.values()))
    rows = team.conn.execute("SELECT annotator, round, count(*) FROM layer_articles GROUP BY 1, 2").fetchall()
    assert sorted(map(tuple, rows)) == [("ana", 1, 1), ("ana", 2, 1), ("ben", 1, 1), ("ben", 2, 1)]


def test_merging_persons_in_the_team_moves_layers_too(team, tmp_path):
    res = assign(team, ["ana", "ben"], tmp_path / "out", overlap=1.0, copies=2, seed=0)
    _annotate_round(res.files, team)
    merge(team, list(res.files.values()))
    lee, gomez = team.find_person("Tom Lee"), team.find_person("Maria Gomez")
    ops.merge_persons(team, lee, gomez)
    assert team.conn.execute("SELECT count(*) FROM layer_quotes WHERE speaker_id = ?", (gomez.id,)).fetchone()[0] == 0
    ops.undo(team)
    assert team.conn.execute("SELECT count(*) FROM layer_quotes WHERE speaker_id = ?", (gomez.id,)).fetchone()[0] == 1


def test_sources_keep_their_kind_through_assign_and_merge(team, tmp_path):
    bridge = sim.article_id(team, "Bridge to reopen in May")
    ops.create_person(team, "City Council", kind="organisation")
    council = team.find_person("City Council").id
    ops.create_person(team, "a council spokeswoman", kind="unnamed", org_id=council, article_id=bridge)
    res = assign(team, ["ana", "ben"], tmp_path / "out", overlap=1.0, copies=2, seed=0)
    with Project.open(res.files["ana"], user="ana") as p:  # the batch has them with their kind and ties
        spokeswoman = p.find_person("a council spokeswoman", "unnamed", article_id=bridge)
        assert spokeswoman is not None and p.get_person(spokeswoman.org_id).name == "City Council"
        qid = sim.mark_quote(p, bridge, "This is a waste of money that should have gone to schools,")
        ops.set_quote_speaker(p, qid, None, new_person="Residents", new_kind="group")
        qid = sim.mark_quote(p, bridge, "We are confident the repairs will hold for another fifty years,")
        ops.set_quote_speaker(p, qid, spokeswoman.id)
        sim.done(p, bridge)
    merge(team, [res.files["ana"]])
    ana = load_layer(team, bridge, "ana")
    got = {(ana.persons[q.speaker_id].name, ana.persons[q.speaker_id].kind, ana.persons[q.speaker_id].article_id)
           for q in ana.quotes}
    assert got == {("Residents", "group", bridge), ("a council spokeswoman", "unnamed", bridge)}
    assert team.find_person("Residents", "person") is None  # not turned into a person
    assert len(team.conn.execute("SELECT * FROM persons WHERE name = 'a council spokeswoman'").fetchall()) == 1


def test_dashboard_reads_progress_labels_and_speed_from_the_layers(team, tmp_path, monkeypatch):
    from datetime import datetime, timedelta, timezone

    from annotator.team.stats import dashboard
    from annotator.worktime import seconds_spent

    res = assign(team, ["ana", "ben"], tmp_path / "out", overlap=1.0, copies=2, seed=0)
    clock = {"t": None}

    def tick():  # every edit half a minute after the one before
        clock["t"] += timedelta(seconds=30)
        return clock["t"].isoformat(timespec="milliseconds")
    monkeypatch.setattr(ops, "_now", tick)
    starts = {"ana": datetime(2025, 3, 3, 9, tzinfo=timezone.utc), "ben": datetime(2025, 3, 4, 14, tzinfo=timezone.utc)}
    clock["t"] = starts["ana"]
    _annotate_one(res.files["ana"], team, "ana", "Tom Lee")
    clock["t"] = starts["ben"]
    _annotate_one(res.files["ben"], team, "ben", "Maria Gomez")
    monkeypatch.undo()
    merge(team, list(res.files.values()))
    bridge = sim.article_id(team, "Bridge to reopen in May")
    d = dashboard(team, n_boot=50)
    assert d.progress == {"ana": [("2025-03-03", 1)], "ben": [("2025-03-04", 1)]}
    assert d.labels["claim"] == {"ana": {"PREDICTION": 1}, "ben": {"PREDICTION": 1}}
    assert d.labels["stance"] == {"ana": {"FAVOR": 1}, "ben": {"FAVOR": 1}}
    assert d.labels["entity"] == {"ana": {"PERSON": 1}, "ben": {"PERSON": 1}}
    for who in ("ana", "ben"):
        with Project.open(res.files[who]) as p:  # her own file's audit log: 30 s between edits
            secs = seconds_spent(p, [bridge])[bridge]
            edits = p.conn.execute("SELECT count(DISTINCT ts) FROM audit WHERE user = ?", (who,)).fetchone()[0]
        assert secs == 30 * (edits - 1) > 0
        assert d.speed[who] == {"seconds": pytest.approx(secs), "quotes": 2, "seconds_per_quote": pytest.approx(secs / 2)}
    assert [r["field"] for r in d.agreement] == ["speaker", "stance:Bridge repairs", "stance:Higher taxes", "claim",
                                                 "checkworthy"]
    assert d.agreement[0]["units"] == 2 and d.agreement[0]["alpha"] == pytest.approx(0.4)


def _annotate_one(path: Path, team: Project, who: str, second_speaker: str) -> None:
    bridge = sim.article_id(team, "Bridge to reopen in May")
    with Project.open(path, user=who) as p:
        sim.mark_quote(p, bridge, "We are confident the repairs will hold for another fifty years,", "Jane Doe",
                       stance=("Bridge repairs", "FAVOR"), claim="PREDICTION")
        sim.mark_quote(p, bridge, "This is a waste of money that should have gone to schools,", second_speaker)
        sim.mark_entity(p, bridge, "Jane Doe", "PERSON")
        sim.done(p, bridge)


def test_the_team_commands(team, tmp_path):
    import json
    import subprocess

    from typer.testing import CliRunner

    from annotator.cli import app

    db, run = str(team.path), CliRunner().invoke
    res = run(app, ["assign", "--db", db, "--annotators", "ana,ben", "--overlap", "1", "--out", str(tmp_path / "b")])
    assert res.exit_code == 0, res.output
    assert "round 1: 4 article(s), 4 shared by 2 annotators" in res.output
    files = {who: tmp_path / "b" / f"{who}.annotator" for who in ("ana", "ben")}
    _annotate_round(files, team)
    res = run(app, ["merge", "--db", db, *map(str, files.values())])
    assert res.exit_code == 0, res.output
    assert "ana.annotator (ana, round 1): 1 article(s) merged, 0 unchanged" in " ".join(res.output.split())
    res = run(app, ["agreement", "--db", db, "--json", "--bootstrap", "50"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert (report["articles"], report["quote_f1"]) == (1, 1.0)
    # a file of another team project: one line on stderr, exit 1, nothing merged
    other = sim.make_team(tmp_path / "other.annotator")
    foreign = assign(other, ["ana"], tmp_path / "other-out", overlap=0.0).files["ana"]
    other.close()
    before = _layer_dump(team)
    cli = Path(sys.executable).parent / "annotator"
    proc = subprocess.run([str(cli), "merge", "--db", db, str(foreign)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "belongs to another team project" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and _layer_dump(team) == before
