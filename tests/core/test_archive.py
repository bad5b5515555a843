"""What only the shared archive does: readers hear of what indexers write, a restarted server
is reconnected to, and a read-only role reads (tests/pg_cluster.py starts the server)."""

from __future__ import annotations

import itertools
import queue
import threading
import time

import pytest

from tests.core.test_store_contract import fill, seed_paths

pytest.importorskip("psycopg")
from reader.core.store.pg_store import ArchiveStore  # noqa: E402
from reader.core.store_url import parse_store_url  # noqa: E402

_names = itertools.count()


def merged_stale(store: ArchiveStore) -> list[str]:
    from reader.core.stories.merged import stale_stories

    return sorted(stale_stories(store))


WAIT = 10.0
"""Seconds a test waits for what should come at once (never a measure of speed)."""


@pytest.fixture
def archive(postgres):
    name = f"archive_{next(_names)}"
    url = postgres.new_database(name)
    with ArchiveStore(parse_store_url(url)) as store:
        yield store, postgres, name


def listening(store: ArchiveStore, stop: threading.Event) -> queue.Queue[str]:
    heard: queue.Queue[str] = queue.Queue()
    ready = threading.Event()

    def listen() -> None:
        ready.set()
        for word in store.changes(stop):
            heard.put(word)

    threading.Thread(target=listen, daemon=True).start()
    ready.wait(WAIT)
    return heard


def test_a_reader_hears_what_an_indexer_writes(archive) -> None:
    reader, postgres, name = archive
    stop = threading.Event()
    try:
        heard = listening(reader, stop)
        with ArchiveStore(parse_store_url(postgres.url(database=name))) as indexer:
            for _ in range(20):  # until the listener has started listening
                fill(indexer, seed_paths()[:1])
                try:
                    assert heard.get(timeout=0.5) == "changed"
                    break
                except queue.Empty:
                    continue
            else:
                pytest.fail("no notification heard")
            assert reader.count() == 1
    finally:
        stop.set()


def test_a_readers_vocabulary_is_read_again_when_an_indexer_refreshed_it(archive) -> None:
    """A reader asks the index for a prefix's terms from its copy of the vocabulary: an
    indexer's refresh tells it the copy is stale, and a term written since is found."""
    reader, postgres, name = archive
    assert reader.vocabulary().terms == []
    stop = threading.Event()
    try:
        listening(reader, stop)
        with ArchiveStore(parse_store_url(postgres.url(database=name))) as indexer:
            fill(indexer, seed_paths()[:1])
        deadline = time.monotonic() + WAIT
        while reader._vocabulary is not None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert reader.vocabulary().terms != []
    finally:
        stop.set()


def test_a_restarted_server_is_reconnected_to(archive) -> None:
    store, postgres, _ = archive
    fill(store, seed_paths())
    stop = threading.Event()
    try:
        heard = listening(store, stop)
        postgres.stop()
        postgres.start()
        assert store.count() == len(seed_paths()), "the pool connects again"
        assert heard.get(timeout=WAIT) == "lost"
        assert heard.get(timeout=WAIT) == "reconnected"
    finally:
        stop.set()


def test_a_server_heard_gone_is_said_at_the_next_read_without_the_whole_wait(
    archive,  # noqa: F811
    monkeypatch,
) -> None:
    """The listening connection ends with the server: the next read fails after
    QUICK_SECONDS, not after the CONNECT_SECONDS a pool waits for a connection."""
    from reader.core.errors import StoreError
    from reader.core.store import pg_db

    store, postgres, _ = archive
    monkeypatch.setattr(pg_db, "QUICK_SECONDS", 0.2)
    monkeypatch.setattr(store.db._pool, "timeout", 60.0)  # the wait it no longer has
    stop, stopped = threading.Event(), False
    try:
        heard = listening(store, stop)
        postgres.stop()
        stopped = True
        assert heard.get(timeout=WAIT) == "lost"
        began = time.monotonic()
        with pytest.raises(StoreError, match=f"127.0.0.1:{postgres.port}"):
            store.count()
        assert time.monotonic() - began < WAIT
    finally:
        stop.set()
        if stopped:
            postgres.start()


