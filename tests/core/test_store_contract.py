"""The store's contract, held by both engines: the embedded SQLite store and the shared archive
on PostgreSQL (a throwaway server, tests/pg_cluster.py). Each test runs on both."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from reader.core import kept_listing as kept_module
from reader.core import search
from reader.core.kept_listing import kept_listing_head, listed_texts
from reader.core.model import Story, StoryArticle
from reader.core.search import search_store
from reader.core.store import Filters, Store, Words, codec
from reader.core.stories import stored as stored_module
from reader.core.stories.listing import joined_listing, story_text
from reader.core.stories.stored import StoredStories
from reader.core.sync import process_file
from tests.conftest import SEEDS
from tests.core.conftest import write

_names = itertools.count()


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    """An empty store of each engine."""
    if request.param == "sqlite":
        with Store(tmp_path / "store.sqlite3") as embedded:
            yield embedded
        return
    pytest.importorskip("psycopg")
    from reader.core.store.pg_store import ArchiveStore
    from reader.core.store_url import parse_store_url

    url = request.getfixturevalue("postgres").new_database(f"contract_{next(_names)}")
    with ArchiveStore(parse_store_url(url)) as archive:
        yield archive


def fill(store, paths: list[Path]) -> None:
    """Store `paths` as a sync does: read and analysed, written in one batch, ids given."""
    warnings: list[str] = []
    store.write_files([process_file(str(path)) for path in paths], warnings.append)
    store.assign_ids()
    store.refresh_vocabulary()
    assert warnings == []


def seed_paths() -> list[Path]:
    return sorted(SEEDS.iterdir())


def test_articles_come_back_whole_with_their_analyses(store) -> None:
    fill(store, seed_paths())
    assert store.count() == len(seed_paths())
    for header in store.headers():
        article, analysis = store.article(header.id)
        assert (article.title, article.source) == (header.title, header.source)
        assert article.paragraphs and analysis.entities
    files = store.stored_files()
    assert sorted(files) == sorted(str(p) for p in seed_paths())
    assert all(row[3] == codec.ANALYZER_VERSION for row in files.values())


def test_every_article_is_read_a_page_at_a_time_in_corpus_order(store, tmp_path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(f'{{"title": "Item {n}", "body": "Body {n}."}}\n' for n in range(5)),
        encoding="utf-8",
    )
    fill(store, [*seed_paths(), feed])
    whole, _ = store.load()
    paged = list(store.stream(page=2))
    assert [a.id for a in paged] == [a.id for a in whole]
    assert [a.paragraphs for a in paged] == [a.paragraphs for a in whole]
    assert len(paged) == len(seed_paths()) + 5


def test_an_edited_file_keeps_its_ids_and_a_removed_one_goes(store, tmp_path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    paths = [
        write(folder, "a.txt", "Summit called off", "The summit planned for Thursday is off."),
        write(folder, "b.txt", "Sanctions imposed", "New sanctions hit Russian banks on Tuesday."),
    ]
    fill(store, paths)
    ids = {h.title: h.id for h in store.headers()}
    stamp = store.stamp()
    write(folder, "a.txt", "Summit back on", "The summit is back on, officials said.")
    fill(store, paths[:1])
    assert {h.title: h.id for h in store.headers()} == {
        "Summit back on": ids["Summit called off"],
        "Sanctions imposed": ids["Sanctions imposed"],
    }
    assert store.stamp() != stamp
    store.remove_files({str(paths[1])})
    assert [h.title for h in store.headers()] == ["Summit back on"]
    assert sorted(store.stored_files()) == [str(paths[0])]


def test_headers_are_read_by_id_in_corpus_order(store, tmp_path) -> None:
    fill(store, seed_paths())
    headers = store.headers()
    asked = [headers[-1].id, "not stored", headers[0].id]
    found = store.headers_by_id(asked)
    assert found == [headers[0], headers[-1]], "in corpus order; an id not stored: none"
    assert store.headers_by_id([]) == []


def test_search_finds_by_title_word_form_typo_and_filters(store) -> None:
    fill(store, seed_paths())
    titles = {h.id: h.title for h in store.headers()}
    assert search_store(store, "Blinken"), "a word in the seeds"
    assert search_store(store, "Blinkn"), "a typo"
    by_outlet = search_store(store, 'source:"Moscow Times" Blinken')
    assert by_outlet and all("Moscow" in store.article(h.article)[0].source for h in by_outlet)
    assert not search_store(store, "Blinken before:1990-01-01")
    first = next(iter(titles.values()))
    assert search_store(store, first)[0].title == first


def test_words_asked_of_titles_and_actor_names_find_them_there_alone(
    store, tmp_path, monkeypatch
) -> None:
    fill(store, [
        write(tmp_path, "a.txt", "Harbour reopens", "Ships wait at the harbour gate."),
        write(tmp_path, "b.txt", "Ships wait", "The harbour is closed, Ms Quayle says."),
        write(tmp_path, "c.txt", "Quayle resigns", "Her letter came on Friday."),
    ])  # fmt: skip
    ids = {h.title: h.id for h in store.headers()}
    everywhere = Filters()
    in_titles = [Words(("harbour",), columns=("title", "actors"))]
    found = {row[1] for row in store.candidates(in_titles, everywhere, "rank", 10)}
    assert found == {ids["Harbour reopens"]}
    assert store.matching_ids([Words(("harbour",))], everywhere) == {
        ids["Harbour reopens"], ids["Ships wait"]
    }  # fmt: skip
    named = [Words(("quayle",), ("quay",), columns=("actors",)), Words(("harbour",))]
    assert store.matching_ids(named, everywhere) == {ids["Ships wait"]}
    monkeypatch.setattr(search, "COMMON", 0)  # every word common: titles first, then the rest
    if store.shared:  # the archive ranks one match at most; looks at the last articles first
        monkeypatch.setattr("reader.core.store.pg_index.RANKED", 1)
        monkeypatch.setattr("reader.core.store.pg_index.RECENT_FIRST", 1e-4)
    assert [h.title for h in search_store(store, "harbour")][0] == "Harbour reopens"
    both = {"Harbour reopens", "Ships wait"}
    assert {h.title for h in search_store(store, "harbour")} == both
    assert {h.title for h in search_store(store, "harbour ships")} == both
    assert {h.title for h in search_store(store, '"ships wait"')} == both


def test_candidates_carry_no_body_and_the_hits_read_theirs(store, tmp_path) -> None:
    """Search scores candidates on their titles and actor names; the bodies of the hits
    shown are read by rowid (`bodies`), and their snippets come from them."""
    fill(store, [write(tmp_path, "a.txt", "Harbour reopens", "Ships wait at the harbour gate.")])
    [row] = store.candidates([Words(("harbour",))], Filters(), "rank", 10)
    assert len(row) == 4 and row[2] == "Harbour reopens"
    assert "at the harbour gate" in store.bodies([row[:2]])[row[0]]
    assert store.bodies([(row[0], "another article")]) == {}, "its rowid reused since"
    [hit] = search_store(store, "gate")
    assert "harbour gate" in hit.snippet


def test_stories_are_kept_and_read_back(store) -> None:
    fill(store, seed_paths())
    stories = StoredStories(store)
    stories.update()
    listed = stories.stories()
    assert len(listed) == 1 and len(listed[0].articles) == len(seed_paths())
    story = listed[0].id
    assert all(stories.story_of(h.id) == story for h in store.headers())
    corpus = stories.corpus(story)
    assert corpus is not None and corpus.actors and corpus.quotes


def test_stories_are_placed_from_the_kept_ones_a_part_at_a_time(store, monkeypatch) -> None:
    first, *rest = seed_paths()
    fill(store, [first])
    StoredStories(store).update()
    monkeypatch.setattr(stored_module, "LOAD_ALL", 0)  # never every kept story at once
    fill(store, rest)
    stories = StoredStories(store)
    assert stories.update()
    assert stories._index is not None and stories._index._kept is not None
    listed = stories.stories()
    assert len(listed) == 1 and len(listed[0].articles) == len(seed_paths())


def test_the_stories_listing_is_kept_until_they_or_their_articles_change(
    store, monkeypatch
) -> None:
    first, *rest = seed_paths()
    fill(store, [first])
    stories = StoredStories(store)
    stories.update()
    listed = stories.stories()
    stories.keep_listing()  # (kept by the listing itself on the embedded store; by indexers)
    with monkeypatch.context() as patched:  # the kept listing: no story's rows are read
        patched.setattr(store, "story_rows", lambda story=None: pytest.fail("rows read"))
        assert StoredStories(store).stories() == listed
    fill(store, rest)
    assert store.kept_story_listing() is None, "articles written since: not current"
    stories.update()  # the listing kept before it patched with the stories it changed
    kept = store.kept_story_listing()
    assert kept is not None
    assert [s for s, _ in listed_texts(kept)] == StoredStories(store)._listed(False)
    grown = stories.stories()
    assert len(grown) == 1 and len(grown[0].articles) == len(seed_paths())
    assert StoredStories(store).stories() == grown
    store.save_stories([], [], [], [], [], store.story_generation())  # saved by another writer
    assert store.kept_story_listing() is None, "the stories saved since: not current"
    assert stories.stories() == grown, "listed again from their rows"
    stories.keep_listing()
    assert store.kept_story_listing() is not None


def test_the_head_of_the_kept_listing_is_its_first_stories(store, monkeypatch) -> None:
    stories = [
        Story(
            f"s{n}",
            f"Story {n}: “quoted” café",  # (kept as ASCII: the head is cut at a character)
            ["Coastal Times", "Harbour Gazette"],
            "2024-05-02",
            "2024-05-03",
            [StoryArticle(f"a{n}-{i}", "Wire", f"Title {i}", "2024-05-02") for i in range(n + 1)],
            ["Pascal Moreau"],
        )
        for n in range(6)
    ]
    assert kept_listing_head(store, 1) is None, "no listing kept"
    store.keep_story_listing(store.story_generation(), joined_listing(map(story_text, stories)))
    monkeypatch.setattr(kept_module, "HEAD_CHARACTERS", 40)  # read again, longer, until whole
    assert kept_listing_head(store, 1) == stories[:1]
    assert kept_listing_head(store, 3) == stories[:2], "1 + 2 articles"
    assert kept_listing_head(store, 4) == stories[:3]
    assert kept_listing_head(store, 10**6) == stories
    whole = listed_texts(store.kept_story_listing())
    assert whole == [(story, story_text(story)) for story in stories], "each its text"
    fill(store, seed_paths()[:1])
    assert kept_listing_head(store, 1) is None, "articles written since: not current"


def test_the_kept_listing_is_read_in_part_as_its_first_characters(store) -> None:
    """However many bytes the characters before the cut take (SQLite reads the text's first
    bytes alone, not the whole of it)."""
    text = '[["s0","café € 𝄞 ✓","' + "x" * 50 + '","Ωmega"]]'
    assert store.kept_story_listing(5) is None, "no listing kept"
    store.keep_story_listing(store.story_generation(), text)
    for length in range(len(text) + 3):
        assert store.kept_story_listing(length) == text[:length]
    assert store.kept_story_listing() == text


def test_a_keys_search_in_the_store_reads_its_most_recent_articles_only(store) -> None:
    rows = [(name, name, name, None, None, "{}", "") for name in "abc"]
    keys = [(key, name, 5) for name in "abc" for key in ("key", name)]
    store.save_stories(rows, keys, [], [], [], store.story_generation())
    assert sorted(store.story_candidates({"key": 1}, 5, 2)) == ["b", "c"]
    assert store.story_candidates({"a": 1}, 5, 2) == ["a"]  # a rarer key still finds it
    assert store.story_candidates({"key": 1}, 6, 2) == []
    store.save_stories([], [], ["c"], [], ["c"], store.story_generation())
    assert sorted(store.story_candidates({"key": 1}, 5, 2)) == ["a", "b"]


def test_the_two_engines_give_the_same_answers(tmp_path, request) -> None:
    pytest.importorskip("psycopg")
    from reader.core.store.pg_store import ArchiveStore
    from reader.core.store_url import parse_store_url

    url = request.getfixturevalue("postgres").new_database(f"contract_{next(_names)}")
    with Store(tmp_path / "s.sqlite3") as embedded, ArchiveStore(parse_store_url(url)) as archive:
        for each in (embedded, archive):
            fill(each, seed_paths())
        assert [h.to_json() for h in embedded.headers()] == [h.to_json() for h in archive.headers()]
        assert embedded.stamp() == archive.stamp()
        for query in ("Psaki", "Ukraine sanctions", "@blinken", "Moscw"):
            found = [[h.article for h in search_store(each, query)] for each in (embedded, archive)]
            assert found[0] and set(found[0][:10]) == set(found[1][:10]), query
