"""Every change an annotator makes, as one undoable operation (Anki's pattern).

An operation runs in one transaction, records each row it touched (before and after), writes the
audit log, and returns `OpChanges` saying what changed so views refresh only that. Undo and redo
replay those row images in reverse or forward, checking that nobody else changed the rows in the
meantime, so the CLI, the GUI and the tests all share one path.

Concurrency: every read an operation's writes depend on happens inside its write transaction
(BEGIN IMMEDIATE: nobody can commit in between), and only changed fields are written, so two
people editing different fields of one quote both keep their edit; list-valued fields merge by
element (stances by target; aliases are read, then extended). When the caller passes the object
it displayed (a `Quote`, not an id), the fields it changes must still hold the values it saw
(for stances: the one target), else `ConflictError` instead of an overwrite.
"""

from __future__ import annotations

import json

from . import rows
from .errors import ConflictError, NotFoundError, SchemeError, UnreviewedError
from .models import Article, Entity, Person, Quote, Source, Status, check_span
from .recorder import OpChanges, Recorder
from .source_lookup import home_of
from .store import Project

_now = rows.now  # the one clock of every operation (tests set it)

# --- running an operation -------------------------------------------------------------------------

class _Op:
    """Context for one operation: transaction + recorder; pushes to the undo stack and notifies."""

    def __init__(self, project: Project, name: str, touch: bool = True):
        self.p, self.name, self.touch = project, name, touch

    def __enter__(self) -> Recorder:
        self._tx = self.p.transaction()
        self._tx.__enter__()
        self.rec = Recorder(self.p, self.name, ts=_now())  # ops._now: one clock for a whole operation
        return self.rec

    def __exit__(self, et, ev, tb) -> bool:
        if et is None and self.touch and self.rec.rows:
            try:
                self.rec.touch_articles()
            except BaseException as exc:  # keep the transaction all-or-nothing
                self._tx.__exit__(type(exc), exc, exc.__traceback__)
                raise
        suppressed = self._tx.__exit__(et, ev, tb)
        if et is None:
            self.changes = self.rec.result()
            self.p.undo_stack.push(self.changes)
            if self.changes.rows:
                self.p._notify(self.changes)
        return bool(suppressed)


def _run(project: Project, name: str, fn, touch: bool = True) -> OpChanges:
    op = _Op(project, name, touch)
    with op as rec:
        fn(rec)
    return op.changes


def _id(obj) -> int:
    return obj if isinstance(obj, int) else obj.id


def _expect(obj, fields: dict, to_row) -> dict | None:
    """The values the caller saw for the fields it changes, when it passed the object it displayed."""
    if isinstance(obj, int) or obj is None:
        return None
    row = to_row(obj)
    return {k: row[k] for k in fields if k in row and k != "reviewed"}


def _article_text(project: Project, article_id: int) -> str:
    r = project.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    if r is None:
        raise NotFoundError(f"no article {article_id}")
    return r[0]


def _row_of(table: str):
    return rows.TO_ROW[table]


def _update(project: Project, table: str, obj, name: str, fields, *, reviewed: bool = True,
            touch: bool = True, expect_fields: tuple[str, ...] | None = None) -> OpChanges:
    """Change some fields of one row. `fields` is a dict, or `fields(row)` computed from the row as
    it is inside the write transaction (what a read-modify-write needs: nobody can change the row
    between the read and the write). With a displayed object, its values are the ones expected."""
    rid = _id(obj)

    def fn(rec: Recorder):
        row = rec.current(table, rid)
        f = fields(row) if callable(fields) else dict(fields)
        if reviewed:
            f["reviewed"] = 1
        compared = f if expect_fields is None else {k: None for k in expect_fields}
        rec.update(table, rid, f, _expect(obj, compared, _row_of(table)))
    return _run(project, name, fn, touch=touch)


def _delete(project: Project, table: str, obj, name: str) -> OpChanges:
    rid = _id(obj)
    shown = None if isinstance(obj, int) else _row_of(table)(obj)

    def fn(rec: Recorder):
        rec.delete(table, rid, expect=shown)
    return _run(project, name, fn)


def _clean_aliases(aliases, name: str) -> list[str]:
    return sorted({a.strip() for a in aliases if a.strip() and a.strip() != name})


