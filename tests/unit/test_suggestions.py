"""Machine suggestions never overwrite human work, are idempotent, and join the project's persons."""

from types import SimpleNamespace

from annotator import ops
from annotator.models import Article, ArticleDraft, Entity, Quote, Stance

TEXT = '"We will win," said Anna Berg. Later Berg added: "It will take time." Oslo agreed.'


def _person(name, *aliases):
    return SimpleNamespace(name=name, aliases=list(aliases))


def _suggest(project, aid, quotes, entities=(), persons=None, model="m-1"):
    return project.apply_suggestions(aid, list(entities), list(quotes),
                                     persons or {1: _person("Anna Berg", "Berg")}, model)


def _q(start, end, **kw):
    return Quote(start=start, end=end, kind="direct", speaker_id=1, confidence=0.8, **kw)


def test_human_items_survive_and_overlapping_suggestions_are_dropped(project):
    human = Quote(start=1, end=13, kind="partial", origin="human", reviewed=True, note="mine")
    (aid,) = project.import_articles([ArticleDraft(text=TEXT, quotes=[human])]).article_ids
    first = TEXT.index("It will")
    counts = _suggest(project, aid, [_q(1, 13), _q(first, first + 17)],
                      entities=[Entity(start=20, end=29, label="PERSON", person_id=1, confidence=0.9)])
    assert counts["quotes_added"] == 1 and counts["entities_added"] == 1
    quotes = project.load_article(aid).quotes
    assert [(q.start, q.origin, q.note) for q in quotes] == [(1, "human", "mine"), (first, "model", "")]
    assert project.get_article(aid).model == "m-1"


def test_rerun_is_idempotent_and_replaces_only_stale_suggestions(project):
    (aid,) = project.import_articles([ArticleDraft(text=TEXT)]).article_ids
    first = TEXT.index("It will")
    _suggest(project, aid, [_q(1, 13), _q(first, first + 17)])
    ids = [q.id for q in project.load_article(aid).quotes]
    again = _suggest(project, aid, [_q(1, 13), _q(first, first + 17)])
    assert again["quotes_added"] == again["quotes_removed"] == 0
    assert [q.id for q in project.load_article(aid).quotes] == ids  # same rows, not re-created
    changed = _suggest(project, aid, [_q(1, 13)])
    assert changed["quotes_removed"] == 1 and len(project.load_article(aid).quotes) == 1


def test_articles_an_annotator_touched_are_skipped(project):
    (aid,) = project.import_articles([ArticleDraft(text=TEXT)]).article_ids
    ops.set_article_status(project, aid, "in_progress")
    assert _suggest(project, aid, [_q(1, 13)])["skipped"] == 1
    assert project.load_article(aid).quotes == []


def test_persons_join_the_project_by_name_and_alias(project):
    ops.create_person(project, "Anna Berg", ["Berg"])
    (aid,) = project.import_articles([ArticleDraft(text=TEXT)]).article_ids
    _suggest(project, aid, [_q(1, 13)], persons={1: _person("Berg")})
    (q,) = project.load_article(aid).quotes
    assert project.get_person(q.speaker_id).name == "Anna Berg"
    assert len(project.all_persons()) == 1


def test_ambiguous_alias_makes_a_new_person_not_a_wrong_merge(project):
    ops.create_person(project, "Anna Berg", ["Berg"])
    ops.create_person(project, "Lars Berg", ["Berg"])
    (aid,) = project.import_articles([ArticleDraft(text=TEXT)]).article_ids
    _suggest(project, aid, [_q(1, 13)], persons={1: _person("Berg")})
    (q,) = project.load_article(aid).quotes
    assert project.get_person(q.speaker_id).name == "Berg"


def test_labels_outside_the_scheme_are_dropped_from_suggestions(project):
    (aid,) = project.import_articles([ArticleDraft(text=TEXT)]).article_ids
    target = project.scheme.stance_targets[0]
    q = _q(1, 13, stances=[Stance(target=target, label="FAVOR", confidence=0.9),
                           Stance(target="Retired target", label="FAVOR", confidence=0.9)],
           claim="RUMOUR", claim_confidence=0.7)
    _suggest(project, aid, [q])
    (got,) = project.load_article(aid).quotes
    assert [(s.target, s.confidence) for s in got.stances] == [(target, 0.9)]
    assert got.claim is None and got.claim_confidence is None


def test_what_to_preannotate_skips_work_the_same_model_did_on_the_same_text(project):
    from annotator.suggestions import articles_to_preannotate

    a, b, c = project.import_articles([ArticleDraft(text=TEXT), ArticleDraft(text=TEXT + " More."),
                                       ArticleDraft(text=TEXT + " Done.")]).article_ids
    ops.set_article_status(project, c, "done")
    assert articles_to_preannotate(project.conn, "m-1") == ([a, b], 0)
    _suggest(project, a, [_q(1, 13)], model="m-1")
    assert project.conn.execute("SELECT preannotated_hash FROM articles WHERE id = ?", (a,)).fetchone()[0] == \
        project.get_article(a).content_hash
    assert articles_to_preannotate(project.conn, "m-1") == ([b], 0)  # a killed run resumes at b
    assert articles_to_preannotate(project.conn, "m-2") == ([a, b], 0)  # another model redoes a
    assert articles_to_preannotate(project.conn, "m-1", [a, b, c]) == ([b], 2)
    # Suggestions computed on a text the article no longer has (a stale hash) are never written
    # (text never changes today; the rule guards suggestions computed elsewhere, e.g. on a cluster).
    counts = project.apply_suggestions(b, [], [_q(1, 13)], {1: _person("Anna Berg")}, "m-1", content_hash="0" * 64)
    assert counts["skipped"] == 1 and project.load_article(b).quotes == [] and project.get_article(b).model is None
    project.conn.execute("UPDATE articles SET text = text || ' Edited.', content_hash = 'new' WHERE id = ?", (a,))
    assert articles_to_preannotate(project.conn, "m-1") == ([a, b], 0)  # changed text: done again


