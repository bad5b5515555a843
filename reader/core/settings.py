"""Where Reader keeps things: the cache, data and config directories, decided in one place.

Each comes from an explicit value (a command-line option), else its environment variable
(READER_CACHE_DIR, READER_DATA_DIR, READER_CONFIG_DIR), else the platform's user directory.
Nothing else in Reader reads these variables, and nothing writes them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from reader.core.store_url import StoreURL

APP_NAME = "reader"
CACHE_ENV = "READER_CACHE_DIR"
DATA_ENV = "READER_DATA_DIR"
CONFIG_ENV = "READER_CONFIG_DIR"


def _chosen(value: str | Path | None, env: str, default: str) -> Path:
    return Path(value or os.environ.get(env) or default).expanduser()


def cache_dir(override: str | Path | None = None) -> Path:
    """The store and the feed cache: `override`, else $READER_CACHE_DIR, else the user cache."""
    return _chosen(override, CACHE_ENV, platformdirs.user_cache_dir(APP_NAME))


def data_dir(override: str | Path | None = None) -> Path:
    """Reading state: `override`, else $READER_DATA_DIR, else the user data directory."""
    return _chosen(override, DATA_ENV, platformdirs.user_data_dir(APP_NAME))


def config_dir(override: str | Path | None = None) -> Path:
    """The config file: `override`, else $READER_CONFIG_DIR, else the user config directory."""
    return _chosen(override, CONFIG_ENV, platformdirs.user_config_dir(APP_NAME))


@dataclass(frozen=True, slots=True)
class Settings:
    """The directories one run of Reader uses, resolved once and passed down."""

    cache_dir: Path
    data_dir: Path
    config_dir: Path
    store: StoreURL | None = None
    """A shared archive to open instead of the embedded store kept per corpus in the cache
    (see `reader.core.store_url`)."""

    @classmethod
    def resolve(
        cls,
        cache: str | Path | None = None,
        data: str | Path | None = None,
        config: str | Path | None = None,
        store: StoreURL | None = None,
    ) -> Settings:
        """Explicit values first, then the environment, then the platform's directories."""
        return cls(cache_dir(cache), data_dir(data), config_dir(config), store)

    @property
    def feed_cache(self) -> Path:
        """The file that keeps feed items, so feeds read offline."""
        return self.cache_dir / "feeds.sqlite"
