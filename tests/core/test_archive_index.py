"""What the archive's indexers write, at the server's cost: the search vector as migration 1
made it (the body's words cut once), the vocabulary kept from what is written and removed
(not read from every article), and different files written at once (tests/pg_cluster.py
starts the server)."""

from __future__ import annotations

import random
import threading

import pytest

from tests.core.test_archive import WAIT, archive  # noqa: F401  # the fixture
from tests.core.test_store_contract import fill, seed_paths

pytest.importorskip("psycopg")
from reader.core.store.archive import StoryMerge  # noqa: E402
from reader.core.store.articles import FILES, file_lock  # noqa: E402
from reader.core.store.lookup import analysis_lookup  # noqa: E402
from reader.core.store.pg_db import BUCKETS, OWN_LOCKS  # noqa: E402
from reader.core.store.pg_schema import _SEARCH  # noqa: E402
from reader.core.store.pg_store import ArchiveStore  # noqa: E402
from reader.core.store.search_vector import PUNCTUATION, search_vector  # noqa: E402
from reader.core.store_url import parse_store_url  # noqa: E402
from reader.core.sync import process_file  # noqa: E402

VOCABULARY_AS_READ = "SELECT word, ndoc FROM ts_stat('SELECT search FROM articles') ORDER BY word"


def vocabulary(store: ArchiveStore) -> list[tuple[str, int]]:
    with store.db.read() as db:
        return db.execute("SELECT term, docs FROM vocabulary ORDER BY term").fetchall()


def counted(store: ArchiveStore) -> list[tuple[str, int]]:
    """Every term of the stored articles and how many hold it, read from all of them."""
    with store.db.read() as db:
        return db.execute(VOCABULARY_AS_READ).fetchall()


def bucket(store: ArchiveStore, path) -> int:
    """Which of the locks a file's writer takes (names of one bucket wait for each other)."""
    with store.db.read() as db:
        (found,) = db.execute(
            "SELECT hashtext(?) & ?", (file_lock(str(path)), BUCKETS - 1)
        ).fetchone()
    return found


def test_the_search_vector_is_the_one_the_first_schema_made(archive) -> None:  # noqa: F811
    store, *_ = archive
    fill(store, seed_paths()[:3])
    stored = store.count()
    bodies = [
        "Lead words here.\n\nThe rest, Café au lait.\n\nMore words here",
        "\n\nNo lead at all",
        "Only a lead, no break",
        None,
        "",
        "Ends on a break\n\n",
        "One\n\n\n\nTwo after an empty paragraph",
    ]
    with store.db.write() as db:
        for number, body in enumerate(bodies):
            db.execute(
                "INSERT INTO articles (id, path, position, title, body, actors)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (f"made-{number}", "made", number, f"Title {number}", body, "Anna Smith\nBob"),
            )
    with store.db.read() as db:
        (differ,) = db.execute(
            f"SELECT count(*) FROM articles WHERE search IS DISTINCT FROM ({_SEARCH})"
        ).fetchone()
        (rows,) = db.execute("SELECT count(*) FROM articles").fetchone()
    assert (differ, rows) == (0, stored + len(bodies))


EDGES = [
    ("Hello World", "Anna Smith\nBob", "Lead words, here.\n\nThe rest\n\nmore words here"),
    (None, None, None),
    ("", "", "\n\nNo lead at all"),
    ("Ends", "", "on a break\n\n"),
    ("Repeats", "", "word " * 300),  # more positions than a term keeps
    ("Long", "x", "q " + "y " * 17_000 + " z w"),  # past the last position
    ("Both", "w", "w " * 9_000 + "\n\n" + "w v " * 9_000),  # clamped where the parts join
    ("a" * 2047 + " b " + "c" * 2046, "", "d"),  # a word too long to index takes no position
    ("Codes A1b2C3 007", "O'Neil", "£5 “quoted” — it’s 50% «up» … 3×4, Ab AB ab\n\n\n\nab"),
]


def mixed(draw: random.Random, words: int) -> str:
    """Words of several kinds between separators of several kinds."""
    kinds = ["alpha", "Beta", "x1", "007", "the", "a", "Zeta9", "long" * 20]
    between = [" ", "\n\n", ", ", "-", "'", "“", "\n", "\n\n\n"]
    return "".join(draw.choice(kinds) + draw.choice(between) for _ in range(words))


_draw = random.Random(21)
EDGES += [
    (mixed(_draw, 8), mixed(_draw, 3), mixed(_draw, _draw.randint(0, 600))) for _ in range(30)
]


