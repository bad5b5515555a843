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

A big file (a JSON lines file, a web archive) is read here as a stream and written in parts as
it is read (see `reader.core.file_rows`), so memory stays bounded whatever its size and, with
`live`, the list fills as it comes.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.batch_listing import KeysUnder, batch_keys, batch_order, keys_under
from reader.core.cancelling import EventLike, check, checked
from reader.core.feed_stream import FeedStream
from reader.core.file_rows import (
    changed_feeds,
    file_key,
    file_parts,
    process_chunk,
    process_feed,
    process_file,
    written,
)
from reader.core.ingest import IngestError, MissingPathError, ReadProgress, list_files
from reader.core.ingest.files import file_hash
from reader.core.list_first import FeedsIn, FirstCounts, Listed, Told, listed_first, many
from reader.core.model import Article
from reader.core.paths import is_url, path_text
from reader.core.store import BaseStore, codec
from reader.core.store.articles import StoredFile
from reader.core.store.codec import FileResult
from reader.core.store.lookup import analysis_lookup
from reader.core.workers import Cancelled, InOrder, Workers, worker_count

__all__ = [
    "Cancelled",
    "FirstCounts",
    "Listed",
    "Partial",
    "Touched",
    "file_key",
    "process_file",
    "sync",
    "sync_steps",
]

BATCH_FILES = 200
BETWEEN_FILES = 1000
STREAM_FROM = 4 * 1024 * 1024
"""Files this big are read in this process as a stream, in parts, not whole by a worker."""
PARALLEL_FROM = 32
"""Fewer new or changed files than this are analysed in-process: a pool costs more to start."""

Warn = Callable[[str], None]
Progress = Callable[[int, int], None]


@dataclass(slots=True)
class Touched:
    """What a sync wrote or removed: each file's and feed's articles (`Store.path_contents`)
    as they were before, so that what changed is read for those alone, not for the archive."""

    before: dict[str, dict[str, int]] = field(default_factory=dict)
    looked: set[str] = field(default_factory=set)
    """The keys a watched batch looked at (its paths', the files found under them): what
    another process stored meanwhile among them is listed as stored, written here or not."""

    def note(self, store: BaseStore, paths: Iterable[str]) -> None:
        """Keep the articles of `paths` as they are now, before they are written (once)."""
        new = [path for path in paths if path not in self.before]
        if new:
            self.before.update(store.path_contents(new))


class Partial(list[str]):
    """The corpus order, listed while a big file is still being read."""


def _never() -> threading.Event:
    return threading.Event()


# Keeping the store in step ----------------------------------------------------------------------


