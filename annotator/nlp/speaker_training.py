"""Training the learned attribution (`annotator_speakers`) from the reviewed quote -> speaker links.

The links are what `export spacy` writes into each article's Doc (`corpus_format.read_quote_links`):
the quote, the speaker's canonical name and kind, and the words the annotator linked. Training
runs the pipeline being built (without this component) over the articles, so the candidates and
features are exactly those pre-annotation will see, matches each linked quote to the quote the
rules found there, and fits the model (`speaker_model`) to put the linked source first.

Then the dev split decides how much the rules are trusted. Two models are fitted, one that sees
the rules' choice as a feature and one that does not (the rules are then only its fallback), and
the one with more right speakers on the dev links is kept. For each way the rules decide (the
quote's own sentence, the layout, a guess: `speaker_candidates.how_group`) the threshold a
learned choice must reach to replace theirs is the one with the most right speakers on the dev
links (ties go to the rules, then to the higher threshold: closer to the rules). When no
threshold beats the rules anywhere the component is not added at all: the pipeline never
attributes worse than its rules on the dev split.

Skipped with one line when the training split has fewer than `MIN_LINKS` reviewed links (about
four articles' worth): below that the model sees too few layouts to learn any, and a dev split
of that project holds one or two links, too few to choose between the rules and the model.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Adam, fix_random_seed

from .corpus_format import read_quote_links
from .persons import persons_from_data
from .speaker_candidates import (RULE_COLUMNS, Candidate, DocView, QuoteRef, features, gold_labels, how_group,
                                 quote_refs, same_source)
from .speaker_component import DEFAULT_MODEL, DEFAULTS, Scored, decide
from .speaker_model import group_loss, group_softmax

MIN_LINKS = 30  # reviewed quote -> speaker links in the training split
THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
UPDATES = 1500  # minibatch updates a training aims at, whatever the corpus size (epochs follow)
BATCH = 32  # quotes per update
STAGE = "speakers"  # the progress stage name (`annotator train`, the app's progress dialog)

Progress = Callable[[str, int, int], None]


@dataclass
class GoldLink:
    start: int  # the quote's characters
    end: int
    speaker: str
    kind: str | None
    span: tuple[int, int] | None  # the words the annotator linked


@dataclass
class Example:
    """One linked quote as the model sees it: its candidates and which of them are right."""

    scored: Scored
    dense: numpy.ndarray
    ids: numpy.ndarray
    labels: numpy.ndarray  # bool per candidate
    rule_right: bool  # the rules' source is the annotator's


@dataclass
class SpeakerTraining:
    skipped: str | None = None  # one line: why the component was not trained or not added
    model: object = None  # the trained thinc model
    config: dict = field(default_factory=dict)  # the component's config (thresholds included)
    links: dict = field(default_factory=lambda: {"train": 0, "dev": 0})
    before: float | None = None  # speaker accuracy on the dev links: rules alone
    after: float | None = None  # rules + learned
    variants: dict = field(default_factory=dict)  # the same with the rules as a feature / as the fallback
    seconds: float = 0.0

    @property
    def added(self) -> bool:
        return self.skipped is None and self.model is not None

    def info(self) -> dict:
        return {"links": self.links, "speakers_rules": self.before, "speakers_learned": self.after,
                "variants": self.variants, "rule_feature": self.config.get("rule_feature"),
                "thresholds": self.config.get("thresholds"), "seconds": round(self.seconds, 1)}

    def summary(self) -> str:
        if self.skipped:
            return f"speakers: skipped: {self.skipped}"
        how = "the rules' choice as a feature" if self.config.get("rule_feature") else "the rules as fallback"
        return (f"speakers: learned from {self.links['train']} reviewed links ({how}); speaker accuracy on the "
                f"dev split {self.before:.3f} (rules) -> {self.after:.3f} (rules + learned)")


def gold_links(docs: list[Doc]) -> list[tuple[str, list[GoldLink]]]:
    """(text, links with a speaker) of each exported article Doc."""
    out = []
    for doc in docs:
        links = []
        for q in read_quote_links(doc):
            if not q.get("speaker"):
                continue
            qs = doc[q["quote"][0]:q["quote"][1]]
            ss = q.get("speaker_span")
            span = (doc[ss[0]:ss[1]].start_char, doc[ss[0]:ss[1]].end_char) if ss else None
            links.append(GoldLink(qs.start_char, qs.end_char, q["speaker"], q.get("speaker_kind"), span))
        if links:
            out.append((doc.text, links))
    return out


def _match(records: list[dict], g: GoldLink) -> int | None:
    """The rules' quote over the linked one (they share most of their characters)."""
    best, at = 0.0, None
    for n, r in enumerate(records):
        inter = min(r["end"], g.end) - max(r["start"], g.start)
        if inter > 0 and (share := inter / max(r["end"] - r["start"], g.end - g.start)) > best:
            best, at = share, n
    return at if best >= 0.6 else None


