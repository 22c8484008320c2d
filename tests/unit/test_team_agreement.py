"""Agreement coefficients against published worked examples, and adjudication as operations."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import team_sim as sim  # noqa: E402

from annotator import ops  # noqa: E402
from annotator.errors import AnnotatorError  # noqa: E402
from annotator.store import Project  # noqa: E402
from annotator.team import adjudicate as adj  # noqa: E402
from annotator.team import agreement as ag  # noqa: E402
from annotator.team.assign import assign  # noqa: E402
from annotator.team.merge import merge  # noqa: E402
from annotator.team.units import NO_QUOTE  # noqa: E402

nan = np.nan
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers, twelve
# units, missing values; nominal alpha = 0.743.
KRIPPENDORFF_C = np.array([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
])
# The same paper, section A: binary data, two observers, ten units; alpha = 0.095.
KRIPPENDORFF_A = np.array([[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]], dtype=float)


def test_alpha_matches_krippendorffs_published_examples():
    assert round(ag.krippendorff_alpha(KRIPPENDORFF_C), 3) == 0.743
    assert round(ag.krippendorff_alpha(KRIPPENDORFF_A), 3) == 0.095
    assert ag.krippendorff_alpha(np.array([[1.0, 1.0], [1.0, 1.0]])) is None  # one value: not defined


def test_closed_form_alpha_equals_the_packages(monkeypatch):
    rng = np.random.default_rng(3)
    for _ in range(20):
        m = rng.integers(0, 6, size=(4, 40)).astype(float)
        m[rng.random(m.shape) < 0.3] = nan
        by_package = ag.krippendorff_alpha(m)
        monkeypatch.setattr(ag, "PACKAGE_CELLS", 0)
        assert ag.krippendorff_alpha(m) == pytest.approx(by_package, abs=1e-12)
        monkeypatch.undo()


def test_bootstrap_interval_is_deterministic_for_a_seed_and_holds_the_estimate():
    low, high = ag.bootstrap_alpha(KRIPPENDORFF_C, 2000, seed=5)
    assert (low, high) == ag.bootstrap_alpha(KRIPPENDORFF_C, 2000, seed=5)
    assert (low, high) != ag.bootstrap_alpha(KRIPPENDORFF_C, 2000, seed=6)
    assert low < 0.743 < high <= 1.0


def test_cohens_kappa_on_the_textbook_example():
    # 50 proposals: both yes 20, A yes / B no 5, A no / B yes 10, both no 15: p_o 0.7, p_e 0.5, kappa 0.4.
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert ag.cohen_kappa(a, b) == pytest.approx(0.4)
    assert ag.cohen_kappa(["x", "x"], ["x", "x"]) is None


def test_kappa_of_every_pair_equals_the_textbook_formula():
    rng = np.random.default_rng(4)
    m = rng.integers(0, 4, size=(4, 60)).astype(float)
    m[rng.random(m.shape) < 0.4] = nan
    m[:, 0] = 2.0  # one unit all four agree on
    names = ["a", "b", "c", "d"]
    got = ag.pair_kappas(m, names)
    for i, j in [(0, 1), (0, 3), (2, 3)]:
        both = ~np.isnan(m[i]) & ~np.isnan(m[j])
        want = ag.cohen_kappa(list(m[i, both]), list(m[j, both]))
        assert got[f"{names[i]}/{names[j]}"] == {"kappa": pytest.approx(want, abs=1e-12), "items": int(both.sum())}
    assert ag.pair_kappas(np.array([[1.0, 1.0], [1.0, 1.0]]), ["a", "b"])["a/b"]["kappa"] is None


def test_entity_f1_of_three_annotators_is_pooled_over_their_pairs(tmp_path):
    team = sim.make_team(tmp_path / "team.annotator")
    res = assign(team, ["ana", "ben", "cho"], tmp_path / "out", overlap=1.0, copies=3, seed=0)
    bridge = sim.article_id(team, "Bridge to reopen in May")
    marks = {"ana": [("Jane Doe", "PERSON"), ("Tom Lee", "PERSON"), ("Riverton", "GPE")],
             "ben": [("Jane Doe", "PERSON"), ("Tom Lee", "PERSON")],
             "cho": [("Jane Doe", "PERSON"), ("Riverton", "ORG")]}
    for who, ents in marks.items():
        with Project.open(res.files[who], user=who) as p:
            for fragment, label in ents:
                sim.mark_entity(p, bridge, fragment, label)
            sim.done(p, bridge)
    merge(team, list(res.files.values()))
    r = ag.agreement(team, n_boot=10)
    # PERSON: ana/ben 2 of 2+2, ana/cho 1 of 2+1, ben/cho 1 of 2+1 -> 4 matched of 10 marked
    assert r.entities["PERSON"] == {"f1": pytest.approx(0.8), "matched": 4, "marked": 10}
    # Riverton: GPE by ana only (marked in her two pairs), ORG by cho only
    assert r.entities["GPE"] == {"f1": 0.0, "matched": 0, "marked": 2} == r.entities["ORG"]
    team.close()


@pytest.fixture
def pair(tmp_path):
    """ana and ben finish the bridge article: same quotes and stance, different speaker on the second
    quote, ben misses the third quote; one entity each, one shared."""
    team = sim.make_team(tmp_path / "team.annotator")
    res = assign(team, ["ana", "ben"], tmp_path / "out", overlap=1.0, copies=2, seed=0)
    bridge = sim.article_id(team, "Bridge to reopen in May")
    q1 = "We are confident the repairs will hold for another fifty years,"
    q2 = "This is a waste of money that should have gone to schools,"
    for who, second in (("ana", "Tom Lee"), ("ben", "Maria Gomez")):
        with Project.open(res.files[who], user=who) as p:
            sim.mark_quote(p, bridge, q1, "Jane Doe", stance=("Bridge repairs", "FAVOR"), claim="PREDICTION")
            sim.mark_quote(p, bridge, q2, second, stance=("Bridge repairs", "AGAINST"), claim="OPINION")
            if who == "ana":
                sim.mark_quote(p, bridge, "the work had cost less than planned", "Jane Doe", mention="Doe",
                               kind="indirect", claim="FACT")
            sim.mark_entity(p, bridge, "Jane Doe", "PERSON")
            sim.mark_entity(p, bridge, "Riverton" if who == "ana" else "Tom Lee", "GPE" if who == "ana" else "PERSON")
            sim.done(p, bridge)
    merge(team, list(res.files.values()))
    yield team, bridge
    team.close()


def test_agreement_figures_on_a_known_disagreement(pair):
    team, _ = pair
    r = ag.agreement(team, n_boot=200, seed=0)
    assert r.articles == 1 and r.annotators == ["ana", "ben"]
    assert (r.quotes_matched, r.quotes_marked) == (2, 5) and r.quote_f1 == pytest.approx(0.8)
    sp = r.field("speaker")
    # two units: (Doe, Doe) and (Lee, Gomez): n=4, o_cc=2, n_c = 2,1,1 -> alpha = 1 - 3*2/(16-6) = 0.4
    assert (sp.units, sp.values) == (2, 4) and sp.alpha == pytest.approx(0.4)
    # kappa: p_o = 1/2, p_e = 1/2 * 1/2 (Doe on either side) = 1/4 -> (1/2 - 1/4) / (3/4) = 1/3
    assert sp.kappa["ana/ben"]["items"] == 2 and sp.kappa["ana/ben"]["kappa"] == pytest.approx(1 / 3)
    assert r.field("claim").alpha == pytest.approx(1.0)
    assert r.field("stance:Higher taxes").alpha is None  # NONE everywhere: nothing to measure
    assert r.entities["PERSON"] == {"f1": pytest.approx(2 / 3), "matched": 1, "marked": 3}
    assert r.entities["GPE"]["f1"] == 0.0
    assert r.to_dict()["fields"][0]["field"] == "speaker"
    team.conn.execute("PRAGMA query_only=1")  # a project that cannot be written is measured all the same
    assert ag.agreement(team, n_boot=200, seed=0) == r


def test_adjudication_decisions_are_undoable_audited_operations(pair):
    team, bridge = pair
    rv = adj.review(team, bridge)
    assert len(rv.units) == 3
    open_rows = [(r.unit, r.field) for r in rv.rows if r.open]
    assert open_rows == [(1, "speaker"), (2, "span")]
    with pytest.raises(AnnotatorError, match="2 disagreement"):
        adj.finish(team, bridge)
    adj.take(team, bridge, 1, "speaker", "ben")
    gomez = team.find_person("Maria Gomez").id
    assert [q.speaker_id for q in team.load_article(bridge).quotes if q.reviewed] == [gomez]
    ops.undo(team)
    assert adj.review(team, bridge).open == 2
    ops.redo(team)
    adj.decide(team, bridge, 2, "span", NO_QUOTE)
    adj.decide(team, bridge, 0, "claim", "FACT")  # the adjudicator overrules both
    assert adj.review(team, bridge).open == 0
    adj.finish(team, bridge)
    gold = team.load_article(bridge)
    assert gold.article.status == "done"
    assert [(q.speaker_id, q.claim, [s.label for s in q.stances]) for q in gold.quotes] == [
        (team.find_person("Jane Doe").id, "FACT", ["FAVOR"]), (gomez, "OPINION", ["AGAINST"])]
    assert all(q.reviewed for q in gold.quotes)
    assert [(e.label, gold.article.text[e.start:e.end]) for e in gold.entities] == [("PERSON", "Jane Doe")]
    log = {r["op"] for r in team.audit_log(bridge, limit=200)}
    assert {"adjudicate speaker: ben's", "adjudicate span", "finish adjudication"} <= log
    ops.undo(team)  # finishing is one step back, too
    assert team.get_article(bridge).status == "in_progress"
