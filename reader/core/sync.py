"""Keeping a store in step with its files and feeds: change detection and the analysis
pipeline, cancellable.

A file whose path, size and mtime (or, when those moved, content hash) are unchanged and that
was analysed by the current analyser is never read again. New and changed files are read and
analysed in worker processes; their results are written in batches, each batch one
transaction, so a process killed (or a sync cancelled) mid-index leaves a consistent store
that the next run completes. A `cancel` event is checked between files and while waiting on
the pool; when it is set the pool is shut down, its workers terminated, and `Cancelled` raised.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from multiprocessing import forkserver, resource_tracker
from pathlib import Path
from typing import Protocol, TypeVar

from reader.core.analysis import analyze_article
from reader.core.corpus import Corpus
from reader.core.feedcache import FeedCache
from reader.core.feeds import is_url, load_feed
from reader.core.ingest import IngestError, MissingPathError, list_files
from reader.core.ingest import read_file as ingest_file
from reader.core.model import Analysis, Article
from reader.core.store import Store, codec
from reader.core.store.articles import AnalysisLookup
from reader.core.store.codec import FileResult

BATCH_FILES = 200
PARALLEL_FROM = 32
"""Fewer new or changed files than this are analysed in-process: a pool costs more to start."""
MERGE_APART_FROM = 2000
"""From this many articles the merge across them runs in a child process: it holds every
article and analysis at once, and the reader's own memory (and screen) should not."""
FEED_FETCHES = 8
"""Feeds fetched at once."""
POLL = 0.05
"""Seconds between looks at the cancel event while waiting on a worker process."""

Warn = Callable[[str], None]
Progress = Callable[[int, int], None]
T = TypeVar("T")


class EventLike(Protocol):
    def is_set(self) -> bool: ...


class Cancelled(Exception):
    """The sync or merge stopped because its cancel event was set; what was written stays."""


def _never() -> threading.Event:
    return threading.Event()


# Reading and analysing one file (in a worker process) ------------------------------------------


def process_file(path: str, cached: AnalysisLookup | None = None) -> FileResult:
    """Read one file and analyse its articles, reusing analyses the store already holds."""
    file = Path(path)
    try:
        stat = file.stat()
        data = file.read_bytes()
    except OSError as error:
        return FileResult(path, -1, -1, "", [], f"cannot read: {error.strerror or error}")
    result = FileResult(path, stat.st_size, stat.st_mtime_ns, codec.data_hash(data), [])
    try:
        articles = ingest_file(file)
    except IngestError as error:
        result.error = str(error)
        return result
    return _analysed(result, articles, cached)


def process_feed(url: str, articles: list[Article], cached: AnalysisLookup) -> FileResult:
    """A feed's items, analysed like a file's articles; the feed's "hash" is its items'."""
    return _analysed(FileResult(url, -1, -1, _feed_hash(articles), []), articles, cached)


def _feed_hash(articles: list[Article]) -> str:
    items = json.dumps([article.to_json() for article in articles], ensure_ascii=False)
    return codec.data_hash(items.encode("utf-8", "surrogatepass"))


def _analysed(
    result: FileResult, articles: list[Article], cached: AnalysisLookup | None
) -> FileResult:
    """`result` with each article's rows, analysed (or the stored analysis reused)."""
    keys = [codec.content_key(article) for article in articles]
    known = cached(keys) if cached else {}
    for position, (article, key) in enumerate(zip(articles, keys, strict=True)):
        analysis = known.get(key)
        if analysis is None:
            try:
                analysis = analyze_article(article)
            except Exception as error:  # an analyser's surprise must not lose the article
                analysis = Analysis()
                result.note = f"analysis failed, shown without highlights: {error!r}"
        result.rows.append(codec.article_rows(article, key, analysis, position))
    return result


_stop: EventLike | None = None
"""In a worker process: set when the sync that started the pool is cancelled."""


