"""Feed subscriptions and settings in a TOML file in the user config directory; OPML import.

refresh_minutes = 30
theme = "dark"
store = "postgresql://reader@news-db.example.org/archive"   # a team's shared archive

[tags]
ukraine = ['source:"Kyiv Post"', "@zelensky"]

[[feeds]]
url = "https://example.org/rss.xml"
name = "Example"
tags = ["world"]

A tag names search queries (reader.core.tags); a feed's tags put its articles under them.
"""

from __future__ import annotations

import json
import os
import stat
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from reader.core.settings import config_dir

REFRESH_MINUTES = 30
"""How often feeds are fetched again unless the config says otherwise."""
MAX_FILE_BYTES = 10 * 1024 * 1024
"""The most of a config or OPML file that is read: no subscription list is bigger."""

Warn = Callable[[str], None]


class ConfigError(Exception):
    """A config or OPML file that cannot be read; the message says why."""


@dataclass(slots=True)
class Feed:
    url: str
    name: str | None = None
    tags: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"url": self.url, "name": self.name, "tags": self.tags}


@dataclass(slots=True)
class Config:
    feeds: list[Feed] = field(default_factory=list)
    refresh_minutes: int = REFRESH_MINUTES
    theme: str | None = None
    store: str | None = None
    """The shared archive's URL (see reader.core.store_url), when the reader opens one."""
    tags: dict[str, list[str]] = field(default_factory=dict)
    """Tag name -> the search queries whose articles it selects (the [tags] table)."""

    def add(self, feed: Feed) -> bool:
        """Add a feed unless its URL is already there; True when added."""
        if any(f.url == feed.url for f in self.feeds):
            return False
        self.feeds.append(feed)
        return True

    def remove(self, url_or_name: str) -> list[Feed]:
        gone = [f for f in self.feeds if url_or_name in (f.url, f.name)]
        self.feeds = [f for f in self.feeds if f not in gone]
        return gone


def with_feeds(paths: list[str], added: list[str], removed: list[str]) -> list[str]:
    """`paths` without the feeds `removed`, then with the feeds `added` it does not hold."""
    kept = [path for path in paths if path not in removed]
    return kept + [url for url in dict.fromkeys(added) if url not in kept]


def url_problem(url: str) -> str | None:
    """Why `url` cannot be a feed's address (only http and https URLs with a host can), or None."""
    if any(ord(ch) < 33 or 0x7F <= ord(ch) <= 0x9F for ch in url):
        return "not a feed URL: it holds spaces or control characters"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return "not a feed URL: it cannot be parsed"
    if parts.scheme.lower() not in ("http", "https"):
        return "not a feed URL: only http:// and https:// addresses are fetched"
    if not parts.hostname:
        return "not a feed URL: it names no host"
    return None


