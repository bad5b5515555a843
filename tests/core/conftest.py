"""Fixtures for core tests: a small folder of articles on disk."""

from __future__ import annotations

import pytest


def write(folder, name: str, title: str, body: str):
    path = folder / name
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def corpus_dir(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    write(folder, "a.txt", "Summit called off", "The summit planned for Thursday is off.")
    write(folder, "b.txt", "Sanctions imposed", "New sanctions hit Russian banks on Tuesday.")
    write(folder, "c.txt", "Markets fall", "Shares fell sharply in Moscow.")
    return folder