def sync(
    store: BaseStore,
    paths: Iterable[str | Path],
    warn: Warn,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    feed_cache: Path | None = None,
    reading: ReadProgress | None = None,
    between: Callable[[], object] | None = None,
) -> list[str]:
    """Bring the store in line with the files under `paths` and the feed URLs among them
    (fetched, else their cached items); return files and feeds in corpus order. `reading`
    is told how far each file is read, as it is; `between`, see `_index` (on an archive,
    also as each part claimed starts, the workers busy with its first files).

    Raises Cancelled when `cancel` is set before it is done."""
    *_, order = sync_steps(
        store, paths, warn, progress, cancel, feed_cache, reading=reading, between=between
    )
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
    reading: ReadProgress | None = None,
    live: float | None = None,
    told: Told | None = None,
    listed: list[str] | None = None,
    between: Callable[[], object] | None = None,
) -> Iterator[list[str]]:
    """`sync`, step by step: the corpus order (files and feeds) each time what is stored is
    worth listing while feeds still load (the files and the feeds in by then; then each
    group of feeds as it comes in), and once at the end, when everything is. With `live`,
    also every `live` seconds or so while a big file is read, as a `Partial` order: its
    articles so far, their ids not yet made unique. With `fetch`, only those feeds are
    fetched (reloading one feed); the others stay as stored. With `told` (and the embedded
    store), many small files or feed items are listed first, as a `Listed` order, and analysed
    after (see `reader.core.list_first`); `told` how far that is.

    `touched` is told which files and feeds are written or removed, before they are. With
    `only` (absolute paths: a watched folder's batch), the stored files outside it are taken
    as unchanged, not looked at again; new and gone files are still found: with `listed`
    (the corpus order as last synced), by looking at the batch's paths alone, not walking
    the folders (see `reader.core.batch_listing`).

    Raises Cancelled when `cancel` is set before it is done."""
    cancel = cancel or _never()
    touched = touched or Touched()
    roots, batch = [str(p) for p in paths], None
    if only is not None and listed is not None:
        _all_there(roots)
        batch = batch_order(roots, only, listed, warn)  # (None: walk)
    if batch is not None and listed is not None:
        order, local, looked = batch
        touched.looked |= looked
        gone_now = set(listed) - set(order)
        known = store.stored_files([*local, *gone_now, *filter(is_url, roots)])
        only = None  # (every file of `local` is the batch's)
    else:
        order, local = _listing(roots, warn, cancel)
        known = store.stored_files()
        check(cancel)
    if feed_cache is None and not store.in_memory:
        feed_cache = Path(store.database).parent / "feeds.sqlite"
    urls = [url for url in dict.fromkeys(roots) if is_url(url) and (fetch is None or url in fetch)]
    feeds = FeedStream(urls, warn, feed_cache, cancel)
    workers = Workers()
    try:
        looked_at = None if only is None else batch_keys(roots, only)
        touched.looked |= looked_at or set()
        todo = [
            (key, path)
            for key, path in checked(local.items(), cancel)
            if (looked_at is None or key not in known or key in looked_at)
            and not _still_stored(store, key, path, known.get(key), warn)
        ]
        gone = set(known) - set(order)
        if store.shared:  # other indexers' files stay
            gone = keys_under(gone, [str(p) for p in paths])
        touched.note(store, [*gone, *(key for key, _ in todo)])
        if gone:
            store.remove_files(gone)
        first = False
        if told is not None and not store.shared:
            small = many([(key, path) for key, path in todo if _size(path) < STREAM_FROM])
            chosen = set(small)
            rest = [item for item in todo if item not in chosen]
            counted = _Counted(progress, len(rest))
            big = _index(store, rest, warn, counted, cancel, workers, reading, live)
            first = yield from listed_first(
                (store, warn, cancel),
                order,
                small,
                FeedsIn(
                    feeds,
                    known,
                    lambda urls: touched.note(store, urls),
                    lambda changed: _write_feeds(store, changed, known, warn, touched),
                ),
                (Partial(order) for _ in big),
                told,
                workers,
            )
            first |= bool(todo)
            todo = []
        if todo:
            counted = _Counted(progress, len(todo))
            started = between if store.shared else None  # an archive's parts: as each starts
            for claimed in store.claim(todo):
                fresh = _still_to_do(store, claimed, known)
                steps = _index(
                    store, fresh, warn, counted, cancel, workers, reading, live, between, started
                )
                for _ in steps:
                    yield Partial(order)  # a big file's articles so far (ids given at the end)
                counted.before += len(claimed)
        workers.close()
        ready = feeds.ready()
        changed = bool(todo or gone) | first | _write_feeds(store, ready, known, warn, touched)
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
        workers.close()
        feeds.close()
    if changed:
        store.assign_ids()
        store.refresh_vocabulary()
    yield order


def _listing(
    paths: list[str], warn: Warn, cancel: EventLike | None = None
) -> tuple[list[str], dict[str, str]]:
    """Every file and feed under `paths`: their keys in corpus order, and each local file's
    path (OS form) by key. Entries that are not regular files are reported through `warn`.
    Raises Cancelled when `cancel` is set meanwhile."""
    _all_there(paths)
    local: dict[str, str] = {}
    order: dict[str, None] = {}
    for path in paths:
        if is_url(path):
            order[path] = None
            continue
        keys = KeysUnder(path)
        for name in checked(list_files(path, warn), cancel):
            key = keys(name)
            local.setdefault(key, name)
            order[key] = None
    return list(order), local


