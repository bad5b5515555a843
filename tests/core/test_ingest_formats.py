"""HTML pages, RSS/Atom feeds, JSON, JSON lines and Markdown, detected by content too."""

from __future__ import annotations

import json
from pathlib import Path

from reader.core.ingest import detect_format, load_articles, read_file, read_path

BODY = " ".join(["The council voted on Tuesday to close the old bridge for repairs."] * 3)
HTML = f"""<!DOCTYPE html>
<html><head><title>Bridge closes for repairs | Daily Example</title>
<link rel="canonical" href="https://www.example-news.com/2023/05/02/bridge">
<meta property="og:title" content="Bridge closes for repairs">
<meta name="author" content="Ann Writer">
<meta property="article:published_time" content="2023-05-02T08:30:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Bridge closes for repairs</h1>
<p>{BODY}</p><p>{BODY} Engineers said the work would take a year.</p></article>
<footer>Copyright Daily Example. All rights reserved.</footer></body></html>"""

RSS = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Example Feed</title><link>https://feeds.example.com/</link>
<item><title>First story</title><link>https://feeds.example.com/1</link><guid>story-1</guid>
<pubDate>Tue, 02 May 2023 08:30:00 GMT</pubDate><description>Short summary.</description>
<content:encoded><![CDATA[<p>Full first paragraph.</p><p>Second paragraph.</p>]]></content:encoded>
</item>
<item><title>Second story</title><link>https://feeds.example.com/2</link>
<description>&lt;p&gt;Only a summary, in HTML.&lt;/p&gt;</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Example</title>
<entry><title>An entry</title><id>urn:entry:1</id><link href="https://atom.example.com/e1"/>
<updated>2016-02-01T10:00:00+01:00</updated><summary>Entry text.</summary></entry></feed>"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_html_page(tmp_path: Path) -> None:
    (article,) = read_file(write(tmp_path, "bridge.html", HTML))
    assert article.format == "html"
    assert article.title == "Bridge closes for repairs"
    assert article.url == "https://www.example-news.com/2023/05/02/bridge"
    assert article.published == "2023-05-02"
    assert article.author == "Ann Writer"
    assert "Engineers said the work would take a year." in article.text
    assert "All rights reserved" not in article.text and "Home" not in article.paragraphs


def test_rss_items_with_content_or_summary(tmp_path: Path) -> None:
    first, second = read_file(write(tmp_path, "feed.xml", RSS))
    assert (first.id, first.title, first.url) == ("story-1", "First story", first.url)
    assert first.paragraphs == ["Full first paragraph.", "Second paragraph."]
    assert first.published == "2023-05-02T08:30"
    assert second.paragraphs == ["Only a summary, in HTML."]
    assert second.id == read_file(tmp_path / "feed.xml")[1].id  # stable without a guid


def test_latin1_feed_without_declaration(tmp_path: Path) -> None:
    feed = RSS.replace("First story", "Notícias de São Paulo").replace('<?xml version="1.0"?>', "")
    (first, _) = read_file(write(tmp_path, "uol.rss", feed.encode("latin-1")))
    assert first.title == "Notícias de São Paulo"


def test_atom_feed(tmp_path: Path) -> None:
    (entry,) = read_file(write(tmp_path, "x.atom", ATOM))
    assert (entry.id, entry.title, entry.paragraphs) == ("urn:entry:1", "An entry", ["Entry text."])
    assert entry.url == "https://atom.example.com/e1"
    assert entry.published == "2016-02-01T09:00"


def test_json_list_object_and_lines(tmp_path: Path) -> None:
    record = {
        "id": "r1",
        "outlet": "Example Times",
        "published": "2010-07-02",
        "title": "A title",
        "url": "https://example.com/a",
        "text": "First.\n\nSecond.",
    }
    (single,) = read_file(write(tmp_path, "one.json", json.dumps(record)))
    assert (single.id, single.source, single.published) == ("r1", "Example Times", "2010-07-02")
    assert single.paragraphs == ["First.", "Second."]
    listed = read_file(write(tmp_path, "many.json", json.dumps([record, {**record, "id": "r2"}])))
    assert [a.id for a in listed] == ["r1", "r2"]
    other = {"source": "Other", "date": "2011-01-01", "title": "B", "text": "Body."}
    lines = "\n".join([json.dumps(record), "not json", json.dumps(other)])
    read = read_path(write(tmp_path, "lines.jsonl", lines))
    assert read.note == "skipped bad line 2"  # reported, and the good records kept
    first, second = read.articles
    assert first.id == "r1" and second.source == "Other" and second.published == "2011-01-01"
    assert second.id == read_path(tmp_path / "lines.jsonl").articles[1].id  # hash id, stable


def test_markdown_with_front_matter(tmp_path: Path) -> None:
    page = (
        '---\ntitle: "Budget passes"\ndate: 2024-03-01\nurl: https://www.bbc.co.uk/news/x\n---\n'
        "# Budget passes\n\nThe **budget** passed, [officials](https://x.y) said.\n"
    )
    (article,) = read_file(write(tmp_path, "budget.md", page))
    assert article.format == "markdown"
    assert (article.title, article.published, article.source) == (
        "Budget passes",
        "2024-03-01",
        "BBC News",
    )
    assert article.paragraphs == ["The budget passed, officials said."]
    (plain,) = read_file(write(tmp_path, "plain.md", "# Heading only\n\nSome text here."))
    assert (plain.title, plain.paragraphs) == ("Heading only", ["Some text here."])


def test_format_detected_from_content(tmp_path: Path) -> None:
    assert detect_format(Path("page.txt"), HTML.encode()) == "html"
    assert detect_format(Path("feed.txt"), RSS.encode()) == "feed"
    assert detect_format(Path("a.txt"), b'{"title": "x"}') == "json"
    assert detect_format(Path("a.xml"), b"Just words.") == "text"
    assert read_file(write(tmp_path, "saved.txt", HTML))[0].format == "html"
    assert len(read_file(write(tmp_path, "feed.txt", RSS))) == 2


def test_folders_recursive_hidden_skipped_ids_unique(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Title A\n\nBody A.")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "a.md", "Title B\n\nBody B.")
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / ".hidden", "c.txt", "Title C\n\nBody C.")
    write(tmp_path, ".d.txt", "Title D\n\nBody D.")
    articles = load_articles([tmp_path])
    assert sorted(a.title for a in articles) == ["Title A", "Title B"]
    assert len({a.id for a in articles}) == 2


def test_small_html_page(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Small page</title></head><body><h1>Council votes</h1>"
        "<p>The council voted.</p><p>It was close.</p></body></html>"
    )
    (article,) = read_file(write(tmp_path, "small.html", page))
    assert article.title in ("Council votes", "Small page")
    assert article.paragraphs[-2:] == ["The council voted.", "It was close."]
    assert article.title not in article.paragraphs
