"""Operations on sources (persons, organisations, groups, unnamed people, documents): create, say
what kind a source is, rename, merge. Same rules as every operation in `ops` (one transaction,
recorded for undo and the audit log, rows read inside the write transaction); `ops` re-exports them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .errors import ConflictError
from .models import Person, Source
from .ops import _id, _run, _update
from .recorder import OpChanges, Recorder

if TYPE_CHECKING:
    from .store import Project

# Sources an article only describes ("a spokesman", "protesters", "the report") are that article's.
ARTICLE_KINDS = ("unnamed", "group", "document")


def known_or_new_source(project: "Project", name: str, kind: str,
                        article_id: int | None) -> tuple[int | None, dict | None]:
    """(the id of the source of that name and kind the project knows, or None and the row of a new one)."""
    scope = article_id if kind in ARTICLE_KINDS else None
    known = project.find_person(name, kind, scope)
    if known is not None:
        return known.id, None
    src = Source(name=name.strip(), kind=kind)  # validates: a name, a known kind
    return None, {"name": src.name, "aliases": "[]", "kind": src.kind, "article_id": scope, "origin": "human"}


def create_person(project: "Project", name: str, aliases: list[str] | None = None, kind: str = "person",
                  org_id: int | None = None, article_id: int | None = None) -> OpChanges:
    """A new source (a person unless `kind` says otherwise); `org_id`: the organisation an unnamed
    source speaks for; `article_id`: the article that only describes it."""
    name = name.strip()
    Source(name=name, kind=kind)  # validates: not empty, a known kind
    aliases = sorted({a.strip() for a in (aliases or []) if a.strip() and a.strip() != name})

    def fn(rec: Recorder):
        if org_id is not None and rec.current("persons", org_id)["kind"] != "organisation":
            raise ConflictError(f"source {org_id} is no organisation")
        if article_id is not None:
            project.get_article(article_id)
        rec.insert("persons", {"name": name, "aliases": json.dumps(aliases, ensure_ascii=False), "kind": kind,
                               "org_id": org_id, "article_id": article_id, "origin": "human"})
    return _run(project, f"add {kind} {name}", fn, touch=False)


def set_source_kind(project: "Project", source: Person | int, kind: str) -> OpChanges:
    """Say what kind of source this is ("the Pentagon" is an organisation, not a person)."""
    Source(name="-", kind=kind)  # validates the kind

    def fields(row):
        f = {"kind": kind, "origin": "human"}
        if kind != "unnamed":
            f["org_id"] = None  # only an unnamed person speaks for an organisation
        return f
    return _update(project, "persons", source, f"source of kind {kind}", fields, reviewed=False, touch=False,
                   expect_fields=("kind",))


def rename_person(project: "Project", person: Person | int, name: str) -> OpChanges:
    """Give a source a new canonical name; the old one becomes an alias. The aliases are read
    inside the write transaction, so names pre-annotation added meanwhile are kept."""
    name = name.strip()
    Person(name=name)

    def fields(row):
        aliases = sorted((set(json.loads(row["aliases"])) | {row["name"]}) - {name})
        return {"name": name, "aliases": json.dumps(aliases, ensure_ascii=False)}
    return _update(project, "persons", person, f"rename person to {name}", fields, reviewed=False, touch=False,
                   expect_fields=("name",))


def merge_persons(project: "Project", keep: Person | int, drop: Person | int) -> OpChanges:
    """Make `drop` the same source as `keep`: its mentions and quotes move over (in the annotators'
    layers too), its spokesmen speak for `keep`, its names become aliases."""
    if _id(keep) == _id(drop):
        raise ConflictError("cannot merge a person with itself")
    names = (keep.name if isinstance(keep, Person) else f"person {keep}",
             drop.name if isinstance(drop, Person) else f"person {drop}")

    def fn(rec: Recorder):
        k, d = rec.current("persons", _id(keep)), rec.current("persons", _id(drop))
        for table, col in (("entities", "person_id"), ("quotes", "speaker_id"), ("persons", "org_id"),
                           ("layer_entities", "person_id"), ("layer_quotes", "speaker_id")):
            for (rid,) in project.conn.execute(f"SELECT id FROM {table} WHERE {col} = ?", (d["id"],)).fetchall():
                rec.update(table, rid, {col: k["id"]})
        aliases = (set(json.loads(k["aliases"])) | set(json.loads(d["aliases"])) | {d["name"]}) - {k["name"]}
        rec.update("persons", k["id"], {"aliases": json.dumps(sorted(aliases), ensure_ascii=False), "origin": "human"})
        rec.delete("persons", d["id"])
    return _run(project, f"merge {names[1]} into {names[0]}", fn)
