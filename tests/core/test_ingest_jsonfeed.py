"""JSON Feed 1.0 and 1.1: every item with its body, date, title and the feed's title as outlet."""

from __future__ import annotations

import json
from pathlib import Path

from reader.core.ingest import detect_format, read_path

FEED_11 = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Harbour Gazette",
    "home_page_url": "https://gazette.example/",
    "authors": [{"name": "Desk"}],
    "items": [
        {
            "id": "1",
            "url": "https://gazette.example/pier",
            "title": "Pier opens",
            "content_html": "<p>The pier <b>opened</b>.</p><script>x()</script><p>Ferries came.",
            "date_published": "2024-03-04T09:15:00+00:00",
            "date_modified": "2024-03-05T10:00:00+00:00",
            "authors": [{"name": "Ann Writer"}, {"name": "Bo Reporter"}],
            "tags": ["harbour", "transport"],
        },
        {"id": "2", "title": "Text only", "content_text": "First.\n\nSecond."},
        {"id": "3", "summary": "Only a summary here.", "date_modified": "2024-03-06"},
        "not an object",
    ],
}
FEED_10 = {
    "version": "https://jsonfeed.org/version/1",
    "title": "Old Feed",
    "author": {"name": "Editor"},
    "items": [{"id": "a", "title": "One", "content_text": "Body.", "url": "https://o.example/1"}],
}


def write(path: Path, value: object) -> Path:
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def test_json_feed_11(tmp_path: Path) -> None:
    read = read_path(write(tmp_path / "feed.json", FEED_11))
    pier, text, summary = read.articles
    assert (pier.title, pier.source, pier.url) == ("Pier opens", "Harbour Gazette", pier.url)
    assert pier.paragraphs == ["The pier opened.", "Ferries came."]
    assert (pier.published, pier.updated) == ("2024-03-04T09:15", "2024-03-05T10:00")
    assert (pier.author, pier.section, pier.format) == (
        "Ann Writer, Bo Reporter",
        "harbour",
        "jsonfeed",
    )
    assert text.paragraphs == ["First.", "Second."] and text.author == "Desk"
    assert (summary.title, summary.published) == ("Only a summary here.", "2024-03-06")
    assert read.note == "skipped item 4: not an object or no text"


def test_json_feed_10_any_extension(tmp_path: Path) -> None:
    (article,) = read_path(write(tmp_path / "feed.txt", FEED_10)).articles
    assert (article.id, article.title, article.source, article.author) == (
        "a",
        "One",
        "Old Feed",
        "Editor",
    )
    assert detect_format(Path("f"), json.dumps(FEED_10).encode()) == "jsonfeed"


def test_json_feed_with_100000_items(tmp_path: Path) -> None:
    items = [{"id": str(n), "title": f"Item {n}", "content_text": "Words."} for n in range(100_000)]
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Big", "items": items}
    articles = read_path(write(tmp_path / "big.json", feed)).articles
    assert len(articles) == 100_000 and articles[-1].title == "Item 99999"
    assert {a.source for a in articles} == {"Big"}
