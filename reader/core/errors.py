"""Faults of Reader's own files that end a command with one line (and the TUI with a notice),
never a traceback. Kept apart, so the command line can catch them without loading the store."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from reader.core.paths import path_text

DAMAGE_CODES = (11, 26)
"""SQLITE_CORRUPT ("database disk image is malformed") and SQLITE_NOTADB."""


class MissingPathError(Exception):
    """A path given by the user that does not exist."""


class StoreError(Exception):
    """The store cannot be used (its folder is read-only, or a file): one line saying so."""


class StateError(Exception):
    """The reading state cannot be opened or written: one line saying so, naming the file."""


def is_damage(error: BaseException) -> bool:
    """Whether an SQLite error says the file is damaged (or not a database at all), rather
    than busy, read-only or full."""
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in DAMAGE_CODES
    # (sent back from a worker process, an error keeps its message only)
    message = str(error)
    return "malformed" in message or "not a database" in message


def reason(error: BaseException) -> str:
    """An error's reason, in a few words (an OSError's text without its number)."""
    return getattr(error, "strerror", None) or str(error)


def cannot_use(folder: str | Path, why: str) -> str:
    """One line on why a cache cannot be opened or written, and what to do."""
    return (
        f"cannot use the cache at {path_text(folder)}: {why}"
        " (give another folder with --cache DIR or READER_CACHE_DIR)"
    )


def damaged(what: str, path: str | Path) -> str:
    """One line saying a cache was found damaged and is being rebuilt."""
    return f"the {what} at {path_text(path)} was damaged; rebuilding it"


def make_folder(folder: Path) -> None:
    """A cache's folder, made if missing; StoreError when it cannot be (a file is there)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        in_the_way = isinstance(error, (FileExistsError, NotADirectoryError))
        raise StoreError(
            cannot_use(folder, "a file is in the way" if in_the_way else reason(error))
        ) from error


def remove_database(path: str | Path) -> None:
    """Delete an SQLite file (and its -wal and -shm files) to rebuild it, as a cache can be;
    StoreError, deleting nothing, when its folder is read-only."""
    folder = Path(path).parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(cannot_use(folder, "the folder is read-only"))
    try:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    except OSError as error:
        raise StoreError(cannot_use(folder, reason(error))) from error