def _resolve_person(project: Project, rec: Recorder, person_id: int | None, new_person: str | None,
                    new_kind: str = "person", article_id: int | None = None, new_aliases: list[str] = ()) -> int | None:
    """Inside the transaction: the source `person_id` (which must exist), or with `new_person` the
    source of kind `new_kind` known by that name or alias, created now (with `new_aliases`) if there
    is none (one the article only describes, "a spokesman", belongs to `article_id`). The one
    find-or-create of a source an annotator names."""
    if new_person is None:
        if person_id is not None:
            project.get_person(person_id)
        return person_id
    home = home_of(new_kind, article_id)
    known = project.find_person(new_person, new_kind, home)
    if known is not None:
        return known.id
    name = new_person.strip()
    aliases = _clean_aliases(new_aliases, name)
    src = Source(name=name, aliases=aliases, kind=new_kind, article_id=home, origin="human")  # validates: name, kind
    return rec.insert("persons", rows.source_to_row(src))


# --- entities -------------------------------------------------------------------------------------

def create_entity(project: Project, article_id: int, start: int, end: int, label: str,
                  person_id: int | None = None) -> OpChanges:
    project.scheme.check("entity label", label)

    def fn(rec: Recorder):
        check_span(_article_text(project, article_id), start, end, "entity")
        if person_id is not None:
            project.get_person(person_id)
        rec.insert("entities", rows.entity_to_row(Entity(article_id=article_id, start=start, end=end, label=label,
                                                         person_id=person_id, origin="human", reviewed=True)))
    return _run(project, f"add {label} entity", fn)


def delete_entity(project: Project, entity: Entity | int) -> OpChanges:
    return _delete(project, "entities", entity, "delete entity")


def relabel_entity(project: Project, entity: Entity | int, label: str) -> OpChanges:
    project.scheme.check("entity label", label)
    fields = {"label": label}
    if label != "PERSON":
        fields["person_id"] = None
    return _update(project, "entities", entity, f"relabel entity as {label}", fields)


def resize_entity(project: Project, entity: Entity | int, start: int, end: int) -> OpChanges:
    def fields(row):
        check_span(_article_text(project, row["article_id"]), start, end, "entity")
        return {"start": start, "end": end}
    return _update(project, "entities", entity, "resize entity", fields)


def set_entity_person(project: Project, entity: Entity | int, person_id: int | None, *,
                      new_person: str | None = None, new_kind: str = "person") -> OpChanges:
    """Link a mention to a source; with `new_person`, the source of that name and `new_kind`
    (created in this same operation if the project does not know it, so one undo takes back both)."""
    eid = _id(entity)
    expect = _expect(entity, {"person_id": None}, _row_of("entities"))

    def fn(rec: Recorder):
        row = rec.current("entities", eid)
        pid = _resolve_person(project, rec, person_id, new_person, new_kind, row["article_id"])
        rec.update("entities", eid, {"person_id": pid, "reviewed": 1}, expect)
    return _run(project, "link entity to " + (f"{new_kind} {new_person.strip()}" if new_person else "person"), fn)


def confirm_entity(project: Project, entity: Entity | int) -> OpChanges:
    return _update(project, "entities", entity, "confirm entity", {})


# --- quotes ---------------------------------------------------------------------------------------

def create_quote(project: Project, article_id: int, start: int, end: int, kind: str = "direct", *,
                 speaker_id: int | None = None, speaker_start: int | None = None, speaker_end: int | None = None,
                 cue_start: int | None = None, cue_end: int | None = None) -> OpChanges:
    project.scheme.check("quote kind", kind)

    def fn(rec: Recorder):
        text = _article_text(project, article_id)
        check_span(text, start, end, "quote")
        check_span(text, speaker_start, speaker_end, "speaker")
        check_span(text, cue_start, cue_end, "cue")
        if speaker_id is not None:
            project.get_person(speaker_id)
        rec.insert("quotes", rows.quote_to_row(Quote(
            article_id=article_id, start=start, end=end, kind=kind, speaker_id=speaker_id, speaker_start=speaker_start,
            speaker_end=speaker_end, cue_start=cue_start, cue_end=cue_end, origin="human", reviewed=True)))
    return _run(project, f"add {kind} quote", fn)


def delete_quote(project: Project, quote: Quote | int) -> OpChanges:
    return _delete(project, "quotes", quote, "delete quote")


def confirm_quote(project: Project, quote: Quote | int) -> OpChanges:
    """Accept a suggested quote as it is (one key per correct quote in the app)."""
    return _update(project, "quotes", quote, "confirm quote", {})


