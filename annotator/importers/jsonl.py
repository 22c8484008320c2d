"""JSON Lines: Prodigy's input format, doccano's export, and our own export (read back unchanged).

Per line, the format is recognised by its keys:
- ours: a `quotes` list (what `annotator export jsonl` writes; origin, review state and status kept);
- doccano: `label` as [[start, end, LABEL], ...] or `entities` with `start_offset`/`end_offset`;
- Prodigy: `text`, `meta`, optional `spans` and `relations` (label SPEAKER from a QUOTE span).
Annotations from doccano and Prodigy come in as suggestions to review.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..limits import MAX_DEPTH, check_value
from ..models import SOURCE_KINDS, ArticleDraft, Entity, Person, Quote, Stance, Status
from .base import fail, read_text

QUOTE_LABELS = {"QUOTE", "QUOTATION"}
# Keys our exporter puts into meta that are article fields, not imported meta.
ARTICLE_META = ("title", "place", "published", "status", "source", "model")


def _int(v: Any, what: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise ValueError(f"{what} must be an integer, got {v!r}")
    return v


def _span(d: Any, what: str, s: str = "start", e: str = "end") -> tuple[int, int]:
    if not isinstance(d, dict):
        raise ValueError(f"{what} must be an object, got {type(d).__name__}")
    if s not in d or e not in d:
        raise ValueError(f"{what} needs {s!r} and {e!r}")
    return _int(d[s], f"{what} {s}"), _int(d[e], f"{what} {e}")


def _opt_span(d: dict, a: str, b: str) -> tuple[int | None, int | None]:
    va, vb = d.get(a), d.get(b)
    if va is None and vb is None:
        return None, None
    return _int(va, a), _int(vb, b)


class _Persons:
    """Draft-local source keys by canonical name (and kind: "Coles" the chain and a Mr Coles differ)."""

    def __init__(self, listed: Any = None):
        self.names: dict[int, Person] = {}
        self.by_name: dict[tuple[str, str], int] = {}
        self.listed: dict[str, dict] = {}
        self.local: set[int] = set()
        self.orgs: dict[int, str] = {}
        for i, p in enumerate(listed or []):
            if not isinstance(p, dict) or not isinstance(p.get("name"), str):
                raise ValueError(f"persons[{i}] must be an object with a \"name\"")
            kind = p.get("kind") or "person"
            if kind not in SOURCE_KINDS:
                raise ValueError(f"persons[{i}]: unknown kind {kind!r} (one of {', '.join(SOURCE_KINDS)})")
            self.listed[p["name"]] = {"aliases": [str(a) for a in p.get("aliases") or []], "kind": kind,
                                      "org": p.get("org") if isinstance(p.get("org"), str) else None,
                                      "local": p.get("scope") == "article"}

    def key(self, name: str | None, kind: str | None = None) -> int | None:
        if not name:
            return None
        info = self.listed.get(name, {})
        kind = kind or info.get("kind") or "person"
        if kind not in SOURCE_KINDS:
            raise ValueError(f"unknown speaker kind {kind!r} (one of {', '.join(SOURCE_KINDS)})")
        if (name, kind) not in self.by_name:
            k = len(self.by_name) + 1
            self.by_name[(name, kind)] = k
            self.names[k] = Person(name=name, aliases=info.get("aliases", []), kind=kind)
            if info.get("local"):
                self.local.add(k)
            if info.get("org"):
                self.orgs[k] = info["org"]
        return self.by_name[(name, kind)]


def _ours(obj: dict, text: str, persons: _Persons) -> tuple[list[Entity], list[Quote]]:
    ents = []
    for i, sp in enumerate(obj.get("spans") or []):
        s, e = _span(sp, f"spans[{i}]")
        ents.append(Entity(start=s, end=e, label=str(sp.get("label")), person_id=persons.key(sp.get("person")),
                           origin=sp.get("origin", "model"), confidence=sp.get("confidence"),
                           reviewed=bool(sp.get("reviewed", False))))
    quotes = []
    for i, q in enumerate(obj["quotes"]):
        s, e = _span(q, f"quotes[{i}]")
        cs, ce = _opt_span(q, "cue_start", "cue_end")
        ss, se = _opt_span(q, "speaker_start", "speaker_end")
        stances = [Stance(**st) for st in (q.get("stances") or [])]
        quotes.append(Quote(start=s, end=e, kind=q.get("kind") or "direct", cue_start=cs, cue_end=ce,
                            speaker_id=persons.key(q.get("speaker"), q.get("speaker_kind")),
                            speaker_start=ss, speaker_end=se,
                            stances=stances, claim=q.get("claim"), claim_confidence=q.get("claim_confidence"),
                            checkworthy=q.get("checkworthy"),
                            note=q.get("note") or "", origin=q.get("origin", "model"),
                            confidence=q.get("confidence"), reviewed=bool(q.get("reviewed", False))))
    return ents, quotes


def _doccano(obj: dict) -> list[Entity]:
    ents = []
    if isinstance(obj.get("label"), list):
        for i, item in enumerate(obj["label"]):
            if not (isinstance(item, list) and len(item) == 3):
                raise ValueError(f"label[{i}] must be [start, end, LABEL], got {item!r}")
            ents.append(Entity(start=_int(item[0], f"label[{i}] start"), end=_int(item[1], f"label[{i}] end"),
                               label=str(item[2])))
    for i, item in enumerate(obj.get("entities") or []):
        s, e = _span(item, f"entities[{i}]", "start_offset", "end_offset")
        ents.append(Entity(start=s, end=e, label=str(item.get("label"))))
    return ents


def _prodigy(obj: dict, text: str, persons: _Persons) -> tuple[list[Entity], list[Quote]]:
    ents, quotes = [], []
    by_start: dict[int, Quote] = {}
    for i, sp in enumerate(obj.get("spans") or []):
        s, e = _span(sp, f"spans[{i}]")
        label = str(sp.get("label"))
        if label in QUOTE_LABELS:
            q = Quote(start=s, end=e, kind="direct")
            quotes.append(q)
            by_start[s] = q
        else:
            ents.append(Entity(start=s, end=e, label=label))
    for i, rel in enumerate(obj.get("relations") or []):
        if not isinstance(rel, dict):
            raise ValueError(f"relations[{i}] must be an object")
        if str(rel.get("label")).upper() != "SPEAKER":
            continue
        hs, _ = _span(rel.get("head_span"), f"relations[{i}].head_span")
        cs, ce = _span(rel.get("child_span"), f"relations[{i}].child_span")
        q = by_start.get(hs)
        if q is None:
            raise ValueError(f"relations[{i}]: head_span at {hs} is not a QUOTE span")
        q.speaker_start, q.speaker_end = cs, ce
        q.speaker_id = persons.key(text[cs:ce].strip())
    return ents, quotes


def parse_record(obj: Any) -> ArticleDraft:
    if not isinstance(obj, dict):
        raise ValueError(f"each line must be a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("missing or empty \"text\"")
    meta = obj.get("meta") or {}
    if not isinstance(meta, dict):
        raise ValueError("\"meta\" must be an object")
    meta = dict(meta)
    persons = _Persons(obj.get("persons"))
    status = Status.NEW
    if isinstance(obj.get("quotes"), list):
        ents, quotes = _ours(obj, text, persons)
        status = Status(meta.pop("status", "new"))
    elif "label" in obj or "entities" in obj:
        ents, quotes = _doccano(obj), []
        meta.update({k: v for k, v in obj.items() if k not in ("text", "label", "entities", "relations", "meta")})
    else:
        ents, quotes = _prodigy(obj, text, persons)
    published = meta.pop("published", None)
    if published is not None:
        published = date.fromisoformat(str(published)[:10])
    return ArticleDraft(title=meta.pop("title", None), place=meta.pop("place", None), text=text,
                        source=meta.pop("source", None), published=published, model=meta.pop("model", None),
                        meta=meta, status=status,
                        entities=ents, quotes=quotes, persons=persons.names, article_sources=persons.local,
                        org_names=persons.orgs)


def _no_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def read_jsonl(path: Path, encoding: str | None = None) -> list[ArticleDraft]:
    text = read_text(path, encoding)
    drafts = []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line, parse_constant=_no_constant)
        except json.JSONDecodeError as exc:
            raise fail(path, n, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
        except RecursionError:  # the same limit check_draft sets on what does parse
            raise fail(path, n, f"nested more than {MAX_DEPTH} levels deep") from None
        except ValueError as exc:  # NaN, Infinity; a number of more than 4,300 digits
            raise fail(path, n, f"not valid JSON ({str(exc).splitlines()[0][:120]})") from None
        try:
            check_value(obj, "record")  # NUL, lone surrogates, nesting: before anything reads the record
            d = parse_record(obj)
        except ValidationError as exc:
            err = exc.errors()[0]
            raise fail(path, n, f"{'.'.join(map(str, err['loc'])) or 'record'}: {err['msg']}") from None
        except (ValueError, TypeError, KeyError) as exc:
            raise fail(path, n, str(exc)) from None
        d.line = n
        d.source = d.source or path.name
        drafts.append(d)
    if not drafts:
        raise fail(path, None, "no records in this file")
    return drafts
