"""Ingest against hostile entries, one kind at a time: regular files only, capped reads, JSON
lines judged line by line, text that is not language, names that are not UTF-8, unique ids."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from reader.core.ingest import IngestError, list_files, load_articles, read_path
from reader.core.ingest.decode import decode, looks_binary, reads_as_language
from reader.core.ingest.files import read_capped
from reader.core.paths import path_text

GOOD = b"Good title\n\nThe council met on Monday.\n"


def test_special_files_are_listed_never_opened(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_bytes(GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere")
    warnings: list[str] = []
    assert list_files(tmp_path, warnings.append) == [str(tmp_path / "good.txt")]
    assert sorted(warnings) == [
        f"{tmp_path}/gone.txt: skipped: broken link",
        f"{tmp_path}/pipe.txt: skipped: not a regular file (FIFO)",
        f"{tmp_path}/zero.txt: skipped: not a regular file (character device)",
    ]
    for name in ("pipe.txt", "zero.txt"):  # asked for by name, still never opened
        with pytest.raises(IngestError, match="not a regular file"):
            read_path(tmp_path / name)
        assert list_files(tmp_path / name, warnings.append) == []


def test_reads_stop_at_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 10_000)
    assert len(read_capped(path, 10_000)[1]) == 10_000
    with pytest.raises(IngestError, match="too large"):
        read_capped(path, 9_999)


def test_a_nul_line_costs_only_that_line(tmp_path: Path) -> None:
    records = [
        json.dumps({"id": f"r{n}", "title": f"Record {n}", "text": "Body."}) for n in range(3)
    ]
    data = "\n".join([records[0], "\x00" * 5000, records[1], "{oops", records[2], '{"id": "cu'])
    read = read_path(_write(tmp_path / "r.jsonl", data.encode()))
    assert [a.id for a in read.articles] == ["r0", "r1", "r2"]
    assert (
        read.note == "skipped bad lines 2, 4; skipped line 6: truncated (the file ends mid-record)"
    )


def test_deeply_nested_records_are_one_bad_line(tmp_path: Path) -> None:
    good = json.dumps({"id": "ok", "title": "Fine", "text": "Body."})
    read = read_path(_write(tmp_path / "n.jsonl", ("[" * 100_000 + "\n" + good + "\n").encode()))
    assert [a.id for a in read.articles] == ["ok"] and read.note == "skipped bad line 1"


def test_a_few_bad_bytes_do_not_make_a_text_binary(tmp_path: Path) -> None:
    data = GOOD + b"A stray \x00 NUL and a \x01 control in a long enough paragraph of words.\n"
    assert not looks_binary(data)
    (article,) = read_path(_write(tmp_path / "a.txt", data)).articles
    assert article.title == "Good title"
    assert looks_binary(bytes(range(32)) * 10)


def test_a_lying_utf16_charset_is_ignored() -> None:
    page = '<html><head><meta charset="utf-16"></head><body><p>Caf\u00e9 \u2019talks\u2019</p>'
    assert "Café ’talks’" in decode(page.encode("cp1252"))


def test_random_bytes_are_not_language(tmp_path: Path) -> None:
    rng = random.Random(4)
    noise = bytes(rng.randrange(128, 256) for _ in range(5000))
    assert not reads_as_language(noise)
    with pytest.raises(IngestError, match="not text"):
        read_path(_write(tmp_path / "noise.txt", b"Title\n\n" + noise))
    assert reads_as_language("Кремль заявил, что встреча преждевременна. ".encode("koi8-r") * 20)
    assert reads_as_language("Café au lait, s’il vous plaît.".encode("cp1252"))


def test_a_name_that_is_not_utf8_loads_as_valid_text(tmp_path: Path) -> None:
    name = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(name, "wb") as handle:
        handle.write(GOOD)
    (path,) = list_files(tmp_path)
    assert path == os.fsdecode(name)  # the OS form: opens as it is
    (article,) = load_articles([tmp_path])
    assert article.path == path_text(path) == f"{tmp_path}/caf\\xe9.txt"
    assert article.id == "caf\\xe9"
    json.dumps(article.to_json(), ensure_ascii=False).encode("utf-8")  # valid text throughout


def test_lone_surrogates_in_records_become_valid_text(tmp_path: Path) -> None:
    record = (
        '{"id": "s\\ud800", "title": "Title \\udcff", "outlet": "O\\ud800", "text": "B\\ud800."}'
    )
    (article,) = read_path(_write(tmp_path / "s.json", record.encode())).articles
    json.dumps(article.to_json(), ensure_ascii=False).encode("utf-8")


def test_ids_are_unique_across_suffixes_and_records(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_bytes(GOOD)
    (tmp_path / "story.md").write_bytes(b"# Other title\n\nBody text here.\n")
    same = json.dumps({"id": "x", "title": "T", "text": "Body."})
    _write(tmp_path / "twins.jsonl", f"{same}\n{same}\n".encode())
    ids = [a.id for a in load_articles([tmp_path])]
    assert len(ids) == len(set(ids)) == 4


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_character_references_to_surrogates_do_not_stop_a_feed(tmp_path: Path) -> None:
    item = "<item><title>A &#xD800; b &#55296;</title><guid>g&#xDC80;</guid></item>"
    page = f'<?xml version="1.0"?><rss version="2.0"><channel>{item}</channel></rss>'
    (article,) = read_path(_write(tmp_path / "f.rss", page.encode())).articles
    assert article.title == "A \ufffd b \ufffd"
    json.dumps(article.to_json(), ensure_ascii=False).encode("utf-8")
