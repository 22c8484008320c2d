"""Command line: one command per task (`annotator --help` lists them), from init and import to train.

Every command takes `--db PATH` (default: $ANNOTATOR_DB, else a project in the user's data folder).
Errors are one line on stderr and a non-zero exit code; set ANNOTATOR_DEBUG=1 for a traceback.
When someone else has the project open (the app, a long command), a note on stderr says who.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                           TimeRemainingColumn)
from rich.table import Table
from rich.text import Text

from . import __version__
from .errors import AnnotatorError
from .terminal import print_json as _print_json, safe_text as _safe, terminal_safe

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Turn news articles into training data: entities, quotes, speakers, stance, claims.")
export_app = typer.Typer(no_args_is_help=True, help="Write the project's annotations for other tools.")
app.add_typer(export_app, name="export")
out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # an error stays one line, however narrow the terminal


def default_db() -> Path:
    env = os.environ.get("ANNOTATOR_DB")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("annotator", appauthor=False)) / "default.annotator"


DbOpt = Annotated[Optional[Path], typer.Option("--db", help="Project file (default: $ANNOTATOR_DB or the user data folder).")]


def _db(db: Path | None) -> Path:
    return db or default_db()


_opened: list[Path] = []  # the project this command works on, for errors raised outside the core


def _open(db: Path | None, writes: bool = False):
    """Open the project; say on stderr who else has it open. A command that `writes` first checks
    the file (quick_check: a second per GB) so that nothing is written into a damaged file, and
    registers itself so that the app can say who is writing."""
    from . import presence
    from .store import Project

    path = _db(db)
    _opened.append(path)
    project = Project.open(path)
    try:
        others = presence.others(path)
        if others:
            err.print(_safe(f"note: {path.name} is {presence.summary(others)}; edits are merged field by field"))
        if writes:
            if project.read_only:
                raise AnnotatorError(f"{path}: read-only ({project.read_only}); nothing can be changed")
            _refuse_damaged(project)
            project.on_close(presence.Registration(path, project.user, f"annotator {click_context_name()}").close)
    except BaseException:
        project.close()
        raise
    return project


def click_context_name() -> str:
    import click

    ctx = click.get_current_context(silent=True)
    return ctx.command_path.removeprefix("annotator ").removeprefix("cli ") if ctx else "command"


def _refuse_damaged(project) -> None:
    from .errors import DamagedError

    problems = project.quick_check()
    if problems != ["ok"]:
        raise DamagedError(f"{project.path}: the project file is damaged ({problems[0]}); nothing was changed; "
                           f"run `annotator check --db {project.path}` to see what is readable and copy it to a new file")


def _version(value: bool) -> None:
    if value:
        out.print(f"annotator {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    pass


def _progress(*extra: ProgressColumn) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), *extra, TimeRemainingColumn(),
                    console=err, transient=True)


@app.command()
def init(db: DbOpt = None,
         scheme: Annotated[Optional[Path], typer.Option(help="Label scheme JSON (default: resources/default_scheme.json).")] = None,
         if_missing: Annotated[bool, typer.Option("--if-missing", help="Do nothing if the project exists.")] = False) -> None:
    """Create a new, empty project."""
    from .scheme import Scheme
    from .store import Project

    path = _db(db)
    if if_missing and path.exists():
        _open(path).close()  # still refuse a file that is not a project
        return
    sch = Scheme.load(scheme) if scheme else Scheme.default()
    Project.create(path, sch).close()
    out.print(_safe(f"created project {path} (scheme {sch.name!r})"))


@app.command("import")
def import_(paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt, .jsonl, .csv.")],
            db: DbOpt = None,
            fmt: Annotated[str, typer.Option("--format", help="auto, txt, jsonl, labelstudio or csv.")] = "auto",
            encoding: Annotated[Optional[str], typer.Option(help="Decode input with this encoding instead of UTF-8.")] = None,
            text_column: Annotated[str, typer.Option(help="CSV column holding the article text.")] = "text",
            skip_unreadable: Annotated[bool, typer.Option("--skip-unreadable", help="In a folder, leave out (and list) what cannot be read instead of failing.")] = False) -> None:
    """Add articles; all or nothing, and an article already in the project is skipped."""
    from .importers import Unreadable, import_paths

    try:
        with _open(db, writes=True) as project, _progress() as bar:
            task = bar.add_task("importing", total=None)
            res = import_paths(project, paths, fmt, encoding, text_column, skip_unreadable=skip_unreadable,
                               progress=lambda i, n: bar.update(task, completed=i, total=n))
    except Unreadable as exc:
        raise AnnotatorError(f"{exc}; nothing was imported (--skip-unreadable lists and leaves out such files)") from None
    for what in res.unreadable:
        err.print(_safe(f"skipped (unreadable): {what}"))
    out.print(f"imported {res.added} article(s), skipped {res.skipped} already in the project"
              + (f", left out {len(res.unreadable)} unreadable" if res.unreadable else ""))


@app.command("list")
def list_(db: DbOpt = None,
          status: Annotated[Optional[str], typer.Option(help="new, in_progress, done or skipped.")] = None,
          search: Annotated[Optional[str], typer.Option(help="Full-text search in title and text.")] = None,
          only: Annotated[Optional[str], typer.Option(help="unreviewed, low_confidence or flagged.")] = None,
          order: Annotated[str, typer.Option(help="id (import order), uncertainty (least sure first) or updated.")] = "id",
          limit: int = 100, offset: int = 0,
          as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False) -> None:
    """List articles."""
    from .db import STATUSES
    from .review_queue import FILTERS, ORDERS

    if status and status not in STATUSES:
        raise AnnotatorError(f"unknown status {status!r} (one of {', '.join(STATUSES)})")
    if only and only not in FILTERS:
        raise AnnotatorError(f"unknown filter {only!r} (one of {', '.join(FILTERS)})")
    if order not in ORDERS:
        raise AnnotatorError(f"unknown order {order!r} (one of {', '.join(ORDERS)})")
    with _open(db) as project:
        rows = project.list_articles(status=status, search=search, limit=limit, offset=offset, only=only, sort=order,
                                     descending=order == "updated")
    if as_json:
        _print_json([r.__dict__ for r in rows])
        return
    t = Table("id", "title", "place", "status", "quotes", "unreviewed", "last edited")
    for r in rows:
        t.add_row(str(r.id), _safe(r.title or "(untitled)"), _safe(r.place or ""), r.status, str(r.n_quotes),
                  str(r.n_unreviewed), r.updated_at[:16].replace("T", " "))
    out.print(t)


@app.command()
def show(article_id: Annotated[int, typer.Argument(metavar="ID")], db: DbOpt = None,
         as_json: Annotated[bool, typer.Option("--json", help="The article as one JSONL export record.")] = False) -> None:
    """Show one article with its quotes highlighted and listed."""
    with _open(db) as project:
        ann = project.load_article(article_id)
    if as_json:
        from .exporters.jsonl import article_record

        _print_json(article_record(ann))
        return
    a = ann.article
    out.print(Text(terminal_safe(f"#{a.id}  {a.title or '(untitled)'}"), style="bold"),
              _safe(f"  {a.place or ''}  [{a.status}]"))
    body = Text(terminal_safe(a.text, keep_newlines=True))  # never markup; stand-ins keep the offsets
    for e in ann.entities:
        body.stylize("underline", e.start, e.end)
    for q in ann.quotes:
        body.stylize("bold cyan" if q.reviewed else "cyan", q.start, q.end)
    out.print(body)
    t = Table("quote", "kind", "speaker", "stance", "claim", "reviewed")
    for q in ann.quotes:
        src = ann.persons.get(q.speaker_id) if q.speaker_id is not None else None
        sp = "—" if src is None else src.name if src.kind == "person" else f"{src.name} ({src.kind})"
        st = ", ".join(f"{s.label} {s.target}" for s in q.stances)
        t.add_row(_safe(a.text[q.start:q.end][:60]), _safe(q.kind), _safe(sp), _safe(st), _safe(q.claim or ""),
                  "yes" if q.reviewed else "")
    out.print(t)


@app.command()
def stats(db: DbOpt = None, as_json: Annotated[bool, typer.Option("--json")] = False,
          plot: Annotated[Optional[Path], typer.Option(help="Also draw progress, labels, agreement and speed to this PNG.")] = None) -> None:
    """Counts of articles by status, quotes, entities, persons and edits, and whether the file is whole
    (--plot: progress, labels, agreement and speed, per annotator in a team project)."""
    with _open(db) as project:
        s = project.stats()
        _refuse_damaged(project)  # a summary that says nothing of damage would mislead
        s["file"] = "ok (quick check)"
        if plot:
            from .gui.charts import save_png
            from .team.stats import dashboard

            save_png(dashboard(project), plot)
            out.print(_safe(f"plots written to {plot}"))
    if as_json:
        _print_json(s)
        return
    t = Table("", "count", show_header=False)
    t.add_row("articles", str(s["articles"]))
    for k, v in s["by_status"].items():
        t.add_row(_safe(f"  {k.replace('_', ' ')}"), str(v))
    t.add_row("quotes (reviewed)", f"{s['quotes']} ({s['quotes_reviewed']})")
    t.add_row("entities (reviewed)", f"{s['entities']} ({s['entities_reviewed']})")
    t.add_row("persons", str(s["persons"]))
    t.add_row("edits in the audit log", str(s["edits"]))
    t.add_row("file", _safe(s["file"]))
    out.print(t)


@app.command()
def backup(dest: Annotated[Path, typer.Argument(help="New file to write the copy to.")], db: DbOpt = None) -> None:
    """Copy the project with SQLite's online backup (safe while the app is open)."""
    with _open(db) as project:
        path = project.backup(dest)
    out.print(_safe(f"backed up to {path}"))


