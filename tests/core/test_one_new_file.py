"""One new file costs its own articles, not the archive's: the stories are updated from what
changed alone (the articles written or removed since the last update are noted by the store's
writers, `story_todo`), never from a scan of the archive, and nothing is lost between
processes or runs; the index's terms are copied when next searched, not by every sync; a
listed file's key is not parsed again. Real files in tmp dirs, a real SQLite store; every
statement's query plan is asked of SQLite."""

from __future__ import annotations

import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pytest

from reader.core import sync as sync_module
from reader.core.file_rows import file_key
from reader.core.library import Library
from reader.core.settings import Settings
from reader.core.stories import StoredStories
from reader.core.stories import stored as stored_module
from reader.core.stories.index import Settings as GroupingSettings
from tests.core.test_stories_store import REACTOR, TENNIS, quiet, write

TOPICS = [
    ("Wheat harvest", "farmers in Kansas brought in a record wheat harvest"),
    ("Rail strike", "train drivers in Britain walked out over pay"),
    ("Volcano erupts", "lava from Etna closed the airport at Catania"),
    ("Chess final", "Magnus Carlsen won the rapid chess final in Oslo"),
    ("Bank rates", "the central bank in Ottawa raised its interest rate"),
    ("Comet seen", "astronomers in Chile photographed a green comet"),
]
SCANNED = re.compile(
    r"\bSCAN (articles|story_articles|story_keys|story_corpora|a|s)\b(?! USING COVERING INDEX)"
)
"""A query plan step that reads every row of a table (counting the entries of a small index,
as the kept articles are counted, reads none of its rows)."""


def archive(folder: Path) -> None:
    """Two stories of two articles and a dozen stories of one: an archive in small."""
    write(folder, "r1.txt", REACTOR[0])
    write(folder, "r2.txt", REACTOR[1])
    write(folder, "t1.txt", TENNIS[0])
    for number, (title, what) in enumerate(TOPICS * 2):
        body = f"In the news today {what}, officials said on day {number}."
        write(
            folder, f"n{number:02d}.txt", (f"{title} {number}", f"2023-01-{number + 1:02d}", body)
        )


