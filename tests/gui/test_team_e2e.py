"""End to end: the seed articles dealt to three simulated annotators who disagree in known ways,
merged, measured against hand-computed figures, adjudicated in the app with the keyboard only,
and exported with exactly the decided labels."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from gui_helpers import key  # noqa: E402

from annotator import ops  # noqa: E402
from annotator.exporters.jsonl import export_jsonl  # noqa: E402
from annotator.importers import import_paths  # noqa: E402
from annotator.scheme import Scheme  # noqa: E402
from annotator.store import Project  # noqa: E402
from annotator.team.agreement import agreement  # noqa: E402
from annotator.team.assign import assign  # noqa: E402
from annotator.team.merge import merge  # noqa: E402
from annotator.team.selection import select  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_ef8b4a5962583c26.txt"
GOLD = json.loads((ROOT / "tests" / "data" / "seed_quotes.jsonl").read_text(encoding="utf-8").splitlines()[0])


def _gold_quotes(text: str) -> list[dict]:
    """The seed's gold quotes that lie in this article, with offsets into it, in text order."""
    off = GOLD["text"].find(text)
    assert off >= 0
    out = [{**q, "start": q["start"] - off, "end": q["end"] - off} for q in GOLD["quotes"]
           if off <= q["start"] and q["end"] <= off + len(text)]
    return sorted(out, key=lambda q: q["start"])


def _work(path: Path, who: str, shared: list[int]) -> None:
    """Each annotator marks the first three gold quotes of a shared article with the gold speaker and
    claim FACT, and the first gold quote of any other article of theirs. Known disagreements: ben says
    OPINION on the first quote; cho makes the second quote's speaker unknown and misses the third."""
    with Project.open(path, user=who) as p:
        for aid in p.article_ids():
            text = p.get_article(aid).text
            gold = _gold_quotes(text)[: 3 if aid in shared else 1]
            if who == "cho" and aid in shared:
                gold = gold[:2]
            for i, g in enumerate(gold):
                qid = ops.create_quote(p, aid, g["start"], g["end"], g["kind"]).created("quotes")[0]
                unknown = who == "cho" and i == 1
                ops.set_quote_speaker(p, qid, None, new_person=None if unknown else g["speaker"])
                ops.set_claim(p, qid, "OPINION" if (who == "ben" and i == 0) else "FACT")
            for q in p.unreviewed(aid).quotes:  # the model's wrong suggestion: rejected before done
                ops.delete_quote(p, q.id)
            ops.set_article_status(p, aid, "done")


def _claims(rec: dict) -> list[tuple]:
    return [(rec["text"][q["start"]:q["end"]][:30], q["speaker"], q["claim"]) for q in rec["quotes"]]


@pytest.fixture
def team(tmp_path):
    p = Project.create(tmp_path / "team.annotator", Scheme.load(ROOT / "seeds" / "scheme.json"), user="lead")
    import_paths(p, [SEED])
    for aid in p.article_ids():  # a model suggestion nobody confirms: it must not reach the export
        p.conn.execute("INSERT INTO quotes (article_id, start, \"end\", kind, stances, origin, confidence) "
                       "VALUES (?, 0, 5, 'direct', '[]', 'model', 0.4)", (aid,))
    yield p
    p.close()


