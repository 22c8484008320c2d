"""`annotator train`: export the reviewed work, train, package one pipeline, register it.

The packaged pipeline is the base model with fine-tuned NER and a quote span categorizer, our
rule components (persons, quotes), and the stance and claim classifiers. The classifiers are
disabled as article-level pipes: `annotator_labels` runs them on each quote in its sentence.
Every trained model is kept; the project's settings list them and name the one pre-annotation uses.

Training never makes pre-annotation worse silently: the model in use and the new one are both run
as whole pre-annotation pipelines on the same held-out (dev) articles (`evaluate.score_pipeline`:
quote F1, speaker accuracy, entity F). A new model lower on any of them is kept but not put in use
unless the caller insists (`use_anyway`); with fewer than `MIN_DEV_ARTICLES` held-out articles
nothing can be scored, and training is refused rather than scored on its own training data.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from ..errors import AnnotatorError
from ..store import Project
from ..fsutil import atomic_dir, sweep_all
from .corpus import check_export, dev_count, export_spacy, split_ids  # dev_count: the Train dialog's hint
from .evaluate import fell, guesses_lower_precision, scorable, score_pipeline
from .spacy_speedups import faster_docbins
from .speaker_training import learn_speakers

MODELS_KEY = "models"  # settings: JSON list of registered models
CURRENT_KEY = "model"  # settings: path of the model pre-annotation uses

Progress = Callable[[str, int, int], None]  # (stage, step, total steps)
MIN_DEV_ARTICLES = 2  # held-out articles with every quote reviewed, to score a new model on

_progress_target: list[Progress | None] = [None]
_stage: list[str] = [""]


@spacy.registry.loggers("annotator.progress_logger.v1")
def progress_logger(max_steps: int = 0):
    """A spaCy training logger that reports each step to the caller's progress callback."""

    def setup(nlp, stdout=None, stderr=None):
        state = {"step": 0, "last": {}}

        def log_step(info):
            state["step"] += 1
            if info is not None:
                state["last"] = info
            cb = _progress_target[0]
            if cb is not None:
                cb(_stage[0], state["step"], max_steps)

        def finalize():
            pass

        return log_step, finalize

    return setup


@dataclass
class TrainResult:
    model_path: Path
    before: dict = field(default_factory=dict)  # the model in use, whole pre-annotation, dev split
    after: dict = field(default_factory=dict)  # the new model, the same; plus its components' scores
    manifest: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    used: bool = True  # put in use for pre-annotation
    worse: list[str] = field(default_factory=list)  # the whole-pipeline scores it is lower on
    previous: str | None = None  # the model that was in use (None: the stock model)
    number: int = 0  # its number in `annotator models`


