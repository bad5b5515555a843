"""The shared archive's connections: a psycopg 3 pool, with the embedded store's interface.

`PostgresDatabase` offers what `db.Database` offers (`write()` for one transaction, `read()`
for reads), and hands out connections that take the store's SQL as SQLite does (`?`
placeholders), so the store's tables serve both engines with one set of statements. What an
engine does its own way (the full-text index) lives in modules of its own.

Faults become one line (StoreError) naming the server by host and port, never the URL: the
URL may hold a password, and a message may be read over a shoulder or pasted into an issue.
"""

from __future__ import annotations

import logging
import re
import select
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from reader.core.errors import StoreError
from reader.core.store.db import upsert
from reader.core.store.pg_schema import MIGRATIONS
from reader.core.store_url import StoreURL

VARIABLES_PER_STATEMENT = 32_766
"""Parameters of one statement at most (the server allows 65,535)."""
CONNECT_SECONDS = 10.0
QUICK_SECONDS = 1.0
"""How long a connection is waited for while the server is known to be out of reach (the last
wait for one ran out): a reader's next key is told so at once, not after CONNECT_SECONDS."""
MIGRATION_LOCK = 0x52454144  # "READ": one migrating process at a time
SESSION_LOCKS = 0x52454144
"""The key space of `alone`'s locks (two keys), apart from the transactions' (one key)."""
SPREAD_LOCKS = 0x52454145
"""The key space of the buckets of a transaction's several locks (two keys: this, a bucket)."""
NAME_LOCKS = 0x52454146
"""The key space of a name's own lock (two keys: this, the name's hash)."""
BUCKETS = 256
"""Several names' locks are bucketed by hash, this many buckets: a transaction naming many
(a story's many articles) locks their buckets, a bounded number of locks (the server's lock
table is shared and small)."""
OWN_LOCKS = 256
"""Up to this many names (a batch's files: `sync.BATCH_FILES`, 200), a transaction locks each
name on its own, holding their buckets shared: two indexers' batches of 200 files each share a
bucket almost surely, and so wrote one at a time (half of two indexers' writing was waits).
With the buckets, a transaction holds at most twice this many locks (1,000 names held 1,252,
and eight such transactions at once filled the lock table of a server's default settings)."""
_BUCKETS = (
    "SELECT {0}(%s, bucket) FROM (SELECT DISTINCT hashtext(name) & %s AS bucket"
    " FROM unnest(%s::text[]) name ORDER BY bucket) buckets"  # in one order: they never deadlock
)
_NAMES = (
    "SELECT pg_advisory_xact_lock(%s, key) FROM (SELECT DISTINCT hashtext(name) AS key"
    " FROM unnest(%s::text[]) name ORDER BY key) keys"
)
CHANNEL = "reader_archive"
"""Where a transaction that wrote says so, for readers to list what is new."""
VOCABULARY_CHANGED = "vocabulary"
"""What an indexer's refresh of the vocabulary says on CHANNEL: a reader's copy is stale (its
prefixes are asked of the index as the terms the copy lists)."""
_PLACEHOLDER = re.compile(r"\?")
_ONE_ROW = re.compile(
    r"(INSERT INTO (\S+)(?: \((?P<columns>[^)]*)\))? VALUES )(\([?, ]+\))"
    r"( ON CONFLICT(?: \((?P<key>[^)]*)\))? DO (?:NOTHING|UPDATE SET [^;]*))?"
)
"""An INSERT of one row of values, written as many rows at once by `executemany`."""
CONNECT_OPTIONS: dict[str, Any] = {
    "connect_timeout": int(CONNECT_SECONDS),
    "application_name": "reader",
    # probes on an idle connection: a dead peer (a host rebooted, a NAT that forgot the
    # connection) then errs the socket within a minute, which `_check` hears before lending it
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}

# The pool retries a lost server itself and logs each try; Reader says a fault once, itself.
logging.getLogger("psycopg.pool").addHandler(logging.NullHandler())
logging.getLogger("psycopg.pool").propagate = False


@lru_cache(maxsize=512)
def postgres_sql(sql: str) -> str:
    """The store's SQLite-style statement for psycopg: `%` doubled, each `?` as `%s`."""
    return _PLACEHOLDER.sub("%s", sql.replace("%", "%%"))


