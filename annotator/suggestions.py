"""The bulk writer: articles an import adds (with any annotations they came with) and the
suggestions pre-annotation computes, each written inside one transaction the project holds.

The rule that matters here: never overwrite human work. Items an annotator created, changed or
confirmed (`origin = human` or `reviewed = 1`) and articles already in progress, done or skipped
are left untouched; re-running on the same text with the same model changes nothing.

Speed (an import adds thousands of articles a second): rows are written with one statement run
per table and batch, ids chosen here, and the work the database's triggers do row by row (the
full-text index, the least-sure-first key, see `db`) done once for the whole batch instead; the
result is the same as row by row (tests/unit/test_suggestions.py compares the two).
"""

from __future__ import annotations

import contextlib
import gc
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from . import rows
from .db import SUGGESTION_CONFIDENCE
from .errors import AnnotatorError, SchemeError, SpanError
from .limits import check_draft
from .models import ArticleDraft, Entity, Quote, check_span, span_fits
from .scheme import Scheme
from .source_lookup import SourceLookup


@dataclass(frozen=True)
class ImportResult:
    added: int
    skipped: int  # already in the project (same content hash)
    article_ids: tuple[int, ...]
    unreadable: tuple[str, ...] = ()  # left out of a folder import, "PATH: why" (--skip-unreadable)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while an import reads and writes: it would walk every draft held
    in memory again and again (a third of a 10,000-article import's time) and find nothing to
    free, since drafts and rows hold no reference cycles. On again (if it was) at the end."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# --- validation, once per draft -------------------------------------------------------------------

def validate_draft(d: ArticleDraft, scheme: Scheme) -> None:
    where = f"article {d.title!r}" if d.title else "article"
    try:
        for e in d.entities:
            if not span_fits(d.text, e.start, e.end):  # (30 of them an article: no message made for the rest)
                check_span(d.text, e.start, e.end, f"{e.label} entity")
        for label in dict.fromkeys(e.label for e in d.entities):  # 30 entities, a handful of labels: each once
            scheme.check("entity label", label)
        for q in d.quotes:
            check_span(d.text, q.start, q.end, "quote")
            check_span(d.text, q.cue_start, q.cue_end, "cue")
            check_span(d.text, q.speaker_start, q.speaker_end, "speaker")
            scheme.check("quote kind", q.kind)
            scheme.check("claim type", q.claim)
            for s in q.stances:
                scheme.check("stance target", s.target)
                scheme.check("stance label", s.label)
    except (SpanError, SchemeError) as exc:
        raise type(exc)(f"{where}: {exc}") from None


Refusal = Callable[[ArticleDraft, str], Exception]


def check_drafts(drafts: Iterable[ArticleDraft], scheme: Scheme, refuse: Refusal | None = None) -> None:
    """The bounds every format shares (`limits.check_draft`) and the spans and labels against the
    scheme, for every draft before anything is written. `refuse(draft, why)` makes the error (an
    importer's names FILE:LINE); by default it names the article."""
    for d in drafts:
        try:
            check_draft(d)
            validate_draft(d, scheme)
        except (SpanError, SchemeError, ValueError) as exc:
            if refuse is not None:
                raise refuse(d, str(exc)) from None
            if isinstance(exc, (SpanError, SchemeError)):
                raise
            raise AnnotatorError(f"article {d.title or ''!r}: {exc}") from None


# --- sources --------------------------------------------------------------------------------------

class _Sources:
    """The project's sources while one transaction writes: drafts' sources are matched to them by
    name and kind (`source_lookup`), and created when the project has none."""

    def __init__(self, conn: sqlite3.Connection, article_id: int | None = None):
        """`article_id`: the one article written (pre-annotation) reads the project-wide sources
        and that article's alone; the sources other articles describe grow with the corpus."""
        self.conn = conn
        self.lookup = SourceLookup.of(conn) if article_id is None else SourceLookup.of(
            conn, "WHERE article_id IS NULL OR article_id = ?", (article_id,))
        self.aliases: dict[int, set[str]] = {}  # the aliases of those matched, as stored

    def id_for(self, source: Any, cache: dict, key: Any, article_id: int, local: bool | None = None) -> int:
        """The project's id for a draft source. Drafts are the pre-annotator's
        (`nlp.persons.SourceDraft`: kind, `local`, `org` name) or an import's (`models.Source`, with
        `local` from `ArticleDraft.article_sources` and `org` from `org_names`)."""
        if key in cache:
            return cache[key]
        name, aliases = source.name, list(getattr(source, "aliases", []) or [])
        kind = getattr(source, "kind", "person") or "person"
        local = bool(getattr(source, "local", False)) if local is None else local
        scope = article_id if local else None
        known = self.lookup.find([name, *aliases], kind, scope, only_article=local)
        if known is None:
            org = getattr(source, "org", None) or cache.get(("org name", key))
            org_id = self.id_for(_Named(org), cache, ("org", org), article_id) if org else None
            stored = sorted(set(aliases) - {name})
            pid = rows.insert(self.conn, "persons", {"name": name, "aliases": rows.aliases_json(stored), "kind": kind,
                                                    "org_id": org_id, "article_id": scope, "origin": "model"})
            self.lookup.add(pid, name, stored, kind, scope)
            self.aliases[pid] = set(stored)
        else:
            pid = known.id
            if pid not in self.aliases:
                self.aliases[pid] = set(json.loads(self.conn.execute(
                    "SELECT aliases FROM persons WHERE id = ?", (pid,)).fetchone()[0]))
            new = (set(aliases) | {name}) - self.aliases[pid] - {known.name}
            if new:
                self.aliases[pid] |= new
                self.conn.execute("UPDATE persons SET aliases = ?, version = version + 1 WHERE id = ?",
                                  (rows.aliases_json(sorted(self.aliases[pid])), pid))
                self.lookup.add_aliases(known, new)
        cache[key] = pid
        return pid


class _Named:
    """An organisation known only by name (the one an unnamed source speaks for)."""

    def __init__(self, name: str):
        self.name, self.aliases, self.kind = name, [], "organisation"


# --- import ---------------------------------------------------------------------------------------

BATCH = 200  # drafts per statement run (and per progress report)
# Articles put into the full-text index by one statement: fewer, larger index segments to merge
# than one per batch, and an import streamed from a file still indexes as it goes.
FTS_EVERY = 2000
_ENTITY_COLS = ("article_id", "person_id", *rows.ENTITY_DRAFT_COLS)
_QUOTE_COLS = ("article_id", "speaker_id", *rows.QUOTE_DRAFT_COLS)
_HASH = rows.ARTICLE_IMPORT_COLS.index("content_hash") - 1  # in PackedDraft.article (no id)


class PackedSource(NamedTuple):
    """A draft's source as the writer matches it to the project's (`_Sources.id_for`)."""

    name: str
    aliases: tuple[str, ...]
    kind: str


class PackedDraft(NamedTuple):
    """A checked draft as the writer stores it: plain values, cheap to send from the process that
    read it (`importers.stream`) to the one that writes. Sources are still the draft's own keys."""

    article: tuple  # rows.ARTICLE_IMPORT_COLS without the id and the timestamps
    entities: list[tuple]  # rows.ENTITY_DRAFT_COLS
    quotes: list[tuple]  # rows.QUOTE_DRAFT_COLS
    sources: dict[int, PackedSource]  # none for most articles of an import; then the keys are None too
    entity_sources: list[int | None] | None  # per entity, its source's key
    quote_sources: list[int | None] | None  # per quote, its speaker's key
    local: frozenset[int]  # keys of sources the article only describes
    org_names: dict[int, str]  # key of an unnamed source -> the organisation it speaks for


def pack_draft(d: ArticleDraft) -> PackedDraft:
    """A draft (checked already: `check_drafts`) as the writer's rows."""
    article = (d.title, d.place, d.text, d.source, d.published.isoformat() if d.published else None,
               rows.json_text(d.meta), d.status, d.model, rows.content_hash(d.text))
    named = bool(d.persons)
    return PackedDraft(article, [rows.entity_draft_values(e) for e in d.entities],
                       [rows.quote_draft_values(q) for q in d.quotes],
                       {k: PackedSource(p.name, tuple(p.aliases), p.kind) for k, p in d.persons.items()},
                       [e.person_id for e in d.entities] if named else None,
                       [q.speaker_id for q in d.quotes] if named else None,
                       frozenset(d.article_sources), dict(d.org_names))


def packed_batches(drafts: list[ArticleDraft]) -> Iterator[list[PackedDraft]]:
    for b in range(0, len(drafts), BATCH):
        yield [pack_draft(d) for d in drafts[b:b + BATCH]]


def write_articles(conn: sqlite3.Connection, drafts: list[ArticleDraft],
                   progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Add the drafts (checked already: `check_drafts`) inside the caller's transaction; see `write_packed`."""
    return write_packed(conn, packed_batches(drafts), len(drafts), progress)


def write_packed(conn: sqlite3.Connection, batches: Iterable[list[PackedDraft]], total: int,
                 progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Add checked drafts, batch by batch as they come, inside the caller's transaction.

    An article whose text is already in the project (or earlier in this import) is skipped
    (content hash), so importing the same file twice changes nothing. `progress(done, total)` is
    called after each batch; an exception it raises (a Cancel), or one the batches raise (a bad
    line further on), leaves the caller's transaction to roll back: nothing of the import stays."""
    first = next_id = indexed = (conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0) + 1
    conn.execute("PRAGMA defer_foreign_keys = ON")  # quotes are written before their article (until the commit)
    sources: _Sources | None = None
    seen: set[str] = set()
    done = 0
    conn.execute(_FTS_AUTOMERGE)
    with _row_triggers_paused(conn):
        t = rows.now()
        for batch in batches:
            present = _present(conn, [p.article[_HASH] for p in batch])
            fresh = []
            for p in batch:
                h = p.article[_HASH]
                if h not in present and h not in seen:
                    seen.add(h)
                    fresh.append(p)
            if sources is None and any(p.sources for p in fresh):
                sources = _Sources(conn)
            ents, quotes = [], []
            for i, p in enumerate(fresh):
                _draft_rows(p, next_id + i, sources, ents, quotes)
            rows.insert_many(conn, "entities", _ENTITY_COLS, ents)
            rows.insert_many(conn, "quotes", _QUOTE_COLS, quotes)
            # After their quotes: an article's least-sure-first key is computed as it is inserted
            # (an UPDATE afterwards would write every article, text and all, twice).
            conn.executemany(_INSERT_ARTICLE, ((next_id + i, *p.article, t, t, next_id + i) for i, p in enumerate(fresh)))
            next_id += len(fresh)
            if next_id - indexed >= FTS_EVERY:
                _rows_added(conn, indexed, next_id - 1)
                indexed = next_id
            done += len(batch)
            if progress and total:
                progress(min(done, total), total)
        if next_id > indexed:
            _rows_added(conn, indexed, next_id - 1)
    return ImportResult(added=next_id - first, skipped=done - (next_id - first),
                        article_ids=tuple(range(first, next_id)))


_INSERT_ARTICLE = (f"INSERT INTO articles ({rows.cols(rows.ARTICLE_IMPORT_COLS)}, suggestion_confidence) "
                   f"VALUES ({','.join('?' * len(rows.ARTICLE_IMPORT_COLS))}, {SUGGESTION_CONFIDENCE.format(aid='?')})")


def _present(conn: sqlite3.Connection, hashes: list[str]) -> set[str]:
    found: set[str] = set()
    for b in range(0, len(hashes), 500):
        chunk = hashes[b:b + 500]
        found.update(r[0] for r in conn.execute(
            f"SELECT content_hash FROM articles WHERE content_hash IN ({','.join('?' * len(chunk))})", chunk))
    return found


def _draft_rows(p: PackedDraft, article_id: int, sources: _Sources | None, ents: list, quotes: list) -> None:
    if not p.sources:  # most imported articles: no source named
        ids = (article_id, None)
        ents.extend([ids + v for v in p.entities])
        quotes.extend([ids + v for v in p.quotes])
        return
    cache: dict = {("org name", k): v for k, v in p.org_names.items()}

    def pid(key):
        if key is None or key not in p.sources:
            return None
        return sources.id_for(p.sources[key], cache, key, article_id, key in p.local)

    ents.extend([(article_id, pid(k)) + v for k, v in zip(p.entity_sources, p.entities)])
    quotes.extend([(article_id, pid(k)) + v for k, v in zip(p.quote_sources, p.quotes)])


# FTS5 merges its index segments as they pile up, 4 at a level by default: for a bulk import
# most of the writing is then merging. At 16 (FTS5's maximum, its crisis level) importing 30,000
# articles went from 2,287 to 2,702 articles/s, searches as fast (benchmarks/storage.py). A
# setting stored in the index itself, so it is set here: projects made by older versions too.
_FTS_AUTOMERGE = "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16)"

# What the database's triggers do row by row on insert (db.py), done once for a batch here.
_PAUSED_TRIGGERS = ("articles_ai", "quotes_confidence_ai")


@contextlib.contextmanager
def _row_triggers_paused(conn: sqlite3.Connection) -> Iterator[None]:
    """Inside the caller's transaction: the insert triggers are dropped and made again from their
    own stored SQL, so what they are stays `db`'s alone; a rollback brings them back too."""
    stored = dict(conn.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
                               f"({','.join('?' * len(_PAUSED_TRIGGERS))})", _PAUSED_TRIGGERS).fetchall())
    for name in stored:
        conn.execute(f"DROP TRIGGER {name}")
    try:
        yield
    finally:
        there = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        for name, sql in stored.items():
            if name not in there:  # a failed statement may have rolled everything back already
                conn.execute(sql)


def _rows_added(conn: sqlite3.Connection, first: int, last: int) -> None:
    """The full-text index of articles `first`..`last`, as the paused trigger would have written it."""
    conn.execute("INSERT INTO articles_fts (rowid, title, text) SELECT id, title, text FROM articles "
                 "WHERE id BETWEEN ? AND ?", (first, last))


# --- pre-annotation -------------------------------------------------------------------------------

def orgs_of(conn: sqlite3.Connection, ids: set[int]) -> set[int]:
    """The organisations the given sources speak for (deleted after them: they are referred to)."""
    marks = ",".join("?" * len(ids))
    return {r[0] for r in conn.execute(
        f"SELECT org_id FROM persons WHERE id IN ({marks}) AND org_id IS NOT NULL", sorted(ids))} if ids else set()


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


ENTITY_KEY = ("start", "end", "label", "person_id")
QUOTE_KEY = ("start", "end", "kind", "cue_start", "cue_end", "speaker_id", "speaker_start", "speaker_end",
             "stances", "claim", "checkworthy")  # a changed confidence alone is an update, not a new quote


def articles_to_preannotate(conn: sqlite3.Connection, model: str, article_ids: Iterable[int] | None = None
                            ) -> tuple[list[int], int]:
    """(ids to pre-annotate with `model`, in id order; how many of `article_ids` were left out).

    Only `new` articles, and not those whose suggestions this same model already computed on the
    same text (content hash): a re-run, or a killed run started again, goes on where it stopped.
    """
    rows_ = conn.execute(
        "SELECT id FROM articles WHERE status = 'new' AND NOT (model IS ? AND preannotated_hash IS content_hash)"
        " ORDER BY id", (model,))
    todo = [r[0] for r in rows_]
    if article_ids is None:
        return todo, 0
    wanted = set(article_ids)
    picked = [i for i in todo if i in wanted]
    return picked, len(wanted) - len(picked)


def apply_suggestions(conn: sqlite3.Connection, scheme: Scheme, article_id: int, entities: list[Entity],
                      quotes: list[Quote], persons: dict, model: str, content_hash: str | None = None) -> dict:
    """Replace one article's unreviewed model suggestions by new ones, inside the caller's transaction.

    `persons` maps the local keys used by `Entity.person_id` / `Quote.speaker_id` to objects with
    `.name` (canonical) and `.aliases`; they are matched to the project's persons by name, so a
    person recurring across articles stays one person. `content_hash`, if given, is the hash of
    the text the suggestions were computed on (elsewhere, e.g. on a cluster): if the article's
    text is no longer that one, nothing is written. Returns counts of what changed.
    """
    counts = {"entities_added": 0, "entities_removed": 0, "quotes_added": 0, "quotes_removed": 0, "skipped": 0}
    art = conn.execute("SELECT status, text, content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
    if art is None:
        raise SpanError(f"no article {article_id}")
    if art["status"] != "new" or (content_hash is not None and content_hash != art["content_hash"]):
        counts["skipped"] = 1
        return counts
    text = art["text"]
    ents = [dict(r) for r in conn.execute("SELECT * FROM entities WHERE article_id = ?", (article_id,))]
    qts = [dict(r) for r in conn.execute("SELECT * FROM quotes WHERE article_id = ?", (article_id,))]
    human = lambda r: r["origin"] == "human" or r["reviewed"]
    kept_e = [(r["start"], r["end"]) for r in ents if human(r)]
    kept_q = [(r["start"], r["end"]) for r in qts if human(r)]
    cache: dict = {}
    sources = _Sources(conn, article_id) if persons else None

    def pid(key):
        if key is None or key not in persons:
            return None
        return sources.id_for(persons[key], cache, key, article_id)

    new_e = []
    for e in entities:
        if e.label not in scheme.entity_labels or _overlaps((e.start, e.end), kept_e):
            continue
        check_span(text, e.start, e.end, f"{e.label} entity")
        new_e.append(rows.entity_to_row(e.model_copy(update={
            "id": None, "article_id": article_id, "origin": "model", "reviewed": False, "person_id": pid(e.person_id)})))
    new_q = []
    for q in quotes:
        if q.kind not in scheme.quote_kinds or _overlaps((q.start, q.end), kept_q):
            continue
        check_span(text, q.start, q.end, "quote")
        # Labels from a model trained under an older scheme may no longer exist: drop those.
        q = q.model_copy(update={
            "id": None, "article_id": article_id, "origin": "model", "reviewed": False, "speaker_id": pid(q.speaker_id),
            "stances": [s for s in q.stances if s.target in scheme.stance_targets and s.label in scheme.stance_labels],
            "claim": q.claim if q.claim in scheme.claim_types else None,
            "claim_confidence": q.claim_confidence if q.claim in scheme.claim_types else None})
        v = rows.quote_to_row(q)
        for a, b in (("cue_start", "cue_end"), ("speaker_start", "speaker_end")):
            if v[a] is not None:
                check_span(text, v[a], v[b], a[:-6])
        new_q.append(v)

    touched_persons: set[int] = set()
    for table, old_rows, new_rows, key in (("entities", ents, new_e, ENTITY_KEY), ("quotes", qts, new_q, QUOTE_KEY)):
        pcol = "person_id" if table == "entities" else "speaker_id"
        wanted = {tuple(v[k] for k in key): v for v in new_rows}
        for r in old_rows:
            if human(r):
                continue
            k = tuple(r[c] for c in key)
            if k in wanted:
                v = wanted.pop(k)
                if r["confidence"] != v["confidence"]:
                    conn.execute(f"UPDATE {table} SET confidence = ? WHERE id = ?", (v["confidence"], r["id"]))
                continue
            conn.execute(f"DELETE FROM {table} WHERE id = ?", (r["id"],))
            if r[pcol]:
                touched_persons.add(r[pcol])
            counts[f"{table}_removed"] += 1
        for v in wanted.values():
            rows.insert(conn, table, {k: x for k, x in v.items() if k != "version"})
            counts[f"{table}_added"] += 1
    # Persons the model invented and nothing refers to any more (then the organisations of those).
    orgs = orgs_of(conn, touched_persons)
    for p in sorted(touched_persons | orgs, key=lambda p: p in orgs):
        conn.execute(
            """DELETE FROM persons WHERE id = ?1 AND origin = 'model'
               AND NOT EXISTS (SELECT 1 FROM entities WHERE person_id = ?1)
               AND NOT EXISTS (SELECT 1 FROM quotes WHERE speaker_id = ?1)
               AND NOT EXISTS (SELECT 1 FROM persons WHERE org_id = ?1)""", (p,))
    conn.execute("UPDATE articles SET model = ?, preannotated_hash = content_hash WHERE id = ?", (model, article_id))
    return counts
