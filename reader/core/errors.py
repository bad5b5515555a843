"""Faults of Reader's own files that end a command with one line (and the TUI with a notice),
never a traceback. Kept apart, so the command line can catch them without loading the store."""

from __future__ import annotations

import sqlite3

DAMAGE_CODES = (11, 26)
"""SQLITE_CORRUPT ("database disk image is malformed") and SQLITE_NOTADB."""


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
