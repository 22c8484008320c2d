"""Take annotators' files back into the team project, each as *their layer*.

`merge(team, paths)` reads every file first and refuses, with one line and before writing
anything, a file that is not a project, one of another team project (its team id differs), one
of an annotator the team never assigned to, or the team project itself. Then, in one
transaction for all the files (all or nothing):

- articles are matched by content hash (an article the team project does not have is counted and
  left out); only articles the annotator started (status other than new) are taken;
- persons are matched by name as everywhere else (`source_lookup`: canonical name, then an alias
  no other source has); a person the annotator added that the team does not know is added to the
  team's persons;
- the annotator's *reviewed* entities and quotes (unreviewed suggestions are nobody's work)
  replace that annotator's layer for that article, and only theirs: another annotator's layer is
  never touched. Their status, last edit, time spent (`worktime`, from their audit log) and when
  they marked it done go to `layer_articles`.

Each layer article carries a digest of what was merged: merging the same file again changes
nothing at all, and an article whose layer holds a *newer* edit of the same annotator than the
file (an old copy merged after a new one) is kept as it is. A second round of assignment gives
annotators new files with new articles; merging them adds to the same layers.

How, at scale (20 files of 5,000 articles, millions of entity rows): the rows never pass through
Python. Each file is attached to the team project's connection in turn and its reviewed rows
copied into temporary tables, in text order (SQLite refuses ATTACH inside a transaction, and all
files must go in one); the one write transaction then matches articles and persons, numbers the
items and writes the layers with INSERT ... SELECT. Python sees one row per article (its digest)
and one per person.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote as urlquote

from .. import rows
from ..errors import AnnotatorError, ReadOnlyError
from ..source_lookup import SourceLookup
from . import ANNOTATOR, ROUND, TEAM_ID
from .layers import annotators, require_team

if TYPE_CHECKING:
    from ..store import Project


@dataclass
class FileMerge:
    path: Path
    annotator: str
    round: int | None
    changed: int = 0  # articles whose layer was written
    unchanged: int = 0  # already merged as they are
    kept_newer: int = 0  # the team project holds a newer edit of this annotator's
    not_in_team: int = 0  # articles the team project does not have
    quotes: int = 0  # reviewed quotes written
    entities: int = 0
    persons_added: int = 0

    def summary(self) -> str:
        parts = [f"{self.path.name} ({self.annotator}, round {self.round or '?'}): {self.changed} article(s) merged",
                 f"{self.unchanged} unchanged"]
        if self.kept_newer:
            parts.append(f"{self.kept_newer} kept (the team project has a newer edit)")
        if self.not_in_team:
            parts.append(f"{self.not_in_team} not in the team project, left out")
        if self.persons_added:
            parts.append(f"{self.persons_added} new person(s)")
        return ", ".join(parts)


@dataclass
class _Source:
    key: int  # its number in this merge: the `file` column of the staging tables
    path: Path
    annotator: str
    round: int | None
    articles: list[tuple]  # (src id, content_hash, status, updated_at, done_at, seconds)
    persons: dict[int, tuple[str, list[str], str, int | None, int | None]]  # name, aliases, kind, org, article


# Staging tables on the team project's connection (temp: never part of the file). Their keys put
# each article's rows in text order (start, end, then the annotator's row id), which is the order
# items are numbered in.
_STAGING = (
    "CREATE TEMP TABLE merge_articles (file INTEGER, src_id INTEGER, content_hash TEXT, status TEXT, "
    "updated_at TEXT, done_at TEXT, seconds REAL, team_id INTEGER, digest TEXT, write INTEGER NOT NULL DEFAULT 0, "
    "PRIMARY KEY (file, src_id)) WITHOUT ROWID",
    'CREATE TEMP TABLE merge_quotes (file INTEGER, src_article INTEGER, start INTEGER, "end" INTEGER, '
    "src_id INTEGER, kind TEXT, cue_start INTEGER, cue_end INTEGER, speaker_id INTEGER, speaker_start INTEGER, "
    "speaker_end INTEGER, stances TEXT, claim TEXT, checkworthy INTEGER, note TEXT, "
    'PRIMARY KEY (file, src_article, start, "end", src_id)) WITHOUT ROWID',
    'CREATE TEMP TABLE merge_entities (file INTEGER, src_article INTEGER, start INTEGER, "end" INTEGER, '
    'src_id INTEGER, label TEXT, person_id INTEGER, PRIMARY KEY (file, src_article, start, "end", src_id)) '
    "WITHOUT ROWID",
    "CREATE TEMP TABLE merge_persons (file INTEGER, src_id INTEGER, team_id INTEGER, PRIMARY KEY (file, src_id)) "
    "WITHOUT ROWID",
)
_TEMP_TABLES = ("merge_articles", "merge_quotes", "merge_entities", "merge_persons")
_TAKEN = "(SELECT src_id FROM temp.merge_articles WHERE file = ?)"
_COPY_QUOTES = ('INSERT INTO temp.merge_quotes SELECT ?, article_id, start, "end", id, kind, cue_start, cue_end, '
                "speaker_id, speaker_start, speaker_end, stances, claim, checkworthy, note FROM merge_src.quotes "
                f'WHERE reviewed = 1 AND article_id IN {_TAKEN} ORDER BY article_id, start, "end", id')
_COPY_ENTITIES = ('INSERT INTO temp.merge_entities SELECT ?, article_id, start, "end", id, label, person_id '
                  f'FROM merge_src.entities WHERE reviewed = 1 AND article_id IN {_TAKEN} '
                  'ORDER BY article_id, start, "end", id')
_PERSON = "LEFT JOIN temp.merge_persons p ON p.file = {t}.file AND p.src_id = {t}.{col}"
# Per article, its rows as JSON arrays joined by a control character (JSON escapes it inside
# strings, so it only ever separates rows); the digest sorts them, so group_concat's order does
# not matter.
_DIGEST_SQL = (
    "SELECT a.src_id, a.status, a.updated_at, a.done_at, a.seconds, "
    '(SELECT group_concat(json_array(q.start, q."end", q.kind, q.cue_start, q.cue_end, p.team_id, '
    "q.speaker_start, q.speaker_end, q.stances, q.claim, q.checkworthy, q.note), char(30)) "
    f"FROM temp.merge_quotes q {_PERSON.format(t='q', col='speaker_id')} "
    "WHERE q.file = a.file AND q.src_article = a.src_id), "
    '(SELECT group_concat(json_array(e.start, e."end", e.label, p.team_id), char(30)) '
    f"FROM temp.merge_entities e {_PERSON.format(t='e', col='person_id')} "
    "WHERE e.file = a.file AND e.src_article = a.src_id) "
    "FROM temp.merge_articles a WHERE a.file = ? AND a.team_id IS NOT NULL")
_WRITTEN = "JOIN temp.merge_articles a ON a.file = {t}.file AND a.src_id = {t}.src_article AND a.write = 1"
_INSERT_QUOTES = (
    'INSERT INTO layer_quotes (annotator, article_id, item, start, "end", kind, cue_start, cue_end, speaker_id, '
    "speaker_start, speaker_end, stances, claim, checkworthy, note) "
    'SELECT ?, a.team_id, row_number() OVER (PARTITION BY q.src_article ORDER BY q.start, q."end", q.src_id) - 1, '
    'q.start, q."end", q.kind, q.cue_start, q.cue_end, p.team_id, q.speaker_start, q.speaker_end, q.stances, '
    f"q.claim, q.checkworthy, q.note FROM temp.merge_quotes q {_WRITTEN.format(t='q')} "
    f"{_PERSON.format(t='q', col='speaker_id')} WHERE q.file = ?")
_INSERT_ENTITIES = (
    'INSERT INTO layer_entities (annotator, article_id, item, start, "end", label, person_id) '
    'SELECT ?, a.team_id, row_number() OVER (PARTITION BY e.src_article ORDER BY e.start, e."end", e.src_id) - 1, '
    f'e.start, e."end", e.label, p.team_id FROM temp.merge_entities e {_WRITTEN.format(t="e")} '
    f"{_PERSON.format(t='e', col='person_id')} WHERE e.file = ?")
_REFERENCED = ("SELECT DISTINCT {col} FROM temp.merge_{t} x JOIN temp.merge_articles a ON a.file = x.file "
               "AND a.src_id = x.src_article AND a.team_id IS NOT NULL WHERE x.file = ? AND {col} IS NOT NULL")


def read_source(path: str | Path, team_id: str, known: list[str], team_path: Path, key: int = 0) -> _Source:
    """Who did the file and which articles they started, after checking it belongs to this team."""
    from ..store import Project
    from ..worktime import seconds_spent

    p = Path(path)
    if p.exists() and team_path.exists() and p.resolve() == team_path.resolve():
        raise AnnotatorError(f"{p}: is the team project itself, not an annotator's file")
    with Project.open(p) as src:
        tid, who, rnd = src.setting(TEAM_ID), src.setting(ANNOTATOR), src.setting(ROUND)
        if tid is None or who is None:
            raise AnnotatorError(f"{p}: not an annotator's file of a team project (no team id or annotator name)")
        if tid != team_id:
            raise AnnotatorError(f"{p}: belongs to another team project (team id {tid[:8]}…, this one {team_id[:8]}…)")
        if who not in known:
            raise AnnotatorError(f"{p}: annotator {who!r} is not on this team ({', '.join(known) or 'nobody yet'})")
        c = src.conn
        c.row_factory = None
        rows = c.execute("SELECT id, content_hash, status, updated_at FROM articles WHERE status != 'new'"
                         " ORDER BY id").fetchall()
        ids = [r[0] for r in rows]
        taken = set(ids)
        done_at = {aid: ts for aid, ts in c.execute(
            "SELECT article_id, max(ts) FROM audit WHERE tbl = 'articles' AND field = 'status' AND new = 'done'"
            " GROUP BY article_id") if aid in taken}
        seconds = seconds_spent(src, ids) if ids else {}
        persons = {r[0]: (r[1], json.loads(r[2]), r[3], r[4], r[5])
                   for r in c.execute("SELECT id, name, aliases, kind, org_id, article_id FROM persons")}
    articles = [(aid, h, status, upd, done_at.get(aid) if status == "done" else None,
                 round(seconds.get(aid, 0.0), 3)) for aid, h, status, upd in rows]
    return _Source(key, p, who, int(rnd) if rnd and rnd.isdigit() else None, articles, persons)


class _PersonMap:
    """Annotator's source ids -> the team's, by `source_lookup`'s rule among the team's sources of
    the same kind (and, for one an article only describes, of the same article); a source the team
    does not have is added to it."""

    def __init__(self, team: "Project"):
        self.team = team
        self.lookup = SourceLookup.of(team.conn)
        self.added = 0

    def team_id(self, person: tuple, article_id: int | None = None, org_id: int | None = None) -> int:
        name, aliases, kind = person[:3]
        hit = self.lookup.find([name, *aliases], kind, article_id, only_article=article_id is not None)
        if hit is not None:
            return hit.id
        stored = sorted(set(aliases))
        pid = rows.insert(self.team.conn, "persons", {"name": name, "aliases": rows.aliases_json(stored), "kind": kind,
                                                      "org_id": org_id, "article_id": article_id, "origin": "human"})
        self.lookup.add(pid, name, stored, kind, article_id)
        self.added += 1
        return pid


def merge(team: "Project", paths: list[str | Path]) -> list[FileMerge]:
    """Merge annotators' files into the team project (see module doc); one result per file."""
    tid = require_team(team)
    known = annotators(team)
    if not paths:
        raise AnnotatorError("name at least one annotator's file to merge")
    if team.read_only:
        raise ReadOnlyError(f"{team.path}: read-only ({team.read_only}); nothing can be changed")
    sources = [read_source(p, tid, known, team.path, k) for k, p in enumerate(paths)]
    c = team.conn
    # A larger page cache while the layers' index grows by millions of rows (the connection's
    # usual 32 MB is for reading articles), and for the staged rows.
    cache, temp_cache = (c.execute(f"PRAGMA {db}.cache_size").fetchone()[0] for db in ("main", "temp"))
    c.execute("PRAGMA main.cache_size=-262144")
    c.execute("PRAGMA temp.cache_size=-262144")
    try:
        _stage(c, sources)
        results: list[FileMerge] = []
        _merge_all(team, sources, results)
        return results
    finally:
        for t in _TEMP_TABLES:
            c.execute(f"DROP TABLE IF EXISTS temp.{t}")
        c.execute(f"PRAGMA main.cache_size={cache}")
        c.execute(f"PRAGMA temp.cache_size={temp_cache}")


