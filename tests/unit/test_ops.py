"""Every mutation is one undoable operation that reports what changed and leaves an audit trail."""

import pytest

from annotator import ops
from annotator.errors import ConflictError, NothingToUndo, SchemeError, SpanError
from annotator.store import Project

TARGET = "US security backstop for Ukraine"


@pytest.fixture
def quote(seeded):
    """A human quote on article 1: "A US security guarantee ... Russia," said by Starmer."""
    text = seeded.get_article(1).text
    s = text.index("A US security guarantee")
    e = text.index("Russia,\"", s) + len("Russia,")
    ops.create_person(seeded, "Keir Starmer", ["Starmer"])
    ch = ops.create_quote(seeded, 1, s, e, "direct")
    return seeded.get_quote(ch.created("quotes")[0])


def test_each_edit_is_saved_at_once_and_audited(seeded, quote):
    path = seeded.path
    ops.set_claim(seeded, quote.id, "CAUSAL")
    ops.set_stance(seeded, quote.id, TARGET, "FAVOR")
    ops.set_checkworthy(seeded, quote.id, True)
    ops.set_note(seeded, quote.id, "check the source")
    with Project.open(path) as other:  # a second connection sees every edit without any save
        q = other.get_quote(quote.id)
        assert (q.claim, q.checkworthy, q.note) == ("CAUSAL", True, "check the source")
        assert [(s.target, s.label) for s in q.stances] == [(TARGET, "FAVOR")]
        assert q.reviewed and other.get_article(1).status == "in_progress"
    log = seeded.audit_log(article_id=1)
    claim = next(r for r in log if r["field"] == "claim")
    assert (claim["user"], claim["old"], claim["new"], claim["op"]) == ("tester", None, "CAUSAL", "claim CAUSAL")
    assert claim["ts"]


def test_undo_and_redo_every_kind_of_change(seeded, quote):
    p = seeded
    starmer = p.find_person("Starmer").id
    text = p.get_article(1).text
    sp = text.index("Starmer emphasized")
    steps = [
        lambda: ops.set_quote_speaker(p, quote.id, starmer, sp, sp + 7),
        lambda: ops.set_stance(p, quote.id, TARGET, "AGAINST"),
        lambda: ops.set_claim(p, quote.id, "FACT"),
        lambda: ops.set_quote_kind(p, quote.id, "partial"),
        lambda: ops.resize_quote(p, quote.id, quote.start + 2, quote.end),
        lambda: ops.create_entity(p, 1, sp, sp + 7, "PERSON", starmer),
        lambda: ops.set_article_status(p, 1, "done"),
    ]
    snapshots = [p.load_article(1)]
    for step in steps:
        step()
        snapshots.append(p.load_article(1))
    for i in range(len(steps) - 1, -1, -1):
        ops.undo(p)
        assert _content(p.load_article(1)) == _content(snapshots[i])
    for i in range(1, len(steps) + 1):
        ops.redo(p)
        assert _content(p.load_article(1)) == _content(snapshots[i])
    with pytest.raises(NothingToUndo):
        ops.redo(p)


def _content(ann):
    strip = lambda m: m.model_dump(exclude={"version"})
    a = ann.article.model_dump(exclude={"version"})
    return a, [strip(e) for e in ann.entities], [strip(q) for q in ann.quotes]


def test_delete_and_undo_restores_the_same_row(seeded, quote):
    ops.set_claim(seeded, quote.id, "OPINION")
    ch = ops.delete_quote(seeded, quote.id)
    assert ch.ids("quotes") == {quote.id}
    assert seeded.load_article(1).quotes == []
    ops.undo(seeded)
    assert seeded.get_quote(quote.id).claim == "OPINION"


def test_new_op_after_undo_clears_redo(seeded, quote):
    ops.set_claim(seeded, quote.id, "FACT")
    ops.undo(seeded)
    ops.set_claim(seeded, quote.id, "OPINION")
    assert not seeded.undo_stack.can_redo


def test_merge_persons_moves_mentions_and_quotes_and_undoes(seeded, quote):
    p = seeded
    ops.create_person(p, "Starmerr")
    typo = p.find_person("Starmerr")
    keir = p.find_person("Keir Starmer")
    text = p.get_article(3).text
    s = text.index("Starmerr")
    ops.create_entity(p, 3, s, s + 8, "PERSON", typo.id)
    ops.set_quote_speaker(p, quote.id, typo.id)
    ch = ops.merge_persons(p, keir, typo)
    assert ch.persons_changed
    assert p.get_quote(quote.id).speaker_id == keir.id
    assert "Starmerr" in p.get_person(keir.id).aliases
    assert p.find_person("starmerr").id == keir.id
    ops.undo(p)
    assert p.get_quote(quote.id).speaker_id == typo.id
    assert p.get_person(typo.id).name == "Starmerr"


def test_entity_ops(seeded):
    p = seeded
    text = p.get_article(1).text
    s = text.index("Olaf Scholz")
    e = p.get_entity(ops.create_entity(p, 1, s, s + 4, "ORG").created("entities")[0])
    ops.resize_entity(p, e.id, s, s + 11)
    ops.relabel_entity(p, e.id, "PERSON")
    got = p.get_entity(e.id)
    assert (got.start, got.end, got.label, got.origin, got.reviewed) == (s, s + 11, "PERSON", "human", True)
    ops.delete_entity(p, e.id)
    assert p.load_article(1).entities == []


