"""Plain-text articles, as saved or scraped from the web.

The head of such a file mixes the headline with page furniture: navigation ("Skip to main
content"), a section label ("Politics"), the publication and update times, a photo credit;
an "Original url:" line may follow the body. This module tells them apart by their shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from reader.core.ingest.clean import (
    clean_paragraphs,
    is_furniture,
    more_words,
    split_blocks,
    strip_markup,
)
from reader.core.ingest.dates import find_date
from reader.core.ingest.decode import decode
from reader.core.ingest.outlets import outlet_for
from reader.core.model import Article

_WORD = re.compile(r"[^\W\d_]{2,}")
"""A word to read: two letters or more."""
_URL_LABEL = re.compile(
    r"^(?:original url|original link|source url|url|link|canonical(?: url)?|source)\s*:\s*",
    re.IGNORECASE,
)
_URL = re.compile(r"<?(https?://[^\s<>]+)>?")
_UPDATED = re.compile(r"^(?:last\s+)?(?:updated|modified|edited)(?:\s+on)?\s*:?\s*", re.IGNORECASE)
_PUBLISHED = re.compile(r"^(?:first\s+)?(?:published|posted|date)(?:\s+on)?\s*:?\s*", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:By|BY|by)\s+([A-Z][\w.'’-]*(?:,?\s+(?:and\s+)?[A-Z][\w.'’-]*){0,5})$")
_TIME_ZONE = re.compile(r"\b(?:[A-Z]{1,3}T|GMT|UTC|MSK)\b")
_DATE_LINE_MAX_WORDS = 12
_HEADLINE_MAX_WORDS = 30


@dataclass
class Head:
    """What the head of a scraped page says about its article."""

    title: str | None = None
    section: str | None = None
    published: str | None = None
    updated: str | None = None
    url: str | None = None
    author: str | None = None
    body: list[str] = field(default_factory=list)


def read(path: Path, data: bytes) -> list[Article]:
    return parse(path, decode(data))


def parse(path: Path, content: str) -> list[Article]:
    """The article in `content`, or none when it holds no words to read."""
    head = parse_blocks(split_blocks(content))
    if head.title is None or len(list(islice(_WORD.finditer(content), 2))) < 2:
        return []
    return [
        Article(
            id=path.stem,
            path=str(path),
            source=outlet_for(head.url),
            title=head.title,
            published=head.published,
            updated=head.updated,
            url=head.url,
            section=head.section,
            paragraphs=clean_paragraphs(head.body),
            author=head.author,
        )
    ]


def parse_blocks(blocks: list[str]) -> Head:
    """Split blocks into the head's metadata and the body's blocks."""
    head = Head()
    expecting_url = False
    for index, block in enumerate(blocks):
        if expecting_url:
            expecting_url = False
            found = _URL.fullmatch(block)
            if found:
                head.url = head.url or found.group(1)
                continue
        label = _URL_LABEL.match(block)
        if label:
            rest = block[label.end() :]
            found = _URL.fullmatch(rest)
            if found:
                head.url = head.url or found.group(1)
                continue
            if not rest:
                expecting_url = True
                continue
        if _date_line(block, head):
            continue
        if head.title is None:
            if is_furniture(block):
                continue
            if head.section is None and _is_section(block, blocks[index + 1 :]):
                head.section = block
                continue
            head.title = strip_markup(block)
            if more_words(block, _HEADLINE_MAX_WORDS):  # prose from the start: no headline
                head.title = _shorten(head.title)
                head.body.append(block)
            continue
        byline = _BYLINE.match(block)
        if byline and not head.body and head.author is None:
            head.author = byline.group(1)
            continue
        head.body.append(block)
    return head


def _date_line(block: str, head: Head) -> bool:
    """Take a short line that is only a date ("Updated: February 21, 2022 12:57pm")."""
    if more_words(block, _DATE_LINE_MAX_WORDS):
        return False
    updated = _UPDATED.match(block)
    label = updated or _PUBLISHED.match(block)
    rest = block[label.end() :] if label else block
    found = find_date(rest)
    if found is None:
        return False
    iso, match = found
    leftover = _TIME_ZONE.sub("", rest[: match.start()] + rest[match.end() :])
    leftover = leftover.strip(" ,|-–—·()")
    byline = _BYLINE.match(leftover)
    if byline:  # "By Jane Doe | March 3, 2023"
        head.author = head.author or byline.group(1)
    elif more_words(leftover, 2):
        return False
    if updated:
        head.updated = head.updated or iso
    elif head.published is None:
        head.published = iso
    return True


def _shorten(text: str) -> str:
    """A headline for an article that has none: its first sentence, or its first words."""
    sentence = re.match(r"(.{20,}?[.!?])\s", text)
    if sentence and len(sentence.group(1).split()) <= _HEADLINE_MAX_WORDS:
        return sentence.group(1)
    return " ".join(text.split()[:12]) + "…"


def _is_section(block: str, following: list[str]) -> bool:
    """A section label: one to three capitalised words, before a headline, not before the body."""
    words = block.split()
    if not (1 <= len(words) <= 3 and len(block) <= 30):
        return False
    if not all(word[0].isupper() or word in ("&", "and", "of") for word in words):
        return False
    if any(ch.isdigit() for ch in block) or block.endswith(tuple('.!?:;"”')):
        return False
    for candidate in following:
        if is_furniture(candidate):
            continue
        if not more_words(candidate, _DATE_LINE_MAX_WORDS) and find_date(candidate):
            return False
        return not more_words(candidate, 25) and not candidate.endswith(".")
    return False
