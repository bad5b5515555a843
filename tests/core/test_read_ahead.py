"""The stored list read ahead for the first frame (`Library.stored_step`, on the UI's event
loop): it never waits nor writes. When the store is not had at once (another process writing,
a layout to migrate, a damaged file), there is none, and the first load does it all."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.core import library as library_module
from reader.core.changes import Step
from reader.core.last_listing import listed
from reader.core.library import Library
from reader.core.settings import Settings
from reader.core.store import db as db_module
from tests.core.conftest import write


def quiet(message: str) -> None:
    pass


def nothing(done: int, total: int) -> None:
    pass


def stored(corpus_dir: Path, settings: Settings) -> str:
    """The store of `corpus_dir`, filled and its stories merged; its file."""
    with Library([str(corpus_dir)], settings) as first:
        list(first.steps(quiet, nothing))
        return first.store.database


def test_the_read_ahead_reads_while_another_process_writes(tmp_path, corpus_dir):
    settings = Settings.resolve(cache=tmp_path / "cache")
    database = stored(corpus_dir, settings)
    write(corpus_dir, "d.txt", "Talks resume", "Vladimir Putin met Emmanuel Macron in Moscow.")
    writer = sqlite3.connect(database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process mid-write (`reader index --watch`)
    try:
        with Library([str(corpus_dir)], settings) as warm:
            # (this thread holds the lock: a read-ahead that waited for it would wait out
            # its timeout, and fail)
            ahead = warm.stored_step(quiet)
            assert ahead is not None and len(ahead.corpus.articles) == 3, "what is stored"
            writer.execute("COMMIT")
            steps = list(warm.steps(quiet, nothing))
    finally:
        writer.close()
    assert steps[0] is ahead
    assert steps[-1].merged and {a.id for a in steps[-1].corpus.articles} == {"a", "b", "c", "d"}


def test_a_store_locked_against_readers_is_not_read_ahead(tmp_path, corpus_dir):
    settings = Settings.resolve(cache=tmp_path / "cache")
    database = stored(corpus_dir, settings)
    writer = sqlite3.connect(database, isolation_level=None)
    writer.execute("PRAGMA locking_mode = EXCLUSIVE")
    writer.execute("BEGIN EXCLUSIVE")
    try:
        with Library([str(corpus_dir)], settings) as warm:
            assert warm.stored_step(quiet) is None, "(as above: not waited for)"
            writer.execute("COMMIT")
            writer.close()
            steps = list(warm.steps(quiet, nothing))
    finally:
        writer.close()
    assert len(steps[0].corpus.articles) == 3, "the load lists what is stored first"
    assert steps[-1].merged and len(steps[-1].corpus.articles) == 3


@pytest.mark.parametrize("found", ["an older layout", "a damaged file"])
def test_a_store_to_migrate_or_rebuild_is_left_to_the_load(tmp_path, corpus_dir, found):
    settings = Settings.resolve(cache=tmp_path / "cache")
    database = stored(corpus_dir, settings)
    if found == "an older layout":
        with sqlite3.connect(database) as connection:
            connection.execute("PRAGMA user_version = 7")
    else:
        for suffix in ("-wal", "-shm"):
            Path(database + suffix).unlink(missing_ok=True)
        Path(database).write_bytes(b"not a database" * 100)
    before = Path(database).read_bytes()
    said: list[str] = []
    with Library([str(corpus_dir)], settings) as warm:
        assert warm.stored_step(said.append) is None
        assert Path(database).read_bytes() == before, "nothing written ahead"
        steps = list(warm.steps(said.append, nothing))
    assert steps[-1].merged and {a.id for a in steps[-1].corpus.articles} == {"a", "b", "c"}
    assert any("damaged" in line for line in said) == (found == "a damaged file")
    with sqlite3.connect(database) as connection:
        (version,) = connection.execute("PRAGMA user_version").fetchone()
    assert version == db_module.SCHEMA_VERSION


def test_a_refresh_before_the_first_load_leaves_it_the_read_ahead(tmp_path, corpus_dir):
    settings = Settings.resolve(cache=tmp_path / "cache")
    stored(corpus_dir, settings)
    with Library([str(corpus_dir)], settings) as warm:
        ahead = warm.stored_step(quiet)
        assert ahead is not None
        write(corpus_dir, "d.txt", "Talks resume", "Vladimir Putin met Emmanuel Macron.")
        refreshed = list(warm.steps(quiet, nothing, refresh=True))  # first to the sync lock
        assert ahead not in refreshed
        first, *rest = warm.steps(quiet, nothing)
    assert first is ahead, "the first load still yields it first"
    assert rest[-1].merged and len(rest[-1].corpus.articles) == 4


def test_a_head_is_read_by_id_and_never_the_loads_first_step(tmp_path, corpus_dir, monkeypatch):
    settings = Settings.resolve(cache=tmp_path / "cache")
    stored(corpus_dir, settings)
    with Library([str(corpus_dir)], settings) as warm:
        found = warm.store.headers_by_id(["c", "gone", "a"])
        assert [a.id for a in found] == ["a", "c"], "in corpus order; an id not stored: none"
        assert found[0].title == "Summit called off" and found[0].path.endswith("a.txt")
        one = Step(listed(warm.store, given=found[:1]), merged=False)
        monkeypatch.setattr(library_module, "stored_head", lambda store: one)
        assert warm.stored_step(quiet, head=True) is one
        steps = list(warm.steps(quiet, nothing))
    assert steps[0] is not one and len(steps[0].corpus.articles) == 3, "the whole list first"
