"""Shared fixtures: the seed corpus, the shared corpora folder, a CLI runner."""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import http.server
import io
import json
import multiprocessing
import os
import subprocess
import sys
import threading
import traceback
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
CORPORA = SHARED / "corpora"
EXPECTATIONS = SHARED / "seed-expectations.json"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory) -> None:
    """Tests (and the CLI they run) keep their store in a temporary cache, and read no
    config file but their own: never the user's. The fork server of this process, started
    after, preloads tests/warm_workers.py (its name lists kept in that cache)."""
    os.environ["READER_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["READER_CONFIG_DIR"] = str(tmp_path_factory.mktemp("config"))
    multiprocessing.set_forkserver_preload(["tests.warm_workers"])


@pytest.fixture
def seeds() -> Path:
    return SEEDS


@pytest.fixture
def corpora() -> Path:
    if not CORPORA.is_dir():
        pytest.skip("../shared/corpora is absent")
    return CORPORA


@pytest.fixture
def expectations() -> dict:
    if not EXPECTATIONS.is_file():
        pytest.skip("../shared/seed-expectations.json is absent")
    return json.loads(EXPECTATIONS.read_text(encoding="utf-8"))


def run_cli(*args: str, stdin: str | None = None, env: dict | None = None):
    """Run `python -m reader ARGS` in a subprocess, the way a user runs the command."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


class Captured(io.StringIO):
    """A captured stream that outlives `close()`: the CLI closes stderr when its reader goes
    away (a broken pipe), and what it wrote before is still to be read."""

    def close(self) -> None:
        """Kept open."""


def run_here(*args: str, stdin: str | None = None, env: dict | None = None):
    """`reader ARGS` run in this process (`reader.cli.main`), answering as `run_cli` does
    (exit code, stdout, stderr; an uncaught error: 1 and its traceback): for tests of what a
    command answers, not of its process (start-up, pipes, signals: those run it with
    `run_cli`). Saves a start-up a call. What a run sets for the process (the environment,
    stdin, the working folder, the worker count) is set back after it."""
    from reader.cli import main
    from reader.core.workers import use_workers

    out, err = Captured(), Captured()
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        given = io.BytesIO((stdin or "").encode())
        patch.setattr(sys, "stdin", io.TextIOWrapper(given, encoding="utf-8"))
        patch.chdir(ROOT)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as leaving:  # argparse: --help, a usage error
                code = leaving.code if isinstance(leaving.code, int) else int(bool(leaving.code))
            except Exception:  # as Python ends a process on an uncaught error
                traceback.print_exc()
                code = 1
            finally:
                use_workers(None)  # (`index --workers N` sets it for the process)
    return subprocess.CompletedProcess(["reader", *args], code, out.getvalue(), err.getvalue())


def rss(items: list[str]) -> bytes:
    body = "".join(
        f"<item><title>{t}</title><link>http://example.org/{t}</link><guid>{t}</guid>"
        f"<description>Body of {t}.</description></item>"
        for t in items
    )
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
    return f"{head}{body}</channel></rss>".encode()


class Handler(http.server.BaseHTTPRequestHandler):
    root: Path
    seen: list[dict]

    def do_GET(self) -> None:  # noqa: N802
        self.seen.append(dict(self.headers))
        path = self.root / self.path.lstrip("/")
        if not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        etag = '"' + hashlib.sha1(data).hexdigest() + '"'
        modified = email.utils.formatdate(int(path.stat().st_mtime), usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server(tmp_path):
    """A local HTTP server (ETag, Last-Modified, 304) serving the files put in `root`."""
    root = tmp_path / "www"
    root.mkdir()
    handler = type("H", (Handler,), {"root": root, "seen": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{httpd.server_port}", handler.seen, httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL cluster for this test session (see tests/pg_cluster.py).
    Skips where no server is installed, except where READER_REQUIRE_POSTGRES is set (CI)."""
    from tests.pg_cluster import Cluster, NoPostgres

    try:
        cluster = Cluster().start()
    except NoPostgres as error:
        if os.environ.get("READER_REQUIRE_POSTGRES"):
            pytest.fail(str(error))
        pytest.skip(str(error))
    yield cluster
    cluster.remove()