@pytest.fixture
def library(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    archive(news)
    with Library([str(news)], Settings.resolve(cache=tmp_path / "cache")) as opened:
        opened.sync(quiet)
        yield opened


@contextmanager
def statements(store, monkeypatch):
    """Every SQL statement the store runs meanwhile, as run (its values in place)."""
    run: list[str] = []

    def traced(manager):
        @contextmanager
        def wrapper(*args, **kwargs):
            with manager(*args, **kwargs) as db:
                db.set_trace_callback(run.append)
                try:
                    yield db
                finally:
                    db.set_trace_callback(None)

        return wrapper

    with monkeypatch.context() as patched:
        patched.setattr(store.db, "read", traced(store.db.read))
        patched.setattr(store.db, "write", traced(store.db.write))
        yield run


def plans(database: str, run: list[str]) -> list[tuple[str, str]]:
    """Each step of the query plans of the statements of `run`, with its statement."""
    found = []
    with sqlite3.connect(database) as db:
        for sql in run:
            if sql.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE")):
                found += [(sql, detail) for *_, detail in db.execute(f"EXPLAIN QUERY PLAN {sql}")]
    return found


def whole_table_reads(database: str, run: list[str]) -> list[tuple[str, str]]:
    """The statements of `run` whose query plan reads a whole table, with that step."""
    return [(sql, detail) for sql, detail in plans(database, run) if SCANNED.search(detail)]


def kept(library: Library) -> dict[str, tuple]:
    """Each article's kept story state: its story, link and vector."""
    return {row[0]: row[1:] for row in library.store.story_state_of(None)}


def test_one_new_file_is_placed_without_reading_the_archive(library, monkeypatch):
    monkeypatch.setattr(stored_module, "LOAD_ALL", 0)  # placed from the store, as at 100,000
    before = kept(library)
    stories_before = {s.id: s for s in library.stories()}
    folder = Path(library.paths[0])
    write(folder, "r3.txt", ("Grossi says Zaporizhzhia reactor safe", "2022-09-03", REACTOR[1][2]))
    with statements(library.store, monkeypatch) as run:
        library.sync(quiet, stories=False)
    assert whole_table_reads(library.store.database, run) == []
    with statements(library.store, monkeypatch) as run:
        touched = library.kept_stories.update()
    assert run, "the update ran statements"
    assert whole_table_reads(library.store.database, run) == []
    reactor = library.story_of("r3")
    assert reactor == library.story_of("r1") == library.story_of("r2")
    assert reactor in touched
    after = kept(library)
    assert set(after) == set(before) | {"r3"}
    others = [i for i in before if library.story_of(i) != reactor]
    assert len(others) >= 10 and all(after[i] == before[i] for i in others)
    stories_after = {s.id: s for s in library.stories()}
    unchanged = set(stories_before) - touched
    assert unchanged and all(stories_after[s] == stories_before[s] for s in unchanged)


def test_the_articles_and_stories_are_listed_from_indexes_without_a_body_or_vector(
    library, monkeypatch
):
    with statements(library.store, monkeypatch) as run:
        listed = library.stories()
        headers = library.store.headers(library.paths)
    # (the listing then kept, and the one-row tables saying whether it is current, aside)
    steps = [detail for _, detail in plans(library.store.database, run) if "articles" in detail]
    assert len(listed) >= 5 and len(headers) == 15 and steps
    assert all("USING COVERING INDEX" in detail for detail in steps), steps
    with statements(library.store, monkeypatch) as run:
        assert library.stories() == listed
    assert not [sql for sql in run if "articles" in sql], "listed again from the kept listing"


def test_a_removed_and_an_edited_file_are_found_without_reading_the_archive(library, monkeypatch):
    monkeypatch.setattr(stored_module, "LOAD_ALL", 0)
    folder = Path(library.paths[0])
    (folder / "r2.txt").unlink()
    write(folder, "n00.txt", ("Wheat harvest 0", "2023-01-01", "A late frost cut the crop."))
    library.sync(quiet, stories=False)
    with statements(library.store, monkeypatch) as run:
        library.kept_stories.update()
    assert whole_table_reads(library.store.database, run) == []
    assert library.story_of("r2") is None
    assert library.story_of("r1") is not None
    content = {row.id: row.content for row in library.store.story_rows()}
    key = library.store.article("n00")[0]
    assert key.paragraphs[-1] == "A late frost cut the crop."
    assert content["n00"].endswith("Wheat harvest 0")


def unplaced(tmp_path: Path) -> tuple[Path, Path, str]:
    """An archive synced with its stories, then one file added and one removed by a sync
    that places no stories (`reader search`): the folder, the cache and the database."""
    news = tmp_path / "news"
    news.mkdir()
    archive(news)
    cache = tmp_path / "cache"
    with Library([str(news)], Settings.resolve(cache=cache)) as first:
        first.sync(quiet)
        database = first.store.database
    write(news, "t2.txt", TENNIS[1])
    (news / "n03.txt").unlink()
    with Library([str(news)], Settings.resolve(cache=cache)) as searching:
        searching.sync(quiet, stories=False)
    return news, cache, database


def test_what_a_sync_without_stories_wrote_is_placed_by_the_next_run(tmp_path):
    news, cache, _ = unplaced(tmp_path)
    with Library([str(news)], Settings.resolve(cache=cache)) as later:
        later.sync(quiet)  # nothing new on disk: the sync hands over nothing itself
        assert later.story_of("t2") == later.story_of("t1") is not None
        assert later.story_of("n03") is None
        assert later.store.story_changes(later.kept_stories.version).done == []


def test_a_first_index_places_the_stories_while_it_writes_and_as_after(tmp_path, monkeypatch):
    """The stories are placed every few files written (beside the workers' analysis, not all
    after it), and come out as when placed once at the end."""
    news = tmp_path / "news"
    news.mkdir()
    archive(news)
    placed: list[int] = []
    original = StoredStories.update

    def update(self, cancel=None):
        placed.append(self.store.story_count())
        return original(self, cancel)

    monkeypatch.setattr(StoredStories, "update", update)
    results, counts = [], []
    for between in (4, 1000):
        monkeypatch.setattr(sync_module, "BATCH_FILES", 2)
        monkeypatch.setattr(sync_module, "BETWEEN_FILES", between)
        placed.clear()
        with Library([str(news)], Settings.resolve(cache=tmp_path / f"c{between}")) as library:
            library.sync(quiet)
            results.append([story.to_json() for story in library.stories()])
            assert library.store.story_changes(library.kept_stories.version).done == []
        counts.append(list(placed))
    assert counts == [[0, 4, 8, 12], [0]]  # 15 files: placed after 4, 8, 12, and at the end
    assert results[0] == results[1] and len(results[0]) >= 5


def test_another_grouping_places_every_article_again(library):
    ids = set(kept(library))
    regrouped = StoredStories(library.store, GroupingSettings(threshold=0.99))
    assert regrouped.version != library.kept_stories.version
    regrouped.update()
    contents = {row.id: row.content for row in library.store.story_rows()}
    assert set(contents) == ids
    assert all(c.startswith(regrouped.version) for c in contents.values())
    assert library.story_of("r1") != library.story_of("r2")  # nothing is that alike


def test_a_store_of_the_layout_before_is_looked_at_whole_once(tmp_path):
    news, cache, database = unplaced(tmp_path)
    with sqlite3.connect(database) as db:  # as layout 5 left it: no notes of what changed
        db.executescript("DROP TABLE story_todo; DROP TABLE story_version")
        db.execute("ALTER TABLE articles DROP COLUMN vector")
        db.execute("PRAGMA user_version = 5")
    with Library([str(news)], Settings.resolve(cache=cache)) as later:
        later.sync(quiet)
        assert later.story_of("t2") == later.story_of("t1") is not None
        assert later.story_of("n03") is None


def test_a_new_files_words_are_searched_for_with_typos_after_the_sync(library):
    folder = Path(library.paths[0])
    write(folder, "z1.txt", ("Quokka census", "2023-02-01", "Rangers counted every quokka."))
    library.sync(quiet, stories=False)  # the index's terms are copied when next read
    hits = library.search(None, "quokkka")
    assert [hit.article for hit in hits] == ["z1"]


@pytest.mark.parametrize(
    "path",
    [
        "news/a.txt",
        "/news/a.txt",
        "news//a.txt",
        "./news/a.txt",
        "news/./a.txt",
        "news/a/.",
        "news/",
        "/",
        "//news/a",
        ".",
        "news/../a.txt",
        "news/.a.txt",
        "news/a./b",
    ],
)
def test_a_files_key_is_its_path_as_path_writes_it(path):
    assert file_key(path) == str(Path(path))


def test_a_watched_batch_merges_its_stories_without_reading_every_story(library, monkeypatch):
    from reader.core.stories.merged import stale_stories

    list(library.steps(quiet, lambda done, total: None))  # the first load looks at every story
    folder = Path(library.paths[0])
    asked: list[str | None] = []
    rows = library.store.story_rows

    def story_rows(s=None, cancel=None):  # of one story, of several, or (None) of every one
        asked.extend([s] if s is None or isinstance(s, str) else s)
        return rows(s, cancel)

    monkeypatch.setattr(library.store, "story_rows", story_rows)
    new = write(folder, "r3.txt", ("Grossi says reactor safe", "2022-09-03", REACTOR[1][2]))
    retitled = write(folder, "n01.txt", ("Rail strike ends", "2023-01-02", "Drivers went back."))
    batch = {str(new.resolve()), str(retitled.resolve())}
    steps = list(library.steps(quiet, lambda done, total: None, True, False, None, batch))
    assert steps[-1].merged and asked and None not in asked, "no story read whole"
    assert {library.story_of("r3"), library.story_of("n01")} <= set(asked)
    monkeypatch.undo()
    assert stale_stories(library.store) == {}, "every story's kept merge is current"


def test_stories_another_process_changed_are_merged_by_the_next_refresh(library, tmp_path):
    from reader.core.stories.merged import stale_stories

    list(library.steps(quiet, lambda done, total: None))
    folder = Path(library.paths[0])
    write(folder, "t2.txt", TENNIS[1])  # placed by another process, which merges nothing
    with Library([str(folder)], Settings.resolve(cache=tmp_path / "cache")) as other:
        other.sync(quiet)
    mine = write(folder, "r3.txt", ("Grossi says reactor safe", "2022-09-03", REACTOR[1][2]))
    batch = {str(mine.resolve())}
    steps = list(library.steps(quiet, lambda done, total: None, True, False, None, batch))
    assert steps[-1].merged
    assert stale_stories(library.store) == {}, "the other process's stories merged too"


def test_one_new_file_lists_the_stories_without_every_storys_rows(library, monkeypatch):
    library.stories()  # the listing kept
    folder = Path(library.paths[0])
    write(folder, "r3.txt", ("Grossi says Zaporizhzhia reactor safe", "2022-09-03", REACTOR[1][2]))
    (folder / "n02.txt").unlink()
    asked: list[str | None] = []
    rows = library.store.story_rows
    monkeypatch.setattr(
        library.store, "story_rows", lambda s=None, cancel=None: asked.append(s) or rows(s, cancel)
    )
    library.sync(quiet)
    listed = library.stories()
    assert asked and None not in asked, "no listing of every story's rows"
    monkeypatch.undo()
    assert listed == StoredStories(library.store)._listed(keep=False)
    assert any(a.id == "r3" for story in listed for a in story.articles)
    assert not any(a.id == "n02" for story in listed for a in story.articles)


def test_a_listing_read_or_patched_is_patched_writing_out_its_changes_alone(library, monkeypatch):
    from reader.core.stories.listing import joined_listing, story_text

    library.stories()  # the listing kept, read
    folder = Path(library.paths[0])
    written: list[str] = []
    told = stored_module.story_text
    monkeypatch.setattr(stored_module, "story_text", lambda s: written.append(s.id) or told(s))
    monkeypatch.setattr(stored_module, "listed_texts", None)  # the one read or patched: not again
    for number, name in enumerate(("r3.txt", "r4.txt")):
        title = f"Grossi says Zaporizhzhia reactor safe {number}"
        write(folder, name, (title, f"2022-09-0{number + 3}", REACTOR[1][2]))
        written.clear()
        library.sync(quiet)
        listed = library.stories()
        assert listed == StoredStories(library.store)._listed(keep=False)
        assert library.store.kept_story_listing() == joined_listing(map(story_text, listed))
        assert written == [library.story_of(name[:-4])], "the changed story alone written out"
