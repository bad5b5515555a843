"""The TOML config round-trips; OPML folders become tags."""

from __future__ import annotations

import pytest

from reader.core.subscriptions import (
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
