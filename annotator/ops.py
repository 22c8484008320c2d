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
from typing import TYPE_CHECKING

from .errors import ConflictError, NotFoundError, NothingToUndo, SchemeError, UnreviewedError
from .models import Article, Entity, Quote, Status, check_span
from .recorder import OpChanges, Recorder, _now

if TYPE_CHECKING:
    from .store import Project

class UndoStack:
    """Undo and redo for one open project; an operation after an undo clears the redo side."""

    LIMIT = 500

    def __init__(self, project: "Project"):
        self.p = project
        self._undo: list[OpChanges] = []
        self._redo: list[OpChanges] = []

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_name(self) -> str | None:
        return self._undo[-1].op if self._undo else None

    @property
    def redo_name(self) -> str | None:
        return self._redo[-1].op if self._redo else None

    def push(self, changes: OpChanges) -> None:
        if not changes.rows:
            return
        self._undo.append(changes)
        del self._undo[: -self.LIMIT]
        self._redo.clear()

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()

    def undo(self) -> OpChanges:
        if not self._undo:
            raise NothingToUndo("nothing to undo")
        ch = self._undo[-1]
        result = self._replay(ch, backwards=True)
        self._undo.pop()
        self._redo.append(ch)
        return result

    def redo(self) -> OpChanges:
        if not self._redo:
            raise NothingToUndo("nothing to redo")
        ch = self._redo[-1]
        result = self._replay(ch, backwards=False)
        self._redo.pop()
        self._undo.append(ch)
        return result

    def _replay(self, ch: OpChanges, backwards: bool) -> OpChanges:
        name = ("undo " if backwards else "redo ") + ch.op
        rec = Recorder(self.p, name, ts=_now())
        steps = reversed(ch.rows) if backwards else ch.rows
        with self.p.transaction():
            for rc in steps:
                src, dst = (rc.after, rc.before) if backwards else (rc.before, rc.after)
                current = rec._get(rc.table, rc.row_id)
                if _strip(current) != _strip(src):
                    raise ConflictError(
                        f"cannot {name}: {rc.table[:-1]} {rc.row_id} was changed since (by another edit or another user)")
                if dst is None:
                    rec.delete(rc.table, rc.row_id)
                elif src is None:
                    rec.insert(rc.table, dst)
                else:
                    fields = {k: v for k, v in dst.items() if k not in ("id", "version", *DERIVED)}
                    rec.update(rc.table, rc.row_id, fields)
        result = OpChanges(name, tuple(rec.rows), frozenset(rec.article_ids), undo=backwards, redo=not backwards)
        self.p._notify(result)
        return result


# Columns the database keeps by trigger (db.py): never written back by undo, never a conflict.
DERIVED = ("suggestion_confidence",)


def _strip(row: dict | None) -> dict | None:
    # Versions move on every write, undo included, and an article's last-edited stamp moves with any
    # edit in it (another user's too): the content is what must match.
    if row is None:
        return None
    return {k: v for k, v in row.items() if k not in ("version", "updated_at", *DERIVED)}


# --- running an operation -------------------------------------------------------------------------

class _Op:
    """Context for one operation: transaction + recorder; pushes to the undo stack and notifies."""

    def __init__(self, project: "Project", name: str, touch: bool = True):
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


def _run(project: "Project", name: str, fn, touch: bool = True) -> OpChanges:
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


def _article_text(project: "Project", article_id: int) -> str:
    r = project.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    if r is None:
        raise NotFoundError(f"no article {article_id}")
    return r[0]


def _row_of(table: str):
    from .store import article_to_row, entity_to_row, person_to_row, quote_to_row

    return {"entities": entity_to_row, "quotes": quote_to_row, "persons": person_to_row,
            "articles": article_to_row}[table]


