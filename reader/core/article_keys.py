"""An article's lasting key for its reading state: where it is (the file's absolute path or the
feed's URL) and which article of that file, and a hash of its words to follow it on a move.

Ids are short and readable but depend on which other files are open (`010` here is
`010@politics/010` there); a key does not, so starring `politics/010.txt` never stars
`business/010.txt`, and a copy of the seeds in a new folder starts unread."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from reader.core.model import Article

PREFIX = "article:"
"""Keys start with it; a mark without it is older, kept by bare id (see ReadingState)."""


def article_key(article: Article) -> str:
    """`article:<absolute path or URL>#<the article's id within its file>`."""
    return f"{PREFIX}{_location(article.path)}#{local_id(article.id, article.path)}"


@lru_cache(maxsize=250_000)
def _location(path: str) -> str:
    """A file's absolute path (kept: every load asks again for every article listed). A
    POSIX path already absolute and plain is its own (a Path costs ~10 us: a second at
    100,000 articles)."""
    if "://" in path or (os.sep == "/" and _plain_absolute(path)):
        return path
    return Path(path).absolute().as_posix()


def _plain_absolute(path: str) -> bool:
    """Whether `path` is absolute with nothing a Path would tidy (`//`, `/./`, a last `/`)."""
    return (
        path.startswith("/")
        and "//" not in path
        and "/./" not in path
        and not path.endswith(("/", "/."))
    )


def local_id(article_id: str, path: str) -> str:
    """The id without the path a corpus added to tell same-named files apart."""
    if "@" not in article_id:
        return article_id
    for suffix in (Path(path).with_suffix("").as_posix(), Path(path).as_posix()):
        article_id = article_id.replace(f"@{suffix}", "", 1)
    return article_id


def content_hash(article: Article) -> str:
    """The article's words: the same after a move or a rename, different after an edit."""
    text = f"{article.title}\n{article.text}"
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def location_gone(key: str) -> bool:
    """Whether the file a key points to no longer exists (a feed's article never goes)."""
    location = key.removeprefix(PREFIX).rpartition("#")[0]
    return "://" not in location and not Path(location).exists()
