"""Turn files and folders into Articles, whatever their format.

Each format has its own module with a `read(path, data) -> list[Article]` function; this module
walks folders, detects the format and keeps going past bad files, reporting each one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from reader.core.ingest import text
from reader.core.model import Article

Warn = Callable[[str], None]


class IngestError(Exception):
    """A file that cannot be read as articles; the message says why, in a few words."""


class MissingPathError(Exception):
    """A path given by the user that does not exist."""


def iter_files(root: Path) -> Iterator[Path]:
    """Every file under `root` (or `root` itself), recursively, skipping hidden ones."""
    if root.is_file():
        yield root
        return
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file():
            yield path


def read_file(path: Path) -> list[Article]:
    """Read one file into articles; raises IngestError with a short reason."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(f"cannot read: {error.strerror or error}") from error
    if not data.strip():
        raise IngestError("empty file")
    articles = text.read(path, data)
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
    seen: dict[str, int] = {}
    for article in articles:
        seen[article.id] = seen.get(article.id, 0) + 1
    for article in articles:
        if seen[article.id] > 1:
            article.id = f"{article.id}@{Path(article.path).with_suffix('').as_posix()}"
    return articles
