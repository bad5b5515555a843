"""Ids stay with their articles: a file with the same stem appearing, going or changing
elsewhere never renames the articles already there (real files, a real store)."""

from __future__ import annotations

from reader.core.library import Library
from reader.core.settings import Settings
from tests.core.conftest import write


def ids_by_folder(library: Library) -> dict[str, str]:
    library.sync(lambda message: None, stories=False)
    return {article.path.split("/")[-2]: article.id for article in library.store.headers()}


def test_a_newcomer_with_the_same_stem_is_the_one_disambiguated(tmp_path):
    root = tmp_path / "news"
    (root / "politics").mkdir(parents=True)
    (root / "business").mkdir()
    write(root / "politics", "010.txt", "Vote called", "The vote is on Friday.")
    with Library([str(root)], Settings.resolve(cache=tmp_path / "cache")) as library:
        assert ids_by_folder(library) == {"politics": "010"}
        write(root / "business", "010.txt", "Shares fall", "Shares fell on Monday.")
        ids = ids_by_folder(library)
        assert ids["politics"] == "010"
        assert ids["business"].startswith("010@") and ids["business"].endswith("business/010")
        write(root / "politics", "010.txt", "Vote called off", "The vote is off.")  # an edit
        assert ids_by_folder(library) == ids
        (root / "business" / "010.txt").unlink()
        assert ids_by_folder(library) == {"politics": "010"}


def test_a_deletion_leaves_the_other_ids_as_they_were(tmp_path):
    root = tmp_path / "news"
    for folder in ("politics", "business"):
        (root / folder).mkdir(parents=True)
        write(root / folder, "010.txt", f"{folder} news", "Body text here.")
    with Library([str(root)], Settings.resolve(cache=tmp_path / "cache")) as library:
        both = ids_by_folder(library)
        assert both["politics"] != both["business"]
        (root / "business" / "010.txt").unlink()
        assert ids_by_folder(library) == {"politics": both["politics"]}  # one removal, no renames
