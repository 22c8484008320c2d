"""Pre-annotation on a Dask cluster: the workers parse, the one writer here stores.

Batches of (article id, text, content hash) go to Dask workers, which load the pipeline once per
worker process (the same `load_pipeline` as the local engine) and send back suggestions only
(`Analysis`: entities, quotes, the article's persons). The client applies them with the local
engine's writer (`writer.SuggestionWriter`), in article order, one transaction per batch, so the
project ends up exactly as a local run leaves it, and a batch is in the project whole or not at all.

Faults: Dask retries a batch whose worker died (the nanny starts a new worker) or that raised; a
batch that fails twice is reported by article id and the others go on. A stopped or killed client
resumes where it stopped: articles this model and these rules already did (same text) are not sent
again. Without a scheduler address a `distributed.LocalCluster` of worker processes is started on
this machine and shut down on every way out (done, error, Ctrl+C, Cancel in the app).

Workers need this package (the same version of our rules: a batch from a worker with others is
refused) and the model: the same installed spaCy package, or the project's trained model at the
same path (a shared folder), or neither for rules only.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import signal
import uuid
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.errors import AnnotatorError
from annotator.suggestions import articles_to_preannotate

from .preannotate import MODEL_SETTING
from .writer import SuggestionWriter, known_person_names

if TYPE_CHECKING:
    from annotator.store import Project

INSTALL_HINT = "the dask engine needs Dask distributed, which is not installed: pip install 'annotator[cluster]'"
BATCH_SIZE = 64  # articles per task: a few seconds of work, so the scheduler's overhead is nothing
ALLOWED_FAILURES = 1  # a batch whose worker died is retried once; dying a second time reports it
RETRIES = 1  # likewise for a batch that raised
# The scheduler settings a run relies on: those of the LocalCluster we start, and what the README asks
# a cluster's scheduler to be started with. Dask's default lets a batch kill four workers; and its
# default saturation (1.1) hands a one-thread worker a second batch to hold while it runs one: when
# that worker dies, Dask blames the waiting bystander too, so a healthy batch is reported as a killer.
SCHEDULER_CONFIG = {"distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
                    "distributed.scheduler.worker-saturation": 1.0}
# Our LocalCluster's workers also skip Dask's sampling profiler (a few % of each worker's CPU).
LOCAL_CONFIG = {**SCHEDULER_CONFIG, "distributed.worker.profile.enabled": False}
WORKER_WAIT = 60  # seconds for a first worker to join a scheduler that has none


def require_distributed():
    """The `distributed` module, or a one-line error saying how to install it."""
    try:
        import distributed
    except ImportError:
        raise AnnotatorError(INSTALL_HINT) from None
    return distributed


def check_engine_options(engine: str, n_process: int = 1, scheduler: str | None = None, workers: int | None = None,
                         batch_size: int | None = None) -> dict:
    """`annotator preannotate`'s engine flags that go together, as `run_engine` keywords; else a
    one-line error (for dask without Dask installed: how to install it)."""
    if engine not in ("local", "dask"):
        raise AnnotatorError(f"unknown engine {engine!r} (local or dask)")
    if engine == "local":
        if scheduler or workers or batch_size:
            raise AnnotatorError("--scheduler, --workers and --batch-size go with --engine dask")
        return {"engine": engine, "n_process": n_process}
    if n_process != 1:
        raise AnnotatorError("--n-process is for --engine local; with dask, --workers or the cluster sets the processes")
    if scheduler and workers:
        raise AnnotatorError("--workers starts a local cluster; with --scheduler the cluster has its own workers")
    require_distributed()
    return {"engine": engine, "scheduler": scheduler, "workers": workers or 2, "batch_size": batch_size or BATCH_SIZE}


def run_engine(project: "Project", engine: str = "local", model: str | None = None, progress=None, n_process: int = 1,
               **dask_options) -> "Outcome":
    """Either engine behind one call; the local one's counts come as an `Outcome` without failures."""
    if engine == "dask":
        return run(project, model, progress=progress, **dask_options)
    from .preannotate import run as run_local

    return Outcome(run_local(project, model=model, n_process=n_process, progress=progress))


# --- on the workers -------------------------------------------------------------------------------

