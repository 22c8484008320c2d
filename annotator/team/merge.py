"""Take annotators' files back into the team project, each as *their layer*.

`merge(team, paths)` reads every file first and refuses, with one line and before writing
anything, a file that is not a project, one of another team project (its team id differs), one
of an annotator the team never assigned to, or the team project itself. Then, in one
transaction for all the files (all or nothing):

- articles are matched by content hash (an article the team project does not have is counted and
  left out); only articles the annotator started (status other than new) are taken;
- persons are matched by canonical name, then by alias (case-insensitive); a person the
  annotator added that the team does not know is added to the team's persons;
- the annotator's *reviewed* entities and quotes (unreviewed suggestions are nobody's work)
  replace that annotator's layer for that article, and only theirs: another annotator's layer is
  never touched. Their status, last edit, time spent (`worktime`, from their audit log) and when
  they marked it done go to `layer_articles`.

Each layer article carries a digest of what was merged: merging the same file again changes
nothing at all, and an article whose layer holds a *newer* edit of the same annotator than the
file (an old copy merged after a new one) is kept as it is. A second round of assignment gives
annotators new files with new articles; merging them adds to the same layers.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import AnnotatorError
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
    path: Path
    annotator: str
    round: int | None
    articles: list[tuple]  # (content_hash, status, updated_at, done_at, seconds)
    persons: dict[int, tuple[str, list[str], str, int | None, int | None]]  # name, aliases, kind, org, article
    quotes: list[tuple]  # (src article id, *QUOTE fields) in text order
    entities: list[tuple]
    src_ids: dict[str, int]  # content hash -> src article id


# One pass over the table (the rows of articles not taken are dropped in Python): probing an
# index per article and sorting in SQL took ten times as long on a 5,000-article batch.
_QUOTE_SQL = ('SELECT article_id, start, "end", kind, cue_start, cue_end, speaker_id, speaker_start, speaker_end, '
              'stances, claim, checkworthy, note, id FROM quotes WHERE reviewed = 1')
_ENTITY_SQL = 'SELECT article_id, start, "end", label, person_id, id FROM entities WHERE reviewed = 1'


def _in_text_order(rows: list[tuple], taken: set[int]) -> list[tuple]:
    """Rows of the taken articles by (article, start, end, id), the id dropped."""
    return [r[:-1] for r in sorted((r for r in rows if r[0] in taken), key=lambda r: (r[0], r[1], r[2], r[-1]))]


def read_source(path: str | Path, team_id: str, known: list[str], team_path: Path) -> _Source:
    """Everything merge needs from one annotator's file, after checking it belongs to this team."""
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
        c.row_factory = None  # plain tuples: a batch has hundreds of thousands of rows
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
        quotes = _in_text_order(c.execute(_QUOTE_SQL).fetchall(), taken)
        entities = _in_text_order(c.execute(_ENTITY_SQL).fetchall(), taken)
    articles = [(h, status, upd, done_at.get(aid) if status == "done" else None, round(seconds.get(aid, 0.0), 3))
                for aid, h, status, upd in rows]
    return _Source(p, who, int(rnd) if rnd and rnd.isdigit() else None, articles, persons, quotes, entities,
                   {h: aid for aid, h, _s, _u in rows})


class _PersonMap:
    """Annotator's source ids -> the team's, by canonical name first, then by any alias, among the
    sources of the same kind (and, for one an article only describes, of the same article)."""

    def __init__(self, team: "Project"):
        self.team = team
        self.by_name: dict[tuple, int] = {}
        self.by_alias: dict[tuple, int] = {}
        for pid, name, aliases, kind, aid in team.conn.execute(
                "SELECT id, name, aliases, kind, article_id FROM persons ORDER BY id"):
            self.by_name.setdefault((kind, aid, name.casefold()), pid)
            for a in json.loads(aliases):
                self.by_alias.setdefault((kind, aid, a.casefold()), pid)
        self.added = 0

    def find(self, name: str, aliases: list[str], kind: str = "person", article_id: int | None = None) -> int | None:
        for n in (name, *aliases):
            key = (kind, article_id, n.casefold())
            hit = self.by_name.get(key) or self.by_alias.get(key)
            if hit is not None:
                return hit
        return None

    def team_id(self, person: tuple, article_id: int | None = None, org_id: int | None = None) -> int:
        name, aliases, kind = person[:3]
        hit = self.find(name, aliases, kind, article_id)
        if hit is None:
            cur = self.team.conn.execute(
                "INSERT INTO persons (name, aliases, kind, org_id, article_id, origin) VALUES (?, ?, ?, ?, ?, 'human')",
                (name, json.dumps(sorted(set(aliases)), ensure_ascii=False), kind, org_id, article_id))
            hit = cur.lastrowid
            self.by_name[(kind, article_id, name.casefold())] = hit
            self.added += 1
        return hit


