"""Shared fixtures: the seed corpus, the shared corpora folder, a CLI runner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
CORPORA = SHARED / "corpora"
EXPECTATIONS = SHARED / "seed-expectations.json"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory) -> None:
    """Tests (and the CLI they run) keep their store in a temporary cache, not the user's."""
    os.environ["READER_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


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