def set_quote_kind(project: Project, quote: Quote | int, kind: str) -> OpChanges:
    project.scheme.check("quote kind", kind)
    return _update(project, "quotes", quote, f"mark quote {kind}", {"kind": kind})


def resize_quote(project: Project, quote: Quote | int, start: int, end: int) -> OpChanges:
    def fields(row):
        check_span(_article_text(project, row["article_id"]), start, end, "quote")
        return {"start": start, "end": end}
    return _update(project, "quotes", quote, "resize quote", fields)


def set_quote_speaker(project: Project, quote: Quote | int, person_id: int | None,
                      speaker_start: int | None = None, speaker_end: int | None = None, *,
                      new_person: str | None = None, new_kind: str = "person", new_aliases: list[str] = ()) -> OpChanges:
    """Link a quote to the source who said it (None: unknown), optionally at a given mention.

    With `new_person`, the speaker is the source of that name and `new_kind`: an existing one if the
    project knows it, else one created (with `new_aliases`) in this same operation, so a single undo
    takes back both."""
    qid = _id(quote)
    fields = {"speaker_id": person_id, "speaker_start": speaker_start, "speaker_end": speaker_end}
    if person_id is None and new_person is None:
        fields.update(speaker_start=None, speaker_end=None)
    expect = _expect(quote, fields, _row_of("quotes"))

    def fn(rec: Recorder):
        row = rec.current("quotes", qid)
        check_span(_article_text(project, row["article_id"]), speaker_start, speaker_end, "speaker")
        pid = _resolve_person(project, rec, person_id, new_person, new_kind, row["article_id"], new_aliases)
        rec.update("quotes", qid, {**fields, "speaker_id": pid, "reviewed": 1}, expect)
    return _run(project, f"set speaker (new {new_kind} {new_person.strip()})" if new_person else "set speaker", fn)


def set_stance(project: Project, quote: Quote | int, target: str, label: str | None) -> OpChanges:
    """Set (or with `label=None` remove) the quote's stance toward one target.

    The stance list is merged by target inside the write transaction: another writer's stance
    toward a different target is kept; a change to this same target since the caller displayed
    the quote is a conflict."""
    project.scheme.check("stance target", target)
    project.scheme.check("stance label", label)
    order = {t: i for i, t in enumerate(project.scheme.stance_targets)}
    qid = _id(quote)
    shown = None if isinstance(quote, int) else next((s.label for s in quote.stances if s.target == target), None)

    def fields(row):
        stances = json.loads(row["stances"])
        now = next((s["label"] for s in stances if s["target"] == target), None)
        if not isinstance(quote, int) and now not in (shown, label):
            raise ConflictError(f"not saved: the stance of quote {qid} toward {target} was changed by someone "
                                f"else meanwhile (now {now or 'none'})")
        # The annotator's word replaces the model's: human stances carry no confidence.
        stances = [s for s in stances if s["target"] != target]
        if label is not None:
            stances.append({"target": target, "label": label})
            stances.sort(key=lambda s: order.get(s["target"], len(order)))
        return {"stances": rows.stances_json(stances)}
    return _update(project, "quotes", qid, f"stance {label or 'cleared'} toward {target}", fields, expect_fields=())


def set_claim(project: Project, quote: Quote | int, claim: str | None) -> OpChanges:
    project.scheme.check("claim type", claim)
    return _update(project, "quotes", quote, f"claim {claim or 'cleared'}", {"claim": claim, "claim_confidence": None})


def set_checkworthy(project: Project, quote: Quote | int, value: bool | None) -> OpChanges:
    if not project.scheme.checkworthy and value is not None:
        raise SchemeError("this project's scheme has no check-worthy flag")
    return _update(project, "quotes", quote, "check-worthy" if value else "not check-worthy",
                   {"checkworthy": None if value is None else int(value)})


def set_note(project: Project, quote: Quote | int, note: str) -> OpChanges:
    return _update(project, "quotes", quote, "edit note", {"note": note})


# --- articles -------------------------------------------------------------------------------------