def _train_one(config: Path, output: Path, max_steps: int | None, stage: str, progress: Progress | None,
               eval_frequency: int | None = None) -> Path:
    from spacy.cli.train import train as spacy_train

    steps = max_steps or _config_steps(config)
    overrides = {
        "paths.train": str(config.parent / "train.spacy"),
        "paths.dev": str(config.parent / "dev.spacy"),
        "training.logger": {"@loggers": "annotator.progress_logger.v1", "max_steps": steps},
    }
    if max_steps:
        overrides["training.max_steps"] = max_steps
        overrides["training.eval_frequency"] = eval_frequency or max(1, min(200, max_steps // 2))
    _progress_target[0], _stage[0] = progress, stage
    output.mkdir(parents=True, exist_ok=True)
    # spaCy's own console output goes to a log beside the model; the caller shows our progress.
    # spaCy re-reads the corpus every epoch, and srsly looks its msgpack decoders up again for
    # each Doc's user data (a scan of the installed entry points): once is enough (spacy_speedups.py).
    with (output / "train.log").open("w", encoding="utf-8") as log, \
            contextlib.redirect_stdout(log), contextlib.redirect_stderr(log), faster_docbins(writing=False):
        try:
            spacy_train(config, output, overrides=overrides)
        finally:
            _progress_target[0] = None
            release_memory()
    best = output / "model-best"
    return best if best.exists() else output / "model-last"


def release_memory() -> None:
    """Give back what a finished stage (a training run, a scored pipeline) held: spaCy's pipelines
    are reference cycles that only the collector frees (about 50 MB a pipeline), and glibc keeps
    freed memory unless asked to return it. Without this each stage's memory stays on top of the
    last one's (issue 10: every command within the README's memory target)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc (macOS, Windows, musl): nothing to trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _config_steps(config: Path) -> int:
    cfg = spacy.util.load_config(config)
    return int(cfg["training"]["max_steps"])


def _n_docs(path: Path) -> int:
    return len(DocBin().from_disk(path)) if path.exists() else 0


def _trainable(folder: Path) -> bool:
    """The export writes a part only when spaCy can learn and score it (see `corpus.skip_reasons`)."""
    return (folder / "config.cfg").exists() and _n_docs(folder / "train.spacy") > 0


def _scores(model_dir: Path, keys: tuple[str, ...]) -> dict:
    meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
    perf = meta.get("performance", {})
    return {k: perf.get(k) for k in keys if perf.get(k) is not None}


def package(out: Path, main_best: Path | None, base: str | None, stance_best: Path | None, claims_best: Path | None,
            meta: dict, targets: list[str], labels: list[str]) -> Path:
    """Assemble one pipeline: trained NER + quote spans, base components, our components, classifiers."""
    from . import components as _components, labels as _labels  # noqa: F401  (registers our factories)
    from .pipeline import add_components

    if main_best is not None and base:
        # The base model as it is, its NER replaced by the trained one, the quote spans added (the
        # training pipeline holds only what was trained: see configs.main_config).
        nlp = spacy.load(base)
        for name in list(nlp.disabled):  # en_core_web_sm's senter: the parser sets sentences
            nlp.remove_pipe(name)
        trained = spacy.load(main_best)
        for name in trained.pipe_names:
            if name in nlp.pipe_names:
                nlp.remove_pipe(name)
            nlp.add_pipe(name, source=trained)
        nlp.meta["performance"] = trained.meta.get("performance", {})  # the trained parts' own scores
        del trained
    elif main_best is not None:  # no base model: everything was trained from scratch
        nlp = spacy.load(main_best)
    else:  # nothing to learn for entities and quotes: the base model's own components, unchanged
        nlp = spacy.load(base) if base else spacy.blank("en")
    # The span categorizer was trained on the span group "quotes"; in the packaged pipeline our
    # rule-based quote finder owns that key, so the model's own guesses go to "quotes_model".
    for name, key in (("span_finder", "quote_candidates"), ("spancat", "quotes_model")):
        if name in nlp.pipe_names:
            nlp.get_pipe(name).cfg["spans_key"] = key
            nlp.config["components"][name]["spans_key"] = key
    if "spancat" in nlp.pipe_names:
        nlp.config["components"]["spancat"]["suggester"]["spans_key"] = "quote_candidates"
        nlp.get_pipe("spancat").suggester = spacy.registry.misc.get("spacy.preset_spans_suggester.v1")(
            spans_key="quote_candidates")
    for best, name in ((stance_best, "stance_textcat"), (claims_best, "claims_textcat")):
        if best is not None:
            src = spacy.load(best)
            cat = next(n for n in src.pipe_names if n.startswith("textcat"))
            if "tok2vec" in src.pipe_names:  # trained on the base model's tok2vec: give it its own copy
                src.replace_listeners("tok2vec", cat, ["model.tok2vec"])
            nlp.add_pipe(cat, name=name, source=src)
            nlp.disable_pipe(name)  # run per quote by annotator_labels, not on whole articles
            del src
    add_components(nlp)  # the same rule components pre-annotation adds to any pipeline
    nlp.add_pipe("annotator_labels", config={"targets": targets, "labels": labels})
    nlp.meta.update(meta)
    target = out / "model"
    nlp.to_disk(target)
    return target


def drop_quote_guesses(model: Path) -> None:
    """The packaged pipeline without its span finder and span categorizer."""
    nlp = spacy.load(model)
    for name in ("span_finder", "spancat"):
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
            shutil.rmtree(model / name, ignore_errors=True)
    nlp.to_disk(model)


def train(project: Project, out_dir: str | Path | None = None, max_steps: int | None = None, dev: float = 0.2,
          seed: int = 0, progress: Progress | None = None, use_anyway: bool = False) -> TrainResult:
    from ..team.selection import select

    done = select(project).ids  # what the export reads: done articles (a team's gold or one annotator's)
    if not done:
        raise AnnotatorError("no reviewed articles to train on: mark reviewed articles done first")
    held_out = scorable(project, split_ids(done, dev, seed)[1])
    if len(held_out) < MIN_DEV_ARTICLES:
        raise AnnotatorError(
            f"too few held-out articles to score a new model: the dev split ({dev:g} of {len(done)} done article(s)) "
            f"holds {len(held_out)} with every quote reviewed, at least {MIN_DEV_ARTICLES} are needed; mark more "
            "articles done or raise the dev fraction (a model is never scored on its own training data)")
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    out = Path(out_dir) if out_dir else project.path.parent / f"{project.path.stem}-models" / stamp
    if out.exists() and any(out.iterdir()):
        raise AnnotatorError(f"{out}: already exists and is not empty; choose another --out")
    sweep_all(out.parent)  # what killed trainings left
    # All or nothing: the run is built in a temporary sibling folder that takes its name only when
    # the model is packaged; only then is the model registered. A failure or a kill registers
    # nothing and leaves no half-trained folder under the name.
    with atomic_dir(out) as work:
        result, info = _train_in(work, project, stamp, max_steps, dev, seed, progress, use_anyway)
    result.model_path = out / result.model_path.relative_to(work)
    register_model(project, result.model_path, info, use=result.used)
    result.number = len(list_models(project))
    return result


def _train_in(out: Path, project: Project, stamp: str, max_steps: int | None, dev: float, seed: int,
              progress: Progress | None, use_anyway: bool) -> tuple[TrainResult, dict]:
    corpus = out / "corpus"
    if progress:
        progress("export", 0, 1)
    export_progress = (lambda i, n: progress("export", i, n)) if progress else None
    export_spacy(project, corpus, dev=dev, seed=seed, progress=export_progress)
    manifest = check_export(corpus)
    release_memory()
    base = manifest["base_model"]
    notes = [f"{part}: skipped: {why}" for part, why in manifest.get("skipped", {}).items()]
    previous = current_model(project)
    result = TrainResult(model_path=out / "model", manifest=manifest, notes=notes, previous=previous)
    dev_ids = manifest["split"]["dev"]
    try:
        result.before = score_pipeline(project, previous, dev_ids)
    except AnnotatorError as exc:  # the model in use is gone or broken: compare with the stock one
        notes.append(f"the model in use could not be loaded ({exc}); compared with the stock model")
        result.previous = None
        result.before = score_pipeline(project, None, dev_ids)
    release_memory()
    main_best = None
    components: dict = {}
    if _trainable(corpus):
        main_best = _train_one(corpus / "config.cfg", out / "train-main", max_steps, "entities and quotes", progress)
        components.update(_scores(main_best, ("ents_f", "ents_p", "ents_r", "spans_quotes_f")))
    bests = {}
    for what in ("stance", "claims"):
        if _trainable(corpus / what):
            bests[what] = _train_one(corpus / what / "config.cfg", out / f"train-{what}", max_steps, what, progress)
            for k, v in _scores(bests[what], ("cats_score", "cats_macro_f", "cats_micro_f")).items():
                components[f"{what}_{k}"] = v
    meta = {
        "name": f"annotator_{project.path.stem}".replace("-", "_")[:50],
        "version": f"0.0.{len(list_models(project)) + 1}",
        "description": "Trained by annotator from reviewed articles",
        "annotator": {"trained_at": stamp, "base_model": base, "data_hash": manifest["data_hash"],
                      "articles": manifest["articles"], "scores_before": result.before, "notes": notes},
    }
    if progress:
        progress("package", 0, 1)
    result.model_path = package(out, main_best, base, bests.get("stance"), bests.get("claims"), meta,
                                project.scheme.stance_targets, project.scheme.stance_labels)
    release_memory()
    # The learned attribution, from the reviewed quote -> speaker links: added to the packaged
    # pipeline only if it beats the rules on the dev links; the whole pipeline is scored below.
    notes.append(learn_speakers(result.model_path, corpus, progress, seed).summary())
    release_memory()
    if progress:
        progress("score", 0, 1)
    result.after = {**score_pipeline(project, str(result.model_path), dev_ids), **components}
    if guesses_lower_precision(result.after):
        # Issue 17: the span categorizer's weak suggestions made quote precision fall on real news.
        notes.append(f"the span categorizer's quote guesses were right {result.after['guesses_right']} of "
                     f"{result.after['guesses']} times on the held-out articles, which lowers quote precision: "
                     "left out of the pipeline (quotes come from the quotation marks)")
        drop_quote_guesses(result.model_path)
        release_memory()
        result.after = {**score_pipeline(project, str(result.model_path), dev_ids), **components}
    result.worse = fell(result.before, result.after)
    result.used = not result.worse or use_anyway
    for k in result.worse:
        notes.append(f"{SCORE_WORDS.get(k, k)} on the held-out articles fell from {result.before[k]:.3f} to "
                     f"{result.after[k]:.3f}")
    info = {**meta["annotator"], "scores_after": result.after, "notes": notes, "worse": result.worse}
    _write_meta_scores(result.model_path, info)
    return result, info


# How the whole-pipeline scores are named in notes and tables.
SCORE_WORDS = {"quotes_f": "quote F1", "speakers_acc": "speaker accuracy", "entities_f": "entity F"}


def train_report(res: TrainResult) -> tuple[str, list[tuple[str, str, str]], list[str]]:
    """What `annotator train` prints: a table (title; score, before, after rows) and closing lines."""
    fmt = lambda v: "—" if v is None else f"{v:.3f}"  # noqa: E731
    rows = [(SCORE_WORDS.get(k, k.replace("_", " ")), fmt(res.before.get(k)), fmt(res.after.get(k)))
            for k in ("quotes_f", "quotes_p", "quotes_r", "speakers_acc", "entities_f", "entities_p", "entities_r")
            if res.before.get(k) is not None or res.after.get(k) is not None]
    rows += [(f"component: {k}", "", fmt(v)) for k, v in res.after.items()
             if k.startswith(("ents_", "spans_", "stance_", "claims_")) and isinstance(v, (int, float))]
    lines, number = [f"note: {n}" for n in res.notes], res.number
    lines.append(f"new model {number}: {res.model_path} (now used by preannotate; `annotator models` lists all)"
                 if res.used else
                 f"new model {number}: {res.model_path} kept but NOT put in use: it scores lower than the model in "
                 f"use; `annotator models --use {number}` (or --use-anyway next time) uses it")
    return f"pre-annotation on {res.before.get('articles', 0)} held-out article(s)", rows, lines


def _write_meta_scores(model: Path, info: dict) -> None:
    """The packaged meta.json gets the scores measured after packaging (what `models` lists)."""
    path = model / "meta.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta.setdefault("annotator", {}).update(info)
    path.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")


# --- the project's models -------------------------------------------------------------------------

def list_models(project: Project) -> list[dict]:
    return json.loads(project.setting(MODELS_KEY) or "[]")


def current_model(project: Project) -> str | None:
    return project.setting(CURRENT_KEY)


def register_model(project: Project, path: Path, info: dict, use: bool = True) -> None:
    """Keep the model in the project's list; with `use`, pre-annotation uses it from now on."""
    models = list_models(project)
    models.append({"path": str(Path(path).resolve()), **{k: info.get(k) for k in
                   ("trained_at", "base_model", "data_hash", "scores_before", "scores_after", "worse")}})
    project.set_setting(MODELS_KEY, json.dumps(models, ensure_ascii=False))
    if use:
        project.set_setting(CURRENT_KEY, str(Path(path).resolve()))


def use_model(project: Project, which: str | None) -> str | None:
    """Make pre-annotation use model N (1-based, as listed), a registered path, or None (the default model)."""
    if which is None:
        project.set_setting(CURRENT_KEY, None)
        return None
    models = list_models(project)
    if which.isdigit():
        n = int(which)
        if not 1 <= n <= len(models):
            raise AnnotatorError(f"no model {n}: the project has {len(models)} trained model(s)")
        path = models[n - 1]["path"]
    else:
        path = str(Path(which).resolve())
        if path not in {m["path"] for m in models}:
            raise AnnotatorError(f"{which}: not one of this project's models (see `annotator models`)")
    if not Path(path).exists():
        raise AnnotatorError(f"{path}: the model folder is gone")
    project.set_setting(CURRENT_KEY, path)
    return path