def test_the_workers_search_vector_is_the_servers(archive) -> None:  # noqa: F811
    """Made where the article is analysed, the vector is the one the server makes, term for
    term and position for position; text it may not make alike gets none (the server's)."""
    store, *_ = archive
    with store.db.read() as db:
        words = [db.execute("SELECT reader_words(?)", (c,)).fetchone()[0] for c in PUNCTUATION]
        for title, actors, body in EDGES:
            made = search_vector(title, actors, body)
            assert made is not None
            (same,) = db.execute(
                "SELECT CAST(? AS tsvector) = reader_search(?, ?, ?)", (made, title, actors, body)
            ).fetchone()
            assert same, title
    assert {word.strip() for word in words} == {""}
    assert search_vector("Café", "", "") is None
    assert search_vector("", "", "a number 2e3e4 the server cuts in two") is None


def written_seeds(store: ArchiveStore) -> list[tuple]:
    """The seeds analysed as an indexer's workers do and written: their article rows, most
    bringing what the workers make for the server (the vector, its pairs: the last column)."""
    cached = analysis_lookup(store.location)
    try:
        results = [process_file(str(path), cached) for path in seed_paths()]
    finally:
        cached.close()
    rows = [row for result in results for row, _ in result.rows]
    assert sum(row[-1] is not None for row in rows) > len(rows) // 2
    store.write_files(results, print)
    return rows


def test_indexed_articles_bring_their_search_vector(archive) -> None:  # noqa: F811
    store, *_ = archive
    written_seeds(store)
    with store.db.write() as db:  # a row bringing a vector keeps it; one without, the server's
        db.execute(
            "INSERT INTO articles (id, path, title, search) VALUES ('kept', 'x', 'Title', 'made:1')"
        )
        db.execute("INSERT INTO articles (id, path, title) VALUES ('made', 'x', 'Title')")
    with store.db.read() as db:
        differ = db.execute(
            f"SELECT id FROM articles WHERE search IS DISTINCT FROM ({_SEARCH}) ORDER BY id"
        ).fetchall()
    assert differ == [("kept",)]


def test_long_values_are_written_compressed_with_lz4(archive) -> None:  # noqa: F811
    """Bodies, vectors and pairs long enough to be compressed are (pg_schema 16), with lz4."""
    store, *_ = archive
    written_seeds(store)
    with store.db.read() as db:
        methods = db.execute(
            "SELECT pg_column_compression(body), pg_column_compression(search),"
            " pg_column_compression(pairs) FROM articles"
        ).fetchall()
    assert {method for row in methods for method in row} - {None} == {"lz4"}


def test_the_vocabulary_counts_what_is_written_and_removed(archive) -> None:  # noqa: F811
    store, *_ = archive
    paths = seed_paths()
    fill(store, paths)
    assert vocabulary(store) == counted(store) != []
    store.remove_files({str(paths[0]), str(paths[1])})
    fill(store, paths[2:3])  # written again: its terms counted out, then in
    assert vocabulary(store) == counted(store)
    store.remove_files({str(path) for path in paths})
    store.refresh_vocabulary()
    assert vocabulary(store) == []


def test_two_writers_write_different_files_at_once(archive) -> None:  # noqa: F811
    store, postgres, name = archive
    second, *others = seed_paths()
    first = next(path for path in others if bucket(store, path) != bucket(store, second))
    done = threading.Event()
    with ArchiveStore(parse_store_url(postgres.url(database=name))) as other:
        result = process_file(str(second))
        with store.db.write(lock=[file_lock(str(first))]) as db:  # one writer mid-transaction
            db.execute("INSERT INTO claims VALUES (?)", (str(first),))
            writer = threading.Thread(
                target=lambda: (other.write_files([result], print), done.set())
            )
            writer.start()
            assert done.wait(WAIT)  # the other file written meanwhile, not after
        writer.join()
    assert [path for path in store.stored_files()] == [str(second)]


def test_files_are_not_written_while_ids_are_given_or_files_removed(archive) -> None:  # noqa: F811
    """Giving ids and removing files take `files` alone; writing a file's rows holds it
    shared: a file written meanwhile could bring back what was removed, or undo a rename."""
    store, postgres, name = archive
    path, *_ = seed_paths()
    done = threading.Event()
    with ArchiveStore(parse_store_url(postgres.url(database=name))) as other:
        result = process_file(str(path))
        with store.db.write(lock=FILES):  # one indexer giving ids, mid-transaction
            writer = threading.Thread(
                target=lambda: (other.write_files([result], print), done.set())
            )
            writer.start()
            assert not done.wait(1.0), "a file was written while ids were given"
        assert done.wait(WAIT)  # written once they are given
        writer.join()
    assert [stored for stored in store.stored_files()] == [str(path)]


