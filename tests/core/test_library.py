"""The Library without Textual: refreshes coalesce, stale merges are skipped, a cancel event
reaches the sync and its worker processes, and the next mention of an actor is found."""

from __future__ import annotations

import threading

import pytest

from reader.core import sync as sync_module
from reader.core.corpus import Corpus
from reader.core.library import Library
from reader.core.model import Article
from reader.core.settings import Settings
from reader.core.stories import merged as merged_module
from reader.core.sync import Cancelled
from tests.core.conftest import write

WAIT = 60
"""Seconds a test waits for another thread before it fails (never reached when it works)."""


@pytest.fixture
def library(tmp_path, corpus_dir):
    with Library([str(corpus_dir)], Settings.resolve(cache=tmp_path / "cache")) as opened:
        yield opened


def quiet(message: str) -> None:
    pass


def nothing(done: int, total: int) -> None:
    pass


def run_in_thread(steps) -> tuple[threading.Thread, list]:
    taken: list = []
    thread = threading.Thread(target=lambda: taken.extend(steps), daemon=True)
    thread.start()
    return thread, taken


def test_a_refresh_while_another_waits_its_turn_is_coalesced(library, corpus_dir):
    list(library.steps(quiet, nothing))
    write(corpus_dir, "d.txt", "Talks resume", "Talks with Vladimir Putin resume on Friday.")
    syncing, release = threading.Event(), threading.Event()

    def held(done: int, total: int) -> None:  # the first refresh stops mid-sync
        syncing.set()
        release.wait(WAIT)

    first, first_steps = run_in_thread(library.steps(quiet, held, refresh=True))
    assert syncing.wait(WAIT)
    waiting, _ = run_in_thread(library.steps(quiet, nothing, refresh=True))
    while not library._next_refresh.locked():  # the second refresh waits for its turn
        waiting.join(0.01)
    assert list(library.steps(quiet, nothing, refresh=True)) == []  # a third: nothing to do
    release.set()
    first.join(WAIT)
    waiting.join(WAIT)
    assert [step.merged for step in first_steps] == [False, True]
    assert first_steps[0].changes.added == ["d"]


