"""Claims another indexer holds, waited for when asked: the stories an indexer's update changed
that another was merging meanwhile are merged again once that one lets go, by one indexer,
and only if that one's merge is not of them as they are (tests/pg_cluster.py starts the
server)."""

from __future__ import annotations

import threading
import time

import pytest

from tests.core.test_archive import WAIT, archive  # noqa: F401  # the fixture

pytest.importorskip("psycopg")
from reader.core.store.pg_store import ArchiveStore  # noqa: E402
from reader.core.store_url import parse_store_url  # noqa: E402


def test_a_claim_another_holds_is_waited_for_then_taken(archive) -> None:  # noqa: F811
    store, postgres, name = archive
    files = [(f"story:{n}", str(n)) for n in range(3)]
    with ArchiveStore(parse_store_url(postgres.url(database=name))) as other:
        theirs = other.claim(files[1:2])
        assert next(theirs) == files[1:2]  # the other indexer merges story 1
        assert list(store.claim(files)) == [files[:1] + files[2:]], "skipped, not waited for"
        taken: list[list[tuple[str, str]]] = []
        waiting = threading.Thread(target=lambda: taken.extend(store.claim(files, wait=True)))
        waiting.start()
        time.sleep(0.5)
        assert waiting.is_alive(), "waits for the other's claim"
        assert taken == [files[:1] + files[2:]]
        theirs.close()  # done with it: its claim dropped
        waiting.join(WAIT)
        assert not waiting.is_alive()
    assert taken == [files[:1] + files[2:], files[1:2]]
    with store.db.read() as db:
        assert db.execute("SELECT count(*) FROM claims").fetchone() == (0,)


def test_an_indexer_catches_up_with_the_others_story_saves(archive) -> None:  # noqa: F811
    import random

    from reader.core.stories import StoredStories
    from tests.core.test_stories_partial import add, article, grouped

    store, postgres, name = archive
    rng = random.Random(3)
    made = [article(topic, number, rng) for topic in range(6) for number in range(4)]
    rng.shuffle(made)
    with ArchiveStore(parse_store_url(postgres.url(database=name))) as other_store:
        one, other = StoredStories(store), StoredStories(other_store)
        for turn, start in enumerate(range(0, len(made), 4)):
            add(store, made[start : start + 4])
            mine = one if turn % 2 == 0 else other
            held = mine._index
            assert mine.update()
            assert held is None or mine._index is held, "caught up, not started over"
        stories, links = grouped(made)
        rows = store.story_state_of(None)
        assert {a: story for a, story, *_ in rows} == stories
        neighbours = {a: near for a, (_, near) in links.items()}  # (REAL: a float's 4 bytes)
        assert {a: n for a, _, _, _, n in rows if n is not None} == neighbours
