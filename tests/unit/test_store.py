"""Opening and creating project files: refusing what is not ours, changing nothing when refusing."""

import hashlib
import sqlite3

import pytest

from annotator import db
from annotator.errors import NewerVersionError, ProjectOpenError
from annotator.models import ArticleDraft
from annotator.scheme import Scheme
from annotator.store import Project


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_create_sets_wal_foreign_keys_and_version(project):
    c = project.conn
    assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert c.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
    assert c.execute("PRAGMA application_id").fetchone()[0] == db.APP_ID
    assert project.scheme.stance_targets[0] == "US security backstop for Ukraine"


def test_reopen_keeps_scheme(project):
    path = project.path
    project.close()
    with Project.open(path) as p:
        assert p.scheme.name == "ukraine-security-2025"


def test_create_refuses_existing_file(project):
    with pytest.raises(ProjectOpenError, match="already exists"):
        Project.create(project.path)


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"hello, this is a text file\n" * 10, "not an SQLite database"),
    (b"SQLite format 3\x00" + b"\x00" * 20, "truncated"),
])
def test_refuses_files_that_are_not_projects(tmp_path, content, message):
    f = tmp_path / "x.annotator"
    f.write_bytes(content)
    before = digest(f)
    with pytest.raises(ProjectOpenError, match=message) as exc:
        Project.open(f)
    assert "\n" not in str(exc.value)
    assert digest(f) == before


def test_refuses_other_applications_database(tmp_path):
    f = tmp_path / "other.db"
    c = sqlite3.connect(f)
    c.execute("CREATE TABLE t (x)")
    c.commit()
    c.close()
    before = digest(f)
    with pytest.raises(ProjectOpenError, match="another application"):
        Project.open(f)
    assert digest(f) == before


def test_refuses_newer_version_and_changes_nothing(project):
    path = project.path
    project.conn.execute(f"PRAGMA user_version={db.SCHEMA_VERSION + 1}")
    project.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    project.close()
    before = digest(path)
    with pytest.raises(NewerVersionError, match="newer version"):
        Project.open(path)
    assert digest(path) == before


def test_corrupt_file_gives_one_line_error(seeded):
    path = seeded.path
    seeded.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seeded.close()
    data = bytearray(path.read_bytes())
    # Overwrite the schema page's content (page 1 after the 100-byte header) with garbage.
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    with pytest.raises(ProjectOpenError, match="corrupt") as exc:
        Project.open(path)
    assert "\n" not in str(exc.value)


def test_missing_and_folder(tmp_path):
    with pytest.raises(ProjectOpenError, match="no such project"):
        Project.open(tmp_path / "nope.annotator")
    with pytest.raises(ProjectOpenError, match="folder"):
        Project.open(tmp_path)


