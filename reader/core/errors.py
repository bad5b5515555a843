"""Faults of Reader's own files that end a command with one line (and the TUI with a notice),
never a traceback. Kept apart, so the command line can catch them without loading the store."""

from __future__ import annotations


class StoreError(Exception):
    """The store cannot be used (its folder is read-only, or a file): one line saying so."""


class StateError(Exception):
    """The reading state cannot be opened or written: one line saying so, naming the file."""
