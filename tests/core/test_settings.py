"""Settings: directories decided in one place, explicit values over the environment, and the
command line passing them down rather than through the environment."""

from __future__ import annotations

import os

from reader import cli
from reader.core.settings import Settings
from tests.conftest import SEEDS


def test_explicit_values_come_before_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "env-cache"))
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "env-data"))
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "env-config"))
    from_env = Settings.resolve()
    assert from_env.cache_dir == tmp_path / "env-cache"
    assert from_env.data_dir == tmp_path / "env-data"
    assert from_env.config_dir == tmp_path / "env-config"
    assert from_env.feed_cache == tmp_path / "env-cache" / "feeds.sqlite"
    chosen = Settings.resolve(cache=tmp_path / "given")
    assert chosen.cache_dir == tmp_path / "given"
    assert chosen.data_dir == tmp_path / "env-data"


def test_the_cache_option_is_passed_down_not_put_in_the_environment(tmp_path, capsys):
    before = os.environ.get("READER_CACHE_DIR")
    given = tmp_path / "given"
    assert cli.main(["search", "sanctions", str(SEEDS), "--json", "--cache", str(given)]) == 0
    assert capsys.readouterr().out.startswith("[")
    assert os.environ.get("READER_CACHE_DIR") == before
    assert list(given.glob("corpus-*.sqlite3"))
