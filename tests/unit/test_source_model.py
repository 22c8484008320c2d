"""A speaker is a source of a kind: the schema migration, the operations, pre-annotation's sources in
the project, and the exports that carry the kind."""

import json
import sqlite3

import pytest

from annotator import db, ops
from annotator.errors import ConflictError
from annotator.exporters.jsonl import article_record, export_jsonl
from annotator.exporters.labelstudio import labelling_config, task
from annotator.importers import import_paths
from annotator.models import Quote
from annotator.nlp.persons import SourceDraft
from annotator.scheme import Scheme
from annotator.store import Project


def _make_v2_project(path):
    """A project as schema version 2 wrote it: a person with aliases, a quote and a mention of him."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute(f"PRAGMA application_id={db.APP_ID}")
    db.MIGRATIONS[1](conn)
    db.MIGRATIONS[2](conn)
    conn.execute("INSERT INTO settings VALUES ('scheme', ?)", (Scheme.default().to_json(),))
    conn.execute("INSERT INTO articles (text, content_hash, created_at, updated_at) "
                 "VALUES ('\"No,\" Ruiz said.', 'h', 't', 't')")
    conn.execute("INSERT INTO persons (name, aliases, origin) VALUES ('Ana Ruiz', '[\"Ruiz\"]', 'human')")
    conn.execute("INSERT INTO entities (article_id, start, \"end\", label, person_id) VALUES (1, 6, 10, 'PERSON', 1)")
    conn.execute("INSERT INTO quotes (article_id, start, \"end\", kind, speaker_id, speaker_start, speaker_end, "
                 "claim_confidence) VALUES (1, 1, 3, 'direct', 1, 6, 10, 0.5)")
    conn.execute("PRAGMA user_version=2")
    conn.execute("COMMIT")
    conn.close()


def test_an_older_project_opens_with_its_persons_as_sources_of_kind_person(tmp_path):
    path = tmp_path / "v2.annotator"
    _make_v2_project(path)
    with Project.open(path, user="tester") as p:
        assert p.conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION >= 3
        ruiz = p.get_person(1)
        assert (ruiz.name, ruiz.aliases, ruiz.kind, ruiz.org_id, ruiz.article_id, ruiz.origin) == \
            ("Ana Ruiz", ["Ruiz"], "person", None, None, "human")
        ann = p.load_article(1)
        assert ann.quotes[0].speaker_id == 1 and ann.entities[0].person_id == 1
        assert ann.quotes[0].claim_confidence == 0.5
        assert article_record(ann)["quotes"][0]["speaker_kind"] == "person"
        ops.set_source_kind(p, 1, "organisation")  # the migrated file takes the new operations
        assert p.get_person(1).kind == "organisation"
    assert (tmp_path / "v2.annotator.schema2.bak").exists()
    with sqlite3.connect(tmp_path / "v2.annotator.schema2.bak") as old:  # the copy is the file as it was
        assert old.execute("PRAGMA user_version").fetchone()[0] == 2


def test_the_schema_refuses_an_unknown_kind(project):
    with pytest.raises(sqlite3.IntegrityError):
        project.conn.execute("INSERT INTO persons (name, kind) VALUES ('X', 'robot')")
    with pytest.raises(ValueError):
        ops.create_person(project, "X", kind="robot")


def test_new_speaker_of_each_kind_in_one_undoable_operation(seeded):
    q = seeded.get_quote(ops.create_quote(seeded, 1, 0, 10).created("quotes")[0])
    ops.set_quote_speaker(seeded, q.id, None, new_person="Ministry of Defence", new_kind="organisation")
    mod = seeded.find_person("Ministry of Defence", "organisation")
    assert mod is not None and mod.kind == "organisation" and mod.article_id is None  # project-wide
    assert seeded.get_quote(q.id).speaker_id == mod.id
    ops.undo(seeded)  # one undo takes back the link and the new source
    assert seeded.get_quote(q.id).speaker_id is None and seeded.find_person("Ministry of Defence") is None
    # an unnamed source belongs to its article: the same words in another article are someone else
    ops.set_quote_speaker(seeded, q.id, None, new_person="a defence ministry spokesman", new_kind="unnamed")
    spokesman = seeded.get_person(seeded.get_quote(q.id).speaker_id)
    assert (spokesman.kind, spokesman.article_id) == ("unnamed", 1)
    q2 = ops.create_quote(seeded, 2, 0, 10).created("quotes")[0]
    ops.set_quote_speaker(seeded, q2, None, new_person="a defence ministry spokesman", new_kind="unnamed")
    assert seeded.get_quote(q2).speaker_id != spokesman.id
    assert spokesman.id in {p.id for p in seeded.article_persons(1)}
    assert spokesman.id not in {p.id for p in seeded.article_persons(2)}


def test_kind_org_tie_and_merge(project):
    ops.create_person(project, "Treasury", kind="organisation")
    treasury = project.find_person("Treasury")
    ops.create_person(project, "HM Treasury", kind="organisation")
    hm = project.find_person("HM Treasury")
    ops.create_person(project, "a Treasury spokesman", kind="unnamed", org_id=hm.id)
    spokesman = project.find_person("a Treasury spokesman")
    assert spokesman.org_id == hm.id
    with pytest.raises(ConflictError):
        ops.create_person(project, "a spokesman for Ana", kind="unnamed", org_id=spokesman.id)  # no organisation
    ops.merge_persons(project, treasury, hm)  # the spokesman now speaks for the one kept
    assert project.get_person(spokesman.id).org_id == treasury.id
    ops.set_source_kind(project, spokesman.id, "person")
    assert (project.get_person(spokesman.id).kind, project.get_person(spokesman.id).org_id) == ("person", None)
    ops.undo(project)
    assert project.get_person(spokesman.id).kind == "unnamed"


def _suggest(project, aid, speakers):
    """Pre-annotation output for article `aid`: one quote per (start, end, draft)."""
    quotes = [Quote(start=s, end=e, speaker_id=k, confidence=0.8) for k, (s, e, _) in enumerate(speakers)]
    persons = {k: d for k, (_, _, d) in enumerate(speakers)}
    return project.apply_suggestions(aid, [], quotes, persons, "test-model")


def test_preannotated_sources_land_with_their_kind_and_scope(seeded):
    org = SourceDraft("Ministry of Defence", [], None, "organisation")
    unnamed = SourceDraft("a ministry spokesman", [], "m", "unnamed", "Ministry of Defence", True)
    _suggest(seeded, 1, [(0, 5, org), (10, 20, unnamed)])
    _suggest(seeded, 2, [(0, 5, SourceDraft("Ministry of Defence", [], None, "organisation")),
                         (10, 20, SourceDraft("a ministry spokesman", [], "m", "unnamed", "Ministry of Defence",
                                              True))])
    rows = seeded.conn.execute("SELECT name, kind, org_id, article_id FROM persons ORDER BY id").fetchall()
    mod = seeded.find_person("Ministry of Defence", "organisation").id
    assert [tuple(r) for r in rows] == [("Ministry of Defence", "organisation", None, None),
                                        ("a ministry spokesman", "unnamed", mod, 1),
                                        ("a ministry spokesman", "unnamed", mod, 2)]
    # re-running with other suggestions removes what nothing refers to any more, organisations last
    _suggest(seeded, 1, [])
    _suggest(seeded, 2, [])
    assert seeded.conn.execute("SELECT count(*) FROM persons").fetchone()[0] == 0


def test_exports_carry_the_kind(seeded, tmp_path):
    text = seeded.get_article(1).text
    at = text.index("Starmer")
    ops.create_person(seeded, "NATO", kind="organisation")
    nato = seeded.find_person("NATO").id
    ops.create_person(seeded, "a NATO official", kind="unnamed", org_id=nato, article_id=1)
    official = seeded.find_person("a NATO official", article_id=1).id
    ops.create_quote(seeded, 1, at, at + 20, speaker_id=official)
    ops.create_quote(seeded, 1, at + 30, at + 40, speaker_id=nato)
    rec = article_record(seeded.load_article(1))
    assert [(x["speaker"], x["speaker_kind"]) for x in rec["quotes"]] == \
        [("a NATO official", "unnamed"), ("NATO", "organisation")]
    assert {p["name"]: (p["kind"], p["org"], p["scope"]) for p in rec["persons"]} == \
        {"a NATO official": ("unnamed", "NATO", "article"), "NATO": ("organisation", None, "project")}
    t = task(seeded.load_article(1))
    kinds = [r["value"]["choices"] for r in t["annotations"][0]["result"] if r.get("from_name") == "speaker_kind"]
    assert kinds == [["unnamed"], ["organisation"]]
    assert '<Choices name="speaker_kind"' in labelling_config(seeded.scheme) and 'value="document"' in \
        labelling_config(seeded.scheme)
    # our own export reads back with every kind, tie and scope, and exports the same again
    ops.set_article_status(seeded, 1, "done")
    first = tmp_path / "a.jsonl"
    export_jsonl(seeded, first)
    with Project.create(tmp_path / "copy.annotator", seeded.scheme) as copy:
        import_paths(copy, [first])
        second = tmp_path / "b.jsonl"
        export_jsonl(copy, second)
        unnamed = copy.find_person("a NATO official", "unnamed", article_id=1)
        assert unnamed.article_id == 1 and copy.get_person(unnamed.org_id).name == "NATO"
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")


def test_an_entity_can_name_a_new_organisation(seeded):
    text = seeded.get_article(1).text
    at = text.index("NATO")
    e = ops.create_entity(seeded, 1, at, at + 4, "ORG").created("entities")[0]
    ops.set_entity_person(seeded, e, None, new_person="NATO", new_kind="organisation")
    src = seeded.get_person(seeded.get_entity(e).person_id)
    assert (src.name, src.kind) == ("NATO", "organisation")
    assert json.loads(seeded.conn.execute("SELECT aliases FROM persons WHERE id = ?", (src.id,)).fetchone()[0]) == []