@app.command()
def check(db: DbOpt = None,
          recover: Annotated[Optional[Path], typer.Option("--recover", metavar="NEW",
                                                          help="Copy what is readable into this new project file.")] = None) -> None:
    """Check the project file (SQLite integrity_check); --recover copies what is readable to a new file.

    Never writes to the project file itself."""
    from .salvage import check as run_check
    from .salvage import recover as run_recover

    path = _db(db)
    _opened.append(path)
    problems = run_check(path)
    if problems == ["ok"]:
        out.print(_safe(f"{path}: ok (integrity_check found no problem)"))
    else:
        out.print(_safe(f"{path}: damaged, {len(problems)}{'+' if len(problems) >= 100 else ''} problem(s):"))
        for line in problems[:10]:
            out.print(_safe(f"  {line}"))
    if recover is None:
        if problems != ["ok"]:
            out.print(_safe(f"copy what is readable into a new file: annotator check --db {path} --recover NEW.annotator"),
                      soft_wrap=True)
            raise typer.Exit(1)
        return
    res = run_recover(path, recover)
    t = Table("table", "copied", "unreadable", "dropped (article lost)", "links cleared")
    for name, r in res.tables.items():
        t.add_row(_safe(name), str(r.copied), str(r.unreadable), str(r.dropped), str(r.unlinked))
    out.print(t)
    for note in res.notes:
        out.print(_safe(f"note: {note}"))
    out.print(_safe(f"recovered into {res.dest}" + ("; some rows were lost (see above)" if res.lost_anything else
                                                   "; nothing was lost") + f". {path} was not changed."), soft_wrap=True)


