"""The README's team screenshots: the adjudication view and the statistics.

    DISPLAY=:N .venv/bin/python resources/screenshots/team_screenshots.py [--out resources/screenshots]
                                                                        [--project team-demo.annotator]

Builds a team project from the seed articles (`seeds/`), deals every article to three simulated
annotators and has them work as people do: over four working days, each at their own pace, every
edit stamped on a simulated clock (so the statistics' speed is seconds of work, read from the audit
log as for anyone). They mark the seed's gold quotes (`tests/data/seed_quotes.jsonl`) with speaker,
stance, claim and check-worthiness, and the speakers' names as PERSON, and disagree in set ways:
ben reads more claims as opinions, cho skips some short quotes and leaves some speakers unknown.
The lead merges their files and settles a few disagreements; then the app's Adjudicate and
Statistics dialogs are rendered to PNG. Without a display Qt renders offscreen. `--project` keeps
the team project, to look at it in the app (`annotator gui --db ...`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from annotator import ops  # noqa: E402
from annotator.importers import import_paths  # noqa: E402
from annotator.scheme import Scheme  # noqa: E402
from annotator.store import Project  # noqa: E402
from annotator.team import adjudicate as adj  # noqa: E402
from annotator.team.assign import assign  # noqa: E402
from annotator.team.merge import merge  # noqa: E402

SEED = ROOT / "seeds" / "000_ef8b4a5962583c26.txt"
GOLD = json.loads((ROOT / "tests" / "data" / "seed_quotes.jsonl").read_text(encoding="utf-8").splitlines()[0])
START = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)  # a Monday
# Seconds between two edits (uniform range), and which working day (0-3) each finishes which article.
PACE = {"ana": (18, 45), "ben": (25, 70), "cho": (40, 110)}
DAYS = {"ana": [0, 0, 1, 1], "ben": [0, 1, 2, 3], "cho": [1, 2, 2, 3]}


class Clock:
    """ops._now for one simulated person: each call moves on by a few seconds of their pace."""

    def __init__(self, who: str):
        self.who, self.rng, self.t = who, random.Random(who), START

    def start_day(self, day: int) -> None:
        self.t = max(self.t, START + timedelta(days=day, minutes=self.rng.randint(0, 90)))

    def read(self) -> None:  # reading the article before the first edit
        self.t += timedelta(seconds=self.rng.randint(90, 240))

    def __call__(self) -> str:
        self.t += timedelta(seconds=self.rng.randint(*PACE[self.who]))
        return self.t.isoformat(timespec="milliseconds")


def gold_quotes(text: str) -> list[dict]:
    """The seed's gold quotes that lie in this article, with offsets into it, in text order."""
    off = GOLD["text"].find(text)
    return sorted(({**q, "start": q["start"] - off, "end": q["end"] - off} for q in GOLD["quotes"]
                   if off <= q["start"] and q["end"] <= off + len(text)), key=lambda q: q["start"])


def work(path: Path, who: str) -> None:
    clock = Clock(who)
    ops._now = clock
    with Project.open(path, user=who) as p:
        for n, aid in enumerate(p.article_ids()):
            clock.start_day(DAYS[who][n % len(DAYS[who])])
            clock.read()
            text = p.get_article(aid).text
            named = set()
            for i, g in enumerate(gold_quotes(text)):
                short = g["end"] - g["start"] < 20
                if who == "cho" and short and i % 3 == 1:
                    continue  # cho skips some short partial quotes
                qid = ops.create_quote(p, aid, g["start"], g["end"], g["kind"]).created("quotes")[0]
                speaker = g["speaker"] if not (who == "cho" and i % 4 == 2) else None
                if speaker:
                    ops.set_quote_speaker(p, qid, None, new_person=speaker)
                for s in g["stances"]:
                    ops.set_stance(p, qid, s["target"], s["label"])
                claim = "OPINION" if who == "ben" and i % 3 == 0 and g["claim"] != "OPINION" else g["claim"]
                if claim:
                    ops.set_claim(p, qid, claim)
                if g["checkworthy"]:
                    ops.set_checkworthy(p, qid, True)
                if speaker and speaker not in named and speaker in text:
                    s = text.index(speaker)
                    ops.create_entity(p, aid, s, s + len(speaker), "PERSON")
                    named.add(speaker)
            ops.set_article_status(p, aid, "done")


def build(path: Path, batches: Path) -> None:
    real_now = ops._now
    team = Project.create(path, Scheme.load(ROOT / "seeds" / "scheme.json"), user="lead")
    import_paths(team, [SEED])
    res = assign(team, ["ana", "ben", "cho"], batches, overlap=1.0, copies=3, seed=0)
    try:
        for who, file in res.files.items():
            work(file, who)
    finally:
        ops._now = real_now
    merge(team, sorted(res.files.values()))
    # The lead settles the first open disagreements of the first article in the queue.
    aid = adj.queue(team)[0][0]
    for row in [r for r in adj.review(team, aid).rows if r.open][:2]:
        adj.take(team, aid, row.unit, row.field, adj.review(team, aid).annotators[0])
    team.close()


def shoot(path: Path, out: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from annotator.gui.adjudication import AdjudicationDialog
    from annotator.gui.app import make_app
    from annotator.gui.session import Session
    from annotator.gui.team_menu import StatsDialog
    from annotator.team.stats import dashboard

    make_app()
    session = Session("lead")
    session.open(str(path))
    written = []
    for dialog, name, size in ((AdjudicationDialog(session), "team-adjudication.png", (1280, 720)),
                               (StatsDialog(dashboard(session.project)), "team-stats.png", (1500, 860))):
        dialog.resize(*size)
        dialog.show()
        QApplication.processEvents()
        written.append(out / name)
        dialog.grab().save(str(written[-1]))
        dialog.close()
    session.close()
    return written

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "resources" / "screenshots")
    ap.add_argument("--project", type=Path, help="keep the team project here (it must not exist)")
    args = ap.parse_args()
    if not os.environ.get("DISPLAY") and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="team-screenshots-") as tmp:
        path = args.project or Path(tmp) / "team.annotator"
        if path.exists():
            sys.exit(f"{path} exists")
        build(path, Path(tmp) / "batches")
        for p in shoot(path, args.out):
            print(p)


if __name__ == "__main__":
    main()
