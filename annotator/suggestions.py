"""Writing machine suggestions: annotations that arrive with an import, and pre-annotation output.

The rule that matters here: never overwrite human work. Items an annotator created, changed or
confirmed (`origin = human` or `reviewed = 1`) and articles already in progress, done or skipped
are left untouched; re-running on the same text with the same model changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .errors import SchemeError, SpanError
from .models import ArticleDraft, Entity, Quote, check_span
from .scheme import Scheme

if TYPE_CHECKING:
    from .store import Project


def validate_draft(d: ArticleDraft, scheme: Scheme) -> None:
    where = f"article {d.title!r}" if d.title else "article"
    try:
        for e in d.entities:
            check_span(d.text, e.start, e.end, f"{e.label} entity")
            scheme.check("entity label", e.label)
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


def find_person_id(project: "Project", names: list[str], kind: str = "person",
                   article_id: int | None = None) -> int | None:
    """The project source of `kind` known by any of `names`: canonical name first, then aliases.
    With `article_id`, among the sources that article describes ("a spokesman") instead."""
    keys = [n.strip().casefold() for n in names if n and n.strip()]
    if not keys:
        return None
    if kind == "person" and len(keys[0].split()) > 1:
        # "Dorian Ibarra" (also "Ibarra") is not whoever else is known as "Ibarra": a full name is
        # found by its full forms ("WHO" does name the World Health Organization: persons only).
        keys = [k for k in keys if len(k.split()) > 1]
    marks = ",".join("?" * len(keys))
    scope = "kind = ? AND article_id IS ?"
    r = project.conn.execute(f"SELECT id FROM persons WHERE lower(name) IN ({marks}) AND {scope} ORDER BY id LIMIT 1",
                             [*keys, kind, article_id]).fetchone()
    if r:
        return r[0]
    rows = project.conn.execute(
        f"""SELECT DISTINCT p.id FROM persons p, json_each(p.aliases) a
            WHERE lower(a.value) IN ({marks}) AND p.{scope.replace(" AND ", " AND p.")} ORDER BY p.id""",
        [*keys, kind, article_id]).fetchall()
    # An alias shared by two persons ("Smith") is ambiguous: better a new person than a wrong merge.
    return rows[0][0] if len(rows) == 1 else None


def _person_for(project: "Project", source: Any, cache: dict, key: Any, article_id: int,
                local: bool | None = None) -> int:
    """The project's id for a draft source (matched by name and kind, created if new). Drafts are
    the pre-annotator's (`nlp.persons.SourceDraft`: kind, `local`, `org` name) or an import's
    (`models.Source`, with `local` from `ArticleDraft.article_sources` and `org` from `org_names`)."""
    if key in cache:
        return cache[key]
    name, aliases = source.name, list(getattr(source, "aliases", []) or [])
    kind = getattr(source, "kind", "person") or "person"
    local = bool(getattr(source, "local", False)) if local is None else local
    scope = article_id if local else None
    pid = find_person_id(project, [name, *aliases], kind, scope)
    if pid is None:
        org = getattr(source, "org", None) or cache.get(("org name", key))
        org_id = _person_for(project, _Named(org), cache, ("org", org), article_id) if org else None
        cur = project.conn.execute(
            "INSERT INTO persons (name, aliases, kind, org_id, article_id, origin) VALUES (?, ?, ?, ?, ?, 'model')",
            (name, json.dumps(sorted(set(aliases) - {name}), ensure_ascii=False), kind, org_id, scope))
        pid = cur.lastrowid
    else:
        row = project.conn.execute("SELECT name, aliases FROM persons WHERE id = ?", (pid,)).fetchone()
        known = set(json.loads(row[1]))
        new = (set(aliases) | {name}) - known - {row[0]}
        if new:
            project.conn.execute("UPDATE persons SET aliases = ?, version = version + 1 WHERE id = ?",
                                 (json.dumps(sorted(known | new), ensure_ascii=False), pid))
    cache[key] = pid
    return pid


class _Named:
    """An organisation known only by name (the one an unnamed source speaks for)."""

    def __init__(self, name: str):
        self.name, self.aliases, self.kind = name, [], "organisation"


def insert_draft_annotations(project: "Project", article_id: int, d: ArticleDraft) -> None:
    """Store the annotations an imported article came with (inside the import's transaction)."""
    cache: dict = {("org name", k): v for k, v in d.org_names.items()}
    def pid(key):
        if key is None or key not in d.persons:
            return None
        return _person_for(project, d.persons[key], cache, key, article_id, key in d.article_sources)

    for e in d.entities:
        _insert(project, "entities", {**_entity_values(e), "person_id": pid(e.person_id)}, article_id)
    for q in d.quotes:
        _insert(project, "quotes", {**_quote_values(q), "speaker_id": pid(q.speaker_id)}, article_id)


def _entity_values(e: Entity) -> dict:
    return {"start": e.start, "end": e.end, "label": e.label, "origin": e.origin, "confidence": e.confidence,
            "reviewed": int(e.reviewed)}


def _quote_values(q: Quote) -> dict:
    return {"start": q.start, "end": q.end, "kind": q.kind, "cue_start": q.cue_start, "cue_end": q.cue_end,
            "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
            "stances": json.dumps([s.model_dump(exclude_none=True) for s in q.stances], ensure_ascii=False),
            "claim": q.claim, "claim_confidence": q.claim_confidence,
            "checkworthy": None if q.checkworthy is None else int(q.checkworthy), "note": q.note,
            "origin": q.origin, "confidence": q.confidence, "reviewed": int(q.reviewed)}


def _insert(project: "Project", table: str, values: dict, article_id: int) -> int:
    values = {"article_id": article_id, **values}
    cols = ", ".join(f'"{k}"' for k in values)
    return project.conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({','.join('?' * len(values))})",
                                list(values.values())).lastrowid