@app.command("set-status")
def set_status(article_id: Annotated[int, typer.Argument(metavar="ID")],
               status: Annotated[str, typer.Argument(help="new, in_progress, done or skipped.")],
               db: DbOpt = None,
               confirm_suggestions: Annotated[bool, typer.Option("--confirm-suggestions", help=(
                   "done: confirm the unreviewed quotes as suggested (unreviewed entities stay out of training)"))] = False) -> None:
    """Set an article's review status (recorded in the audit log). Done means reviewed."""
    from . import ops
    from .db import STATUSES

    if status not in STATUSES:
        raise AnnotatorError(f"unknown status {status!r} (one of {', '.join(STATUSES)})")
    with _open(db, writes=True) as project:
        changes = ops.set_article_status(project, article_id, status, confirm_suggestions=confirm_suggestions)
    out.print(f"article {article_id}: {status}" + (f" ({n} quote(s) confirmed as suggested)" if (n := len(changes.ids("quotes"))) else ""))


class _RateColumn(ProgressColumn):
    """"12.3 articles/s": rich's own speed estimate (the ETA column uses the same one)."""

    def render(self, task) -> Text:
        return Text(f"{task.speed:,.1f} articles/s" if task.speed else "")


@app.command()
def preannotate(db: DbOpt = None,
                model: Annotated[Optional[str], typer.Option(help="spaCy pipeline name or path (default: the project's model, else en_core_web_sm).")] = None,
                n_process: Annotated[int, typer.Option("--n-process", min=1, help="Worker processes.")] = 1,
                engine: Annotated[str, typer.Option(help="local (this process, --n-process) or dask (a Dask cluster: pip install 'annotator[cluster]').")] = "local",
                scheduler: Annotated[Optional[str], typer.Option(help="With --engine dask: the cluster's scheduler, tcp://HOST:PORT.")] = None,
                workers: Annotated[Optional[int], typer.Option(min=1, help="With --engine dask and no --scheduler: start this many local worker processes (default 2).")] = None,
                batch_size: Annotated[Optional[int], typer.Option("--batch-size", min=1, help="With --engine dask: articles per task, each stored in one transaction (default 64).")] = None) -> None:
    """Suggest entities, quotes, speakers for new articles; never touches reviewed work."""
    import warnings

    from .nlp.cluster import check_engine_options, run_engine
    from .nlp.preannotate import choose_model

    options = check_engine_options(engine, n_process, scheduler, workers, batch_size)  # before opening anything
    with _open(db, writes=True) as project, _progress(_RateColumn()) as bar:
        task = bar.add_task("pre-annotating", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            out.print(_safe(choose_model(project, model).describe()))  # which folder, and why
            outcome = run_engine(project, model=model, progress=progress, **options)
        for w in caught:
            err.print(_safe(f"warning: {w.message}"))
    out.print(_safe(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in outcome.counts.items())))
    for f in outcome.failures:
        err.print(_safe(f"error: {f} (run the same command again to retry them)"))
    if outcome.failures:
        raise typer.Exit(1)


