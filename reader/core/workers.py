"""Worker processes for the sync and the merge: a pool that can be told to stop, and workers
that never outlive the process that started them.

A pool's workers are children of multiprocessing's fork server (or, spawned, of the reader).
Should the reader be killed (kill -9: no clean-up runs), each worker is still told: on Linux the
kernel sends it SIGTERM when its parent dies (PR_SET_PDEATHSIG; the fork server exits as soon
as the reader is gone), and everywhere a watcher thread ends it once the reader's process is
no longer there.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from itertools import islice
from multiprocessing import forkserver, resource_tracker
from typing import Any, TypeVar

from reader.core.cancelling import Cancelled as Cancelled  # (the sync, the merge: one)
from reader.core.cancelling import EventLike as EventLike
from reader.core.cancelling import check

AHEAD = 8
"""Calls a worker has submitted and not yet taken at most (`InOrder`)."""
POLL = 0.05
"""Seconds between looks at the cancel event while waiting on a worker process."""
PARENT_POLL = 1.0
"""Seconds between a worker's looks at whether the reader is still there."""
PR_SET_PDEATHSIG = 1

T = TypeVar("T")


_stop: EventLike | None = None
"""In a worker process: set when the sync that started the pool is cancelled."""


def stopping() -> bool:
    """In a worker: whether the pool was told to stop (its sync cancelled)."""
    return _stop is not None and _stop.is_set()


def _init_worker(stop: EventLike, owner: int) -> None:
    global _stop
    _stop = stop
    die_with_parent(owner)


def die_with_parent(owner: int) -> None:
    """End this process when its parent dies, or when process `owner` (the reader) is gone."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watcher below still holds
    threading.Thread(
        target=_watch_parent, args=(parent, owner), name="watch-parent", daemon=True
    ).start()


def _watch_parent(parent: int, owner: int) -> None:
    while os.getppid() == parent and _alive(owner):
        time.sleep(PARENT_POLL)
    os._exit(1)  # orphaned: nobody will read what this worker makes


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but not ours to signal
        return True
    return True


_helpers_lock = threading.Lock()
_workers: int | None = None
"""The worker processes a pool of this process starts (`use_workers`); None: one per core."""


def use_workers(count: int | None) -> None:
    """Start `count` worker processes per pool in this process (None: one per core), as
    `reader index --workers N` asks: indexers sharing a machine share its cores."""
    global _workers
    _workers = None if count is None else max(1, count)


def worker_count() -> int:
    """The worker processes a pool starts (see `use_workers`)."""
    return _workers or max(1, os.cpu_count() or 1)


class Pool:
    """Worker processes, and an event they see: set, each stops after the file at hand."""

    def __init__(self, workers: int) -> None:
        # forkserver: safe when the caller has threads (the TUI); spawn where it is missing.
        methods = multiprocessing.get_all_start_methods()
        method = "forkserver" if "forkserver" in methods else "spawn"
        _start_helpers(method)
        context = multiprocessing.get_context(method)
        self.stop = context.Event()
        self.workers = workers
        self.executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(self.stop, os.getpid()),
        )

    def close(self, cancelled: bool) -> None:
        """Done: wait for the workers. Cancelled: queued work dropped, the workers told to
        stop, and not waited for. (Not terminated: a worker killed while it sends a result
        leaves the pool's reader blocked forever, and the process with it at exit.)"""
        if cancelled:
            self.stop.set()
            _keep_until_done(self.executor, self.stop)
        self.executor.shutdown(wait=not cancelled, cancel_futures=True)

    def kill(self) -> None:
        """Cancel, and kill the workers at once (for work whose result cannot be cut in two)."""
        processes = list((getattr(self.executor, "_processes", None) or {}).values())
        self.close(cancelled=True)
        for process in processes:
            process.kill()


_retired: list[tuple[threading.Thread, EventLike]] = []
"""The stop events of pools closed cancelled, each with the thread that joins its workers.

A worker still starting when its pool is closed has yet to read the stop event (a named
semaphore) from the fork server's pipe; the name is unlinked as soon as the event is collected,
and the worker then dies printing "FileNotFoundError" on the stderr it inherited: the terminal
the TUI draws on. So the event lives until every worker is gone (the executor's manager thread
joins them before it ends; at exit, Python joins that thread before collecting the rest)."""


def _keep_until_done(executor: ProcessPoolExecutor, stop: EventLike) -> None:
    manager = getattr(executor, "_executor_manager_thread", None)  # None: no worker started
    with _helpers_lock:
        _retired[:] = [(thread, event) for thread, event in _retired if thread.is_alive()]
        if manager is not None:
            _retired.append((manager, stop))


class Workers:
    """Worker processes started when first needed, then kept for all the work of one sync:
    its files, each part of them an indexer claims, what it listed first."""

    def __init__(self) -> None:
        self.pool: Pool | None = None

    def get(self) -> Pool:
        if self.pool is None:
            self.pool = Pool(worker_count())
        return self.pool

    def close(self, cancelled: bool = False) -> None:
        if self.pool is not None:
            self.pool.close(cancelled)
            self.pool = None


def _start_helpers(method: str) -> None:
    """Start multiprocessing's helper processes (resource tracker, fork server) with the real
    stderr. They are handed `sys.stderr.fileno()`, and a TUI that captures output (Textual's
    gives -1) makes their start fail with "bad value(s) in fds_to_keep"."""
    with _helpers_lock:
        captured = sys.stderr
        sys.stderr = sys.__stderr__
        try:
            if method == "forkserver":
                forkserver.ensure_running()  # starts the resource tracker too
            else:
                resource_tracker.ensure_running()
        finally:
            sys.stderr = captured


def wait_for(future: Future[T], cancel: EventLike) -> T:
    """A future's result, looking at `cancel` while it is not ready."""
    while True:
        check(cancel)
        try:
            return future.result(timeout=POLL)
        except FutureTimeout:
            continue


Call = tuple[Callable[..., T], tuple[Any, ...]]
"""A function to run in a worker, and its arguments."""


class InOrder(Iterator[T]):
    """The results of `calls` run in a pool, in the calls' order, with only a few calls
    submitted ahead of the one taken (AHEAD a worker): a result is held until it is taken,
    never after, so memory holds a few results whatever their number. The first calls are
    submitted at once (the workers start on them while the caller does something else)."""

    def __init__(self, pool: Pool, calls: Iterable[Call[T]], cancel: EventLike) -> None:
        self._pool, self._cancel = pool, cancel
        self._calls = iter(calls)
        self._ahead = AHEAD * pool.workers
        self._waiting: deque[Future[T]] = deque()
        self._submit()

    def _submit(self) -> None:
        for function, arguments in islice(self._calls, self._ahead - len(self._waiting)):
            self._waiting.append(self._pool.executor.submit(function, *arguments))

    def __next__(self) -> T:
        if not self._waiting:
            raise StopIteration
        future = self._waiting.popleft()
        self._submit()
        return wait_for(future, self._cancel)
