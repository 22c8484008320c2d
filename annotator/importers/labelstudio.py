"""Label Studio's JSON export (a list of annotated tasks) read back, as our own export writes it or
as Label Studio exports a project labelled with our config (`OUT.config.xml`).

A task's latest submitted (not cancelled) annotation is reviewed work and the article is done; a
task whose only annotations were cancelled is skipped; the latest prediction's regions are
suggestions (unless an annotation region covers the same words). Results understood:

- `labels` regions: entities; QUOTE regions are quotes; SPEAKER and CUE only anchor relations;
- `relation`s labelled SPEAKER or CUE from a quote to the mention naming the speaker / to the cue;
- per-region `choices` on a quote: `kind`, `speaker_kind`, `claim`, `checkworthy` (yes/no),
  `stance_<target>`;
- per-region `textarea` on a quote: `speaker` (the canonical name), `note`.
Anything else (another control, a region whose text is not the task's text there, a relation to
nowhere) is refused with the task's number: an import is never partial.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..limits import MAX_DEPTH, check_value, may_hold_bad_chars
from ..models import KIND_OF_LABEL, SOURCE_KINDS, ArticleDraft, Entity, Quote, Stance, Status
from ..records import QUOTE_LABELS, RELATION_ONLY, stance_control
from ..scheme import Scheme
from .base import fail, read_text
from .jsonl import ARTICLE_META, _no_constant, _Persons, speaker_name


def is_labelstudio(text: str) -> bool:
    """A JSON array (Label Studio's export), as opposed to JSON Lines."""
    return text.lstrip()[:1] == "["


class _Result:
    """One annotation's or prediction's result list, turned into entities and quotes."""

    def __init__(self, text: str, persons: _Persons, scheme: Scheme | None, reviewed: bool):
        self.text, self.persons, self.scheme, self.reviewed = text, persons, scheme, reviewed
        self.regions: dict[str, tuple[int, int, str, float | None]] = {}
        self.ents: list[Entity] = []
        self.quotes: dict[str, Quote] = {}
        # per quote region: the speaker's name and kind, resolved to a source once all results are read
        self.names: dict[str, str] = {}
        self.kinds: dict[str, str] = {}

    def _offsets(self, r: dict, where: str) -> tuple[int, int]:
        v = r.get("value")
        if not isinstance(v, dict) or not isinstance(v.get("start"), int) or not isinstance(v.get("end"), int):
            raise ValueError(f"{where}: value needs integer start and end (a Text object's character offsets)")
        s, e = v["start"], v["end"]
        if not 0 <= s < e <= len(self.text):
            raise ValueError(f"{where}: span {s}-{e} is out of range for a text of {len(self.text)} characters")
        if isinstance(v.get("text"), str) and v["text"] != self.text[s:e]:
            raise ValueError(f"{where}: region text {v['text'][:40]!r} is not the task's text at {s}-{e}")
        return s, e

    def read(self, results: Any, where: str) -> None:
        if not isinstance(results, list):
            raise ValueError(f"{where}: result must be a list")
        origin = "human" if self.reviewed else "model"
        for i, r in enumerate(results):  # regions first: relations and per-region results point to them
            if not isinstance(r, dict):
                raise ValueError(f"{where}.result[{i}] must be an object")
            if r.get("type") != "labels":
                continue
            s, e = self._offsets(r, f"{where}.result[{i}]")
            labels = r["value"].get("labels")
            if not (isinstance(labels, list) and len(labels) == 1 and isinstance(labels[0], str)):
                raise ValueError(f"{where}.result[{i}]: a region needs exactly one label, got {labels!r}")
            label, score = labels[0], r.get("score")
            score = score if isinstance(score, (int, float)) and 0 <= score <= 1 else None
            self.regions[str(r.get("id"))] = (s, e, label, score)
            if label in QUOTE_LABELS:
                self.quotes[str(r.get("id"))] = Quote(start=s, end=e, origin=origin, reviewed=self.reviewed,
                                                      confidence=score)
            elif label not in RELATION_ONLY:
                self.ents.append(Entity(start=s, end=e, label=label, origin=origin, reviewed=self.reviewed,
                                        confidence=score))
        for i, r in enumerate(results):
            kind, at = r.get("type"), f"{where}.result[{i}]"
            if kind == "labels":
                continue
            if kind == "relation":
                self._relation(r, at)
            elif kind in ("choices", "textarea"):
                self._per_region(r, at)
            else:
                raise ValueError(f"{at}: a {kind!r} result has no place in a project")
        mentions = {(s, e): label for s, e, label, _ in self.regions.values()}
        for rid, q in self.quotes.items():
            if q.speaker_start is None and rid not in self.names:
                continue
            mention = (q.speaker_start, q.speaker_end)
            name = self.names.get(rid) or (speaker_name(self.text[mention[0]:mention[1]]) if q.speaker_start is not None
                                           else None)
            kind = self.kinds.get(rid) or KIND_OF_LABEL.get(mentions.get(mention, ""))
            q.speaker_id = self.persons.key(name, kind)

    def _relation(self, r: dict, at: str) -> None:
        labels = r.get("labels")
        if labels not in (["SPEAKER"], ["CUE"]):
            raise ValueError(f"{at}: a relation must be labelled SPEAKER or CUE, got {labels!r}")
        q = self.quotes.get(str(r.get("from_id")))
        end = self.regions.get(str(r.get("to_id")))
        if q is None or end is None:
            raise ValueError(f"{at}: relation from {r.get('from_id')!r} to {r.get('to_id')!r}: needs a QUOTE region "
                             "and a region of this result")
        if labels == ["CUE"]:
            q.cue_start, q.cue_end = end[0], end[1]
            return
        q.speaker_start, q.speaker_end = end[0], end[1]  # the source is resolved after all results

    def _per_region(self, r: dict, at: str) -> None:
        q = self.quotes.get(str(r.get("id")))
        name, v = r.get("from_name"), r.get("value") or {}
        if q is None:
            raise ValueError(f"{at}: {name!r} belongs to region {r.get('id')!r}, which is no QUOTE region")
        values = v.get("choices" if r["type"] == "choices" else "text")
        if not (isinstance(values, list) and len(values) == 1 and isinstance(values[0], str)):
            raise ValueError(f"{at}: {name!r} needs exactly one value, got {values!r}")
        value = values[0]
        rid = str(r.get("id"))
        if r["type"] == "textarea" and name == "speaker":
            if value.strip():
                self.names[rid] = value.strip()
        elif name == "speaker_kind" and value in SOURCE_KINDS:
            self.kinds[rid] = value
        elif r["type"] == "textarea" and name == "note":
            q.note = value
        elif name == "kind":
            q.kind = value
        elif name == "claim":
            q.claim = value
        elif name == "checkworthy" and value in ("yes", "no"):
            q.checkworthy = value == "yes"
        elif isinstance(name, str) and name.startswith("stance_") and (target := self._target(name)):
            q.stances = [*q.stances, Stance(target=target, label=value)]
        else:
            raise ValueError(f"{at}: {r['type']} {name!r} = {value!r} has no place in a project")

    def _target(self, control: str) -> str | None:
        targets = self.scheme.stance_targets if self.scheme else []
        return next((t for t in targets if stance_control(t) == control), None)


def _latest(items: list[dict]) -> dict | None:
    stamp = lambda a: (str(a.get("updated_at") or a.get("created_at") or ""), str(a.get("id", "")))
    return max(items, key=stamp) if items else None


def parse_task(task: Any, scheme: Scheme | None) -> ArticleDraft:
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise ValueError("a task must be an object with \"data\"")
    data = task["data"]
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("data.text is missing or empty (the config's <Text value=\"$text\">)")
    meta = dict(data.get("meta") or {}) if isinstance(data.get("meta"), dict) else {}
    meta.update({k: v for k, v in data.items() if k not in ("text", "meta", "title")})
    persons = _Persons()
    annotations = [a for a in task.get("annotations") or [] if isinstance(a, dict)]
    submitted = [a for a in annotations if not a.get("was_cancelled")]
    human = _Result(text, persons, scheme, reviewed=True)
    chosen = _latest(submitted)
    if chosen is not None:
        human.read(chosen.get("result"), "annotation")
    model = _Result(text, persons, scheme, reviewed=False)
    prediction = _latest([p for p in task.get("predictions") or [] if isinstance(p, dict)])
    if prediction is not None:
        model.read(prediction.get("result"), "prediction")
    taken = {(e.start, e.end) for e in human.ents} | {(q.start, q.end) for q in human.quotes.values()}
    ents = human.ents + [e for e in model.ents if (e.start, e.end) not in taken]
    quotes = [*human.quotes.values(), *(q for q in model.quotes.values() if (q.start, q.end) not in taken)]
    status = Status.DONE if chosen is not None else (Status.SKIPPED if annotations else Status.NEW)
    status = Status(meta.pop("status", status.value))
    published = meta.pop("published", None)
    return ArticleDraft(text=text, title=data.get("title") if isinstance(data.get("title"), str) else None,
                        place=meta.pop("place", None), source=meta.pop("source", None),
                        published=str(published)[:10] if published else None, model=meta.pop("model", None),
                        meta={k: v for k, v in meta.items() if k not in ARTICLE_META}, status=status,
                        entities=sorted(ents, key=lambda e: (e.start, e.end)),
                        quotes=sorted(quotes, key=lambda q: (q.start, q.end)), persons=persons.names)


def read_labelstudio(path: Path, encoding: str | None = None, scheme: Scheme | None = None) -> list[ArticleDraft]:
    text = read_text(path, encoding)
    try:
        tasks = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise fail(path, exc.lineno, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise fail(path, None, f"nested more than {MAX_DEPTH} levels deep") from None
    except ValueError as exc:  # NaN, Infinity; a number of more than 4,300 digits
        raise fail(path, None, f"not valid JSON ({str(exc).splitlines()[0][:120]})") from None
    if not isinstance(tasks, list):
        raise fail(path, None, "a Label Studio export is a JSON list of tasks")
    try:
        check_value(tasks, "tasks", may_hold_bad_chars(text))  # NUL, lone surrogates, nesting: before anything reads a task
    except ValueError as exc:
        raise fail(path, None, str(exc)) from None
    drafts = []
    for n, task in enumerate(tasks, start=1):
        try:
            d = parse_task(task, scheme)
        except (ValueError, TypeError) as exc:
            msg = str(exc).splitlines()[0]
            if hasattr(exc, "errors"):  # pydantic: name the field
                err = exc.errors()[0]
                msg = f"{'.'.join(map(str, err['loc'])) or 'task'}: {err['msg']}"
            raise fail(path, None, f"task {n} (id {task.get('id') if isinstance(task, dict) else '?'}): {msg}") from None
        d.source = d.source or path.name  # errors found later name the article (a task has no line)
        drafts.append(d)
    if not drafts:
        raise fail(path, None, "no tasks in this file")
    return drafts