def _export(key: str, out_path: Path, db: Path | None, include_all: bool, **options) -> None:
    from .exporters import FORMATS
    from .team.selection import select

    fmt = FORMATS[key]
    with _open(db) as project, _progress() as bar:
        task = bar.add_task(f"exporting {fmt.label}", total=None)
        result = fmt.run(project, out_path, include_all, lambda i, t: bar.update(task, completed=i, total=t), **options)
        note = select(project, include_all).note()  # team projects: finished twice, not adjudicated: left out
        if note and result.manifest is None:
            err.print(_safe(f"note: {note}"))
    for line in result.summary():
        out.print(_safe(line), soft_wrap=True)


OutFile = Annotated[Path, typer.Option("--out", help="File to write.")]
AllOpt = Annotated[bool, typer.Option("--all", help="Every article, not only done ones.")]


def _file_export(key: str) -> None:
    """`annotator export KEY --out FILE` for each format of `exporters.FORMATS` that writes one file."""
    from .exporters import FORMATS

    def command(out_file: OutFile, db: DbOpt = None, include_all: AllOpt = False) -> None:
        _export(key, out_file, db, include_all)
    command.__doc__ = FORMATS[key].help[:1].upper() + FORMATS[key].help[1:] + "."
    export_app.command(key)(command)


def _file_exports() -> None:
    from .exporters import FORMATS

    for f in FORMATS.values():
        if not f.folder:
            _file_export(f.key)


_file_exports()


@export_app.command("spacy")
def export_spacy_cmd(out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the corpora and configs to.")],
                     db: DbOpt = None,
                     dev: Annotated[float, typer.Option(min=0.0, max=0.9, help="Fraction of articles for the dev split.")] = 0.2,
                     seed: Annotated[int, typer.Option(help="Seed of the train/dev split.")] = 0,
                     include_all: AllOpt = False,
                     n_process: Annotated[Optional[int], typer.Option("--n-process", min=1, help="Worker processes (default: 2 from 2,000 articles on).")] = None) -> None:
    """spaCy corpora (DocBin) with configs that `spacy train` runs unmodified, plus a manifest."""
    _export("spacy", out_dir, db, include_all, dev=dev, seed=seed, n_process=n_process)


