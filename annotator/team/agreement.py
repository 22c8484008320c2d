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
on a published worked example (scikit-learn would add a large dependency for it); `pair_kappas`
computes it for every pair from the same coded matrices, tested equal to it.

At scale (100,000 articles, 9,000 of them done twice) the layers are read with a few set-based
queries (the entity figures are one GROUP BY: see `_ENTITY_SQL`); Python walks the quotes article
by article only to line them up (word overlap), each quote's field values worked out once per
distinct combination; the bootstrap draws all resamples in a few chunks of matrix products.
"""

from __future__ import annotations

import itertools
import json
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
    stances: str | list  # as stored (JSON), or parsed
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
# The bootstrap: fields with up to this many categories get a units x categories table; resamples
# are drawn in chunks of about this many unit weights.
DENSE_CATEGORIES = 64
CHUNK_CELLS = 4_000_000


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
    one set of quote units): each resample's weights are drawn once for all of them.

    A resample is a weight per unit (how often it was drawn); a field's alpha then needs three
    weighted sums over the units: its values, its agreement (`_Counts.agree`) and its values per
    category. For a chunk of resamples at once, the sums of every field with few categories are
    one matrix product (weights x [values, agreement, counts per category]); a field with many
    (speakers) gets a weighted bincount per resample (one over the whole chunk, or a units x
    categories product, costs several times as much: memory, not arithmetic, is what counts)."""
    counts = [_unit_counts(m) for m in matrices]
    n_units = max((len(c.m) for c in counts), default=0)
    live = [i for i, c in enumerate(counts) if len(c.m) == n_units and n_units >= 2 and c.n_cats >= 2]
    out: list[tuple[float | None, float | None]] = [(None, None)] * len(matrices)
    if not live or n_boot < 1:
        return out
    dense = [i for i in live if counts[i].n_cats <= DENSE_CATEGORIES]
    cols, at = [], {}
    for i in live:
        c = counts[i]
        at[i] = sum(x.shape[1] for x in cols)
        cols.append(np.column_stack([c.m, c.agree, *([c.table()] if i in dense else [])]))
    sums_of = np.hstack(cols)
    rng = np.random.default_rng(seed)
    chunk = max(1, min(n_boot, CHUNK_CELLS // n_units))
    alphas = {i: np.empty(n_boot) for i in live}
    for start in range(0, n_boot, chunk):
        b = min(chunk, n_boot - start)
        draws = rng.integers(0, n_units, size=(b, n_units))
        w = np.bincount((draws + np.arange(b)[:, None] * n_units).ravel(),
                        minlength=b * n_units).reshape(b, n_units).astype(float)
        sums = w @ sums_of
        for i in live:
            c, o = counts[i], at[i]
            if i in dense:
                nc = sums[:, o + 2:o + 2 + c.n_cats]
            else:
                nc = np.empty((b, c.n_cats))
                for k in range(b):
                    nc[k] = np.bincount(c.codes, weights=w[k, c.unit_idx], minlength=c.n_cats)
            alphas[i][start:start + b] = _nominal_alpha(sums[:, o], sums[:, o + 1], (nc * nc).sum(axis=1))
    for i in live:
        a = alphas[i][np.isfinite(alphas[i])]
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


def pair_kappas(matrix: np.ndarray, names: list[str]) -> dict[str, dict]:
    """`cohen_kappa` for every pair of coders of a coders x units matrix of category codes (NaN =
    no value), on the units both coded: "a/b" -> {"kappa", "items"}; pairs with none are left out."""
    out = {}
    present = ~np.isnan(matrix)
    for a, b in itertools.combinations(range(len(names)), 2):
        both = present[a] & present[b]
        n = int(np.count_nonzero(both))
        if not n:
            continue
        x, y = matrix[a, both].astype(np.int64), matrix[b, both].astype(np.int64)
        size = int(max(x.max(), y.max())) + 1
        observed = int(np.count_nonzero(x == y)) / n
        expected = int(np.dot(np.bincount(x, minlength=size), np.bincount(y, minlength=size))) / (n * n)
        kappa = None if expected >= 1.0 else (observed - expected) / (1.0 - expected)
        out[f"{names[a]}/{names[b]}"] = {"kappa": kappa, "items": n}
    return out


def f1(matched: int, marked: int) -> float | None:
    """2 * matched / (items of one + items of the other); None when neither marked anything."""
    return 2.0 * matched / marked if marked else None


# --- reading the layers ------------------------------------------------------------------------------

# The articles measured and, per article, who finished it (the ids as a JSON array: no temp table,
# so a read-only project is measured too).
_DONE = ("WITH done AS (SELECT article_id, annotator FROM layer_articles WHERE status = 'done' "
         "AND article_id IN (SELECT value FROM json_each(?)) AND article_id IN (SELECT article_id "
         "FROM layer_articles WHERE status = 'done' GROUP BY article_id HAVING count(*) >= 2)) ")
# Entities, pooled over the pairs of annotators of each article: a mention (start, end, label) that k
# of an article's n annotators marked is matched in k(k-1)/2 pairs and marked in k(n-1) of them.
_ENTITY_SQL = _DONE + (
    "SELECT label, sum(k * (k - 1) / 2), sum(k * (n - 1)) FROM ("
    "  SELECT e.label, count(DISTINCT e.annotator) AS k, c.n FROM layer_entities e"
    "  JOIN done d ON d.article_id = e.article_id AND d.annotator = e.annotator"
    "  JOIN (SELECT article_id, count(*) AS n FROM done GROUP BY article_id) c ON c.article_id = e.article_id"
    '  GROUP BY e.article_id, e.start, e."end", e.label) GROUP BY label ORDER BY label')
_QUOTE_SQL = _DONE + (
    'SELECT q.article_id, q.annotator, q.start, q."end", q.kind, q.speaker_id, q.stances, q.claim, q.checkworthy '
    "FROM done d JOIN layer_quotes q ON q.article_id = d.article_id AND q.annotator = d.annotator "
    "ORDER BY q.article_id, q.annotator, q.item")


class _Layers(NamedTuple):
    done: dict[int, list[str]]  # article -> the annotators who finished it (two or more), by name
    quotes: dict[int, dict[str, list[LayerQuote]]]
    texts: dict[int, str]
    entities: dict[str, tuple[int, int]]  # label -> (matched, marked), pooled over pairs


def _load(project: "Project", ids: list[int]) -> _Layers:
    c = project.conn
    key = (json.dumps(list(ids)),)
    done = defaultdict(list)
    for aid, who in c.execute(_DONE + "SELECT article_id, annotator FROM done ORDER BY 1, 2", key):
        done[aid].append(who)
    quotes: dict = defaultdict(lambda: defaultdict(list))
    for r in c.execute(_QUOTE_SQL, key):
        quotes[r[0]][r[1]].append(LayerQuote._make(r[2:]))
    texts = dict(c.execute(_DONE + "SELECT id, text FROM articles WHERE id IN (SELECT article_id FROM done)", key))
    entities = {label: (int(m), int(n)) for label, m, n in c.execute(_ENTITY_SQL, key)}
    return _Layers(dict(done), quotes, texts, entities)


class _Values(dict):
    """A quote's value of each field (`units.value`), by its (speaker, stances, claim, check-worthy):
    quotes repeat these a great deal, so each combination is worked out (its stances parsed) once."""

    def __init__(self, flds: tuple[str, ...], scheme):
        super().__init__()
        self.flds, self.scheme = flds, scheme

    def __missing__(self, key: tuple) -> tuple:
        speaker_id, stances, claim, checkworthy = key
        q = LayerQuote(0, 0, "", speaker_id, json.loads(stances), claim, checkworthy)
        out = self[key] = tuple(value(q, f, self.scheme) for f in self.flds)
        return out


# --- the report --------------------------------------------------------------------------------------

def agreement(project: "Project", n_boot: int = N_BOOT, seed: int = 0, article_ids: list[int] | None = None) -> Agreement:
    """Agreement figures over the articles two or more annotators finished (see module doc)."""
    from .layers import overlap_article_ids

    ids = overlap_article_ids(project) if article_ids is None else article_ids
    scheme = project.scheme
    flds = tuple(f for f in fields(scheme) if f != "span")
    layers = _load(project, ids)
    names = sorted({a for v in layers.done.values() for a in v})
    col = {a: i for i, a in enumerate(names)}
    pair_q: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # matched, a, b, articles
    unit_of, coder_of, vals = [], [], []  # per value of a unit two or more annotators marked
    n_units, values_of = 0, _Values(flds, scheme)
    for aid, who in layers.done.items():
        text = layers.texts[aid]
        qs = {a: layers.quotes[aid].get(a, []) for a in who}
        spans: dict[tuple[int, int], frozenset] = {}
        qwords = {a: [spans.get((q.start, q.end)) or spans.setdefault((q.start, q.end), words(text, q.start, q.end))
                      for q in qs[a]] for a in who}
        for a, b in itertools.combinations(who, 2):
            rec = pair_q[(a, b)]
            rec[0] += len(match(qwords[a], qwords[b]))
            rec[1] += len(qs[a])
            rec[2] += len(qs[b])
            rec[3] += 1
        for unit in build_units(text, qs, qwords):
            if len(unit.members) < 2:
                continue
            for a, q in unit.members.items():
                unit_of.append(n_units)
                coder_of.append(col[a])
                vals.append(values_of[q.speaker_id, q.stances, q.claim, q.checkworthy])
            n_units += 1
    matrices = [_matrix([v[k] for v in vals], unit_of, coder_of, len(names), n_units) for k in range(len(flds))]
    # One set of resamples for every field (they share their units): the weights are drawn once.
    intervals = bootstrap_alphas(matrices, n_boot, seed)
    figures = []
    for f, m, (low, high) in zip(flds, matrices, intervals):
        alpha = krippendorff_alpha(m) if n_units else None
        figures.append(FieldFigure(f, alpha, *((low, high) if alpha is not None else (None, None)), units=n_units,
                                   values=len(vals), kappa=pair_kappas(m, names)))
    matched = sum(r[0] for r in pair_q.values())
    marked = sum(r[1] + r[2] for r in pair_q.values())
    return Agreement(
        articles=len(layers.done), annotators=names, quote_f1=f1(matched, marked),
        quote_pairs={f"{a}/{b}": {"f1": f1(r[0], r[1] + r[2]), "matched": r[0], "quotes_a": r[1], "quotes_b": r[2],
                                  "articles": r[3]} for (a, b), r in sorted(pair_q.items())},
        quotes_matched=matched, quotes_marked=marked, fields=figures,
        entities={label: {"f1": f1(m, n), "matched": m, "marked": n} for label, (m, n) in layers.entities.items()},
        n_boot=n_boot, seed=seed)


def _matrix(values: list, unit_of: list[int], coder_of: list[int], n_coders: int, n_units: int) -> np.ndarray:
    """Coders x units, each value as its category's code (in order of first appearance), NaN where none."""
    codes: dict[Any, int] = {}
    m = np.full((n_coders, n_units), np.nan)
    if values:
        m[np.asarray(coder_of), np.asarray(unit_of)] = [codes.setdefault(v, len(codes)) for v in values]
    return m
