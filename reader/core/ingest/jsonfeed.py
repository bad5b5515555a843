"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org): each item becomes an article, the feed's title
its outlet; the body from `content_html` (through the HTML cleaner), else `content_text`, else
`summary`."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from reader.core.ingest.clean import clean_paragraphs, split_blocks
from reader.core.ingest.dates import normalise
from reader.core.ingest.decode import decode, valid_text
from reader.core.ingest.files import IngestError, PartlyRead
from reader.core.ingest.html import paragraphs_from_html
from reader.core.ingest.outlets import known_outlet, outlet_for, outlet_name
from reader.core.model import Article

VERSION_PREFIX = "https://jsonfeed.org/version/"


def is_json_feed(value: object) -> bool:
    """Whether a parsed JSON value is a JSON Feed (its `version` names the spec)."""
    if not isinstance(value, dict):
        return False
    version = value.get("version")
    return isinstance(version, str) and version.replace("http:", "https:").startswith(
        VERSION_PREFIX
    )


def read(path: Path, data: bytes) -> list[Article]:
    value = json.loads(decode(data))
    if not is_json_feed(value):
        raise IngestError("not a JSON Feed (no jsonfeed.org version)")
    return feed_articles(path, value)


def feed_articles(path: Path, feed: dict) -> list[Article]:
    """The articles of a parsed JSON Feed; PartlyRead naming the items that are not objects."""
    outlet = _text(feed.get("title"))
    feed_authors = _authors(feed)
    items = feed.get("items")
    if not isinstance(items, list):
        raise IngestError("a JSON Feed without items")
    articles, bad = [], []
    for number, item in enumerate(items, start=1):
        article = _article(path, item, outlet, feed_authors) if isinstance(item, dict) else None
        if article is None:
            bad.append(number)
        else:
            articles.append(article)
    if bad:
        shown = ", ".join(map(str, bad[:10]))
        more = f" ({len(bad)} in all)" if len(bad) > 10 else ""
        raise PartlyRead(
            f"skipped item{'s' if len(bad) > 1 else ''} {shown}{more}: not an object or no text",
            articles,
        )
    return articles


def _article(
    path: Path, item: dict, outlet: str | None, feed_authors: str | None
) -> Article | None:
    html, text, summary = (
        _text(item.get(key)) for key in ("content_html", "content_text", "summary")
    )
    if html:
        paragraphs = clean_paragraphs(paragraphs_from_html(html))
    else:
        paragraphs = clean_paragraphs(split_blocks(text or summary or ""))
    title = " ".join((_text(item.get("title")) or "").split())
    title = title or (paragraphs[0] if paragraphs else "")
    if not title:
        return None
    url = _text(item.get("url")) or _text(item.get("external_url"))
    item_id = item.get("id")
    key = str(item_id) if item_id not in (None, "") else (url or title)
    published = normalise(item.get("date_published"))
    modified = normalise(item.get("date_modified"))
    tags = (
        [tag for tag in item.get("tags") or [] if isinstance(tag, str)]
        if isinstance(item.get("tags"), list)
        else []
    )
    return Article(
        id=valid_text(key) if item_id not in (None, "") else _hash(key),
        path=str(path),
        source=known_outlet(url) or outlet_name(outlet) or outlet_for(url),
        title=valid_text(title),
        published=published or modified,
        updated=modified if published else None,
        url=url,
        section=valid_text(tags[0]) if tags else None,
        paragraphs=paragraphs,
        author=_authors(item) or feed_authors,
        format="jsonfeed",
    )


def _authors(holder: dict) -> str | None:
    """The names of `authors` (1.1) or `author` (1.0), joined."""
    authors = holder.get("authors")
    if not isinstance(authors, list):
        authors = [holder.get("author")]
    names = [_text(a.get("name")) for a in authors if isinstance(a, dict)]
    return ", ".join(name for name in names if name) or None


def _text(value: object) -> str | None:
    return valid_text(value).strip() or None if isinstance(value, str) else None


def _hash(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()[:16]
