"""Label Studio JSON: one task per article, reviewed work as `annotations`, model suggestions as
`predictions`, in Label Studio's result format: `labels` regions (entities, QUOTE, and the SPEAKER
and CUE spans relations point to), `relation`s labelled SPEAKER and CUE from a quote, and per-region
results on each quote: `choices` for its kind, claim, check-worthy flag and stance toward each
target (`stance_<target>`), `textarea` for its canonical speaker and its note.

A labelling config that matches is written beside the file (`OUT.config.xml`), so the export can be
imported into a Label Studio project as it is.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import quoteattr

from ..fsutil import atomic_files
from ..models import SOURCE_KINDS, ArticleAnnotations, Entity, Quote
from ..records import stance_control
from ..scheme import Scheme
from ..store import Project
from ..validate import check_text
from .records import article_meta, exported_articles


def _region(rid: str, text: str, start: int, end: int, label: str, score: float | None) -> dict:
    r = {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]}}
    if score is not None:
        r["score"] = score
    return r


def _choices(rid: str, name: str, text: str, q: Quote, values: list[str]) -> dict:
    return {"id": rid, "from_name": name, "to_name": "text", "type": "choices",
            "value": {"start": q.start, "end": q.end, "text": text[q.start:q.end], "choices": values}}


def _textarea(rid: str, name: str, q: Quote, value: str) -> dict:
    # A per-region TextArea's value holds the region's offsets and the typed text as a list.
    return {"id": rid, "from_name": name, "to_name": "text", "type": "textarea",
            "value": {"start": q.start, "end": q.end, "text": [value]}}


def _results(ann: ArticleAnnotations, entities: list[Entity], quotes: list[Quote]) -> list[dict]:
    text = ann.article.text
    out, by_span = [], {}
    for e in entities:
        rid = f"e{e.id}"
        by_span[(e.start, e.end)] = rid
        out.append(_region(rid, text, e.start, e.end, e.label, e.confidence))
    for q in quotes:
        rid = f"q{q.id}"
        out.append(_region(rid, text, q.start, q.end, "QUOTE", q.confidence))
        for a, b, label, prefix in ((q.speaker_start, q.speaker_end, "SPEAKER", "s"), (q.cue_start, q.cue_end, "CUE", "c")):
            if a is None:
                continue
            if (a, b) not in by_span:
                by_span[(a, b)] = f"{prefix}{q.id}"
                out.append(_region(by_span[(a, b)], text, a, b, label, None))
            out.append({"from_id": rid, "to_id": by_span[(a, b)], "type": "relation", "direction": "right",
                        "labels": [label]})
        out.append(_choices(rid, "kind", text, q, [q.kind]))
        if q.speaker_id in ann.persons:
            out.append(_textarea(rid, "speaker", q, ann.persons[q.speaker_id].name))
        if q.note:
            out.append(_textarea(rid, "note", q, q.note))
        speaker = ann.persons.get(q.speaker_id) if q.speaker_id is not None else None
        if speaker is not None:  # what kind of source said it, as a choice on the quote
            out.append(_choices(rid, "speaker_kind", text, q, [speaker.kind]))
        if q.claim:
            out.append(_choices(rid, "claim", text, q, [q.claim]))
        if q.checkworthy is not None:
            out.append(_choices(rid, "checkworthy", text, q, ["yes" if q.checkworthy else "no"]))
        for s in q.stances:
            out.append(_choices(rid, stance_control(s.target), text, q, [s.label]))
    return out


def task(ann: ArticleAnnotations) -> dict:
    human = lambda x: x.origin == "human" or x.reviewed
    t = {"id": ann.article.id, "data": {"text": ann.article.text, "title": ann.article.title, "meta": article_meta(ann)},
         "annotations": [], "predictions": []}
    ents_h = [e for e in ann.entities if human(e)]
    quotes_h = [q for q in ann.quotes if human(q)]
    if ents_h or quotes_h:
        t["annotations"].append({"result": _results(ann, ents_h, quotes_h),
                                 "was_cancelled": ann.article.status == "skipped"})
    ents_m = [e for e in ann.entities if not human(e)]
    quotes_m = [q for q in ann.quotes if not human(q)]
    if ents_m or quotes_m:
        scores = [x.confidence for x in [*ents_m, *quotes_m] if x.confidence is not None]
        t["predictions"].append({"model_version": ann.article.model or "annotator",
                                 "score": round(sum(scores) / len(scores), 3) if scores else None,
                                 "result": _results(ann, ents_m, quotes_m)})
    return t


def labelling_config(scheme: Scheme) -> str:
    """Label Studio's XML config for these tasks. Labels come from the scheme, escaped as attributes."""
    labels = "".join(f"    <Label value={quoteattr(l)}/>\n" for l in [*scheme.entity_labels, "QUOTE", "SPEAKER", "CUE"])
    kinds = "".join(f"<Choice value={quoteattr(k)}/>" for k in scheme.quote_kinds)
    claims = "".join(f"    <Choice value={quoteattr(c)}/>\n" for c in scheme.claim_types)
    stances = ""
    for target in scheme.stance_targets:
        opts = "".join(f"<Choice value={quoteattr(l)}/>" for l in scheme.stance_labels)
        stances += (f"  <Choices name={quoteattr(stance_control(target))} toName=\"text\" perRegion=\"true\" "
                    f"choice=\"single\">\n    <Header value={quoteattr('Stance: ' + target)}/>{opts}</Choices>\n")
    return ("<View>\n  <Relations><Relation value=\"SPEAKER\"/><Relation value=\"CUE\"/></Relations>\n"
            f"  <Labels name=\"label\" toName=\"text\">\n{labels}  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n"
            f"  <Choices name=\"kind\" toName=\"text\" perRegion=\"true\" choice=\"single\">{kinds}</Choices>\n"
            "  <TextArea name=\"speaker\" toName=\"text\" perRegion=\"true\" maxSubmissions=\"1\" "
            "placeholder=\"Speaker (canonical name)\"/>\n"
            "  <TextArea name=\"note\" toName=\"text\" perRegion=\"true\" maxSubmissions=\"1\" placeholder=\"Note\"/>\n"
            f"  <Choices name=\"claim\" toName=\"text\" perRegion=\"true\" choice=\"single\">\n{claims}  </Choices>\n"
            "  <Choices name=\"checkworthy\" toName=\"text\" perRegion=\"true\" choice=\"single\">"
            "<Choice value=\"yes\"/><Choice value=\"no\"/></Choices>\n"
            "  <Choices name=\"speaker_kind\" toName=\"text\" perRegion=\"true\" choice=\"single\">\n"
            "    <Header value=\"Speaker kind\"/>"
            + "".join(f"<Choice value={quoteattr(k)}/>" for k in SOURCE_KINDS) + "</Choices>\n"
            f"{stances}</View>\n")


def export_labelstudio(project: Project, out: str | Path, include_all: bool = False, progress=None) -> int:
    out = Path(out)
    _, articles = exported_articles(project, include_all, progress)
    tasks = [task(ann) for ann in articles]
    text, config = json.dumps(tasks, ensure_ascii=False, indent=1), labelling_config(project.scheme)
    check_text(out, text, config)  # the tasks against their config, before anything is replaced
    # Both files all or nothing; the config is moved into place first, the tasks last.
    with atomic_files(out.with_name(out.name + ".config.xml"), out) as (config_fh, fh):
        config_fh.write(config)
        fh.write(text)
    return len(tasks)
