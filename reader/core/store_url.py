"""Which store a run opens: the embedded SQLite cache (the default) or a shared archive on
PostgreSQL, named by a URL.

The URL comes from the `--store` option, else $READER_STORE, else `store = "..."` in
config.toml. A PostgreSQL URL may carry its password (else libpq reads $PGPASSWORD or
~/.pgpass); `StoreURL.shown` is the only form that reaches a message, and it never holds one.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

STORE_ENV = "READER_STORE"
POSTGRES_SCHEMES = ("postgresql", "postgres")
SQLITE_SCHEME = "sqlite"


class StoreURLError(ValueError):
    """A store URL that cannot be used; the message never holds the password."""


@dataclass(frozen=True, slots=True)
class StoreURL:
    """A parsed store URL. `url` is for the driver only: it may hold a password."""

    kind: str
    """"postgres" or "sqlite"."""
    url: str = field(repr=False)
    """The URL as given, password and all: never in a message, a log or a repr."""
    host: str = ""
    port: int = 0
    user: str = ""
    database: str = ""
    path: Path | None = None
    """The SQLite file, for `sqlite:///path/to/file`."""

    @property
    def shown(self) -> str:
        """The URL as messages may show it: no password, whatever the URL held."""
        if self.kind == SQLITE_SCHEME:
            return f"sqlite://{self.path}"
        user = f"{self.user}@" if self.user else ""
        port = f":{self.port}" if self.port else ""
        return f"postgresql://{user}{self.host or 'localhost'}{port}/{self.database}"

    @property
    def server(self) -> str:
        """Host and port, as a message on an unreachable server names them."""
        return f"{self.host or 'localhost'}:{self.port or 5432}"


def parse_store_url(text: str) -> StoreURL:
    """`text` as a store URL; StoreURLError (without the password) when it is not one."""
    text = text.strip()
    try:
        parts = urlsplit(text)
        port = parts.port or 0
    except ValueError as error:
        raise StoreURLError("store URL cannot be parsed (expected postgresql://...)") from error
    scheme = parts.scheme.lower()
    if scheme == SQLITE_SCHEME:
        if not parts.path:
            raise StoreURLError(
                "a sqlite store URL names a file: sqlite:///path/to/archive.sqlite3"
            )
        return StoreURL(SQLITE_SCHEME, text, path=Path(unquote(parts.path)).expanduser())
    if scheme not in POSTGRES_SCHEMES:
        raise StoreURLError(
            f"store URL scheme {scheme or '(none)'!r} is not one Reader reads: "
            "use postgresql://user@host:port/database or sqlite:///path"
        )
    database = unquote(parts.path.lstrip("/"))
    if not database:
        raise StoreURLError("a postgresql store URL names its database: postgresql://host/db")
    return StoreURL(
        "postgres",
        text,
        host=parts.hostname or "",
        port=port,
        user=unquote(parts.username or ""),
        database=database,
    )


def chosen_store_url(
    explicit: str | None = None, configured: Callable[[], str | None] | str | None = None
) -> StoreURL | None:
    """The store this run opens: `explicit` (--store), else $READER_STORE, else `configured`
    (config.toml's, or a function that reads it: only called when needed); None for the
    embedded store kept per corpus in the cache."""
    text = explicit or os.environ.get(STORE_ENV)
    if not (text and text.strip()):
        text = configured() if callable(configured) else configured
    return parse_store_url(text) if text and text.strip() else None
