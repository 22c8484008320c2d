"""Quote and speaker quality against a gold file (format of ../shared/eval/seed_quotes.jsonl).

    python benchmarks/quotes.py EXPORT.jsonl GOLD.jsonl          # score an `annotator export jsonl --all`
    python benchmarks/quotes.py --text seeds/FILE.txt GOLD.jsonl  # run our extractor on a raw file
    [--model NAME|PATH] [--no-textacy] [--verbose]

Measure: a predicted quote matches a gold quote when they share at least one word; pairs are
matched one to one, largest overlap first. Precision, recall and F1 over all quotes and per kind
(recall by the gold kind, precision by the predicted kind); "direct recall" is the share of gold
direct quotes found. Speaker accuracy: of gold quotes with a speaker, the share matched by a
quote whose speaker has the same last name (titles and possessives ignored); unmatched count as
wrong. Export offsets are per article: each article is placed in the gold text with
`gold_text.find(article_text)`. textacy's figures are printed beside ours if textacy is importable.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.nlp.names import is_title, strip_possessive  # noqa: E402

WORD = re.compile(r"\w+")


def last_name(name: str | None) -> str | None:
    if not name:
        return None
    words = [strip_possessive(w) for w in name.replace(",", " ").split()]
    words = [w for w in words if w and not is_title(w)] or words
    return words[-1].casefold() if words else None


def words_in(text: str, start: int, end: int) -> set[int]:
    return {m.start() + start for m in WORD.finditer(text[start:end])}


def match(text: str, pred: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs sharing words, largest overlap first."""
    pw = [words_in(text, p["start"], p["end"]) for p in pred]
    gw = [words_in(text, g["start"], g["end"]) for g in gold]
    cands = []
    for i, a in enumerate(pw):
        for j, b in enumerate(gw):
            shared = len(a & b)
            if shared:
                cands.append((shared / len(a | b), shared, i, j))
    pairs, used_p, used_g = [], set(), set()
    for _, _, i, j in sorted(cands, reverse=True):
        if i not in used_p and j not in used_g:
            pairs.append((i, j))
            used_p.add(i)
            used_g.add(j)
    return pairs


