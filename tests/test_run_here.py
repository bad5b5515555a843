"""`run_here` answers as a process would and leaves this one as it was: the worker count a
command sets is set back, what was written before stderr was closed is kept, and an uncaught
error is exit code 1 with its traceback."""

from __future__ import annotations

import json

from reader import cli
from reader.core.workers import worker_count
from tests.conftest import run_here


def test_the_worker_count_an_index_sets_is_set_back(tmp_path):
    default = worker_count()
    path = tmp_path / "news.jsonl"
    article = {"id": "a", "outlet": "Gazette", "published": "2024-01-01", "title": "Tides"}
    path.write_text(json.dumps({**article, "text": "The tides rose."}) + "\n", encoding="utf-8")
    cache = str(tmp_path / "cache")
    result = run_here("index", str(path), "--workers", str(default + 1), "--cache", cache)
    assert result.returncode == 0, result.stderr
    assert worker_count() == default


def test_what_was_written_before_a_broken_pipe_is_kept(monkeypatch):
    def broken(args) -> int:
        cli.warn("half written")
        raise BrokenPipeError

    monkeypatch.setitem(cli.HANDLERS, "stories", broken)
    result = run_here("stories")
    assert result.returncode == 0
    assert "half written" in result.stderr


def test_an_uncaught_error_is_exit_code_1_and_its_traceback(monkeypatch):
    def failing(args) -> int:
        raise RuntimeError("went wrong")

    monkeypatch.setitem(cli.HANDLERS, "stories", failing)
    result = run_here("stories")
    assert result.returncode == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert "RuntimeError: went wrong" in result.stderr
