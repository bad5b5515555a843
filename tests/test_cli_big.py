"""Large outputs: `articles --json` streams its array, the table lists a bounded number of rows."""

import json

import pytest

from reader.cli import _print_json
from reader.core.safe_text import json_text
from reader.tables import ARTICLE_ROWS
from tests.conftest import run_here


@pytest.mark.parametrize(
    "items",
    [
        [],
        [{}],
        [{"id": "a", "paragraphs": [], "nested": {"list": [1, [2, {}]], "empty": {}}}],
        [{"title": "line\nbreak \x1b[31mred\x7f\u0085", "n": None}, [], "text", 3],
    ],
)
def test_streamed_json_is_the_text_of_the_whole_list(items, capsys):
    _print_json(iter(items))
    out = capsys.readouterr().out
    assert out == json_text(items, indent=2) + "\n"
    assert json.loads(out) == items


def _jsonl(folder, count):
    folder.mkdir()
    with open(folder / "records.jsonl", "w") as lines:
        for i in range(count):
            record = {"id": f"r{i}", "title": f"Title {i}\x1b[2J", "text": f"Body {i}.\n\nTwo."}
            lines.write(json.dumps(record) + "\n")
    return folder


def test_articles_json_streams_the_same_text_as_a_whole_dump(tmp_path):
    folder = _jsonl(tmp_path / "news", 5)
    result = run_here("articles", str(folder), "--json", "--cache", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    articles = json.loads(result.stdout)
    assert sorted(a["id"] for a in articles) == [f"r{i}" for i in range(5)]
    assert result.stdout == json_text(articles, indent=2) + "\n"
    assert "\x1b" not in result.stdout


def test_a_long_article_table_lists_the_first_rows_and_says_how_many_more(tmp_path):
    folder = _jsonl(tmp_path / "news", ARTICLE_ROWS + 7)
    result = run_here("articles", str(folder), "--cache", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    assert f"{ARTICLE_ROWS + 7} articles" in result.stdout
    assert f"the first {ARTICLE_ROWS} shown; 7 more with --json" in result.stdout
    assert result.stdout.count("Title ") == ARTICLE_ROWS
    assert "\x1b" not in result.stdout