@pytest.mark.parametrize("bad", [(-1, 5), (5, 5), (10, 3), (0, 10_000_000)])
def test_spans_out_of_range_are_rejected(seeded, bad):
    with pytest.raises(SpanError):
        ops.create_quote(seeded, 1, *bad)
    assert seeded.load_article(1).quotes == []


def test_span_on_blank_space_is_rejected(seeded):
    text = seeded.get_article(1).text
    i = text.index(" ")
    with pytest.raises(SpanError, match="blank"):
        ops.create_entity(seeded, 1, i, i + 4, "ORG")


def test_labels_outside_the_scheme_are_rejected(seeded, quote):
    with pytest.raises(SchemeError, match="not in the project's scheme"):
        ops.set_claim(seeded, quote.id, "GOSSIP")
    with pytest.raises(SchemeError):
        ops.set_stance(seeded, quote.id, "Pineapple on pizza", "FAVOR")
    with pytest.raises(SchemeError):
        ops.create_entity(seeded, 1, 0, 7, "ANIMAL")


def test_two_connections_merge_different_fields(seeded, quote):
    other = Project.open(seeded.path, user="second")
    try:
        mine = seeded.get_quote(quote.id)
        theirs = other.get_quote(quote.id)
        ops.set_claim(other, theirs, "FACT")
        ops.set_stance(seeded, mine, TARGET, "FAVOR")  # a different field: both edits stay
        final = seeded.get_quote(quote.id)
        assert final.claim == "FACT" and final.stances[0].label == "FAVOR"
    finally:
        other.close()


def test_two_connections_same_field_is_a_conflict_not_an_overwrite(seeded, quote):
    other = Project.open(seeded.path, user="second")
    try:
        mine = seeded.get_quote(quote.id)
        theirs = other.get_quote(quote.id)
        ops.set_claim(other, theirs, "FACT")
        with pytest.raises(ConflictError, match="changed by someone else"):
            ops.set_claim(seeded, mine, "OPINION")
        assert seeded.get_quote(quote.id).claim == "FACT"
        # Undo refuses too once someone else has changed the row since.
        ops.set_note(seeded, seeded.get_quote(quote.id), "mine")
        ops.set_note(other, other.get_quote(quote.id), "theirs")
        with pytest.raises(ConflictError):
            ops.undo(seeded)
        assert seeded.get_quote(quote.id).note == "theirs"
    finally:
        other.close()


def test_failed_operation_changes_nothing(seeded, quote, monkeypatch):
    before = seeded.load_article(1)
    n_audit = len(seeded.audit_log(limit=10_000))

    def boom(self):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("annotator.ops.Recorder.touch_articles", boom)
    with pytest.raises(RuntimeError):
        ops.set_claim(seeded, quote.id, "FACT")
    monkeypatch.undo()
    assert seeded.load_article(1) == before
    assert len(seeded.audit_log(limit=10_000)) == n_audit


def test_listeners_hear_every_change(seeded, quote):
    heard = []
    unsubscribe = seeded.subscribe(heard.append)
    ops.set_claim(seeded, quote.id, "FACT")
    ops.undo(seeded)
    unsubscribe()
    ops.set_claim(seeded, quote.id, "FACT")
    assert [h.op for h in heard] == ["claim FACT", "undo claim FACT"]
    assert heard[0].article_ids == {1} and heard[1].undo


def test_new_person_as_speaker_is_one_undoable_operation(seeded, quote):
    text = seeded.get_article(1).text
    s = text.index("Olaf Scholz")
    ch = ops.set_quote_speaker(seeded, seeded.get_quote(quote.id), None, s, s + 11, new_person="Olaf Scholz")
    (pid,) = ch.created("persons")
    q = seeded.get_quote(quote.id)
    assert (q.speaker_id, q.speaker_start, seeded.get_person(pid).name) == (pid, s, "Olaf Scholz")
    ops.undo(seeded)  # one step takes back the link and the person
    assert seeded.get_quote(quote.id).speaker_id is None and seeded.find_person("Olaf Scholz") is None
    ops.redo(seeded)
    assert seeded.get_person(seeded.get_quote(quote.id).speaker_id).name == "Olaf Scholz"
    # A name the project knows is reused, not duplicated.
    ops.set_quote_speaker(seeded, quote.id, None, new_person="olaf scholz")
    assert len([p for p in seeded.all_persons() if p.name == "Olaf Scholz"]) == 1


def test_new_person_for_a_mention_is_one_undoable_operation(seeded):
    text = seeded.get_article(1).text
    s = text.index("Olaf Scholz")
    e = seeded.get_entity(ops.create_entity(seeded, 1, s, s + 11, "PERSON").created("entities")[0])
    ops.set_entity_person(seeded, e, None, new_person="Olaf Scholz")
    assert seeded.get_person(seeded.get_entity(e.id).person_id).name == "Olaf Scholz"
    ops.undo(seeded)
    assert seeded.get_entity(e.id).person_id is None and seeded.find_person("Olaf Scholz") is None