def _stage(c: sqlite3.Connection, sources: list[_Source]) -> None:
    """Copy each file's reviewed rows of the articles taken into the staging tables (outside any
    transaction on the team project: ATTACH is refused inside one)."""
    from ..projectfile import OPEN_LOCK

    for t in _TEMP_TABLES:
        c.execute(f"DROP TABLE IF EXISTS temp.{t}")
    for sql in _STAGING:
        c.execute(sql)
    for src in sources:
        with OPEN_LOCK:  # as every connection opens (db.connect)
            c.execute("ATTACH DATABASE ? AS merge_src", (f"file:{urlquote(str(src.path.resolve()))}?mode=ro",))
        try:
            # One transaction per file: one snapshot of it, and one commit of the staging tables
            # (a commit per row costs more with every row already staged).
            c.execute("BEGIN")
            c.executemany("INSERT INTO temp.merge_articles (file, src_id, content_hash, status, updated_at, "
                          "done_at, seconds) VALUES (?, ?, ?, ?, ?, ?, ?)", [(src.key, *a) for a in src.articles])
            c.execute(_COPY_QUOTES, (src.key, src.key))
            c.execute(_COPY_ENTITIES, (src.key, src.key))
            c.execute("COMMIT")
        except sqlite3.Error as exc:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise AnnotatorError(f"{src.path}: could not be read ({exc})") from None
        finally:
            c.execute("DETACH DATABASE merge_src")


