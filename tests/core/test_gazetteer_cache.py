"""The name lists kept in the cache directory: read back whole, built again when damaged."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from reader.core.nlp import gazetteer as module
from reader.core.nlp.gazetteer import Gazetteer, gazetteer


def test_the_lists_are_kept_in_the_cache_folder_and_read_back_equal(tmp_path: Path):
    path = tmp_path / "kept" / "gazetteer.json"
    module._write(path, gazetteer())
    assert module._read(path) == gazetteer()
    assert [p.name for p in path.parent.iterdir()] == ["gazetteer.json"]  # no temporary left


def test_a_run_keeps_them_under_a_key_of_the_packages_and_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    long_ago = time.time() - module.OLD_LISTS - 60
    for name in ("gazetteer-0123456789abcdef.json", "gazetteer-x.json.abc.tmp"):
        (tmp_path / name).write_text("{}")  # another version's, long unused; a killed write's
        os.utime(tmp_path / name, (long_ago, long_ago))
    (tmp_path / "gazetteer-fedcba9876543210.json").write_text("{}")  # another version's, in use
    built = gazetteer.__wrapped__()
    kept, other = sorted(tmp_path.glob("gazetteer-*"), key=lambda p: "fedcba" in p.name)
    assert other.name == "gazetteer-fedcba9876543210.json"
    assert kept.name == f"gazetteer-{module._key()}.json"
    assert module._read(kept) == built == gazetteer()


@pytest.mark.parametrize(
    "text", [b"", b"{", b"[]", b'{"places": ["x"]}', b'{"places": [1]}', "\xff".encode("latin-1")]
)
def test_damaged_lists_are_not_read(tmp_path: Path, text: bytes):
    path = tmp_path / "gazetteer.json"
    path.write_bytes(text)
    assert module._read(path) is None


def test_lists_given_as_strings_are_not_read(tmp_path: Path):
    """A whole file whose lists are strings is not taken as sets of their letters."""
    path = tmp_path / "gazetteer.json"
    module._write(path, gazetteer())
    kept = json.loads(path.read_bytes())
    path.write_text(json.dumps({name: "abc" for name in kept}))
    assert module._read(path) is None


def test_damaged_lists_are_built_again_and_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    path = tmp_path / f"gazetteer-{module._key()}.json"
    path.write_text('{"places": ["nowhere"]}')
    assert gazetteer.__wrapped__() == gazetteer()
    assert module._read(path) == gazetteer()


def test_a_cache_folder_that_cannot_be_written_still_gives_the_lists(tmp_path: Path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    module._write(blocked / "gazetteer.json", gazetteer())  # no error: built again next time
    assert not (blocked / "gazetteer.json").exists() and isinstance(gazetteer(), Gazetteer)
    assert os.listdir(tmp_path) == ["file"]