def test_a_watching_indexer_says_the_server_is_gone_and_goes_on_once_it_is_back(
    archive,  # noqa: F811
    tmp_path,
    monkeypatch,
) -> None:
    """`reader index --watch`: a pass the stopped server fails is said (host and port, no
    password) and tried again until the server is back; the file it was for is indexed."""
    from reader.core import indexer as indexer_module
    from reader.core.indexer import Indexer
    from reader.core.library import Library
    from reader.core.settings import Settings
    from reader.core.store import pg_db
    from tests.core.conftest import write

    store, postgres, name = archive
    monkeypatch.setattr(indexer_module, "RETRY_SECONDS", 0.2)
    monkeypatch.setattr(pg_db, "CONNECT_SECONDS", 1.0)  # a stopped server: said within a second
    folder = tmp_path / "desk"
    folder.mkdir()
    write(folder, "a.txt", "Talks open", "The talks opened in Geneva on Monday.")
    said: list[str] = []
    url = parse_store_url(postgres.url(database=name))
    settings = Settings.resolve(cache=tmp_path / "cache", store=url)
    with Library([str(folder)], settings) as library:
        indexer = Indexer(library, said.append)
        assert indexer.index() == 1
        stop, passed = threading.Event(), threading.Event()
        watching = threading.Thread(target=indexer.watch, args=(60, stop, passed.set), daemon=True)
        watching.start()
        postgres.stop()
        try:
            deadline = time.monotonic() + 3 * WAIT
            while not any("trying again" in line for line in said) and time.monotonic() < deadline:
                write(folder, "b.txt", "Talks resume", "The talks resumed on Tuesday.")
                time.sleep(0.3)
        finally:
            postgres.start()
        assert passed.wait(3 * WAIT), "the pass tried again once the server is back"
        stop.set()
        watching.join(WAIT)
    assert not watching.is_alive()
    assert store.count() == 2
    lost = next(line for line in said if "trying again" in line)
    assert f"127.0.0.1:{postgres.port}" in lost and "secret" not in " ".join(said)


def test_a_pooled_connection_the_server_ended_is_replaced_before_it_is_lent(archive) -> None:
    """A connection is lent without asking the server first unless the server has said
    something since (here: it ended the connection), and then it is replaced."""
    import psycopg

    store, postgres, name = archive
    fill(store, seed_paths())
    with psycopg.connect(postgres.url(database=name), autocommit=True) as other:
        ended = "SELECT pid FROM pg_stat_activity WHERE application_name = 'reader'"
        pids = [pid for (pid,) in other.execute(ended)]
        assert pids
        other.execute("SELECT pg_terminate_backend(pid, 10000) FROM unnest(%s::int[]) pid", (pids,))
    assert store.count() == len(seed_paths())


def test_a_pooled_connection_probes_its_idle_peer(archive) -> None:
    """An idle connection's socket sends keepalive probes within half a minute (not the
    system's two hours): a peer gone silently errs it, and it is replaced before it is lent."""
    import socket

    store, _, _ = archive
    with store.db._pool.connection() as connection:
        lent = socket.socket(fileno=connection.fileno())
        try:
            assert lent.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE)
            assert lent.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE) == 30
        finally:
            lent.detach()  # the connection's own socket: not closed here


def test_a_read_only_role_on_an_older_archive_is_told_an_indexer_must_open_it(
    postgres, monkeypatch
) -> None:
    """A reader upgraded before the indexers: one line saying what to do, not the server's
    'permission denied' of the migration it may not run."""
    from reader.core.errors import StoreError
    from reader.core.store import pg_db
    from reader.core.store.pg_schema import MIGRATIONS

    url = postgres.new_database("older_for_viewer")
    viewer = parse_store_url(postgres.url("viewer", database="older_for_viewer"))
    monkeypatch.setattr(pg_db, "MIGRATIONS", MIGRATIONS[:-1])
    ArchiveStore(parse_store_url(url)).close()
    monkeypatch.setattr(pg_db, "MIGRATIONS", MIGRATIONS)
    told = rf"at version {len(MIGRATIONS) - 1} and this Reader needs {len(MIGRATIONS)}: open it"
    with pytest.raises(StoreError, match=told):
        ArchiveStore(viewer)
    ArchiveStore(parse_store_url(url)).close()  # an indexer's role brings it up to date
    with ArchiveStore(viewer) as store:
        assert store.db.version() == len(MIGRATIONS)


def test_a_read_only_role_reads_and_cannot_write(archive) -> None:
    store, postgres, name = archive
    fill(store, seed_paths())
    from reader.core.errors import StoreError

    with ArchiveStore(parse_store_url(postgres.url("viewer", database=name))) as viewer:
        assert viewer.count() == len(seed_paths())
        assert [h.id for h in viewer.headers()] == [h.id for h in store.headers()]
        with pytest.raises(StoreError, match="permission denied"):
            viewer.remove_files({str(seed_paths()[0])})


