"""The query language as people type it: quoted outlets, dates in words, word forms, and
filters that cannot be read said rather than silently matching nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from reader.core.corpus import Corpus
from reader.core.model import Article
from reader.core.query_dates import read_date
from reader.core.search import search


def article(id: str, title: str, body: str, source: str, published: str) -> Article:
    return Article(id, f"/news/{id}.txt", source, title, published, paragraphs=[body])


def corpus() -> Corpus:
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    return Corpus(
        [
            article("fox", "Mattis resigned", "The secretary left.", "Fox News", "2018-12-20"),
            article("foxes", "Fox spotted", "A fox resigns itself.", "Fox", "2022-02-10"),
            article("today", "Cabinet news", "A minister resigning today.", "Wire", yesterday),
        ]
    )


def ids(hits) -> list[str]:
    return [hit.article for hit in hits]


def test_a_quoted_source_with_spaces_filters_by_the_whole_name():
    hits = search(corpus(), 'source:"Fox News"')
    assert ids(hits) == ["fox"] and hits.problems == []
    assert ids(search(corpus(), 'source:"fox news" resigned')) == ["fox"]


def test_word_forms_match_the_same_stem():
    assert set(ids(search(corpus(), "Mattis resigns"))) == {"fox"}
    assert set(ids(search(corpus(), "resigns"))) == {"fox", "foxes", "today"}


def test_dates_as_people_type_them():
    assert ids(search(corpus(), "after:yesterday")) == ["today"]
    assert set(ids(search(corpus(), 'after:"Feb 2022"'))) == {"foxes", "today"}
    assert set(ids(search(corpus(), "after:09/02/2022"))) == {"foxes", "today"}
    assert ids(search(corpus(), "before:22/02/2022 fox")) == ["foxes"]
    assert ids(search(corpus(), 'before:"Feb 2022"')) == ["fox"]


def test_a_filter_it_cannot_read_is_said_not_silently_empty():
    hits = search(corpus(), "after:someday mattis")
    assert hits.problems == ["after:'someday' is not a date I can read"]
    assert ids(hits) == ["fox"]  # the rest of the query still runs
    assert search(corpus(), "before: fox").problems == ["before: needs a value (before:VALUE)"]


def test_read_date_relative_to_today():
    today = datetime(2022, 2, 24, 15, 0)
    assert read_date("yesterday", today) == "2022-02-23"
    assert read_date("Feb 2022", today) == "2022-02-01"
    assert read_date("22/02/2022", today) == "2022-02-22"
    assert read_date("2022-02", today) == "2022-02"
    assert read_date("no date here", today) is None


def test_a_change_leaves_the_vocabulary_to_the_next_search(tmp_path, corpus_dir):
    """A sync that changed files does not copy the index's terms (that reads the whole
    index); the next search does, in this process or another, and its typos find new words."""
    from reader.core.search import search_store
    from reader.core.store import Store
    from reader.core.sync import sync
    from tests.core.conftest import write

    store = Store(tmp_path / "store.sqlite3")
    sync(store, [corpus_dir], print)
    assert [h.article for h in search_store(store, "sanctons")] == ["b"]
    write(corpus_dir, "d.txt", "Kulbela resigns", "The minister Kulbela resigned today.")
    sync(store, [corpus_dir], print)
    with store.db.read() as db:
        terms = {term for (term,) in db.execute("SELECT term FROM vocabulary")}
    assert "kulbela" not in terms  # not copied by the sync
    other = Store(tmp_path / "store.sqlite3")  # another process's search
    assert [h.article for h in search_store(other, "kulbelo")] == ["d"]
    assert "" not in other.vocabulary().docs
    assert [h.article for h in search_store(store, "kulbelo")] == ["d"]
