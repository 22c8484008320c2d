""""Done" means reviewed: marking an article done with unreviewed suggestions is refused, unless the
annotator confirms them as suggested, which is one operation and one undo step."""

import pytest

from annotator import ops
from annotator.errors import UnreviewedError
from annotator.models import ArticleDraft, Entity, Quote

TEXT = ('Oslo – "We will rebuild the bridge by spring," Mayor Anna Berg said on Monday. '
        'Her deputy Lars Holm warned that "the money is not there yet." The council meets in Bergen.')


@pytest.fixture
def suggested(project):
    """One article with model suggestions: two quotes, three entities, nothing reviewed."""
    t = TEXT
    q1 = t.index("We will"), t.index(',"')
    q2 = t.index("the money"), t.index('."')
    ents = [Entity(start=t.index("Anna Berg"), end=t.index("Anna Berg") + 9, label="PERSON", confidence=0.9),
            Entity(start=t.index("Lars Holm"), end=t.index("Lars Holm") + 9, label="PERSON", confidence=0.9),
            Entity(start=t.index("Bergen"), end=t.index("Bergen") + 6, label="GPE", confidence=0.8)]
    quotes = [Quote(start=q1[0], end=q1[1], confidence=0.9), Quote(start=q2[0], end=q2[1], kind="partial")]
    (aid,) = project.import_articles([ArticleDraft(text=t, entities=ents, quotes=quotes)]).article_ids
    return project, aid


def test_done_is_refused_while_suggestions_are_unreviewed(suggested):
    p, aid = suggested
    with pytest.raises(UnreviewedError) as err:
        ops.set_article_status(p, aid, "done")
    assert "2 unreviewed quotes" in str(err.value) and "3 unreviewed entities" in str(err.value)
    assert "\n" not in str(err.value)
    assert p.get_article(aid).status == "new" and not p.undo_stack.can_undo  # nothing changed
    pending = p.unreviewed(aid)
    assert (len(pending.quotes), len(pending.entities)) == (2, 3)


def test_confirming_all_as_suggested_is_one_undoable_operation(suggested):
    p, aid = suggested
    ops.confirm_quote(p, p.load_article(aid).quotes[0].id)  # one reviewed by hand first
    ch = ops.set_article_status(p, aid, "done", confirm_suggestions=True)
    ann = p.load_article(aid)
    assert ann.article.status == "done" and all(q.reviewed for q in ann.quotes)
    # Entities nobody looked at are not turned into labels: they stay unreviewed (exported as missing).
    assert not any(e.reviewed for e in ann.entities)
    assert ch.ids("quotes") == {ann.quotes[1].id} and "confirmed 1 quote" in ch.op
    ops.undo(p)
    ann = p.load_article(aid)
    assert ann.article.status == "in_progress" and [q.reviewed for q in ann.quotes] == [True, False]


def test_only_entities_left_still_asks_and_confirming_marks_done(suggested):
    p, aid = suggested
    for q in p.load_article(aid).quotes:
        ops.confirm_quote(p, q.id)
    with pytest.raises(UnreviewedError, match="3 unreviewed entities"):
        ops.set_article_status(p, aid, "done")
    ops.set_article_status(p, aid, "done", confirm_suggestions=True)
    assert p.get_article(aid).status == "done"


def test_a_reviewed_article_is_marked_done_without_asking(suggested):
    p, aid = suggested
    ann = p.load_article(aid)
    for q in ann.quotes:
        ops.confirm_quote(p, q.id)
    for e in ann.entities:
        ops.confirm_entity(p, e.id)
    ops.set_article_status(p, aid, "done")
    assert p.get_article(aid).status == "done"
    ops.set_article_status(p, aid, "skipped")  # other statuses never ask
    assert p.get_article(aid).status == "skipped"
