"""What to review next (least sure first, filters), article flags and comments, time per article,
search hits, label descriptions: the core behind the app's article list and guidelines."""

from datetime import datetime, timedelta, timezone

import pytest

from annotator import ops, worktime
from annotator.errors import ConflictError, SchemeError
from annotator.models import ArticleDraft, Quote
from annotator.review_queue import LOW_CONFIDENCE, search_spans
from annotator.scheme import Scheme

TEXT = "Minister Ana Ruiz said: \"We will build the bridge.\" Critics called it \"a costly mistake\". Ends here."


def _draft(n: int, confidences: list[float | None]) -> ArticleDraft:
    text = f"Story {n}. " + TEXT
    s = text.index("We will")
    e = text.index("bridge.") + len("bridge.")
    quotes = [Quote(start=s, end=e, kind="direct", confidence=c) for c in confidences[:1]]
    if len(confidences) > 1:
        s2 = text.index("a costly")
        quotes.append(Quote(start=s2, end=s2 + len("a costly mistake"), kind="partial", confidence=confidences[1]))
    return ArticleDraft(title=f"Story {n}", text=text, quotes=quotes)


@pytest.fixture
def queue(project):
    """Five articles: 1 sure, 2 very unsure, 3 no suggestions, 4 unsure in its second quote, 5 no confidence."""
    project.import_articles([_draft(1, [0.9, 0.92]), _draft(2, [0.3]), _draft(3, []), _draft(4, [0.95, 0.45]),
                             _draft(5, [None])])
    return project


def ids(rows):
    return [r.id for r in rows]


def test_least_sure_first_orders_by_the_lowest_unreviewed_confidence(queue):
    assert ids(queue.list_articles(sort="uncertainty")) == [2, 4, 1, 5, 3]
    rows = {r.id: r for r in queue.list_articles()}
    assert rows[4].confidence == pytest.approx(0.7) and rows[3].confidence is None
    # Reviewing the unsure quote takes it out of the score: the article moves down.
    q = next(q for q in queue.load_article(2).quotes)
    ops.confirm_quote(queue, q)
    assert ids(queue.list_articles(sort="uncertainty")) == [4, 1, 5, 2, 3]
    assert ids(queue.list_articles(sort="uncertainty", descending=True))[:2] == [2, 3]  # nothing left to review


def test_next_article_follows_the_chosen_order(queue):
    assert queue.next_article(0, order="uncertainty") == 2
    assert queue.next_article(2, order="uncertainty") == 4  # not the one just shown
    ops.set_article_status(queue, 4, "done", confirm_suggestions=True)  # done means reviewed
    assert queue.next_article(2, order="uncertainty") == 1
    assert queue.next_article(2) == 3  # import order: the next id, as before


def test_filters_unreviewed_low_confidence_flagged(queue):
    def only(f):
        rows = ids(queue.list_articles(only=f))
        assert queue.count_articles(only=f) == len(rows)
        return rows

    assert only("unreviewed") == [1, 2, 4, 5]
    assert LOW_CONFIDENCE > 0.45
    assert only("low_confidence") == [2, 4]
    assert only("flagged") == []
    ops.set_article_flag(queue, 3, True)
    assert only("flagged") == [3]
    assert ids(queue.list_articles(status="new", only="flagged")) == [3]
    with pytest.raises(ValueError, match="unknown article filter"):
        queue.list_articles(only="nope")


def test_flag_and_comment_are_undoable_audited_operations(queue):
    ch = ops.set_article_flag(queue, 1, True)
    assert ch.article_ids == {1} and queue.get_article(1).flagged
    ops.set_article_comment(queue, 1, "  Is the second quote Ruiz's?  ")
    art = queue.get_article(1)
    assert art.comment == "Is the second quote Ruiz's?" and art.status == "new"  # flagging is not reviewing
    assert queue.list_articles()[0].comment == art.comment
    fields = {r["field"]: r["new"] for r in queue.audit_log(article_id=1)}
    assert fields["flagged"] == "1" and fields["comment"] == "Is the second quote Ruiz's?"
    ops.undo(queue)
    assert queue.get_article(1).comment == ""
    ops.undo(queue)
    assert not queue.get_article(1).flagged
    ops.redo(queue)
    assert queue.get_article(1).flagged


def test_comment_edit_refuses_to_overwrite_someone_elses(queue):
    shown = queue.get_article(1)
    ops.set_article_comment(queue, 1, "theirs")
    with pytest.raises(ConflictError, match="comment"):
        ops.set_article_comment(queue, shown, "mine")
    assert queue.get_article(1).comment == "theirs"