def _merge_all(team: "Project", sources: list[_Source], results: list) -> None:
    with team.transaction() as c:
        c.execute("UPDATE temp.merge_articles SET team_id = "
                  "(SELECT id FROM main.articles a WHERE a.content_hash = merge_articles.content_hash)")
        people = _PersonMap(team)
        for src in sources:
            results.append(_merge_one(team, c, src, people))
        if any(r.changed for r in results):
            c.executemany(
                "INSERT INTO audit (ts, user, op, tbl, row_id, article_id, field, old, new) "
                "VALUES (?, ?, ?, 'layer_articles', NULL, NULL, '*', NULL, ?)",
                [(rows.now(), team.user, f"merge {r.annotator} round {r.round}", json.dumps(
                    {"file": r.path.name, "articles": r.changed, "quotes": r.quotes, "entities": r.entities}))
                 for r in results if r.changed])


def _digest(status, updated, done_at, seconds, rnd, quotes: str | None, entities: str | None) -> str:
    rows = (sorted(quotes.split("\x1e")) if quotes else [], sorted(entities.split("\x1e")) if entities else [])
    return hashlib.blake2b(repr((status, updated, done_at, seconds, rnd, rows)).encode(), digest_size=16).hexdigest()


def _merge_one(team: "Project", c: sqlite3.Connection, src: _Source, people: _PersonMap) -> FileMerge:
    res = FileMerge(src.path, src.annotator, src.round)
    k = src.key
    before = people.added
    res.not_in_team = c.execute("SELECT count(*) FROM temp.merge_articles WHERE file = ? AND team_id IS NULL",
                                (k,)).fetchone()[0]
    team_ids = dict(c.execute("SELECT src_id, team_id FROM temp.merge_articles WHERE file = ?", (k,)))
    # The sources the taken articles name, mapped to the team's (added where the team has none): an
    # organisation before the spokesman who speaks for it; one an article only describes goes with
    # that article, or nowhere if the team does not have the article.
    pmap: dict[int, int | None] = {}

    def person(pid: int | None) -> int | None:
        if pid is None or pid not in src.persons:
            return None
        if pid not in pmap:
            _name, _aliases, _kind, org, art = src.persons[pid]
            team_art = team_ids.get(art) if art is not None else None
            pmap[pid] = None if art is not None and team_art is None else \
                people.team_id(src.persons[pid], team_art, person(org) if org is not None else None)
        return pmap[pid]
    refs = {r[0] for t, col in (("quotes", "speaker_id"), ("entities", "person_id"))
            for r in c.execute(_REFERENCED.format(t=t, col=col), (k,))}
    mapped = [(k, pid, person(pid)) for pid in sorted(refs)]
    c.executemany("INSERT INTO temp.merge_persons (file, src_id, team_id) VALUES (?, ?, ?)",
                  [m for m in mapped if m[2] is not None])
    stored = {r[0]: (r[1], r[2]) for r in c.execute(
        "SELECT l.article_id, l.digest, l.updated_at FROM layer_articles l JOIN temp.merge_articles a "
        "ON a.team_id = l.article_id AND a.file = ? WHERE l.annotator = ?", (k, src.annotator))}
    write = []
    for sid, status, updated, done_at, seconds, quotes, entities in c.execute(_DIGEST_SQL, (k,)).fetchall():
        digest = _digest(status, updated, done_at, seconds, src.round, quotes, entities)
        old = stored.get(team_ids[sid])
        if old is not None and old[0] == digest:
            res.unchanged += 1
        elif old is not None and old[1] and updated and old[1] > updated:
            res.kept_newer += 1
        else:
            write.append((digest, k, sid))
    res.changed = len(write)
    if write:
        c.executemany("UPDATE temp.merge_articles SET digest = ?, write = 1 WHERE file = ? AND src_id = ?", write)
        for table in ("layer_quotes", "layer_entities"):
            c.execute(f"DELETE FROM {table} WHERE annotator = ? AND article_id IN "
                      "(SELECT team_id FROM temp.merge_articles WHERE file = ? AND write = 1)", (src.annotator, k))
        c.execute("INSERT OR REPLACE INTO layer_articles (annotator, article_id, status, updated_at, done_at, "
                  "seconds, round, merged_at, digest) SELECT ?, team_id, status, updated_at, done_at, seconds, ?, ?, "
                  "digest FROM temp.merge_articles WHERE file = ? AND write = 1", (src.annotator, src.round, rows.now(), k))
        res.quotes = c.execute(_INSERT_QUOTES, (src.annotator, k)).rowcount
        res.entities = c.execute(_INSERT_ENTITIES, (src.annotator, k)).rowcount
    res.persons_added = people.added - before
    return res