def _init_worker(stop: EventLike) -> None:
    global _stop
    _stop = stop


def _process_chunk(paths: list[str], database: str) -> list[FileResult]:
    """Read and analyse `paths`; in a pool whose sync was cancelled, stop between files."""
    cached = AnalysisLookup(database)
    try:
        results = []
        for path in paths:
            if _stop is not None and _stop.is_set():
                break
            results.append(process_file(path, cached))
        return results
    finally:
        cached.close()


# The process pool -------------------------------------------------------------------------------

_helpers_lock = threading.Lock()


class Pool:
    """Worker processes, and an event they see: set, each stops after the file at hand."""

    def __init__(self, workers: int) -> None:
        # forkserver: safe when the caller has threads (the TUI); spawn where it is missing.
        methods = multiprocessing.get_all_start_methods()
        method = "forkserver" if "forkserver" in methods else "spawn"
        _start_helpers(method)
        context = multiprocessing.get_context(method)
        self.stop = context.Event()
        self.executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(self.stop,),
        )

    def close(self, cancelled: bool) -> None:
        """Done: wait for the workers. Cancelled: queued work dropped, the workers told to
        stop, and not waited for. (Not terminated: a worker killed while it sends a result
        leaves the pool's reader blocked forever, and the process with it at exit.)"""
        if cancelled:
            self.stop.set()
        self.executor.shutdown(wait=not cancelled, cancel_futures=True)


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


def wait_for(future: Future[T], cancel: threading.Event) -> T:
    """A future's result, looking at `cancel` while it is not ready."""
    while True:
        if cancel.is_set():
            raise Cancelled
        try:
            return future.result(timeout=POLL)
        except FutureTimeout:
            continue


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# Keeping the store in step ----------------------------------------------------------------------


