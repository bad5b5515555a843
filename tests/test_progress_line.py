"""The CLI's progress line: on stderr only when it is a terminal, redrawn in place, erased
before anything else is written, and a file name in it never drives the terminal."""

from __future__ import annotations

import io
from pathlib import Path

from reader import progress_line
from reader.core.ingest import FileStream
from reader.progress_line import ProgressLine


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def big_file(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    line = '{"title": "Harbour report", "body": "The harbour council met on Monday."}\n'
    path.write_text(line * 200)
    return path


def test_the_line_is_drawn_on_a_terminal_only_and_erased(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(progress_line, "WORTH_SHOWING", 0)
    path = big_file(tmp_path, "big\x1b]0;PWNED\x07.jsonl")
    for stream, shown in ((io.StringIO(), False), (Terminal(), True)):
        line = ProgressLine(stream)
        read = FileStream(path, line)
        list(read)
        written = stream.getvalue()
        assert bool(written) is shown
        line.clear()
    assert written.startswith("\r\x1b[Kreader: Reading big")
    assert "· 200 articles" in written and "PWNED\x07" not in written
    assert written.replace("\r\x1b[K", "").count("\x1b") == 0
    assert stream.getvalue().endswith("\r\x1b[K")  # erased once done