def test_a_merge_made_stale_by_a_newer_sync_is_skipped(library, corpus_dir, monkeypatch):
    real = merged_module.archive_corpus
    merging, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def gated(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:  # the first load's merge waits until a refresh has synced
            merging.set()
            release.wait(WAIT)
        return real(*args, **kwargs)

    monkeypatch.setattr(merged_module, "archive_corpus", gated)
    first, first_steps = run_in_thread(library.steps(quiet, nothing))
    assert merging.wait(WAIT)
    write(corpus_dir, "d.txt", "Talks resume", "Talks with Vladimir Putin resume on Friday.")
    second, second_steps = run_in_thread(library.steps(quiet, nothing, refresh=True))
    while not second_steps:  # the refresh has synced and listed: its merge waits for the lock
        second.join(0.01)
    release.set()
    first.join(WAIT)
    second.join(WAIT)
    assert [step.merged for step in first_steps] == [False], "the stale merge is not shown"
    assert [step.merged for step in second_steps] == [False, True]
    merged = second_steps[-1].corpus
    assert any(actor.name == "Vladimir Putin" for actor in merged.actors)


def test_an_already_set_cancel_stops_the_sync_before_it_writes_everything(library, corpus_dir):
    library.sync(quiet)  # three stored
    for number in range(10):
        write(corpus_dir, f"r{number}.txt", f"Report {number}", f"Body of report {number}.")
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        library.sync(quiet, cancel=cancel)
    assert 0 < library.store.count() < 13
    steps = list(library.steps(quiet, nothing, cancel=cancel))
    assert steps == [], "nothing once the cancel is set: not even what is stored is read"
    library.sync(quiet)  # the next sync finishes the job
    assert library.store.count() == 13


def test_a_cancel_set_mid_sync_reaches_the_worker_pool(library, corpus_dir, monkeypatch):
    monkeypatch.setattr(sync_module, "PARALLEL_FROM", 4)  # the pool, with few files
    for number in range(40):
        write(corpus_dir, f"r{number:02d}.txt", f"Report {number}", f"Body of report {number}.")
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done == 3:
            cancel.set()

    with pytest.raises(Cancelled):
        library.sync(quiet, progress, cancel)
    assert seen[-1] == 3, "no file is taken from the pool after the cancel"
    assert library.store.count() == 3, "only the stored files"
    library.sync(quiet)
    assert library.store.count() == 43


def test_next_mention_steps_through_the_articles_that_name_an_actor():
    def article(id: str, body: str) -> Article:
        return Article(id=id, path=f"{id}.txt", source="s", title=id.upper(), paragraphs=[body])

    corpus = Corpus.build(
        [
            article("a", "Talks with Vladimir Putin resume on Friday."),
            article("b", "Shares fell sharply in Moscow."),
            article("c", "Vladimir Putin said on Tuesday that talks would go on."),
        ]
    )
    name = "Vladimir Putin"
    assert Library.find_actor(corpus, name).articles == ["a", "c"]
    target, spans = Library.next_mention(corpus, name, "a", 1)
    assert target == "c"
    assert [corpus.article("c").text[s:e] for s, e in spans] == [name]
    assert Library.next_mention(corpus, name, "c", 1)[0] == "a"  # around the end
    assert Library.next_mention(corpus, name, "a", -1)[0] == "c"
    assert Library.next_mention(corpus, name, "b", 1)[0] == "a"  # from an article without it
    assert Library.next_mention(corpus, "Nobody", "a", 1) is None


def test_a_refresh_reads_back_only_the_files_it_wrote(library, corpus_dir, monkeypatch):
    list(library.steps(quiet, nothing))
    read: list[list[str]] = []
    real = library.store.path_contents

    def counted(paths):
        read.append(sorted(paths))
        return real(paths)

    monkeypatch.setattr(library.store, "path_contents", counted)
    write(corpus_dir, "a.txt", "Summit called off", "The summit planned for Friday is off.")
    write(corpus_dir, "d.txt", "Talks resume", "Talks with Vladimir Putin resume on Friday.")
    (corpus_dir / "c.txt").unlink()
    steps = list(library.steps(quiet, nothing, refresh=True))
    changes = steps[0].changes
    assert (changes.added, changes.changed, changes.removed) == (["d"], ["a"], ["c"])
    names = {path.rsplit("/", 1)[-1] for paths in read for path in paths}
    assert names == {"a.txt", "c.txt", "d.txt"}, "the other files' rows are never read back"
    assert steps[-1].merged and "d" in {a.id for a in steps[-1].corpus.articles}


def test_a_watched_batch_looks_at_its_own_files_only(library, corpus_dir):
    list(library.steps(quiet, nothing))
    edited = write(corpus_dir, "a.txt", "Summit called off", "The summit for Friday is off.")
    other = write(corpus_dir, "b.txt", "Sanctions imposed", "Sanctions hit Russian banks today.")
    added = write(corpus_dir, "d.txt", "Talks resume", "Talks with Vladimir Putin resume.")
    steps = list(library.steps(quiet, nothing, refresh=True, only={str(edited.resolve())}))
    changes = steps[0].changes
    assert (changes.added, changes.changed) == (["d"], ["a"]), "b was not looked at"
    assert added.exists() and other.exists()
    steps = list(library.steps(quiet, nothing, refresh=True))
    assert steps[0].changes.changed == ["b"], "a full refresh finds it"


@pytest.mark.parametrize("spelled", ["relative", "a file"])
def test_a_watched_batch_finds_its_files_however_the_paths_were_given(
    tmp_path, corpus_dir, monkeypatch, spelled
):
    monkeypatch.chdir(corpus_dir.parent)
    edited = corpus_dir / "a.txt"
    path = corpus_dir.name if spelled == "relative" else f"{corpus_dir.name}/a.txt"
    with Library([path], Settings.resolve(cache=tmp_path / "cache")) as opened:
        list(opened.steps(quiet, nothing))
        write(corpus_dir, "a.txt", "Summit called off", "The summit for Friday is off.")
        steps = list(opened.steps(quiet, nothing, refresh=True, only={str(edited.resolve())}))
    assert steps and steps[0].changes.changed == ["a"]


def test_a_refresh_that_gives_its_turn_leaves_its_files_to_the_waiting_one(library):
    library._asked.ask({"/x/a.txt"})  # a refresh that found another waiting and returned
    library._asked.ask({"/x/b.txt"})
    assert library._asked.take() == {"/x/a.txt", "/x/b.txt"}
    assert library._asked.take() == set()
    library._asked.ask(None)
    library._asked.ask({"/x/c.txt"})
    assert library._asked.take() is None, "a full refresh asked: every file"


def test_a_warm_start_lists_first_with_the_top_stories(tmp_path, corpus_dir):
    settings = Settings.resolve(cache=tmp_path / "cache")
    with Library([str(corpus_dir)], settings) as fresh:
        assert all(step.top is None for step in fresh.steps(quiet, nothing)), "none kept yet"
        every = fresh.stories()  # (and kept: the next start reads its head)
    assert every
    with Library([str(corpus_dir)], settings) as warm:
        first, *rest = warm.steps(quiet, nothing)
    assert first.top and first.top == every[: len(first.top)]
    assert all(step.top is None for step in rest)


def test_the_stored_list_read_ahead_is_the_first_loads_first_step(tmp_path, corpus_dir):
    settings = Settings.resolve(cache=tmp_path / "cache")
    with Library([str(corpus_dir)], settings) as cold:
        assert cold.stored_step(quiet) is None, "an empty store: nothing to list ahead"
        listed_cold = [step.corpus.articles for step in cold.steps(quiet, nothing)]
    with Library([str(corpus_dir)], settings) as warm:
        ahead = warm.stored_step(quiet)
        assert ahead is not None and not ahead.merged
        assert [a.id for a in ahead.corpus.articles] == [a.id for a in listed_cold[0]]
        first, *rest = warm.steps(quiet, nothing)
        assert first is ahead, "yielded as it was read, not read again"
        assert rest[-1].merged
        assert not any(step is ahead for step in warm.steps(quiet, nothing, refresh=True))