def _all_there(paths: list[str]) -> None:
    """MissingPathError unless every local path of `paths` is there."""
    for path in paths:
        if not is_url(path) and not os.path.lexists(path):
            raise MissingPathError(f"no such file or folder: {path_text(path)}")


def corpus_order(paths: list[str]) -> list[str]:
    """The files and feeds under `paths` in corpus order, as a walk finds them (what it
    would warn about is not said again)."""
    return _listing(paths, lambda _: None)[0]


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
    changed = changed_feeds(fetched, known)
    if changed:
        touched.note(store, [url for url, _ in changed])
        cached = analysis_lookup(store.location)
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


def _still_to_do(
    store: BaseStore, claimed: list[tuple[str, str]], known: dict[str, StoredFile]
) -> list[tuple[str, str]]:
    """Of the files this process claimed, those still to read: on a shared archive, not one
    another indexer stored as it is now since this one listed it (the embedded store has no
    other writer: all of them)."""
    if not store.shared:
        return claimed
    held = store.stored_files([key for key, _ in claimed])
    return [
        (key, path)
        for key, path in claimed
        if held.get(key) == known.get(key)
        or not (key in held and _unchanged(store, key, path, *held[key][:4]))
    ]


def _index(
    store: BaseStore,
    files: list[tuple[str, str]],
    warn: Warn,
    progress: Progress | None,
    cancel: threading.Event,
    workers: Workers,
    reading: ReadProgress | None = None,
    live: float | None = None,
    between: Callable[[], object] | None = None,
    started: Callable[[], object] | None = None,
) -> Iterator[None]:
    """Read and analyse `files` (key, path), in worker processes when there are many (a big
    file, read as a stream, in this process, in file order); write in batches, and a big
    file's parts as they come. With `live`, yield after a part is written when that many
    seconds passed since the last yield (and twice the time the caller took then): the list
    fills while a big file is read. After every `BETWEEN_FILES` files written, `between`;
    `started` once the workers have the first files (an archive's indexer places what its
    last part wrote while they analyse this one's, not between the two with the workers idle)."""
    paths = [path for _, path in files]
    cached = analysis_lookup(store.location)
    plan: list[str | list[str]] = list(paths)
    if len(paths) >= PARALLEL_FROM and not store.in_memory:
        chunk = max(1, min(50, len(paths) // (worker_count() * 4)))
        plan = _planned(paths, chunk)
    calls = [(process_chunk, (item, store.location)) for item in plan if isinstance(item, list)]
    chunks = InOrder(workers.get(), calls, cancel) if calls else iter([])

    def results() -> Iterator[FileResult]:
        for item in plan:
            if isinstance(item, str):
                yield from file_parts(item, cached, reading=reading)
            else:
                yield from next(chunks)

    done, due, told = 0, time.monotonic() + (live or 0), 0
    try:
        if started is not None:
            started()
            check(cancel)
        with written(store, warn, workers) as batch:
            for result in results():
                batch.append(result)
                done += result.complete
                if len(batch) >= BATCH_FILES or not result.complete or result.start:
                    store.write_files(batch, warn)
                    batch.clear()
                    if between is not None and done - told >= BETWEEN_FILES:
                        between()
                        told = done
                    if live is not None and not result.complete and time.monotonic() >= due:
                        began = time.monotonic()
                        yield
                        taken = time.monotonic() - began
                        due = time.monotonic() + max(live, 2 * taken)
                if progress and result.complete:
                    progress(done, len(paths))
                check(cancel)
    finally:
        cached.close()


def _planned(paths: list[str], chunk: int) -> list[str | list[str]]:
    """In file order: chunks of small files (to analyse in the pool) and big files (their
    paths, to read here as a stream)."""
    plan: list[str | list[str]] = []
    small: list[str] = []
    for path in [*paths, ""]:
        big = path and _size(path) >= STREAM_FROM
        if small and (big or not path or len(small) == chunk):
            plan.append(small)
            small = []
        if big:
            plan.append(path)
        elif path:
            small.append(path)
    return plan


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
