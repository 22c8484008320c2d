"""How much annotators agree, on the articles two or more of them marked done.

- Quote spans: pairwise F1 (two quotes are the same when they share at least 60% of the longer
  one's words, matched one to one, as in `units`), per pair of annotators and pooled.
- Per field of a quote (speaker as the same person, stance toward each target, claim type,
  check-worthy), over the units (`units.build_units`) that two or more annotators marked:
  Krippendorff's alpha, nominal, from the `krippendorff` package, with a bootstrap 95% interval
  (units resampled with replacement, `n_boot` times, numpy's generator seeded with `seed`: the
  same data and seed give the same interval), and Cohen's kappa per pair of annotators.
- Entities: pairwise F1 per label, a mention counting as the same when start, end and label are.

Every figure comes with the number of items behind it. A figure that is not defined (one value
only, nothing to compare) is None, never a made-up 1.0.

The bootstrap needs thousands of alphas; `_nominal_alpha` computes nominal alpha from per-unit
counts in a vectorised form (Krippendorff 2011, "Computing Krippendorff's alpha-reliability",
with the coincidence matrix reduced to its diagonal and marginals) and is tested to equal the
package's on the same data. Cohen's kappa is the two-line textbook formula (Cohen 1960), tested
on a published worked example: scikit-learn would add a large dependency for it.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from .units import build_units, fields, match, value, words

if TYPE_CHECKING:
    from ..store import Project

N_BOOT = 1000


class LayerQuote(NamedTuple):
    start: int
    end: int
    kind: str
    speaker_id: int | None
    stances: str
    claim: str | None
    checkworthy: int | None


@dataclass
class FieldFigure:
    field: str
    alpha: float | None
    low: float | None  # bootstrap 95% interval
    high: float | None
    units: int  # units with values from two or more annotators
    values: int  # the values in them
    kappa: dict[str, dict] = field(default_factory=dict)  # "ana/ben" -> {"kappa", "items"}


@dataclass
class Agreement:
    articles: int
    annotators: list[str]
    quote_f1: float | None
    quote_pairs: dict[str, dict]  # "ana/ben" -> {"f1", "matched", "quotes_a", "quotes_b", "articles"}
    quotes_matched: int
    quotes_marked: int
    fields: list[FieldFigure]
    entities: dict[str, dict]  # label -> {"f1", "matched", "marked"}
    n_boot: int
    seed: int

    def to_dict(self) -> dict:
        return asdict(self)

    def field(self, name: str) -> FieldFigure:
        return next(f for f in self.fields if f.field == name)


# --- coefficients ------------------------------------------------------------------------------------

# The package's coincidence matrix costs units x categories^2: beyond this (speakers, hundreds of
# persons, of thousands of quotes) alpha comes from the same counts in closed form,
# `_nominal_alpha`, which the tests hold equal to the package's.
PACKAGE_CELLS = 5_000_000


class _Counts(NamedTuple):
    m: np.ndarray  # per pairable unit: its number of values
    agree: np.ndarray  # per unit: sum_c n_uc (n_uc - 1) / (m_u - 1), its diagonal of the coincidences
    unit_idx: np.ndarray  # per value: its unit
    codes: np.ndarray  # per value: its category
    n_cats: int

    def table(self) -> np.ndarray:
        """Units x categories counts (the package's `value_counts`)."""
        out = np.zeros((len(self.m), self.n_cats))
        np.add.at(out, (self.unit_idx, self.codes), 1.0)
        return out


def _unit_counts(matrix: np.ndarray) -> _Counts:
    """The pairable units (two values or more) of a coders x units matrix (NaN = no value)."""
    mask = ~np.isnan(matrix)
    keep = mask.sum(axis=0) >= 2
    sub, mask = matrix[:, keep].T, mask[:, keep].T  # units x coders
    unit_idx = np.nonzero(mask)[0]
    cats, codes = np.unique(sub[mask], return_inverse=True)
    n_cats = len(cats)
    m = mask.sum(axis=1).astype(float)
    cells, counts = np.unique(unit_idx * max(n_cats, 1) + codes, return_counts=True)
    agree = np.bincount(cells // max(n_cats, 1), weights=counts * (counts - 1.0), minlength=len(m))
    return _Counts(m, agree / np.maximum(m - 1.0, 1.0), unit_idx, codes.astype(np.int64), n_cats)


def _nominal_alpha(n, observed, sum_nc2) -> np.ndarray:
    """alpha = 1 - (n - 1)(n - sum_c o_cc) / (n^2 - sum_c n_c^2), elementwise; NaN where undefined."""
    n, observed, sum_nc2 = (np.atleast_1d(np.asarray(x, dtype=float)) for x in (n, observed, sum_nc2))
    with np.errstate(divide="ignore", invalid="ignore"):
        out = 1.0 - (n - 1.0) * (n - observed) / (n * n - sum_nc2)
    out[~np.isfinite(out)] = np.nan
    return out


def krippendorff_alpha(matrix: np.ndarray) -> float | None:
    """Nominal alpha of a coders x units matrix (NaN = no value); None when it is not defined (fewer
    than two pairable units' values, or a single category)."""
    import krippendorff

    c = _unit_counts(matrix)
    if c.n_cats < 2 or not len(c.m):
        return None
    if len(c.m) * c.n_cats ** 2 <= PACKAGE_CELLS:
        return float(krippendorff.alpha(value_counts=c.table(), level_of_measurement="nominal"))
    nc = np.bincount(c.codes, minlength=c.n_cats).astype(float)
    return float(_nominal_alpha(c.m.sum(), c.agree.sum(), (nc * nc).sum())[0])


def bootstrap_alpha(matrix: np.ndarray, n_boot: int = N_BOOT, seed: int = 0) -> tuple[float | None, float | None]:
    """The 2.5th and 97.5th percentiles of nominal alpha over `n_boot` resamples of the units."""
    return bootstrap_alphas([matrix], n_boot, seed)[0]


def bootstrap_alphas(matrices: list[np.ndarray], n_boot: int = N_BOOT,
                     seed: int = 0) -> list[tuple[float | None, float | None]]:
    """`bootstrap_alpha` for several fields whose pairable units are the same units (the fields of
    one set of quote units): each resample's weights are drawn once for all of them."""
    counts = [_unit_counts(m) for m in matrices]
    n_units = max((len(c.m) for c in counts), default=0)
    live = [i for i, c in enumerate(counts) if len(c.m) == n_units and n_units >= 2 and c.n_cats >= 2]
    out: list[tuple[float | None, float | None]] = [(None, None)] * len(matrices)
    if not live or n_boot < 1:
        return out
    rng = np.random.default_rng(seed)
    tables = {i: counts[i].table() if counts[i].n_cats <= 64 else None for i in live}
    alphas: dict[int, list] = {i: [] for i in live}
    chunk = max(1, min(n_boot, 2_000_000 // n_units))
    for start in range(0, n_boot, chunk):
        b = min(chunk, n_boot - start)
        draws = rng.integers(0, n_units, size=(b, n_units))
        w = np.bincount((draws + np.arange(b)[:, None] * n_units).ravel(),
                        minlength=b * n_units).reshape(b, n_units).astype(float)
        for i in live:
            c = counts[i]
            if tables[i] is not None:
                nc = w @ tables[i]
            else:  # many categories (speakers): one weighted count per resample
                nc = np.stack([np.bincount(c.codes, weights=w[k, c.unit_idx], minlength=c.n_cats) for k in range(b)])
            alphas[i].append(_nominal_alpha(w @ c.m, w @ c.agree, (nc * nc).sum(axis=1)))
    for i in live:
        a = np.concatenate(alphas[i])
        a = a[np.isfinite(a)]
        if len(a):
            low, high = np.percentile(a, [2.5, 97.5])
            out[i] = (float(low), float(high))
    return out


def cohen_kappa(a: list, b: list) -> float | None:
    """Cohen's kappa of two coders' values on the same items; None when chance agreement is 1."""
    n = len(a)
    if n == 0 or n != len(b):
        return None
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb.get(k, 0) for k in ca) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def f1(matched: int, marked: int) -> float | None:
    """2 * matched / (items of one + items of the other); None when neither marked anything."""
    return 2.0 * matched / marked if marked else None


# --- reading the layers ------------------------------------------------------------------------------

def _load(project: "Project", ids: list[int]):
    c = project.conn
    c.execute("CREATE TEMP TABLE IF NOT EXISTS agreement_ids (id INTEGER PRIMARY KEY)")
    c.execute("DELETE FROM temp.agreement_ids")
    c.executemany("INSERT INTO temp.agreement_ids (id) VALUES (?)", [(i,) for i in ids])
    done = defaultdict(list)
    for aid, who in c.execute("SELECT article_id, annotator FROM layer_articles WHERE status = 'done' AND "
                              "article_id IN temp.agreement_ids ORDER BY article_id, annotator"):
        done[aid].append(who)
    quotes = defaultdict(lambda: defaultdict(list))
    for r in c.execute(
            'SELECT q.article_id, q.annotator, q.start, q."end", q.kind, q.speaker_id, q.stances, q.claim, '
            "q.checkworthy FROM layer_quotes q JOIN layer_articles a ON a.annotator = q.annotator AND "
            "a.article_id = q.article_id AND a.status = 'done' WHERE q.article_id IN temp.agreement_ids "
            "ORDER BY q.article_id, q.annotator, q.item"):
        quotes[r[0]][r[1]].append(LayerQuote(*r[2:]))
    ents = defaultdict(lambda: defaultdict(set))
    for r in c.execute(
            'SELECT e.article_id, e.annotator, e.start, e."end", e.label FROM layer_entities e JOIN layer_articles a '
            "ON a.annotator = e.annotator AND a.article_id = e.article_id AND a.status = 'done' "
            "WHERE e.article_id IN temp.agreement_ids"):
        ents[r[0]][r[1]].add((r[2], r[3], r[4]))
    texts = dict(c.execute("SELECT id, text FROM articles WHERE id IN temp.agreement_ids"))
    c.execute("DELETE FROM temp.agreement_ids")
    return done, quotes, ents, texts


# --- the report --------------------------------------------------------------------------------------

def agreement(project: "Project", n_boot: int = N_BOOT, seed: int = 0, article_ids: list[int] | None = None) -> Agreement:
    """Agreement figures over the articles two or more annotators finished (see module doc)."""
    from .layers import overlap_article_ids

    ids = overlap_article_ids(project) if article_ids is None else article_ids
    scheme = project.scheme
    flds = [f for f in fields(scheme) if f != "span"]
    done, quotes, ents, texts = _load(project, ids)
    names = sorted({a for v in done.values() for a in v})
    col = {a: i for i, a in enumerate(names)}
    pair_q: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # matched, a, b, articles
    ent_pairs: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # label -> matched, marked
    columns: dict[str, list[dict]] = {f: [] for f in flds}  # per field, per unit: annotator -> value
    for aid in ids:
        who = done.get(aid, [])
        if len(who) < 2:
            continue
        text = texts[aid]
        qs = {a: quotes[aid].get(a, []) for a in who}
        qwords = {a: [words(text, q.start, q.end) for q in qs[a]] for a in who}
        for a, b in itertools.combinations(who, 2):
            rec = pair_q[(a, b)]
            rec[0] += len(match(qwords[a], qwords[b]))
            rec[1] += len(qs[a])
            rec[2] += len(qs[b])
            rec[3] += 1
            ea, eb = ents[aid].get(a, set()), ents[aid].get(b, set())
            for label in {e[2] for e in ea | eb}:
                la = {e for e in ea if e[2] == label}
                lb = {e for e in eb if e[2] == label}
                ent_pairs[label][0] += len(la & lb)
                ent_pairs[label][1] += len(la) + len(lb)
        for unit in build_units(text, qs):
            if len(unit.members) < 2:
                continue
            for f in flds:
                columns[f].append({a: value(q, f, scheme) for a, q in unit.members.items()})
    matched = sum(r[0] for r in pair_q.values())
    marked = sum(r[1] + r[2] for r in pair_q.values())
    figures = [_field_figure(f, columns[f], names, col) for f in flds]
    # One set of resamples for every field (they share their units): the weights are drawn once.
    intervals = bootstrap_alphas([fig.matrix for fig in figures], n_boot, seed)
    for fig, (low, high) in zip(figures, intervals):
        fig.low, fig.high = (low, high) if fig.alpha is not None else (None, None)
        del fig.matrix
    return Agreement(
        articles=sum(1 for aid in ids if len(done.get(aid, [])) >= 2), annotators=names,
        quote_f1=f1(matched, marked),
        quote_pairs={f"{a}/{b}": {"f1": f1(r[0], r[1] + r[2]), "matched": r[0], "quotes_a": r[1], "quotes_b": r[2],
                                  "articles": r[3]} for (a, b), r in sorted(pair_q.items())},
        quotes_matched=matched, quotes_marked=marked, fields=figures,
        entities={label: {"f1": f1(m, n), "matched": m, "marked": n} for label, (m, n) in sorted(ent_pairs.items())},
        n_boot=n_boot, seed=seed)


def _field_figure(name: str, units: list[dict], names: list[str], col: dict) -> FieldFigure:
    codes: dict[Any, int] = {}
    matrix = np.full((len(names), len(units)), np.nan)
    for j, vals in enumerate(units):
        for a, v in vals.items():
            matrix[col[a], j] = codes.setdefault(repr(v), len(codes))
    alpha = krippendorff_alpha(matrix) if units else None
    kappa = {}
    for a, b in itertools.combinations(names, 2):
        both = [(vals[a], vals[b]) for vals in units if a in vals and b in vals]
        if both:
            k = cohen_kappa([repr(x) for x, _ in both], [repr(y) for _, y in both])
            kappa[f"{a}/{b}"] = {"kappa": k, "items": len(both)}
    fig = FieldFigure(name, alpha, None, None, units=len(units), values=int(np.count_nonzero(~np.isnan(matrix))),
                      kappa=kappa)
    fig.matrix = matrix
    return fig
