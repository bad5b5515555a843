"""Stopping a long step when asked: the cancel event a load passes down is looked at between
steps and, in a long loop (a walk of 100,000 files, their rows read from the store), every
CHECK_EVERY items, so that quitting mid-load returns at once. What was written stays: every
write is a transaction of its own."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol, TypeVar

CHECK_EVERY = 2000
"""Items of a long loop between two looks at the cancel event (a few milliseconds)."""

T = TypeVar("T")


class EventLike(Protocol):
    def is_set(self) -> bool: ...


class Cancelled(Exception):
    """The sync or merge stopped because its cancel event was set; what was written stays."""


def check(cancel: EventLike | None) -> None:
    """Raise Cancelled when `cancel` is set."""
    if cancel is not None and cancel.is_set():
        raise Cancelled


def checked(items: Iterable[T], cancel: EventLike | None) -> Iterator[T]:
    """`items`, with `cancel` looked at before the first and every CHECK_EVERY after."""
    if cancel is None:
        yield from items
        return
    every = CHECK_EVERY
    for count, item in enumerate(items):
        if not count % every and cancel.is_set():
            raise Cancelled
        yield item
