"""Keeping a store in step with its files and feeds: change detection and the analysis
pipeline, cancellable.

A file whose path, size and mtime (or, when those moved, content hash) are unchanged and that
was analysed by the current analyser is never read again. New and changed files are read
through ingest (regular files only, capped) and analysed in worker processes (see
`reader.core.workers`); their results are written in batches, each batch one transaction, so a
process killed (or a sync cancelled) mid-index leaves a consistent store that the next run
completes. Feeds are fetched meanwhile, and each is written as soon as it is in, so the files
and the healthy feeds are listed while a slow feed still loads. A `cancel` event is checked
between files, while waiting on the pool and on the feeds; when it is set the pool's workers
and the running fetches are stopped, and `Cancelled` raised.

Files are keyed in the store by the text form of their path (see `reader.core.paths`), the
form their articles hold.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.analysis import analyze_article
from reader.core.feed_stream import FeedStream
from reader.core.feeds import is_url
from reader.core.ingest import IngestError, MissingPathError, list_files, read_path
from reader.core.ingest.files import file_hash
from reader.core.model import Analysis, Article
from reader.core.paths import path_text
from reader.core.store import BaseStore, codec
from reader.core.store.articles import AnalysisLookup, StoredFile
from reader.core.store.codec import FileResult
from reader.core.workers import Cancelled, Pool, stopping, wait_for

__all__ = ["Cancelled", "Touched", "file_key", "process_file", "sync", "sync_steps"]

BATCH_FILES = 200
PARALLEL_FROM = 32
"""Fewer new or changed files than this are analysed in-process: a pool costs more to start."""

Warn = Callable[[str], None]
Progress = Callable[[int, int], None]


@dataclass(slots=True)
class Touched:
    """What a sync wrote or removed: each file's and feed's articles (`Store.path_contents`)
    as they were before, so that what changed is read for those alone, not for the archive."""

    before: dict[str, dict[str, int]] = field(default_factory=dict)

    def note(self, store: BaseStore, paths: Iterable[str]) -> None:
        """Keep the articles of `paths` as they are now, before they are written (once)."""
        new = [path for path in paths if path not in self.before]
        if new:
            self.before.update(store.path_contents(new))


def _never() -> threading.Event:
    return threading.Event()


def file_key(path: str | os.PathLike[str]) -> str:
    """How the store names a file: the text form of its path, as its articles hold it."""
    return str(Path(path_text(path)))


# Reading and analysing one file (in a worker process) ------------------------------------------


def process_file(path: str, cached: AnalysisLookup | None = None) -> FileResult:
    """Read one file (through ingest: a regular file, within its cap) and analyse its
    articles, reusing analyses the store already holds."""
    key = file_key(path)
    try:
        read = read_path(path)
    except IngestError as error:
        try:  # kept with the file's status: unchanged, it is reported again, not read again
            status = os.stat(path)
            size, mtime_ns = status.st_size, status.st_mtime_ns
        except OSError:
            size = mtime_ns = -1
        return FileResult(key, size, mtime_ns, "", [], str(error))
    status = read.status
    result = FileResult(key, status.st_size, status.st_mtime_ns, read.digest, [])
    result.note = read.note  # bad lines of a JSON lines file, by number
    return _analysed(result, read.articles, cached)


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
                failed = f"analysis failed, shown without highlights: {error!r}"
                result.note = f"{result.note}; {failed}" if result.note else failed
        result.rows.append(codec.article_rows(article, key, analysis, position))
    return result


def _process_chunk(paths: list[str], database: str) -> list[FileResult]:
    """Read and analyse `paths`; in a pool whose sync was cancelled, stop between files."""
    cached = AnalysisLookup(database)
    try:
        results = []
        for path in paths:
            if stopping():
                break
            results.append(process_file(path, cached))
        return results
    finally:
        cached.close()


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# Keeping the store in step ----------------------------------------------------------------------


def sync(
    store: BaseStore,
    paths: Iterable[str | Path],
    warn: Warn,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    feed_cache: Path | None = None,
) -> list[str]:
    """Bring the store in line with the files under `paths` and the feed URLs among them
    (fetched, else their cached items); return files and feeds in corpus order.

    Raises Cancelled when `cancel` is set before it is done."""
    *_, order = sync_steps(store, paths, warn, progress, cancel, feed_cache)
    return order


def sync_steps(
    store: BaseStore,
    paths: Iterable[str | Path],
    warn: Warn,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    feed_cache: Path | None = None,
    touched: Touched | None = None,
    only: Collection[str] | None = None,
    fetch: Collection[str] | None = None,
) -> Iterator[list[str]]:
    """`sync`, step by step: the corpus order (files and feeds) each time what is stored is
    worth listing while feeds still load (the files and the feeds in by then; then each
    group of feeds as it comes in), and once at the end, when everything is. With `fetch`,
    only those feeds are fetched (reloading one feed); the others stay as stored.

    `touched` is told which files and feeds are written or removed, before they are. With
    `only` (absolute paths: a watched folder's batch), the stored files outside it are taken
    as unchanged, not looked at again; new and gone files are still found.

    Raises Cancelled when `cancel` is set before it is done."""
    cancel = cancel or _never()
    touched = touched or Touched()
    order, local = _listing([str(p) for p in paths], warn)
    known = store.stored_files()
    if feed_cache is None and not store.in_memory:
        feed_cache = Path(store.database).parent / "feeds.sqlite"
    urls = [key for key in order if is_url(key) and (fetch is None or key in fetch)]
    feeds = FeedStream(urls, warn, feed_cache, cancel)
    try:
        looked_at = None if only is None else {os.path.abspath(path) for path in only}
        todo = [
            (key, path)
            for key, path in local.items()
            if (looked_at is None or key not in known or os.path.abspath(path) in looked_at)
            and not _still_stored(store, key, path, known.get(key), warn)
        ]
        gone = set(known) - set(order)
        if store.shared:  # other indexers' files stay
            gone = _under(gone, [str(p) for p in paths])
        touched.note(store, [*gone, *(key for key, _ in todo)])
        if gone:
            store.remove_files(gone)
        if todo:
            counted = _Counted(progress, len(todo))
            for claimed in store.claim(todo):
                # Stored by another indexer since the listing? Then as it is now, or not.
                held = store.stored_files([key for key, _ in claimed])
                fresh = [
                    (k, p)
                    for k, p in claimed
                    if held.get(k) == known.get(k) or not _unchanged_since(store, k, p, held)
                ]
                if fresh:
                    _index(store, fresh, warn, counted, cancel)
                counted.before += len(claimed)
        changed = bool(todo or gone) | _write_feeds(store, feeds.ready(), known, warn, touched)
        if feeds.pending:
            if changed:
                store.assign_ids()
            yield order
            for group in feeds.groups():
                written = _write_feeds(store, group, known, warn, touched)
                changed |= written
                if feeds.pending and written:
                    store.assign_ids()
                    yield order
    finally:
        feeds.close()
    if changed:
        store.assign_ids()
        store.refresh_vocabulary()
    yield order


def _under(files: set[str], roots: list[str]) -> set[str]:
    """The `files` (keys) that are `roots` or under them."""
    keys = {root if is_url(root) else file_key(root) for root in roots}
    prefixes = tuple(key.rstrip(os.sep) + os.sep for key in keys if not is_url(key))
    return {key for key in files if key in keys or key.startswith(prefixes)}


def _listing(paths: list[str], warn: Warn) -> tuple[list[str], dict[str, str]]:
    """Every file and feed under `paths`: their keys in corpus order, and each local file's
    path (OS form) by key. Entries that are not regular files are reported through `warn`."""
    for path in paths:
        if not is_url(path) and not os.path.lexists(path):
            raise MissingPathError(f"no such file or folder: {path_text(path)}")
    local: dict[str, str] = {}
    order: dict[str, None] = {}
    for path in paths:
        if is_url(path):
            order[path] = None
            continue
        for name in list_files(path, warn):
            key = file_key(name)
            local.setdefault(key, name)
            order[key] = None
    return list(order), local


def _still_stored(
    store: BaseStore, key: str, path: str, stored: StoredFile | None, warn: Warn
) -> bool:
    """Whether the stored copy of a file is current; what was reported about it when it was
    read (skipped, or bad lines skipped) is reported again."""
    if not stored or not _unchanged(store, key, path, *stored[:4]):
        return False
    error, note = stored[4:6]
    if error:
        warn(f"{key}: skipped: {error}")
    if note:
        warn(f"{key}: {note}")
    return True


def _write_feeds(
    store: BaseStore,
    fetched: list[tuple[str, list[Article]]],
    known: dict[str, StoredFile],
    warn: Warn,
    touched: Touched,
) -> bool:
    """Store the feeds whose items changed; whether any did."""
    changed = []
    for url, items in fetched:
        old = known.get(url)
        if not old or old[2:4] != (_feed_hash(items), codec.ANALYZER_VERSION):
            changed.append((url, items))
    if changed:
        touched.note(store, [url for url, _ in changed])
        cached = AnalysisLookup(store.database)
        try:
            store.write_files([process_feed(url, items, cached) for url, items in changed], warn)
        finally:
            cached.close()
    return bool(changed)


def _unchanged(
    store: BaseStore, key: str, path: str, size: int, mtime_ns: int, digest: str, analyzer: str
) -> bool:
    """Whether a stored file is still as stored (same size and mtime, or same content) and
    was analysed by this analyser version."""
    if analyzer != codec.ANALYZER_VERSION:
        return False
    try:
        stat = os.stat(path)
        if (size, mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            return True
        if size != stat.st_size or not digest:
            return False
        status, current = file_hash(path)  # a chunk at a time: a big archive is never held
        if digest != current:
            return False
    except (OSError, IngestError):
        return False
    store.touch_file(key, status.st_mtime_ns)
    return True


class _Counted:
    """Progress over the parts of the files to index (see `BaseStore.claim`), as one count."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.before = progress, total, 0

    def __call__(self, done: int, _in_part: int) -> None:
        if self.progress:
            self.progress(self.before + done, self.total)


def _unchanged_since(
    store: BaseStore, key: str, path: str, held: dict[str, StoredFile]
) -> bool:
    """Whether another indexer stored `path` as it is now since this one listed it."""
    row = held.get(key)
    return row is not None and _unchanged(store, key, path, *row[:4])


def _index(
    store: BaseStore,
    files: list[tuple[str, str]],
    warn: Warn,
    progress: Progress | None,
    cancel: threading.Event,
) -> None:
    """Read and analyse `files` (key, path), in worker processes when there are many; write
    in batches."""
    paths = [path for _, path in files]
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
    batch: list[FileResult] = []
    try:
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
