"""Turn files and folders into Articles, whatever their format.

Each format has its own module with a `read(path, data) -> list[Article]` function; this module
walks folders, detects the format and keeps going past bad files, reporting each one.
"""

from __future__ import annotations

import importlib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from reader.core.ingest.decode import decode, looks_binary
from reader.core.model import Article

Warn = Callable[[str], None]


class IngestError(Exception):
    """A file that cannot be read as articles; the message says why, in a few words."""


class MissingPathError(Exception):
    """A path given by the user that does not exist."""


def iter_files(root: Path) -> Iterator[Path]:
    """Every file under `root` (or `root` itself), recursively, skipping hidden ones."""
    return map(Path, list_files(root))


def list_files(root: Path) -> list[str]:
    """The paths of every file under `root` (or `root` itself), recursively, skipping hidden
    ones, in the order of their parts (a folder's files sort by name among its subfolders)."""
    if root.is_file():
        return [str(root)]
    found: list[tuple[str, ...]] = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        parts = Path(folder).relative_to(root).parts
        found.extend((*parts, name) for name in files if not name.startswith("."))
    found.sort()
    return [os.path.join(root, *parts) for parts in found]


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
MB = 1024 * 1024
# One article rarely exceeds a few hundred KB; a collection of records may be large.
MAX_BYTES = {"jsonl": 500 * MB, "json": 200 * MB, "feed": 50 * MB}
MAX_BYTES_DEFAULT = 20 * MB


def detect_format(path: Path, head: bytes) -> str:
    """The format, from the content when it is clear, else from the extension."""
    start = decode(head[:4096]).lstrip().lower()
    if start.startswith("<?xml") or start.startswith(("<rss", "<feed", "<rdf")):
        if re.search(r"<(?:rss|feed|rdf:rdf)\b", start):
            return "feed"
        if "<html" in start:
            return "html"
    if start.startswith(("<!doctype html", "<html")) or re.search(r"<(?:head|body)\b", start):
        return "html"
    by_extension = EXTENSIONS.get(path.suffix.lower())
    if start.startswith("{"):
        return "jsonl" if by_extension == "jsonl" or "\n{" in start else "json"
    if start.startswith("["):
        return "json"
    if by_extension in ("json", "jsonl", "feed", "html"):
        return "text"  # the content does not look like what the extension says
    if start.startswith("---\n"):
        return "markdown"
    return by_extension or "text"


def read_file(path: Path) -> list[Article]:
    """Read one file into articles; raises IngestError with a short reason."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8192)
            fmt = detect_format(path, head)
            limit = MAX_BYTES.get(fmt, MAX_BYTES_DEFAULT)
            if size > limit:
                raise IngestError(f"too large ({size / MB:.0f} MB, limit {limit // MB} MB)")
            data = head + handle.read()
    except OSError as error:
        raise IngestError(f"cannot read: {error.strerror or error}") from error
    if not data.strip():
        raise IngestError("empty file")
    if looks_binary(data):
        raise IngestError("binary file")
    try:
        articles = reader_for(fmt)(path, data)
    except Exception as error:  # a parser's surprise must not stop the corpus from loading
        raise IngestError(f"cannot read as {fmt}: {type(error).__name__}: {error}") from error
    if not articles:
        raise IngestError("no article found")
    return articles


def load_articles(paths: Iterable[str | Path], warn: Warn = lambda message: None) -> list[Article]:
    """Load every article under `paths`; bad files are reported through `warn` and skipped."""
    roots = [Path(p) for p in paths]
    for root in roots:
        if not root.exists():
            raise MissingPathError(f"no such file or folder: {root}")
    articles: list[Article] = []
    for root in roots:
        for path in iter_files(root):
            try:
                articles.extend(read_file(path))
            except IngestError as error:
                warn(f"{path}: skipped: {error}")
    return assign_unique_ids(articles)


def assign_unique_ids(articles: list[Article]) -> list[Article]:
    """Keep each id stable and unique: the file stem where unique, else the path-based id."""
    ids = unique_ids([(article.id, article.path) for article in articles])
    for article, unique in zip(articles, ids, strict=True):
        article.id = unique
    return articles


def unique_ids(items: list[tuple[str, str]]) -> list[str]:
    """(id, path) pairs -> their ids made unique: the id where it is, else path-based."""
    counts = Counter(article_id for article_id, _ in items)
    return [
        article_id
        if counts[article_id] == 1
        else f"{article_id}@{Path(path).with_suffix('').as_posix()}"
        for article_id, path in items
    ]