def examples(docs: list[Doc], golds: list[list[GoldLink]], cfg: dict, keep_unlearnable: bool) -> list[Example]:
    out = []
    for doc, links in zip(docs, golds):
        records = doc._.annotator_quotes or []
        mentions, persons = persons_from_data(doc._.annotator_persons)
        view = DocView(doc, records, mentions, persons)
        refs = quote_refs(records)
        for g in links:
            n = _match(records, g)
            ref = refs[n] if n is not None else QuoteRef(g.start, g.end)
            cands = view.candidates(ref, cfg["before"], cfg["after"], cfg["limit"])
            labels = numpy.array([ok and not _wrong_pronoun(view, c, g) for ok, c in
                                  zip(gold_labels(cands, g.speaker, g.kind, g.span), cands)], dtype=bool)
            rule = persons.get(ref.rule_key)
            rule_right = rule is not None and same_source(
                Candidate(0, 0, 0, 0, ref.rule_key, rule.name, rule.kind, "rule"), g.speaker, g.kind)
            if not keep_unlearnable and not labels.any():
                continue  # nothing to learn from: the right source is not among the candidates
            if n is None and keep_unlearnable:
                cands, labels = [], labels[:0]  # the rules missed the quote: nobody attributes it
            dense, ids = features(view, ref, cands, refs, n, cfg["rule_feature"]) if cands else (None, None)
            out.append(Example(Scored(view, n if n is not None else -1, ref, cands), dense, ids, labels, rule_right))
    return out


def _wrong_pronoun(view: DocView, c: Candidate, g: GoldLink) -> bool:
    """"he" where the annotator linked "he" is right only if it stands for the annotator's speaker."""
    return c.t1 - c.t0 == 1 and view.doc[c.t0].lower_ in ("he", "she", "they", "it", "who") and \
        not same_source(c, g.speaker, g.kind)


def fit(train: list[Example], hyper: dict, progress: Progress | None, seed: int = 0):
    """Adam on minibatches of quotes; the weights returned are the run's averages (steadier)."""
    from spacy import registry

    fix_random_seed(seed)
    model = registry.resolve({"m": hyper})["m"]
    sample = train[:BATCH]
    model.initialize(X=(numpy.concatenate([e.dense for e in sample]), numpy.concatenate([e.ids for e in sample])))
    opt = Adam(0.002, L2=1e-4, use_averages=True)
    rng = numpy.random.default_rng(seed)
    epochs = max(5, min(80, math.ceil(UPDATES * BATCH / max(1, len(train)))))
    order = numpy.arange(len(train))
    steps = epochs * math.ceil(len(train) / BATCH)
    step = 0
    for _ in range(epochs):
        rng.shuffle(order)
        for at in range(0, len(order), BATCH):
            batch = [train[k] for k in order[at:at + BATCH]]
            dense = numpy.concatenate([e.dense for e in batch])
            ids = numpy.concatenate([e.ids for e in batch])
            scores, backprop = model.begin_update((dense, ids))
            _, grad = group_loss(scores.ravel(), [len(e.labels) for e in batch], [e.labels for e in batch])
            backprop(grad.reshape(-1, 1).astype("float32") / len(batch))
            model.finish_update(opt)
            step += 1
            if progress and step % 20 == 0:
                progress(STAGE, step, steps)  # the app's Cancel raises here
    with model.use_params(opt.averages):
        weights = model.to_bytes()
    return model.from_bytes(weights)


def predict(model, exs: list[Example]) -> None:
    exs = [e for e in exs if len(e.labels)]
    if not exs:
        return
    scores = model.predict((numpy.concatenate([e.dense for e in exs]), numpy.concatenate([e.ids for e in exs])))
    for e, probs in zip(exs, group_softmax(scores.ravel(), [len(e.labels) for e in exs])):
        e.scored.probs = probs


