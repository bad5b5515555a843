"""RSS and Atom feeds: feedparser reads even sloppy XML; each item becomes an article."""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

import feedparser

from reader.core.ingest.clean import clean_paragraphs
from reader.core.ingest.dates import normalise
from reader.core.ingest.detect import markup_text, xml_root
from reader.core.ingest.files import IngestError
from reader.core.ingest.html import paragraphs_from_html
from reader.core.ingest.outlets import known_outlet, outlet_for, outlet_name
from reader.core.model import Article

_CHARACTER_REFERENCE = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def read(path: Path, data: bytes) -> list[Article]:
    data = _CHARACTER_REFERENCE.sub(_valid_reference, data)
    parsed = feedparser.parse(data)
    if not parsed.entries:
        # An undeclared legacy encoding, or UTF-16 or UTF-32, can stop the XML parser: retry
        # on decoded text.
        parsed = feedparser.parse(markup_text(data))
    feed_title = " ".join((parsed.feed.get("title") or "").split()) or None
    articles = []
    for entry in parsed.entries:
        article = _article(path, entry, feed_title)
        if article is not None:
            articles.append(article)
    return articles


def read_xml(path: Path, data: bytes) -> list[Article]:
    """An XML document of no known root: a feed when feedparser finds items in it."""
    articles = read(path, data)
    if not articles:
        root = xml_root(markup_text(data[:8192]))
        what = f"root <{root}>" if root else "no root element"
        raise IngestError(f"an XML document ({what}), neither a feed nor a page")
    return articles


def _valid_reference(match: re.Match[bytes]) -> bytes:
    """A character reference to a surrogate or past Unicode (which stops feedparser) becomes
    U+FFFD; any other stays as it is."""
    hexadecimal, decimal = match.groups()
    value = int(hexadecimal, 16) if hexadecimal else int(decimal)
    return b"&#xFFFD;" if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF else match.group()


def _article(path: Path, entry: dict, feed_title: str | None) -> Article | None:
    contents = entry.get("content") or []
    body = contents[0].get("value", "") if contents else ""
    body = body or entry.get("summary", "")
    paragraphs = clean_paragraphs(paragraphs_from_html(body)) if body else []
    title = " ".join(paragraphs_from_html(entry.get("title", ""))) or (paragraphs or [""])[0]
    if not title:
        return None
    url = entry.get("link")
    key = entry.get("id") or url or title
    return Article(
        id=entry.get("id") or hashlib.sha1(key.encode()).hexdigest()[:16],
        path=str(path),
        source=known_outlet(url) or outlet_name(feed_title) or outlet_for(url),
        title=title,
        published=_date(entry, "published") or _date(entry, "updated"),
        updated=_date(entry, "updated") if _date(entry, "published") else None,
        url=url,
        section=(entry.get("tags") or [{}])[0].get("term"),
        paragraphs=paragraphs,
        author=entry.get("author"),
        format="feed",
    )


def _date(entry: dict, name: str) -> str | None:
    """The entry's own `published` or `updated` time (dict.get skips feedparser's aliasing)."""
    parsed = dict.get(entry, f"{name}_parsed")
    if parsed:
        return time.strftime("%Y-%m-%dT%H:%M", parsed)
    return normalise(dict.get(entry, name))