def test_a_team_annotates_the_seed(team, tmp_path, open_window, qtbot):
    res = assign(team, ["ana", "ben", "cho"], tmp_path / "batches", overlap=0.5, copies=3, seed=0)
    shared = res.overlap_ids
    assert len(shared) == 2 and all(set(shared) <= set(b) for b in res.batches.values())
    singles = {a: [i for i in b if i not in shared] for a, b in res.batches.items()}
    assert sorted(len(v) for v in singles.values()) == [0, 1, 1]
    for who, path in res.files.items():
        _work(path, who, shared)
    merge(team, sorted(res.files.values()))

    # --- agreement, against figures computed by hand --------------------------------------------
    r = agreement(team, n_boot=500, seed=1)
    assert r.articles == 2 and r.annotators == ["ana", "ben", "cho"]
    # per shared article: ana/ben match 3 of 3+3, ana/cho and ben/cho 2 of 3+2
    assert r.quote_pairs["ana/ben"]["f1"] == pytest.approx(1.0)
    assert r.quote_pairs["ana/cho"]["f1"] == pytest.approx(0.8)
    assert r.quote_f1 == pytest.approx(28 / 32)
    # claims over 6 units (two articles x [F,O,F], [F,F,F], [F,F]): n = 16, sum o_cc = 12, n_FACT = 14,
    # n_OPINION = 2: alpha = 1 - 15 * (16 - 12) / (16^2 - (14^2 + 2^2)) = 1 - 60 / 56
    claim = r.field("claim")
    assert (claim.units, claim.values) == (6, 16) and claim.alpha == pytest.approx(1 - 60 / 56)
    assert claim.low <= claim.alpha <= claim.high
    # ana always FACT, ben OPINION on 2 of 6: p_o = 4/6 = p_e (1 x 4/6): kappa 0
    assert claim.kappa["ana/ben"] == {"kappa": pytest.approx(0.0), "items": 6}
    assert claim.kappa["ana/cho"]["kappa"] is None  # both FACT throughout: chance agreement is 1
    assert r.field("speaker").kappa["ana/ben"]["kappa"] == pytest.approx(1.0)

    # before adjudication the shared articles are left out of an export, and counted
    sel = select(team)
    assert sel.left_out == 2 and sorted(aid for aid, who in sel.items) == sorted(sum(singles.values(), []))

    # --- adjudication in the app, keyboard only -----------------------------------------------
    win = open_window(team.path)
    key(qtbot, win, Qt.Key_J, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: getattr(win, "adjudication", None) is not None and win.adjudication.isVisible())
    dlg = win.adjudication
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dlg.table)
    first = dlg.review.article_id
    # only what needs a decision is listed; Alt+G shows (and hides again) what everyone agreed on
    assert [(r.unit, r.field, r.open) for r in dlg.rows] == [(0, "claim", True), (1, "speaker", True),
                                                             (2, "span", True)]
    key(qtbot, dlg, Qt.Key_G, Qt.AltModifier)
    assert len(dlg.rows) > 3 and dlg.rows[2].open and not any(r.disagree for r in dlg.rows[3:])
    assert dlg.table.item(3, 2).text() == "agreed" and dlg.current.field == "claim"
    key(qtbot, dlg, Qt.Key_G, Qt.AltModifier)
    assert len(dlg.rows) == 3 and QApplication.focusWidget() is dlg.table
    key(qtbot, dlg, Qt.Key_A, Qt.ShiftModifier)  # claim: ana's FACT
    assert dlg.review.open == 2 and dlg.current.field == "speaker"
    key(qtbot, dlg, Qt.Key_Z, Qt.ControlModifier)  # undo, then redo
    assert dlg.review.open == 3
    key(qtbot, dlg, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert dlg.review.open == 2
    dlg.table.setFocus()
    key(qtbot, dlg, Qt.Key_Home, Qt.ControlModifier)  # back to the first row: the next open one
    assert dlg.current.open and dlg.current.field == "speaker"
    key(qtbot, dlg, Qt.Key_B, Qt.ShiftModifier)  # speaker: ben's (the gold speaker)
    key(qtbot, dlg, Qt.Key_C, Qt.ShiftModifier)  # third quote: cho's "no quote"
    assert dlg.review.open == 0
    key(qtbot, dlg, Qt.Key_Return, Qt.ControlModifier)  # done; the next article
    qtbot.waitUntil(lambda: dlg.review is not None and dlg.review.article_id != first)
    second = dlg.review.article_id
    key(qtbot, dlg, Qt.Key_6)  # claim, deciding otherwise: OPINION (the 6th claim type)
    key(qtbot, dlg, Qt.Key_A, Qt.ShiftModifier)  # speaker: ana's
    key(qtbot, dlg, Qt.Key_A, Qt.ShiftModifier)  # third quote: ana's span, it stays
    assert dlg.review.open == 0
    key(qtbot, dlg, Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: dlg.review is None)
    assert team.get_article(first).status == "done" and team.get_article(second).status == "done"
    assert {r["op"] for r in team.audit_log(first, limit=500)} >= {"adjudicate claim: ana's", "finish adjudication"}

    # --- export: exactly the decided labels (gold), and each single annotator's work -------------
    out = tmp_path / "export.jsonl"
    assert export_jsonl(team, out) == 4
    recs = {json.loads(line)["meta"]["title"]: json.loads(line) for line in out.read_text().splitlines()}
    by_id = {aid: team.get_article(aid).title for aid in team.article_ids()}
    g1, g2 = (_gold_quotes(team.get_article(a).text) for a in (first, second))
    assert [(q["speaker"], q["claim"]) for q in recs[by_id[first]]["quotes"]] == [
        (g1[0]["speaker"], "FACT"), (g1[1]["speaker"], "FACT")]
    assert [(q["speaker"], q["claim"]) for q in recs[by_id[second]]["quotes"]] == [
        (g2[0]["speaker"], "OPINION"), (g2[1]["speaker"], "FACT"), (g2[2]["speaker"], "FACT")]
    for who, ids in singles.items():
        for aid in ids:
            g = _gold_quotes(team.get_article(aid).text)[0]
            rec = recs[by_id[aid]]
            assert [(q["start"], q["end"], q["speaker"], q["claim"]) for q in rec["quotes"]] == [
                (g["start"], g["end"], g["speaker"], "OPINION" if who == "ben" else "FACT")]
            assert rec["meta"]["status"] == "done"
    assert all(q["reviewed"] and q["origin"] == "human" for r in recs.values() for q in r["quotes"])
    dlg.close()


def test_a_large_queue_is_counted_in_steps_and_a_finished_article_is_not_counted_again(team, tmp_path, open_window,
                                                                                      qtbot, monkeypatch):
    from annotator.gui.adjudication import AdjudicationDialog
    from annotator.team import adjudicate as adj

    res = assign(team, ["ana", "ben", "cho"], tmp_path / "batches", overlap=0.5, copies=3, seed=0)
    for who, path in res.files.items():
        _work(path, who, res.overlap_ids)
    merge(team, sorted(res.files.values()))
    expected = adj.queue(team)
    assert len(expected) == 2
    # as if the project shared thousands of articles: the dialog shows before anything is counted
    monkeypatch.setattr(AdjudicationDialog, "SYNC_LIMIT", 0)
    monkeypatch.setattr(AdjudicationDialog, "CHUNK", 1)
    counted = []
    real_entry = adj.queue_entry
    monkeypatch.setattr(adj, "queue_entry", lambda p, aid: counted.append(aid) or real_entry(p, aid))
    win = open_window(team.path)
    dlg = AdjudicationDialog(win.session, win)
    qtbot.addWidget(dlg)
    assert dlg.header.text() == "Counting the disagreements of 2 articles… 1 done" and dlg.articles.count() == 0
    assert dlg.review is None
    dlg.take(0)  # a key pressed while counting does nothing
    dlg.finish()
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.activateWindow()
    qtbot.waitUntil(lambda: dlg.isActiveWindow(), timeout=3000)
    qtbot.waitUntil(lambda: dlg.articles.count() == 2)
    assert dlg.queue == expected and dlg.review.article_id == expected[0][0] and sorted(counted) == sorted(
        aid for aid, _, _ in expected)

    # settle every disagreement of the first article and finish it: it leaves the list, the next shows
    first = dlg.review.article_id
    while dlg.review.open:
        row = next(r for r in dlg.rows if r.open)
        adj.take(team, first, row.unit, row.field, dlg.review.annotators[0])
        dlg.show_article(first)
    counted.clear()
    dlg.table.setFocus()
    key(qtbot, dlg, Qt.Key_Return, Qt.ControlModifier)
    assert team.get_article(first).status == "done"
    assert dlg.articles.count() == 1 and dlg.review.article_id == expected[1][0]
    assert counted == [] and dlg.status.text() == f"✓ Article #{first} adjudicated and marked done."
    # Ctrl+Z undoes the finish: the article is open again and back in the list; Ctrl+Shift+Z, done again
    key(qtbot, dlg, Qt.Key_Z, Qt.ControlModifier)
    assert team.get_article(first).status != "done"
    qtbot.waitUntil(lambda: dlg.articles.count() == 2)
    assert {dlg.articles.item(i).data(Qt.UserRole) for i in range(2)} == {first, expected[1][0]}
    assert dlg.review.article_id == expected[1][0]  # still on the article being worked on
    key(qtbot, dlg, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert team.get_article(first).status == "done"
    qtbot.waitUntil(lambda: dlg.articles.count() == 1)
    # the last one finished, nothing is listed; Ctrl+Z still brings it back
    second = dlg.review.article_id
    while dlg.review.open:
        row = next(r for r in dlg.rows if r.open)
        adj.take(team, second, row.unit, row.field, dlg.review.annotators[0])
        dlg.show_article(second)
    dlg.table.setFocus()
    key(qtbot, dlg, Qt.Key_Return, Qt.ControlModifier)
    assert dlg.review is None and dlg.articles.count() == 0 and dlg.header.text().startswith("Nothing to adjudicate")
    key(qtbot, dlg, Qt.Key_Z, Qt.ControlModifier)
    assert dlg.articles.count() == 1 and dlg.review.article_id == second
    assert team.get_article(second).status != "done"
