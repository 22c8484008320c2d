"""Adjudication: settle the annotators' disagreements; every decision writes the gold layer.

In a team project the main tables are the gold layer. For an article two or more annotators
finished, `review()` lines their quotes up into units (`units`) and gives, per unit and field
(span, speaker, stance per target, claim, check-worthy), each annotator's value, whether they
disagree, the gold value and the decision taken, if any. Decisions are operations (`ops._run`:
one transaction, undoable, in the audit log):

- `take(project, article, unit, field, annotator)`: the gold takes that annotator's value (for the
  speaker, their mention too; for the span, their quote's extent and kind, or no quote at all);
- `decide(project, article, unit, field, value)`: any other value;
- `finish(project, article)`: once no disagreement is left open, the gold article becomes what
  was decided plus what every annotator agreed on: agreed fields are written to each unit's gold
  quote, gold quotes no annotator marked (model suggestions) go, entities that more than half of
  the annotators marked (same span and label) are the gold entities, and the article is done.

The first decision on a unit with no gold quote creates one from the unit's anchor, with every
field the annotators agree on. A decision is recorded in `adjudications` under the unit's anchor
(the span of its first quote), so reopening the article shows it as decided.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import AnnotatorError
from ..ops import OpChanges, Recorder, _run
from .layers import done_annotators, layer_entities, layer_quotes
from .units import NO_QUOTE, Unit, build_units, disagrees, fields, match, value, words

if TYPE_CHECKING:
    from ..store import Project

ADJUDICATOR = "adjudicator"


@dataclass
class Row:
    unit: int  # index into ArticleReview.units
    field: str
    values: dict[str, Any]  # annotator -> value (NO_QUOTE where they marked no such quote)
    disagree: bool
    gold: Any
    decided: Any = None  # the decision's value (json-decoded), when there is one
    source: str | None = None  # whose value was taken (annotator, or "adjudicator")
    moot: bool = False  # the unit was decided to be no quote: its other fields need nothing

    @property
    def open(self) -> bool:
        return self.disagree and self.source is None and not self.moot


@dataclass
class ArticleReview:
    article_id: int
    text: str
    annotators: list[str]
    units: list[Unit]
    rows: list[Row]
    gold: dict[int, Any] = field(default_factory=dict)  # unit index -> gold Quote

    @property
    def open(self) -> int:
        return sum(r.open for r in self.rows)

    @property
    def disagreements(self) -> int:
        return sum(r.disagree for r in self.rows)

    def row(self, unit: int, fld: str) -> Row:
        return next(r for r in self.rows if r.unit == unit and r.field == fld)


def _decode(v: str | None) -> Any:
    if v is None:
        return None
    out = json.loads(v)
    return tuple(out) if isinstance(out, list) else out


def review(project: "Project", article_id: int) -> ArticleReview:
    """Everyone's values side by side for one article (see module doc)."""
    who = done_annotators(project, article_id)
    if len(who) < 2:
        raise AnnotatorError(f"article {article_id}: fewer than two annotators finished it; nothing to adjudicate")
    scheme = project.scheme
    ann = project.load_article(article_id, validate=False)
    text = ann.article.text
    units = build_units(text, {a: layer_quotes(project, article_id, a) for a in who})
    gold_q = list(ann.quotes)
    pairs = match([words(text, q.start, q.end) for q in gold_q], [u.words for u in units])
    gold = {j: gold_q[i] for i, j in pairs}
    decisions = {(r[0], r[1], r[2]): (r[3], r[4]) for r in project.conn.execute(
        "SELECT unit_start, unit_end, field, value, source FROM adjudications WHERE article_id = ?", (article_id,))}
    rows = []
    for j, u in enumerate(units):
        span_decision = decisions.get((u.start, u.end, "span"))
        moot = span_decision is not None and _decode(span_decision[0]) == NO_QUOTE
        for f in fields(scheme):
            vals = {a: value(u.members.get(a), f, scheme) for a in who}
            dec = decisions.get((u.start, u.end, f))
            rows.append(Row(j, f, vals, disagrees(u, f, scheme, who), value(gold.get(j), f, scheme),
                            _decode(dec[0]) if dec else None, dec[1] if dec else None, moot and f != "span"))
    return ArticleReview(article_id, text, who, units, rows, gold)


def to_adjudicate(project: "Project") -> list[int]:
    """The articles to adjudicate, by id: two or more annotators finished them, the gold layer
    has not (cheap: counting their disagreements is what `queue_entry` does, one at a time)."""
    from .layers import overlap_article_ids

    done = {r[0] for r in project.conn.execute("SELECT id FROM articles WHERE status = 'done'")}
    return [aid for aid in overlap_article_ids(project) if aid not in done]


def queue_entry(project: "Project", article_id: int) -> tuple[int, int, int]:
    """(article id, open disagreements, disagreements)."""
    r = review(project, article_id)
    return article_id, r.open, r.disagreements


