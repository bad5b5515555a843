"""Each article's pairs of adjacent words (the archive's phrase index, see `pg_schema` 11 and
13), made where the article is analysed: the very tsvector the server's `reader_pairs` makes
of the same vector, else none and the server's; and an archive of migration 12 (the pairs an
index's expression) migrated keeping its articles and its phrases (tests/pg_cluster.py
starts the server)."""

from __future__ import annotations

import random

import pytest

from tests.core.test_archive import archive  # noqa: F401  # the fixture
from tests.core.test_archive_index import EDGES, written_seeds
from tests.core.test_archive_plans import older_archive
from tests.core.test_store_contract import fill, seed_paths

pytest.importorskip("psycopg")
from reader.core.store import Filters, Words  # noqa: E402
from reader.core.store.pg_store import ArchiveStore  # noqa: E402
from reader.core.store.search_vector import search_columns  # noqa: E402

TOO_LONG = [
    ("a" * 2047 + " b " + "c" * 2046, "", "d"),  # `b` and 2,046 c: 2,048 bytes
    ("b" * 1020, "", "c" * 1026 + " d"),  # 2,047 bytes: kept by the server, not read
    tuple(" ".join(f"{kind}{n:035d}" for n in range(5500)) for kind in "tab"),  # 1.2 MB
]
"""Pairs longer than a lexeme may be, or than a tsvector's lexemes: the server's
`array_to_tsvector` cuts them."""

_draw = random.Random(13)
PAIRED = [
    *(edge for edge in EDGES if edge not in TOO_LONG),
    ("Twice twice", "twice", "twice twice. Twice, twice\n\ntwice twice"),  # repeated pairs
    ("", "", "a b " * 200 + "a b"),  # a pair past the positions a term keeps
    ("", "", "x " * 16_380 + "p q r s t"),  # words on the last position, paired with all
    ("", "", "one two\n\n" + "w " * 16_390),  # the lead's and the rest's joined past it
    ("b" * 1020, "", "c" * 1025 + " d"),  # a pair as long as a lexeme may be
    *[
        (
            " ".join(_draw.choice("the a of pole vote Vote 7 x1".split()) for _ in range(6)),
            _draw.choice(["", "Anna Smith\nBob", "Bob"]),
            " ".join(_draw.choice("the a of to pole vote 7 x1 .\n\n".split(" ")) for _ in range(n)),
        )
        for n in (0, 1, 2, 50, 400, 3000)
    ],
]
SERVERS = "reader_pairs(CAST(? AS tsvector))"


def test_the_workers_pairs_are_the_servers(archive) -> None:  # noqa: F811
    store, *_ = archive
    with store.db.read() as db:
        for title, actors, body in PAIRED:
            vector, pairs = search_columns(title, actors, body)
            assert vector is not None and pairs is not None, (title or "")[:40]
            (same,) = db.execute(
                f"SELECT CAST(? AS tsvector) = {SERVERS}", (pairs, vector)
            ).fetchone()
            assert same, ((title or "")[:40], (body or "")[:40])
        (empty,) = db.execute(
            f"SELECT {SERVERS}::text", (search_columns("", "", "")[0],)
        ).fetchone()
        assert empty == "" and search_columns("", "", "")[1] == ""
        for title, actors, body in TOO_LONG:
            vector, pairs = search_columns(title, actors, body)
            assert vector is not None and pairs is None
    assert search_columns("Café", "", "a phrase") == (None, None)


def test_a_row_without_pairs_gets_the_servers(archive) -> None:  # noqa: F811
    """Written by an older indexer, without its pairs (or its vector), a row gets the
    server's; an update of its words or vector makes them again; pairs written are kept."""
    store, *_ = archive
    vector, _ = search_columns("Brought along", "", "with its pairs")
    written = "INSERT INTO articles (id, path, title, search, pairs) VALUES (?, 'x', 'T', ?, ?)"
    with store.db.write() as db:
        db.execute(written, ("both", vector, "'kept pairs'"))
        db.execute(written, ("vector", vector, None))
        db.execute("INSERT INTO articles (id, path, title) VALUES ('none', 'x', 'Made here')")
        db.execute("INSERT INTO articles (id, path, title, pairs) VALUES ('odd', 'x', 'A b', 'q')")
        db.execute("INSERT INTO articles (id, path, title) VALUES ('title', 'x', 'Old title')")
        db.execute("UPDATE articles SET title = 'The new title' WHERE id = 'title'")
        db.execute("UPDATE articles SET search = 'new:1 vector:2' WHERE id = 'vector'")
    with store.db.read() as db:
        rows = dict(db.execute("SELECT id, pairs::text FROM articles").fetchall())
        differ = db.execute(
            "SELECT id FROM articles WHERE pairs IS DISTINCT FROM reader_pairs(search)"
        ).fetchall()
    assert differ == [("both",)]
    assert rows == {
        "both": "'kept pairs'",
        "vector": "'new vector'",
        "none": "'made here'",
        "odd": "'a b'",
        "title": "'new title' 'the new'",
    }


def test_indexed_articles_bring_their_pairs(archive) -> None:  # noqa: F811
    store, *_ = archive
    written_seeds(store)
    with store.db.read() as db:
        (differ,) = db.execute(
            "SELECT count(*) FROM articles WHERE pairs IS DISTINCT FROM reader_pairs(search)"
        ).fetchone()
    assert differ == 0


def test_an_archive_of_migration_12_is_migrated_keeping_its_phrases(postgres, monkeypatch):
    from reader.core.store.pg_schema import MIGRATIONS

    url, before, vectors = older_archive(
        postgres, monkeypatch, "pairs_before_13", 12, seed_paths()[:1]
    )
    with ArchiveStore(url) as store:
        assert store.db.version() == len(MIGRATIONS) == 16
        assert {h.id: h.title for h in store.headers()} == before
        fill(store, seed_paths()[1:])
        with store.db.read() as db:
            assert {
                i: v for i, v in db.execute("SELECT id, search::text FROM articles") if i in before
            } == vectors
            (differ,) = db.execute(
                "SELECT count(*) FROM articles WHERE pairs IS DISTINCT FROM reader_pairs(search)"
            ).fetchone()
            (generated,) = db.execute(
                "SELECT attgenerated FROM pg_attribute"
                " WHERE attrelid = 'articles'::regclass AND attname = 'pairs'"
            ).fetchone()
            (indexed,) = db.execute("SELECT pg_get_indexdef('articles_pairs'::regclass)").fetchone()
        assert (differ, generated) == (0, "")
        assert indexed.endswith("USING gin (pairs)")
        for title in {t for t in store_titles(store) if len(t.split()) >= 3}:
            phrase = " ".join(title.lower().split()[:3])
            rows = store.candidates([Words(phrase=phrase)], Filters(), "recent", 200)
            assert title in {row[2] for row in rows}, phrase


def store_titles(store: ArchiveStore) -> list[str]:
    return [header.title for header in store.headers()]
