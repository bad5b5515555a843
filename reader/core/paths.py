"""Where Reader finds its bundled seeds, and how a file's path becomes text.

A path has two forms. The OS form is the `str` that `os.walk`/`os.fsdecode` give: a name that
is not valid UTF-8 holds its undecodable bytes as lone surrogates (U+DC80-U+DCFF, Python's
"surrogateescape"); it is what `open` and `os.stat` take, and what `list_files` returns. The
text form, `path_text(path)`, is valid Unicode: the same string for any UTF-8 name (every usual
case), else each undecodable byte written `\\xNN`. Everything that leaves the program or is
stored (Article.path, ids, titles, messages, JSON, SQLite) holds the text form.
"""

from __future__ import annotations

import os
from pathlib import Path


def seeds_dir() -> Path:
    """The bundled seed articles: inside the wheel, or the repository's seeds/ in a checkout."""
    package = Path(__file__).resolve().parent.parent
    bundled = package / "_seeds"
    return bundled if bundled.is_dir() else package.parent / "seeds"


def is_url(path: str) -> bool:
    """Whether a path given is a feed's URL rather than a file or folder."""
    return path.startswith(("http://", "https://"))


def path_text(path: str | os.PathLike[str]) -> str:
    """The text form of a path: valid Unicode, undecodable bytes as `\\xNN`."""
    name = os.fspath(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a surrogate no file system gives: not a byte to restore
            return name.encode("utf-8", "backslashreplace").decode("ascii")
    return name