def merge(team: "Project", paths: list[str | Path]) -> list[FileMerge]:
    """Merge annotators' files into the team project (see module doc); one result per file."""
    tid = require_team(team)
    known = annotators(team)
    if not paths:
        raise AnnotatorError("name at least one annotator's file to merge")
    sources = [read_source(p, tid, known, team.path) for p in paths]
    results = []
    # A larger page cache while the layers' index grows by millions of rows (the connection's
    # usual 32 MB is for reading articles).
    cache = team.conn.execute("PRAGMA cache_size").fetchone()[0]
    team.conn.execute("PRAGMA cache_size=-262144")
    try:
        _merge_all(team, sources, results)
    finally:
        team.conn.execute(f"PRAGMA cache_size={cache}")
    return results


def _merge_all(team: "Project", sources: list[_Source], results: list) -> None:
    with team.transaction() as c:
        c.execute("CREATE TEMP TABLE IF NOT EXISTS merge_changed (article_id INTEGER PRIMARY KEY)")
        people = _PersonMap(team)
        for src in sources:
            results.append(_merge_one(team, c, src, people))
        c.execute("DROP TABLE temp.merge_changed")
        if any(r.changed for r in results):
            c.executemany(
                "INSERT INTO audit (ts, user, op, tbl, row_id, article_id, field, old, new) "
                "VALUES (?, ?, ?, 'layer_articles', NULL, NULL, '*', NULL, ?)",
                [(_now(), team.user, f"merge {r.annotator} round {r.round}", json.dumps(
                    {"file": r.path.name, "articles": r.changed, "quotes": r.quotes, "entities": r.entities}))
                 for r in results if r.changed])


def _now() -> str:
    from ..store import now

    return now()


def _merge_one(team: "Project", c: sqlite3.Connection, src: _Source, people: _PersonMap) -> FileMerge:
    res = FileMerge(src.path, src.annotator, src.round)
    before = people.added
    # Content hash -> team article id, one indexed probe per article.
    team_ids = {}
    for h, *_rest in src.articles:
        r = c.execute("SELECT id FROM articles WHERE content_hash = ?", (h,)).fetchone()
        if r is None:
            res.not_in_team += 1
        else:
            team_ids[src.src_ids[h]] = r[0]
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

    quotes: dict[int, list[tuple]] = {}
    for r in src.quotes:
        aid = team_ids.get(r[0])
        if aid is not None:
            quotes.setdefault(aid, []).append((*r[1:6], person(r[6]), *r[7:]))
    entities: dict[int, list[tuple]] = {}
    for r in src.entities:
        aid = team_ids.get(r[0])
        if aid is not None:
            entities.setdefault(aid, []).append((*r[1:4], person(r[4])))
    stored = {r[0]: (r[1], r[2]) for r in c.execute(
        "SELECT article_id, digest, updated_at FROM layer_articles WHERE annotator = ?", (src.annotator,))}
    now = _now()
    rows_a, rows_q, rows_e = [], [], []
    for h, status, updated, done_at, seconds in src.articles:
        aid = team_ids.get(src.src_ids[h])
        if aid is None:
            continue
        qs, es = quotes.get(aid, []), entities.get(aid, [])
        digest = hashlib.blake2b(marshal.dumps((status, updated, done_at, seconds, src.round, qs, es)),
                                 digest_size=16).hexdigest()
        old = stored.get(aid)
        if old is not None and old[0] == digest:
            res.unchanged += 1
            continue
        if old is not None and old[1] and updated and old[1] > updated:
            res.kept_newer += 1
            continue
        res.changed += 1
        rows_a.append((src.annotator, aid, status, updated, done_at, seconds, src.round, now, digest))
        rows_q.extend((src.annotator, aid, i, *q) for i, q in enumerate(qs))
        rows_e.extend((src.annotator, aid, i, *e) for i, e in enumerate(es))
    if rows_a:
        c.execute("DELETE FROM temp.merge_changed")
        c.executemany("INSERT INTO temp.merge_changed (article_id) VALUES (?)", [(r[1],) for r in rows_a])
        for table in ("layer_quotes", "layer_entities"):
            c.execute(f"DELETE FROM {table} WHERE annotator = ? AND article_id IN temp.merge_changed",
                      (src.annotator,))
        c.executemany("INSERT OR REPLACE INTO layer_articles (annotator, article_id, status, updated_at, done_at, "
                      "seconds, round, merged_at, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows_a)
        c.executemany('INSERT INTO layer_quotes (annotator, article_id, item, start, "end", kind, cue_start, cue_end, '
                      "speaker_id, speaker_start, speaker_end, stances, claim, checkworthy, note) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows_q)
        c.executemany('INSERT INTO layer_entities (annotator, article_id, item, start, "end", label, person_id) '
                      "VALUES (?, ?, ?, ?, ?, ?, ?)", rows_e)
    res.quotes, res.entities = len(rows_q), len(rows_e)
    res.persons_added = people.added - before
    return res
