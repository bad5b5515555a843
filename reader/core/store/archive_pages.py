"""The whole archive's timeline, actors and quotes as lists read from the store's kept story
merges a page at a time (`reader.core.store.archive`): only a few pages are ever held."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Protocol, TypeVar, overload

from reader.core.model import Actor, CorpusQuote, Event

PAGE = 200
"""Events (or actors) read from the store at once."""
PAGES_KEPT = 8
"""Pages of the whole timeline (or actors) kept in memory after they were read."""
T = TypeVar("T")

_SPACES = re.compile(r"\s+")


def actor_key(name: str) -> str:
    """What makes actors of different stories one actor of the archive: the same name, case
    and spacing aside. Kept simple on purpose: a story's resolution already merged its name
    variants ("Putin" with "Vladimir Putin"); across stories only equal names meet."""
    return _SPACES.sub(" ", name).strip().casefold()


class ArchiveTables(Protocol):
    """What the pages read (`reader.core.store.archive.ArchiveTables` gives it)."""

    def archive_actors(self, offset: int, limit: int) -> list[Actor]: ...
    def archive_actor_keys(self) -> list[str]: ...
    def archive_actor_ranks(
        self, limit: int | None = None, keys: Collection[str] = ()
    ) -> dict[str, Actor]: ...
    def archive_actors_of(self, keys: Collection[str]) -> dict[str, Actor]: ...
    def archive_actor_count(self) -> int: ...
    def archive_event_count(self) -> int: ...
    def archive_events(self, offset: int, limit: int) -> list[Event]: ...
    def archive_event_starts(self, article_id: str) -> list[tuple[int, int]]: ...
    def archive_quotes(
        self, key: str | None, offset: int = 0, limit: int | None = None
    ) -> list[CorpusQuote]: ...
    def archive_quote_count(self, key: str | None) -> int: ...


class _Paged(Sequence[T]):
    """A long list read from the store a page at a time: only a few pages are ever held."""

    def __init__(self) -> None:
        self._pages: OrderedDict[int, list[T]] = OrderedDict()
        self._lock = threading.Lock()
        self._length: int | None = None

    def _count(self) -> int:
        raise NotImplementedError

    def _read(self, offset: int, limit: int) -> list[T]:
        raise NotImplementedError

    def __len__(self) -> int:
        if self._length is None:
            self._length = self._count()
        return self._length

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.page(index // PAGE)[index % PAGE]

    def page(self, number: int) -> list[T]:
        """Items number*PAGE to (number+1)*PAGE - 1, kept among the last pages read."""
        with self._lock:
            if number in self._pages:
                self._pages.move_to_end(number)
                return self._pages[number]
        items = self._read(number * PAGE, PAGE)
        with self._lock:
            self._pages[number] = items
            if len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        return items

    def __iter__(self) -> Iterator[T]:
        for number in range(0, (len(self) + PAGE - 1) // PAGE):
            yield from self.page(number)


class ArchiveEvents(_Paged[Event]):
    """The whole archive's timeline, oldest first, read from the store a page at a time
    (a large archive has hundreds of thousands of events)."""

    def __init__(self, tables: ArchiveTables) -> None:
        super().__init__()
        self._tables = tables
        self._told: dict[str, list[tuple[int, int]]] = {}

    def _count(self) -> int:
        return self._tables.archive_event_count()

    def _read(self, offset: int, limit: int) -> list[Event]:
        return self._tables.archive_events(offset, limit)

    def told_in(self, article_id: str) -> list[tuple[int, int]]:
        """(mention start, timeline index) of the events an article tells, sorted: read
        from its story's events, not by reading the whole timeline."""
        with self._lock:
            if article_id in self._told:
                return self._told[article_id]
        told = self._tables.archive_event_starts(article_id)
        with self._lock:
            self._told[article_id] = told
        return told


class ArchiveActors(_Paged[Actor]):
    """The whole archive's actors, the most mentioned first, combined from the stories' by
    the store a page at a time: widening the panel to the archive lists the first page and
    counts the rest, whatever the archive's size. Iterating ranks their keys in one query and
    reads the actors a page of keys at a time (`reader entities`, the command palette's list:
    the stories' actors of the whole archive, over a million rows at 100,000 articles, are
    never held at once); look one up by name with `named`."""

    def __init__(self, tables: ArchiveTables) -> None:
        super().__init__()
        self._tables = tables
        self._top: dict[int, list[Actor]] = {}

    def _count(self) -> int:
        return self._tables.archive_actor_count()

    def _read(self, offset: int, limit: int) -> list[Actor]:
        return self._tables.archive_actors(offset, limit)

    def __iter__(self) -> Iterator[Actor]:
        keys = self._tables.archive_actor_keys()
        for start in range(0, len(keys), PAGE):
            page = keys[start : start + PAGE]
            found = self._tables.archive_actors_of(page)
            yield from (found[key] for key in page if key in found)  # (one gone meanwhile)

    def top(self, limit: int) -> list[Actor]:
        """The `limit` most mentioned, as a list shows them: each as the story that mentions
        it most names it (its type and roles), with the whole archive's mentions. Their
        articles and aliases are not read (the most mentioned are in thousands of stories):
        `named` reads an actor whole. Read once per view (the panel asks on every article)."""
        if limit not in self._top:
            self._top[limit] = list(self._tables.archive_actor_ranks(limit).values())
        return self._top[limit]

    def listed(self, names: Iterable[str]) -> dict[str, Actor]:
        """The actor of each name (by `actor_key`) that has one, as `top` lists them."""
        return _by_name(names, lambda keys: self._tables.archive_actor_ranks(keys=keys))

    def named(self, names: Iterable[str]) -> dict[str, Actor]:
        """The actor of each name (by `actor_key`) that has one, whole."""
        return _by_name(names, self._tables.archive_actors_of)


def _by_name(
    names: Iterable[str], read: Callable[[Collection[str]], dict[str, Actor]]
) -> dict[str, Actor]:
    """Per name, the actor `read` finds for its `actor_key`."""
    wanted = {name: actor_key(name) for name in names}
    found = read(set(wanted.values()))
    return {name: found[key] for name, key in wanted.items() if key in found}


class ArchiveQuotes(_Paged[CorpusQuote]):
    """The whole archive's quotes (or one speaker's), in corpus order, read a page at a time:
    the quotes panel shows the first ones and counts the rest. Iterating reads them in one
    query (the CLI prints them all)."""

    def __init__(self, tables: ArchiveTables, key: str | None) -> None:
        super().__init__()
        self._tables = tables
        self._key = key

    def _count(self) -> int:
        return self._tables.archive_quote_count(self._key)

    def _read(self, offset: int, limit: int) -> list[CorpusQuote]:
        return self._tables.archive_quotes(self._key, offset, limit)

    def __iter__(self) -> Iterator[CorpusQuote]:
        return iter(self._tables.archive_quotes(self._key))