def orgs_of(project: "Project", ids: set[int]) -> set[int]:
    """The organisations the given sources speak for (deleted after them: they are referred to)."""
    marks = ",".join("?" * len(ids))
    return {r[0] for r in project.conn.execute(
        f"SELECT org_id FROM persons WHERE id IN ({marks}) AND org_id IS NOT NULL", sorted(ids))} if ids else set()


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


ENTITY_KEY = ("start", "end", "label", "person_id")
QUOTE_KEY = ("start", "end", "kind", "cue_start", "cue_end", "speaker_id", "speaker_start", "speaker_end",
             "stances", "claim", "checkworthy")  # a changed confidence alone is an update, not a new quote


def articles_to_preannotate(project: "Project", model: str, article_ids: Iterable[int] | None = None
                            ) -> tuple[list[int], int]:
    """(ids to pre-annotate with `model`, in id order; how many of `article_ids` were left out).

    Only `new` articles, and not those whose suggestions this same model already computed on the
    same text (content hash): a re-run, or a killed run started again, goes on where it stopped.
    """
    rows = project.conn.execute(
        "SELECT id FROM articles WHERE status = 'new' AND NOT (model IS ? AND preannotated_hash IS content_hash)"
        " ORDER BY id", (model,))
    todo = [r[0] for r in rows]
    if article_ids is None:
        return todo, 0
    wanted = set(article_ids)
    picked = [i for i in todo if i in wanted]
    return picked, len(wanted) - len(picked)