def _make_v1_project(path):
    """A project file exactly as version 1 of the schema wrote it, with one article in it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("BEGIN")
    conn.execute(f"PRAGMA application_id={db.APP_ID}")
    db.MIGRATIONS[1](conn)
    conn.execute("INSERT INTO settings VALUES ('scheme', ?)", (Scheme.default().to_json(),))
    conn.execute("INSERT INTO articles (text, content_hash, created_at, updated_at) VALUES ('Old text.', 'h', 't', 't')")
    conn.execute("INSERT INTO quotes (article_id, start, \"end\", kind) VALUES (1, 0, 3, 'direct')")
    conn.execute("PRAGMA user_version=1")
    conn.execute("COMMIT")
    conn.close()


def test_migration_from_version_1(tmp_path):
    path = tmp_path / "v1.annotator"
    _make_v1_project(path)
    with Project.open(path) as p:
        assert p.conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
        q = p.get_quote(1)
        assert (q.start, q.end, q.claim_confidence) == (0, 3, None)
        assert p.get_article(1).text == "Old text."
    with Project.open(tmp_path / "v1.annotator.schema1.bak") as _:
        pass  # the kept copy is a readable project (migrated again on open, as a user would)


def test_migration_to_3_marks_what_was_pre_annotated_as_done_on_its_current_text(tmp_path):
    path = tmp_path / "v1.annotator"
    _make_v1_project(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("INSERT INTO articles (text, model, content_hash, created_at, updated_at)"
                 " VALUES ('Done text.', 'm-1', 'h2', 't', 't')")
    conn.close()
    with Project.open(path) as p:
        rows = p.conn.execute("SELECT model, preannotated_hash FROM articles ORDER BY id").fetchall()
        assert [tuple(r) for r in rows] == [(None, None), ("m-1", "h2")]


def test_future_migrations_run_in_order(tmp_path, monkeypatch):
    path = tmp_path / "old.annotator"
    Project.create(path).close()
    now = db.SCHEMA_VERSION
    calls = []
    monkeypatch.setattr(db, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(db.MIGRATIONS, now + 1, lambda conn: (calls.append(now + 1), conn.execute("CREATE TABLE extra (x)")))
    with Project.open(path) as p:
        assert calls == [now + 1]
        assert p.conn.execute("PRAGMA user_version").fetchone()[0] == now + 1
        assert p.conn.execute("SELECT count(*) FROM extra").fetchone()[0] == 0
    assert (tmp_path / f"old.annotator.schema{now}.bak").exists()  # the pre-migration file is kept


def test_full_text_search_and_filters(seeded):
    assert seeded.count_articles() == 4
    hits = seeded.list_articles(search="Dannatt")
    assert [r.id for r in hits] == [3]
    assert seeded.count_articles(search="frederiks") == 1  # prefix of the last word
    assert seeded.count_articles(search="Élysée") == 1
    assert seeded.count_articles(search="elysee") == 1  # diacritics folded
    assert seeded.count_articles(search='"; DROP TABLE articles; --') == 0  # user input is never FTS syntax
    assert seeded.count_articles(status="new") == 4
    assert seeded.count_articles(status="done") == 0


def test_fts_follows_title_edits(seeded):
    with seeded.transaction():
        seeded.conn.execute("UPDATE articles SET title = 'Zanzibar headline' WHERE id = 2")
    assert [r.id for r in seeded.list_articles(search="zanzibar")] == [2]


def test_backup_is_a_consistent_project(seeded, tmp_path):
    dest = seeded.backup(tmp_path / "copy.annotator")
    with Project.open(dest) as b:
        assert b.count_articles() == 4
        assert b.integrity_check() == "ok"
    with pytest.raises(Exception, match="already exists"):
        seeded.backup(dest)


def test_import_dedupes_by_content(project):
    r1 = project.import_articles([ArticleDraft(text="Same text."), ArticleDraft(text="Same text.")])
    r2 = project.import_articles([ArticleDraft(text="Same text.")])
    assert (r1.added, r1.skipped, r2.added, r2.skipped) == (1, 1, 0, 1)


def test_import_reports_progress_and_a_cancel_rolls_it_all_back(project):
    drafts = [ArticleDraft(text=f"Article number {i}.") for i in range(450)]
    seen = []
    project.import_articles(drafts[:250], progress=lambda i, n: seen.append((i, n)))
    assert seen == [(200, 250), (250, 250)]

    def cancel(i, n):
        raise KeyboardInterrupt("cancelled")

    with pytest.raises(KeyboardInterrupt):
        project.import_articles(drafts[250:], progress=cancel)
    assert project.count_articles() == 250


def test_an_import_lets_the_full_text_index_merge_16_segments_a_level_and_still_finds_every_article(project):
    # FTS5's default (4) spends most of a bulk import merging; 16 is its maximum (suggestions.py)
    for b in range(3):  # several imports, several segments
        project.import_articles([ArticleDraft(text=f"Harbour ferry number {b}-{i} sails at dawn.") for i in range(40)])
    level = project.conn.execute("SELECT v FROM articles_fts_config WHERE k = 'automerge'").fetchone()[0]
    assert level == 16
    assert project.count_articles(search="ferry") == 120 and project.count_articles(search="1-7") == 1


def test_migration_to_8_keeps_searches_and_drops_positions(tmp_path):
    """An older project's search index is made again without positions; every search still finds
    what it found (words, the last a prefix)."""
    path = tmp_path / "v7.annotator"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id={db.APP_ID}")
    for v in range(1, 8):
        db.MIGRATIONS[v](conn)
    conn.execute("INSERT INTO settings VALUES ('scheme', ?)", (Scheme.default().to_json(),))
    texts = ["Harbour workers strike in Gdańsk.", "The railway reopens after the storm.", "Café owners protest new rules."]
    for i, t in enumerate(texts, start=1):
        conn.execute("INSERT INTO articles (id, title, text, content_hash, created_at, updated_at) "
                     "VALUES (?, ?, ?, ?, 't', 't')", (i, f"Story {i}", t, f"h{i}"))
    conn.execute("PRAGMA user_version=7")
    conn.close()
    with Project.open(path) as p:
        sql = p.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
        assert "detail=none" in sql
        found = {q: [r.id for r in p.list_articles(search=q)] for q in ("gdansk", "railway", "cafe", "rai", "story 2",
                                                                          "owners protest")}
        assert found == {"gdansk": [1], "railway": [2], "cafe": [3], "rai": [2], "story 2": [2], "owners protest": [3]}
        assert p.conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")


@pytest.mark.parametrize("typed", ["don't stop", "3.5% rise", "naïve café", "हिन्दी समाचार", "東京 news", "e-mail",
                                   "“quoted words”", "a\u0301b", "x--y", "", "*", '"', "NEAR(a b)", "title: x"])
def test_whatever_is_typed_searches_without_a_phrase(project, typed):
    """The index keeps no positions: a query with a phrase of two tokens would fail; none is made."""
    project.import_articles([ArticleDraft(text="Some text with naïve words, 東京 and हिन्दी समाचार.")])
    project.list_articles(search=typed)  # no error
    project.count_articles(search=typed)
