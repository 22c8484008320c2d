"""`annotator validate FILE`: check an export file against its format and say what is wrong.

Formats are recognised as `annotator import` recognises them: a JSON list is Label Studio's task
list (checked against `FILE.config.xml` when it is there), a JSON Lines file holds Prodigy tasks
(our JSONL export) or doccano lines. Checked: offsets within the text and not on blank space,
token indices agreeing with the tokens, every relation's ends among the spans (Prodigy: `head`
and `child` the last token of `head_span` / `child_span`), ids that relations and per-region
results refer to, Prodigy's answers and hashes, Label Studio's controls and values against the
config. (spaCy corpus folders are checked by `annotator.nlp.check`.)
"""

from __future__ import annotations

import json
import xml.dom.minidom
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .records import record_kind

MAX_PROBLEMS = 200  # a broken file would otherwise list every line


@dataclass
class Report:
    path: Path
    kind: str = ""
    items: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, where: str, what: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{where}: {what}")

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            return f"{self.path}: valid {self.kind}, {self.items} item(s)"
        more = "+" if len(self.problems) >= MAX_PROBLEMS else ""
        return f"{self.path}: {len(self.problems)}{more} problem(s) in {self.items} item(s) ({self.kind})"


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _span_ok(r: Report, where: str, text: str, start: Any, end: Any, what: str) -> bool:
    if not (_is_int(start) and _is_int(end)):
        r.add(where, f"{what} needs integer offsets, got {start!r}-{end!r}")
        return False
    if not 0 <= start < end <= len(text):
        r.add(where, f"{what} {start}-{end} is out of range for a text of {len(text)} characters")
        return False
    if text[start].isspace() or text[end - 1].isspace():
        r.add(where, f"{what} {start}-{end} starts or ends on blank space")
    return True


def _prodigy(r: Report, where: str, rec: dict, text: str) -> None:
    tokens = rec.get("tokens")
    if tokens is not None:
        if not isinstance(tokens, list):
            r.add(where, "tokens must be a list")
            tokens = None
        else:
            for i, t in enumerate(tokens):
                if not isinstance(t, dict) or t.get("id") != i or not _is_int(t.get("start")) or \
                        text[t["start"]:t.get("end", -1)] != t.get("text"):
                    r.add(where, f"tokens[{i}] does not match the text (id, start, end, text)")
                    tokens = None
                    break
    spans: dict[tuple[int, int, str], dict] = {}
    for i, sp in enumerate(rec.get("spans") or []):
        if not isinstance(sp, dict) or not isinstance(sp.get("label"), str) or not sp["label"]:
            r.add(where, f"spans[{i}] needs a label")
            continue
        if not _span_ok(r, where, text, sp.get("start"), sp.get("end"), f"spans[{i}]"):
            continue
        spans[(sp["start"], sp["end"], sp["label"])] = sp
        if tokens is not None and ("token_start" in sp or "token_end" in sp):
            ts, te = sp.get("token_start"), sp.get("token_end")
            # The span's first and last characters lie in those tokens (Prodigy's own spans are whole
            # tokens; a span cut inside a word still names the tokens it touches).
            if not (_is_int(ts) and _is_int(te) and 0 <= ts <= te < len(tokens)
                    and tokens[ts]["start"] <= sp["start"] < tokens[ts]["end"]
                    and tokens[te]["start"] < sp["end"] <= tokens[te]["end"]):
                r.add(where, f"spans[{i}]: token_start/token_end {ts}-{te} do not cover {sp['start']}-{sp['end']}")
    by_end = {sp.get("token_end"): sp for sp in spans.values()}
    for i, rel in enumerate(rec.get("relations") or []):
        if not isinstance(rel, dict) or not isinstance(rel.get("label"), str):
            r.add(where, f"relations[{i}] needs a label")
            continue
        for end, key in (("head_span", "head"), ("child_span", "child")):
            s = rel.get(end)
            if s is None:
                if rel.get(key) not in by_end:
                    r.add(where, f"relations[{i}]: {key} {rel.get(key)!r} is the last token of no span")
                continue
            target = spans.get((s.get("start"), s.get("end"), s.get("label"))) if isinstance(s, dict) else None
            if target is None:
                r.add(where, f"relations[{i}]: {end} is not one of the spans")
            elif rel.get(key) != target.get("token_end"):
                r.add(where, f"relations[{i}]: {key} {rel.get(key)!r} is not the last token of its span "
                             f"({target.get('token_end')!r})")
    answer = rec.get("answer")
    if answer is not None and answer not in ("accept", "reject", "ignore"):
        r.add(where, f"answer {answer!r} is not accept, reject or ignore")
    for key in ("_input_hash", "_task_hash"):
        if key in rec and not (_is_int(rec[key]) and -2 ** 31 <= rec[key] < 2 ** 31):
            r.add(where, f"{key} must be a 32-bit integer")
    _our_quotes(r, where, rec, text)


