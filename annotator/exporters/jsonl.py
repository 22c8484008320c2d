"""Our JSONL export: Prodigy task records (as Prodigy's relations interface saves them) plus a
`quotes` list (the contract other tools read).

One line per article:
  text, meta (imported meta + source, title, place, published, status, model),
  tokens     Prodigy's tokens: text, start, end, id, ws (spaCy's English tokenizer rules)
  spans      entities: start, end, label, token_start, token_end (inclusive, as Prodigy), person,
             origin, confidence, reviewed; then every other span a relation points to: the QUOTE
             spans, and speaker mentions that are no entity ("he", "who") labelled SPEAKER
  relations  label SPEAKER from a quote (head) to its speaker mention (child): `head` and `child`
             are the LAST token of each span, as Prodigy writes them; `head_span`, `child_span`
  answer     "accept" for a done article, "reject"/"ignore" for a skipped one, none otherwise
  _input_hash, _task_hash   32-bit integers like Prodigy's (a Prodigy file's input hash is kept)
  quotes     start, end (the quoted words, marks excluded), kind, speaker (canonical name or null),
             speaker_kind (person, organisation, group, unnamed, document or null),
             speaker_start/end, cue_start/end, stances, claim, checkworthy, note, confidence,
             origin, reviewed
  persons    the article's sources: canonical name, aliases, kind, org (the organisation an
             unnamed source speaks for), scope ("article" for a source the article only describes)
`annotator import` reads this back unchanged.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from ..fsutil import atomic_file
from ..models import ArticleAnnotations
from ..records import Relation, Span
from ..store import Project
from ..validate import check_line
from .records import article_meta, exported_articles, person_list, quote_list


@lru_cache(maxsize=1)
def _tokenizer():
    # spaCy's English tokenizer rules, without any statistical model: token indices then agree
    # with what `spacy.blank("en")` and the trained pipelines produce.
    import spacy

    return spacy.blank("en").tokenizer


class TokenIndex:
    """Character offset -> token index for one text."""

    def __init__(self, text: str):
        doc = _tokenizer()(text)
        self.starts = [t.idx for t in doc]
        self.tokens = [{"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i,
                        "ws": bool(t.whitespace_)} for t in doc]

    def token_at(self, char: int) -> int:
        return max(bisect.bisect_right(self.starts, char) - 1, 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.token_at(start), self.token_at(max(end - 1, start))


def prodigy_hash(value) -> int:
    """A stable 32-bit signed integer, the kind Prodigy keeps in `_input_hash` / `_task_hash`."""
    data = json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return int.from_bytes(hashlib.sha256(data).digest()[:4], "big", signed=True)


def prodigy_answer(status: str, meta: dict) -> str | None:
    """Prodigy's answer for an article: accept (done), reject or ignore (skipped), none (not reviewed)."""
    if status == "done":
        return "accept"
    if status == "skipped":
        return meta.get("answer") if meta.get("answer") in ("reject", "ignore") else "ignore"
    return None


def article_record(ann: ArticleAnnotations) -> dict:
    """The article as one Prodigy task of ours (`records.OurRecord`: what the importer reads back)."""
    a = ann.article
    tok = TokenIndex(a.text)
    name = lambda pid: ann.persons[pid].name if pid in ann.persons else None
    spans: list[Span] = []
    by_offsets: dict[tuple[int, int], Span] = {}
    for e in ann.entities:
        ts, te = tok.span(e.start, e.end)
        spans.append(Span(start=e.start, end=e.end, label=e.label, token_start=ts, token_end=te,
                          person=name(e.person_id), origin=e.origin, confidence=e.confidence, reviewed=e.reviewed))
        by_offsets.setdefault((e.start, e.end), spans[-1])

    def span_of(start: int, end: int, label: str) -> Span:
        """The span at these offsets, added to `spans` if no entity is there: a relation's ends must
        be spans (Prodigy's relation readers map `head`/`child` back through them)."""
        if (start, end) not in by_offsets:
            ts, te = tok.span(start, end)
            by_offsets[(start, end)] = Span(start=start, end=end, label=label, token_start=ts, token_end=te)
            spans.append(by_offsets[(start, end)])
        return by_offsets[(start, end)]

    def end_of(sp: Span) -> Span:  # a relation's end: the span without our extras
        return Span(start=sp.start, end=sp.end, token_start=sp.token_start, token_end=sp.token_end, label=sp.label)

    relations = []
    for q in ann.quotes:
        head = span_of(q.start, q.end, "QUOTE")
        if q.speaker_start is not None:
            child = span_of(q.speaker_start, q.speaker_end, "SPEAKER")
            relations.append(Relation(head=head.token_end, child=child.token_end, label="SPEAKER",
                                      head_span=end_of(head), child_span=end_of(child)))
    spans.sort(key=lambda sp: (sp.start, sp.end))
    input_hash = a.meta.get("_input_hash")  # a Prodigy file's own, kept; else ours
    if input_hash is None:
        input_hash = prodigy_hash({"text": a.text})
    answer = prodigy_answer(a.status, a.meta)
    task_hash = prodigy_hash({"input": input_hash, "spans": [(sp.start, sp.end, sp.label) for sp in spans],
                              "relations": [(r.head, r.child, r.label) for r in relations]})
    record = {"text": a.text, "meta": article_meta(ann), "_input_hash": input_hash, "_task_hash": task_hash,
              "tokens": tok.tokens, "spans": [sp.model_dump(exclude_unset=True) for sp in spans],
              "relations": [r.model_dump(exclude_unset=True) for r in relations]}
    if answer is not None:
        record["answer"] = answer
    record.update({"quotes": quote_list(ann), "persons": person_list(ann)})
    return record


def write_lines(project: Project, out: str | Path, include_all: bool, line: Callable[[ArticleAnnotations], str],
                progress: Callable[[int, int], None] | None = None,
                check: Callable[[str, str], None] | None = None) -> int:
    """Write one line per article, all or nothing (a temporary sibling renamed over `out` at the end);
    `check(line, where)` sees each line before it is written (the exports validate what they write)."""
    n, articles = exported_articles(project, include_all, progress)
    with atomic_file(out) as fh:
        for i, ann in enumerate(articles, start=1):
            text = line(ann)
            if check is not None:
                check(text, f"{out}:{i}")
            fh.write(text + "\n")
    return n


def export_jsonl(project: Project, out: str | Path, include_all: bool = False,
                 progress: Callable[[int, int], None] | None = None) -> int:
    """Our JSONL (see module doc); returns the number of lines written."""
    return write_lines(project, out, include_all, lambda ann: json.dumps(article_record(ann), ensure_ascii=False),
                       progress, check=check_line)
