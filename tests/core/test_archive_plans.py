"""How the shared archive answers what a reader asks, read from the server's plans (EXPLAIN)
on the throwaway server (tests/pg_cluster.py): the statements a search or a start issues are
caught as they are sent, then explained. Plans, not times: a plan that reads a whole table,
or every article's vector, costs in proportion to the archive whatever the machine."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest

from tests.core.conftest import write
from tests.core.test_store_contract import fill, seed_paths

pytest.importorskip("psycopg")
from reader.core.store import Filters, Words, pg_db, pg_index  # noqa: E402
from reader.core.store.pg_store import ArchiveStore  # noqa: E402
from reader.core.store_url import parse_store_url  # noqa: E402

_names = itertools.count()
SETTINGS = ("enable_seqscan", "enable_indexscan")
"""The settings a search may make for one read, explained with them."""


@pytest.fixture
def archive(postgres):
    url = postgres.new_database(f"plans_{next(_names)}")
    with ArchiveStore(parse_store_url(url)) as store:
        fill(store, seed_paths())
        yield store


def plans(
    store: ArchiveStore, action: Callable[[], Any], monkeypatch, without: str | None = None
) -> list[str]:
    """The plan of each SELECT `action` sends to the archive (explained after it ran, with
    the settings of the connection it was sent on: a search's forbid table scans, and the
    most recent matches' plain index scans); with
    `without`, as if that index were not there (dropped in the transaction, rolled back: on
    a few articles the planner may find one index enough where a large archive needs both)."""
    sent: list[tuple[str, list, dict[str, str]]] = []
    execute = pg_db.Connection.execute

    def caught(self, sql: str, params=()):
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            settings = {name: _setting(self, name) for name in SETTINGS}
            sent.append((sql, list(params), settings))
        return execute(self, sql, params)

    monkeypatch.setattr(pg_db.Connection, "execute", caught)
    action()
    monkeypatch.undo()
    explained = []
    for sql, params, settings in sent:
        with store.db.read() as db, db.connection.transaction(force_rollback=True):
            for name, value in settings.items():
                db.connection.execute(f"SET LOCAL {name} = {value}")
            if without is not None:
                db.connection.execute(f"DROP INDEX {without}")
            lines = db.execute(f"EXPLAIN {sql}", params).fetchall()
        explained.append("\n".join(line for (line,) in lines))
    return explained


def _setting(connection: pg_db.Connection, name: str) -> str:
    (value,) = connection.connection.execute(f"SHOW {name}").fetchone()
    return str(value)


def test_the_most_recent_matches_of_common_words_are_found_by_bitmaps(archive, monkeypatch):
    """The window's rowids and the matches (the GIN index, on an archive large enough for
    the planner to want it) in bitmaps: never the primary key read back, each article's
    vector read until enough match."""
    vocabulary = archive.vocabulary()
    first, second = sorted(vocabulary.terms, key=lambda term: -vocabulary.docs[term])[:2]
    for match in ([Words((first,)), Words((second,))], [Words((first,))]):
        recent = partial(archive.candidates, match, Filters(), "recent", 200)
        found = plans(archive, recent, monkeypatch)
        windows = [plan for plan in found if "search @@" in plan]
        assert windows and all("Bitmap Heap Scan on articles" in plan for plan in windows)
        read_back = re.compile(r"(?<!Bitmap )Index Scan.* on articles_pkey")
        assert not any(read_back.search(plan) for plan in windows), "read back, every vector"


def test_the_most_recent_matches_are_found_a_window_at_a_time(postgres, tmp_path, monkeypatch):
    """However narrow the first window, the matches come most recent first, each once, as
    many as asked (or every one), a phrase's as a word's."""
    url = postgres.new_database(f"plans_{next(_names)}")
    bodies = ["The harbour gate opened.", "Fog again.", "Ships left the harbour gate."] * 3
    with ArchiveStore(parse_store_url(url)) as store:
        fill(store, [write(tmp_path, f"{n}.txt", f"Day {n}", b) for n, b in enumerate(bodies)])
        with store.db.read() as db:
            rowids = [r for (r,) in db.execute("SELECT rowid FROM articles ORDER BY rowid DESC")]
        matching = [rowid for n, rowid in enumerate(rowids) if n % 3 != 1]
        monkeypatch.setattr("reader.core.store.pg_index.RECENT_FIRST", 1e-4)
        for match in ([Words(("harbour",))], [Words(phrase="harbour gate")]):
            for limit in (2, len(matching) + 5):
                rows = store.candidates(match, Filters(), "recent", limit)
                assert [row[0] for row in rows] == matching[:limit]


def test_a_phrase_is_looked_for_in_the_articles_holding_its_pairs_of_words(archive, monkeypatch):
    title = next(header.title for header in archive.headers() if len(header.title.split()) >= 3)
    phrase = " ".join(title.lower().split()[:3])
    match = [Words(phrase=phrase)]
    ranked = partial(archive.candidates, match, Filters(), "rank", 200)
    found = plans(archive, ranked, monkeypatch)
    assert found and all("articles_pairs" in plan for plan in found), found
    assert not any("articles_search" in plan for plan in found), "every article with its words"
    assert title in {row[2] for row in archive.candidates(match, Filters(), "recent", 200)}


def older_archive(postgres, monkeypatch, name: str, version: int, paths) -> tuple:
    """An archive at migration `version` holding `paths`, written as the Reader of then wrote
    (the server made every vector); its URL, its articles' titles and vectors by id. The
    migrations then are this Reader's again."""
    from types import MethodType

    from reader.core.store.articles import ArticleTables
    from reader.core.store.pg_schema import MIGRATIONS

    url = parse_store_url(postgres.new_database(name))
    monkeypatch.setattr(pg_db, "MIGRATIONS", MIGRATIONS[:version])
    with ArchiveStore(url) as older:
        older._insert_articles = MethodType(ArticleTables._insert_articles, older)  # as then
        fill(older, paths)
        assert older.db.version() == version
        before = {h.id: h.title for h in older.headers()}
        with older.db.read() as db:
            vectors = dict(db.execute("SELECT id, search::text FROM articles").fetchall())
    monkeypatch.setattr(pg_db, "MIGRATIONS", MIGRATIONS)
    return url, before, vectors