def test_time_spent_per_article_from_the_audit_log(queue, monkeypatch):
    t0 = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)
    clock = {"t": t0}
    monkeypatch.setattr(ops, "_now", lambda: clock["t"].isoformat(timespec="milliseconds"))

    def at(minutes: float):
        clock["t"] = t0 + timedelta(minutes=minutes)

    q1 = queue.load_article(1).quotes
    at(0)
    ops.confirm_quote(queue, q1[0])  # the first edit of the day: nothing before it to measure
    at(2)
    ops.confirm_quote(queue, q1[1])
    at(3)
    ops.set_article_status(queue, 1, "done")
    at(4.5)
    ops.confirm_quote(queue, queue.load_article(2).quotes[0])  # reading article 2 counts for it
    at(60)
    ops.set_article_status(queue, 2, "done")  # back from lunch: the gap counts as nothing
    queue.user = "someone else"
    at(61)
    ops.set_article_flag(queue, 4, True)  # another annotator's stream starts here
    spent = worktime.seconds_spent(queue, [1, 2, 3, 4])
    assert spent == {1: pytest.approx(180.0), 2: pytest.approx(90.0)}
    assert [worktime.short_duration(s) for s in (0, 42, 180, 3900)] == ["", "<1m", "3m", "1h 05m"]


@pytest.mark.parametrize("text, query, expected", [
    ("Starmer met Macron; STARMER left.", "starmer", ["Starmer", "STARMER"]),
    ("The Élysée Palace and the elysee", "Elysee", ["Élysée", "elysee"]),
    ("peace deal, peacekeeping, deals", "peace deal", ["peace", "deal", "deals"]),  # the last word as a prefix
    ("peace deal, peacekeeping, deals", "pea", ["peace", "peacekeeping"]),
    ("nothing here", "  ", []),
])
def test_search_spans_match_what_the_list_search_matched(text, query, expected):
    assert [text[a:b] for a, b in search_spans(text, query)] == expected


def test_scheme_descriptions_must_name_its_labels():
    s = Scheme.default()
    assert "person" in s.describe("PERSON").lower() and s.describe("CAUSAL") and s.describe("nope") == ""
    bad = s.model_dump_json().replace('"descriptions":{', '"descriptions":{"PERSN":"typo",', 1)
    with pytest.raises(SchemeError, match="PERSN"):
        Scheme.from_json(bad)
    blank = s.model_copy(update={"descriptions": {"ORG": " "}}).model_dump_json()
    with pytest.raises(SchemeError, match="empty description"):
        Scheme.from_json(blank)


def _confidence(project, article_id):
    return next(r.confidence for r in project.list_articles(limit=10) if r.id == article_id)


def test_the_order_key_follows_every_write_and_never_blocks_undo(queue):
    from annotator.store import Project

    unsure, sure = sorted(queue.load_article(4).quotes, key=lambda q: q.confidence)
    ops.confirm_quote(queue, unsure)
    assert _confidence(queue, 4) == pytest.approx(0.95)
    ops.undo(queue)
    assert _confidence(queue, 4) == pytest.approx(0.7)
    ops.redo(queue)
    with Project.open(queue.path, user="colleague") as other:  # reviews the other quote meanwhile
        ops.confirm_quote(other, sure.id)
    assert _confidence(queue, 4) is None and queue.list_articles(sort="uncertainty")[-1].id == 4
    ops.undo(queue)  # the key moved under us: it is derived, never a conflict
    assert _confidence(queue, 4) == pytest.approx(0.45)
    ops.delete_quote(queue, unsure.id)
    assert _confidence(queue, 4) is None


def test_migration_to_3_computes_the_order_key_of_existing_articles(tmp_path):
    import sqlite3

    from annotator import db
    from annotator.store import Project

    path = tmp_path / "v2.annotator"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id={db.APP_ID}")
    for v in (1, 2):
        db.MIGRATIONS[v](conn)
    conn.execute("INSERT INTO settings VALUES ('scheme', ?)", (Scheme.default().to_json(),))
    for i, confs in enumerate(([0.2, 0.6], []), start=1):
        conn.execute("INSERT INTO articles (id, text, content_hash, created_at, updated_at) VALUES (?, 'A \"b\" c.', ?, "
                     "'2025-01-01', '2025-01-01')", (i, f"h{i}"))
        for c in confs:
            conn.execute("INSERT INTO quotes (article_id, start, \"end\", kind, confidence) VALUES (?, 3, 4, 'direct', ?)",
                         (i, c))
    conn.execute("PRAGMA user_version=2")
    conn.close()
    with Project.open(path) as p:
        assert [r.confidence for r in p.list_articles()] == [pytest.approx(0.4), None]
        assert not p.get_article(1).flagged and p.get_article(1).comment == ""


def test_the_command_line_lists_least_sure_first_and_filters(queue):
    import json

    from typer.testing import CliRunner

    from annotator.cli import app

    path = str(queue.path)
    queue.close()
    res = CliRunner().invoke(app, ["list", "--db", path, "--order", "uncertainty", "--json"])
    assert res.exit_code == 0, res.output
    assert [r["id"] for r in json.loads(res.output)] == [2, 4, 1, 5, 3]
    res = CliRunner().invoke(app, ["list", "--db", path, "--only", "low_confidence", "--json"])
    assert [r["id"] for r in json.loads(res.output)] == [2, 4]
    res = CliRunner().invoke(app, ["list", "--db", path, "--only", "nope"])
    assert res.exit_code != 0
