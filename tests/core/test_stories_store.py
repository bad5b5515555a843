"""Stories kept in a real SQLite store across runs and updated one story at a time; each story's
own merge; the `story:` search filter. Real files in tmp dirs, as a user's folder."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.core import cancelling
from reader.core.corpus import Corpus
from reader.core.library import Library
from reader.core.settings import Settings
from reader.core.store import Store
from reader.core.stories import StoredStories
from reader.core.stories import stored as stored_module

REACTOR = [
    (
        "Inspectors reach Zaporizhzhia reactor",
        "2022-09-01",
        "Atomic Energy Agency inspectors led by Rafael Grossi reached the Zaporizhzhia nuclear "
        "plant on Thursday after shelling near the reactor, Grossi told reporters.",
    ),
    (
        "Grossi inspectors stay at Zaporizhzhia nuclear plant",
        "2022-09-02",
        "Two inspectors of the Atomic Energy Agency will stay at the Zaporizhzhia nuclear plant, "
        "Rafael Grossi said on Friday, after shelling damaged the reactor building.",
    ),
]
TENNIS = [
    (
        "Djokovic beats Kyrgios in Wimbledon final",
        "2022-07-10",
        "Novak Djokovic beat Nick Kyrgios in the Wimbledon final on Sunday to win a seventh "
        "Wimbledon title, as Kyrgios smashed his racket on Centre Court.",
    ),
    (
        "Kyrgios says Djokovic final was Wimbledon's best",
        "2022-07-11",
        "Nick Kyrgios said on Monday that his Wimbledon final against Novak Djokovic was the "
        "best tennis of his life, a day after Djokovic won on Centre Court.",
    ),
]


def write(folder: Path, name: str, article: tuple[str, str, str]) -> Path:
    title, published, body = article
    path = folder / name
    path.write_text(f"{title}\n\nPublished: {published}\n\n{body}\n", encoding="utf-8")
    return path


def quiet(message: str) -> None:
    pass


def open_library(folder: Path, cache: Path) -> Library:
    return Library([str(folder)], Settings.resolve(cache=cache))


def members(library: Library) -> list[set[str]]:
    return sorted(({a.id for a in story.articles} for story in library.stories()), key=sorted)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    write(news, "r1.txt", REACTOR[0])
    write(news, "r2.txt", REACTOR[1])
    write(news, "t1.txt", TENNIS[0])
    return news


def test_stories_are_kept_across_runs_and_one_story_updates_per_change(tmp_path, folder):
    cache = tmp_path / "cache"
    with open_library(folder, cache) as library:
        library.sync(quiet)
        assert members(library) == [{"r1", "r2"}, {"t1"}]
        reactor = library.story_of("r1")
        assert reactor == library.story_of("r2") != library.story_of("t1")

    def no_vectors(*args):
        raise AssertionError("an unchanged article was vectorised again")

    with open_library(folder, cache) as library:
        original = stored_module.vectorize
        stored_module.vectorize = no_vectors  # type: ignore[assignment]
        try:
            library.sync(quiet)  # nothing changed: nothing is placed again
            assert members(library) == [{"r1", "r2"}, {"t1"}]
        finally:
            stored_module.vectorize = original

        write(folder, "t2.txt", TENNIS[1])  # added: joins its story only
        library.sync(quiet)
        assert members(library) == [{"r1", "r2"}, {"t1", "t2"}]
        assert library.story_of("r1") == reactor

        write(folder, "r2.txt", TENNIS[1])  # changed: leaves its story for another
        library.sync(quiet)
        assert members(library) == [{"r1"}, {"r2", "t1", "t2"}]

        (folder / "t1.txt").unlink()  # removed: leaves its story
        library.sync(quiet)
        assert members(library) == [{"r1"}, {"r2", "t2"}]


def test_a_refresh_names_the_stories_it_touched_and_no_other(tmp_path, folder):
    with open_library(folder, tmp_path / "cache") as library:
        library.sync(quiet)
        tennis = library.story_of("t1")
        write(folder, "t2.txt", TENNIS[1])
        steps = list(library.steps(quiet, lambda done, total: None, refresh=True))
        assert steps[-1].merged and steps[-1].stories == {tennis}
        assert library.kept_stories.update() == set()


def test_the_same_files_give_the_same_stories_in_any_order_and_any_run(tmp_path):
    """One file at a time, a sync after each: in one Library (its index kept in memory) and
    in a new Library each time (the index restored from the store), in two orders."""
    articles = dict(zip(["r1.txt", "r2.txt", "t1.txt", "t2.txt"], REACTOR + TENNIS, strict=True))
    results = []
    for run, order in enumerate([list(articles), list(reversed(articles))]):
        for fresh in (False, True):
            folder, cache = tmp_path / f"news{run}{fresh}", tmp_path / f"cache{run}{fresh}"
            folder.mkdir()
            library = open_library(folder, cache)
            for name in order:
                write(folder, name, articles[name])
                if fresh:
                    library.close()
                    library = open_library(folder, cache)
                library.sync(quiet)
            results.append([story.to_json() for story in library.stories()])
            library.close()
    assert all(result == results[0] for result in results)
    assert [len(story["articles"]) for story in results[0]] == [2, 2]


def test_a_story_corpus_holds_its_own_actors_events_and_quotes_only(tmp_path, folder):
    write(folder, "t2.txt", TENNIS[1])
    with open_library(folder, tmp_path / "cache") as library:
        library.sync(quiet)
        reactor = library.story_corpus(library.story_of("r1") or "")
        tennis = library.story_corpus(library.story_of("t1") or "")
        assert reactor is not None and tennis is not None
        reactor_actors = {actor.name for actor in reactor.actors}
        tennis_actors = {actor.name for actor in tennis.actors}
        assert "Rafael Grossi" in reactor_actors and "Novak Djokovic" in tennis_actors
        assert not reactor_actors & {"Novak Djokovic", "Nick Kyrgios"}
        assert "Rafael Grossi" not in tennis_actors
        assert {a for e in reactor.events for a in e.articles} <= {"r1", "r2"}
        assert {e.date for e in tennis.events} <= {"2022-07-10", "2022-07-11"}
        assert reactor.events and tennis.events
        assert {q.article for q in reactor.quotes_of()} <= {"r1", "r2"}
        assert [a.id for a in reactor.articles] == ["r1", "r2"]
        assert reactor.article("r1") is not None  # bodies read from the store
        whole = library.open(quiet)  # the whole archive's view stays
        assert {"Rafael Grossi", "Novak Djokovic"} <= {actor.name for actor in whole.actors}


def test_a_story_corpus_is_kept_until_its_own_articles_change(tmp_path, folder, monkeypatch):
    with open_library(folder, tmp_path / "cache") as library:
        library.sync(quiet)
        reactor, tennis = library.story_of("r1") or "", library.story_of("t1") or ""
        library.story_corpus(reactor)
        library.story_corpus(tennis)
        built: list[list[str]] = []
        build = Corpus.build

        def counted(articles, analyses=None):
            built.append(sorted(a.id for a in articles))
            return build(articles, analyses)

        monkeypatch.setattr(stored_module.Corpus, "build", staticmethod(counted))
        library.story_corpus(reactor)
        assert built == []  # kept
        write(folder, "t2.txt", TENNIS[1])
        library.sync(quiet)
        assert library.story_corpus(reactor) is not None
        assert built == []  # another story's change leaves it as kept
        corpus = library.story_corpus(tennis)
        assert built == [["t1", "t2"]]
        assert corpus is not None and {"t1", "t2"} == {a.id for a in corpus.articles}


def test_the_merges_of_the_stories_a_change_leaves_empty_are_dropped(tmp_path, folder):
    with open_library(folder, tmp_path / "cache") as library:
        library.sync(quiet)
        reactor, tennis = library.story_of("r1") or "", library.story_of("t1") or ""

        def merged() -> set[str]:
            with Store(library.store.database) as store, store.db.read() as db:
                return {story for (story,) in db.execute("SELECT story FROM story_corpora")}

        for story in (reactor, tennis):
            library.story_corpus(story)
        assert merged() == {reactor, tennis}
        write(folder, "t1.txt", REACTOR[1])  # changed: joins the reactor's story, leaves its own
        library.sync(quiet)
        assert library.story_of("t1") == reactor
        assert merged() == {reactor}, "the tennis story's merge dropped with its last article"
        write(folder, "t2.txt", TENNIS[1])
        library.sync(quiet)
        library.story_corpus(library.story_of("t2") or "")
        assert len(merged()) == 2
        (folder / "t2.txt").unlink()  # removed: its story left without articles
        library.sync(quiet)
        assert merged() == {reactor}


def test_story_filter_in_search_and_hits_name_their_story(tmp_path, folder):
    write(folder, "t2.txt", TENNIS[1])
    with open_library(folder, tmp_path / "cache") as library:
        library.sync(quiet)
        tennis = library.story_of("t1")
        hits = library.search(None, f"story:{tennis}")
        assert sorted(hit.article for hit in hits) == ["t1", "t2"]
        assert {hit.story for hit in hits} == {tennis}
        assert {hit.published for hit in hits} == {"2022-07-10", "2022-07-11"}
        assert library.search(None, f"Djokovic story:{library.story_of('r1')}") == []
        found = library.search(None, "Grossi")
        assert {hit.story for hit in found} == {library.story_of("r1")}
        assert library.search(None, "Djokovic story:nothing-such") == []


def test_a_save_over_stories_another_process_changed_is_refused_and_begun_again(tmp_path, folder):
    with open_library(folder, tmp_path / "cache") as library:
        library.sync(quiet)
        database = library.store.database
        write(folder, "t2.txt", TENNIS[1])
        library.sync(quiet, stories=False)
        with Store(database) as mine, Store(database) as theirs:
            first, other = StoredStories(mine), StoredStories(theirs)
            read = mine.kept_vectors
            calls: list[int] = []

            def meanwhile(ids):  # the other process places the same article first
                if not calls:
                    calls.append(len(ids))
                    assert other.update() == {library.story_of("t1")}
                return read(ids)

            mine.kept_vectors = meanwhile  # type: ignore[method-assign]
            generation = mine.story_generation()
            assert first.update() == set()  # refused, begun again: nothing left to place
            assert calls == [1]
            assert mine.story_generation() == generation + 1  # one save: the other's
        assert members(library) == [{"r1", "r2"}, {"t1", "t2"}]


def test_a_cancelled_update_raises_the_one_cancelled_of_every_step(tmp_path, folder):
    """The stories' update stops with the same Cancelled as the sync and the merge (a load
    told apart from a fault by one class)."""
    stop = threading.Event()
    stop.set()
    with open_library(folder, tmp_path / "cache") as library:
        library.sync(quiet, stories=False)
        with pytest.raises(cancelling.Cancelled):
            library.kept_stories.update(stop)
