"""XML found by its root element past a BOM, comments, processing instructions and a doctype, in
any encoding: feeds of every kind go to feedparser, pages to the HTML reader, other XML is
skipped with a message; no file is read as prose full of tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.ingest import IngestError, detect_format, load_articles, read_path

ITEMS = "".join(
    f"<item><title>Story {n}</title><link>https://x.example/{n}</link>"
    f"<description>Body of story {n}.</description></item>"
    for n in range(3)
)
RSS = f"<rss version='2.0'><channel><title>X News</title>{ITEMS}</channel></rss>"
PROLOG = (
    "\n  <?xml version='1.0' encoding='utf-8'?>\n<!--\nDescription: a test feed\n-->\n"
    "<?xml-stylesheet href='feed.css' type='text/css'?>\n"
    "<!DOCTYPE rss [\n<!ENTITY copy '&#169;'>\n<!-- a > sign in a comment -->\n]>\n"
)
ATOM03 = (
    "<!-- comment --><feed version='0.3' xmlns='http://purl.org/atom/ns#'><title>A</title>"
    "<entry><title>Atom 0.3 entry</title><summary>Text.</summary></entry></feed>"
)
RSS10 = (
    "<!-- comment --><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
    "xmlns='http://purl.org/rss/1.0/'><channel rdf:about='https://x.example/'><title>R</title>"
    "</channel><item rdf:about='https://x.example/1'><title>RDF item</title>"
    "<description>Text.</description></item></rdf:RDF>"
)
CDF = (
    "<!-- comment --><CHANNEL HREF='https://x.example/'><TITLE>C</TITLE>"
    "<ITEM HREF='https://x.example/1'><TITLE>CDF item</TITLE><ABSTRACT>Text.</ABSTRACT></ITEM>"
    "</CHANNEL>"
)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def titles(path: Path) -> list[str]:
    articles = read_path(path).articles
    assert all(a.format == "feed" for a in articles)
    assert not any("<" in a.title or "<!--" in a.text for a in articles)
    return [a.title for a in articles]


def test_a_comment_first_feed_is_a_feed(tmp_path: Path) -> None:
    expected = ["Story 0", "Story 1", "Story 2"]
    assert titles(write(tmp_path / "a.xml", (PROLOG + RSS).encode())) == expected
    assert titles(write(tmp_path / "b.txt", ("\ufeff" + PROLOG + RSS).encode())) == expected
    for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-16"):
        data = ("<!-- no byte order mark -->" + RSS).encode(encoding)
        assert titles(write(tmp_path / f"{encoding}.xml", data)) == expected, encoding


@pytest.mark.parametrize(
    ("feed", "title"),
    [(ATOM03, "Atom 0.3 entry"), (RSS10, "RDF item"), (CDF, "CDF item")],
)
def test_every_feed_kind_after_a_comment(tmp_path: Path, feed: str, title: str) -> None:
    assert titles(write(tmp_path / "feed", feed.encode())) == [title]


def test_xml_that_is_neither_feed_nor_page_is_skipped_with_a_message(tmp_path: Path) -> None:
    config = "<?xml version='1.0'?><!-- settings --><config><name>Value</name></config>"
    with pytest.raises(IngestError, match=r"XML document \(root <config>\), neither a feed"):
        read_path(write(tmp_path / "settings.xml", config.encode()))
    write(tmp_path / "empty.xml", b"<!-- only a comment -->")
    warnings: list[str] = []
    assert load_articles([tmp_path], warnings.append) == []
    assert len(warnings) == 2 and "no root element" in warnings[0]


def test_pages_and_text_are_told_from_xml() -> None:
    xhtml = b"<?xml version='1.0'?><!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0//EN'><html>"
    assert detect_format(Path("page.xml"), xhtml) == "html"
    assert detect_format(Path("page.txt"), b"<!-- saved --><!doctype html><html>") == "html"
    assert detect_format(Path("notes.md"), b"<p align='center'>Logo</p>\n# Notes") == "markdown"
    assert detect_format(Path("love.txt"), b"<3 you all") == "text"
    assert detect_format(Path("a.xml"), b"<!-- a comment that never ends") == "xml"
