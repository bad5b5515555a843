"""The SQLite store: files analysed once, changes and deletions followed, kill -9 survived."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from reader.core import file_rows
from reader.core import sync as sync_module
from reader.core.corpus import Corpus
from reader.core.library import Library
from reader.core.model import Analysis
from reader.core.search import search_store
from reader.core.settings import Settings
from reader.core.store import Store, codec
from reader.core.stories import merged as merged_module
from reader.core.sync import sync
from tests.conftest import ROOT
from tests.core.conftest import write


def open_corpus(paths, warn, cache_dir=None):
    """The corpus as the CLI's subcommands open it: synced and merged, through the Library."""
    return Library(paths, Settings.resolve(cache=cache_dir)).open(warn)


@pytest.fixture
def analysed(monkeypatch):
    """The titles of the articles analysed, in order."""
    seen: list[str] = []
    real = file_rows.analyze_article

    def counting(article):
        seen.append(article.title)
        return real(article)

    monkeypatch.setattr(file_rows, "analyze_article", counting)
    return seen


def test_unchanged_files_are_never_analysed_again(tmp_path, corpus_dir, analysed):
    cache = tmp_path / "cache"
    corpus = open_corpus([corpus_dir], print, cache_dir=cache)
    assert sorted(a.id for a in corpus.articles) == ["a", "b", "c"]
    assert len(analysed) == 3
    again = open_corpus([corpus_dir], print, cache_dir=cache)
    assert len(analysed) == 3
    assert [a.to_json() for a in again.articles] == [a.to_json() for a in corpus.articles]
    assert again.analysis("b").to_json() == corpus.analysis("b").to_json()


def test_changed_touched_and_deleted_files(tmp_path, corpus_dir, analysed):
    cache = tmp_path / "cache"
    open_corpus([corpus_dir], print, cache_dir=cache)
    write(corpus_dir, "a.txt", "Summit back on", "The summit is back on.")
    os.utime(corpus_dir / "b.txt", ns=(1, 1))  # mtime moves, content does not
    (corpus_dir / "c.txt").unlink()
    corpus = open_corpus([corpus_dir], print, cache_dir=cache)
    assert analysed[3:] == ["Summit back on"]
    assert sorted(a.title for a in corpus.articles) == ["Sanctions imposed", "Summit back on"]
    store = Store.for_paths([corpus_dir], cache)
    assert search_store(store, "markets") == []
    assert [h.article for h in search_store(store, "back")] == ["a"]


def test_a_new_analyzer_version_analyses_again(tmp_path, corpus_dir, analysed, monkeypatch):
    cache = tmp_path / "cache"
    open_corpus([corpus_dir], print, cache_dir=cache)
    monkeypatch.setattr(codec, "ANALYZER_VERSION", "test-next")
    open_corpus([corpus_dir], print, cache_dir=cache)
    assert len(analysed) == 6


def test_bad_files_are_reported_and_kept_out(tmp_path, corpus_dir):
    (corpus_dir / "empty.txt").write_text("")
    warnings: list[str] = []
    corpus = open_corpus([corpus_dir], warnings.append, cache_dir=tmp_path / "cache")
    assert len(corpus.articles) == 3
    assert any("empty.txt" in w and "empty" in w for w in warnings)


def test_cache_dir_from_the_environment(tmp_path, corpus_dir, monkeypatch):
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "env-cache"))
    open_corpus([corpus_dir], print)
    assert list((tmp_path / "env-cache").glob("corpus-*.sqlite3"))


def test_same_stem_in_two_folders_keeps_ids_unique(tmp_path, corpus_dir):
    other = corpus_dir / "more"
    other.mkdir()
    write(other, "a.txt", "Another a", "A different article with the same stem.")
    corpus = open_corpus([corpus_dir], print, cache_dir=tmp_path / "cache")
    ids = [a.id for a in corpus.articles]
    assert len(set(ids)) == len(ids) == 4


INDEXER = textwrap.dedent(
    """
    import sys, time
    from reader.core import store, sync
    sync.BATCH_FILES = 40
    def progress(done, total):
        print(done, flush=True)
        time.sleep(0.005)
    sync.sync(store.Store.for_paths([sys.argv[1]], sys.argv[2]), [sys.argv[1]], print, progress)
    """
)


