"""`annotator train`: export the reviewed work, train, package one pipeline, register it.

The packaged pipeline is the base model with fine-tuned NER and a quote span categorizer, our
rule components (persons, quotes), and the stance and claim classifiers. The classifiers are
disabled as article-level pipes: `annotator_labels` runs them on each quote in its sentence.
Every trained model is kept; the project's settings list them and name the one pre-annotation uses.
"""

from __future__ import annotations

import contextlib
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
from .corpus import check_export, export_spacy

MODELS_KEY = "models"  # settings: JSON list of registered models
CURRENT_KEY = "model"  # settings: path of the model pre-annotation uses

Progress = Callable[[str, int, int], None]  # (stage, step, total steps)

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
    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    manifest: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


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
    with (output / "train.log").open("w", encoding="utf-8") as log, \
            contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
        try:
            spacy_train(config, output, overrides=overrides)
        finally:
            _progress_target[0] = None
    best = output / "model-best"
    return best if best.exists() else output / "model-last"


def _config_steps(config: Path) -> int:
    cfg = spacy.util.load_config(config)
    return int(cfg["training"]["max_steps"])


def _n_docs(path: Path) -> int:
    return len(DocBin().from_disk(path)) if path.exists() else 0


def _ensure_dev(folder: Path, notes: list[str], what: str) -> bool:
    """A classifier needs a dev set; with too few examples, evaluate on the training set (and say so)."""
    n_train, n_dev = _n_docs(folder / "train.spacy"), _n_docs(folder / "dev.spacy")
    if n_train == 0:
        notes.append(f"{what}: no labelled quotes in the reviewed articles, not trained")
        return False
    labels = set()
    for d in DocBin().from_disk(folder / "train.spacy").get_docs(spacy.blank("en").vocab):
        # stance categories are "LABEL: TARGET"; what must vary is the label
        labels |= {k.split(": ")[0] if what == "stance" else k for k, v in d.cats.items() if v}
    if len(labels) < 2:
        notes.append(f"{what}: only one label ({', '.join(labels)}) in the training data, not trained")
        return False
    if n_dev == 0:
        shutil.copy(folder / "train.spacy", folder / "dev.spacy")
        notes.append(f"{what}: no dev examples; scores are on the training set")
    return True


def _scores(model_dir: Path, keys: tuple[str, ...]) -> dict:
    meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
    perf = meta.get("performance", {})
    return {k: perf.get(k) for k in keys if perf.get(k) is not None}


def _evaluate_before(base: str | None, dev_path: Path) -> dict:
    """NER scores of the model pre-annotation used so far, on the new dev split."""
    if not base or _n_docs(dev_path) == 0:
        return {}
    from spacy.training import Corpus

    try:
        nlp = spacy.load(base)
    except Exception:
        return {}
    examples = list(Corpus(str(dev_path))(nlp))
    scores = nlp.evaluate(examples)
    return {k: scores.get(k) for k in ("ents_f", "ents_p", "ents_r") if scores.get(k) is not None}


def package(out: Path, main_best: Path, base: str | None, stance_best: Path | None, claims_best: Path | None,
            meta: dict, targets: list[str], labels: list[str]) -> Path:
    """Assemble one pipeline: trained NER + quote spans, base components, our components, classifiers."""
    from . import components as _components, labels as _labels  # noqa: F401  (registers our factories)
    from .pipeline import add_components

    nlp = spacy.load(main_best)
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
    if base:
        base_nlp = spacy.load(base)
        anchor = "parser" if "parser" in nlp.pipe_names else None
        for name in ("attribute_ruler", "lemmatizer"):
            if name in base_nlp.pipe_names and name not in nlp.pipe_names:
                nlp.add_pipe(name, source=base_nlp, after=anchor) if anchor else nlp.add_pipe(name, source=base_nlp)
                anchor = name
    for best, name in ((stance_best, "stance_textcat"), (claims_best, "claims_textcat")):
        if best is not None:
            src = spacy.load(best)
            cat = next(n for n in src.pipe_names if n.startswith("textcat"))
            if "tok2vec" in src.pipe_names:  # trained on the base model's tok2vec: give it its own copy
                src.replace_listeners("tok2vec", cat, ["model.tok2vec"])
            nlp.add_pipe(cat, name=name, source=src)
            nlp.disable_pipe(name)  # run per quote by annotator_labels, not on whole articles
    add_components(nlp)  # the same rule components pre-annotation adds to any pipeline
    nlp.add_pipe("annotator_labels", config={"targets": targets, "labels": labels})
    nlp.meta.update(meta)
    target = out / "model"
    nlp.to_disk(target)
    return target