GROUPS = ("strong", "layout", "weak")


def right(e: Example, threshold: float | None) -> bool:
    """Is the speaker right with the learned choice replacing the rules' from `threshold` on (None:
    the rules alone)? A link whose quote the rules missed is wrong either way."""
    if threshold is None or e.scored.probs is None:
        return e.rule_right
    d = decide(e.scored, {how_group(e.scored.ref.rule_how): threshold})
    if d.candidate is None:
        return e.rule_right
    return bool(e.labels[e.scored.cands.index(d.candidate)])


def calibrate(dev: list[Example]) -> dict:
    """Per way the rules decided, the threshold with the most right speakers on the dev links
    (None: no threshold beats the rules); ties go to the rules, then to the higher threshold."""
    out = {}
    for group in GROUPS:
        exs = [e for e in dev if how_group(e.scored.ref.rule_how) == group]
        best_t, best = None, sum(right(e, None) for e in exs)
        for t in THRESHOLDS:
            n = sum(right(e, t) for e in exs)
            if n > best or (n == best and best_t is not None):
                best_t, best = t, n
        out[group] = best_t
    return out


def accuracy(dev: list[Example], n_links: int, thresholds: dict | None) -> float:
    got = sum(right(e, None if thresholds is None else thresholds.get(how_group(e.scored.ref.rule_how)))
              for e in dev)
    return got / n_links if n_links else 0.0


def parse(nlp: Language, texts: list[str], progress: Progress | None, done: int, total: int) -> Iterator[Doc]:
    """The articles as the pipeline sees them, one at a time (the caller keeps what it needs of each)."""
    disabled = [n for n in ("annotator_speakers",) if n in nlp.pipe_names]
    with nlp.select_pipes(disable=disabled):
        nlp.max_length = max([nlp.max_length, *(len(t) + 1 for t in texts)])
        for k, doc in enumerate(nlp.pipe(texts, batch_size=16), 1):
            yield doc
            if progress and k % 5 == 0:
                progress(STAGE, done + k, total)


def too_few_links(n_train: int, n_dev: int) -> str | None:
    if n_train < MIN_LINKS:
        return f"{n_train} reviewed quote -> speaker link(s) in the training split, at least {MIN_LINKS} are needed"
    if n_dev == 0:
        return "no reviewed quote -> speaker link in the dev split to choose between rules and learned"
    return None


def hide_rules(exs: list[Example]) -> list[Example]:
    """The same examples with the rules' choice hidden from the model (features with
    `rule_feature=False`), in place: the variant that saw it is fitted and scored by then, and a
    copy of every feature row would double training's memory."""
    for e in exs:
        if e.dense is not None:
            e.dense[:, RULE_COLUMNS] = 0.0
        e.scored.probs = None
    return exs


def train_speakers(nlp: Language, train_docs: list[Doc], dev_docs: list[Doc], progress: Progress | None = None,
                   seed: int = 0, config: dict | None = None) -> SpeakerTraining:
    """Train the component for `nlp` (a pipeline with our rule components) on exported article Docs."""
    return train_on_links(nlp, gold_links(train_docs), gold_links(dev_docs), progress, seed, config)


Links = list[tuple[str, list[GoldLink]]]


