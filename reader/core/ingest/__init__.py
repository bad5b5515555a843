"""Turn files and folders into Articles, whatever their format.

Each format has its own module with a `read(path, data) -> list[Article]` function (which may
raise PartlyRead: some of the file read, the rest reported); this module lists regular files
(files.py), reads each within a cap, detects the format and keeps going past bad files,
reporting each one. Paths: see reader.core.paths (articles hold the text form).
"""

from __future__ import annotations

import importlib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.core.ingest.decode import decode, looks_binary, reads_as_language
from reader.core.ingest.files import (
    HEAD_BYTES,
    MB,
    IngestError,
    PartlyRead,
    Warn,
    list_files,
    read_capped,
)
from reader.core.model import Article
from reader.core.paths import path_text

__all__ = [
    "MAX_BYTES",
    "FileRead",
    "IngestError",
    "MissingPathError",
    "PartlyRead",
    "Warn",
    "assign_unique_ids",
    "iter_files",
    "list_files",
    "load_articles",
    "read_file",
    "read_path",
    "unique_ids",
]


class MissingPathError(Exception):
    """A path given by the user that does not exist."""


@dataclass(slots=True)
class FileRead:
    """One file read: its articles, its status and bytes (for change detection), and a note
    on what part of it was skipped (bad lines of a JSON lines file), if any."""

    articles: list[Article]
    status: os.stat_result
    data: bytes
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
    "json": ("records", "read_json"),
    "jsonl": ("records", "read_jsonl"),
}


def reader_for(fmt: str) -> Callable[[Path, bytes], list[Article]]:
    module, function = READERS[fmt]
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)


EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
# The most a file may hold, by format (bigger files are reported and skipped, never read):
# one article rarely exceeds a few hundred KB; a collection of records may be large.
MAX_BYTES = {"jsonl": 500 * MB, "json": 200 * MB, "feed": 50 * MB}
MAX_BYTES_DEFAULT = 20 * MB


def max_bytes(fmt: str) -> int:
    return MAX_BYTES.get(fmt, MAX_BYTES_DEFAULT)


def detect_format(path: Path, head: bytes) -> str:
    """The format, from the content when it is clear, else from the extension."""
    start = decode(head[:4096]).lstrip(" \t\n\r\f\x00").lower()
    if start.startswith("<?xml") or start.startswith(("<rss", "<feed", "<rdf")):
        if re.search(r"<(?:rss|feed|rdf:rdf)\b", start):
            return "feed"
        if "<html" in start:
            return "html"
    if start.startswith(("<!doctype html", "<html")) or re.search(r"<(?:head|body)\b", start):
        return "html"
    by_extension = EXTENSIONS.get(path.suffix.lower())
    if by_extension == "jsonl" and start.startswith(("{", "[")):
        return "jsonl"
    if start.startswith("{"):
        return "jsonl" if "\n{" in start else "json"
    if start.startswith("["):
        return "json"
    if by_extension in ("json", "jsonl", "feed", "html"):
        return "text"  # the content does not look like what the extension says
    if start.startswith("---\n"):
        return "markdown"
    return by_extension or "text"


def read_file(path: Path) -> list[Article]:
    """Read one file into articles; raises IngestError with a short reason. Bad parts of a
    file (bad lines of a JSON lines file) are skipped: read_path says which."""
    return read_path(path).articles


def read_path(path: str | Path) -> FileRead:
    """Read one regular file (never a FIFO or device, never past the cap for its format) into
    articles; raises IngestError with a short reason."""
    name = Path(path_text(path))  # the articles hold the text form of their path
    status, data = read_capped(path, lambda head: max_bytes(detect_format(name, head)))
    fmt = detect_format(name, data[:HEAD_BYTES])
    if not data.strip():
        raise IngestError("empty file")
    if fmt != "jsonl":  # JSON lines are judged line by line
        if looks_binary(data):
            raise IngestError("binary file")
        if not reads_as_language(data):
            raise IngestError("not text: no character set reads it as language")
    note = None
    try:
        articles = reader_for(fmt)(name, data)
    except PartlyRead as partial:
        articles, note = partial.articles, str(partial)
    except IngestError:
        raise
    except Exception as error:  # a parser's surprise must not stop the corpus from loading
        raise IngestError(f"cannot read as {fmt}: {type(error).__name__}: {error}") from error
    if not articles:
        raise IngestError(f"no article found{'; ' + note if note else ''}")
    return FileRead(articles, status, data, note)


def load_articles(paths: Iterable[str | Path], warn: Warn = lambda message: None) -> list[Article]:
    """Load every article under `paths`; bad files (and bad parts of files) are reported
    through `warn` and skipped."""
    roots = [Path(p) for p in paths]
    for root in roots:
        if not os.path.lexists(root):
            raise MissingPathError(f"no such file or folder: {path_text(root)}")
    articles: list[Article] = []
    for root in roots:
        for path in list_files(root, warn):
            try:
                read = read_path(path)
            except IngestError as error:
                warn(f"{path_text(path)}: skipped: {error}")
                continue
            if read.note:
                warn(f"{path_text(path)}: {read.note}")
            articles.extend(read.articles)
    return assign_unique_ids(articles)


def assign_unique_ids(articles: list[Article]) -> list[Article]:
    """Keep each id stable and unique: the file stem where unique, else the path-based id."""
    ids = unique_ids([(article.id, article.path) for article in articles])
    for article, unique in zip(articles, ids, strict=True):
        article.id = unique
    return articles


def unique_ids(items: list[tuple[str, str]]) -> list[str]:
    """(id, path) pairs -> their ids made unique: the id where it is, else path-based (the
    path without its suffix, else with it: `story.txt` and `story.md`), else numbered (records
    sharing an id in one file). Unique ids come back unchanged, so applying it twice is safe."""
    counts = Counter(article_id for article_id, _ in items)
    ids = [
        article_id
        if counts[article_id] == 1
        else f"{article_id}@{Path(path).with_suffix('').as_posix()}"
        for article_id, path in items
    ]
    counts = Counter(ids)
    ids = [
        unique
        if counts[unique] == 1 or unique == article_id
        else f"{article_id}@{Path(path).as_posix()}"
        for unique, (article_id, path) in zip(ids, items, strict=True)
    ]
    counts, seen = Counter(ids), Counter[str]()
    numbered = []
    for unique in ids:
        seen[unique] += 1
        numbered.append(unique if counts[unique] == 1 else f"{unique}#{seen[unique]}")
    return numbered
