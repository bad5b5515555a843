"""The shared archive from the command line, on a throwaway PostgreSQL server: an indexer fills
it, readers (the indexer's role, and a read-only one) read it as it stands, and faults are one
line that never holds the password."""

from __future__ import annotations

import itertools
import json
import re
import threading

import pytest

from tests.conftest import SEEDS, run_cli

pytest.importorskip("psycopg")

MID_INDEX_WAIT = 120.0
"""Seconds an indexer has to say it is mid-way through its files (or to end)."""

_names = itertools.count()


@pytest.fixture
def archive(postgres):
    """A fresh archive: its URL for the indexer role, and the cluster."""
    name = f"cli_{next(_names)}"
    return postgres.new_database(name), postgres, name


@pytest.fixture(scope="module")
def seeded(postgres):
    """One archive the seeds were indexed into (`reader index` run as a user runs it), for
    the tests that only read it: the indexer's output, the URL, the cluster, the name."""
    name = f"cli_{next(_names)}"
    url = postgres.new_database(name)
    return run_cli("index", str(SEEDS), "--store", url), url, postgres, name


def test_index_then_read_without_paths(seeded, tmp_path) -> None:
    indexed, url, cluster, name = seeded
    assert indexed.returncode == 0, indexed.stderr
    assert "articles in postgresql://indexer@127.0.0.1" in indexed.stderr
    assert "indexer-secret" not in indexed.stderr + indexed.stdout

    # another machine, another cache: the archive alone answers
    elsewhere = {"READER_STORE": url, "READER_CACHE_DIR": str(tmp_path / "elsewhere")}
    hits = run_cli("search", "Psaki", "--json", env=elsewhere)
    assert hits.returncode == 0, hits.stderr
    assert json.loads(hits.stdout), "the seeds name Psaki"
    stories = json.loads(run_cli("stories", "--json", env=elsewhere).stdout)
    assert len(stories) == 1 and len(stories[0]["articles"]) == len(list(SEEDS.iterdir()))
    articles = json.loads(run_cli("articles", "--json", env=elsewhere).stdout)
    assert len(articles) == len(list(SEEDS.iterdir()))

    viewer = {**elsewhere, "READER_STORE": cluster.url("viewer", database=name)}
    for command in ("search", "entities", "timeline", "quotes", "compare"):
        words = ["Blinken"] if command == "search" else []
        read_only = run_cli(command, *words, "--json", env=viewer)
        assert read_only.returncode == 0, read_only.stderr
        assert json.loads(read_only.stdout), command


def test_indexing_again_changes_nothing_and_keeps_other_roots(archive, tmp_path) -> None:
    url, _, _ = archive
    other = tmp_path / "other"
    other.mkdir()
    (other / "note.txt").write_text("Talks resume\n\nThe talks resumed in Geneva on Monday.\n")
    assert run_cli("index", str(SEEDS), "--store", url).returncode == 0
    assert run_cli("index", str(other), "--store", url).returncode == 0
    again = run_cli("index", str(SEEDS), "--store", url)
    assert "(no change)" in again.stderr
    titles = [a["title"] for a in json.loads(run_cli("articles", "--json", "--store", url).stdout)]
    assert "Talks resume" in titles and len(titles) == len(list(SEEDS.iterdir())) + 1


def test_a_wrong_password_is_one_line_without_it(postgres) -> None:
    wrong = postgres.url(password="hunter2-wrong")
    result = run_cli("search", "Psaki", "--store", wrong)
    assert result.returncode == 1
    assert "authentication failed for user indexer" in result.stderr
    assert "hunter2" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_an_unreachable_server_names_host_and_port(postgres) -> None:
    url = postgres.url(password="hunter2").replace(str(postgres.port), "1")
    result = run_cli("stories", "--store", url)
    assert result.returncode == 1
    assert "cannot reach the archive at 127.0.0.1:1" in result.stderr
    assert "hunter2" not in result.stderr


def test_a_bad_store_url_is_a_usage_error() -> None:
    result = run_cli("search", "x", "--store", "mysql://reader:hunter2@host/db")
    assert result.returncode == 2 and "hunter2" not in result.stderr


@pytest.fixture(scope="module")
def embedded_cache(tmp_path_factory):
    """One cache for the embedded store the archive is compared with (filled once)."""
    return tmp_path_factory.mktemp("embedded")