def sync(
    store: Store,
    paths: Iterable[str | Path],
    warn: Warn,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> list[str]:
    """Bring the store in line with the files under `paths` and the feed URLs among them
    (fetched, else their cached items); return files and feeds in corpus order.

    Raises Cancelled when `cancel` is set before it is done."""
    cancel = cancel or _never()
    paths = [str(p) for p in paths]
    for path in paths:
        if not is_url(path) and not Path(path).exists():
            raise MissingPathError(f"no such file or folder: {path}")
    files = list(
        dict.fromkeys(
            name for path in paths for name in ([path] if is_url(path) else list_files(Path(path)))
        )
    )
    known = store.stored_files()
    todo, feeds = [], []
    for url, items in fetch_feeds(store, [f for f in files if is_url(f)], warn):
        old = known.get(url)
        if not old or old[2:4] != (_feed_hash(items), codec.ANALYZER_VERSION):
            feeds.append((url, items))
    for path in [f for f in files if not is_url(f)]:
        old = known.get(path)
        if old and _unchanged(store, path, *old[:4]):
            if old[4]:
                warn(f"{path}: skipped: {old[4]}")
        else:
            todo.append(path)
    gone = set(known) - set(files)
    changed = bool(todo or feeds or gone)
    if gone:
        store.remove_files(gone)
    if todo:
        _index(store, todo, warn, progress, cancel)
    if feeds:
        cached = AnalysisLookup(store.database)
        try:
            store.write_files([process_feed(url, items, cached) for url, items in feeds], warn)
        finally:
            cached.close()
    if changed:
        store.assign_ids()
        store.refresh_vocabulary()
    return files


def fetch_feeds(store: Store, urls: list[str], warn: Warn) -> list[tuple[str, list[Article]]]:
    """Each feed's items: fetched (conditional requests, several feeds at a time, so one
    slow feed costs its timeout once, not once per feed after it), else those kept."""
    kept = None if store.in_memory else Path(store.database).parent / "feeds.sqlite"

    def items(url: str) -> list[Article]:
        cache = FeedCache(kept)
        try:
            return load_feed(url, warn, cache)
        finally:
            cache.close()

    if not urls:
        return []
    with ThreadPoolExecutor(max_workers=min(FEED_FETCHES, len(urls))) as pool:
        return list(zip(urls, pool.map(items, urls), strict=True))


def _unchanged(
    store: Store, path: str, size: int, mtime_ns: int, digest: str, analyzer: str
) -> bool:
    """Whether a stored file is still as stored (same size and mtime, or same content) and
    was analysed by this analyser version."""
    if analyzer != codec.ANALYZER_VERSION:
        return False
    try:
        stat = os.stat(path)
        if (size, mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            return True
        if size != stat.st_size or digest != codec.data_hash(Path(path).read_bytes()):
            return False
    except OSError:
        return False
    store.touch_file(path, stat.st_mtime_ns)
    return True


def _index(
    store: Store, paths: list[str], warn: Warn, progress: Progress | None, cancel: threading.Event
) -> None:
    """Read and analyse `paths`, in worker processes when there are many; write in batches."""
    results: Iterable[FileResult]
    pool = cached = None
    if len(paths) < PARALLEL_FROM or store.in_memory:
        cached = AnalysisLookup(store.database)
        results = (process_file(path, cached) for path in paths)
    else:
        workers = max(1, os.cpu_count() or 1)
        chunk = max(1, min(50, len(paths) // (workers * 4)))
        pool = Pool(workers)
        futures = [
            pool.executor.submit(_process_chunk, part, store.database)
            for part in _chunks(paths, chunk)
        ]
        results = (result for future in futures for result in wait_for(future, cancel))
    cancelled = False
    try:
        batch: list[FileResult] = []
        for done, result in enumerate(results, start=1):
            batch.append(result)
            if len(batch) >= BATCH_FILES:
                store.write_files(batch, warn)
                batch = []
            if progress:
                progress(done, len(paths))
            if cancel.is_set():
                raise Cancelled
        store.write_files(batch, warn)
    except Cancelled:
        cancelled = True
        store.write_files(batch, warn)  # what was analysed is kept: the next run goes on
        raise
    finally:
        if cached:
            cached.close()
        if pool:
            pool.close(cancelled)


# The merge across articles ----------------------------------------------------------------------


def _merge_stored(database: str, files: list[str], stamp: str) -> None:
    with Store(database) as store:
        store.merge(files, stamp)


def _merge_apart(database: str, files: list[str], stamp: str, cancel: threading.Event) -> None:
    """Merge in a child process; cancelled, the child is killed (its transaction rolls back;
    its one small result cannot be cut in two)."""
    pool = Pool(1)
    try:
        wait_for(pool.executor.submit(_merge_stored, database, files, stamp), cancel)
    except Cancelled:
        processes = list((getattr(pool.executor, "_processes", None) or {}).values())
        pool.close(cancelled=True)
        for process in processes:
            process.kill()
        raise
    pool.close(cancelled=False)


def merged_corpus(
    store: Store,
    files: list[str],
    headers: list[Article] | None = None,
    cancel: threading.Event | None = None,
) -> Corpus:
    """The store's lazy corpus with its merge, built and kept first when it is stale.

    Raises Cancelled when `cancel` is set before it is done (a merge in a child process
    is stopped at once; one in this process, before it is kept)."""
    cancel = cancel or _never()
    stamp = store.stamp(files)
    headers = store.headers(files) if headers is None else headers
    corpus = store.load_merged(headers, stamp)
    if corpus is None:
        if cancel.is_set():
            raise Cancelled
        if len(headers) < MERGE_APART_FROM or store.in_memory:
            built = Corpus.build(*store.load(files))
            if cancel.is_set():
                raise Cancelled
            store.save_merged(built, stamp)
        else:
            _merge_apart(store.database, files, stamp, cancel)
        corpus = store.load_merged(headers, stamp)
        assert corpus is not None
    return corpus
