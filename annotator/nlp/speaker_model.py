"""The learned attribution's model: a thinc network that scores (quote, candidate speaker) pairs.

Input per candidate: the dense features of `speaker_candidates.features` (position, cue, parse,
the rules' choice, token vectors) and a few hashed words around the candidate, embedded by a
table of `n_buckets` rows. One hidden ReLU layer, one score. The scores of a quote's candidates
are turned into probabilities by a softmax over that quote's candidates (`group_softmax`), and
training maximises the probability of the right ones (`group_loss`).

Registered as `annotator.SpeakerScorer.v1` (spaCy's `architectures` registry, also as an entry
point) so a saved pipeline's config rebuilds it anywhere this package is installed.
"""

from __future__ import annotations

import numpy
import spacy
from thinc.api import Linear, Model, Relu, chain
from thinc.types import Floats2d

from .speaker_candidates import LEXICAL_SLOTS, N_DENSE

Batch = tuple[numpy.ndarray, numpy.ndarray]  # (dense float32 [n, N_DENSE], hashed words uint64 [n, slots])


@spacy.registry.architectures("annotator.SpeakerScorer.v1")
def build_speaker_scorer(hidden_width: int = 64, embed_width: int = 8, n_buckets: int = 2048,
                         dropout: float = 0.2) -> Model[Batch, Floats2d]:
    return chain(lexical_concat(n_buckets, embed_width), Relu(hidden_width, dropout=dropout), Linear(1))


def lexical_concat(n_buckets: int, width: int) -> Model[Batch, Floats2d]:
    """Dense features with the embedded hashed words appended (one `width` vector per slot)."""
    return Model("speaker_lexical", _lexical_forward, init=_lexical_init, params={"E": None},
                 dims={"nV": n_buckets, "nW": width, "nK": len(LEXICAL_SLOTS), "nD": N_DENSE,
                       "nO": N_DENSE + len(LEXICAL_SLOTS) * width})


def _lexical_init(model: Model, X=None, Y=None) -> Model:
    rng = numpy.random.default_rng(0)
    table = rng.normal(0.0, 0.1, (model.get_dim("nV"), model.get_dim("nW"))).astype("float32")
    model.set_param("E", model.ops.asarray(table))
    return model


def _lexical_forward(model: Model, X: Batch, is_train: bool):
    dense, ids = X
    table = model.get_param("E")
    rows = (numpy.asarray(ids, dtype="uint64") % numpy.uint64(model.get_dim("nV"))).astype("int64")
    embedded = table[rows]  # [n, slots, width]
    n = dense.shape[0]
    out = numpy.concatenate([dense, embedded.reshape(n, -1)], axis=1).astype("float32")

    def backprop(d_out: Floats2d):
        d_embedded = d_out[:, dense.shape[1]:].reshape(embedded.shape)
        d_table = numpy.zeros_like(table)
        numpy.add.at(d_table, rows, d_embedded)
        model.inc_grad("E", d_table)
        return None  # the features are inputs, not something to update

    return out, backprop


def group_softmax(scores: numpy.ndarray, sizes: list[int]) -> list[numpy.ndarray]:
    """Per quote, the probability of each of its candidates (scores are concatenated by quote)."""
    out, at = [], 0
    for size in sizes:
        s = scores[at:at + size]
        e = numpy.exp(s - s.max())
        out.append(e / e.sum())
        at += size
    return out


def group_loss(scores: numpy.ndarray, sizes: list[int], positives: list[numpy.ndarray]) -> tuple[float, numpy.ndarray]:
    """-log P(a right candidate) summed over the quotes, and its gradient by score."""
    grad = numpy.zeros_like(scores)
    loss, at = 0.0, 0
    for probs, pos in zip(group_softmax(scores, sizes), positives):
        right = float(probs[pos].sum())
        loss -= numpy.log(max(right, 1e-9))
        g = probs.copy()
        g[pos] -= probs[pos] / max(right, 1e-9)
        grad[at:at + len(probs)] = g
        at += len(probs)
    return loss, grad