def _our_quotes(r: Report, where: str, rec: dict, text: str) -> None:
    for i, q in enumerate(rec.get("quotes") or []):
        if not isinstance(q, dict):
            r.add(where, f"quotes[{i}] must be an object")
            continue
        _span_ok(r, where, text, q.get("start"), q.get("end"), f"quotes[{i}]")
        for a, b in (("speaker_start", "speaker_end"), ("cue_start", "cue_end")):
            if q.get(a) is not None or q.get(b) is not None:
                _span_ok(r, where, text, q.get(a), q.get(b), f"quotes[{i}].{a[:-6]}")


def _doccano(r: Report, where: str, rec: dict, text: str) -> None:
    ids = set()
    items = rec.get("entities") if isinstance(rec.get("entities"), list) else []
    for i, e in enumerate(items):
        if not isinstance(e, dict) or not isinstance(e.get("label"), str) or not e["label"]:
            r.add(where, f"entities[{i}] needs a label")
            continue
        _span_ok(r, where, text, e.get("start_offset"), e.get("end_offset"), f"entities[{i}]")
        if "id" in e:
            if e["id"] in ids:
                r.add(where, f"entities[{i}]: id {e['id']!r} is used twice")
            ids.add(e["id"])
    for i, item in enumerate(rec.get("label") if isinstance(rec.get("label"), list) else []):
        if not (isinstance(item, list) and len(item) == 3 and isinstance(item[2], str)):
            r.add(where, f"label[{i}] must be [start, end, LABEL]")
        else:
            _span_ok(r, where, text, item[0], item[1], f"label[{i}]")
    for i, rel in enumerate(rec.get("relations") or []):
        if not isinstance(rel, dict) or rel.get("from_id") not in ids or rel.get("to_id") not in ids:
            r.add(where, f"relations[{i}]: from_id/to_id must name entities of this line")
        elif not isinstance(rel.get("type"), str) or not rel["type"]:
            r.add(where, f"relations[{i}] needs a type")
    _our_quotes(r, where, rec, text)


def _line(r: Report, where: str, line: str) -> str | None:
    """Check one JSON line; its format (doccano or Prodigy), or None when it is no record at all."""
    r.items += 1
    try:
        rec = json.loads(line)
    except (json.JSONDecodeError, ValueError, RecursionError) as exc:
        r.add(where, f"not valid JSON ({str(exc).splitlines()[0][:120]})")
        return None
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"]:
        r.add(where, "a line must be an object with a non-empty \"text\"")
        return None
    doccano = record_kind(rec) == "doccano"  # as `annotator import` tells them apart
    (_doccano if doccano else _prodigy)(r, where, rec, rec["text"])
    return "doccano" if doccano else "Prodigy"


