"""Feed subscriptions and settings in a TOML file in the user config directory; OPML import.

refresh_minutes = 30
theme = "dark"

[[feeds]]
url = "https://example.org/rss.xml"
name = "Example"
tags = ["world"]
"""

from __future__ import annotations

import json
import tomllib
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.settings import config_dir

REFRESH_MINUTES = 30
"""How often feeds are fetched again unless the config says otherwise."""


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


def config_path() -> Path:
    return config_dir() / "config.toml"


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    if not path.is_file():
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from error
    feeds = [
        Feed(str(f["url"]), f.get("name"), [str(t) for t in f.get("tags", [])])
        for f in data.get("feeds", [])
        if isinstance(f, dict) and f.get("url")
    ]
    try:
        refresh = int(data.get("refresh_minutes", REFRESH_MINUTES))
    except (TypeError, ValueError) as error:
        raise ConfigError(f"{path}: refresh_minutes must be a whole number") from error
    return Config(feeds, max(1, refresh), data.get("theme"))


def _toml(value: object) -> str:
    """A TOML string or list of strings (JSON's escapes are valid TOML basic strings)."""
    return json.dumps(value, ensure_ascii=False)


def save_config(config: Config, path: Path | None = None) -> None:
    """Write the config atomically (a temporary file renamed over the old one)."""
    path = path or config_path()
    lines = [f"refresh_minutes = {int(config.refresh_minutes)}"]
    if config.theme:
        lines.append(f"theme = {_toml(config.theme)}")
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


def read_opml(path: Path) -> list[Feed]:
    """The feeds of an OPML file; the folders an outline sits in become its tags."""
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as error:
        raise ConfigError(f"{path}: not a readable OPML file: {error}") from error
    body = root.find("body")
    if body is None:
        raise ConfigError(f"{path}: not an OPML file (no <body>)")
    feeds: list[Feed] = []

    def walk(element: ElementTree.Element, folders: list[str]) -> None:
        for outline in element.findall("outline"):
            url = outline.get("xmlUrl")
            label = outline.get("title") or outline.get("text")
            if url:
                feeds.append(Feed(url, label, list(folders)))
            else:
                walk(outline, folders + ([label] if label else []))

    walk(body, [])
    return feeds
