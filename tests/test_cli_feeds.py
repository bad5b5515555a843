"""`reader articles URL --json`: a feed over HTTP, then from the cache when the server is gone."""

from __future__ import annotations

import json

from tests.conftest import run_cli
from tests.core.test_feeds import server  # noqa: F401  (the local HTTP server fixture)

NAME = "bbc-news-home_2021-10-17.xml"


def test_feed_url_then_offline(server, corpora, tmp_path):  # noqa: F811
    root, base, _, httpd = server
    (root / NAME).write_bytes((corpora / "feeds" / NAME).read_bytes())
    env = {"READER_CACHE_DIR": str(tmp_path / "cache")}
    url = f"{base}/{NAME}"
    first = run_cli("articles", url, "--json", env=env)
    assert first.returncode == 0, first.stderr
    assert len(json.loads(first.stdout)) == 69
    again = run_cli("articles", url, "--json", env=env)
    assert len(json.loads(again.stdout)) == 69  # no duplicates
    httpd.shutdown()
    httpd.server_close()
    offline = run_cli("articles", url, "--json", env=env)
    assert offline.returncode == 0
    assert len(json.loads(offline.stdout)) == 69
    assert "cached" in offline.stderr and "Traceback" not in offline.stderr


def test_unreachable_feed_among_files(seeds, tmp_path):
    env = {"READER_CACHE_DIR": str(tmp_path / "cache")}
    dead = "http://127.0.0.1:9/feed.xml"
    mixed = run_cli("articles", str(seeds), dead, "--json", env=env)
    assert mixed.returncode == 0
    assert len(json.loads(mixed.stdout)) == 2
    assert "unreachable" in mixed.stderr
    alone = run_cli("articles", dead, "--json", env=env)
    assert alone.returncode == 1
    assert "Traceback" not in alone.stderr