def dask_setup(worker) -> None:
    """Run in each worker process of our LocalCluster (Dask's `preload`). Ctrl+C in a terminal
    reaches the whole process group; the client stops the workers itself, so they ignore it
    rather than die mid-batch with a traceback each."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


_LOADED: list = []  # [(model, names token or None, pipeline, name, warnings)]: one pipeline per worker


def _names_token(names: list[str]) -> str:
    return hashlib.sha256("\n".join(names).encode("utf-8")).hexdigest()


def worker_pipeline(model: str | None, known: list[str]) -> tuple[object, str, list[str]]:
    """(pipeline, model name, warnings), loaded once per worker process. Only the rules-only
    pipeline uses `known` (its entity ruler), so only there do other names mean another pipeline."""
    token = _names_token(known)
    if _LOADED:
        m, t, nlp, name, caught = _LOADED[0]
        if m == model and t in (None, token):
            return nlp, name, caught
    from .pipeline import RULES, load_pipeline

    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        nlp, name = load_pipeline(model, known)
    _LOADED[:] = [(model, token if name == RULES else None, nlp, name, [str(w.message) for w in got])]
    return nlp, name, _LOADED[0][4]


def _same(value):
    return value


def model_on_worker(model: str | None, known: list[str]) -> tuple[str, list[str]]:
    """The model a worker loads (and what it warned while loading it)."""
    _, name, caught = worker_pipeline(model, known)
    return name, caught


def analyse_batch(model: str | None, known: list[str], labels: list[str],
                  items: list[tuple[int, str, str]]) -> tuple[str, list[tuple[int, str, object]]]:
    """(what the worker's articles record as their pre-annotator: its model and its rules' version,
    [(article id, content hash, Analysis)]): suggestions only, nothing stored."""
    from .extract import analyse
    from .longdocs import pipe_articles
    from .pipeline import recorded_name

    nlp, name, _ = worker_pipeline(model, known)
    nlp.max_length = max(nlp.max_length, max((len(t) for _, t, _ in items), default=0) + 1)
    keep = set(labels)
    # long articles go through in pieces, in bounded memory, after the others (longdocs)
    docs = pipe_articles(nlp, ((text, (aid, h)) for aid, text, h in items), batch_size=8)
    done = {aid: (aid, h, analyse(doc, keep)) for doc, (aid, h) in docs}
    return recorded_name(name), [done[aid] for aid, _, _ in items]  # in the order asked for


# --- on the client --------------------------------------------------------------------------------

@dataclass
class Failure:
    article_ids: list[int]
    reason: str

    def __str__(self) -> str:
        shown = ", ".join(map(str, self.article_ids[:20])) + (" …" if len(self.article_ids) > 20 else "")
        return f"articles {shown} were not pre-annotated: {self.reason}"


@dataclass
class Outcome:
    """What `run` returns: the local engine's counts, plus the batches that failed twice."""

    counts: dict
    failures: list[Failure] = field(default_factory=list)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


@contextlib.contextmanager
def connect(scheduler: str | None = None, workers: int = 2) -> Iterator[object]:
    """A `distributed.Client`: to the cluster at `scheduler`, else to a LocalCluster of `workers`
    processes on this machine (loopback only). Whatever happens, the client is closed and a
    cluster we started is shut down with its worker processes."""
    distributed = require_distributed()
    import dask

    with dask.config.set(LOCAL_CONFIG), contextlib.ExitStack() as stack:
        if scheduler:
            try:  # gives up after distributed.comm.timeouts.connect (30 s unless configured)
                client = distributed.Client(scheduler, set_as_default=False)
            except (OSError, ValueError, TypeError) as exc:
                raise AnnotatorError(f"cannot reach the Dask scheduler at {scheduler}: {_one_line(exc)}") from None
            stack.callback(client.close)
            try:
                client.wait_for_workers(1, timeout=WORKER_WAIT)
            except (TimeoutError, OSError):
                raise AnnotatorError(f"no Dask worker joined {scheduler} within {WORKER_WAIT} s "
                                     f"(start some with `dask worker {scheduler}`)") from None
        else:
            cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                               host="127.0.0.1", dashboard_address=None,
                                               silence_logs=logging.CRITICAL, preload=[__name__])
            stack.callback(cluster.close)
            client = distributed.Client(cluster, set_as_default=False)
            stack.callback(client.close)
        yield client


def _batches(ids: list[int], size: int) -> deque[tuple[int, list[int]]]:
    return deque((n, ids[i:i + size]) for n, i in enumerate(range(0, len(ids), size)))