class Connection:
    """A psycopg connection that takes the store's statements as sqlite3 takes them, and
    notes whether it wrote (see `PostgresDatabase.write`)."""

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self.connection = connection
        self.wrote = False

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        self.wrote |= not sql.lstrip().upper().startswith("SELECT")
        return self.connection.execute(postgres_sql(sql), params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """`sql` for each of `rows`; an INSERT of one row of values as one COPY of them all
        (`copy`), or, an upsert, as one statement for many rows (`_many_rows`): a story's
        merge writes some 50 rows an article, and each statement costs the server (and
        psycopg) about as much as its row."""
        self.wrote = True
        rows = list(rows)
        found = _ONE_ROW.fullmatch(sql) if len(rows) > 1 else None
        if found is not None and found[5] is None:
            columns = f" ({found['columns']})" if found["columns"] else ""
            self.copy(f"{found[2]}{columns}", rows)
            return
        many = _many_rows(found, rows) if found is not None else None
        if many is None:
            with self.connection.cursor() as cursor:
                cursor.executemany(postgres_sql(sql), rows)
            return
        head, marks, tail, rows = many
        step = max(1, VARIABLES_PER_STATEMENT // marks.count("%s"))
        for start in range(0, len(rows), step):
            part = rows[start : start + step]
            values = ", ".join([marks] * len(part))
            self.connection.execute(f"{head}{values}{tail}", [v for row in part for v in row])

    def copy(self, table: str, rows: Iterable[Sequence[Any]]) -> None:
        """Write `rows` into `table` (its name, and its columns in parentheses when not all)
        with COPY: one statement, whatever the rows, whose values psycopg writes in C. A
        multi-row INSERT costs more on both sides: psycopg parses its text for each of its
        placeholders (thousands: not cached), the server binds and plans each value (the
        writes of 4,000 articles' stories: 0.4 ms an article of the indexers' CPU)."""
        self.wrote = True
        with self.connection.cursor() as cursor, cursor.copy(f"COPY {table} FROM STDIN") as out:
            for row in rows:
                out.write_row(row)

    def getlimit(self, _category: int) -> int:
        """As sqlite3's: the most parameters one statement may hold (see `db.in_batches`)."""
        return VARIABLES_PER_STATEMENT


def _many_rows(
    found: re.Match[str], rows: list[Sequence[Any]]
) -> tuple[str, str, str, list[Sequence[Any]]] | None:
    """An INSERT of one row of values (`found`: its statement matched by `_ONE_ROW`) as the
    parts of one for many rows (what comes before the values, one row's marks, what comes
    after) and the rows to write; None when it cannot be one. An upsert (`db.upsert`: every
    column but the key's set from the row) keeps the last row of each key, where the first
    was: one statement may not update a row twice, and the rows written one by one would
    leave the last (locked in the order written)."""
    head, marks, tail = (postgres_sql(part or "") for part in found.group(1, 4, 5))
    if " DO UPDATE " not in tail:
        return head, marks, tail, rows
    names = [name.strip('"') for name in (found["columns"] or "").split(", ")]
    key = [name.strip('"') for name in (found["key"] or "").split(", ")]
    if not set(key) <= set(names) or found.string != upsert(found[2], names, key):
        return None
    places = [names.index(name) for name in key]
    if any(row[place] is None for row in rows for place in places):
        return None  # NULL keys never conflict: one by one, each row would be kept
    last: dict[tuple[Any, ...], Sequence[Any]] = {}
    for row in rows:
        last[tuple(row[place] for place in places)] = row
    return head, marks, tail, list(last.values())


def problem(error: BaseException, url: StoreURL) -> str:
    """One line on why the archive cannot be used: the server by host and port, the user by
    name, never the password (nor the URL that may hold it)."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if url.url and url.url in text:
        text = text.replace(url.url, url.shown)
    if "password authentication failed" in text:
        return f"cannot open the archive at {url.server}: authentication failed for user {url.user}"
    if isinstance(error, (psycopg.OperationalError, PoolTimeout)):
        return f"cannot reach the archive at {url.server}: {_reason(text)}"
    return f"the archive at {url.server} refused: {_reason(text)}"


def _reason(text: str) -> str:
    """The server's own words, without libpq's 'connection to server at ... failed:' lead."""
    return re.sub(r"^.*failed:\s*", "", text).removeprefix("FATAL:").strip() or "no answer"


def _check(connection: psycopg.Connection[Any]) -> None:
    """A pooled connection's check before it is lent: asked of the server (a round trip) only
    when the server has said something since it was last used, which an idle connection
    hears only when it ends it (a restart, a terminated backend: its socket is readable), or
    when its keepalive probes went unanswered (the socket errs).
    Asking every time doubled the round trips of a search (about 9 lendings each)."""
    if not connection.closed:
        said = select.poll()
        said.register(connection.fileno(), select.POLLIN)
        if not said.poll(0):
            return
    ConnectionPool.check_connection(connection)


def _lock_names(db: psycopg.Connection[Any], names: list[str]) -> None:
    """Hold each of `names` alone until the transaction ends: up to OWN_LOCKS names, each
    its own lock, and their buckets shared; more, their buckets alone (which wait for, and
    hold off, every name of those buckets). Buckets first, then names, each in one order."""
    if len(names) > OWN_LOCKS:
        db.execute(_BUCKETS.format("pg_advisory_xact_lock"), (SPREAD_LOCKS, BUCKETS - 1, names))
        return
    db.execute(_BUCKETS.format("pg_advisory_xact_lock_shared"), (SPREAD_LOCKS, BUCKETS - 1, names))
    db.execute(_NAMES, (NAME_LOCKS, names))


class NotMigrated(Exception):
    """An archive older than this Reader, opened by a role that may not bring it up to date
    (a reader's read-only role)."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


class PostgresDatabase:
    """The archive on a PostgreSQL server: a pool of connections, the schema migrated on open."""

    def __init__(self, url: StoreURL, readers: int = 4) -> None:
        self.url = url
        self.path = url.shown
        self.notices: list[str] = []
        self._gone = False  # the last wait for a connection ran out (see `_lent`)
        self._pool = ConnectionPool(
            url.url,
            min_size=1,
            max_size=max(2, readers),
            timeout=CONNECT_SECONDS,
            kwargs=CONNECT_OPTIONS,
            check=_check,  # a restarted server: connect again
            open=False,
        )
        try:
            with psycopg.connect(url.url, **CONNECT_OPTIONS) as first:  # a fault said at once
                self._pool.open()  # its first connection made while the schema is looked at
                self._migrate(first)
            self._pool.wait(timeout=CONNECT_SECONDS)
        except (psycopg.Error, PoolTimeout) as error:
            self._pool.close()
            raise StoreError(problem(error, url)) from None
        except NotMigrated as older:
            self._pool.close()
            raise StoreError(
                f"the archive at {url.server} is at version {older.version} and this Reader"
                f" needs {len(MIGRATIONS)}: open it once with a role that may write (an"
                " indexer's: `reader index`) to bring it up to date"
            ) from None

    @property
    def in_memory(self) -> bool:
        return False

    def cannot_use(self, error: BaseException) -> str:
        return problem(error, self.url)

    def lost(self) -> None:
        """The server was found gone elsewhere (a listening connection ended): the next reads
        wait QUICK_SECONDS for a connection, as after a wait that ran out."""
        self._gone = True

    @contextmanager
    def _lent(self) -> Iterator[psycopg.Connection[Any]]:
        """A connection of the pool, waited for CONNECT_SECONDS at most, or QUICK_SECONDS while
        the last wait ran out (the server stopped or out of reach: the pool connects again
        on its own once it answers)."""
        try:
            with self._pool.connection(timeout=QUICK_SECONDS if self._gone else None) as db:
                self._gone = False
                yield db
        except PoolTimeout:
            self._gone = True
            raise

    @staticmethod
    def _migrate(db: psycopg.Connection[Any]) -> None:
        """Apply the migrations this archive has not had yet, in one transaction; an archive
        already current is only read (a reader's role may not write)."""
        row = None
        if db.execute("SELECT to_regclass('schema_version')").fetchone() != (None,):
            row = db.execute("SELECT max(version) FROM schema_version").fetchone()
        db.rollback()  # the reads' transaction ends: the migration is a transaction of its own
        if row and row[0] is not None and row[0] >= len(MIGRATIONS):
            return
        try:
            with db.transaction():  # the lock first: two first indexers race to create tables
                db.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
                db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
                row = db.execute("SELECT max(version) FROM schema_version").fetchone()
                done = row[0] if row and row[0] is not None else 0
                for version, script in enumerate(MIGRATIONS[done:], done + 1):
                    db.execute(script)
                    db.execute("INSERT INTO schema_version VALUES (%s)", (version,))
        except psycopg.errors.InsufficientPrivilege:
            raise NotMigrated(row[0] if row and row[0] is not None else 0) from None

    def version(self) -> int:
        with self.read() as db:
            (version,) = db.execute("SELECT max(version) FROM schema_version").fetchone() or (0,)
        return int(version or 0)

    @contextmanager
    def write(
        self, lock: str | Sequence[str] | None = None, shared: str | None = None
    ) -> Iterator[Connection]:
        """A connection for one transaction: committed on leaving, rolled back on an error;
        with `lock` (a name, or several), no other transaction holding one of the same locks
        runs meanwhile, in any process (what reads, then writes on what it read: ids,
        stories; several: the files a batch writes, see OWN_LOCKS); with `shared`, a name
        others may hold shared at once but none alone meanwhile (taken first: the files'
        writers share `files`, which giving ids and removing files take alone). A transaction
        that wrote tells every listening reader (NOTIFY on `CHANNEL`, sent on commit). A
        fault of the server or the connection becomes one line (StoreError)."""
        try:
            with self._lent() as db, db.transaction():
                if shared is not None:
                    db.execute("SELECT pg_advisory_xact_lock_shared(hashtext(%s))", (shared,))
                if isinstance(lock, str):
                    db.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (lock,))
                elif lock:
                    _lock_names(db, list(lock))
                connection = Connection(db)
                yield connection
                if connection.wrote:
                    db.execute("SELECT pg_notify(%s, 'changed')", (CHANNEL,))
        except (psycopg.Error, PoolTimeout) as error:
            raise StoreError(problem(error, self.url)) from None

    @contextmanager
    def alone(self, lock: str, wait: bool = True) -> Iterator[bool]:
        """No other process holding `lock` meanwhile (a session's advisory lock, on a
        connection of its own, let go when it ends or the process dies): for work that is
        not one transaction, but that two processes would do twice (placing the new articles
        into stories). Whether this process holds it: always, once had; without `wait`, not
        when another process holds it now (the work is that one's, or a later try's)."""
        key = (SESSION_LOCKS, lock)
        try:
            with self._lent() as db:
                db.autocommit = True
                held = True
                if wait:
                    db.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", key)
                else:
                    row = db.execute(
                        "SELECT pg_try_advisory_lock(%s, hashtext(%s))", key
                    ).fetchone()
                    held = bool(row and row[0])
                try:
                    yield held
                finally:
                    if held:
                        db.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))", key)
                    db.autocommit = False
        except (psycopg.Error, PoolTimeout) as error:
            raise StoreError(problem(error, self.url)) from None

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for reads (each statement sees what is committed when it starts)."""
        try:
            with self._lent() as db:
                db.autocommit = True
                try:
                    yield Connection(db)
                finally:
                    db.autocommit = False
        except (psycopg.Error, PoolTimeout) as error:
            raise StoreError(problem(error, self.url)) from None

    @contextmanager
    def search(self) -> Iterator[Connection]:
        """A connection for one read of the full-text index, which the planner may not answer
        by scanning the table: a scan tests every article's tsvector (most are TOASTed, read
        and decompressed each), where the GIN index names the matching ones alone, however
        many match (the planner counts neither, and scans once a word is common)."""
        with self.read() as db, db.connection.pipeline(), db.connection.transaction():
            db.connection.execute("SET LOCAL enable_seqscan = off")  # sent with the first read
            yield db

    def damaged(self) -> str:
        return f"the archive at {self.url.server} reports damage: ask whoever keeps it"

    def rebuild(self) -> None:
        """Never: the archive is the team's, not a cache (a fault is said, nothing dropped)."""
        raise StoreError(f"the archive at {self.url.server} is not a cache: it is never rebuilt")

    def close(self) -> None:
        self._pool.close()
