"""Quote and speaker quality against a gold file (`seed_quotes.jsonl` or `dev_news.jsonl` format).

    python benchmarks/quotes.py GOLD.jsonl [--model NAME|PATH] [--errors] [--textacy]
    python benchmarks/quotes.py GOLD.jsonl --export OUT.jsonl    # score an `annotator export jsonl --all`

Without --export, the gold texts go through what `annotator preannotate` does (the pipeline,
`analyse`, names linked across articles in file order); a record with `articles` (the seed) is split
by the plain-text importer first. The score is the rule of `../shared/eval/score_quotes.py`: a
predicted quote matches a gold quote when their words overlap by >= 60% of the longer; a speaker
is right when its last name is the gold speaker's, or, for speakers the article names by other
words, when the predicted name or mention equals one of the gold speaker's non-pronoun mentions.
Printed: quote P/R/F1, speaker accuracy on direct and on all quotes, and accuracy by the gold's
`attribution` (name, nominal, pronoun, context) and `speaker_type` where the gold has them;
`--errors` lists every wrong or missed speaker with the rule that chose ours.

`score()` / `from_export()` / `article_parts()` are the seed's older word-sharing measure, kept for
tests/nlp/test_nlp_seed.py.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.nlp.names import is_title, strip_possessive  # noqa: E402

WORD = re.compile(r"\w+")

# --- the reference rule (../shared/eval/score_quotes.py), restated ----------------------------------------
_RULE_TITLES = {"sir", "lord", "lady", "dame", "mr", "mrs", "ms", "dr", "general", "gen", "president", "minister",
                "prime", "secretary", "chancellor", "senator", "rep", "the", "of", "jr", "sr"}
_RULE_PRONOUNS = {"he", "she", "they", "it", "we", "i", "who", "you", "his", "her", "him", "them", "its", "their",
                  "which", "that", "us", "me", "our", "my"}


def rule_words(s: str | None) -> list[str]:
    s = unicodedata.normalize("NFKD", s or "").lower()
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.findall(r"[\w']+", s.replace("’", "'"))


def rule_last_name(name: str | None) -> str | None:
    toks = [w for w in rule_words(name) if w not in _RULE_TITLES]
    return toks[-1] if toks else None


def rule_same_speaker(pred: str | None, gold: str | None) -> bool:
    p, g = rule_last_name(pred), rule_last_name(gold)
    if p is None or g is None:
        return False
    if p == g:
        return True
    return len(p) > 4 and len(g) > 4 and (p.startswith(g) or g.startswith(p)) and abs(len(p) - len(g)) <= 1


def _norm_name(s: str) -> str:
    return " ".join(t for t in rule_words(s) if t not in ("the", "a", "an"))


def rule_right_speaker(p: dict, g: dict) -> bool:
    if rule_same_speaker(p.get("speaker"), g.get("speaker")):
        return True
    mentions = list(g.get("speaker_mentions") or [])
    if isinstance(g.get("mention"), dict) and g["mention"].get("text"):
        mentions.append(g["mention"]["text"])
    mentions = {_norm_name(m) for m in mentions if m and _norm_name(m) and _norm_name(m) not in _RULE_PRONOUNS}
    cands = [_norm_name(p.get("speaker") or "")]
    if p.get("speaker") and p.get("speaker_mention"):
        cands.append(_norm_name(p["speaker_mention"]))
    return any(c and c not in _RULE_PRONOUNS and c in mentions for c in cands)


def rule_overlap(a: str, b: str) -> float:
    wa, wb = rule_words(a), rule_words(b)
    if not wa or not wb:
        return 0.0
    return sum((Counter(wa) & Counter(wb)).values()) / max(len(wa), len(wb))


def rule_match(gold_quotes: list[dict], pred_quotes: list[dict]) -> dict[int, int]:
    """Gold index -> predicted index, each gold quote in order taking its best unused prediction."""
    used, out = set(), {}
    for j, g in enumerate(gold_quotes):
        best, bi = 0.0, None
        for i, p in enumerate(pred_quotes):
            if i in used:
                continue
            o = rule_overlap(g["text"], p.get("text", ""))
            if o > best:
                best, bi = o, i
        if bi is not None and best >= 0.6:
            used.add(bi)
            out[j] = bi
    return out


def score_records(gold: list[dict], preds: dict[str, list[dict]]) -> dict:
    """Quote P/R/F1 and speaker accuracy, as score_quotes.py, plus breakdowns and the error rows."""
    tally: dict = defaultdict(lambda: [0, 0])  # (scope, group) -> [right, total]
    tp = fp = fn = 0
    errors = []
    for rec in gold:
        gq, pq = rec["quotes"], preds.get(rec["id"], [])
        pairs = rule_match(gq, pq)
        tp, fn = tp + len(pairs), fn + len(gq) - len(pairs)
        matched = set(pairs.values())
        fp += sum(1 for i, p in enumerate(pq) if i not in matched
                  and not any(rule_overlap(g["text"], p.get("text", "")) >= 0.6 for g in gq))
        for j, g in enumerate(gq):
            if not g.get("speaker"):
                continue
            p = pq[pairs[j]] if j in pairs else None
            ok = p is not None and rule_right_speaker(p, g)
            scopes = ["all"] + (["direct"] if g.get("kind", "direct") == "direct" else [])
            groups = ["", f"attribution {g.get('attribution') or '?'}", f"speaker {g.get('speaker_type') or '?'}"]
            for scope in scopes:
                for group in groups:
                    tally[(scope, group)][0] += ok
                    tally[(scope, group)][1] += 1
            if not ok:
                errors.append((rec["id"], g, p))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec_ = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec_ / (prec + rec_) if prec + rec_ else 0.0
    return {"precision": prec, "recall": rec_, "f1": f1, "tp": tp, "fp": fp, "fn": fn,
            "tally": dict(tally), "errors": errors}


# --- running our pre-annotation -----------------------------------------------------------------------------
def article_parts(text: str) -> list[tuple[int, int]]:
    try:
        from annotator.importers.plaintext import split_articles
    except ImportError:  # the importer is optional here: the whole file is then one article
        return [(0, len(text))]
    return [(a, b) for a, b, *_ in split_articles(text)] or [(0, len(text))]


def predict(gold: list[dict], model: str | None = None) -> dict[str, list[dict]]:
    """Per gold id, our quotes as `annotator preannotate` + export would give them, with the rule used."""
    from annotator.nlp import analyse
    from annotator.nlp.persons import NameIndex, link_to_known
    from annotator.nlp.pipeline import load_pipeline

    nlp, _ = load_pipeline(model)
    jobs = []  # (gold id, offset, text)
    for rec in gold:
        parts = article_parts(rec["text"]) if "articles" in rec else [(0, len(rec["text"]))]
        jobs += [(rec["id"], a, rec["text"][a:b]) for a, b in parts]
    index, out = NameIndex(), defaultdict(list)
    for (gid, off, text), doc in zip(jobs, nlp.pipe(t for _, _, t in jobs)):
        res = analyse(doc)
        persons = link_to_known(res.persons, index)
        for p in persons.values():
            if not p.local:
                index.add(p.name, p.aliases, p.kind)
        for q, how in zip(res.quotes, res.how):
            src = persons.get(q.speaker_id) if q.speaker_id is not None else None
            out[gid].append({"text": text[q.start:q.end], "start": q.start + off, "end": q.end + off, "kind": q.kind,
                             "speaker": src.name if src else None,
                             "speaker_kind": getattr(src, "kind", "person") if src else None,
                             "speaker_mention": text[q.speaker_start:q.speaker_end]
                             if q.speaker_start is not None else None,
                             "confidence": q.confidence, "how": how})
    return dict(out)


def read_export(path: Path, gold: list[dict]) -> dict[str, list[dict]]:
    """An export's quotes per gold id (by `meta.id`, else the text's place in a gold text)."""
    ids = {g["id"] for g in gold}
    out = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        gid = (r.get("meta") or {}).get("id")
        if gid not in ids:
            gid = next((g["id"] for g in gold if r["text"] in g["text"]), None)
        if gid is None:
            continue
        for q in r.get("quotes", []):
            s = q.get("speaker_start")
            out[gid].append({"text": r["text"][q["start"]:q["end"]], "kind": q.get("kind"),
                             "speaker": q.get("speaker"), "speaker_kind": q.get("speaker_kind"),
                             "speaker_mention": r["text"][s:q["speaker_end"]] if s is not None else None,
                             "how": "export"})
    return dict(out)


def print_report(name: str, s: dict) -> None:
    print(f"{name}: quotes P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
          f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")
    t = s["tally"]
    for scope in ("direct", "all"):
        right, total = t.get((scope, ""), (0, 0))
        print(f"  speaker accuracy, {scope:6s} quotes: {right / total if total else 1:.3f} ({right}/{total})")
    for kind in ("attribution", "speaker"):
        groups = sorted({g for _, g in t if g.startswith(kind)})
        if groups == [f"{kind} ?"]:
            continue  # the gold does not say
        print(f"  by {kind:11s}" + "".join(f"  {g.split(' ', 1)[1]} {t[('all', g)][0]}/{t[('all', g)][1]}"
                                          for g in groups))


def print_errors(s: dict) -> None:
    for gid, g, p in s["errors"]:
        got = "(quote missed)" if p is None else \
            f"{p.get('speaker')!r} [{p.get('speaker_kind')}] via {p.get('speaker_mention')!r} ({p.get('how')})"
        print(f"- {gid[9:40]} {g.get('kind', '?')}/{g.get('attribution', '?')}: {g['text'][:60]!r}\n"
              f"    gold {g['speaker']!r} [{g.get('speaker_type')}]; ours {got}")


# --- textacy, for comparison ----------------------------------------------------------------------------------
MARKS = "\"'“”‘’«»„"


def run_textacy(gold: list[dict], model: str | None) -> dict[str, list[dict]] | None:
    try:
        from textacy.extract.triples import direct_quotations
    except Exception:
        return None
    from annotator.nlp.pipeline import load_base

    nlp, _ = load_base(model)
    out = defaultdict(list)
    for rec in gold:
        text = rec["text"]
        parts = article_parts(text) if "articles" in rec else [(0, len(text))]
        for a, b in parts:
            doc = nlp(text[a:b])
            try:
                triples = list(direct_quotations(doc))
            except Exception as exc:  # textacy gives up on a whole article on unbalanced marks
                print(f"textacy: {rec['id']} at {a}: {type(exc).__name__}: {exc}", file=sys.stderr)
                continue
            for t in triples:
                words = t.content.text.strip(MARKS + " ")
                out[rec["id"]].append({"text": words, "speaker": " ".join(tok.text for tok in t.speaker) or None})
    return dict(out)


# --- the seed's older measure (tests/nlp/test_nlp_seed.py) -------------------------------------------------------
def last_name(name: str | None) -> str | None:
    if not name:
        return None
    words = [strip_possessive(w) for w in name.replace(",", " ").split()]
    words = [w for w in words if w and not is_title(w)] or words
    return words[-1].casefold() if words else None


def _words_in(text: str, start: int, end: int) -> set[int]:
    return {m.start() + start for m in WORD.finditer(text[start:end])}


def score(text: str, pred: list[dict], gold: list[dict]) -> dict:
    """Seed measure: quotes sharing a word, matched one to one; speakers by last name."""
    pw = [_words_in(text, p["start"], p["end"]) for p in pred]
    gw = [_words_in(text, g["start"], g["end"]) for g in gold]
    cands = sorted(((len(a & b) / len(a | b), len(a & b), i, j) for i, a in enumerate(pw) for j, b in enumerate(gw)
                    if a & b), reverse=True)
    pairs, used_p, used_g = [], set(), set()
    for _, _, i, j in cands:
        if i not in used_p and j not in used_g:
            pairs.append((i, j))
            used_p.add(i)
            used_g.add(j)
    p = len(pairs) / len(pred) if pred else (1.0 if not gold else 0.0)
    r = len(pairs) / len(gold) if gold else 1.0
    out = {"n_pred": len(pred), "n_gold": len(gold), "n_match": len(pairs), "precision": p, "recall": r,
           "f1": 2 * p * r / (p + r) if p + r else 0.0, "pairs": pairs}
    for kind in ("direct", "partial"):
        g_idx = {j for j, g in enumerate(gold) if g.get("kind") == kind}
        found = sum(1 for _, j in pairs if j in g_idx)
        out[kind] = {"gold": len(g_idx), "recall": found / len(g_idx) if g_idx else 1.0}
    with_speaker = [j for j, g in enumerate(gold) if g.get("speaker")]
    by_gold = {j: i for i, j in pairs}
    correct = sum(1 for j in with_speaker
                  if j in by_gold and last_name(pred[by_gold[j]].get("speaker")) == last_name(gold[j]["speaker"]))
    out.update(speaker_gold=len(with_speaker), speaker_correct=correct,
               speaker_accuracy=correct / len(with_speaker) if with_speaker else 1.0)
    return out


def from_export(path: Path, gold_text: str) -> list[dict]:
    """Quotes of an export, with offsets moved into the gold text (each article found in it)."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            off = gold_text.find(rec["text"])
            if off >= 0:
                out += [{**q, "start": q["start"] + off, "end": q["end"] + off} for q in rec.get("quotes", [])]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", help="gold JSONL: ../shared/eval/dev_news.jsonl, tests/data/seed_quotes.jsonl")
    ap.add_argument("--export", help="score this JSONL export instead of running the pipeline")
    ap.add_argument("--model", help="spaCy pipeline (default: as `annotator preannotate`)")
    ap.add_argument("--errors", action="store_true", help="list every wrong or missed speaker")
    ap.add_argument("--textacy", action="store_true", help="also score textacy's direct_quotations")
    args = ap.parse_args(argv)
    gold = [json.loads(line) for line in Path(args.gold).read_text(encoding="utf-8").splitlines() if line.strip()]
    preds = read_export(Path(args.export), gold) if args.export else predict(gold, args.model)
    s = score_records(gold, preds)
    print_report("ours", s)
    if args.errors:
        print_errors(s)
    if args.textacy:
        tx = run_textacy(gold, args.model)
        if tx is None:
            print("textacy: not installed (pip install textacy outside the project to compare)")
        else:
            print_report("textacy", score_records(gold, tx))
    return 0


if __name__ == "__main__":
    sys.exit(main())