def set_article_status(project: Project, article: Article | int, status: str | Status, *,
                       confirm_suggestions: bool = False) -> OpChanges:
    """Mark an article new, in progress, done or skipped; with the displayed `Article`, a status
    someone else set meanwhile is a conflict.

    "Done" means reviewed: while the article holds suggestions nobody reviewed, marking it done raises
    `UnreviewedError`. With `confirm_suggestions` the unreviewed quotes are confirmed as suggested
    (speaker, stances and claim as they are) in the same operation, so one undo takes back both.
    Entities nobody looked at stay unreviewed: exports leave them out of the labels (spaCy: missing)."""
    status = Status(status).value
    aid = _id(article)
    expect = _expect(article, {"status": None}, _row_of("articles"))

    def fn(rec: Recorder):
        rec.current("articles", aid)
        if status == Status.DONE.value:
            # Read inside the transaction: a suggestion that arrived meanwhile is seen too.
            pending = project.unreviewed(aid)
            if pending and not confirm_suggestions:
                raise UnreviewedError(aid, len(pending.quotes), len(pending.entities))
            for q in pending.quotes:
                rec.update("quotes", q.id, {"reviewed": 1})
            if pending.quotes:
                n = len(pending.quotes)
                rec.op += f" (confirmed {n} quote{'' if n == 1 else 's'} as suggested)"
        rec.update("articles", aid, {"status": status, "updated_at": _now()}, expect)
    return _run(project, f"mark article {status.replace('_', ' ')}", fn, touch=False)


def set_article_flag(project: Project, article: Article | int, flagged: bool) -> OpChanges:
    """Flag an article for a second look or a question to the team (or take the flag off)."""
    return _update(project, "articles", article, "flag article" if flagged else "unflag article",
                   lambda row: {"flagged": int(bool(flagged)), "updated_at": _now()}, reviewed=False, touch=False,
                   expect_fields=("flagged",))


def set_article_comment(project: Project, article: Article | int, comment: str) -> OpChanges:
    """The annotator's comment on the whole article. Passing the `Article` shown (not its id) raises
    `ConflictError` if someone else changed the comment meanwhile."""
    comment = comment.strip()

    def fields(row):
        return {"comment": comment, "updated_at": _now()} if comment != row["comment"] else {}
    return _update(project, "articles", article, "edit article comment", fields, reviewed=False, touch=False,
                   expect_fields=("comment",))



def undo(project: Project) -> OpChanges:
    return project.undo_stack.undo()


def redo(project: Project) -> OpChanges:
    return project.undo_stack.redo()


# --- sources (persons, organisations, groups, unnamed people, documents) ---------------------------

def create_person(project: Project, name: str, aliases: list[str] | None = None, kind: str = "person",
                  org_id: int | None = None, article_id: int | None = None) -> OpChanges:
    """A new source (a person unless `kind` says otherwise); `org_id`: the organisation an unnamed
    source speaks for; `article_id`: the article that only describes it."""
    name = name.strip()
    Source(name=name, kind=kind)  # validates: not empty, a known kind
    aliases = _clean_aliases(aliases or [], name)

    def fn(rec: Recorder):
        if org_id is not None and rec.current("persons", org_id)["kind"] != "organisation":
            raise ConflictError(f"source {org_id} is no organisation")
        if article_id is not None:
            project.get_article(article_id)
        rec.insert("persons", rows.source_to_row(Source(name=name, aliases=aliases, kind=kind, org_id=org_id,
                                                        article_id=article_id, origin="human")))
    return _run(project, f"add {kind} {name}", fn, touch=False)


def set_source_kind(project: Project, source: Person | int, kind: str) -> OpChanges:
    """Say what kind of source this is ("the Pentagon" is an organisation, not a person)."""
    Source(name="-", kind=kind)  # validates the kind

    def fields(row):
        f = {"kind": kind, "origin": "human"}
        if kind != "unnamed":
            f["org_id"] = None  # only an unnamed person speaks for an organisation
        return f
    return _update(project, "persons", source, f"source of kind {kind}", fields, reviewed=False, touch=False,
                   expect_fields=("kind",))


def rename_person(project: Project, person: Person | int, name: str) -> OpChanges:
    """Give a source a new canonical name; the old one becomes an alias. The aliases are read
    inside the write transaction, so names pre-annotation added meanwhile are kept."""
    name = name.strip()
    Person(name=name)

    def fields(row):
        aliases = sorted((set(json.loads(row["aliases"])) | {row["name"]}) - {name})
        return {"name": name, "aliases": rows.aliases_json(aliases)}
    return _update(project, "persons", person, f"rename person to {name}", fields, reviewed=False, touch=False,
                   expect_fields=("name",))


def merge_persons(project: Project, keep: Person | int, drop: Person | int) -> OpChanges:
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
        rec.update("persons", k["id"], {"aliases": rows.aliases_json(sorted(aliases)), "origin": "human"})
        rec.delete("persons", d["id"])
    return _run(project, f"merge {names[1]} into {names[0]}", fn)
