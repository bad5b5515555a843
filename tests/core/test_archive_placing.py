"""Placing an archive's new articles into stories, one indexer at a time: mid-sync an indexer
places them only when no other one is placing (it never waits then), and at the end it waits
until every article it wrote is placed (tests/pg_cluster.py starts the server)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.core.test_archive import WAIT, archive, merged_stale  # noqa: F401  # the fixture

pytest.importorskip("psycopg")
from reader.core.library import Library  # noqa: E402
from reader.core.library_store import PLACING  # noqa: E402
from reader.core.settings import Settings  # noqa: E402
from reader.core.store import pg_store  # noqa: E402
from reader.core.store.pg_store import ArchiveStore  # noqa: E402
from reader.core.store_url import parse_store_url  # noqa: E402
from reader.core.stories.stored import StoredStories  # noqa: E402

FILES = 24


def desk(folder: Path) -> Path:
    folder.mkdir()
    for number in range(FILES):
        (folder / f"{number:03d}.txt").write_text(
            f"Report {number}\n\nOfficials met in Geneva on Monday, report {number} said.\n"
        )
    return folder


def placed_ids(monkeypatch) -> tuple[Counter[str], list[int]]:
    """The articles the saves of stories place, counted, and how many each save places (every
    save, of every thread)."""
    placed: Counter[str] = Counter()
    saves: list[int] = []
    save = StoredStories._save

    def counted(self, index, rows, gone, touched) -> None:
        save(self, index, rows, gone, touched)
        placed.update(row[0] for row in rows)
        saves.append(len(rows))

    monkeypatch.setattr(StoredStories, "_save", counted)
    return placed, saves


def rows(store: ArchiveStore, table: str) -> int:
    with store.db.read() as db:
        (count,) = db.execute(f"SELECT count(*) FROM {table}").fetchone()
    return count


def test_placing_held_by_another_lets_go_at_once_and_waits_only_if_asked(archive) -> None:  # noqa: F811
    store, postgres, name = archive
    with ArchiveStore(parse_store_url(postgres.url(database=name))) as other:
        with store.alone(PLACING) as held:
            assert held
            began = time.monotonic()
            with other.alone(PLACING, wait=False) as free:
                assert not free
            assert time.monotonic() - began < WAIT
        with other.alone(PLACING, wait=False) as free:
            assert free
            with store.alone("something else", wait=False) as apart:
                assert apart, "another lock's name is another lock"
        with store.alone(PLACING, wait=False) as free:
            assert free, "the try that had it let go of it"


def index(archive, folder: Path) -> None:  # noqa: F811
    """One sync of `folder` into the archive, as `reader index` does (its own connections)."""
    _, postgres, name = archive
    url = parse_store_url(postgres.url(database=name))
    cache = folder.parent / "cache"
    with Library([str(folder)], Settings.resolve(cache=cache, store=url)) as library:
        library.sync(print)


def placed_once(store: ArchiveStore, placed: Counter[str]) -> None:
    ids = Counter(header.id for header in store.headers())
    assert len(ids) == FILES and placed == ids, "each article placed, once"
    assert rows(store, "story_articles") == FILES and rows(store, "story_todo") == 0
    assert not merged_stale(store), "every story merged"


def test_an_indexer_writes_its_files_while_another_places_then_places_each_once(
    archive,  # noqa: F811
    tmp_path,
    monkeypatch,
) -> None:
    store, *_ = archive
    folder = desk(tmp_path / "desk")
    monkeypatch.setattr(pg_store, "CLAIM", 4)  # parts: a placing tried between each two
    placed, _ = placed_ids(monkeypatch)
    errors: list[BaseException] = []

    def indexing() -> None:
        try:
            index(archive, folder)
        except BaseException as error:  # noqa: BLE001 - said by the test
            errors.append(error)

    indexer = threading.Thread(target=indexing)
    with store.alone(PLACING):  # another indexer placing, for as long as this test likes
        indexer.start()
        deadline = time.monotonic() + 6 * WAIT
        while store.count() < FILES and time.monotonic() < deadline and indexer.is_alive():
            time.sleep(0.05)
        assert store.count() == FILES, "every file written without waiting for the placing"
        indexer.join(0.5)
        assert indexer.is_alive(), "the end of its sync waits for its articles to be placed"
        assert rows(store, "story_articles") == 0 and not placed
    indexer.join(12 * WAIT)
    assert not indexer.is_alive() and not errors
    placed_once(store, placed)


def test_an_indexer_alone_places_between_its_parts_each_article_once(
    archive,  # noqa: F811
    tmp_path,
    monkeypatch,
) -> None:
    monkeypatch.setattr(pg_store, "CLAIM", 8)
    placed, saves = placed_ids(monkeypatch)
    index(archive, desk(tmp_path / "desk"))
    assert len([n for n in saves if n]) > 1, "placed as the parts are written, not all at the end"
    placed_once(archive[0], placed)
