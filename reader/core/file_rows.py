"""Reading and analysing one file (in a worker process, or a big one here, as a stream) or a
feed's items: the rows the store keeps for them (see `reader.core.sync`).

Files are keyed in the store by the text form of their path (see `reader.core.paths`), the
form their articles hold.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.core.analysis import analyze_article
from reader.core.ingest import FileStream, IngestError, ReadProgress
from reader.core.model import Analysis, Article
from reader.core.paths import path_text
from reader.core.store import BaseStore, codec
from reader.core.store.articles import StoredFile
from reader.core.store.codec import FileResult
from reader.core.store.lookup import Lookup, analysis_lookup
from reader.core.story_vector import kept_text
from reader.core.workers import Cancelled, Workers, stopping

_NOT_AS_WRITTEN = re.compile(r"//|(?:^|/)\.(?:/|$)|/$")
"""What `Path` writes otherwise: a doubled slash, a `.` part, a trailing slash."""
BATCH_ARTICLES = 2000
"""Articles of one file analysed and written together: a big file is stored in such parts."""
READ_TOGETHER = 8 * 1024 * 1024
"""File bytes a worker reads before it analyses them (their stored analyses looked up at once)."""


def file_key(path: str | os.PathLike[str]) -> str:
    """How the store names a file: the text form of its path, as its articles hold it (as
    `Path` writes it: a path listed under a plain folder already is, and is not parsed again,
    one sync listing every file of the archive)."""
    text = path_text(path)
    if os.sep == "/" and text and not _NOT_AS_WRITTEN.search(text):
        return text
    return str(Path(text))


def process_file(path: str, cached: Lookup | None = None) -> FileResult:
    """Read one file (through ingest: a regular file, within its cap) and analyse its
    articles, reusing analyses the store already holds."""
    (result,) = _analysed_files([_read(path)], cached)
    return result


def file_parts(
    path: str, cached: Lookup | None = None, reading: ReadProgress | None = None
) -> Iterator[FileResult]:
    """Read one file as a stream and analyse its articles BATCH_ARTICLES at a time: its parts,
    the last one `complete` (with the file's hash and note, or why it was skipped). Memory
    holds one batch, whatever the file's size. `reading` is told how far the file is read."""
    key = file_key(path)
    batch = BATCH_ARTICLES
    try:
        stream = FileStream(path, reading)
    except IngestError as error:
        yield _skipped(key, path, error)
        return
    status = stream.status
    count, articles, failures = 0, [], []
    try:
        for article in stream:
            articles.append(article)
            if len(articles) == batch:
                part = FileResult(key, status.st_size, status.st_mtime_ns, "", [], start=count)
                part = _analysed(part, articles, cached, count)
                part.complete = False
                failures += [part.note] if part.note else []
                count += len(articles)
                articles = []
                yield part
    except IngestError as error:
        yield _skipped(key, path, error)
        return
    last = FileResult(key, status.st_size, status.st_mtime_ns, stream.digest, [], start=count)
    last = _analysed(last, articles, cached, count)
    last.note = "; ".join(n for n in (stream.note, *failures, last.note) if n) or None
    yield last


def _skipped(key: str, path: str, error: IngestError) -> FileResult:
    """A file that could not be read, kept with its status: unchanged, it is reported again,
    not read again."""
    try:
        status = os.stat(path)
        size, mtime_ns = status.st_size, status.st_mtime_ns
    except OSError:
        size = mtime_ns = -1
    return FileResult(key, size, mtime_ns, "", [], str(error))


def process_feed(url: str, articles: list[Article], cached: Lookup) -> FileResult:
    """A feed's items, analysed like a file's articles; the feed's "hash" is its items'."""
    return _analysed(FileResult(url, -1, -1, feed_hash(articles), []), articles, cached)


def read_file(path: str) -> FileResult:
    """One file's articles, read and not analysed (listed first; see `reader.core.list_first`);
    a file that cannot be read, as `process_file` keeps it."""
    result, articles, _ = _read(path)
    return result if result.error else _unanalysed(result, articles)


Read = tuple[FileResult, list[Article], str | None]
"""A file read whole: its result with no rows yet (or why it was skipped), its articles, and
what was skipped of it."""


def _read(path: str) -> Read:
    key = file_key(path)
    try:
        stream = FileStream(path)
        articles = list(stream)
    except IngestError as error:
        return _skipped(key, path, error), [], None
    status = stream.status
    return (
        FileResult(key, status.st_size, status.st_mtime_ns, stream.digest, []),
        articles,
        stream.note,
    )


def read_feed(url: str, articles: list[Article]) -> FileResult:
    """A feed's items, not analysed yet (listed first)."""
    return _unanalysed(FileResult(url, -1, -1, feed_hash(articles), []), articles)


def _unanalysed(result: FileResult, articles: list[Article]) -> FileResult:
    result.analysed = False
    for position, article in enumerate(articles):
        result.rows.append(codec.article_rows(article, codec.content_key(article), None, position))
    return result


def feed_part(
    url: str, digest: str, items: list[Article], start: int, last: bool, location: str
) -> FileResult:
    """Some items of a feed analysed (in a worker process): the part of the feed (hash
    `digest`) from position `start`; `last`, its last part, marks the feed analysed."""
    cached = analysis_lookup(location)
    try:
        part = FileResult(url, -1, -1, digest, [], start=start, complete=last)
        return _analysed(part, items, cached, start)
    finally:
        cached.close()


def changed_feeds(
    fetched: list[tuple[str, list[Article]]], known: dict[str, StoredFile]
) -> list[tuple[str, list[Article]]]:
    """The feeds (url, items) not stored as they are now, analysed by this analyser."""
    return [
        (url, items)
        for url, items in fetched
        if url not in known or known[url][2:4] != (feed_hash(items), codec.ANALYZER_VERSION)
    ]


def feed_hash(articles: list[Article]) -> str:
    items = json.dumps([article.to_json() for article in articles], ensure_ascii=False)
    return codec.data_hash(items.encode("utf-8", "surrogatepass"))


def _analysed(
    result: FileResult, articles: list[Article], cached: Lookup | None, start: int = 0
) -> FileResult:
    """`result` with each article's rows (the first at position `start` in its file),
    analysed (or the stored analysis reused)."""
    keys = [codec.content_key(article) for article in articles]
    known = cached(keys) if cached else {}
    return _with_rows(result, articles, keys, known, cached, start)


def _with_rows(
    result: FileResult,
    articles: list[Article],
    keys: list[str],
    known: dict[str, Analysis],
    cached: Lookup | None,
    start: int = 0,
) -> FileResult:
    """`_analysed`, the stored analyses of the articles (by content key, `keys`) `known`."""
    for position, (article, key) in enumerate(zip(articles, keys, strict=True), start):
        analysis = known.get(key)
        if analysis is None:
            try:
                analysis = analyze_article(article)
            except Exception as error:  # an analyser's surprise must not lose the article
                analysis = Analysis()
                failed = f"analysis failed, shown without highlights: {error!r}"
                result.note = f"{result.note}; {failed}" if result.note else failed
        vector = kept_text(article, analysis)  # here, in the worker, not where stories are placed
        searched = cached is not None and cached.search_vectors
        row = codec.article_rows(article, key, analysis, position, vector=vector, searched=searched)
        result.rows.append(row)
    return result


def process_chunk(paths: list[str], location: str) -> list[FileResult]:
    """Read and analyse `paths`, reusing the analyses the store at `location` holds (looked up
    in one query for the files read together, READ_TOGETHER bytes at most: a query a file, on
    a store being written, cost about as much as reading the file); in a pool whose sync was
    cancelled, stop between files."""
    cached = analysis_lookup(location)
    try:
        results: list[FileResult] = []
        for files in _read_together(paths):
            results += _analysed_files(files, cached)
        return results
    finally:
        cached.close()


def _read_together(paths: list[str]) -> Iterator[list[Read]]:
    """`paths` read, in groups of READ_TOGETHER bytes at most (a bigger file alone); stops
    between files when the pool is told to."""
    files: list[Read] = []
    size = 0
    for path in paths:
        if stopping():
            break
        read = _read(path)
        if files and size + read[0].size > READ_TOGETHER:
            yield files
            files, size = [], 0
        files.append(read)
        size += max(read[0].size, 0)
    if files:
        yield files


def _analysed_files(files: list[Read], cached: Lookup | None) -> list[FileResult]:
    """Files read (`_read`) with their articles' rows, their stored analyses looked up at once;
    in a pool told to stop, stops between files."""
    keys = [[codec.content_key(article) for article in articles] for _, articles, _ in files]
    every = [key for some in keys for key in some]
    known = cached(every) if cached and every else {}
    results = []
    for (result, articles, note), some in zip(files, keys, strict=True):
        if stopping():
            break
        result.note = note or None
        results.append(_with_rows(result, articles, some, known, cached))
    return results


@contextmanager
def written(
    store: BaseStore, warn: Callable[[str], None], workers: Workers
) -> Iterator[list[FileResult]]:
    """A batch of results for the caller to fill (and write and empty as it sees fit), written
    at the end. Cancelled: the workers told to stop, and what the batch holds written all the
    same: what was analysed is kept, the next run goes on from there."""
    batch: list[FileResult] = []
    try:
        yield batch
        store.write_files(batch, warn)
    except Cancelled:
        workers.close(cancelled=True)
        store.write_files(batch, warn)
        raise
