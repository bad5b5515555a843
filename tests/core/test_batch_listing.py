"""A watched batch after the first looks at its own paths alone: no walk of the folders, no
read of every stored file or header; what it lists is what a full load lists, in the same
order (new, edited, removed and renamed files, folders moved in and out, hidden names).
Real files in a tmp dir, a real SQLite store."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reader.core import sync as sync_module
from reader.core.batch_listing import Positions, batch_order
from reader.core.ingest import MissingPathError
from reader.core.library import Library
from reader.core.settings import Settings
from tests.core.conftest import write


def quiet(message: str) -> None:
    pass


def nothing(done: int, total: int) -> None:
    pass


@pytest.fixture
def news(tmp_path) -> Path:
    folder = tmp_path / "news"
    for sub in ("world", "world/europe", "sport"):
        (folder / sub).mkdir(parents=True)
    write(folder, "a.txt", "Summit set", "The summit is on Friday in Geneva.")
    write(folder / "world", "b.txt", "Sanctions imposed", "Sanctions hit Russian banks.")
    write(folder / "world", "b.c.txt", "Grain deal", "Ships left Odesa with grain.")
    write(folder / "world/europe", "c.txt", "Rail strike", "Train drivers walked out.")
    write(folder / "sport", "d.txt", "Chess final", "Carlsen won the final in Oslo.")
    return folder


@pytest.fixture
def library(tmp_path, news):
    with Library([str(news)], Settings.resolve(cache=tmp_path / "cache")) as opened:
        list(opened.steps(quiet, nothing))
        first = write(news, "first.txt", "Talks resume", "Talks with the Kremlin resume.")
        list(opened.steps(quiet, nothing, True, False, None, {str(first)}))  # walks once
        yield opened


def listed_after(library: Library, *changed: Path):
    """The articles the batch of `changed` lists, as (id, path, title), and its changes."""
    batch = {str(path.resolve()) for path in changed}
    steps = list(library.steps(quiet, nothing, True, False, None, batch))
    listing = [s for s in steps if not s.merged]
    assert listing, "the batch changed something"
    articles = [(a.id, a.path, a.title) for a in listing[-1].corpus.articles]
    return articles, listing[-1].changes


def full_listing(library: Library):
    """What a load that walks every folder and reads every header lists."""
    order, _ = sync_module._listing(library.paths, quiet)
    return [(a.id, a.path, a.title) for a in library.store.headers(order)]


@pytest.fixture
def no_walk(library, monkeypatch):
    """A batch that walks the folders, reads every stored file or every header fails."""

    def refused(*args, **kwargs):
        pytest.fail("looked at the whole archive")

    stored = library.store.stored_files
    monkeypatch.setattr(sync_module, "_listing", refused)
    monkeypatch.setattr(library.store, "headers", refused)
    monkeypatch.setattr(
        library.store,
        "stored_files",
        lambda paths=None: refused() if paths is None else stored(paths),
    )
    return monkeypatch


def test_a_new_file_in_a_subfolder_is_listed_where_a_walk_puts_it(library, news, no_walk):
    new = write(news / "world", "b.a.txt", "Ceasefire holds", "The ceasefire held overnight.")
    articles, changes = listed_after(library, new)
    assert changes.added == ["b.a"]
    no_walk.undo()
    assert articles == full_listing(library)


def test_an_edited_a_removed_and_a_renamed_file(library, news, no_walk):
    edited = write(news, "a.txt", "Summit off", "The summit for Friday is off.")
    removed = news / "sport/d.txt"
    removed.unlink()
    old, new = news / "world/b.txt", news / "world/europe/b2.txt"
    os.rename(old, new)
    articles, changes = listed_after(library, edited, removed, old, new)
    assert (changes.added, changes.changed, sorted(changes.removed)) == (["b2"], ["a"], ["b", "d"])
    no_walk.undo()
    assert articles == full_listing(library)
    assert "Summit off" in {title for _, _, title in articles}


def test_a_folder_moved_in_and_one_moved_out(library, news, tmp_path, no_walk):
    outside = tmp_path / "elsewhere"
    (outside / "asia").mkdir(parents=True)
    write(outside / "asia", "e.txt", "Typhoon nears", "A typhoon neared Okinawa.")
    write(outside / "asia", ".hidden.txt", "Hidden", "Never listed.")
    moved_in = news / "world/asia"
    shutil.move(outside / "asia", moved_in)
    moved_out = news / "world/europe"
    shutil.move(moved_out, outside / "europe")
    articles, changes = listed_after(library, moved_in, moved_out)
    assert (changes.added, changes.removed) == (["e"], ["c"])
    no_walk.undo()
    assert articles == full_listing(library)
    assert "Hidden" not in {title for _, _, title in articles}


def test_a_hidden_folders_file_is_not_news(library, news, no_walk):
    (news / ".git").mkdir()
    hidden = write(news / ".git", "x.txt", "Not news", "Inside a hidden folder.")
    batch = {str(hidden.resolve())}
    steps = list(library.steps(quiet, nothing, True, False, None, batch))
    assert steps == []


def test_the_batch_order_is_the_walks(tmp_path, news):
    roots = [str(news)]
    order, _ = sync_module._listing(roots, quiet)
    assert order == sorted(order, key=Positions(roots)), "a walk's order, as Positions sorts"
    new = [write(news / "world/europe", "a0.txt", "x", "y"), write(news, "z.txt", "x", "y")]
    walked, _ = sync_module._listing(roots, quiet)
    got, present, _ = batch_order(roots, {str(p) for p in new}, order, quiet)
    assert got == walked
    assert sorted(present) == sorted(sync_module.file_key(str(p)) for p in new)


def test_files_another_process_stored_meanwhile_are_listed(library, news, tmp_path):
    write(news, "other.txt", "Flood warning", "Rivers rose in Bavaria.")
    with Library([str(news)], Settings.resolve(cache=tmp_path / "cache")) as other:
        other.sync(quiet)
    new = write(news, "mine.txt", "Election called", "A snap election was called.")
    articles, changes = listed_after(library, new)
    assert changes.added == ["mine"]
    assert articles == full_listing(library)
    assert "Flood warning" in {title for _, _, title in articles}
    again = write(news, "mine.txt", "Election called off", "No snap election after all.")
    articles, _ = listed_after(library, again)  # (its folders walked again: in their order)
    assert articles == full_listing(library)


def test_a_batch_holding_the_folder_itself_walks_it(library, news):
    write(news / "sport", "e.txt", "Marathon run", "Runners crossed Berlin.")
    articles, changes = listed_after(library, news)
    assert changes.added == ["e"]
    assert articles == full_listing(library)


def loaded(cache: Path, folder: Path, *more: Path) -> Library:
    """A library of the folders, loaded, and a watched batch's sync run once (it walks)."""
    library = Library([str(folder), *map(str, more)], Settings.resolve(cache=cache))
    list(library.steps(quiet, nothing))
    first = write(folder, "first.txt", "Talks resume", "Talks with the Kremlin resume.")
    list(library.steps(quiet, nothing, True, False, None, {str(first)}))
    return library