def _jsonl(r: Report, text: str) -> None:
    kinds = {_line(r, f"{r.path}:{n}", line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()}
    kinds.discard(None)
    r.kind = " and ".join(sorted(kinds)) + " JSONL" if kinds else "JSONL"


def _config(path: Path) -> dict[str, tuple[str, set | None]] | None:
    cfg = path.with_name(path.name + ".config.xml")
    return _config_of(cfg.read_text(encoding="utf-8")) if cfg.exists() else None


def _config_of(xml_text: str) -> dict[str, tuple[str, set | None]]:
    dom = xml.dom.minidom.parseString(xml_text)
    out: dict[str, tuple[str, set | None]] = {}
    for tag, child in (("Labels", "Label"), ("Choices", "Choice"), ("TextArea", None)):
        for el in dom.getElementsByTagName(tag):
            values = {c.getAttribute("value") for c in el.getElementsByTagName(child)} if child else None
            out[el.getAttribute("name")] = (tag.lower(), values)
    out[""] = ("relations", {x.getAttribute("value") for x in dom.getElementsByTagName("Relation")})
    return out


def _result(r: Report, where: str, result: Any, text: str, config: dict | None) -> None:
    if not isinstance(result, list):
        r.add(where, "result must be a list")
        return
    regions = {str(x.get("id")) for x in result if isinstance(x, dict) and x.get("type") == "labels"}
    tags = {"labels": "labels", "choices": "choices", "textarea": "textarea"}
    for i, x in enumerate(result):
        at = f"{where}.result[{i}]"
        if not isinstance(x, dict):
            r.add(at, "must be an object")
            continue
        kind, v = x.get("type"), x.get("value") if isinstance(x.get("value"), dict) else {}
        if kind == "relation":
            if str(x.get("from_id")) not in regions or str(x.get("to_id")) not in regions:
                r.add(at, "relation from/to a region that is not in this result")
            if config is not None and not set(x.get("labels") or []) <= (config[""][1] or set()):
                r.add(at, f"relation labels {x.get('labels')!r} are not in the config's <Relations>")
            continue
        if kind not in tags:
            r.add(at, f"result type {kind!r} is not one of labels, choices, textarea, relation")
            continue
        if kind == "labels":
            if _span_ok(r, at, text, v.get("start"), v.get("end"), "region") and \
                    isinstance(v.get("text"), str) and v["text"] != text[v["start"]:v["end"]]:
                r.add(at, "region text is not the task's text at its offsets")
        elif str(x.get("id")) not in regions:
            r.add(at, f"per-region {kind} {x.get('from_name')!r} belongs to no region of this result")
        if config is not None:
            declared = config.get(x.get("from_name"))
            values = v.get({"labels": "labels", "choices": "choices"}.get(kind, "")) or []
            if declared is None or declared[0] != tags[kind]:
                r.add(at, f"{kind} {x.get('from_name')!r} is not declared in the config")
            elif declared[1] is not None and not set(values) <= declared[1]:
                r.add(at, f"{x.get('from_name')!r} value(s) {sorted(set(values) - declared[1])} are not in the config")


def _labelstudio(r: Report, text: str, config_xml: str | None = None) -> None:
    r.kind = "Label Studio JSON"
    try:
        tasks = json.loads(text)
    except (json.JSONDecodeError, ValueError, RecursionError) as exc:
        r.add(str(r.path), f"not valid JSON ({str(exc).splitlines()[0][:120]})")
        return
    if not isinstance(tasks, list):
        r.add(str(r.path), "a Label Studio export is a JSON list of tasks")
        return
    config = _config_of(config_xml) if config_xml is not None else _config(r.path)
    if config is None:
        r.kind += " (no .config.xml beside it: controls not checked)"
    for n, task in enumerate(tasks, start=1):
        where = f"{r.path}: task {n}"
        r.items += 1
        data = task.get("data") if isinstance(task, dict) else None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            r.add(where, "needs data.text")
            continue
        for key in ("annotations", "predictions"):
            for j, a in enumerate(task.get(key) or []):
                _result(r, f"{where} {key}[{j}]", a.get("result") if isinstance(a, dict) else None, data["text"],
                        config)


def validate_file(path: str | Path) -> Report:
    """Check one export file; the report lists every problem found (none: it is valid)."""
    p = Path(path)
    r = Report(p)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        r.add(str(p), f"cannot read ({exc})")
        return r
    (_labelstudio if text.lstrip()[:1] == "[" else _jsonl)(r, text)
    return r


def _refuse(report: Report) -> None:
    """An export found a problem in what it was about to write: our bug, reported as one line."""
    if not report.ok:
        from .errors import AnnotatorError

        more = f" (and {len(report.problems) - 1} more)" if len(report.problems) > 1 else ""
        raise AnnotatorError(f"the export does not validate, please report this: {report.problems[0]}{more}")


def check_line(line: str, where: str) -> None:
    """JSONL exports check each line before writing it (`where`: FILE:LINE)."""
    r = Report(Path(where))
    _line(r, where, line)
    _refuse(r)


def check_text(path: str | Path, text: str, config_xml: str) -> None:
    """The Label Studio export checks its tasks against the config before writing either."""
    r = Report(Path(path))
    _labelstudio(r, text, config_xml)
    _refuse(r)
