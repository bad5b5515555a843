"""List first, analyse after (reader.core.list_first through Library.steps): many new small
files are listed before their analysis, with the ids, the order and the reading state a load
that analyses first gives; the analysis follows and is listed again; a load stopped between
the two goes on next time; the warm path lists at once. Real files, a real store; the
analysis is gated (held until the test releases it), never replaced."""

from __future__ import annotations

import threading
import time

import pytest

from reader.core import file_rows, list_first
from reader.core.library import Library
from reader.core.settings import Settings
from reader.core.sync import FirstCounts
from tests.conftest import rss
from tests.core.conftest import write

WAIT = 60
"""Seconds a test waits for another thread (never reached when it works)."""


def quiet(message: str) -> None:
    pass


def nothing(done: int, total: int) -> None:
    pass


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """Six small files (two with the same name in other folders), listed first from two."""
    monkeypatch.setattr(list_first, "LIST_FIRST_FROM", 2)
    root = tmp_path / "news"
    for section in ("politics", "business"):
        (root / section).mkdir(parents=True)
        write(
            root / section, "010.txt", f"{section} talks", f"Vladimir Putin met {section} chiefs."
        )
        write(root / section, f"{section}.txt", "Summit off", "The summit in Moscow is off.")
    write(root, "a.txt", "Sanctions imposed", "New sanctions hit Russian banks on Tuesday.")
    write(root, "b.txt", "Markets fall", "Shares fell sharply in Moscow.")
    return root


def library(tmp_path, root, cache: str = "cache") -> Library:
    return Library([str(root)], Settings.resolve(cache=tmp_path / cache))


class Gate:
    """The real analysis, held until `release` (counting the articles it analysed), or for the
    titles in `allowed` alone; released on leaving it as a context manager (a failed test never
    leaves the analysis waiting)."""

    def __init__(self, monkeypatch) -> None:
        self.release, self.waiting, self.count = threading.Event(), threading.Event(), 0
        self.allowed: set[str] = set()
        real = file_rows.analyze_article

        def gated(article):
            self.waiting.set()
            deadline = time.monotonic() + WAIT
            while not (self.release.is_set() or article.title in self.allowed):
                assert time.monotonic() < deadline, "the gate was never opened"
                time.sleep(0.01)
            self.count += 1
            return real(article)

        monkeypatch.setattr(file_rows, "analyze_article", gated)

    def __enter__(self) -> Gate:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()


def test_the_articles_are_listed_before_their_analysis(tmp_path, folder, monkeypatch):
    gate = Gate(monkeypatch)
    counts: list[tuple[int, int, int, int]] = []

    def told(seen: FirstCounts) -> None:
        counts.append((seen.read, seen.to_read, seen.analysed, seen.to_analyse))

    with library(tmp_path, folder) as loading:
        steps = loading.steps(quiet, nothing, told=told)
        first = next(steps)  # given while the analysis is held
        assert first.analysing and not first.merged
        assert len(first.corpus.articles) == 6 and gate.count == 0
        article = first.corpus.articles[0]
        assert first.corpus.article(article.id).paragraphs, "the whole article reads"
        assert not first.corpus.analysis(article.id).entities, "not analysed yet"
        assert counts[-1] == (6, 6, 0, 0)
        gate.release.set()
        rest = list(steps)
        assert [(step.analysing, step.merged) for step in rest] == [(False, False), (False, True)]
        assert not rest[0].changes, "the analysis changes no article"
        analysed = rest[0].corpus
        assert analysed.analysis(article.id).entities
        assert counts[-1] == (6, 6, 6, 6)
        assert gate.count == 6
        assert any(actor.name == "Vladimir Putin" for actor in rest[1].corpus.actors)
        listed = [(a.id, a.path, a.title) for a in first.corpus.articles]
        assert [(a.id, a.path, a.title) for a in analysed.articles] == listed
    with library(tmp_path, folder, "other") as analysing_first:  # the CLI's way: same ids
        analysing_first.sync(quiet)
        assert {(a.id, a.path, a.title) for a in analysing_first.store.headers()} == set(listed)