def test_a_root_given_through_a_link_lists_a_batch_of_resolved_paths(news, tmp_path):
    link = tmp_path / "link"
    link.symlink_to(news, target_is_directory=True)
    with loaded(tmp_path / "cache", link) as library:
        new = write(link / "world", "b.a.txt", "Ceasefire holds", "The ceasefire held.")
        articles, changes = listed_after(library, new)  # (the batch names resolved paths)
        assert changes.added == ["b.a"]
        assert articles == full_listing(library)
        assert "Ceasefire holds" in {title for _, _, title in articles}


def test_a_file_another_process_stored_first_is_listed_as_stored(library, news, tmp_path):
    edited = write(news, "a.txt", "Summit off", "The summit for Friday is off.")
    with Library([str(news)], Settings.resolve(cache=tmp_path / "cache")) as other:
        other.sync(quiet)
    new = write(news, "mine.txt", "Election called", "A snap election was called.")
    articles, _ = listed_after(library, edited, new)
    assert articles == full_listing(library)
    assert "Summit off" in {title for _, _, title in articles}


def test_a_batch_after_a_load_that_ended_early_lists_in_a_walks_order(tmp_path):
    folder = tmp_path / "news"
    (folder / "a/b").mkdir(parents=True)
    write(folder / "a", "b-c.txt", "Grain deal", "Ships left Odesa with grain.")
    write(folder / "a/b", "c.txt", "Rail strike", "Train drivers walked out.")
    (more := tmp_path / "more").mkdir()
    with loaded(tmp_path / "cache", folder, more) as library:
        more.rmdir()
        with pytest.raises(MissingPathError):  # the stored list painted, then the sync fails
            list(library.steps(quiet, nothing))
        more.mkdir()
        new = write(folder / "a", "a.txt", "Summit set", "The summit is on Friday.")
        articles, _ = listed_after(library, new)
        assert articles == full_listing(library)


def test_a_name_holding_an_undecodable_byte_is_listed_where_a_walk_puts_it(news, tmp_path):
    odd = os.fsdecode(os.path.join(os.fsencode(news / "world"), b"b\xe9.txt"))
    with open(odd, "w", encoding="utf-8") as file:
        file.write("Port reopens\n\nThe port reopened on Monday.\n")
    write(news / "world", "bz.txt", "Floods recede", "The river fell overnight.")
    with loaded(tmp_path / "cache", news) as library:
        new = write(news / "world", "ba.txt", "Ceasefire holds", "The ceasefire held.")
        articles, _ = listed_after(library, new)
        assert articles == full_listing(library)
        os.rename(odd, odd.replace("b\udce9", "b\udce8"))
        articles, _ = listed_after(library, Path(odd), Path(odd.replace("b\udce9", "b\udce8")))
        assert articles == full_listing(library)


def test_removing_the_last_file_lists_nothing_without_reading_every_header(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    with loaded(tmp_path / "cache", folder) as library:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(library.store, "headers", lambda *a: pytest.fail("read every header"))
            (folder / "first.txt").unlink()
            articles, changes = listed_after(library, folder / "first.txt")
        assert (articles, changes.removed) == ([], ["first"])
