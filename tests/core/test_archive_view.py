"""The whole archive's view read from the stories' kept merges: the same actors, timeline and
quotes as one merge over every article gives on a small corpus, read in pages, and one new
article merging its own story only. Real SQLite stores and real files in tmp dirs."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from reader.core.corpus import Corpus
from reader.core.library import Library
from reader.core.settings import Settings
from reader.core.store import archive as archive_module
from reader.core.store import archive_pages
from reader.core.store.archive_pages import actor_key
from reader.core.stories import merged as merged_module
from reader.core.timeline import sort_key
from tests.core.test_stories_store import REACTOR, TENNIS, quiet, write

VISA = (
    "Australia cancels visa of unvaccinated player",
    "2022-01-14",
    "Immigration minister Alex Hawke cancelled the visa of Novak Djokovic on Friday, days "
    'before the Australian Open began in Melbourne. "I am extremely disappointed," Djokovic '
    "said on Sunday, as the court hearing was set for 16 January.",
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    for name, article in [("r1", REACTOR[0]), ("r2", REACTOR[1]), ("t1", TENNIS[0])]:
        write(news, f"{name}.txt", article)
    write(news, "v1.txt", VISA)
    return news


def library_of(folder: Path, tmp_path: Path) -> Library:
    return Library([str(folder)], Settings.resolve(cache=tmp_path / "cache"))


def test_the_archive_view_matches_one_merge_over_every_article(tmp_path, folder):
    with library_of(folder, tmp_path) as library:
        archive = library.open(quiet)
        assert len(library.stories()) >= 2, "several stories: the view combines them"
        whole = Corpus.build(*library.store.load())
        assert len(archive.actors) == len(whole.actors), "counted before they are combined"
        mentions = Counter({a.name: a.mentions for a in archive.actors})
        assert mentions == Counter({a.name: a.mentions for a in whole.actors})
        by_name = {a.name: a for a in archive.actors}
        for actor in whole.actors:
            assert sorted(by_name[actor.name].articles) == sorted(actor.articles)
        listed = [event.to_json() for event in archive.events]
        assert sorted(listed, key=str) == sorted((e.to_json() for e in whole.events), key=str)
        dates = [sort_key(event["date"]) for event in listed]
        assert dates == sorted(dates), "oldest first across stories"
        quotes = [q.to_json() for q in archive.quotes_of()]
        assert quotes == [q.to_json() for q in whole.quotes] and quotes
        speaker = next(q["speaker"] for q in quotes if q["speaker"])
        assert list(archive.quotes_of(speaker.upper())) == list(archive.quotes_of(speaker)) != []


def test_an_actor_of_several_stories_is_one_actor_with_its_counts_summed(tmp_path, folder):
    with library_of(folder, tmp_path) as library:
        archive = library.open(quiet)
        stories = {library.story_of("t1"), library.story_of("v1")}
        assert len(stories) == 2, "the final and the visa are two stories"
        parts = [
            actor
            for story in stories
            for actor in (library.story_corpus(story or "") or Corpus()).actors
            if actor.name == "Novak Djokovic"
        ]
        assert len(parts) == 2
        (combined,) = [a for a in archive.actors if a.name == "Novak Djokovic"]
        assert combined.mentions == sum(part.mentions for part in parts)
        assert sorted(combined.articles) == ["t1", "v1"]


def test_the_archive_timeline_reads_the_same_in_small_pages(tmp_path, folder, monkeypatch):
    with library_of(folder, tmp_path) as library:
        whole = [event.to_json() for event in library.open(quiet).events]
        monkeypatch.setattr(archive_pages, "PAGE", 2)
        monkeypatch.setattr(archive_pages, "PAGES_KEPT", 1)
        paged = library.open(quiet).events
        assert len(whole) > 4, "several pages"
        assert [event.to_json() for event in paged] == whole
        assert [paged[i].to_json() for i in reversed(range(len(paged)))] == whole[::-1]
        assert paged[-1].to_json() == whole[-1]
        assert [e.to_json() for e in paged[1:4]] == whole[1:4]
        with pytest.raises(IndexError):
            paged[len(whole)]


def test_one_new_article_merges_its_own_story_only(tmp_path, folder, monkeypatch):
    with library_of(folder, tmp_path) as library:
        library.open(quiet)
        merged: list[str] = []
        merge = merged_module.merge_story

        def counted(store, story_id, rows, held=None):
            merged.append(story_id)
            return merge(store, story_id, rows, held)

        monkeypatch.setattr(merged_module, "merge_story", counted)
        reactor = library.story_corpus(library.story_of("r1") or "")
        write(folder, "t2.txt", TENNIS[1])
        archive = library.open(quiet)
        assert merged == [library.story_of("t2")], "the other stories' merges are kept"
        assert "t2" in {a for e in archive.events for a in e.articles}
        again = library.story_corpus(library.story_of("r1") or "")
        assert reactor is not None and again is not None
        assert [a.to_json() for a in again.actors] == [a.to_json() for a in reactor.actors]
        assert merged == [library.story_of("t2")]


def test_the_event_a_paragraph_tells_is_found_from_its_story(tmp_path, folder):
    with library_of(folder, tmp_path) as library:
        archive = library.open(quiet)
        listed = Corpus(articles=archive.articles, events=list(archive.events))
        found = []
        for header in archive.articles:
            article = archive.article(header.id)
            assert article is not None
            for start in range(0, len(article.text), 25):
                at = Library.event_at(archive, header.id, start, start + 25)
                assert at == Library.event_at(listed, header.id, start, start + 25)
                found.append(at)
        assert {i for i in found if i is not None} == set(range(len(listed.events)))


def test_the_archive_actors_are_ranked_and_paged_by_the_store(tmp_path, folder, monkeypatch):
    with library_of(folder, tmp_path) as library:
        library.open(quiet)
        combined: dict[str, tuple[int, set[str]]] = {}  # every story's actors, combined here
        for story in library.stories():
            for actor in (library.story_corpus(story.id) or Corpus()).actors:
                mentions, articles = combined.get(actor_key(actor.name), (0, set()))
                combined[actor_key(actor.name)] = (
                    mentions + actor.mentions,
                    articles | set(actor.articles),
                )
        monkeypatch.setattr(archive_pages, "PAGE", 2)
        monkeypatch.setattr(archive_pages, "PAGES_KEPT", 1)
        archive = library.open(quiet)
        paged = archive.actors
        assert len(paged) == len(combined) > 4, "several pages"
        listed = [paged[i] for i in range(len(paged))]
        assert {actor_key(a.name): (a.mentions, set(a.articles)) for a in listed} == combined
        ranks = [(-a.mentions, actor_key(a.name)) for a in listed]
        assert ranks == sorted(ranks), "the most mentioned first, ties by name"
        assert [a.to_json() for a in paged] == [a.to_json() for a in listed], "read in one"
        assert [a.to_json() for a in paged[1:4]] == [a.to_json() for a in listed[1:4]]
        assert paged[-1].to_json() == listed[-1].to_json()
        with pytest.raises(IndexError):
            paged[len(listed)]


def test_iterating_the_archive_actors_reads_them_a_page_of_keys_at_a_time(
    tmp_path, folder, monkeypatch
):
    with library_of(folder, tmp_path) as library:
        archive = library.open(quiet)
        listed = [a.to_json() for a in archive.actors[0 : len(archive.actors)]]
        monkeypatch.setattr(archive_pages, "PAGE", 2)
        read: list[int] = []
        whole = archive_module.ArchiveTables.archive_actors_of

        def counted(tables, keys):
            read.append(len(keys))
            return whole(tables, keys)

        monkeypatch.setattr(archive_module.ArchiveTables, "archive_actors_of", counted)
        actors = iter(archive.actors)
        first = next(actors)
        assert read == [2], "one page of keys read before the first actor is given"
        assert [first.to_json(), *(a.to_json() for a in actors)] == listed > []
        assert len(read) == (len(listed) + 1) // 2 and max(read) == 2, "never more at once"


def test_widening_reads_the_top_actors_and_those_named_never_all(tmp_path, folder, monkeypatch):
    with library_of(folder, tmp_path) as library:
        archive = library.open(quiet)
        read: list[int | None] = []
        whole = archive_module.ArchiveTables.archive_actors

        def counted(tables, offset=0, limit=None):
            read.append(limit)
            return whole(tables, offset, limit)

        monkeypatch.setattr(archive_module.ArchiveTables, "archive_actors", counted)
        top = Library.top_actors(archive, 3)
        here = Library.article_actor_counts(archive, "t1")
        assert here, "the final names its players"
        named = Library.actors_named(archive, [*here, "NOVAK  djokovic", "Nobody Here"])
        assert set(here) <= set(named) and "Nobody Here" not in named
        assert named["NOVAK  djokovic"].name == "Novak Djokovic"
        djokovic = Library.find_actor(archive, "Novak Djokovic")
        assert djokovic is not None and sorted(djokovic.articles) == ["t1", "v1"], "whole"
        assert named["NOVAK  djokovic"].mentions == djokovic.mentions
        assert None not in read, "never every actor combined"
        ranked = list(archive.actors)[:3]
        assert [(a.name, a.type, a.mentions) for a in top] == [
            (a.name, a.type, a.mentions) for a in ranked
        ]
        assert all(not a.articles for a in top), "listed without their articles"


def test_the_archive_quotes_are_counted_and_read_in_pages(tmp_path, folder, monkeypatch):
    said = (
        "Djokovic speaks after the hearing",
        "2022-01-16",
        '"I am disappointed," Djokovic said on Sunday. "I will rest," he added. Alex Hawke '
        'said: "The decision stands." "We respect it," Tennis Australia said on Monday.',
    )
    write(folder, "v2.txt", said)
    with library_of(folder, tmp_path) as library:
        whole = [q.to_json() for q in library.open(quiet).quotes_of()]
        monkeypatch.setattr(archive_pages, "PAGE", 2)
        archive = library.open(quiet)
        read: list[int | None] = []
        pages = archive_module.ArchiveTables.archive_quotes

        def counted(tables, key, offset=0, limit=None):
            read.append(limit)
            return pages(tables, key, offset, limit)

        monkeypatch.setattr(archive_module.ArchiveTables, "archive_quotes", counted)
        paged = archive.quotes_of()
        assert len(paged) == len(whole) > 2, "several pages"
        assert [paged[i].to_json() for i in range(len(paged))] == whole
        assert [q.to_json() for q in paged[1:3]] == whole[1:3]
        assert read and set(read) == {2}, "a page at a time"
        speaker = next(q["speaker"] for q in whole if q["speaker"])
        theirs = archive.quotes_of(speaker)
        assert [q.to_json() for q in theirs[: len(theirs)]] == [
            q for q in whole if actor_key(q["speaker"] or "") == actor_key(speaker)
        ]


def _saves_of(store, monkeypatch) -> list[list[str]]:
    """The stories of each `save_story_merges` call on `store` from now on."""
    saved: list[list[str]] = []
    save = store.save_story_merges

    def saving(merges) -> None:
        saved.append([merge.story for merge in merges])
        save(merges)

    monkeypatch.setattr(store, "save_story_merges", saving)
    return saved


def test_stories_merged_in_turn_are_kept_several_at_once_and_up_to_a_stop(
    tmp_path, folder, monkeypatch
):
    with library_of(folder, tmp_path) as library:
        library.open(quiet)
        store = library.store
        stamps = store.story_stamps()
        stories = sorted(stamps)
        assert len(stories) >= 2
        before = {story: store.story_merge(story, stamps[story]) for story in stories}
        saved = _saves_of(store, monkeypatch)
        monkeypatch.setattr(merged_module, "KEPT_TOGETHER", 2)
        merged_module._merge_each(store, stories, lambda: False)
        assert saved == [stories[start : start + 2] for start in range(0, len(stories), 2)]
        assert store.story_stamps() == stamps
        assert {story: store.story_merge(story, stamps[story]) for story in stories} == before
        saved.clear()
        stops = iter([False, True])
        merged_module._merge_each(store, stories, lambda: next(stops))
        assert saved == [stories[:1]], "what was merged before the stop is kept"


def test_merges_are_kept_apart_once_they_mention_enough_articles(tmp_path, folder, monkeypatch):
    with library_of(folder, tmp_path) as library:
        library.open(quiet)
        store = library.store
        stories = sorted(store.story_stamps())
        saved = _saves_of(store, monkeypatch)
        monkeypatch.setattr(merged_module, "KEPT_ARTICLES", 1)
        merged_module._merge_each(store, stories, lambda: False)
        assert saved == [[story] for story in stories], "each merge locks its articles alone"


def test_a_failing_story_keeps_the_merges_made_before_it(tmp_path, folder, monkeypatch):
    with library_of(folder, tmp_path) as library:
        library.open(quiet)
        store = library.store
        stories = sorted(store.story_stamps())
        assert len(stories) >= 3
        saved = _saves_of(store, monkeypatch)
        rows_of = store.story_rows

        def broken(story_id):
            if story_id == stories[2]:
                raise RuntimeError("a damaged row")
            return rows_of(story_id)

        monkeypatch.setattr(store, "story_rows", broken)
        with pytest.raises(RuntimeError):
            merged_module._merge_each(store, stories, lambda: False)
        assert saved == [stories[:2]]


def test_a_cancel_after_the_last_story_is_merged_is_not_a_cancelled_merge(
    tmp_path, folder, monkeypatch
):
    import threading

    with library_of(folder, tmp_path) as library:
        library.open(quiet)
        store = library.store
        stories = sorted(store.story_stamps())
        saved = _saves_of(store, monkeypatch)
        cancel = threading.Event()
        merge = merged_module.merge_story

        def cancelled_during_the_last(store, story_id, rows, held=None):
            if story_id == stories[-1]:
                cancel.set()
            return merge(store, story_id, rows, held)

        monkeypatch.setattr(merged_module, "merge_story", cancelled_during_the_last)
        merged_module._merge_here(store, stories, cancel)  # every story merged: no Cancelled
        assert saved == [stories]
        with pytest.raises(merged_module.Cancelled):
            merged_module._merge_here(store, stories, cancel)  # stopped before the first


def test_a_story_given_twice_keeps_its_last_merge(tmp_path, folder):
    with library_of(folder, tmp_path) as library:
        library.open(quiet)
        store = library.store
        story = sorted(store.story_stamps())[0]
        first = archive_module.StoryMerge(story, "first", [], [], [], {})
        last = archive_module.StoryMerge(story, "last", [], [], [], {})
        store.save_story_merges([first, last])
        assert store.story_merge(story, "last") is not None
        assert store.story_merge(story, "first") is None