def shown(value: object, width: int = 80) -> str:
    """A value from a file, quoted for a message: escapes and non-ASCII written out, cut short."""
    text = ascii(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _read(path: Path) -> bytes:
    """A config or OPML file's bytes: a regular file only (never a FIFO), capped."""
    try:
        with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise ConfigError(f"{path}: not a regular file")
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from error
    if len(data) > MAX_FILE_BYTES:
        raise ConfigError(f"{path}: too large (limit {MAX_FILE_BYTES // 1024 // 1024} MB)")
    return data


def config_path() -> Path:
    return config_dir() / "config.toml"


def load_config(path: Path | None = None, warn: Warn = lambda message: None) -> Config:
    """The config file's settings. A file that cannot be read raises ConfigError; a bad entry
    in it (a subscription that is not an http(s) URL, a refresh that is not a number) is
    reported through `warn` and skipped: one bad line never stops the reader."""
    path = path or config_path()
    if not path.exists():
        return Config()
    try:
        data = tomllib.loads(_read(path).decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from error
    feeds = []
    entries = data.get("feeds", [])
    for number, entry in enumerate(entries if isinstance(entries, list) else [entries], 1):
        feed = _feed(entry)
        problem = url_problem(feed.url) if isinstance(feed, Feed) else feed
        if isinstance(feed, Feed) and problem is None:
            feeds.append(feed)
        else:
            warn(f"{path}: skipped feed {number}: {problem}")
    refresh = data.get("refresh_minutes", REFRESH_MINUTES)
    if not isinstance(refresh, int) or isinstance(refresh, bool):
        warn(f"{path}: refresh_minutes must be a whole number; using {REFRESH_MINUTES}")
        refresh = REFRESH_MINUTES
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        warn(f"{path}: theme must be a string; using the default")
        theme = None
    store = data.get("store")
    if store is not None and not isinstance(store, str):
        warn(f"{path}: store must be a URL in quotes; using the embedded store")
        store = None
    tags = _tags(data.get("tags", {}), path, warn)
    return Config(feeds, max(1, refresh), theme, store, tags)


def _tags(table: object, path: Path, warn: Warn) -> dict[str, list[str]]:
    """The [tags] table: each name with a query or a list of queries; others are skipped."""
    if not isinstance(table, dict):
        warn(f"{path}: tags must be a table of names and search queries; no tags used")
        return {}
    tags: dict[str, list[str]] = {}
    for name, value in table.items():
        queries = [value] if isinstance(value, str) else value
        if isinstance(queries, list) and queries and all(isinstance(q, str) for q in queries):
            tags[name] = queries
        else:
            warn(f"{path}: skipped tag {shown(name, 40)}: give it a search query or a list of them")
    return tags


def feed_names(path: Path | None = None) -> dict[str, str]:
    """Each named subscription's name by its URL (a subscription's name names its outlet);
    empty when the config file cannot be read (reading it says why elsewhere)."""
    try:
        return {feed.url: feed.name for feed in load_config(path).feeds if feed.name}
    except ConfigError:
        return {}


def _feed(entry: object) -> Feed | str:
    """A [[feeds]] entry as a Feed, or why it is not one."""
    if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
        return "no url"
    name = entry.get("name")
    tags = entry.get("tags", [])
    return Feed(
        entry["url"],
        name if isinstance(name, str) else None,
        [str(tag) for tag in tags] if isinstance(tags, list) else [],
    )


def _toml(value: object) -> str:
    """A TOML string or list of strings (JSON's escapes are valid TOML basic strings)."""
    return json.dumps(value, ensure_ascii=False)


def save_config(config: Config, path: Path | None = None) -> None:
    """Write the config atomically (a temporary file renamed over the old one)."""
    path = path or config_path()
    lines = [f"refresh_minutes = {int(config.refresh_minutes)}"]
    if config.theme:
        lines.append(f"theme = {_toml(config.theme)}")
    if config.store:
        lines.append(f"store = {_toml(config.store)}")
    if config.tags:
        lines += ["", "[tags]"]
        lines += [f"{_toml(name)} = {_toml(queries)}" for name, queries in config.tags.items()]
    for feed in config.feeds:
        lines += ["", "[[feeds]]", f"url = {_toml(feed.url)}"]
        if feed.name:
            lines.append(f"name = {_toml(feed.name)}")
        if feed.tags:
            lines.append(f"tags = {_toml(feed.tags)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temporary.replace(path)


def read_opml(path: Path, warn: Warn = lambda message: None) -> list[Feed]:
    """The feeds of an OPML file; the folders an outline sits in become its tags. Outlines
    whose address is not an http(s) URL are reported (one line) and skipped."""
    import xml.etree.ElementTree as ElementTree  # (OPML alone: not at every start)

    try:
        root = ElementTree.fromstring(_read(path))
    except ElementTree.ParseError as error:
        raise ConfigError(f"{path}: not a readable OPML file: {error}") from error
    body = root.find("body")
    if body is None:
        raise ConfigError(f"{path}: not an OPML file (no <body>)")
    feeds: list[Feed] = []
    bad: list[str] = []

    def walk(element: ElementTree.Element, folders: list[str]) -> None:
        for outline in element.findall("outline"):
            url = outline.get("xmlUrl")
            label = outline.get("title") or outline.get("text")
            if url and url_problem(url):
                bad.append(url)
            elif url:
                feeds.append(Feed(url, label, list(folders)))
            else:
                walk(outline, folders + ([label] if label else []))

    walk(body, [])
    if bad:
        listed = ", ".join(shown(url, 40) for url in bad[:3]) + (", …" if len(bad) > 3 else "")
        warn(f"{path}: skipped {len(bad)} outlines that are not http(s) feed URLs: {listed}")
    return feeds
