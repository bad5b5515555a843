"""The TOML config round-trips; OPML folders become tags."""

from __future__ import annotations

import json
import os

import pytest

from reader.core.subscriptions import (
    REFRESH_MINUTES,
    Config,
    ConfigError,
    Feed,
    load_config,
    read_opml,
    save_config,
)


def test_round_trip(tmp_path):
    path = tmp_path / "config.toml"
    config = Config([Feed('https://x.org/a"b', "Ex \\ ample", ["world", "é"])], 15, "dark")
    assert not config.add(Feed('https://x.org/a"b'))
    config.add(Feed("https://y.org/rss"))
    save_config(config, path)
    again = load_config(path)
    assert again == config
    assert again.remove("Ex \\ ample")[0].url == 'https://x.org/a"b'
    assert load_config(tmp_path / "absent.toml") == Config()


def test_opml_folders_become_tags(tmp_path):
    path = tmp_path / "subs.opml"
    path.write_text(
        '<opml version="2.0"><body><outline text="News"><outline text="World">'
        '<outline text="BBC" xmlUrl="https://bbc.example/rss"/></outline></outline>'
        '<outline title="Top" xmlUrl="https://top.example/feed"/></body></opml>'
    )
    assert read_opml(path) == [
        Feed("https://bbc.example/rss", "BBC", ["News", "World"]),
        Feed("https://top.example/feed", "Top", []),
    ]
    (tmp_path / "bad.opml").write_text("<opml><body>")
    with pytest.raises(ConfigError):
        read_opml(tmp_path / "bad.opml")


BAD_URLS = ["not-a-url", "javascript:alert(1)", "file:///etc/passwd", "http://", "https://a\x1bb/"]


def test_bad_subscriptions_in_the_config_are_reported_and_skipped(tmp_path):
    path = tmp_path / "config.toml"
    entries = "".join(f"[[feeds]]\nurl = {json.dumps(url)}\n" for url in BAD_URLS)
    path.write_text(
        'refresh_minutes = "soon"\ntheme = 3\n'
        + entries
        + '[[feeds]]\nname = 3\nurl = "https://ok.example/rss"\n'
    )
    warnings: list[str] = []
    config = load_config(path, warnings.append)
    assert config == Config([Feed("https://ok.example/rss")], REFRESH_MINUTES, None)
    assert len(warnings) == len(BAD_URLS) + 2
    assert all("\n" not in w and "\x1b" not in w for w in warnings)


def test_opml_outlines_that_are_not_http_feeds_are_skipped(tmp_path):
    path = tmp_path / "subs.opml"
    outlines = "".join(f'<outline text="x" xmlUrl="{url}"/>' for url in BAD_URLS[:4])
    path.write_text(f'<opml><body>{outlines}<outline xmlUrl="https://ok.example/f"/></body></opml>')
    warnings: list[str] = []
    assert read_opml(path, warnings.append) == [Feed("https://ok.example/f")]
    assert len(warnings) == 1 and "skipped 4 outlines" in warnings[0]


def test_a_fifo_in_place_of_a_config_or_opml_does_not_block(tmp_path):
    for name in ("config.toml", "subs.opml"):
        os.mkfifo(tmp_path / name)
    with pytest.raises(ConfigError, match="not a regular file"):
        load_config(tmp_path / "config.toml")
    with pytest.raises(ConfigError, match="not a regular file"):
        read_opml(tmp_path / "subs.opml")