def _fmt_scores(scores: dict) -> str:
    return ", ".join(f"{k} {v:.3f}" for k, v in scores.items() if isinstance(v, (int, float))) or "—"


@app.command()
def train(db: DbOpt = None,
          out_dir: Annotated[Optional[Path], typer.Option("--out", help="Folder for corpora and the model (default: beside the project).")] = None,
          max_steps: Annotated[Optional[int], typer.Option("--max-steps", min=1, help="Stop each training run after N steps.")] = None,
          dev: Annotated[float, typer.Option(min=0.0, max=0.9)] = 0.2,
          seed: int = 0,
          use_anyway: Annotated[bool, typer.Option(
              "--use-anyway", help="Use the new model even if it scores lower than the one in use.")] = False) -> None:
    """Export reviewed work, train entities, quotes, stance and claims; use the new model unless it is worse."""
    from .nlp.training import train as run_train, train_report

    with _open(db, writes=True) as project, _progress() as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, step: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(f"training {stage}" if stage not in ("export", "package", "score") else stage,
                                            total=total or None)
            bar.update(tasks[stage], completed=step, total=total or None)

        res = run_train(project, out_dir, max_steps=max_steps, dev=dev, seed=seed, progress=progress,
                        use_anyway=use_anyway)
    title, rows, lines = train_report(res)
    t = Table(title, "in use" if res.previous else "stock model", "new")
    for row in rows:
        t.add_row(*row)
    out.print(t)
    for line in lines:
        out.print(_safe(line), soft_wrap=True)


@app.command()
def models(db: DbOpt = None,
           use: Annotated[Optional[str], typer.Option(help="Use model N (as listed) or PATH for pre-annotation.")] = None,
           default: Annotated[bool, typer.Option("--default", help="Go back to the stock English model.")] = False) -> None:
    """List the project's trained models; switch which one pre-annotation uses."""
    from .nlp.training import current_model, list_models, use_model

    with _open(db, writes=bool(default or use)) as project:
        if default:
            use_model(project, None)
        elif use:
            use_model(project, use)
        cur = current_model(project)
        t = Table("#", "trained", "base", "scores after", "path", "in use")
        for i, m in enumerate(list_models(project), start=1):
            key = {k: v for k, v in (m.get("scores_after") or {}).items()
                   if k in ("quotes_f", "speakers_acc", "entities_f", "stance_cats_score", "claims_cats_score")}
            t.add_row(str(i), _safe(m.get("trained_at") or ""), _safe(m.get("base_model") or "rules"),
                      _safe(_fmt_scores(key)), _safe(m.get("path")), "yes" if m.get("path") == cur else "")
        out.print(t)
        if cur is None:
            out.print("pre-annotation uses the stock English model (or rules only if none is installed)")


@app.command()
def assign(db: DbOpt = None,
           annotators: Annotated[str, typer.Option(help="Comma-separated names: ana,ben,cho.")] = "",
           out_dir: Annotated[Path, typer.Option("--out", help="Folder for the annotators' project files.")] = Path("."),
           overlap: Annotated[float, typer.Option(min=0.0, max=1.0, help="Share of articles given to several annotators.")] = 0.2,
           copies: Annotated[int, typer.Option(min=2, help="How many annotators get each shared article.")] = 2,
           per_annotator: Annotated[Optional[int], typer.Option(min=1, help="At most N articles per annotator.")] = None,
           seed: int = 0) -> None:
    """Deal the articles not yet assigned out to annotators: one project file each (a new round)."""
    from .team.assign import assign as run_assign

    with _open(db) as project:
        res = run_assign(project, annotators.split(","), out_dir, overlap=overlap, copies=copies,
                         per_annotator=per_annotator, seed=seed)
    for who, path in res.files.items():
        out.print(_safe(f"{path}: {len(res.batches[who])} article(s) for {who}"))
    out.print(f"round {res.round}: {res.articles} article(s), {len(res.overlap_ids)} shared by {copies} annotators")