def test_an_archive_of_the_generated_vector_is_migrated_keeping_it(postgres, monkeypatch) -> None:
    """An archive made before migration 9 (the vector a generated column) keeps its vectors;
    then what is written brings its own, and a row without one gets the server's."""
    from types import MethodType

    from reader.core.store import pg_db
    from reader.core.store.articles import ArticleTables
    from reader.core.store.pg_schema import MIGRATIONS

    url = parse_store_url(postgres.new_database("archive_before_9"))
    monkeypatch.setattr(pg_db, "MIGRATIONS", MIGRATIONS[:8])
    with ArchiveStore(url) as older:
        older._insert_articles = MethodType(ArticleTables._insert_articles, older)  # as then
        fill(older, seed_paths()[:1])
        assert older.db.version() == 8
        before = older.count()
    monkeypatch.setattr(pg_db, "MIGRATIONS", MIGRATIONS)
    with ArchiveStore(url) as store:
        assert store.db.version() == len(MIGRATIONS)
        with store.db.write() as db:
            db.execute("INSERT INTO articles (id, path, title) VALUES ('new', 'x', 'Title')")
            db.execute("UPDATE articles SET title = 'Another title' WHERE id = 'new'")
        fill(store, seed_paths()[1:])
        with store.db.read() as db:
            (differ,) = db.execute(
                f"SELECT count(*) FROM articles WHERE search IS DISTINCT FROM ({_SEARCH})"
            ).fetchone()
            (generated,) = db.execute(
                "SELECT attgenerated FROM pg_attribute"
                " WHERE attrelid = 'articles'::regclass AND attname = 'search'"
            ).fetchone()
        assert (differ, generated) == (0, "")
        assert store.count() > before + 1
        assert vocabulary(store) == counted(store)  # the title updated: its terms too


def buckets(store: ArchiveStore, names: list[str]) -> set[int]:
    with store.db.read() as db:
        return {
            db.execute("SELECT hashtext(?) & ?", (name, BUCKETS - 1)).fetchone()[0]
            for name in names
        }


def held_off(store: ArchiveStore, other: ArchiveStore, holding: list[str], lock: list[str]) -> bool:
    """Whether `other`'s transaction locking `lock` waits while `store`'s holds `holding`."""
    done = threading.Event()
    failed: list[BaseException] = []

    def write() -> None:
        try:
            with other.db.write(lock=lock):
                done.set()
        except BaseException as error:  # told after the join: a failed write never "waited"
            failed.append(error)

    with store.db.write(lock=holding):
        writer = threading.Thread(target=write)
        writer.start()
        waited = not done.wait(0.5)
    writer.join()
    if failed:
        raise failed[0]
    return waited


def test_names_of_one_bucket_are_held_at_once_and_one_name_by_one(archive) -> None:  # noqa: F811
    """Two batches whose files share a bucket of locks are written at once (each file its
    own lock); one file is written by one at a time; a transaction naming more than
    OWN_LOCKS holds their buckets, and so every name of them."""
    store, postgres, name = archive
    by_bucket: dict[int, str] = {}
    for number in range(BUCKETS + 1):
        one = file_lock(f"/corpus/{number}.txt")
        (found,) = buckets(store, [one])
        if found in by_bucket:
            break
        by_bucket[found] = one
    first, second = by_bucket[found], one
    many = [f"mentions {number}" for number in range(OWN_LOCKS)] + [first]
    with ArchiveStore(parse_store_url(postgres.url(database=name))) as other:
        assert not held_off(store, other, [first], [second])
        assert held_off(store, other, [first], [second, first])
        assert held_off(store, other, many, [second])
        assert held_off(store, other, [second], many)


