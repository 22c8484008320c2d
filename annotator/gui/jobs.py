"""The long tasks the window can start; each is `fn(project, progress) -> result`, run by
`workers.JobRunner` in a worker thread on its own project connection."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .workers import Cancelled


def import_job(paths: list[str]):
    def run(project, progress):
        from ..importers import import_paths

        progress(0, 0)
        # all or nothing: one transaction, which a Cancel (raised from progress) rolls back
        return import_paths(project, [Path(p) for p in paths], progress=progress)
    return run


def preannotate_job(article_ids: list[int] | None = None, scheduler: str | None = None):
    """On this computer, or (`scheduler`) on that Dask cluster: then the result is an
    `nlp.cluster.Outcome`, whose failures the window shows."""
    def run(project, progress):
        if scheduler:
            from ..nlp.cluster import run as on_cluster

            progress(0, 0, stage=f"Connecting to {scheduler} and loading the model on a worker…")
            return on_cluster(project, scheduler=scheduler, progress=progress, article_ids=article_ids)
        from ..nlp.preannotate import run as preannotate

        model = [""]  # which model folder, and why: shown above the progress bar

        def announce(text: str) -> None:
            model[0] = text[:1].upper() + text[1:]
            progress(0, 0, stage=model[0])

        return preannotate(project, progress=lambda done, total: progress(done, total, stage=model[0]),
                           article_ids=article_ids, announce=announce)
    return run


@dataclass
class BackupResult:
    path: str

    def __str__(self) -> str:
        return f"backed up to {self.path}"


def backup_job(dest: str):
    """Project ▸ Back Up: SQLite's online backup, consistent while this window and others write."""
    def run(project, progress):
        progress(0, 0)
        return BackupResult(str(project.backup(dest)))
    return run


# --- export ---------------------------------------------------------------------------------------

def export_job(out: str, fmt: str = "jsonl", include_all: bool = False, dev: float = 0.2, seed: int = 0):
    """Export in one of `exporters.FORMATS`; a cancelled or failed export leaves no half-written file behind."""
    def run(project, report):
        from ..exporters import FORMATS

        def progress(done: int, total: int) -> None:
            # Once every article is read only the writing is left: Cancel no longer applies.
            report(done, total, final=total > 0 and done >= total)

        f = FORMATS[fmt]
        report(0, 0)
        options = {"dev": dev, "seed": seed} if f.folder else {}
        return f.run(project, out, include_all, progress, **options)  # all or nothing: a Cancel leaves the earlier file
    return run


# --- training -------------------------------------------------------------------------------------

STAGES = {  # the stages `training.train` reports, as the progress dialog says them
    "export": "Exporting the reviewed articles, scoring the current model",
    "entities and quotes": "Training entities and quotes",
    "stance": "Training the stance classifier",
    "claims": "Training the claim classifier",
    "package": "Packaging the new model",
    "speakers": "Learning speakers from the reviewed quotes",
    "score": "Scoring the new model on the held-out articles",
}
INDETERMINATE = ("export", "package", "score")


@dataclass
class TrainOutcome:
    result: object  # annotator.nlp.training.TrainResult
    previous: dict = field(default_factory=dict)  # the model in use, scored on the same held-out articles
    previous_name: str = ""  # what they belong to, for the column header and caption
    previous_trained_at: str | None = None  # when the model in use was trained (None: not trained here)


def models_folder(project_path: Path) -> Path:
    """Where `training.train` puts a run by default (beside the project)."""
    return project_path.parent / f"{project_path.stem}-models"


def train_job(max_steps: int | None = None, dev: float = 0.2, seed: int = 0, out_dir: str | None = None):
    """Train on the reviewed articles. Cancel aborts spaCy's loop by raising from its progress
    callback (or between stages); a cancelled run registers nothing and leaves no folder behind."""

    def run(project, progress):
        from ..nlp.training import current_model, list_models, train

        previous = current_model(project)
        entry = next((m for m in list_models(project) if m.get("path") == previous), None)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
        out = Path(out_dir) if out_dir else models_folder(project.path) / stamp
        created = not out.exists()

        def report(stage: str, step: int, total: int) -> None:
            text = STAGES.get(stage, stage)
            if stage in STAGES:
                text = f"Stage {list(STAGES).index(stage) + 1} of {len(STAGES)}: {text}"
            if stage in INDETERMINATE:
                # Cancel still applies while speakers are learned, after packaging (into the run's
                # temporary folder); scoring is the last stage.
                progress(0, 0, stage=text, final=stage == "score")
            else:
                progress(step, total, stage=text)

        try:
            res = train(project, out, max_steps=max_steps, dev=dev, seed=seed, progress=report)
        except BaseException as exc:
            interrupted = "interrupt" in str(exc)
            if (isinstance(exc, Cancelled) or interrupted) and created:
                shutil.rmtree(out, ignore_errors=True)
            raise
        # Both columns are measured now, on the same held-out articles: never scores of another split.
        if res.previous is not None and entry is not None:
            return TrainOutcome(res, dict(res.before), "Model in use", entry.get("trained_at"))
        if res.previous is not None:  # a model the project uses but did not train
            return TrainOutcome(res, dict(res.before), f"Model in use ({Path(previous).name})")
        base = res.manifest.get("base_model")
        return TrainOutcome(res, dict(res.before), f"Stock model ({base})" if base else "Rules only")
    return run


def changes_project(result) -> bool:
    """Whether a finished job wrote to the project: then the window reloads what it shows. An
    export, a backup and the statistics only read it."""
    from ..exporters import ExportResult
    from ..team.stats import Dashboard

    return not isinstance(result, (ExportResult, BackupResult, Dashboard))


def describe(result) -> str:
    if result is None:
        return "done."
    if hasattr(result, "added") and hasattr(result, "skipped"):
        return f"{result.added} article(s) added, {result.skipped} already in the project."
    if hasattr(result, "counts") and hasattr(result, "failures"):  # pre-annotation on a cluster
        result = result.counts
    if isinstance(result, dict):
        return ", ".join(f"{str(k).replace('_', ' ')}: {v}" for k, v in result.items())
    return str(result)