def train_on_links(nlp: Language, train_gold: Links, dev_gold: Links, progress: Progress | None = None,
                   seed: int = 0, config: dict | None = None) -> SpeakerTraining:
    """Train the component on the (text, links) of the training and dev articles (`gold_links`).

    Whether the model sees the rules' choice (`rule_feature`) or the rules are only its fallback
    is decided by the dev split: both are trained and the one with more right speakers there is
    kept (a tie keeps the rules' choice as a feature), unless `config` says which."""
    t0 = time.perf_counter()
    cfg = {**DEFAULTS, **(config or {})}
    hyper = {**DEFAULT_MODEL, **cfg.pop("model", {})}
    variants = [cfg["rule_feature"]] if "rule_feature" in (config or {}) else [True, False]  # True first: hide_rules
    cfg["rule_feature"] = True  # features with the rules' choice; hidden again for the other variant
    n_train = sum(len(links) for _, links in train_gold)
    n_dev = sum(len(links) for _, links in dev_gold)
    result = SpeakerTraining(links={"train": n_train, "dev": n_dev}, config={**cfg, "model": hyper})
    result.skipped = too_few_links(n_train, n_dev)
    if result.skipped:
        return result
    total = len(train_gold) + len(dev_gold)
    if progress:
        progress(STAGE, 0, total)
    train, dev = [], []
    # Each article's features are taken as it is parsed, and only what choosing needs is kept of
    # it: a training example holds its feature rows, a dev one its Doc without the tensor.
    for k, doc in enumerate(parse(nlp, [t for t, _ in train_gold + dev_gold], progress, 0, total)):
        if k < len(train_gold):
            for e in examples([doc], [train_gold[k][1]], cfg, keep_unlearnable=False):
                e.scored.view = None
                train.append(e)
        else:
            exs = examples([doc], [dev_gold[k - len(train_gold)][1]], cfg, keep_unlearnable=True)
            for e in exs:
                e.scored.view.tensor = None
            dev += exs
            doc.tensor = numpy.zeros((0, 0), dtype="float32")
    if not train:
        result.skipped = "no linked speaker is among the candidates the component looks at"
        return result
    result.before = accuracy(dev, n_dev, None)
    best = None  # (right on dev, rule_feature, model, thresholds)
    for rule_feature in variants:
        tr, dv = (train, dev) if rule_feature else (hide_rules(train), hide_rules(dev))
        model = fit(tr, hyper, progress, seed)
        predict(model, dv)
        thresholds = calibrate(dv)
        score = accuracy(dv, n_dev, thresholds)
        result.variants["rules as feature" if rule_feature else "rules as fallback"] = round(score, 4)
        if best is None or score > best[0]:
            best = (score, rule_feature, model, thresholds)
    result.after, rule_feature, model, thresholds = best
    result.seconds = time.perf_counter() - t0
    if all(t is None for t in thresholds.values()):
        result.skipped = (f"the learned attribution does not beat the rules on the dev split's {n_dev} links "
                          f"(speaker accuracy {result.before:.3f}): not added")
        return result
    result.model = model
    result.config.update(thresholds=thresholds, rule_feature=rule_feature)
    return result


def add_to_pipeline(nlp: Language, trained: SpeakerTraining) -> None:
    """Put the trained component after the rules' quotes (replacing an older one)."""
    if "annotator_speakers" in nlp.pipe_names:
        nlp.remove_pipe("annotator_speakers")
    pipe = nlp.add_pipe("annotator_speakers", after="annotator_quotes", config=trained.config)
    pipe.model = trained.model
    pipe.info = trained.info()
    pipe.trained = True


def corpus_docs(corpus: str | Path, vocab=None) -> tuple[list[Doc], list[Doc]]:
    """The article Docs of an `export spacy` folder's train.spacy and dev.spacy (none if absent)."""
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    vocab = vocab or Vocab()

    def docs(part: str) -> list[Doc]:
        path = Path(corpus) / f"{part}.spacy"
        return list(DocBin().from_disk(path).get_docs(vocab)) if path.exists() else []

    return docs("train"), docs("dev")


def train_from_corpus(nlp: Language, corpus: str | Path, progress: Progress | None = None,
                      seed: int = 0, config: dict | None = None) -> SpeakerTraining:
    """`train_speakers` on an `export spacy` folder's train.spacy and dev.spacy."""
    return train_speakers(nlp, *corpus_docs(corpus, nlp.vocab), progress, seed, config)


def learn_speakers(model_dir: str | Path, corpus: str | Path, progress: Progress | None = None,
                   seed: int = 0) -> SpeakerTraining:
    """`annotator train`'s step for speakers: train on the exported corpus with the packaged
    pipeline at `model_dir` and, when the component beats the rules on the dev split, save the
    pipeline again with it. Too few links: skipped before the pipeline is even loaded."""
    import spacy

    golds = [gold_links(docs) for docs in corpus_docs(corpus)]  # the exported Docs are not kept
    counts = [sum(len(links) for _, links in gold) for gold in golds]
    if too_few_links(*counts):
        return SpeakerTraining(skipped=too_few_links(*counts), links=dict(zip(("train", "dev"), counts)))
    nlp = spacy.load(model_dir)
    result = train_on_links(nlp, *golds, progress, seed)
    if result.added:
        add_to_pipeline(nlp, result)
        nlp.meta.setdefault("annotator", {})["speakers"] = result.info()
        nlp.to_disk(model_dir)
    return result