def test_two_stories_swapping_articles_wait_rather_than_deadlock(archive, monkeypatch) -> None:  # noqa: F811
    """Each merge drops the mentions kept for its story, of an article now in the other
    story too: it locks them first, so the two merges wait for each other (here both drop
    before either writes, where they can), neither aborted by the server as a deadlock."""
    from reader.core.errors import StoreError
    from reader.core.store import archive as archive_module

    store, postgres, name = archive
    first, second, x, y = next(
        names
        for n in range(100)
        if len(
            buckets(
                store,
                names := [
                    f"story merge one{n}",
                    f"story merge two{n}",
                    f"mentions x{n}",
                    f"mentions y{n}",
                ],
            )
        )
        == 4
    )
    one, two, x, y = first[12:], second[12:], x[9:], y[9:]
    store.save_story_merges([StoryMerge(one, "before", [], [], [], {x: {}})])
    store.save_story_merges([StoryMerge(two, "before", [], [], [], {y: {}})])
    both_dropped = threading.Barrier(2, timeout=2.0)
    drop = archive_module.drop_story_merges

    def dropping(db, stories) -> None:
        drop(db, stories)
        try:
            both_dropped.wait()
        except threading.BrokenBarrierError:  # the other merge waits for this one's locks
            pass

    monkeypatch.setattr(archive_module, "drop_story_merges", dropping)
    failed: list[str] = []

    def merge(into: ArchiveStore, story: str, article: str) -> None:
        try:
            into.save_story_merges([StoryMerge(story, "after", [], [], [], {article: {}})])
        except StoreError as error:
            failed.append(str(error))

    with ArchiveStore(parse_store_url(postgres.url(database=name))) as other:
        merges = [
            threading.Thread(target=merge, args=(store, one, y)),  # y moved to one,
            threading.Thread(target=merge, args=(other, two, x)),  # x to two
        ]
        for thread in merges:
            thread.start()
        for thread in merges:
            thread.join()
    with store.db.read() as db:
        kept = db.execute("SELECT id, story FROM story_mentions ORDER BY id").fetchall()
    assert failed == []
    assert sorted(kept) == sorted([(x, two), (y, one)])


def test_many_rows_are_written_as_one_by_one_would_write_them(archive) -> None:  # noqa: F811
    """An INSERT of one row of values, given many (an upsert written as one statement for
    many rows, a plain INSERT as one COPY): each row written; an upsert's repeated key
    leaves its last row, at the first's place; text COPY escapes (tabs, newlines,
    backslashes, `\\N`, quotes) and NULLs arrive as written."""
    from reader.core.store.db import upsert
    from reader.core.store.pg_db import _ONE_ROW, _many_rows

    store, *_ = archive
    rows = [("k1", "v", "first"), ("k2", "v", None), ("k1", "v", "last")]
    odd = ["a\tb\nc", "back\\slash \\N", "\\.", "'quoted' \"too\"", "é ✓ \u2028", ""]
    writes = [
        (upsert("analyses", ("key", "version", "data"), ("key", "version")), rows),
        ("INSERT INTO claims VALUES (?) ON CONFLICT DO NOTHING", [("a",), ("a",)]),
        ("INSERT INTO story_todo (id) VALUES (?)", [("x",), ("y",), ("x",)]),
        ("INSERT INTO story_corpora VALUES (?, ?)", [(t, t) for t in odd] + [("none", None)]),
    ]
    for sql, given in writes[:2]:  # one statement
        assert _many_rows(_ONE_ROW.fullmatch(sql), given) is not None  # type: ignore[arg-type]
    nulls = [(None, "v", "a"), (None, "v", "b")]
    assert _many_rows(_ONE_ROW.fullmatch(writes[0][0]), nulls) is None  # type: ignore[arg-type]
    with store.db.write() as db:
        for sql, given in writes:
            db.executemany(sql, given)
    with store.db.read() as db:
        analyses = db.execute("SELECT key, data FROM analyses ORDER BY key").fetchall()
        claims = db.execute("SELECT path FROM claims").fetchall()
        todo = db.execute("SELECT id FROM story_todo ORDER BY rowid").fetchall()
        corpora = db.execute("SELECT story, stamp FROM story_corpora").fetchall()
    assert analyses == [("k1", "last"), ("k2", None)]
    assert sorted(corpora, key=str) == sorted([(t, t) for t in odd] + [("none", None)], key=str)
    assert (claims, todo) == ([("a",)], [("x",), ("y",), ("x",)])


def _lookups_backends(url: str) -> list[int]:
    """Two chunks' look-ups one after the other (each its own `analysis_lookup`, closed
    after): the server process that answered each."""
    backends = []
    for _ in range(2):
        cached = analysis_lookup(url)
        assert cached(["no such key"]) == {}
        backends.append(cached.db.info.backend_pid)  # type: ignore[attr-defined]
        cached.close()
    return backends


def test_a_worker_keeps_its_look_ups_connection_from_chunk_to_chunk(archive) -> None:  # noqa: F811
    """In a worker process, the connection of a chunk's look-ups serves the next chunk's (a
    connection costs the server and the worker some 7 ms of CPU); in the process that
    started the workers, each is closed after its use."""
    import multiprocessing

    store, *_ = archive
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        first, then = pool.apply(_lookups_backends, (store.location,))
    assert first == then
    first, then = _lookups_backends(store.location)
    assert first != then