def test_an_archive_before_the_pairs_index_is_migrated_keeping_its_articles(postgres, monkeypatch):
    """An archive made before migration 11 keeps its articles and their vectors; the pairs
    of words of the articles it already held are indexed (its phrases are found) and their
    titles' and actor names' words kept apart (12), as those written after."""
    from reader.core.store.pg_schema import MIGRATIONS

    url, before, vectors = older_archive(postgres, monkeypatch, "plans_before_11", 10, seed_paths())
    with ArchiveStore(url) as store:
        assert store.db.version() == len(MIGRATIONS) == 16
        assert heads_differ(store) == 0
        assert {h.id: h.title for h in store.headers()} == before
        with store.db.read() as db:
            assert dict(db.execute("SELECT id, search::text FROM articles").fetchall()) == vectors
        title = next(t for t in before.values() if len(t.split()) >= 3)
        phrase = " ".join(title.lower().split()[:3])
        with store.db.read() as db:
            (valid,) = db.execute(
                "SELECT indisvalid FROM pg_index WHERE indexrelid = 'articles_pairs'::regclass"
            ).fetchone()
        assert valid
        rows = store.candidates([Words(phrase=phrase)], Filters(), "recent", 200)
        assert title in {row[2] for row in rows}
        with store.db.write() as db:
            db.execute("INSERT INTO articles (id, path, title) VALUES ('new', 'x', 'Title')")
            db.execute("UPDATE articles SET title = 'Another title' WHERE id = 'new'")
            db.execute("DELETE FROM articles WHERE id = ?", (next(iter(before)),))
        assert heads_differ(store) == 0


def heads_differ(store: ArchiveStore) -> int:
    """The articles whose kept title and actor words are not their vector's A and B."""
    with store.db.read() as db:
        (differ,) = db.execute(
            "SELECT count(*) FROM articles a FULL JOIN article_heads h ON h.rowid = a.rowid"
            " WHERE h.head IS DISTINCT FROM ts_filter(a.search, '{a,b}')"
        ).fetchone()
    return int(differ)


def test_words_asked_of_titles_and_actor_names_rank_without_reading_the_vectors(
    archive, monkeypatch
):
    vocabulary = archive.vocabulary()
    common = sorted(vocabulary.terms, key=lambda term: -vocabulary.docs[term])[0]
    for match in (
        [Words((common,), columns=("title", "actors"))],
        [Words((common,), columns=("actors",))],
    ):
        found = plans(
            archive, partial(archive.candidates, match, Filters(), "rank", 200), monkeypatch
        )
        assert found and all("article_heads" in plan for plan in found), found
        assert not any("search" in plan for plan in found), "the whole vector read"
    everywhere = [Words((common,))]
    found = plans(
        archive, lambda: archive.candidates(everywhere, Filters(), "rank", 200), monkeypatch
    )
    assert found and all("search" in plan and "article_heads" not in plan for plan in found)


def test_a_prefix_is_asked_of_the_index_as_the_terms_it_starts(archive, monkeypatch):
    """The same articles as the prefix itself (the index walks its terms for it), in every
    column and in titles alone."""
    vocabulary = archive.vocabulary()
    terms = vocabulary.terms
    starting = {term[:4]: [t for t in terms if t.startswith(term[:4])] for term in terms}
    prefix = max((p for p in starting if len(p) == 4), key=lambda p: len(starting[p]))
    everywhere, in_titles = [Words((), (prefix,))], [Words((), (prefix,), columns=("title",))]
    spelled = [archive.matching_ids(match, Filters()) for match in (everywhere, in_titles)]
    assert spelled[0] and 1 < len(starting[prefix]) <= pg_index.SPELLED
    monkeypatch.setattr(pg_index, "SPELLED", 0)
    assert [archive.matching_ids(match, Filters()) for match in (everywhere, in_titles)] == spelled
