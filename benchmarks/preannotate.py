"""Pre-annotation throughput: our pipeline + analyse() as a ratio to plain `nlp.pipe`.

    python benchmarks/preannotate.py [--model NAME|PATH] [--articles N] [--repeat R] [--n-process 2]

The articles are the seed file's (split as the importer does), repeated to N. "plain" is the
same model's `nlp.pipe` without our components; "ours" adds paragraph sentence starts, person
linking, quote finding and attribution, and `analyse()` of every Doc (what the driver does
before writing to the project). Target: ratio >= 0.85. Not run by the tests.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.nlp import analyse  # noqa: E402
from annotator.nlp.pipeline import add_components, load_base  # noqa: E402

SEED = ROOT / "seeds" / "000_ef8b4a5962583c26.txt"


def articles(n: int) -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    try:
        from annotator.importers.plaintext import split_articles

        parts = [text[a:b] for a, b, *_ in split_articles(text)]
    except ImportError:
        parts = [text]
    # Slight variations so no cache anywhere can make repeats free.
    return [parts[i % len(parts)] + f"\nEnd of copy {i}." for i in range(n)]


def timed(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model")
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--n-process", type=int, default=2, help="also measure with this many processes (1: skip)")
    args = ap.parse_args(argv)
    texts = articles(args.articles)
    chars = sum(map(len, texts))
    plain, name = load_base(args.model)
    ours, _ = load_base(args.model)
    add_components(ours)
    print(f"model {name}; {len(texts)} articles, {chars / 1000:.0f} k characters; best of {args.repeat}")

    def run_plain(n_process: int = 1):
        for _ in plain.pipe(texts, n_process=n_process, batch_size=16):
            pass

    def run_ours(n_process: int = 1):
        for doc in ours.pipe(texts, n_process=n_process, batch_size=16):
            analyse(doc)

    run_plain(), run_ours()  # warm up
    rows = []
    for n_process in sorted({1, args.n_process}):
        tp = timed(lambda: run_plain(n_process), args.repeat)
        to = timed(lambda: run_ours(n_process), args.repeat)
        rows.append((n_process, tp, to))
        print(f"n_process={n_process}: plain nlp.pipe {len(texts) / tp:7.1f} articles/s   "
              f"ours {len(texts) / to:7.1f} articles/s   ratio {tp / to:.2f}")
    worst = min(tp / to for _, tp, to in rows)
    print(f"throughput ratio (ours / plain): {worst:.2f} {'>= 0.85: ok' if worst >= 0.85 else '< 0.85: BELOW TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