def prf(n_match: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = n_match / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = n_match / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(text: str, pred: list[dict], gold: list[dict]) -> dict:
    pairs = match(text, pred, gold)
    out = {"n_pred": len(pred), "n_gold": len(gold), "n_match": len(pairs)}
    out["precision"], out["recall"], out["f1"] = prf(len(pairs), len(pred), len(gold))
    for kind in ("direct", "partial"):
        g_idx = {j for j, g in enumerate(gold) if g.get("kind") == kind}
        p_idx = {i for i, p in enumerate(pred) if p.get("kind") == kind}
        found = sum(1 for i, j in pairs if j in g_idx)
        right = sum(1 for i, j in pairs if i in p_idx)
        out[kind] = {"gold": len(g_idx), "pred": len(p_idx), "recall": found / len(g_idx) if g_idx else 1.0,
                     "precision": right / len(p_idx) if p_idx else 1.0}
    with_speaker = [j for j, g in enumerate(gold) if g.get("speaker")]
    by_gold = {j: i for i, j in pairs}
    correct = sum(1 for j in with_speaker
                  if j in by_gold and last_name(pred[by_gold[j]].get("speaker")) == last_name(gold[j]["speaker"]))
    out["speaker_gold"] = len(with_speaker)
    out["speaker_correct"] = correct
    out["speaker_accuracy"] = correct / len(with_speaker) if with_speaker else 1.0
    out["kind_agreement"] = (sum(1 for i, j in pairs if pred[i].get("kind") == gold[j].get("kind")) / len(pairs)
                             if pairs else 1.0)
    out["pairs"] = pairs
    return out


def _newlines_folded(text: str) -> tuple[str, list[int]]:
    """`text` with CR LF and lone CR as LF (as the importer reads files), and for each position of
    the result (and its end) the position in `text`."""
    out, back, i = [], [], 0
    while i < len(text):
        back.append(i)
        if text[i] == "\r":
            out.append("\n")
            i += 2 if text[i + 1:i + 2] == "\n" else 1
        else:
            out.append(text[i])
            i += 1
    back.append(len(text))
    return "".join(out), back


def locate(gold_text: str, article_text: str):
    """A function from offsets in the article to offsets in the gold text, or None if it is not there.
    The gold offsets index the raw file; the importer folds Windows line ends, so look there too."""
    off = gold_text.find(article_text)
    if off >= 0:
        return lambda i: i + off
    folded, back = _newlines_folded(gold_text)
    off = folded.find(article_text)
    if off >= 0:
        return lambda i: back[i + off]
    return None


def from_export(path: Path, gold_text: str) -> list[dict]:
    """Quotes of an export, with offsets moved into the gold text."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            rec = json.loads(line)
            where = locate(gold_text, rec["text"])
            if where is None:
                print(f"warning: {path}:{n}: article text not found in the gold text; skipped", file=sys.stderr)
                continue
            for q in rec.get("quotes", []):
                out.append({**q, "start": where(q["start"]), "end": where(q["end"])})
    return out


def article_parts(text: str) -> list[tuple[int, int]]:
    try:
        from annotator.importers.plaintext import split_articles
    except ImportError:  # the importer is optional here: the whole file is then one article
        return [(0, len(text))]
    return [(a, b) for a, b, *_ in split_articles(text)] or [(0, len(text))]


def run_ours(text: str, model: str | None) -> list[dict]:
    from annotator.nlp import analyse
    from annotator.nlp.pipeline import load_pipeline

    nlp, _ = load_pipeline(model)
    parts = article_parts(text)
    out = []
    for (a, b), doc in zip(parts, nlp.pipe(text[a:b] for a, b in parts)):
        res = analyse(doc)
        for q in res.quotes:
            speaker = res.persons[q.speaker_id].name if q.speaker_id is not None else None
            out.append({"start": q.start + a, "end": q.end + a, "kind": q.kind, "speaker": speaker,
                        "confidence": q.confidence})
    return out


MARKS = "\"'“”‘’«»„"


def run_textacy(text: str, model: str | None) -> list[dict] | None:
    try:
        import spacy
        from textacy.extract.triples import direct_quotations
    except Exception:
        return None
    from annotator.nlp.pipeline import load_base

    nlp, _ = load_base(model)
    out = []
    for a, b in article_parts(text):
        doc = nlp(text[a:b])
        try:
            triples = list(direct_quotations(doc))
        except Exception as exc:  # textacy gives up on a whole article on unbalanced marks
            print(f"textacy: article at {a}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        for t in triples:
            s, e = t.content.start_char, t.content.end_char
            while s < e and (text[a + s] in MARKS or text[a + s].isspace()):
                s += 1
            while e > s and (text[a + e - 1] in MARKS or text[a + e - 1].isspace()):
                e -= 1
            speaker = " ".join(tok.text for tok in t.speaker) if t.speaker else None
            out.append({"start": a + s, "end": a + e, "kind": None, "speaker": speaker})
    return out


def report(name: str, s: dict) -> None:
    print(f"{name}: quotes P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
          f"({s['n_match']} matched of {s['n_gold']} gold, {s['n_pred']} predicted)")
    has_kinds = any(s[kind]["pred"] for kind in ("direct", "partial"))
    for kind in ("direct", "partial"):
        k = s[kind]
        prec = f"precision {k['precision']:.3f} ({k['pred']} predicted)" if has_kinds else "(no kinds predicted)"
        print(f"  {kind:8s} recall {k['recall']:.3f} ({k['gold']} gold)  {prec}")
    agreement = f"  kind agreement {s['kind_agreement']:.3f}" if has_kinds else ""
    print(f"  speaker accuracy {s['speaker_accuracy']:.3f} ({s['speaker_correct']}/{s['speaker_gold']}){agreement}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("export", nargs="?", help="our JSONL export (omit with --text)")
    ap.add_argument("gold", help="gold JSONL (seed_quotes.jsonl format)")
    ap.add_argument("--text", help="raw text file: run our extractor on it instead of reading an export")
    ap.add_argument("--model", help="spaCy pipeline for --text and textacy")
    ap.add_argument("--no-textacy", action="store_true")
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses and wrong speakers")
    args = ap.parse_args(argv)
    gold_rec = json.loads(Path(args.gold).read_text(encoding="utf-8").splitlines()[0])
    gold_text, gold = gold_rec["text"], gold_rec["quotes"]
    if args.text:
        text = Path(args.text).read_text(encoding="utf-8")
        if text != gold_text:
            off = gold_text.find(text)
            if off < 0:
                print("error: --text file is not the gold record's text", file=sys.stderr)
                return 2
        pred = run_ours(gold_text, args.model)
    elif args.export:
        pred = from_export(Path(args.export), gold_text)
    else:
        ap.error("give an export file or --text FILE")
    ours = score(gold_text, pred, gold)
    report("ours", ours)
    if args.verbose:
        matched_g = {j: i for i, j in ours["pairs"]}
        for j, g in enumerate(gold):
            i = matched_g.get(j)
            got = pred[i]["speaker"] if i is not None else "(missed)"
            if i is None or last_name(got) != last_name(g["speaker"]):
                print(f"  gold {g['kind']:7s} {gold_text[g['start']:g['end']][:50]!r}: {g['speaker']} / ours {got}")
        matched_p = {i for i, _ in ours["pairs"]}
        for i, p in enumerate(pred):
            if i not in matched_p:
                print(f"  extra {gold_text[p['start']:p['end']][:60]!r}")
    if not args.no_textacy:
        tx = run_textacy(gold_text, args.model)
        if tx is None:
            print("textacy: not installed (pip install textacy outside the project to compare)")
        else:
            report("textacy", score(gold_text, tx, gold))
    return 0


if __name__ == "__main__":
    sys.exit(main())
