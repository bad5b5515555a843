"""JSON and JSON lines: records like `{id, outlet|source, published, title, url, text}`."""

from __future__ import annotations

import hashlib
import io
import json
from array import array
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import BinaryIO

from reader.core.ingest.clean import clean_paragraphs, split_blocks
from reader.core.ingest.dates import normalise
from reader.core.ingest.decode import decode, looks_binary, valid_text
from reader.core.ingest.files import MB, PartlyRead, drain
from reader.core.ingest.jsonfeed import feed_articles, is_json_feed
from reader.core.ingest.outlets import outlet_for, outlet_name
from reader.core.model import Article

_SOURCE_KEYS = ("outlet", "source", "publisher", "site", "sitename")
_DATE_KEYS = ("published", "date", "published_at", "pubDate", "datetime", "created_at")
_TEXT_KEYS = ("text", "body", "content", "articleBody", "maintext", "description")
_URL_KEYS = ("url", "link", "href")
_CONTAINER_KEYS = ("articles", "items", "records", "data", "entries")
MAX_LINE_BYTES = 64 * MB
"""The longest JSON line read (a longer one is skipped and reported, never held whole)."""


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
    """JSON lines held in memory (see jsonl_articles); PartlyRead carries the good records
    with the report of the bad lines."""
    return collected(jsonl_articles(path, io.BytesIO(data)))


def collected(articles: Generator[Article, None, str | None]) -> list[Article]:
    """Every article of a stream; PartlyRead with them when the stream reports a skipped part."""
    found, note = drain(articles)
    if note:
        raise PartlyRead(note, found)
    return found


def jsonl_articles(path: Path, handle: BinaryIO) -> Generator[Article, None, str | None]:
    """JSON lines read from `handle` one line at a time, each record turned into its article as
    it comes (memory bounded whatever the file's size), each line decoded on its own. A line
    that is not a JSON object (binary junk, a truncated last line, one longer than
    MAX_LINE_BYTES) is skipped; the generator returns the line reporting them by number.
    A lone record is named after its file: the first one waits until a second shows up."""
    bad = array("Q")
    pending: tuple[int, object] | None = None
    records = number = 0
    complete = True
    for number, line in enumerate(_lines(handle), start=1):
        complete = line is not None and line.endswith(b"\n")
        if line is not None and not line.strip():
            continue
        try:
            if line is None or looks_binary(line):
                raise ValueError("binary or too long")
            record = json.loads(decode(line.rstrip(b"\n")))
        except (ValueError, RecursionError):
            bad.append(number)
            continue
        records += 1
        if pending is not None:
            yield from _record_article(path, *pending, False, bad)
            pending = None
        if records == 1:
            pending = (number, record)
        else:
            yield from _record_article(path, number, record, False, bad)
    if pending is not None:
        yield from _record_article(path, *pending, True, bad)
    return _bad_lines(sorted(bad), number, complete) if bad else None


def _lines(handle: BinaryIO) -> Iterator[bytes | None]:
    """Each line of `handle` with its newline; None for one longer than MAX_LINE_BYTES (read
    past a piece at a time, never held whole)."""
    while line := handle.readline(MAX_LINE_BYTES + 1):
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := handle.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _record_article(
    path: Path, number: int, record: object, alone: bool, bad: array
) -> Iterator[Article]:
    """The article of line `number`'s record, if it makes one; a record that fails is noted."""
    try:
        article = _article(path, record, alone)
    except (TypeError, ValueError, RecursionError):
        bad.append(number)
        return
    if article is not None:
        yield article


def _bad_lines(bad: list[int], last: int, complete: bool) -> str:
    """One line naming the bad lines (the first ten of them) and a truncated last line
    (`last`, when the file does not end with a newline)."""
    truncated = not complete and bad[-1] == last
    others = bad[:-1] if truncated else bad
    parts = []
    if others:
        shown = ", ".join(map(str, others[:10]))
        more = f" ({len(others)} in all)" if len(others) > 10 else ""
        parts.append(f"skipped bad line{'s' if len(others) > 1 else ''} {shown}{more}")
    if truncated:
        parts.append(f"skipped line {last}: truncated (the file ends mid-record)")
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
