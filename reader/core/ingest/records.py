"""JSON and JSON lines: records like `{id, outlet|source, published, title, url, text}`."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from reader.core.ingest.clean import clean_paragraphs, split_blocks
from reader.core.ingest.dates import normalise
from reader.core.ingest.decode import decode, looks_binary, valid_text
from reader.core.ingest.files import PartlyRead
from reader.core.ingest.jsonfeed import feed_articles, is_json_feed
from reader.core.ingest.outlets import outlet_for, outlet_name
from reader.core.model import Article

_SOURCE_KEYS = ("outlet", "source", "publisher", "site", "sitename")
_DATE_KEYS = ("published", "date", "published_at", "pubDate", "datetime", "created_at")
_TEXT_KEYS = ("text", "body", "content", "articleBody", "maintext", "description")
_URL_KEYS = ("url", "link", "href")
_CONTAINER_KEYS = ("articles", "items", "records", "data", "entries")


def read_json(path: Path, data: bytes) -> list[Article]:
    """A JSON file: one record, a list of them, or an object holding such a list."""
    content = decode(data)
    try:
        value = json.loads(content)
    except json.JSONDecodeError as error:
        if error.msg != "Extra data":
            raise
        return read_jsonl(path, data)  # several objects, one after another
    if is_json_feed(value):
        assert isinstance(value, dict)
        return feed_articles(path, value)
    if isinstance(value, dict):
        for key in _CONTAINER_KEYS:
            if isinstance(value.get(key), list):
                value = value[key]
                break
    records = value if isinstance(value, list) else [value]
    return _articles(path, records)


def read_jsonl(path: Path, data: bytes) -> list[Article]:
    """JSON lines, one record each, each line decoded on its own. A line that is not a JSON
    object (binary junk, a truncated last line) is skipped and reported by number: PartlyRead
    carries the good records with the report."""
    records: list[tuple[int, object]] = []
    bad: list[int] = []
    lines = data.split(b"\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            if looks_binary(line):
                raise ValueError("binary")
            records.append((number, json.loads(decode(line))))
        except (ValueError, RecursionError):
            bad.append(number)
    articles = []
    for number, record in records:
        try:
            article = _article(path, record, len(records) == 1)
        except (TypeError, ValueError, RecursionError):
            article = None
            bad.append(number)
        if article is not None:
            articles.append(article)
    if bad:
        raise PartlyRead(_bad_lines(sorted(bad), len(lines), data.endswith(b"\n")), articles)
    return articles


def _bad_lines(bad: list[int], count: int, complete: bool) -> str:
    """One line naming the bad lines (the first ten of them) and a truncated last line."""
    truncated = not complete and bad[-1] == count
    others = bad[:-1] if truncated else bad
    parts = []
    if others:
        shown = ", ".join(map(str, others[:10]))
        more = f" ({len(others)} in all)" if len(others) > 10 else ""
        parts.append(f"skipped bad line{'s' if len(others) > 1 else ''} {shown}{more}")
    if truncated:
        parts.append(f"skipped line {count}: truncated (the file ends mid-record)")
    return "; ".join(parts)


def _articles(path: Path, records: list) -> list[Article]:
    articles = [_article(path, record, len(records) == 1) for record in records]
    return [article for article in articles if article is not None]


def _first(record: dict, keys: tuple[str, ...]) -> object:
    for key in keys:
        value = record.get(key)
        if value:
            return valid_text(value) if isinstance(value, str) else value
    return None


def _text(value: object) -> str | None:
    """A string field as valid text; None for anything else."""
    return valid_text(value) if isinstance(value, str) else None


def _article(path: Path, record: object, alone: bool) -> Article | None:
    if not isinstance(record, dict):
        return None
    text = _first(record, _TEXT_KEYS)
    title = _text(record.get("title") or record.get("headline"))
    paragraphs = clean_paragraphs(split_blocks(text)) if isinstance(text, str) else []
    if not isinstance(title, str) or not title.strip():
        title = paragraphs[0] if paragraphs else None
    if not title:
        return None
    url = _first(record, _URL_KEYS)
    url = url if isinstance(url, str) else None
    source = _first(record, _SOURCE_KEYS)
    if isinstance(source, dict):
        source = _text(source.get("name") or source.get("title"))
    record_id = record.get("id") or record.get("guid")
    if record_id is None:
        record_id = path.stem if alone else _hash(title, url, text)
    return Article(
        id=valid_text(str(record_id)),
        path=str(path),
        source=(outlet_name(valid_text(str(source))) if source else None) or outlet_for(url),
        title=" ".join(title.split()),
        published=normalise(_first(record, _DATE_KEYS)),
        updated=normalise(record.get("updated") or record.get("modified")),
        url=url,
        section=_text(record.get("section")),
        paragraphs=paragraphs,
        author=_text(record.get("author")),
        format="json",
    )


def _hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:16]