# --- the bulk import ------------------------------------------------------------------------------

def _one_by_one(project, drafts):
    """The reference the bulk writer must equal: every row inserted on its own, the database's
    triggers (full-text index, least-sure-first key) doing their work row by row."""
    from annotator import rows

    with project.transaction() as c:
        for d in drafts:
            art = rows.article_to_row(Article(text=d.text, title=d.title, place=d.place, source=d.source,
                                              meta=d.meta, status=d.status, content_hash=rows.content_hash(d.text)))
            aid = rows.insert(c, "articles", {**art, "created_at": "t", "updated_at": "t"})
            for e in d.entities:
                rows.insert(c, "entities", {**rows.entity_to_row(e), "article_id": aid})
            for q in d.quotes:
                rows.insert(c, "quotes", {**rows.quote_to_row(q), "article_id": aid})


def _state(project):
    c = project.conn
    table = lambda sql: [tuple(r) for r in c.execute(sql)]
    hits = {w: table(f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH '{w}' ORDER BY rowid")
            for w in ("clinics", "berg", "oslo", "nurses", "traffic")}
    return (table("SELECT id, title, text, status, suggestion_confidence, content_hash FROM articles ORDER BY id"),
            table('SELECT article_id, start, "end", label, origin, confidence, reviewed FROM entities ORDER BY id'),
            table('SELECT article_id, start, "end", kind, stances, origin, confidence, reviewed FROM quotes ORDER BY id'),
            hits, table("SELECT type, name, sql FROM sqlite_master ORDER BY name"))


def _drafts():
    t2 = "Oslo – Nurses and clinics: \"We need more staff,\" a union official said. Traffic was light."
    it = TEXT.index("It will")
    quote = lambda s, e, **kw: Quote(start=s, end=e, kind="direct", **kw)
    return [ArticleDraft(text=TEXT, title="Berg wins", quotes=[quote(1, 13, confidence=0.4),
                                                                quote(it, it + 17, reviewed=True, origin="human")],
                         entities=[Entity(start=20, end=29, label="PERSON", confidence=0.9)]),
            ArticleDraft(text=t2, quotes=[quote(t2.index("We"), t2.index("staff") + 6,
                                                stances=[Stance(target="Higher defence spending", label="NONE")])]),
            ArticleDraft(text="Traffic was light in Oslo on Sunday.", title="Traffic")]


def test_the_bulk_import_writes_what_row_by_row_inserts_would(project, tmp_path):
    from annotator.store import Project

    project.import_articles(_drafts())
    with Project.create(tmp_path / "reference.annotator", project.scheme) as ref:
        _one_by_one(ref, _drafts())
        assert _state(project) == _state(ref)  # the same rows, search hits, least-sure-first keys and triggers
    assert project.conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    ops.create_quote(project, 3, 0, 7)  # the triggers work again afterwards
    assert project.list_articles(search="traffic", sort="uncertainty")[0].id == 2


def test_a_failed_bulk_import_leaves_the_triggers_and_nothing_else(project):
    schema = project.conn.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()

    def cancel(done, total):
        raise KeyboardInterrupt

    import pytest

    with pytest.raises(KeyboardInterrupt):
        project.import_articles(_drafts(), progress=cancel)
    assert project.conn.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall() == schema
    assert project.count_articles() == 0


def test_a_full_name_joins_a_person_by_its_full_forms_not_by_a_shared_surname(project):
    text = '"Yes," said Dorian Ibarra. "No," Ibarra said.'
    a, b = project.import_articles([ArticleDraft(text=text), ArticleDraft(text=text + " ")]).article_ids
    _suggest(project, a, [_q(1, 4)], persons={1: _person("Hektor Ibarra", "Ibarra")})
    _suggest(project, b, [_q(1, 4)], persons={1: _person("Dorian Ibarra", "Ibarra")})
    assert sorted((p.name, p.aliases) for p in project.all_persons()) == [
        ("Dorian Ibarra", ["Ibarra"]), ("Hektor Ibarra", ["Ibarra"])]
    assert project.load_article(b).quotes[0].speaker_id != project.load_article(a).quotes[0].speaker_id
    c, = project.import_articles([ArticleDraft(text=text + "  ")]).article_ids
    _suggest(project, c, [_q(1, 4)], persons={1: _person("Ibarra")})  # which one? neither: a new source
    assert "Ibarra" in [p.name for p in project.all_persons()]


def test_the_import_pauses_the_cycle_collector_and_gives_it_back(project):
    import gc

    import pytest

    seen = []
    project.import_articles(_drafts(), progress=lambda done, total: seen.append(gc.isenabled()))
    assert seen and not any(seen) and gc.isenabled()  # off while writing, on again after

    def cancel(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        project.import_articles([ArticleDraft(text="Snow fell in Bergen on Monday.")], progress=cancel)
    assert gc.isenabled()  # a cancelled import gives it back too
    gc.disable()
    try:
        project.import_articles([ArticleDraft(text="Rain fell in Bergen on Tuesday.")])
        assert not gc.isenabled()  # and leaves it off for a caller who had turned it off
    finally:
        gc.enable()
