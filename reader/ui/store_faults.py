"""A store that fails under a running reader (a shared archive's server stopped, restarted or
out of reach; the embedded store's file damaged) is said, never the end of the reader: what a
key asked of it is left undone, the screen stays as it was, and the next key asks again (the
archive's follower lists what changed once the server answers; R reads a damaged store's
articles into it again). Textual ends the app on any exception a handler lets out, and a
worker's failure would go unsaid, so each handler, action, watcher or worker that reads the
store is wrapped here (a toast is posted: from a worker's thread too)."""

from __future__ import annotations

import functools
import inspect
import sqlite3
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast
from weakref import WeakKeyDictionary

from textual.app import App
from textual.dom import DOMNode

from reader.core.errors import StoreError

F = TypeVar("F", bound=Callable[..., Any])

FAULTS = (StoreError, sqlite3.DatabaseError)
"""What a store raises when it cannot be read now (see `tell`)."""
TOAST_SECONDS = 8.0
"""How long the toast saying the store failed stays."""


def said_when_it_fails(method: F) -> F:
    """`method` (of a widget or screen; plain or async) with a StoreError it raises told in a
    toast, one line naming the server (never its password), and None returned; so is the
    embedded store found damaged."""
    if inspect.iscoroutinefunction(method):

        @functools.wraps(method)
        async def awaited(node: DOMNode, *args: Any, **kwargs: Any) -> Any:
            try:
                return await method(node, *args, **kwargs)
            except FAULTS as error:
                tell(node, error)
                return None

        return cast(F, awaited)

    @functools.wraps(method)
    def called(node: DOMNode, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(node, *args, **kwargs)
        except FAULTS as error:
            tell(node, error)
            return None

    return cast(F, called)


_told: WeakKeyDictionary[App[Any], tuple[str, float]] = WeakKeyDictionary()
"""Each app's last toast of a failure, and when: the same one is not stacked while it shows."""


def tell(node: DOMNode, error: StoreError | sqlite3.DatabaseError) -> None:
    """The failure in a toast (the app's notify shows it as text, control sequences removed)."""
    message, app, now = str(error), node.app, time.monotonic()
    if isinstance(error, sqlite3.DatabaseError):  # the embedded store damaged under the reader
        message = f"The store cannot be read ({error}): R reads the articles into it again."
    last = _told.get(app)
    if last is not None and last[0] == message and now - last[1] < TOAST_SECONDS:
        return
    _told[app] = (message, now)
    app.notify(message, title="Store", severity="error", timeout=TOAST_SECONDS)