def test_a_load_stopped_before_the_analysis_goes_on_next_time(tmp_path, folder, monkeypatch):
    gate = Gate(monkeypatch)
    cancel = threading.Event()
    with library(tmp_path, folder) as loading:
        steps = loading.steps(quiet, nothing, cancel=cancel, told=lambda seen: None)
        first = next(steps)
        ids = [article.id for article in first.corpus.articles]
        cancel.set()
        gate.release.set()
        assert [step.merged for step in steps] == []
        assert gate.count <= 1, "the analysis stopped"
    analysed_before = gate.count
    with library(tmp_path, folder) as again:
        steps = list(again.steps(quiet, nothing, told=lambda seen: None))
        assert [article.id for article in steps[0].corpus.articles] == ids, "the stored list"
        assert gate.count - analysed_before == 6 - analysed_before, "each article analysed once"
        merged = steps[-1]
        assert merged.merged
        assert all(merged.corpus.analysis(i).entities for i in ids[:1])
        assert [article.id for article in merged.corpus.articles] == ids


def test_a_warm_load_lists_the_store_at_once_and_analyses_nothing(tmp_path, folder, monkeypatch):
    with library(tmp_path, folder) as cold:
        list(cold.steps(quiet, nothing, told=lambda seen: None))
    gate = Gate(monkeypatch)
    told: list[FirstCounts] = []
    with library(tmp_path, folder) as warm:
        steps = list(warm.steps(quiet, nothing, told=told.append))
    assert [(step.merged, step.analysing) for step in steps] == [(False, False), (True, False)]
    assert gate.count == 0 and not told
    assert len(steps[0].corpus.articles) == 6


def test_few_new_files_are_analysed_before_they_are_listed(tmp_path, folder, monkeypatch):
    with library(tmp_path, folder) as loading:
        list(loading.steps(quiet, nothing, told=lambda seen: None))
        write(folder, "c.txt", "Talks resume", "Talks with Vladimir Putin resume on Friday.")
        monkeypatch.setattr(list_first, "LIST_FIRST_FROM", 3)
        steps = list(loading.steps(quiet, nothing, refresh=True, told=lambda seen: None))
    assert [(step.analysing, step.merged) for step in steps] == [(False, False), (False, True)]
    assert steps[0].changes.added == ["c"]
    assert steps[0].corpus.analysis("c").entities


def test_feed_items_are_listed_before_their_analysis(tmp_path, server, monkeypatch):
    monkeypatch.setattr(list_first, "LIST_FIRST_FROM", 3)
    monkeypatch.setattr(list_first, "FEED_PART", 2)  # the feed analysed in parts
    root, base, _seen, _httpd = server
    (root / "world.xml").write_bytes(rss([f"Putin{n}" for n in range(5)]))
    gate = Gate(monkeypatch)
    with Library([f"{base}/world.xml"], Settings.resolve(cache=tmp_path / "c")) as loading:
        steps = loading.steps(quiet, nothing, told=lambda seen: None)
        first = next(steps)
        assert first.analysing and len(first.corpus.articles) == 5 and gate.count == 0
        ids = [article.id for article in first.corpus.articles]
        gate.release.set()
        rest = list(steps)
        assert [(step.analysing, step.merged) for step in rest] == [(False, False), (False, True)]
        assert [article.id for article in rest[0].corpus.articles] == ids
        assert gate.count == 5
    with Library([f"{base}/world.xml"], Settings.resolve(cache=tmp_path / "c")) as warm:
        steps = list(warm.steps(quiet, nothing, told=lambda seen: None))
        assert gate.count == 5, "stored analysed: nothing analysed again"
        assert [(step.analysing, step.merged) for step in steps] == [(False, False), (False, True)]
