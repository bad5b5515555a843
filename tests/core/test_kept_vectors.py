"""Story vectors computed where articles are analysed and kept with them: the stories read them
instead of computing them, and compute them as before for a store that kept none (an older
layout, or vectors of another version). Real files and real SQLite stores in tmp dirs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.core.errors import StoreError
from reader.core.store import Store
from reader.core.stories import stored as stored_module
from reader.core.story_vector import from_kept, kept_text, vectorize
from tests.core.test_stories_store import REACTOR, TENNIS, members, open_library, quiet, write


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    for name, article in [("r1", REACTOR[0]), ("r2", REACTOR[1])]:
        write(news, f"{name}.txt", article)
    for name, article in [("t1", TENNIS[0]), ("t2", TENNIS[1])]:
        write(news, f"{name}.txt", article)
    return news


def kept(database: str) -> dict[str, str | None]:
    with sqlite3.connect(database) as connection:
        return dict(connection.execute("SELECT id, vector FROM articles").fetchall())


def test_each_article_keeps_the_vector_of_its_analysis_and_stories_read_it(
    tmp_path, folder, monkeypatch
):
    with open_library(folder, tmp_path / "cache") as library:
        library.sync(quiet, stories=False)
        database = library.store.database
        with Store(database) as store:
            stored = {
                article.id: (article, analysis)
                for article, analysis in store.story_articles(["r1", "r2", "t1", "t2"])
            }
        vectors = kept(database)
        assert sorted(vectors) == ["r1", "r2", "t1", "t2"]
        for article_id, (article, analysis) in stored.items():
            assert analysis.entities, "the analysis is stored"
            assert vectors[article_id] == kept_text(article, analysis)
            assert from_kept(vectors[article_id]) == vectorize(article, analysis).text()

        def computed(*args):
            raise AssertionError("a kept vector was computed again")

        monkeypatch.setattr(stored_module, "vectorize", computed)
        library.sync(quiet)
        assert members(library) == [{"r1", "r2"}, {"t1", "t2"}]


def grouped(tmp_path: Path, folder: Path, name: str, unkept: str | None) -> list[set[str]]:
    """The stories of `folder` in a new store whose kept vectors `unkept` replaces (None: kept)."""
    with open_library(folder, tmp_path / name) as library:
        library.sync(quiet, stories=False)
        if unkept is not None:
            with sqlite3.connect(library.store.database) as connection:
                connection.execute(f"UPDATE articles SET vector = {unkept}")
        library.sync(quiet)
        return members(library)


@pytest.mark.parametrize("unkept", ["NULL", "'000000000000 {}'"])
def test_articles_without_a_kept_vector_of_this_version_are_placed_as_before(
    tmp_path, folder, unkept
):
    assert grouped(tmp_path, folder, "plain", unkept) == grouped(tmp_path, folder, "kept", None)


def test_a_store_of_layout_6_gains_the_column_and_keeps_its_stories(tmp_path, folder):
    cache = tmp_path / "cache"
    with open_library(folder, cache) as library:
        library.sync(quiet)
        before = members(library)
        database = library.store.database
    with sqlite3.connect(database) as connection:  # layout 6 kept no vector with the article
        connection.execute("ALTER TABLE articles DROP COLUMN vector")
        connection.execute("PRAGMA user_version = 6")
    write(folder, "t3.txt", (TENNIS[1][0] + " again", *TENNIS[1][1:]))
    with open_library(folder, cache) as library:
        library.sync(quiet)
        assert members(library) == [{"r1", "r2"}, {"t1", "t2", "t3"}]
        assert before == [{"r1", "r2"}, {"t1", "t2"}]
        vectors = kept(database)
        assert (
            vectors["t3"] is not None and vectors["t1"] is None
        )  # an untouched file kept as it was


def test_a_migration_stopped_midway_is_run_again_whole(tmp_path, folder, monkeypatch):
    """A migration, the schema and the layout's number are one transaction: stopped after
    its first statement, the store is still of the older layout, and the next open migrates
    it (the column added once; it was 'duplicate column name: vector' on every open)."""
    from reader.core.store import db as db_module

    cache = tmp_path / "cache"
    with open_library(folder, cache) as library:
        library.sync(quiet)
        database = library.store.database
    with sqlite3.connect(database) as connection:
        connection.execute("ALTER TABLE articles DROP COLUMN vector")
        connection.execute("PRAGMA user_version = 6")
    stopped = {6: db_module.MIGRATIONS[6] + " SELECT no_such_function();"}
    monkeypatch.setattr(db_module, "MIGRATIONS", stopped)
    with pytest.raises(StoreError), open_library(folder, cache) as library:
        library.sync(quiet)
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (6,)
    monkeypatch.undo()
    with open_library(folder, cache) as library:
        library.sync(quiet)
        assert members(library) == [{"r1", "r2"}, {"t1", "t2"}]
    assert set(kept(database)) == {"r1", "r2", "t1", "t2"}