def apply_suggestions(project: "Project", article_id: int, entities: list[Entity], quotes: list[Quote],
                      persons: dict, model: str, content_hash: str | None = None) -> dict:
    """Replace one article's unreviewed model suggestions by new ones, in one transaction.

    `persons` maps the local keys used by `Entity.person_id` / `Quote.speaker_id` to objects with
    `.name` (canonical) and `.aliases`; they are matched to the project's persons by name, so a
    person recurring across articles stays one person. `content_hash`, if given, is the hash of
    the text the suggestions were computed on (elsewhere, e.g. on a cluster): if the article's
    text is no longer that one, nothing is written. Returns counts of what changed.
    """
    counts = {"entities_added": 0, "entities_removed": 0, "quotes_added": 0, "quotes_removed": 0, "skipped": 0}
    with project.transaction():
        art = project.conn.execute("SELECT status, text, content_hash FROM articles WHERE id = ?",
                                   (article_id,)).fetchone()
        if art is None:
            raise SpanError(f"no article {article_id}")
        if art["status"] != "new" or (content_hash is not None and content_hash != art["content_hash"]):
            counts["skipped"] = 1
            return counts
        text = art["text"]
        scheme = project.scheme
        ents = [dict(r) for r in project.conn.execute("SELECT * FROM entities WHERE article_id = ?", (article_id,))]
        qts = [dict(r) for r in project.conn.execute("SELECT * FROM quotes WHERE article_id = ?", (article_id,))]
        human = lambda r: r["origin"] == "human" or r["reviewed"]
        kept_e = [(r["start"], r["end"]) for r in ents if human(r)]
        kept_q = [(r["start"], r["end"]) for r in qts if human(r)]
        cache: dict = {}

        def pid(key):
            if key is None or key not in persons:
                return None
            return _person_for(project, persons[key], cache, key, article_id)

        new_e = []
        for e in entities:
            if e.label not in scheme.entity_labels or _overlaps((e.start, e.end), kept_e):
                continue
            check_span(text, e.start, e.end, f"{e.label} entity")
            new_e.append({**_entity_values(e), "origin": "model", "reviewed": 0, "person_id": pid(e.person_id)})
        new_q = []
        for q in quotes:
            if q.kind not in scheme.quote_kinds or _overlaps((q.start, q.end), kept_q):
                continue
            check_span(text, q.start, q.end, "quote")
            # Labels from a model trained under an older scheme may no longer exist: drop those.
            q = q.model_copy(update={
                "stances": [s for s in q.stances if s.target in scheme.stance_targets and s.label in scheme.stance_labels],
                "claim": q.claim if q.claim in scheme.claim_types else None,
                "claim_confidence": q.claim_confidence if q.claim in scheme.claim_types else None})
            v = {**_quote_values(q), "origin": "model", "reviewed": 0, "speaker_id": pid(q.speaker_id)}
            for a, b in (("cue_start", "cue_end"), ("speaker_start", "speaker_end")):
                if v[a] is not None:
                    check_span(text, v[a], v[b], a[:-6])
            new_q.append(v)

        touched_persons: set[int] = set()
        for table, old_rows, new_rows, key, name in (("entities", ents, new_e, ENTITY_KEY, "entities"),
                                                      ("quotes", qts, new_q, QUOTE_KEY, "quotes")):
            pcol = "person_id" if table == "entities" else "speaker_id"
            wanted = {tuple(v[k] for k in key): v for v in new_rows}
            for r in old_rows:
                if human(r):
                    continue
                k = tuple(r[c] for c in key)
                if k in wanted:
                    v = wanted.pop(k)
                    if r["confidence"] != v["confidence"]:
                        project.conn.execute(f"UPDATE {table} SET confidence = ? WHERE id = ?", (v["confidence"], r["id"]))
                    continue
                project.conn.execute(f"DELETE FROM {table} WHERE id = ?", (r["id"],))
                if r[pcol]:
                    touched_persons.add(r[pcol])
                counts[f"{name}_removed"] += 1
            for v in wanted.values():
                _insert(project, table, v, article_id)
                counts[f"{name}_added"] += 1
        # Persons the model invented and nothing refers to any more (then the organisations of those).
        orgs = orgs_of(project, touched_persons)
        for p in sorted(touched_persons | orgs, key=lambda p: p in orgs):
            project.conn.execute(
                """DELETE FROM persons WHERE id = ?1 AND origin = 'model'
                   AND NOT EXISTS (SELECT 1 FROM entities WHERE person_id = ?1)
                   AND NOT EXISTS (SELECT 1 FROM quotes WHERE speaker_id = ?1)
                   AND NOT EXISTS (SELECT 1 FROM persons WHERE org_id = ?1)""", (p,))
        project.conn.execute("UPDATE articles SET model = ?, preannotated_hash = content_hash WHERE id = ?",
                             (model, article_id))
    return counts