def test_kill_9_mid_index_leaves_a_store_that_opens_and_finishes(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    total = 600
    for number in range(total):
        write(folder, f"{number:04d}.txt", f"Report {number}", f"Body of report {number}.")
    cache = tmp_path / "cache"
    indexer = subprocess.Popen(
        [sys.executable, "-c", INDEXER, str(folder), str(cache)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        for line in indexer.stdout:
            if int(line) >= 130:
                break
    finally:
        os.killpg(indexer.pid, signal.SIGKILL)  # the indexer and its worker processes
        indexer.wait()
    assert indexer.returncode == -signal.SIGKILL

    database = next(cache.glob("corpus-*.sqlite3"))
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        (files,) = connection.execute("SELECT count(*) FROM files").fetchone()
        (articles,) = connection.execute("SELECT count(*) FROM articles").fetchone()
    assert 0 < files < total  # killed mid-index, after some batches were committed
    assert articles == files

    store = Store.for_paths([folder], cache)
    sync(store, [folder], print)
    with store.db.read() as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone() == (total,)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert [h.article for h in search_store(store, '"report 599"')] == ["0599"]


def test_a_damaged_or_old_store_is_rebuilt(tmp_path, corpus_dir):
    cache = tmp_path / "cache"
    open_corpus([corpus_dir], print, cache_dir=cache)
    database = next(cache.glob("corpus-*.sqlite3"))
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA user_version = 999")
    assert len(open_corpus([corpus_dir], print, cache_dir=cache).articles) == 3
    for leftover in cache.glob("corpus-*.sqlite3*"):
        leftover.unlink()
    database.write_bytes(b"this is not a database" * 100)
    assert len(open_corpus([corpus_dir], print, cache_dir=cache).articles) == 3


def test_a_store_of_layout_4_keeps_its_analyses_and_drops_its_whole_merge(
    tmp_path, corpus_dir, analysed
):
    cache = tmp_path / "cache"
    open_corpus([corpus_dir], print, cache_dir=cache)
    database = next(cache.glob("corpus-*.sqlite3"))
    with sqlite3.connect(database) as connection:  # what layout 4 had beside today's tables
        connection.execute("DROP TABLE story_corpora")
        connection.execute("CREATE TABLE story_corpora (story TEXT, stamp TEXT, data TEXT)")
        connection.execute("CREATE TABLE actors (position INTEGER PRIMARY KEY, data TEXT)")
        connection.execute("ALTER TABLE articles DROP COLUMN vector")
        connection.execute("PRAGMA user_version = 4")
    analysed.clear()
    corpus = open_corpus([corpus_dir], print, cache_dir=cache)
    assert analysed == [], "no article analysed again"
    assert any(actor.name == "Russian" for actor in corpus.actors)
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        assert "actors" not in tables and "story_actors" in tables


def test_a_bad_file_is_reported_on_every_run(tmp_path, corpus_dir):
    (corpus_dir / "empty.txt").write_text("  \n")
    for _ in range(2):
        warnings: list[str] = []
        open_corpus([corpus_dir], warnings.append, cache_dir=tmp_path / "cache")
        assert [w for w in warnings if "empty.txt" in w]


def test_an_analysis_failure_keeps_the_article_with_a_message(tmp_path, corpus_dir, monkeypatch):
    def broken(article):
        if article.title == "Markets fall":
            raise ValueError("unexpected text")
        return Analysis()

    monkeypatch.setattr(file_rows, "analyze_article", broken)
    warnings: list[str] = []
    corpus = open_corpus([corpus_dir], warnings.append, cache_dir=tmp_path / "cache")
    assert sorted(a.id for a in corpus.articles) == ["a", "b", "c"]
    assert corpus.analysis("c").entities == []
    assert any("c.txt" in w and "unexpected text" in w for w in warnings)


@pytest.fixture
def merges(monkeypatch):
    """How many times the merge across articles was built."""
    built = []
    real = Corpus.build

    def counting(articles, analyses=None):
        built.append(len(articles))
        return real(articles, analyses)

    monkeypatch.setattr(Corpus, "build", counting)
    return built


def test_a_stored_corpus_is_lazy_and_reads_one_article_at_a_time(tmp_path, corpus_dir):
    corpus = open_corpus([corpus_dir], print, cache_dir=tmp_path / "cache")
    assert all(article.paragraphs == [] for article in corpus.articles)
    assert corpus.analyses == {}
    whole = corpus.article("b")
    assert whole.paragraphs == ["New sanctions hit Russian banks on Tuesday."]
    assert any(timex.text == "Tuesday" for timex in corpus.analysis("b").timexes)
    assert corpus.article("nope") is None
    assert corpus.analysis("nope") is None


def test_each_story_is_merged_once_and_again_only_when_its_articles_change(
    tmp_path, corpus_dir, merges
):
    cache = tmp_path / "cache"
    first = open_corpus([corpus_dir], print, cache_dir=cache)
    built = len(merges)
    assert sum(merges) == 3, "every article merged once, within its story"
    again = open_corpus([corpus_dir], print, cache_dir=cache)
    assert len(merges) == built, "nothing merged again"
    assert [a.to_json() for a in again.actors] == [a.to_json() for a in first.actors]
    assert [e.to_json() for e in again.events] == [e.to_json() for e in first.events]
    russian = next(e for e in again.analysis("b").entities if e.text == "Russian")
    assert again.actor_index.actor_at("b", russian.start) == "Russian"

    write(corpus_dir, "d.txt", "Talks resume", "Talks with Vladimir Putin resume on Friday.")
    library = Library([corpus_dir], Settings.resolve(cache=cache))
    grown = library.open(print)
    story = library.story(library.story_of("d") or "")
    assert story is not None
    assert merges[built:] == [len(story.articles)], "only the new article's story merged"
    assert any(actor.name == "Vladimir Putin" for actor in grown.actors)
    library.close()
    (corpus_dir / "d.txt").unlink()
    built = len(merges)
    shrunk = open_corpus([corpus_dir], print, cache_dir=cache)
    rest = len(story.articles) - 1
    assert merges[built:] == ([rest] if rest else []), "only the story it left merged again"
    assert not any(actor.name == "Vladimir Putin" for actor in shrunk.actors)


def test_many_stories_merge_in_worker_processes(tmp_path, corpus_dir, merges, monkeypatch):
    monkeypatch.setattr(merged_module, "APART_FROM", 1)
    corpus = open_corpus([corpus_dir], print, cache_dir=tmp_path / "cache")
    assert merges == [], "not built in this process"
    assert any(actor.name == "Russian" for actor in corpus.actors)


CAPTURED_STDERR = textwrap.dedent(
    """
    import sys
    from reader.core import store, sync

    class Captured:  # what a TUI puts in sys.stderr: writable, with no file descriptor
        def write(self, text): return len(text)
        def flush(self): pass
        def fileno(self): return -1

    sys.stderr = Captured()
    folder, cache = sys.argv[1:]
    files = sync.sync(store.Store.for_paths([folder], cache), [folder], print)
    print(len(files))
    """
)


def test_worker_processes_start_when_stderr_is_captured(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(sync_module.PARALLEL_FROM):
        write(folder, f"{number:04d}.txt", f"Report {number}", f"Body of report {number}.")
    done = subprocess.run(
        [sys.executable, "-c", CAPTURED_STDERR, str(folder), str(tmp_path / "cache")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(sync_module.PARALLEL_FROM)]


@pytest.mark.parametrize("root", [".", "./", "news", "news/", "./news", "news/./", "news//", "ABS"])
def test_the_listing_keys_files_as_file_key_does(tmp_path, monkeypatch, root):
    """The sync keys the files it lists without a Path for each: the same keys file_key
    gives, whatever form the root is given in, names not UTF-8 too."""
    folder = tmp_path / "news" / os.fsdecode(b"\xff-part")
    folder.mkdir(parents=True)
    write(folder, os.fsdecode(b"caf\xe9.txt"), "Latin-1 name", "Body.")
    write(tmp_path / "news", "plain.txt", "Plain", "Body.")
    monkeypatch.chdir(tmp_path if root != "." and root != "./" else tmp_path / "news")
    root = str(tmp_path / "news") if root == "ABS" else root
    order, local = sync_module._listing([root], print)
    assert len(order) == 2
    assert order == [file_rows.file_key(path) for path in local.values()]
