"""The throwaway PostgreSQL cluster the shared-archive tests stand on: it starts, its two
roles can do what a team's roles do, and a wrong password is a real failure."""

from __future__ import annotations

import pytest

psycopg = pytest.importorskip("psycopg")


def test_indexer_writes_viewer_reads_wrong_password_refused(postgres) -> None:
    url = postgres.new_database("cluster_smoke")
    with psycopg.connect(url) as db:
        db.execute("CREATE TABLE notes (body text)")
        db.execute("INSERT INTO notes VALUES ('written by the indexer')")
        assert db.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").fetchone()
    with psycopg.connect(postgres.url("viewer", database="cluster_smoke")) as db:
        assert db.execute("SELECT body FROM notes").fetchall() == [("written by the indexer",)]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            db.execute("INSERT INTO notes VALUES ('a reader writes')")
    with pytest.raises(psycopg.OperationalError) as refused:
        psycopg.connect(postgres.url("viewer", password="not-the-password"))
    assert "authentication failed" in str(refused.value)
    assert "not-the-password" not in str(refused.value)
