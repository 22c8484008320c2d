"""Worker processes that never outlive the command that started them, and whose failures reach it.

A worker blocked on a pipe does not notice that its parent was killed (it holds the pipe's other
end itself), so each worker watches for its parent's death:

- on Linux the kernel kills it when its parent dies (PR_SET_PDEATHSIG): for a worker forked by
  multiprocessing's fork server, that parent is the fork server, which exits as soon as our
  process is gone;
- everywhere else (and on Linux too, should the signal be missed) a daemon thread notices that it
  was orphaned (its parent pid changed on POSIX; the parent's process handle signalled on
  Windows) and ends the process.

`worker_pool` starts workers that do this and turns a worker that died (killed, out of memory)
into one line for the user; `forked_children_die_with_us` does it for worker processes that a
library forks for us (spaCy's `nlp.pipe(n_process=...)`).
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator

from .errors import AnnotatorError

_PR_SET_PDEATHSIG = 1
_POLL = 0.25  # seconds between two looks at the parent pid (fallback only)


_watching: list[int] = []  # the pid whose watch is set up in this process (fork copies it: compared)


def die_with_parent(lifeline=None, kernel_signal: bool = True) -> None:
    """Make this (worker) process end when its parent process ends, however that ends.

    `lifeline`: the reading end of a pipe whose writing end only the parent holds; it reads as
    closed the moment the parent is gone. Without one, the parent pid is watched.
    `kernel_signal`: also ask Linux for SIGKILL when the parent dies (it comes when the *thread*
    that started this process ends: only for a process started by a thread that outlives it)."""
    if _watching == [os.getpid()]:
        return
    _watching[:] = [os.getpid()]
    parent = os.getppid()
    if kernel_signal and sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent == 1 and lifeline is None:  # orphaned before we could ask: the parent is already gone
        os._exit(1)
    watch = _watch_lifeline if lifeline is not None else _watch_parent
    threading.Thread(target=watch, args=(lifeline if lifeline is not None else parent,), daemon=True,
                     name="parent-watch").start()


def _watch_lifeline(conn) -> None:
    from multiprocessing.connection import wait

    wait([conn])  # readable only at EOF: the parent never writes
    os._exit(1)


def _watch_parent(parent: int) -> None:
    if sys.platform == "win32":
        proc = multiprocessing.parent_process()
        if proc is not None and proc.sentinel is not None:
            from multiprocessing.connection import wait

            wait([proc.sentinel])
            os._exit(1)
        return
    while os.getppid() == parent:  # an orphan is adopted by init (or a subreaper): its ppid changes
        time.sleep(_POLL)
    os._exit(1)


def _start_worker(lifeline, init: Callable | None, args: tuple) -> None:
    die_with_parent(lifeline)
    if init is not None:
        init(*args)


def worker_context(preload: list[str]):
    """How to start worker processes: never by forking this process, whose SQLite handles a forked
    copy would inherit (one closed in the copy can corrupt the WAL) and whose other threads (Qt's,
    in the app) may hold locks. A fork server that has imported `preload` once starts workers
    fastest; Windows and the frozen app use spawn. (The fork server is started once per process:
    the first caller's `preload` is the one it has.)"""
    if sys.platform != "win32" and not getattr(sys, "frozen", False):
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(preload)
        return ctx
    return multiprocessing.get_context("spawn")


class WorkerDied(AnnotatorError):
    """A worker process ended without finishing its work (killed, out of memory, crashed)."""


@contextlib.contextmanager
def worker_pool(n: int, context, initializer: Callable | None = None, *initargs, what: str = "worker") -> Iterator:
    """A ProcessPoolExecutor whose workers die with us. On any error (ours, a worker's, Ctrl+C)
    the pending work is cancelled and the workers are stopped before the error goes on."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # The workers' lifeline: we alone hold its writing end, so it closes when we end, however we
    # end. (A fork server's workers cannot watch their parent: it is the fork server, which lives
    # as long as they do.)
    lifeline, keep = multiprocessing.Pipe(duplex=False)
    pool = ProcessPoolExecutor(n, mp_context=context, initializer=_start_worker,
                               initargs=(lifeline, initializer, initargs))
    try:
        try:
            yield pool
        except BrokenProcessPool:
            _stop(pool)
            raise WorkerDied(f"a {what} worker process ended unexpectedly (killed, or out of memory); "
                             "nothing was written") from None
        except BaseException:
            _stop(pool)
            raise
        pool.shutdown(wait=True)
    finally:
        keep.close()
        lifeline.close()


def _stop(pool) -> None:
    procs = list((getattr(pool, "_processes", None) or {}).values())  # private, but the only handle
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        with contextlib.suppress(Exception):
            p.terminate()
    for p in procs:
        with contextlib.suppress(Exception):
            p.join(5)


# --- processes a library forks for us ------------------------------------------------------------

_hook_installed: list[bool] = []


def forked_children_die_with_us() -> None:
    """From now on every process this one forks (multiprocessing's "fork" start method, which
    spaCy's `nlp.pipe(n_process=...)` uses on Linux) dies with it. Workers started by spawn or a
    fork server instead import our spaCy components, which call `die_with_parent` for them.
    (subprocess does not run these hooks: the programs it starts are not affected.)"""
    if hasattr(os, "register_at_fork") and not _hook_installed:
        os.register_at_fork(after_in_child=die_with_parent)
        _hook_installed.append(True)


class Terminated(KeyboardInterrupt):
    """SIGTERM: unwound like Ctrl+C, so temporary files go and worker processes are stopped."""


def _terminate(signum, frame) -> None:
    raise Terminated()


def unwind_on_sigterm() -> None:
    """Make SIGTERM raise `Terminated` in the main thread (by default it ends Python at once,
    leaving temporary files and worker processes behind)."""
    signal.signal(signal.SIGTERM, _terminate)


def in_worker_process() -> bool:
    """True in a process started by multiprocessing (spawn or fork server) for us."""
    return multiprocessing.parent_process() is not None


__all__ = ["die_with_parent", "worker_pool", "worker_context", "forked_children_die_with_us", "WorkerDied", "in_worker_process",
           "Terminated", "unwind_on_sigterm"]
