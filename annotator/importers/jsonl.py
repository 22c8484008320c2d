"""JSON Lines: Prodigy's tasks, doccano's export, and our own export (read back unchanged).

Per line, the format is recognised by its keys:
- doccano: `label` as [[start, end, LABEL], ...], or `entities` with `start_offset`/`end_offset` and
  `relations` (`from_id`, `to_id`, `type`); QUOTE entities are quotes, a SPEAKER relation links a
  quote to its speaker's mention. Its labels are an annotator's work: reviewed. Our own doccano
  export adds `quotes` (kind, cue, speaker name, stances, claim) and `suggestions`, which doccano
  keeps as metadata and this reader merges back;
- ours: a `quotes` list (what `annotator export jsonl` writes; origin, review state and status kept);
- Prodigy: `text`, `meta`, optional `spans` (QUOTE spans are quotes; SPEAKER spans only anchor a
  relation) and `relations` labelled SPEAKER from a quote to its speaker, found by `head_span` /
  `child_span` or else by `head`/`child`, the last token of each span. `answer`: "accept" is
  reviewed work (the article is done); "reject" and "ignore" are imported as such: the article is
  skipped, its spans stay suggestions, and the answer is kept in meta. No answer: suggestions.
Anything a reader cannot represent (another relation label, an answer Prodigy does not have) is
refused with the line's number, never dropped silently.
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
RELATION_ONLY = {"SPEAKER", "CUE"}  # span labels that only anchor a relation: not entities
# A speaker mention that names nobody by itself: the quote keeps the mention, the person stays open.
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "him", "her", "them", "his",
            "its", "their", "one", "this"}


def speaker_name(mention: str) -> str | None:
    words = mention.strip().split()
    if not words or (len(words) == 1 and words[0].lower().strip(".,") in PRONOUNS) or words[0][:1].islower():
        return None
    return mention.strip()
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
        if str(sp.get("label")) in QUOTE_LABELS | RELATION_ONLY:
            continue  # the quotes and speaker mentions relations point to: `quotes` holds them
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


class _Spans:
    """Labelled spans of one record, sorted into entities, quotes and relation anchors."""

    def __init__(self, text: str, persons: _Persons, reviewed: bool):
        self.text, self.persons, self.reviewed = text, persons, reviewed
        self.ents: list[Entity] = []
        self.quotes: dict[tuple[int, int], Quote] = {}
        self.anchors: set[tuple[int, int]] = set()

    def add(self, s: int, e: int, label: str, confidence: float | None = None) -> None:
        origin = "human" if self.reviewed else "model"
        if label in QUOTE_LABELS:
            self.quotes.setdefault((s, e), Quote(start=s, end=e, origin=origin, reviewed=self.reviewed,
                                                 confidence=confidence))
        elif label in RELATION_ONLY:
            self.anchors.add((s, e))
        else:
            self.ents.append(Entity(start=s, end=e, label=label, origin=origin, reviewed=self.reviewed,
                                    confidence=confidence))
            self.anchors.add((s, e))

    def speaker(self, where: str, quote: tuple[int, int], mention: tuple[int, int]) -> None:
        q = self.quotes.get(quote)
        if q is None:
            raise ValueError(f"{where}: its head ({quote[0]}-{quote[1]}) is not a QUOTE span")
        if mention not in self.anchors:
            raise ValueError(f"{where}: its child ({mention[0]}-{mention[1]}) is not one of the spans")
        q.speaker_start, q.speaker_end = mention
        q.speaker_id = self.persons.key(speaker_name(self.text[mention[0]:mention[1]]))


def _relation_label(rel: Any, i: int, key: str) -> str:
    if not isinstance(rel, dict):
        raise ValueError(f"relations[{i}] must be an object")
    label = str(rel.get(key)).upper()
    if label != "SPEAKER":
        raise ValueError(f"relations[{i}]: {key} {rel.get(key)!r} is not SPEAKER, the one relation a project keeps")
    return label


def _doccano(obj: dict, text: str, persons: _Persons) -> tuple[list[Entity], list[Quote]]:
    spans = _Spans(text, persons, reviewed=True)  # doccano's labels are an annotator's
    by_id: dict[Any, tuple[int, int]] = {}
    if isinstance(obj.get("label"), list):
        for i, item in enumerate(obj["label"]):
            if not (isinstance(item, list) and len(item) == 3):
                raise ValueError(f"label[{i}] must be [start, end, LABEL], got {item!r}")
            spans.add(_int(item[0], f"label[{i}] start"), _int(item[1], f"label[{i}] end"), str(item[2]))
    for i, item in enumerate(obj.get("entities") or []):
        s, e = _span(item, f"entities[{i}]", "start_offset", "end_offset")
        spans.add(s, e, str(item.get("label")))
        if "id" in item:
            by_id[item["id"]] = (s, e)
    for i, rel in enumerate(obj.get("relations") or []):
        _relation_label(rel, i, "type")
        ends = [by_id.get(rel.get(k)) for k in ("from_id", "to_id")]
        if None in ends:
            raise ValueError(f"relations[{i}]: from_id/to_id must name entities of this line")
        spans.speaker(f"relations[{i}]", ends[0], ends[1])
    sugg = obj.get("suggestions") or {}
    if not isinstance(sugg, dict):
        raise ValueError("\"suggestions\" must be an object")
    model = _Spans(text, persons, reviewed=False)  # what our own export wrote as unreviewed
    for i, item in enumerate(sugg.get("entities") or []):
        s, e = _span(item, f"suggestions.entities[{i}]", "start_offset", "end_offset")
        model.add(s, e, str(item.get("label")), item.get("confidence"))
    quotes = dict(spans.quotes)
    for i, q in enumerate(obj.get("quotes") or []):  # our extras: labels doccano has no place for
        s, e = _span(q, f"quotes[{i}]")
        extra = _ours({"quotes": [q]}, text, persons)[1][0]
        if (s, e) in quotes:
            mine = quotes[(s, e)]
            quotes[(s, e)] = extra.model_copy(update={"origin": mine.origin, "reviewed": True,
                                                      "speaker_start": mine.speaker_start,
                                                      "speaker_end": mine.speaker_end,
                                                      "speaker_id": extra.speaker_id or mine.speaker_id})
        elif not extra.reviewed:
            quotes[(s, e)] = extra  # a suggestion, kept as one
        else:
            raise ValueError(f"quotes[{i}]: reviewed quote {s}-{e} has no QUOTE entity (edited in doccano?)")
    return spans.ents + model.ents, sorted(quotes.values(), key=lambda q: (q.start, q.end))


ANSWERS = {"accept": Status.DONE, "reject": Status.SKIPPED, "ignore": Status.SKIPPED}


def _answer(obj: dict) -> str | None:
    answer = obj.get("answer")
    if answer is not None and answer not in ANSWERS:
        raise ValueError(f"answer must be accept, reject or ignore, got {answer!r}")
    return answer


def _prodigy(obj: dict, text: str, persons: _Persons) -> tuple[list[Entity], list[Quote]]:
    spans = _Spans(text, persons, reviewed=_answer(obj) == "accept")
    by_token_end: dict[int, tuple[int, int]] = {}
    for i, sp in enumerate(obj.get("spans") or []):
        s, e = _span(sp, f"spans[{i}]")
        spans.add(s, e, str(sp.get("label")))
        if isinstance(sp.get("token_end"), int):
            by_token_end.setdefault(sp["token_end"], (s, e))
    for i, rel in enumerate(obj.get("relations") or []):
        _relation_label(rel, i, "label")
        ends = []
        for end, key in (("head_span", "head"), ("child_span", "child")):
            if rel.get(end) is not None:
                ends.append(_span(rel[end], f"relations[{i}].{end}"))
            elif isinstance(rel.get(key), int) and rel[key] in by_token_end:
                ends.append(by_token_end[rel[key]])  # Prodigy's convention: the span's last token
            else:
                raise ValueError(f"relations[{i}]: {key} {rel.get(key)!r} is the last token of no span")
        spans.speaker(f"relations[{i}]", ends[0], ends[1])
    return spans.ents, sorted(spans.quotes.values(), key=lambda q: (q.start, q.end))


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
    answer = _answer(obj)
    if isinstance(obj.get("_input_hash"), int):
        meta["_input_hash"] = obj["_input_hash"]  # Prodigy's identity of the text, written back on export
    if isinstance(obj.get("label"), list) or (isinstance(obj.get("entities"), list) and "spans" not in obj):
        ents, quotes = _doccano(obj, text, persons)
        # doccano keeps a line's other keys as metadata and writes them back at the top level
        meta.update({k: v for k, v in obj.items() if k not in DOCCANO_KEYS and not (k == "Comments" and not v)})
        status = Status(meta.pop("status", Status.DONE.value if ents or quotes else Status.NEW.value))
    elif isinstance(obj.get("quotes"), list):
        ents, quotes = _ours(obj, text, persons)
        status = Status(meta.pop("status", "new"))
    else:
        if "label" in obj or "accept" in obj or "options" in obj:
            raise ValueError("a Prodigy classification or choice task (label/accept/options): a project has no "
                             "article-level categories to keep it in")
        ents, quotes = _prodigy(obj, text, persons)
        status = ANSWERS.get(answer, Status.NEW)
        if answer in ("reject", "ignore"):
            meta["answer"] = answer
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


DOCCANO_KEYS = ("text", "label", "entities", "relations", "meta", "quotes", "persons", "suggestions", "_input_hash")


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
