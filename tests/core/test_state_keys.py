"""Reading state belongs to the article (its file and place), not to its id: real files in tmp
folders, real state files."""

from __future__ import annotations

import shutil
import sqlite3

from reader.core.ingest import load_articles
from reader.core.state import ReadingState
from tests.core.conftest import write


def folder_with(tmp_path, name: str, title: str = "Vote called"):
    folder = tmp_path / name
    folder.mkdir()
    write(folder, "010.txt", title, f"{title}: the {name} desk reports.")
    return folder


def test_a_star_stays_with_its_file_not_a_same_named_one_elsewhere(tmp_path):
    politics, business = folder_with(tmp_path, "politics"), folder_with(tmp_path, "business")
    state = ReadingState(tmp_path / "state.sqlite3")
    (mine,) = load_articles([politics])
    state.track([mine])
    assert state.toggle_star(mine.id) is True
    state.close()
    again = ReadingState(tmp_path / "state.sqlite3")
    (other,) = load_articles([business])  # id "010" too, in another run
    again.track([other])
    assert other.id == mine.id and not again.is_starred(other.id)
    again.track(load_articles([politics]))
    assert again.is_starred(mine.id)


def test_a_copy_in_a_new_folder_starts_unread_but_a_move_keeps_its_marks(tmp_path):
    seeds = folder_with(tmp_path, "seeds")
    state = ReadingState(tmp_path / "state.sqlite3")
    (article,) = load_articles([seeds])
    state.track([article])
    state.set_read(article.id)
    copy = tmp_path / "copy"
    shutil.copytree(seeds, copy)
    (copied,) = load_articles([copy])
    state.track([copied])
    assert not state.is_read(copied.id)
    moved = tmp_path / "moved"
    seeds.rename(moved)
    (kept,) = load_articles([moved])
    state.track([kept])
    assert state.is_read(kept.id)


def test_an_edit_keeps_the_marks(tmp_path):
    folder = folder_with(tmp_path, "news")
    state = ReadingState(tmp_path / "state.sqlite3")
    state.track(load_articles([folder]))
    state.toggle_star("010")
    write(folder, "010.txt", "Vote called off", "A new body.")
    state.close()
    again = ReadingState(tmp_path / "state.sqlite3")
    again.track(load_articles([folder]))
    assert again.is_starred("010")


def test_marks_kept_by_id_before_keys_pass_to_the_article(tmp_path):
    path = tmp_path / "state.sqlite3"
    with sqlite3.connect(path) as old:  # the layout before keys
        old.execute(
            "CREATE TABLE article_state (article TEXT PRIMARY KEY,"
            " read INTEGER NOT NULL DEFAULT 0, starred INTEGER NOT NULL DEFAULT 0)"
        )
        old.execute("INSERT INTO article_state VALUES ('010', 1, 1)")
    state = ReadingState(path)
    assert state.is_starred("010")  # untracked: by id, as before
    folder = folder_with(tmp_path, "news")
    state.track(load_articles([folder]))
    assert state.is_read("010") and state.is_starred("010")
    state.close()
    again = ReadingState(path)
    assert not again.is_read("010")  # now kept by key, not by id
    again.track(load_articles([folder_with(tmp_path, "elsewhere")]))
    assert not again.is_read("010")
    again.track(load_articles([folder]))
    assert again.is_read("010") and again.is_starred("010")


def test_marks_set_together_follow_a_move_made_in_a_later_run(tmp_path):
    """The words are hashed when an article is marked, not when it is listed: marks set many
    at once, after the list was tracked again, still follow the files to a new folder."""
    news = tmp_path / "news"
    news.mkdir()
    for number in range(3):
        write(news, f"{number}.txt", f"Vote {number} called", f"Report {number} of the desk.")
    state = ReadingState(tmp_path / "state.sqlite3")
    state.track(load_articles([news]))
    state.track(load_articles([news]))
    assert state.set_read_many(["0", "2"]) == ["0", "2"]
    state.close()
    news.rename(tmp_path / "moved")
    again = ReadingState(tmp_path / "state.sqlite3")
    again.track(load_articles([tmp_path / "moved"]))
    assert [again.is_read(n) for n in ("0", "1", "2")] == [True, False, True]


def test_a_key_names_the_file_as_its_absolute_path_however_it_was_spelled(tmp_path):
    from pathlib import Path

    from reader.core.article_keys import PREFIX, article_key
    from reader.core.model import Article

    spellings = ["/a/b.txt", "/a//b.txt", "/a/./b.txt", "/a/b/", "/a/b/.", "/a/../b", "rel/b.txt"]
    for path in spellings:
        key = article_key(Article(id="b", path=path, source=None, title="t"))
        assert key == f"{PREFIX}{Path(path).absolute().as_posix()}#b", path


def test_a_list_tracked_again_looks_only_at_its_new_articles(tmp_path, monkeypatch):
    from reader.core import state as state_module

    folder = folder_with(tmp_path, "news")
    write(folder, "011.txt", "Budget passed", "The budget passed on Tuesday.")
    state = ReadingState(tmp_path / "state.sqlite3")
    listed = load_articles([folder])
    state.track(listed)
    state.toggle_star("010")
    keyed: list[str] = []
    key = state_module.article_key
    monkeypatch.setattr(state_module, "article_key", lambda a: keyed.append(a.id) or key(a))
    (new,) = load_articles([write(folder, "012.txt", "Strike ends", "Drivers went back.")])
    state.track([*listed, new])  # a refresh's list: the same articles, and a new one
    assert keyed == ["012"]
    assert state.is_starred("010") and not state.is_starred("012")


def test_keys_known_for_a_first_frame_show_marks_but_pass_none_on(tmp_path):
    seeds, news = folder_with(tmp_path, "seeds"), folder_with(tmp_path, "news", "Vote held")
    state = ReadingState(tmp_path / "state.sqlite3")
    (article,) = load_articles([seeds])
    (other,) = load_articles([news])
    state.track([article, other])
    state.set_read(other.id)
    state.close()
    again = ReadingState(tmp_path / "state.sqlite3")
    (read,) = load_articles([news])
    again.know_keys([read])
    assert again.is_read(read.id), "its mark, by its key"
    seeds.rename(tmp_path / "moved")
    state = ReadingState(tmp_path / "state.sqlite3")
    state.track([article])  # (marked, then moved: its mark is to pass to the moved file)
    state.set_read(article.id)
    state.close()
    again = ReadingState(tmp_path / "state.sqlite3")
    (kept,) = load_articles([tmp_path / "moved"])
    again.know_keys([kept])
    assert not again.is_read(kept.id), "no mark passed on: the whole list's track does that"
    again.track([kept])
    assert again.is_read(kept.id)
