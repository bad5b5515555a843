"""A throwaway PostgreSQL cluster for the shared-archive tests: made in a tmp dir, started on a
free loopback port, stopped and removed after.

`initdb` refuses to run as root, so under root every server command runs as the `postgres`
user (`runuser`), in a folder handed to it. The cluster asks for a password on TCP (scram),
so a wrong password is a real authentication failure. Two roles exist, as a team would make
them (see the README): `indexer`, which owns the database and writes, and `viewer`, which may
only read.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "postgres"
DATABASE = "archive"
ROLES = {"indexer": "indexer-secret", "viewer": "viewer-secret"}


class NoPostgres(RuntimeError):
    """This machine has no PostgreSQL server programs (the tests that need one skip)."""


def server_bin() -> Path:
    """The folder holding `initdb`, `pg_ctl` and `postgres`, newest version first."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    on_path = shutil.which("initdb")
    candidates = [Path(p).parent for p in found] + ([Path(on_path).parent] if on_path else [])
    for folder in candidates:
        if (folder / "pg_ctl").exists() and (folder / "postgres").exists():
            return folder
    raise NoPostgres("no PostgreSQL server here (initdb, pg_ctl): install postgresql")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    """One throwaway cluster; `start()` makes and starts it, `stop()` removes it."""

    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="reader-pg-")))
    port: int = field(default_factory=_free_port)
    superuser_password: str = "postgres-secret"

    def __post_init__(self) -> None:
        self.bin = server_bin()
        self.data = self.root / "data"
        self.sockets = self.root / "sockets"

    def url(
        self, role: str = "indexer", password: str | None = None, database: str = DATABASE
    ) -> str:
        """A store URL for `role` (its own password unless another is given)."""
        secret = ROLES[role] if password is None else password
        return f"postgresql://{role}:{secret}@127.0.0.1:{self.port}/{database}"

    def _admin(self, database: str = "postgres") -> str:
        secret = self.superuser_password
        return f"postgresql://{SUPERUSER}:{secret}@127.0.0.1:{self.port}/{database}"

    def new_database(self, name: str) -> str:
        """A fresh, empty archive database `name` (a copy of the first one, roles and
        extension included); its URL for the indexer role."""
        import psycopg

        with psycopg.connect(self._admin(), autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            db.execute(f'CREATE DATABASE "{name}" OWNER indexer TEMPLATE {DATABASE}')
        return self.url(database=name)

    def _run(self, *command: str) -> None:
        as_root = os.geteuid() == 0
        prefix = ["runuser", "-u", SUPERUSER, "--"] if as_root else []
        result = subprocess.run(
            [*prefix, *command], capture_output=True, text=True, timeout=120, check=False
        )
        if result.returncode:
            raise RuntimeError(f"{command[0]} failed: {result.stderr.strip() or result.stdout}")

    def _hand_over(self) -> None:
        """Under root, the cluster's folder belongs to the server's own user."""
        if os.geteuid() != 0:
            return
        owner = pwd.getpwnam(SUPERUSER)
        for path in [self.root, *self.root.rglob("*")]:
            os.chown(path, owner.pw_uid, owner.pw_gid)

    def start(self) -> Cluster:
        """Make the cluster (first time), start the server and wait until it answers."""
        if not self.data.exists():
            self.sockets.mkdir(parents=True, exist_ok=True)
            secret = self.root / "superuser-password"
            secret.write_text(self.superuser_password)
            self._hand_over()
            self._run(
                str(self.bin / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                "--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={secret}",
                "--encoding=UTF8", "--locale=C.UTF-8",
            )  # fmt: skip
            self._started()
            self._make_roles()
        else:
            self._started()
        return self

    def _started(self) -> None:
        options = (
            f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c max_connections=60"
        )
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip

    def _make_roles(self) -> None:
        import psycopg

        with psycopg.connect(self._admin(), autocommit=True) as db:
            for role, secret in ROLES.items():
                db.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{secret}'")
            db.execute(f"CREATE DATABASE {DATABASE} OWNER indexer")
        with psycopg.connect(self._admin(DATABASE), autocommit=True) as db:
            db.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            db.execute(f"GRANT CONNECT ON DATABASE {DATABASE} TO viewer")
            db.execute("ALTER DEFAULT PRIVILEGES FOR ROLE indexer GRANT SELECT ON TABLES TO viewer")
            db.execute("GRANT USAGE ON SCHEMA public TO viewer")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (the cluster stays, to `start()` again)."""
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def remove(self) -> None:
        """Stop the server if it runs and remove every file of the cluster."""
        try:
            self.stop("immediate")
        except RuntimeError:
            pass  # not running
        shutil.rmtree(self.root, ignore_errors=True)
