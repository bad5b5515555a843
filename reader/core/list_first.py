"""List first, analyse after: a cold load of many small files or feed items is read and
stored without its analysis (listed at once), then analysed in worker processes, each part
written as it comes.

A file or feed listed first is kept as not analysed (its analyser version empty) until its
analysis is written, so a load stopped in between reads it again next time (the analyses
already written are reused). Its articles keep their ids: the analysis replaces the rows at
their positions (see `ArticleTables.write_files`). A big file is not listed first: it is read
as a stream and listed as it is read (see `reader.core.sync`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from itertools import chain

from reader.core.cancelling import check
from reader.core.feed_stream import FeedStream
from reader.core.file_rows import (
    changed_feeds,
    feed_hash,
    feed_part,
    process_chunk,
    process_file,
    read_feed,
    read_file,
    written,
)
from reader.core.model import Article
from reader.core.store import BaseStore
from reader.core.store.articles import StoredFile
from reader.core.store.codec import FileResult
from reader.core.store.lookup import Lookup, analysis_lookup
from reader.core.workers import Call, InOrder, Pool, Workers

LIST_FIRST_FROM = 32
"""Fewer files (or feed items) to analyse than this are analysed before they are listed: it
takes less time than listing them twice."""
PARALLEL_FROM = 32
"""Fewer articles to analyse than this are analysed in this process: a pool costs more."""
WRITE_EVERY = 200
"""Files (or feed parts) written in one transaction at most."""
WRITTEN_EVERY = 0.5
"""Seconds between two writes of analyses at least (what is analysed shows that soon)."""
FEED_PART = 250
"""Items of a feed analysed together (in one worker's task)."""
CHUNK = 25
"""Files analysed together (in one worker's task)."""

Warn = Callable[[str], None]


@dataclass(slots=True)
class FirstCounts:
    """How far a load that lists first is: files read of those to read, then articles
    analysed of those listed."""

    read: int = 0
    to_read: int = 0
    analysed: int = 0
    to_analyse: int = 0


Told = Callable[[FirstCounts], None]


class Listed(list[str]):
    """The corpus order, with articles listed before their analysis (it follows)."""


@dataclass(slots=True)
class Unanalysed:
    """What was listed first, still to analyse: files (key, path) and feeds (url, items)."""

    files: list[tuple[str, str]] = field(default_factory=list)
    feeds: list[tuple[str, list[Article]]] = field(default_factory=list)
    articles: int = 0

    def __bool__(self) -> bool:
        return bool(self.files or self.feeds)


def many(files: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`files` when they are many enough to list first, else none."""
    return files if len(files) >= LIST_FIRST_FROM else []


@dataclass(slots=True)
class FeedsIn:
    """The feeds as they come in, and how the sync stores them: which of them changed
    (`changed_feeds` against `known`), noted (`note`, before they are written) and stored
    analysed (`analysed`, for a few items)."""

    stream: FeedStream
    known: dict[str, StoredFile]
    note: Callable[[list[str]], None]
    analysed: Callable[[list[tuple[str, list[Article]]]], bool]


def listed_first(
    on: tuple[BaseStore, Warn, threading.Event],
    order: list[str],
    small: list[tuple[str, str]],
    feeds: FeedsIn,
    big: Iterator[list[str]],
    told: Told,
    workers: Workers,
) -> Generator[list[str], None, bool]:
    """The sync's steps when it lists first: `small` files read and listed (a `Listed`
    order), each group of feeds as it comes in (the feeds new to the store listed first when
    they bring many items; a stored feed's new items, analysed at once: the analyses of the
    others are reused),
    the `big` files' steps (each file listed as it is read and analysed), then what was
    listed first analysed (in `workers`, the pool the big files used: the sync closes it);
    whether any feed was written."""
    store, warn, cancel = on
    counts, left = FirstCounts(), Unanalysed()
    if small:
        left = read_files(store, small, warn, counts, told, cancel)
        store.assign_ids()
        yield Listed(order)
    written = False
    for group in chain([feeds.stream.ready()], feeds.stream.groups()):
        changed = changed_feeds(group, feeds.known)
        if not changed:
            continue
        new = [(url, items) for url, items in changed if not _analysed_before(url, feeds.known)]
        if sum(len(items) for _, items in new) < LIST_FIRST_FROM:
            new = []  # few: analysed at once, as a stored feed's new items are
        feeds.analysed([feed for feed in changed if feed not in new])
        if new:
            feeds.note([url for url, _ in new])
            store.write_files([read_feed(url, items) for url, items in new], warn)
            left.feeds += new
            left.articles += sum(len(items) for _, items in new)
        written = True
        store.assign_ids()
        yield Listed(order) if left else order
    yield from big
    analyse(store, left, warn, counts, told, cancel, workers)
    return written


def _analysed_before(url: str, known: dict[str, StoredFile]) -> bool:
    """Whether a feed was stored analysed (by any analyser): not one listed first and left
    unanalysed by a load stopped early."""
    return url in known and bool(known[url][3])


def read_files(
    store: BaseStore,
    files: list[tuple[str, str]],
    warn: Warn,
    counts: FirstCounts,
    told: Told,
    cancel: threading.Event,
) -> Unanalysed:
    """Read `files` and store their articles unanalysed (those that cannot be read are kept
    as skipped, and not analysed); what is left to analyse."""
    counts.to_read += len(files)
    left = Unanalysed()
    batch: list[FileResult] = []
    try:
        for key, path in files:
            result = read_file(path)
            batch.append(result)
            if result.error is None:
                left.files.append((key, path))
                left.articles += len(result.rows)
            counts.read += 1
            told(counts)
            if len(batch) >= WRITE_EVERY:
                store.write_files(batch, warn)
                batch = []
            check(cancel)
    finally:
        store.write_files(batch, warn)
    return left


def analyse(
    store: BaseStore,
    left: Unanalysed,
    warn: Warn,
    counts: FirstCounts,
    told: Told,
    cancel: threading.Event,
    workers: Workers,
) -> None:
    """Analyse what was listed first, in the sync's worker processes when there is much,
    writing each part as it comes (in order); `told` how many articles are analysed."""
    if not left:
        return
    counts.to_analyse += left.articles
    told(counts)
    pool = workers.get() if left.articles >= PARALLEL_FROM and not store.in_memory else None
    cached = analysis_lookup(store.location)
    due = 0.0  # the first analysis written at once: the article on screen is likely in it
    try:
        with written(store, warn, workers) as batch:
            for result in _results(left, pool, cached, store.location, cancel):
                batch.append(result)
                if len(batch) >= WRITE_EVERY or time.monotonic() >= due:
                    store.write_files(batch, warn)
                    batch.clear()
                    due = time.monotonic() + WRITTEN_EVERY
                counts.analysed += len(result.rows)
                told(counts)
                check(cancel)
    finally:
        cached.close()


def _results(
    left: Unanalysed,
    pool: Pool | None,
    cached: Lookup,
    location: str,
    cancel: threading.Event,
) -> Iterator[FileResult]:
    """Each file analysed, and each feed's parts, in order; in `pool` when there is one (a
    few submitted ahead, taken in order), else here."""
    if pool is None:
        for _, path in left.files:
            yield process_file(path, cached)
        for url, items in left.feeds:
            yield from (feed_part(*part, location) for part in _feed_parts(url, items))
        return
    paths = [path for _, path in left.files]
    calls: list[Call[list[FileResult] | FileResult]] = [
        (process_chunk, (paths[start : start + CHUNK], location))
        for start in range(0, len(paths), CHUNK)
    ]
    calls += [
        (feed_part, (*part, location))
        for url, items in left.feeds
        for part in _feed_parts(url, items)
    ]
    for done in InOrder(pool, calls, cancel):  # a file chunk's results, or a feed part's one
        yield from done if isinstance(done, list) else [done]


def _feed_parts(
    url: str, items: list[Article]
) -> Iterator[tuple[str, str, list[Article], int, bool]]:
    """A feed's parts to analyse: (url, hash, items, start, last)."""
    digest = feed_hash(items)
    for start in range(0, max(len(items), 1), FEED_PART):  # an empty feed: one empty last part
        yield url, digest, items[start : start + FEED_PART], start, start + FEED_PART >= len(items)
