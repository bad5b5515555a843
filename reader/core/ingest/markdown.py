"""Markdown articles, with optional front matter (`title`, `date`, `url`, `source`, ...)."""

from __future__ import annotations

import re
from pathlib import Path

from reader.core.ingest import text
from reader.core.ingest.dates import normalise
from reader.core.ingest.decode import decode
from reader.core.ingest.outlets import outlet_for, outlet_name
from reader.core.model import Article

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def front_matter(content: str) -> tuple[dict[str, str], str]:
    """Simple `key: value` front matter (YAML-ish, one line per key) and the rest."""
    match = _FRONT_MATTER.match(content)
    if not match:
        return {}, content
    fields = {}
    for line in match.group(1).split("\n"):
        key, colon, value = line.partition(":")
        if colon and key.strip():
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, content[match.end() :]


def read(path: Path, data: bytes) -> list[Article]:
    fields, body = front_matter(decode(data))
    body = _EMPHASIS.sub(r"\2", _HEADING.sub("", body))
    if fields.get("title") and not body.lstrip().startswith(fields["title"]):
        body = f"{fields['title']}\n\n{body}"
    articles = text.parse(path, body)
    for article in articles:
        article.format = "markdown"
        url = fields.get("url") or fields.get("link") or article.url
        article.url = url
        named = outlet_name(fields.get("source") or fields.get("outlet"))
        article.source = named or outlet_for(url)
        article.published = normalise(fields.get("date") or fields.get("published")) or (
            article.published
        )
        article.updated = normalise(fields.get("updated")) or article.updated
        article.section = fields.get("section") or fields.get("category") or article.section
        article.author = fields.get("author") or article.author
    return articles