def queue_order(entries: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The most open disagreements first, then the most disagreements, then by id."""
    return sorted(entries, key=lambda t: (-t[1], -t[2], t[0]))


def queue(project: "Project") -> list[tuple[int, int, int]]:
    """(article id, open disagreements, disagreements) for every article to adjudicate: not yet
    done in the gold layer, two or more annotators finished; the most open disagreements first."""
    return queue_order([queue_entry(project, aid) for aid in to_adjudicate(project)])


# --- writing the gold layer ---------------------------------------------------------------------------

def _consensus(u: Unit, rv: ArticleReview, scheme) -> dict[str, Any]:
    """The fields every annotator who marked the quote agrees on: field -> value."""
    out = {}
    for f in fields(scheme):
        if f != "span" and not disagrees(u, f, scheme, rv.annotators):
            if f.startswith("stance:") and not any(f[7:] in _current_stances(q) for q in u.members.values()):
                continue  # nobody gave a stance toward it: the gold gives none either
            out[f] = value(next(iter(u.members.values())), f, scheme)
    return out


def _set(fields_out: dict, f: str, v: Any, q_from=None, stances: dict | None = None) -> None:
    """Row changes for one field's value (`q_from`: the quote the value was taken from)."""
    if f == "span":
        fields_out.update(start=v[0], end=v[1], kind=v[2])
    elif f == "speaker":
        fields_out["speaker_id"] = v
        same = q_from is not None and q_from.speaker_id == v
        fields_out["speaker_start"] = q_from.speaker_start if same else None
        fields_out["speaker_end"] = q_from.speaker_end if same else None
    elif f.startswith("stance:"):
        stances[f.split(":", 1)[1]] = v
    elif f == "claim":
        fields_out.update(claim=v, claim_confidence=None)
    elif f == "checkworthy":
        fields_out["checkworthy"] = None if v is None else int(bool(v))


def _stances_json(stances: dict, scheme) -> str:
    order = {t: i for i, t in enumerate(scheme.stance_targets)}
    items = sorted(((t, lab) for t, lab in stances.items() if lab is not None), key=lambda x: order.get(x[0], 99))
    return json.dumps([{"target": t, "label": lab} for t, lab in items], ensure_ascii=False)


def _current_stances(q) -> dict:
    if q is None:
        return {}
    raw = json.loads(q.stances) if isinstance(q.stances, str) else q.stances
    return {(s["target"] if isinstance(s, dict) else s.target): (s["label"] if isinstance(s, dict) else s.label)
            for s in raw}


def _write_unit(rec: Recorder, project: "Project", rv: ArticleReview, j: int, changes: dict[str, tuple]) -> None:
    """Bring unit j's gold quote to `changes` (field -> (value, quote taken from)), creating it from
    the unit's anchor and consensus if it has none, or deleting it for NO_QUOTE."""
    scheme = project.scheme
    u, gold = rv.units[j], rv.gold.get(j)
    if changes.get("span", (None,))[0] == NO_QUOTE:
        if gold is not None:
            rec.delete("quotes", gold.id)
        return
    row: dict[str, Any] = {}
    stances = _current_stances(gold)
    if gold is None:
        first = u.members[sorted(u.members)[0]]
        _set(row, "span", (u.start, u.end, first.kind))
        for f, v in _consensus(u, rv, scheme).items():
            _set(row, f, v, first, stances)
    for f, (v, q_from) in changes.items():
        _set(row, f, v, q_from, stances)
    row["stances"] = _stances_json(stances, scheme)
    row["reviewed"] = 1
    if gold is None:
        rec.insert("quotes", {"article_id": rv.article_id, "kind": "direct", "origin": "human", "note": "",
                              "stances": "[]", **row})
    else:
        rec.update("quotes", gold.id, row)


def _record(rec: Recorder, project: "Project", rv: ArticleReview, j: int, f: str, v: Any, source: str) -> None:
    u = rv.units[j]
    enc = json.dumps(list(v) if isinstance(v, tuple) else v, ensure_ascii=False)
    r = project.conn.execute("SELECT id FROM adjudications WHERE article_id = ? AND unit_start = ? AND unit_end = ?"
                             " AND field = ?", (rv.article_id, u.start, u.end, f)).fetchone()
    if r is None:
        rec.insert("adjudications", {"article_id": rv.article_id, "unit_start": u.start, "unit_end": u.end,
                                     "field": f, "value": enc, "source": source})
    else:
        rec.update("adjudications", r[0], {"value": enc, "source": source})


def _unit_index(rv: ArticleReview, unit: int | Unit) -> int:
    if isinstance(unit, int):
        if not 0 <= unit < len(rv.units):
            raise AnnotatorError(f"article {rv.article_id}: no quote unit {unit}")
        return unit
    for j, u in enumerate(rv.units):
        if (u.start, u.end) == (unit.start, unit.end):
            return j
    raise AnnotatorError(f"article {rv.article_id}: the quote at {unit.start}-{unit.end} is no longer a unit")


def _check_value(project: "Project", f: str, v: Any, text: str) -> None:
    s = project.scheme
    if f not in fields(s):
        raise AnnotatorError(f"no field {f!r} to decide (one of {', '.join(fields(s))})")
    if f.startswith("stance:"):
        s.check("stance label", v)
    elif f == "claim":
        s.check("claim type", v)
    elif f == "speaker" and v is not None:
        project.get_person(v)
    elif f == "span" and v != NO_QUOTE:
        from ..models import check_span

        check_span(text, v[0], v[1], "quote")
        s.check("quote kind", v[2])


def take(project: "Project", article_id: int, unit: int | Unit, fld: str, annotator: str) -> OpChanges:
    """The gold takes `annotator`'s value of one field of one quote unit."""
    rv = review(project, article_id)
    j = _unit_index(rv, unit)
    if annotator not in rv.annotators:
        raise AnnotatorError(f"article {article_id}: {annotator!r} did not finish it ({', '.join(rv.annotators)})")
    q = rv.units[j].members.get(annotator)
    if q is None and fld != "span":
        raise AnnotatorError(f"{annotator} marked no such quote: there is no {fld} of theirs to take")
    v = value(q, fld, project.scheme)
    _check_value(project, fld, v, rv.text)

    def fn(rec: Recorder):
        _write_unit(rec, project, rv, j, {fld: (v, q)})
        _record(rec, project, rv, j, fld, v, annotator)
    return _run(project, f"adjudicate {fld}: {annotator}'s", fn)


def decide(project: "Project", article_id: int, unit: int | Unit, fld: str, v: Any) -> OpChanges:
    """The gold gets `v` for one field of one quote unit, whoever (if anyone) gave it."""
    rv = review(project, article_id)
    j = _unit_index(rv, unit)
    if isinstance(v, list):
        v = tuple(v)
    _check_value(project, fld, v, rv.text)

    def fn(rec: Recorder):
        _write_unit(rec, project, rv, j, {fld: (v, None)})
        _record(rec, project, rv, j, fld, v, ADJUDICATOR)
    return _run(project, f"adjudicate {fld}", fn)


def finish(project: "Project", article_id: int) -> OpChanges:
    """Write the agreed fields and entities to the gold layer and mark the article done (see module doc)."""
    rv = review(project, article_id)
    if rv.open:
        raise AnnotatorError(f"article {article_id}: {rv.open} disagreement(s) not decided yet")
    scheme = project.scheme
    ann = project.load_article(article_id, validate=False)
    majority = len(rv.annotators) / 2
    marks = Counter()
    persons: dict[tuple, Counter] = {}
    for a in rv.annotators:
        for e in layer_entities(project, article_id, a):
            key = (e.start, e.end, e.label)
            marks[key] += 1
            persons.setdefault(key, Counter())[e.person_id] += 1
    wanted = {k: persons[k].most_common(1)[0][0] for k, n in marks.items() if n > majority}

    def fn(rec: Recorder):
        kept_gold, gone = set(), set()
        for j, u in enumerate(rv.units):
            span = rv.row(j, "span")
            if span.source is not None and span.decided == NO_QUOTE:
                _write_unit(rec, project, rv, j, {"span": (NO_QUOTE, None)})
                if rv.gold.get(j) is not None:
                    gone.add(rv.gold[j].id)
                continue
            if span.source is None and len(u.members) < len(rv.annotators):
                continue  # cannot happen: an open disagreement
            changes = {f: (v, u.members[sorted(u.members)[0]]) for f, v in _consensus(u, rv, scheme).items()}
            if span.source is None:
                changes["span"] = (value(u.members[sorted(u.members)[0]], "span", scheme), None)
            _write_unit(rec, project, rv, j, {f: c for f, c in changes.items() if rv.row(j, f).source is None})
            if rv.gold.get(j) is not None:
                kept_gold.add(rv.gold[j].id)
        for q in ann.quotes:  # suggestions no annotator marked are no label
            if q.id not in kept_gold and q.id not in gone:
                rec.delete("quotes", q.id)
        have = {}
        for e in ann.entities:
            key = (e.start, e.end, e.label)
            if key in wanted and key not in have:
                have[key] = e.id
                rec.update("entities", e.id, {"person_id": wanted[key], "reviewed": 1})
            else:
                rec.delete("entities", e.id)
        for key, pid in sorted(wanted.items()):
            if key not in have:
                rec.insert("entities", {"article_id": article_id, "start": key[0], "end": key[1], "label": key[2],
                                        "person_id": pid, "origin": "human", "reviewed": 1})
        rec.update("articles", article_id, {"status": "done", "updated_at": rec.ts})
    return _run(project, "finish adjudication", fn, touch=False)