def train(project: Project, out_dir: str | Path | None = None, max_steps: int | None = None, dev: float = 0.2,
          seed: int = 0, progress: Progress | None = None) -> TrainResult:
    if project.count_articles(status="done") == 0:
        raise AnnotatorError("no reviewed articles to train on: mark reviewed articles done first")
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    out = Path(out_dir) if out_dir else project.path.parent / f"{project.path.stem}-models" / stamp
    if out.exists() and any(out.iterdir()):
        raise AnnotatorError(f"{out}: already exists and is not empty; choose another --out")
    sweep_all(out.parent)  # what killed trainings left
    # All or nothing: the run is built in a temporary sibling folder that takes its name only when
    # the model is packaged; only then is the model registered. A failure or a kill registers
    # nothing and leaves no half-trained folder under the name.
    with atomic_dir(out) as work:
        result, info = _train_in(work, project, stamp, max_steps, dev, seed, progress)
    result.model_path = out / result.model_path.relative_to(work)
    register_model(project, result.model_path, info)
    return result


def _train_in(out: Path, project: Project, stamp: str, max_steps: int | None, dev: float, seed: int,
              progress: Progress | None) -> tuple[TrainResult, dict]:
    corpus = out / "corpus"
    if progress:
        progress("export", 0, 1)
    export_progress = (lambda i, n: progress("export", i, n)) if progress else None
    export_spacy(project, corpus, dev=dev, seed=seed, progress=export_progress)
    manifest = check_export(corpus)
    base = manifest["base_model"]
    notes: list[str] = []
    if not manifest["split"]["dev"]:
        shutil.copy(corpus / "train.spacy", corpus / "dev.spacy")
        notes.append("only one reviewed article: scores are on the training set")
    previous = current_model(project)
    result = TrainResult(model_path=out / "model", manifest=manifest, notes=notes)
    result.before = _evaluate_before(previous or base, corpus / "dev.spacy")
    main_best = _train_one(corpus / "config.cfg", out / "train-main", max_steps, "entities and quotes", progress)
    result.after = _scores(main_best, ("ents_f", "ents_p", "ents_r", "spans_quotes_f"))
    bests = {}
    for what in ("stance", "claims"):
        if _ensure_dev(corpus / what, notes, what):
            bests[what] = _train_one(corpus / what / "config.cfg", out / f"train-{what}", max_steps, what, progress)
            for k, v in _scores(bests[what], ("cats_score", "cats_macro_f", "cats_micro_f")).items():
                result.after[f"{what}_{k}"] = v
    b, a = result.before.get("ents_f"), result.after.get("ents_f")
    if b is not None and a is not None and a < b:
        notes.append(f"entity F-score on the dev split fell from {b:.3f} to {a:.3f} (more reviewed articles or "
                     "more steps usually fix that); `annotator models --default` goes back to the stock model")
    meta = {
        "name": f"annotator_{project.path.stem}".replace("-", "_")[:50],
        "version": f"0.0.{len(list_models(project)) + 1}",
        "description": "Trained by annotator from reviewed articles",
        "annotator": {"trained_at": stamp, "base_model": base, "data_hash": manifest["data_hash"],
                      "articles": manifest["articles"], "scores_before": result.before,
                      "scores_after": result.after, "notes": notes},
    }
    if progress:
        progress("package", 0, 1)
    result.model_path = package(out, main_best, base, bests.get("stance"), bests.get("claims"), meta,
                                project.scheme.stance_targets, project.scheme.stance_labels)
    return result, meta["annotator"]


# --- the project's models -------------------------------------------------------------------------

def list_models(project: Project) -> list[dict]:
    return json.loads(project.setting(MODELS_KEY) or "[]")


def current_model(project: Project) -> str | None:
    return project.setting(CURRENT_KEY)


def register_model(project: Project, path: Path, info: dict) -> None:
    models = list_models(project)
    models.append({"path": str(Path(path).resolve()), **{k: info.get(k) for k in
                   ("trained_at", "base_model", "data_hash", "scores_before", "scores_after")}})
    project.set_setting(MODELS_KEY, json.dumps(models, ensure_ascii=False))
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
