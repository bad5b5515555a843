"""Who is using the Library: it is closed once the screen is gone and its last worker is done.

A cancelled thread worker cannot be stopped from outside; it ends at its next check, and may
read the store until then. So the screen holds the library while mounted, each worker holds it
while it runs, and whoever lets go last closes it (closing the store under a running worker
would fail that worker's read, or leave its connection open).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from reader.core.library import Library


class LibraryLease:
    """Reference-counts the users of a Library; the first user is its owner (the screen)."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._lock = threading.Lock()
        self._users = 1
        self.closed = threading.Event()
        """Set once the library is closed."""

    @contextmanager
    def use(self) -> Iterator[Library | None]:
        """The library while it is held here, or None once its owner has let go."""
        with self._lock:
            if self.closed.is_set():
                held = False
            else:
                self._users += 1
                held = True
        try:
            yield self.library if held else None
        finally:
            if held:
                self._let_go()

    def release(self) -> None:
        """The owner lets go: the library closes now, or when its last worker ends."""
        self._let_go()

    def _let_go(self) -> None:
        with self._lock:
            self._users -= 1
            if self._users > 0 or self.closed.is_set():
                return
            self.library.close()
            self.closed.set()
