"""Store URLs: which store a run opens, and a password that never reaches a message."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.store_url import STORE_ENV, StoreURLError, chosen_store_url, parse_store_url


def test_postgres_url_parts_and_shown_form_without_password() -> None:
    url = parse_store_url("postgresql://reader:s3cr%40t@db.example.org:6543/news")
    assert (url.kind, url.host, url.port, url.user, url.database) == (
        "postgres", "db.example.org", 6543, "reader", "news",
    )  # fmt: skip
    assert url.shown == "postgresql://reader@db.example.org:6543/news"
    assert "s3cr" not in url.shown and "s3cr" not in url.server
    assert url.server == "db.example.org:6543"


def test_short_scheme_and_defaults() -> None:
    url = parse_store_url("postgres:///news")
    assert url.kind == "postgres" and url.server == "localhost:5432"


def test_sqlite_url_names_a_file(tmp_path: Path) -> None:
    url = parse_store_url(f"sqlite://{tmp_path}/archive.sqlite3")
    assert url.kind == "sqlite" and url.path == tmp_path / "archive.sqlite3"


@pytest.mark.parametrize(
    "text",
    [
        "mysql://reader:hunter2@host/db",
        "postgresql://reader:hunter2@host:99999/db",
        "postgresql://reader:hunter2@host/",
        "sqlite://",
    ],
)
def test_bad_urls_say_why_without_the_password(text: str) -> None:
    with pytest.raises(StoreURLError) as raised:
        parse_store_url(text)
    assert "hunter2" not in str(raised.value)


def test_option_then_environment_then_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(STORE_ENV, raising=False)
    assert chosen_store_url() is None
    assert chosen_store_url(configured="postgresql://c/db").host == "c"
    monkeypatch.setenv(STORE_ENV, "postgresql://e/db")
    assert chosen_store_url(configured="postgresql://c/db").host == "e"
    assert chosen_store_url("postgresql://o/db", "postgresql://c/db").host == "o"


def test_no_repr_holds_the_password() -> None:
    from reader.core.settings import Settings

    url = parse_store_url("postgresql://reader:hunter2@db/news")
    assert "hunter2" not in repr(url)
    assert "hunter2" not in repr(Settings.resolve(store=url))