@app.command()
def merge(files: Annotated[list[Path], typer.Argument(help="Annotators' project files.")], db: DbOpt = None) -> None:
    """Take annotators' reviewed work back as their layers (all or nothing; merging twice changes nothing)."""
    from .team.merge import merge as run_merge

    with _open(db) as project:
        results = run_merge(project, files)
    for r in results:
        out.print(_safe(r.summary()))


@app.command()
def agreement(db: DbOpt = None, as_json: Annotated[bool, typer.Option("--json")] = False,
              plot: Annotated[Optional[Path], typer.Option(help="Draw alpha per field with its interval to this PNG.")] = None,
              n_boot: Annotated[int, typer.Option("--bootstrap", min=0, help="Bootstrap resamples.")] = 1000,
              seed: int = 0) -> None:
    """Agreement on the articles two or more annotators finished: quote F1, alpha and kappa per field, entity F1."""
    from .team.agreement import agreement as measure
    from .team.layers import require_team

    with _open(db) as project:
        require_team(project)
        rep = measure(project, n_boot=n_boot, seed=seed)
    if plot:
        from .gui.charts import save_agreement_png

        save_agreement_png([{"field": f.field, "alpha": f.alpha, "low": f.low, "high": f.high, "units": f.units}
                            for f in rep.fields], plot)
    if as_json:
        _print_json(rep.to_dict())
        return
    fmt = lambda v: "—" if v is None else f"{v:.3f}"  # noqa: E731
    out.print(_safe(f"{rep.articles} article(s) finished by two or more of {', '.join(rep.annotators) or 'nobody'}"))
    t = Table("figure", "value", "95% interval", "items", "per pair")
    t.add_row("quote spans, F1", fmt(rep.quote_f1), "", f"{rep.quotes_matched} matched of {rep.quotes_marked}",
              _safe("; ".join(f"{k} {fmt(v['f1'])}" for k, v in rep.quote_pairs.items())))
    for f in rep.fields:
        interval = "" if f.low is None else f"{f.low:.3f} – {f.high:.3f}"
        t.add_row(_safe(f"{f.field}, alpha"), fmt(f.alpha), interval, f"{f.units} units, {f.values} values",
                  _safe("; ".join(f"{k} κ {fmt(v['kappa'])} ({v['items']})" for k, v in f.kappa.items())))
    for label, e in rep.entities.items():
        t.add_row(_safe(f"entities {label}, F1"), fmt(e["f1"]), "", f"{e['matched']} matched of {e['marked']}", "")
    out.print(t)
    if plot:
        out.print(_safe(f"plot written to {plot}"))


@app.command()
def validate(path: Annotated[Path, typer.Argument(help="A spaCy export folder, or a JSONL or Label Studio JSON file.")]) -> None:
    """Check an export against its format (offsets, labels, links) and print what is wrong."""
    from .nlp.check import validate_path

    report = validate_path(path)
    for line in report.problems or [report.summary()]:
        out.print(_safe(line), soft_wrap=True)
    if not report.ok:
        raise AnnotatorError(report.summary())


@app.command()
def gui(db: DbOpt = None,
        screenshot: Annotated[Optional[Path], typer.Option(help="Render the window to this PNG and exit.")] = None,
        article: Annotated[Optional[int], typer.Option(help="Open this article.")] = None,
        quote: Annotated[Optional[int], typer.Option(help="Select the N-th quote (1-based).")] = None,
        size: Annotated[Optional[str], typer.Option(help="The window's size for --screenshot: WIDTHxHEIGHT "
                                                         "(default 1440x900).")] = None) -> None:
    """Open the desktop app."""
    from .gui.app import main as gui_main

    dims = None
    if size:
        try:
            w, h = (int(x) for x in size.lower().split("x"))
        except ValueError:
            raise AnnotatorError(f"--size {size!r}: expected WIDTHxHEIGHT, such as 1280x800") from None
        dims = (w, h)
    path = db or (default_db() if (os.environ.get("ANNOTATOR_DB") or default_db().exists()) else None)
    code = gui_main(str(path) if path else None, str(screenshot) if screenshot else None, article, quote, size=dims)
    raise typer.Exit(code)


def main() -> None:
    from .cli_main import run

    run(app, out, err, _opened)


if __name__ == "__main__":
    main()
