"""Feed URLs on the command line: over HTTP, then from the cache when the server is gone."""

from __future__ import annotations

import gc
import json

import pytest

from tests.conftest import SEEDS, rss, run_cli, run_here


@pytest.fixture
def unfrozen():
    """`reader` run here freezes what it held as it ends (see cli.cmd_open): the rest of
    the session's objects are collected as ever."""
    yield
    gc.unfreeze()


NAME = "bbc-news-home_2021-10-17.xml"


def test_feed_url_then_offline(server, corpora, tmp_path):
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


def test_entities_timeline_and_search_on_a_feed_url_online_and_offline(server, tmp_path):
    root, base, seen, httpd = server
    (root / "world.xml").write_bytes(
        rss(["Kremlin spokesman Dmitry Peskov said on Sunday that talks would go on"])
    )
    env = {"READER_CACHE_DIR": str(tmp_path / "cache")}
    url = f"{base}/world.xml"

    def names() -> list[str]:
        done = run_here("entities", url, "--json", env=env)
        assert done.returncode == 0, done.stderr
        return [actor["name"] for actor in json.loads(done.stdout)]

    assert "Dmitry Peskov" in names()
    hits = json.loads(run_here("search", "peskov", url, "--json", env=env).stdout)
    assert len(hits) == 1 and "Peskov" in hits[0]["snippet"]
    assert any(request.get("If-None-Match") for request in seen), "a conditional request"
    (root / "world.xml").write_bytes(
        rss(["Kremlin spokesman Dmitry Peskov said on Sunday", "Olaf Scholz arrived in Kyiv"])
    )
    assert "Olaf Scholz" in names()
    httpd.shutdown()
    httpd.server_close()
    offline = run_here("entities", url, "--json", env=env)
    assert offline.returncode == 0
    assert "Olaf Scholz" in [actor["name"] for actor in json.loads(offline.stdout)]
    assert "showing cached items" in offline.stderr and "Traceback" not in offline.stderr


def test_reader_without_a_path_opens_the_subscriptions(tmp_path, monkeypatch, unfrozen):
    from reader import cli
    from reader.ui.app import ReaderApp

    opened = []
    monkeypatch.setattr(ReaderApp, "run", lambda app: opened.append(app.paths))
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path))
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    assert cli.main([]) == 0
    assert cli.main(["feeds", "add", "https://news.example/rss.xml"]) == 0
    assert cli.main([]) == 0
    assert opened == [[str(SEEDS)], ["https://news.example/rss.xml"]]
    articles = run_here("articles", "--json", env={"READER_CONFIG_DIR": str(tmp_path)})
    assert len(json.loads(articles.stdout)) == 2, "the subcommands still read the seeds"


def test_unreachable_feed_among_files(seeds, tmp_path):
    env = {"READER_CACHE_DIR": str(tmp_path / "cache")}
    dead = "http://127.0.0.1:9/feed.xml"
    mixed = run_here("articles", str(seeds), dead, "--json", env=env)
    assert mixed.returncode == 0
    assert len(json.loads(mixed.stdout)) == 2
    assert "unreachable" in mixed.stderr
    alone = run_here("articles", dead, "--json", env=env)
    assert alone.returncode == 1
    assert "Traceback" not in alone.stderr


def test_feeds_subcommands(tmp_path):
    env = {"READER_CONFIG_DIR": str(tmp_path / "config")}
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<opml version="2.0"><body><outline text="World">'
        '<outline text="BBC" xmlUrl="https://bbc.example/rss"/></outline></body></opml>'
    )
    assert "imported 1 feeds" in run_here("feeds", "import", str(opml), env=env).stdout
    assert run_here("feeds", "add", "https://x.example/a", "--name", "X", env=env).returncode == 0
    listed = json.loads(run_here("feeds", "list", "--json", env=env).stdout)
    assert listed == [
        {"url": "https://bbc.example/rss", "name": "BBC", "tags": ["World"]},
        {"url": "https://x.example/a", "name": "X", "tags": []},
    ]
    assert run_here("feeds", "remove", "BBC", env=env).returncode == 0
    assert run_here("feeds", "remove", "BBC", env=env).returncode == 1
    assert len(json.loads(run_here("feeds", "list", "--json", env=env).stdout)) == 1
    bad = run_here("feeds", "import", str(tmp_path / "missing.opml"), env=env)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    for url in ("not-a-url", "javascript:alert(1)", "http://"):
        refused = run_here("feeds", "add", url, env=env)
        assert refused.returncode == 1 and "not a feed URL" in refused.stderr
    assert len(json.loads(run_here("feeds", "list", "--json", env=env).stdout)) == 1


def test_a_bad_subscription_never_stops_the_reader(tmp_path, monkeypatch, unfrozen):
    from reader import cli

    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text(
        '[[feeds]]\nurl = "javascript:alert(1)"\n[[feeds]]\nurl = "not-a-url"\n'
    )
    monkeypatch.setenv("READER_CONFIG_DIR", str(config))
    opened: list[list[str]] = []

    class App:
        unsaved = None

        def __init__(self, paths, **kwargs) -> None:
            opened.append(paths)

        def run(self) -> None:
            pass

    monkeypatch.setattr("reader.ui.app.ReaderApp", App)
    assert cli.main([]) == 0
    assert opened and all("javascript" not in p and "not-a-url" not in p for p in opened[0])


def test_every_subcommand_has_its_handler():
    from reader import cli, cli_args

    assert set(cli.HANDLERS) == cli_args.SUBCOMMANDS
