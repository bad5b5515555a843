"""Turn files and folders into Articles, whatever their format.

Each format has its own module with a `read(path, data) -> list[Article]` function (which may
raise PartlyRead: some of the file read, the rest reported); this module lists regular files
(files.py), reads each within a cap, detects the format and keeps going past bad files,
reporting each one. Paths: see reader.core.paths (articles hold the text form).
"""

from __future__ import annotations

import importlib
import io
import os
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from reader.core.errors import MissingPathError
from reader.core.ingest import compressed, records
from reader.core.ingest.decode import looks_binary, reads_as_language
from reader.core.ingest.detect import COMPRESSED, detect_format, inner_path
from reader.core.ingest.files import (
    HEAD_BYTES,
    MB,
    IngestError,
    PartlyRead,
    Warn,
    content_hash,
    drain,
    hidden,
    list_files,
    open_regular,
    read_rest,
)
from reader.core.ingest.ids import unique_ids
from reader.core.model import Article
from reader.core.paths import path_text

__all__ = [
    "MAX_BYTES",
    "FileRead",
    "FileStream",
    "IngestError",
    "MissingPathError",
    "ReadProgress",
    "PartlyRead",
    "Warn",
    "assign_unique_ids",
    "detect_format",
    "hidden",
    "iter_articles",
    "iter_files",
    "list_files",
    "load_articles",
    "read_body",
    "read_file",
    "read_path",
    "unique_ids",
]


@dataclass(slots=True)
class FileRead:
    """One file read: its articles, its status and content hash (for change detection, taken
    from the file a chunk at a time: a web archive is never held whole), and a note on what
    part of it was skipped (bad lines of a JSON lines file, an archive's other records)."""

    articles: list[Article]
    status: os.stat_result
    digest: str
    note: str | None = None


def iter_files(root: Path, warn: Warn = lambda message: None) -> Iterator[Path]:
    """Every regular file under `root` (or `root` itself), recursively, skipping hidden ones."""
    return map(Path, list_files(root, warn))


# Format -> (module, function); a module is imported only when a file needs it.
READERS = {
    "text": ("text", "read"),
    "markdown": ("markdown", "read"),
    "html": ("html", "read"),
    "feed": ("feed", "read"),
    "xml": ("feed", "read_xml"),
    "json": ("records", "read_json"),
    "jsonl": ("records", "read_jsonl"),
    "jsonfeed": ("jsonfeed", "read"),
}
MARKUP = ("feed", "xml")
"""Formats found by their root element: XML in any encoding, not judged as text."""


def reader_for(fmt: str) -> Callable[[Path, bytes], list[Article]]:
    module, function = READERS[fmt]
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)


# The most a file may hold, by format (bigger files are reported and skipped, never read):
# one article rarely exceeds a few hundred KB; a collection of records may be large. JSON
# lines and web archives are read a record at a time: any size.
MAX_BYTES = {
    "json": 200 * MB,
    "jsonfeed": 200 * MB,
    "feed": 50 * MB,
    "xml": 50 * MB,
}
MAX_BYTES_DEFAULT = 20 * MB


def max_bytes(fmt: str) -> int:
    return MAX_BYTES.get(fmt, MAX_BYTES_DEFAULT)


def read_file(path: Path) -> list[Article]:
    """Read one file into articles; raises IngestError with a short reason. Bad parts of a
    file (bad lines of a JSON lines file) are skipped: read_path says which."""
    return read_path(path).articles


def read_path(path: str | Path) -> FileRead:
    """Read one regular file (never a FIFO or device, never past the cap for its format,
    a compressed file decompressed as a stream, a web archive record by record) into articles;
    raises IngestError with a short reason."""
    reading = FileStream(path)
    articles = list(reading)
    return FileRead(articles, reading.status, reading.digest, reading.note)


ReadProgress = Callable[["FileStream"], None]
"""Told, while a file is read, its FileStream: how many bytes of it are read (`done` of
`size`) and how many articles were found (`count`)."""
PROGRESS_STEP = 256 * 1024
"""Bytes read between two reports of progress, at least."""


class FileStream:
    """One regular file read as a stream of articles: iterate it once. JSON lines and web
    archives are read a record at a time (memory bounded whatever the file's size); other
    formats whole, within their cap. Once iterated, `note` says what part was skipped and
    `digest` is the content hash. Iterating raises IngestError with a short reason (when the
    file holds no article, after the end). `progress`, when given, is told as articles come
    (every PROGRESS_STEP bytes at most) and once at the end."""

    def __init__(self, path: str | Path, progress: ReadProgress | None = None) -> None:
        self.name = Path(path_text(path))  # the articles hold the text form of their path
        self.status, self._handle = open_regular(path)
        self.size = self.status.st_size
        self.progress = progress
        self.count = 0
        self.done = 0
        """Bytes of the file read so far (of `size`)."""
        self.note: str | None = None
        self.digest = ""

    def __iter__(self) -> Iterator[Article]:
        with self._handle as handle:
            try:
                articles = _stream_open(self.name, handle, self.status.st_size)
                note = yield from self._counted(articles, handle)
                if not self.count:
                    raise IngestError(f"no article found{'; ' + note if note else ''}")
                self.note, self.digest = note, content_hash(handle)
            except OSError as error:
                raise IngestError(f"cannot read: {error.strerror or error}") from error
        if self.progress:
            self.done = self.size
            self.progress(self)

    def _counted(
        self, articles: Generator[Article, None, str | None], handle: BinaryIO
    ) -> Generator[Article, None, str | None]:
        """`articles`, counted, with the bytes read told to `progress` now and then."""
        while True:
            try:
                article = next(articles)
            except StopIteration as stop:
                return stop.value
            self.count += 1
            if self.progress and (position := handle.tell()) - self.done >= PROGRESS_STEP:
                self.done = position
                self.progress(self)
            yield article


