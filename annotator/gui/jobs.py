"""The long tasks the window can start; each is `fn(project, progress) -> result`, run by
`workers.JobRunner` in a worker thread on its own project connection."""

from __future__ import annotations

from pathlib import Path


def import_job(paths: list[str]):
    def run(project, progress):
        from ..importers import import_paths

        progress(0, 0)
        return import_paths(project, [Path(p) for p in paths])  # all or nothing: one transaction
    return run


def preannotate_job(article_ids: list[int] | None = None):
    def run(project, progress):
        from ..nlp.preannotate import run as preannotate

        return preannotate(project, progress=progress, article_ids=article_ids)
    return run


def export_job(out: str):
    def run(project, progress):
        from ..exporters.jsonl import export_jsonl

        try:
            n = export_jsonl(project, out, False, progress)
        except BaseException:
            Path(out + ".part").unlink(missing_ok=True)  # the exporter writes there, then renames
            raise
        return {"articles exported": n, "file": out}
    return run


def describe(result) -> str:
    if result is None:
        return "done."
    if hasattr(result, "added") and hasattr(result, "skipped"):
        return f"{result.added} article(s) added, {result.skipped} already in the project."
    if isinstance(result, dict):
        return ", ".join(f"{str(k).replace('_', ' ')}: {v}" for k, v in result.items())
    return str(result)