def _items(project: "Project", ids: list[int]) -> list[tuple[int, str, str]]:
    marks = ",".join("?" * len(ids))
    rows = project.conn.execute(f"SELECT id, text, content_hash FROM articles WHERE id IN ({marks})", ids)
    by_id = {r[0]: (r[0], r[1], r[2]) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def run(project: "Project", model: str | None = None, scheduler: str | None = None, workers: int = 2,
        progress: Callable[[int, int], None] | None = None, article_ids: Iterable[int] | None = None,
        batch_size: int = BATCH_SIZE, client=None) -> Outcome:
    """Pre-annotate the project's new articles on a Dask cluster; same rules and result as
    `preannotate.run`. `client`: an open `distributed.Client` to use instead of connecting."""
    if client is None:
        with connect(scheduler, workers) as own:
            return run(project, model, progress=progress, article_ids=article_ids, batch_size=batch_size,
                       client=own)
    model = model or project.setting(MODEL_SETTING)
    try:
        name, caught = client.submit(model_on_worker, model, [], pure=False).result()
    except AnnotatorError:
        raise
    except Exception as exc:
        raise AnnotatorError(f"the Dask workers could not load the model: {_one_line(exc)}") from None
    from .pipeline import RULES, ModelWarning, recorded_name

    for message in caught:
        warnings.warn(message, ModelWarning, stacklevel=2)
    # Only rules-only pre-annotation needs the known names on the workers; they are then data of
    # their own (a task, fetched once per worker, computed again if every holder died).
    names = client.submit(_same, known_person_names(project), pure=False) if name == RULES else []
    ids, skipped = articles_to_preannotate(project.conn, recorded_name(name), article_ids)
    writer = SuggestionWriter(project, recorded_name(name))  # a worker with other rules is refused
    outcome = Outcome({}, [])
    if progress:
        progress(0, len(ids))
    _Dispatch(client, project, writer, model, names, outcome, progress).go(_batches(ids, batch_size), len(ids))
    outcome.counts = {**writer.summary(skipped), "failed": sum(len(f.article_ids) for f in outcome.failures)}
    return outcome


class _Dispatch:
    """Keeps one batch per worker thread on the cluster and applies the results in batch order."""

    def __init__(self, client, project: "Project", writer: SuggestionWriter, model: str | None, names,
                 outcome: Outcome, progress: Callable[[int, int], None] | None):
        self.client, self.project, self.writer, self.model = client, project, writer, model
        self.names, self.outcome, self.progress = names, outcome, progress
        self.labels = sorted(writer.labels)
        self.run_id = uuid.uuid4().hex[:8]

    def _slots(self) -> int:
        # One batch per live worker thread and none waiting on a worker: Dask blames every batch a
        # worker held when it died, so a queued bystander would be charged with another's crash.
        return max(1, sum(self.client.nthreads().values()))

    def go(self, todo: deque[tuple[int, list[int]]], total: int) -> None:
        distributed = require_distributed()
        in_flight: dict = {}  # future -> (batch number, ids)
        ready: dict[int, tuple[list[int], object]] = {}  # batch number -> (ids, result or exception)
        queue = distributed.as_completed(loop=self.client.loop)
        next_batch, done = 0, 0

        def submit() -> None:
            slots = self._slots()
            # Results held back behind a slow earlier batch stay few: memory is bounded, not O(corpus).
            while todo and len(in_flight) < slots and len(ready) < 4 * slots:
                n, ids = todo.popleft()
                fut = self.client.submit(analyse_batch, self.model, self.names, self.labels,
                                         _items(self.project, ids), key=f"preannotate-{self.run_id}-{n}",
                                         retries=RETRIES, pure=False)
                in_flight[fut] = (n, ids)
                queue.add(fut)

        try:
            submit()
            for fut in queue:
                n, ids = in_flight.pop(fut)
                try:
                    ready[n] = (ids, fut.result())
                except Exception as exc:  # raised twice, or killed two workers (KilledWorker)
                    ready[n] = (ids, exc)
                fut.release()
                submit()  # the worker gets its next batch before the writer starts on this one
                while next_batch in ready:
                    ids, result = ready.pop(next_batch)
                    self._apply(ids, result)
                    next_batch += 1
                    done += len(ids)
                    if self.progress:
                        self.progress(done, total)
                submit()
        finally:
            if in_flight:  # stopped early: nothing more runs for us on the cluster
                with contextlib.suppress(Exception):
                    self.client.cancel(list(in_flight), force=True)

    def _apply(self, ids: list[int], result) -> None:
        if isinstance(result, BaseException):
            reason = _one_line(result)
            if type(result).__name__ == "KilledWorker":
                reason = "the worker running them died twice (out of memory, or a crash in the model?)"
            self.outcome.failures.append(Failure(ids, reason))
            return
        name, analyses = result
        if name != self.writer.model:
            self.outcome.failures.append(Failure(ids, f"a worker pre-annotates with {name}, not {self.writer.model}: "
                                                      "install the same model and annotator on every worker"))
            return
        with self.project.transaction():  # the batch is in the project whole, or not at all
            for aid, chash, analysis in analyses:
                self.writer.apply(aid, analysis, chash)
