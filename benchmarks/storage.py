"""Storage benchmark: a 100,000-article project (600 words, 30 entities, 5 quotes each).

    .venv/bin/python benchmarks/storage.py [--n 100000] [--db benchmarks/out/big.annotator] [--reuse]

Prints import rate, open time, list-page queries, article load and edit latencies, file size,
each against its target. `--reuse` measures an existing project instead of generating one
(the GUI benchmark uses the same file).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator import ops  # noqa: E402
from annotator.models import ArticleDraft, Entity, Person, Quote  # noqa: E402
from annotator.scheme import Scheme  # noqa: E402
from annotator.store import Project  # noqa: E402

SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "vo", "su", "del", "an", "tri", "po", "gen", "or", "ul", "bes", "na"]
LABELS = ["PERSON", "ORG", "GPE", "DATE", "NORP"]


def vocabulary(rng: random.Random, n: int = 6000) -> list[str]:
    words = {"".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))) for _ in range(n * 2)}
    return sorted(words)[:n]


def make_article(rng: random.Random, vocab: list[str], i: int, words: int = 600, n_ent: int = 30,
                 n_quotes: int = 5) -> ArticleDraft:
    toks = rng.choices(vocab, k=words)
    # Quotes: wrap 5 stretches of 8 words in quotation marks; entities: 30 capitalised single words.
    text_parts, spans_q, spans_e = [], [], []
    pos = 0
    q_at = set(rng.sample(range(0, words - 10, 10), n_quotes))
    e_at = set(rng.sample([k for k in range(words) if all(not (a <= k < a + 9) for a in q_at)], n_ent))
    k = 0
    while k < words:
        if k in q_at:
            chunk = " ".join(toks[k:k + 8])
            text_parts.append('"' + chunk + '"')
            spans_q.append((pos + 1, pos + 1 + len(chunk)))
            pos += len(chunk) + 3
            k += 8
            continue
        w = toks[k].capitalize() if k in e_at or k % 20 == 0 else toks[k]
        if k % 20 == 19:
            w += "."  # sentences of twenty words, as in news
        if k in e_at:
            spans_e.append((pos, pos + len(w)))
        text_parts.append(w)
        pos += len(w) + 1
        k += 1
    text = " ".join(text_parts)
    ents = [Entity(start=s, end=e, label=rng.choice(LABELS), confidence=0.9) for s, e in spans_e]
    quotes = [Quote(start=s, end=e, kind="direct", speaker_id=1, confidence=0.8) for s, e in spans_q]
    return ArticleDraft(title=f"Story {i}: " + " ".join(toks[:6]).title(), place=rng.choice(["London", "Paris", "Oslo"]),
                        text=text, source="bench", entities=ents, quotes=quotes,
                        persons={1: Person(name=f"Speaker {i % 500}")})


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def line(name: str, value: str, target: str = "", ok: bool | None = None) -> None:
    mark = "" if ok is None else ("  ok" if ok else "  MISSED")
    print(f"{name:<42}{value:>14}   {target}{mark}")


def generate(path: Path, n: int, seed: int) -> float:
    """Import n generated articles, 1,000 per import; the import rate (making the drafts is not timed)."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    p = Project.create(path, Scheme.default())
    elapsed = 0.0
    batch = 1000
    for b in range(0, n, batch):
        drafts = [make_article(rng, vocab, i) for i in range(b, min(n, b + batch))]
        t0 = time.perf_counter()
        p.import_articles(drafts)
        elapsed += time.perf_counter() - t0
        print(f"\r  generated {min(n, b + batch):,}/{n:,}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    p.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    p.conn.execute("ANALYZE")
    p.close()
    return n / elapsed


def file_import(folder: Path, n: int, seed: int, into: Path | None = None) -> float:
    """`annotator import FILE.jsonl` of n generated articles (reading and checking included), per
    second: into a new project, or `into` an existing one (which keeps them)."""
    from annotator.importers import import_paths

    rng = random.Random(seed)
    vocab = vocabulary(rng)
    src, db = folder / "bench-articles.jsonl", folder / "bench-file-import.annotator"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(n):
            d = make_article(rng, vocab, i)
            fh.write(json.dumps({"text": d.text, "meta": {"title": d.title, "place": d.place, "source": d.source},
                                 "spans": [{"start": e.start, "end": e.end, "label": e.label, "confidence": e.confidence}
                                           for e in d.entities],
                                 "quotes": [{"start": q.start, "end": q.end, "kind": q.kind, "confidence": q.confidence,
                                             "speaker": d.persons[1].name} for q in d.quotes]}) + "\n")
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    with (Project.open(into) if into else Project.create(db, Scheme.default())) as p:
        t0 = time.perf_counter()
        res = import_paths(p, [src])
        rate = n / (time.perf_counter() - t0)
    assert res.added == n, res
    for f in (src, db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        f.unlink(missing_ok=True)
    return rate


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("benchmarks/out/big.annotator"))
    ap.add_argument("--reuse", action="store_true", help="measure an existing project")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--file-n", type=int, default=10_000, help="articles of the JSONL file import")
    args = ap.parse_args()
    load_before = os.getloadavg()

    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.db) + suffix).unlink(missing_ok=True)
        args.db.parent.mkdir(parents=True, exist_ok=True)
        rate = generate(args.db, args.n, args.seed)
        file_rate = file_import(args.db.parent, args.file_n, args.seed)
    else:
        rate = file_rate = None

    # Open time in a fresh process (includes importing the core, as the app would).
    code = ("import time; t=time.perf_counter(); from annotator.store import Project; "
            f"p=Project.open({str(args.db)!r}); p.count_articles(); print(time.perf_counter()-t)")
    opens = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                  cwd=Path(__file__).resolve().parent.parent).stdout) for _ in range(5)]
    code2 = ("import time; from annotator.store import Project; t=time.perf_counter(); "
             f"p=Project.open({str(args.db)!r}); p.count_articles(); print(time.perf_counter()-t)")
    opens_file = [float(subprocess.run([sys.executable, "-c", code2], capture_output=True, text=True, check=True,
                                       cwd=Path(__file__).resolve().parent.parent).stdout) for _ in range(5)]

    p = Project.open(args.db, user="bench")
    n = p.count_articles()
    rng = random.Random(args.seed + 1)
    ids = p.article_ids()

    def timed(fn, reps):
        out = []
        for _ in range(reps):
            t = time.perf_counter()
            fn()
            out.append((time.perf_counter() - t) * 1000)
        return out

    page_status = timed(lambda: p.list_articles(status="new", limit=100, offset=rng.randrange(0, 5000)), 30)
    vocab_probe = p.get_article(ids[len(ids) // 2]).text.split()
    terms = [w.strip('"') for w in vocab_probe if len(w) > 4][:30]
    page_fts, count_fts, count_capped = [], [], []
    for term in terms:
        t = time.perf_counter()
        p.list_articles(search=term, limit=100)
        page_fts.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        p.count_articles(search=term)
        count_fts.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        p.count_articles(search=term, cap=10_000)
        count_capped.append((time.perf_counter() - t) * 1000)
    rare = [f"{w}" for w in terms[:10]]
    page_fts_status = timed(lambda: p.list_articles(status="new", search=rng.choice(rare), limit=100), 20)
    loads = timed(lambda: p.load_article(rng.choice(ids)), 300)

    # Edits: a real change to a random quote, committed (what one key press in the app does);
    # claim and note alternate so that no edit is a no-op.
    qids = [r[0] for r in p.conn.execute("SELECT id FROM quotes WHERE id % 97 = 0 LIMIT 2000")]
    claims = p.scheme.claim_types
    counter = iter(range(10**9))

    def edit():
        q, k = rng.choice(qids), next(counter)
        if k % 2:
            ops.set_note(p, q, f"bench note {k}")
        else:
            cur = p.get_quote(q).claim
            ops.set_claim(p, q, rng.choice([c for c in claims if c != cur]))
    edits = timed(edit, 300)
    undos = timed(lambda: ops.undo(p), 100)
    size = sum(Path(str(args.db) + s).stat().st_size for s in ("", "-wal") if Path(str(args.db) + s).exists())
    n_q = p.conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    n_e = p.conn.execute("SELECT count(*) FROM entities").fetchone()[0]
    p.close()

    print(f"\nproject: {n:,} articles, {n_e:,} entities, {n_q:,} quotes  ({args.db})")
    if rate:
        line("import (articles in memory, 1,000 per import)", f"{rate:,.0f} art/s", "target >= 2,500 art/s",
             rate >= 2500)
        line(f"import from a JSONL file ({args.file_n:,}, reading incl.)", f"{file_rate:,.0f} art/s",
             "target >= 2,500 art/s", file_rate >= 2500)
    line("open (fresh process, incl. imports)", f"{statistics.median(opens):.3f} s", "")
    line("open (file only)", f"{statistics.median(opens_file) * 1000:.1f} ms", "target <= 300 ms",
         statistics.median(opens_file) <= 0.3)
    line("list page by status p95", f"{pct(page_status, .95):.1f} ms")
    line("list page by FTS term p95", f"{pct(page_fts, .95):.1f} ms", "target <= 50 ms", pct(page_fts, .95) <= 50)
    line("count all FTS hits p95", f"{pct(count_fts, .95):.1f} ms", "(terms in ~10% of articles)")
    line("count FTS hits capped at 10,000 p95", f"{pct(count_capped, .95):.1f} ms", "target <= 50 ms",
         pct(count_capped, .95) <= 50)
    line("list page by status + FTS p95", f"{pct(page_fts_status, .95):.1f} ms", "target <= 50 ms",
         pct(page_fts_status, .95) <= 50)
    line("load article p50", f"{pct(loads, .5):.2f} ms")
    line("load article p95", f"{pct(loads, .95):.2f} ms", "target <= 10 ms", pct(loads, .95) <= 10)
    line("edit committed p50", f"{pct(edits, .5):.2f} ms")
    line("edit committed p95", f"{pct(edits, .95):.2f} ms", "target <= 5 ms", pct(edits, .95) <= 5)
    line("undo committed p95", f"{pct(undos, .95):.2f} ms")
    line("file size", f"{size / 1e6:,.0f} MB", f"({size / max(n, 1) / 1024:.1f} KB per article)")
    if rate:  # last: the project keeps what it imports
        into = [file_import(args.db.parent, args.file_n, args.seed + 1000 + k, into=args.db) for k in range(2)]
        line("JSONL file into this project", " / ".join(f"{r:,.0f}" for r in into) + " art/s",
             f"({args.file_n:,} more, twice)")
        print("  (an import may pay for merging the search index that earlier ones left: FTS5 merges 16 segments\n"
              f"   of a level at once; the project now holds {n + 2 * args.file_n:,} articles: a --reuse run measures that)")
    load_after = os.getloadavg()
    print(f"\nload average (1, 5, 15 min) at the start {', '.join(f'{x:.1f}' for x in load_before)}, "
          f"at the end {', '.join(f'{x:.1f}' for x in load_after)} (2 cores: above 2, the figures are slower)")


if __name__ == "__main__":
    main()
