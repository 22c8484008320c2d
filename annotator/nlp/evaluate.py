"""How well a whole pre-annotation pipeline (rules plus trained components) does on reviewed articles.

`train` scores the model in use and the new one with this on the same held-out (dev) articles,
so "better" means what the annotator will see: the quotes found, their speakers and the entities,
not a component's loss on its own corpus. The gold is what annotators confirmed:

- quotes: the reviewed quotes of articles whose every quote is reviewed (an unreviewed quote would
  make a right prediction look wrong). A predicted quote matches a gold one when their words
  overlap by at least 60% of the longer (the reference scorer's rule; marks and trimming differ);
- speakers: of the matched gold quotes that have a speaker, the share whose predicted speaker has
  the same surname (titles ignored, one typo allowed), over all gold quotes with a speaker;
- entities: exact span and label, in articles whose every entity was reviewed (elsewhere nobody
  said what is *not* an entity; a team annotator's layer never counts as such).
In a team project the gold is what exports read: adjudicated gold, else the one annotator's work.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from ..models import ArticleAnnotations
from ..store import Project
from .extract import analyse
from .longdocs import pipe_articles
from .names import name_words, surname_of, surnames_match
from .pipeline import load_pipeline

# The scores a new model must not fall below the one in use on (whole pre-annotation).
PIPELINE_KEYS = ("quotes_f", "speakers_acc", "entities_f")
MATCH = 0.6


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text or "").lower().replace("’", "'")
    return re.findall(r"[\w']+", "".join(c for c in text if not unicodedata.combining(c)))


def _overlap(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    return sum((Counter(a) & Counter(b)).values()) / max(len(a), len(b))


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    if not predicted or not gold:
        return False
    p, g = surname_of(name_words(predicted)), surname_of(name_words(gold))
    return bool(p and g) and surnames_match(p.strip(".,"), g.strip(".,"))


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _gold(project: Project, article_ids: Iterable[int]) -> list[tuple[int, str | None, ArticleAnnotations]]:
    """Each article as exports read it (`team.selection`): the main tables, or in a team project
    the one annotator's layer (who). Only articles whose every quote is reviewed."""
    from ..team.selection import load, select

    layer_of = dict(select(project).items)
    out = []
    for aid in article_ids:
        ann = load(project, aid, layer_of.get(aid))
        if all(q.reviewed or q.origin == "human" for q in ann.quotes):
            out.append((aid, layer_of.get(aid), ann))
    return out


def scorable(project: Project, article_ids: Iterable[int]) -> list[int]:
    """The articles whose quotes are all reviewed: the only ones a quote score can be computed on."""
    return [aid for aid, _, _ in _gold(project, article_ids)]


def score_pipeline(project: Project, model: str | None, article_ids: Iterable[int]) -> dict:
    """Quote P/R/F, speaker accuracy and entity P/R/F of `model` (None: the stock model, as
    pre-annotation would pick it) on the given reviewed articles. Keys are left out when there is
    no gold to score them on (e.g. no article with every entity reviewed)."""
    selected = {aid: (who, ann) for aid, who, ann in _gold(project, article_ids)}
    ids = list(selected)
    nlp, _ = load_pipeline(model)
    labels = set(project.scheme.entity_labels)
    q_tp = q_pred = q_gold = s_right = s_gold = 0
    g_right = g_pred = 0  # the span categorizer's guesses: right (matching a gold quote), all
    e_tp = e_pred = e_gold = 0
    e_articles = 0
    texts = [(selected[aid][1].article.text, aid) for aid in ids]
    nlp.max_length = max([nlp.max_length, *(len(t) + 1 for t, _ in texts)])
    # as pre-annotation runs it: a long article in pieces, in bounded memory (longdocs)
    for doc, aid in pipe_articles(nlp, texts, batch_size=4):
        who, ann = selected[aid]
        text = ann.article.text
        result = analyse(doc, labels)
        names = {k: p.name for k, p in result.persons.items()}
        pred = [(_words(text[q.start:q.end]), names.get(q.speaker_id)) for q in result.quotes]
        # analyse keeps the order of the records: which of the quotes are the span categorizer's guesses
        guessed = {i for i, r in enumerate(doc._.annotator_quotes or []) if r.get("guess")}
        used: set[int] = set()
        for q in ann.quotes:
            gw = _words(text[q.start:q.end])
            best, bi = 0.0, None
            for i, (pw, _) in enumerate(pred):
                if i not in used and (o := _overlap(gw, pw)) > best:
                    best, bi = o, i
            hit = bi is not None and best >= MATCH
            if hit:
                used.add(bi)
                q_tp += 1
                g_right += bi in guessed
            speaker = ann.persons[q.speaker_id].name if q.speaker_id in ann.persons else None
            if speaker:
                s_gold += 1
                s_right += bool(hit and same_speaker(pred[bi][1], speaker))
        q_pred += len(pred)
        q_gold += len(ann.quotes)
        g_pred += len(guessed)
        # an annotator's layer keeps only what they reviewed: no telling which entities they skipped
        if who is None and ann.entities and all(e.reviewed or e.origin == "human" for e in ann.entities):
            e_articles += 1
            gold = {(e.start, e.end, e.label) for e in ann.entities}
            got = {(e.start, e.end, e.label) for e in result.entities}
            e_tp, e_pred, e_gold = e_tp + len(gold & got), e_pred + len(got), e_gold + len(gold)
    out: dict = {"articles": len(ids)}
    if ids:
        out["quotes_p"], out["quotes_r"], out["quotes_f"] = _prf(q_tp, q_pred, q_gold)
    if g_pred:
        out["guesses"], out["guesses_right"] = g_pred, g_right
        out["quotes_p_without_guesses"] = _prf(q_tp - g_right, q_pred - g_pred, q_gold)[0] if q_pred > g_pred else 1.0
    if s_gold:
        out["speakers_acc"] = s_right / s_gold
    if e_articles:
        out["entities_p"], out["entities_r"], out["entities_f"] = _prf(e_tp, e_pred, e_gold)
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}


def guesses_lower_precision(scores: dict) -> bool:
    """Whether the span categorizer's guesses (weak quote suggestions where the marks gave none)
    made quote precision lower on these articles than it is without them."""
    return "guesses" in scores and scores["quotes_p"] < scores["quotes_p_without_guesses"]


def fell(before: dict, after: dict) -> list[str]:
    """The whole-pipeline scores on which `after` is lower than `before` (both measured)."""
    return [k for k in PIPELINE_KEYS if isinstance(before.get(k), (int, float)) and
            isinstance(after.get(k), (int, float)) and after[k] < before[k]]