def read_body(name: Path, data: bytes) -> tuple[list[Article], str | None]:
    """A body fetched from a server, read as a file named `name` holding it would be (by
    content: a JSON Feed, an Atom or RSS feed, compressed or not), and a note on what was
    skipped; IngestError when it holds no article."""
    found, note = drain(_stream_open(name, cast(BinaryIO, io.BytesIO(data)), len(data)))
    if not found:
        raise IngestError(f"no article found{'; ' + note if note else ''}")
    return found, note


def _stream_open(name: Path, handle: BinaryIO, size: int) -> Generator[Article, None, str | None]:
    """The articles of the open file `handle` (`size` bytes), one at a time; returns a note on
    what was skipped."""
    head = handle.read(HEAD_BYTES)
    fmt = detect_format(name, head)
    if fmt in ("warc", "zip"):
        handle.seek(0)
        return (yield from _archive(name, fmt, handle, size))
    if fmt in COMPRESSED:
        return (yield from _compressed(name, fmt, handle, size))
    if fmt == "jsonl":  # a line at a time, whatever the size
        if not head.strip() and size <= len(head):
            raise IngestError("empty file")
        handle.seek(0)
        return (yield from records.jsonl_articles(name, handle))
    data = head + read_rest(handle, size, max_bytes(fmt), len(head))
    articles, note = _read_data(name, fmt, data)
    yield from articles
    return note


def _compressed(
    name: Path, kind: str, handle: BinaryIO, size: int
) -> Generator[Article, None, str | None]:
    """A .gz, .bz2 or .xz file: what it holds, read as the plain file would be (its articles
    keep the compressed file's path), decompressed never past the cap of its format."""
    handle.seek(0)
    inner_head = compressed.read_decompressed(
        compressed.Decompressing(kind, handle), HEAD_BYTES, partial=True
    )
    inner_name = inner_path(name)
    fmt = detect_format(inner_name, inner_head)
    handle.seek(0)
    stream = compressed.Decompressing(kind, handle)
    if fmt == "warc":
        bounded = compressed.Bounded(stream, compressed.archive_limit(size))
        return (yield from _archive(name, fmt, cast(BinaryIO, bounded), 0))
    if fmt in ("zip", *COMPRESSED):
        raise IngestError(f"a {fmt} file inside a {kind} file: not read")
    data = compressed.read_decompressed(stream, max_bytes(fmt))
    articles, note = _read_data(inner_name, fmt, data)
    for article in articles:
        article.path = str(name)
        yield article
    return note


def _archive(
    name: Path, fmt: str, stream: BinaryIO, size: int
) -> Generator[Article, None, str | None]:
    """A web archive's articles, read as a stream, then the line on what was skipped."""
    if fmt == "zip":
        from reader.core.ingest import wacz

        return (yield from wacz.stream_articles(name, stream, size))
    from reader.core.ingest import warc

    return (yield from warc.stream_articles(name, stream))


def _read_data(name: Path, fmt: str, data: bytes) -> tuple[list[Article], str | None]:
    """The articles of a file's bytes in format `fmt`, and a note on what was skipped."""
    if not data.strip():
        raise IngestError("empty file")
    if fmt not in ("jsonl", *MARKUP):  # JSON lines are judged line by line
        if looks_binary(data):
            raise IngestError("binary file")
        if not reads_as_language(data):
            raise IngestError("not text: no character set reads it as language")
    try:
        return reader_for(fmt)(name, data), None
    except PartlyRead as partial:
        return partial.articles, str(partial)
    except IngestError:
        raise
    except Exception as error:  # a parser's surprise must not stop the corpus from loading
        raise IngestError(f"cannot read as {fmt}: {type(error).__name__}: {error}") from error


def load_articles(paths: Iterable[str | Path], warn: Warn = lambda message: None) -> list[Article]:
    """Load every article under `paths`; bad files (and bad parts of files) are reported
    through `warn` and skipped."""
    return assign_unique_ids(list(iter_articles(paths, warn)))


def iter_articles(
    paths: Iterable[str | Path],
    warn: Warn = lambda message: None,
    progress: ReadProgress | None = None,
) -> Iterator[Article]:
    """Every article under `paths`, one at a time, with the ids their files give them (not
    yet made unique: see assign_unique_ids); bad files (and bad parts of files) are reported
    through `warn` and skipped. `progress` is told how far each file is read. Raises
    MissingPathError (at once) for a path that does not exist."""
    roots = [Path(p) for p in paths]
    for root in roots:
        if not os.path.lexists(root):
            raise MissingPathError(f"no such file or folder: {path_text(root)}")
    return _each_article(roots, warn, progress)


def _each_article(
    roots: list[Path], warn: Warn, progress: ReadProgress | None
) -> Iterator[Article]:
    for root in roots:
        for path in list_files(root, warn):
            name = path_text(path)
            try:
                stream = FileStream(path, progress)
                yield from stream
            except IngestError as error:
                warn(f"{name}: skipped: {error}")
                continue
            if stream.note:
                warn(f"{name}: {stream.note}")


def assign_unique_ids(articles: list[Article]) -> list[Article]:
    """Keep each id stable and unique: the file stem where unique, else the path-based id."""
    ids = unique_ids([(article.id, article.path) for article in articles])
    for article, unique in zip(articles, ids, strict=True):
        article.id = unique
    return articles