def test_two_indexers_share_a_folder_and_store_each_article_once(archive, tmp_path, monkeypatch):
    from reader.core.library import Library
    from reader.core.settings import Settings
    from reader.core.store import pg_store as archive_module

    _, postgres, name = archive
    folder = tmp_path / "desk"
    folder.mkdir()
    for number in range(40):
        (folder / f"{number:03d}.txt").write_text(
            f"Report {number}\n\nOfficials met in Geneva on Monday, report {number} said.\n"
        )
    monkeypatch.setattr(archive_module, "CLAIM", 4)
    errors: list[BaseException] = []

    def index(number: int) -> None:  # as `reader index`: files, stories, their merges
        url = parse_store_url(postgres.url(database=name))
        settings = Settings.resolve(cache=tmp_path / f"cache{number}", store=url)
        try:
            with Library([str(folder)], settings) as library:
                library.sync(print)
        except BaseException as error:  # noqa: BLE001 - said by the test
            errors.append(error)

    threads = [threading.Thread(target=index, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors
    with ArchiveStore(parse_store_url(postgres.url(database=name))) as store:
        headers = store.headers()
        assert len(headers) == 40 and len({h.id for h in headers}) == 40
        assert len({h.title for h in headers}) == 40
        assert not merged_stale(store), "every story merged, none twice over"


def test_a_killed_indexers_files_go_back_to_the_queue(archive, postgres) -> None:
    store, postgres, name = archive
    files = [(f"/desk/{n}.txt", f"/desk/{n}.txt") for n in range(3)]
    with ArchiveStore(parse_store_url(postgres.url(database=name))) as doomed:
        parts = doomed.claim(files)
        assert next(parts) == files  # taken, being read ... and then the indexer dies
        parts.close()
    assert list(store.claim(files)) == [files], "another indexer takes them"


def test_what_one_indexer_analysed_another_reuses(archive, tmp_path, monkeypatch) -> None:
    from reader.core import file_rows
    from reader.core.model import Analysis
    from reader.core.store import codec
    from reader.core.sync import sync

    store, postgres, name = archive
    text = "Talks open in Geneva\n\nDelegates of Acme Corp met Maria Lopez on Monday.\n"
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, file in ((first, "report.txt"), (second, "copy.txt")):
        folder.mkdir()
        (folder / file).write_text(text)
    sync(store, [str(first)], print)
    analysed: list[str] = []
    monkeypatch.setattr(
        file_rows, "analyze_article", lambda article: analysed.append(article.id) or Analysis()
    )
    with ArchiveStore(parse_store_url(postgres.url(database=name))) as other:
        sync(other, [str(second)], print)  # in this process: a few files
        (chunk,) = file_rows.process_chunk([str(second / "copy.txt")], other.location)  # a worker
        _, copied = other.article("copy")
    _, original = store.article("report")
    assert analysed == [], "the same content is not analysed again"
    assert original.entities and copied.entities == original.entities
    assert codec.analysis_from_data(chunk.rows[0][1][2]).entities == original.entities


def test_the_archive_actors_and_quotes_read_in_pages_as_whole(archive, tmp_path, monkeypatch):
    """The widened panel's reads (top actors, actors by name, pages of quotes) on PostgreSQL
    agree with reading every actor and quote in one go."""
    from reader.core.library import Library
    from reader.core.settings import Settings
    from reader.core.store import archive_pages as tables
    from tests.core.test_archive_view import VISA
    from tests.core.test_stories_store import TENNIS, quiet, write

    _, postgres, name = archive
    folder = tmp_path / "news"
    folder.mkdir()
    for file, article in [("t1", TENNIS[0]), ("t2", TENNIS[1]), ("v1", VISA)]:
        write(folder, f"{file}.txt", article)
    url = parse_store_url(postgres.url(database=name))
    with Library([str(folder)], Settings.resolve(cache=tmp_path / "cache", store=url)) as library:
        monkeypatch.setattr(tables, "PAGE", 2)
        corpus = library.open(quiet)
        whole = list(corpus.actors)
        assert len(corpus.actors) == len(whole) > 4
        assert [corpus.actors[i].to_json() for i in range(len(whole))] == [
            a.to_json() for a in whole
        ]
        top = Library.top_actors(corpus, 3)
        assert [(a.name, a.mentions) for a in top] == [(a.name, a.mentions) for a in whole[:3]]
        listed = Library.actors_named(corpus, [whole[0].name.upper()])
        assert listed[whole[0].name.upper()].mentions == whole[0].mentions
        found = Library.find_actor(corpus, whole[0].name)
        assert found is not None and found.to_json() == whole[0].to_json()
        quotes = corpus.quotes_of()
        assert [quotes[i] for i in range(len(quotes))] == list(quotes) != []
