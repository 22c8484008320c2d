"""Does "least sure first" put the articles with the most wrong suggestions first?

    .venv/bin/python benchmarks/review_order.py [GOLD.jsonl] [--top 5] [--model rules|NAME|PATH]

Runs the command line as an annotator would (init, import, preannotate) on a gold file (default:
../shared/eval/dev_news.jsonl, 20 real news articles), then counts each article's wrong
suggestions with the reference scorer's matching rule (`score_quotes.py`: a suggested quote that
overlaps no gold quote by >= 60% of the longer's words, or one matched to a gold quote with a
speaker whose suggested speaker is not right). It prints how many wrong suggestions the first
`--top` articles hold in import order and in least-sure-first order (`review_queue.ORDERS`), and
the same for every cut-off; for comparison also the order by the lowest single confidence. The order sees only the model's confidences, never the gold.

With the stock model the development set has no wrong quote or speaker suggestion left (issue 11),
so nothing can be compared there; `--model rules` pre-annotates as the app does with no model
installed, which still makes mistakes for the order to find.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"
EXE = ROOT / ".venv" / "bin" / "annotator"


def run(*args: str) -> None:
    res = subprocess.run([str(EXE), *args], capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(f"annotator {args[0]} failed: {(res.stderr or res.stdout).strip()[-400:]}")


def wrong_suggestions(gold: dict, quotes: list[dict]) -> int:
    from score_quotes import overlap, right_speaker

    wrong = 0
    for p in quotes:
        best, match = 0.0, None
        for g in gold["quotes"]:
            o = overlap(g["text"], p["text"])
            if o > best:
                best, match = o, g
        if match is None or best < 0.6:
            wrong += 1  # a quote that is not one
        elif match.get("speaker") and not right_speaker(p, match):
            wrong += 1  # the right quote, the wrong speaker
    return wrong


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?", type=Path, default=EVAL / "dev_news.jsonl")
    ap.add_argument("--top", type=int, default=5)
    ap.add_argument("--model", help="pre-annotate with this pipeline (name or path) instead of the default; "
                                    "'rules' for rules only (no statistical model)")
    args = ap.parse_args()
    sys.path.insert(0, str(EVAL))
    from annotator.store import Project

    gold = {g["id"]: g for g in map(json.loads, args.gold.read_text(encoding="utf-8").splitlines()) if g}
    tmp = Path(tempfile.mkdtemp(prefix="review-order-"))
    db = tmp / "dev.annotator"
    src = tmp / "articles.jsonl"
    src.write_text("".join(json.dumps({"text": g["text"], "meta": {"id": k, "title": g.get("title")}}) + "\n"
                           for k, g in gold.items()), encoding="utf-8")
    run("init", "--db", str(db))
    run("import", str(src), "--db", str(db))
    model = args.model
    if model == "rules":  # what the app does with no model installed, saved so the CLI can load it
        from annotator.nlp.pipeline import rules_pipeline

        rules_pipeline().to_disk(tmp / "rules")
        model = str(tmp / "rules")
    run("preannotate", "--db", str(db), *(["--model", model] if model else []))

    with Project.open(db) as p:
        wrong: dict[int, int] = {}
        suggested: dict[int, int] = {}
        for aid in p.article_ids():
            ann = p.load_article(aid)
            text = ann.article.text
            quotes = [{"text": text[q.start:q.end],
                       "speaker": ann.persons[q.speaker_id].name if q.speaker_id in ann.persons else None,
                       "speaker_mention": text[q.speaker_start:q.speaker_end] if q.speaker_start is not None else None}
                      for q in ann.quotes]
            wrong[aid] = wrong_suggestions(gold[ann.article.meta["id"]], quotes)
            suggested[aid] = len(quotes)
        n = p.count_articles()
        orders = {name: [r.id for r in p.list_articles(sort=key, limit=n)]
                  for name, key in (("import order", "id"), ("least sure first", "uncertainty"))}
        mean = {r.id: r.confidence for r in p.list_articles(limit=n)}
        lowest = {aid: min((q.confidence for q in p.load_article(aid).quotes if q.confidence is not None),
                           default=None) for aid in orders["import order"]}
        orders["lowest single conf."] = sorted(orders["import order"], key=lambda i: (2.0 if lowest[i] is None
                                                                                      else lowest[i], i))

    total = sum(wrong.values())
    print(f"{args.gold.name}: {n} articles, {sum(suggested.values())} suggested quotes, {total} wrong suggestions")
    for name, order in orders.items():
        top = order[: args.top]
        print(f"  first {args.top} in {name:<20} {sum(wrong[i] for i in top):>3} wrong of "
              f"{sum(suggested[i] for i in top):>3} suggested   (articles {', '.join(map(str, top))})")
    print("  wrong suggestions in the first k articles (k = 1..n):")
    for name, order in orders.items():
        acc, cum = 0, []
        for i in order:
            acc += wrong[i]
            cum.append(acc)
        print(f"    {name:<20} " + " ".join(f"{c:>3}" for c in cum))
    better = sum(1 for k in range(1, n) if sum(wrong[i] for i in orders["least sure first"][:k])
                 > sum(wrong[i] for i in orders["import order"][:k]))
    print(f"  least sure first holds more wrong suggestions than import order at {better} of {n - 1} cut-offs")
    print("  per article (least sure first): id, mean and lowest confidence, wrong/suggested")
    for i in orders["least sure first"]:
        m = f"{mean[i]:.2f}" if mean[i] is not None else "  - "
        low = f"{lowest[i]:.2f}" if lowest[i] is not None else "  - "
        print(f"    {i:>3} {m} {low} {wrong[i]}/{suggested[i]}")


if __name__ == "__main__":
    main()