def _update(project: "Project", table: str, obj, name: str, fields, *, reviewed: bool = True,
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


def _delete(project: "Project", table: str, obj, name: str) -> OpChanges:
    rid = _id(obj)
    shown = None if isinstance(obj, int) else _row_of(table)(obj)

    def fn(rec: Recorder):
        rec.delete(table, rid, expect=shown)
    return _run(project, name, fn)


def _resolve_person(project: "Project", rec: Recorder, person_id: int | None, new_person: str | None,
                    new_kind: str = "person", article_id: int | None = None) -> int | None:
    """Inside the transaction: the source `person_id` (which must exist), or with `new_person` the
    source of kind `new_kind` known by that name or alias, created now if there is none (one the
    article only describes, "a spokesman", belongs to `article_id`)."""
    if new_person is None:
        if person_id is not None:
            project.get_person(person_id)
        return person_id
    from .source_ops import known_or_new_source

    known, row = known_or_new_source(project, new_person, new_kind, article_id)
    return known if row is None else rec.insert("persons", row)


# --- entities -------------------------------------------------------------------------------------

def create_entity(project: "Project", article_id: int, start: int, end: int, label: str,
                  person_id: int | None = None) -> OpChanges:
    project.scheme.check("entity label", label)

    def fn(rec: Recorder):
        check_span(_article_text(project, article_id), start, end, "entity")
        if person_id is not None:
            project.get_person(person_id)
        rec.insert("entities", {"article_id": article_id, "start": start, "end": end, "label": label,
                                "person_id": person_id, "origin": "human", "confidence": None, "reviewed": 1})
    return _run(project, f"add {label} entity", fn)


def delete_entity(project: "Project", entity: Entity | int) -> OpChanges:
    return _delete(project, "entities", entity, "delete entity")


def relabel_entity(project: "Project", entity: Entity | int, label: str) -> OpChanges:
    project.scheme.check("entity label", label)
    fields = {"label": label}
    if label != "PERSON":
        fields["person_id"] = None
    return _update(project, "entities", entity, f"relabel entity as {label}", fields)


def resize_entity(project: "Project", entity: Entity | int, start: int, end: int) -> OpChanges:
    def fields(row):
        check_span(_article_text(project, row["article_id"]), start, end, "entity")
        return {"start": start, "end": end}
    return _update(project, "entities", entity, "resize entity", fields)


def set_entity_person(project: "Project", entity: Entity | int, person_id: int | None, *,
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


def confirm_entity(project: "Project", entity: Entity | int) -> OpChanges:
    return _update(project, "entities", entity, "confirm entity", {})


# --- quotes ---------------------------------------------------------------------------------------

def create_quote(project: "Project", article_id: int, start: int, end: int, kind: str = "direct", *,
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
        rec.insert("quotes", {"article_id": article_id, "start": start, "end": end, "kind": kind,
                              "speaker_id": speaker_id, "speaker_start": speaker_start, "speaker_end": speaker_end,
                              "cue_start": cue_start, "cue_end": cue_end, "stances": "[]", "origin": "human",
                              "reviewed": 1})
    return _run(project, f"add {kind} quote", fn)


def delete_quote(project: "Project", quote: Quote | int) -> OpChanges:
    return _delete(project, "quotes", quote, "delete quote")


def confirm_quote(project: "Project", quote: Quote | int) -> OpChanges:
    """Accept a suggested quote as it is (one key per correct quote in the app)."""
    return _update(project, "quotes", quote, "confirm quote", {})


def set_quote_kind(project: "Project", quote: Quote | int, kind: str) -> OpChanges:
    project.scheme.check("quote kind", kind)
    return _update(project, "quotes", quote, f"mark quote {kind}", {"kind": kind})


def resize_quote(project: "Project", quote: Quote | int, start: int, end: int) -> OpChanges:
    def fields(row):
        check_span(_article_text(project, row["article_id"]), start, end, "quote")
        return {"start": start, "end": end}
    return _update(project, "quotes", quote, "resize quote", fields)


def set_quote_speaker(project: "Project", quote: Quote | int, person_id: int | None,
                      speaker_start: int | None = None, speaker_end: int | None = None, *,
                      new_person: str | None = None, new_kind: str = "person") -> OpChanges:
    """Link a quote to the source who said it (None: unknown), optionally at a given mention.

    With `new_person`, the speaker is the source of that name and `new_kind`: an existing one if the
    project knows it, else one created in this same operation, so a single undo takes back both."""
    qid = _id(quote)
    fields = {"speaker_id": person_id, "speaker_start": speaker_start, "speaker_end": speaker_end}
    if person_id is None and new_person is None:
        fields.update(speaker_start=None, speaker_end=None)
    expect = _expect(quote, fields, _row_of("quotes"))

    def fn(rec: Recorder):
        row = rec.current("quotes", qid)
        check_span(_article_text(project, row["article_id"]), speaker_start, speaker_end, "speaker")
        pid = _resolve_person(project, rec, person_id, new_person, new_kind, row["article_id"])
        rec.update("quotes", qid, {**fields, "speaker_id": pid, "reviewed": 1}, expect)
    return _run(project, f"set speaker (new {new_kind} {new_person.strip()})" if new_person else "set speaker", fn)


def set_quote_cue(project: "Project", quote: Quote | int, cue_start: int | None, cue_end: int | None) -> OpChanges:
    def fields(row):
        check_span(_article_text(project, row["article_id"]), cue_start, cue_end, "cue")
        return {"cue_start": cue_start, "cue_end": cue_end}
    return _update(project, "quotes", quote, "set cue", fields)


def set_stance(project: "Project", quote: Quote | int, target: str, label: str | None) -> OpChanges:
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
        return {"stances": json.dumps(stances, ensure_ascii=False)}
    return _update(project, "quotes", qid, f"stance {label or 'cleared'} toward {target}", fields, expect_fields=())


def set_claim(project: "Project", quote: Quote | int, claim: str | None) -> OpChanges:
    project.scheme.check("claim type", claim)
    return _update(project, "quotes", quote, f"claim {claim or 'cleared'}", {"claim": claim, "claim_confidence": None})


def set_checkworthy(project: "Project", quote: Quote | int, value: bool | None) -> OpChanges:
    if not project.scheme.checkworthy and value is not None:
        raise SchemeError("this project's scheme has no check-worthy flag")
    return _update(project, "quotes", quote, "check-worthy" if value else "not check-worthy",
                   {"checkworthy": None if value is None else int(value)})


def set_note(project: "Project", quote: Quote | int, note: str) -> OpChanges:
    return _update(project, "quotes", quote, "edit note", {"note": note})


# --- articles -------------------------------------------------------------------------------------

def set_article_status(project: "Project", article: Article | int, status: str | Status, *,
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


def set_article_flag(project: "Project", article: Article | int, flagged: bool) -> OpChanges:
    """Flag an article for a second look or a question to the team (or take the flag off)."""
    return _update(project, "articles", article, "flag article" if flagged else "unflag article",
                   lambda row: {"flagged": int(bool(flagged)), "updated_at": _now()}, reviewed=False, touch=False,
                   expect_fields=("flagged",))


def set_article_comment(project: "Project", article: Article | int, comment: str) -> OpChanges:
    """The annotator's comment on the whole article. Passing the `Article` shown (not its id) raises
    `ConflictError` if someone else changed the comment meanwhile."""
    comment = comment.strip()

    def fields(row):
        return {"comment": comment, "updated_at": _now()} if comment != row["comment"] else {}
    return _update(project, "articles", article, "edit article comment", fields, reviewed=False, touch=False,
                   expect_fields=("comment",))



def undo(project: "Project") -> OpChanges:
    return project.undo_stack.undo()


def redo(project: "Project") -> OpChanges:
    return project.undo_stack.redo()


# Operations on sources live in source_ops.py; every operation is reachable as `ops.<name>`.
from .source_ops import create_person, merge_persons, rename_person, set_source_kind  # noqa: E402,F401
