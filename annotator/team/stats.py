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

    def __str__(self) -> str:  # the status bar's line when the figures are ready
        return f"figures for {len(self.speed)} series ready"


def _cumulative(days: list[str]) -> list[tuple[str, int]]:
    out, n = [], 0
    for day, k in sorted(Counter(days).items()):
        n += k
        out.append((day, n))
    return out


def _count_labels(c, labels: dict, quotes: str, entities: str, series: str, where: str) -> None:
    """Claim types, stance labels and entity labels per series, each one GROUP BY in SQL (a team
    project's layers hold millions of rows: nothing here walks them in Python)."""
    for who, label, n in c.execute(f"SELECT {series}, claim, count(*) FROM {quotes} WHERE {where} AND claim IS NOT "
                                   "NULL AND claim != '' GROUP BY 1, 2"):
        labels["claim"][who][label] = n
    for who, label, n in c.execute(f"SELECT {series}, json_extract(s.value, '$.label'), count(*) FROM {quotes}, "
                                   f"json_each({quotes}.stances) s WHERE {where} GROUP BY 1, 2"):
        labels["stance"][who][label] = n
    for who, label, n in c.execute(f"SELECT {series}, label, count(*) FROM {entities} WHERE {where} GROUP BY 1, 2"):
        labels["entity"][who][label] = n


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
        _count_labels(c, labels, "layer_quotes", "layer_entities", "annotator", "1")
        quotes = dict(c.execute("SELECT annotator, count(*) FROM layer_quotes GROUP BY 1"))
        for who, secs in c.execute("SELECT annotator, coalesce(sum(seconds), 0) FROM layer_articles GROUP BY 1"):
            n = quotes.get(who, 0)
            speed[who] = {"seconds": secs, "quotes": n, "seconds_per_quote": secs / n if n else None}
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
        _count_labels(c, labels, "quotes", "entities", f"'{PROJECT_SERIES}'", "reviewed = 1")
        secs = sum(seconds_spent(project, project.article_ids()).values())
        quotes = c.execute("SELECT count(*) FROM quotes WHERE reviewed = 1").fetchone()[0]
        speed[PROJECT_SERIES] = {"seconds": secs, "quotes": quotes,
                                 "seconds_per_quote": secs / quotes if quotes else None}
    return Dashboard(progress, {k: {s: dict(v) for s, v in series.items()} for k, series in labels.items()},
                     speed, agreement)
