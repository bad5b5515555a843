"""Bad files are reported in one line and skipped; the rest loads; no traceback ever."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.core.ingest import IngestError, load_articles, read_file
from tests.conftest import run_here


def write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n \t\n", "empty file"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
        ("numbers.txt", b"12 34\n\n56", "no article found"),
        ("broken.json", b'{"title": ', "cannot read as json"),
        ("list.json", b"[1, 2, 3]", "no article found"),
        ("nothing.rss", b"<?xml version='1.0'?><rss><channel></channel></rss>", "no article found"),
    ],
)
def test_bad_file_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    with pytest.raises(IngestError, match=reason):
        read_file(write(tmp_path / name, content))


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(52 * 1024 * 1024)  # sparse: instant to make
    with pytest.raises(IngestError, match=r"too large \(52 MB"):
        read_file(path)


def test_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "locked.txt", b"Title\n\nBody.")
    original = os.open

    def refuse(name, *args, **kwargs):
        if Path(name) == path:
            raise PermissionError(13, "Permission denied")
        return original(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(IngestError, match="Permission denied"):
        read_file(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_by_mode(tmp_path: Path) -> None:
    path = write(tmp_path / "locked.txt", b"Title\n\nBody.")
    path.chmod(0)
    with pytest.raises(IngestError, match="Permission denied"):
        read_file(path)


def test_bad_files_warn_and_the_rest_loads(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", b"Good title\n\nGood body.")
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "bin.dat", b"\x00\x01\x02" * 100)
    warnings: list[str] = []
    articles = load_articles([tmp_path], warnings.append)
    assert [a.title for a in articles] == ["Good title"]
    assert sorted(warnings) == [
        f"{tmp_path / 'bin.dat'}: skipped: binary file",
        f"{tmp_path / 'empty.txt'}: skipped: empty file",
    ]


def test_cli_bad_input(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", b"Good title\n\nGood body.")
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "bin.dat", b"\x00\xff" * 100)
    result = run_here("articles", str(tmp_path), "--json")
    assert result.returncode == 0
    assert [a["title"] for a in json.loads(result.stdout)] == ["Good title"]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and all("skipped" in line for line in lines)
    assert "Traceback" not in result.stderr


def test_cli_missing_path(tmp_path: Path) -> None:
    result = run_here("articles", str(tmp_path / "nope"), "--json")
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr and "Traceback" not in result.stderr
