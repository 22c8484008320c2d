"""The figures a lead reads at a glance; the app's Stats dialog and `annotator stats --plot` draw them.

Per series (each annotator in a team project, from their merged layers; the project itself in a
project with no layers):

- progress: articles marked done, cumulative, by day (when each was marked done: the audit log);
- labels: how often each claim type, stance label and entity label was given (reviewed work);
- speed: seconds of work (`worktime`, from the audit log) per reviewed quote;
- agreement per field with its 95% interval (team projects, `agreement`).

Only figures here: drawing lives on the GUI side (`annotator/gui/charts.py`), which the core
never imports.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Project

PROJECT_SERIES = "project"


@dataclass
class Dashboard:
    progress: dict[str, list[tuple[str, int]]]  # series -> [(day, articles done so far)]
    labels: dict[str, dict[str, dict[str, int]]]  # "claim" | "stance" | "entity" -> series -> label -> n
    speed: dict[str, dict]  # series -> {"seconds", "quotes", "seconds_per_quote"}
    agreement: list[dict] = field(default_factory=list)  # [{"field", "alpha", "low", "high", "units"}]

    def to_dict(self) -> dict:
        return asdict(self)


def _cumulative(days: list[str]) -> list[tuple[str, int]]:
    out, n = [], 0
    for day, k in sorted(Counter(days).items()):
        n += k
        out.append((day, n))
    return out


def _count_labels(rows, labels: dict, series: str) -> None:
    for kind, stances, claim in rows:
        for s in json.loads(stances):
            labels["stance"][series][s["label"]] += 1
        if claim:
            labels["claim"][series][claim] += 1


def dashboard(project: "Project", with_agreement: bool = True, n_boot: int = 1000, seed: int = 0) -> Dashboard:
    from .layers import has_layers

    c = project.conn
    labels: dict = {k: defaultdict(Counter) for k in ("claim", "stance", "entity")}
    progress, speed = {}, {}
    agreement = []
    if has_layers(project):
        done = defaultdict(list)
        for who, at in c.execute("SELECT annotator, done_at FROM layer_articles WHERE done_at IS NOT NULL"):
            done[who].append(at[:10])
        progress = {who: _cumulative(days) for who, days in sorted(done.items())}
        for who, in c.execute("SELECT DISTINCT annotator FROM layer_articles ORDER BY 1").fetchall():
            _count_labels(c.execute("SELECT kind, stances, claim FROM layer_quotes WHERE annotator = ?", (who,)),
                          labels, who)
            for label, n in c.execute("SELECT label, count(*) FROM layer_entities WHERE annotator = ? GROUP BY 1",
                                      (who,)):
                labels["entity"][who][label] = n
            secs = c.execute("SELECT coalesce(sum(seconds), 0) FROM layer_articles WHERE annotator = ?",
                             (who,)).fetchone()[0]
            quotes = c.execute("SELECT count(*) FROM layer_quotes WHERE annotator = ?", (who,)).fetchone()[0]
            speed[who] = {"seconds": secs, "quotes": quotes, "seconds_per_quote": secs / quotes if quotes else None}
        if with_agreement:
            from .agreement import agreement as measure

            rep = measure(project, n_boot=n_boot, seed=seed)
            agreement = [{"field": f.field, "alpha": f.alpha, "low": f.low, "high": f.high, "units": f.units}
                         for f in rep.fields]
    else:
        from ..worktime import seconds_spent

        days = [r[0][:10] for r in c.execute(
            "SELECT max(ts) FROM audit WHERE tbl = 'articles' AND field = 'status' AND new = 'done' "
            "AND article_id IN (SELECT id FROM articles WHERE status = 'done') GROUP BY article_id")]
        progress = {PROJECT_SERIES: _cumulative(days)} if days else {}
        _count_labels(c.execute("SELECT kind, stances, claim FROM quotes WHERE reviewed = 1"), labels, PROJECT_SERIES)
        for label, n in c.execute("SELECT label, count(*) FROM entities WHERE reviewed = 1 GROUP BY 1"):
            labels["entity"][PROJECT_SERIES][label] = n
        secs = sum(seconds_spent(project, project.article_ids()).values())
        quotes = c.execute("SELECT count(*) FROM quotes WHERE reviewed = 1").fetchone()[0]
        speed[PROJECT_SERIES] = {"seconds": secs, "quotes": quotes,
                                 "seconds_per_quote": secs / quotes if quotes else None}
    return Dashboard(progress, {k: {s: dict(v) for s, v in series.items()} for k, series in labels.items()},
                     speed, agreement)