@pytest.mark.parametrize("command", ["entities", "timeline", "quotes", "stories", "compare"])
def test_the_archive_answers_as_the_embedded_store(seeded, embedded_cache, command) -> None:
    indexed, url, _, _ = seeded
    assert indexed.returncode == 0, indexed.stderr
    embedded = run_cli(command, str(SEEDS), "--json", env={"READER_CACHE_DIR": str(embedded_cache)})
    shared = run_cli(command, "--json", "--store", url)
    assert shared.returncode == 0, shared.stderr
    assert json.loads(shared.stdout) == json.loads(embedded.stdout)


def _desk(folder, count: int):
    folder.mkdir()
    for number in range(count):
        (folder / f"{number:03d}.txt").write_text(
            f"Report {number} from the desk\n\nOfficials met in Geneva on Monday, report {number}"
            " said, and talks go on.\n"
        )
    return folder


def _indexer(desk, url: str, **options):
    """`reader index DESK` as a process of its own, left running."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    command = [sys.executable, "-m", "reader", "index", str(desk), "--store", url]
    return subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **options
    )


def _mid_index(indexer) -> str:
    """Wait until the indexer says it indexed some files and not all (or until it ends: it
    may be done already, and nothing may be lost either way); what it said on stderr. An
    indexer that says neither within MID_INDEX_WAIT seconds is killed, and the test fails."""
    said: list[str] = []

    def read() -> None:
        for line in indexer.stderr:
            said.append(line)
            done = re.search(r"indexing: ([\d,]+) of ([\d,]+) files", line)
            if done and 0 < int(done[1].replace(",", "")) < int(done[2].replace(",", "")):
                return

    reading = threading.Thread(target=read, daemon=True)
    reading.start()
    reading.join(MID_INDEX_WAIT)
    if reading.is_alive():
        indexer.kill()
        reading.join(10)  # (the pipe ends with the process)
        lines = "".join(said)[-2000:] or "nothing\n"
        pytest.fail(f"the indexer stalled: not mid-way in {MID_INDEX_WAIT:g} s; it said:\n{lines}")
    return "".join(said)


def _a_rerun_stores_every_article_once(desk, url: str, count: int) -> None:
    again = run_cli("index", str(desk), "--store", url)
    assert again.returncode == 0, again.stderr
    stored = json.loads(run_cli("articles", "--json", "--store", url).stdout)
    assert len(stored) == count and len({a["id"] for a in stored}) == count


def test_a_killed_indexer_loses_nothing_and_a_rerun_completes(archive, tmp_path) -> None:
    import os
    import signal

    url, _, _ = archive
    desk = _desk(tmp_path / "desk", 120)
    indexer = _indexer(desk, url, start_new_session=True)
    _mid_index(indexer)
    os.killpg(indexer.pid, signal.SIGKILL)
    indexer.wait(30)
    _a_rerun_stores_every_article_once(desk, url, 120)


def test_a_server_restarted_mid_index_is_said_and_a_rerun_completes(archive, tmp_path) -> None:
    url, postgres, _ = archive
    desk = _desk(tmp_path / "desk", 120)
    indexer = _indexer(desk, url)
    said = _mid_index(indexer)
    postgres.stop("immediate")
    postgres.start()
    _, rest = indexer.communicate(timeout=120)
    err = said + rest
    if indexer.returncode:  # stopped: one line naming the server, no traceback, no password
        assert "127.0.0.1" in err and "Traceback" not in err and "indexer-secret" not in err
    _a_rerun_stores_every_article_once(desk, url, 120)


def test_a_stalled_indexer_fails_the_wait_for_it_with_what_it_said(monkeypatch) -> None:
    import subprocess
    import sys

    said = "import sys, time; print('indexing: 0 of 5 files', file=sys.stderr); time.sleep(600)"
    stalled = subprocess.Popen([sys.executable, "-c", said], stderr=subprocess.PIPE, text=True)
    monkeypatch.setattr(sys.modules[__name__], "MID_INDEX_WAIT", 0.5)
    with pytest.raises(pytest.fail.Exception, match="stalled.*\n.*indexing: 0 of 5 files"):
        _mid_index(stalled)
    assert stalled.wait(10) != 0, "killed"
