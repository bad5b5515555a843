"""The sync's worker processes never outlive the reader: after a kill -9 of the indexer (no
clean-up runs) its workers and multiprocessing's helpers are gone within seconds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.conftest import ROOT
from tests.core.conftest import write

INDEXER = textwrap.dedent(
    """
    import sys
    from reader.core.store import Store
    from reader.core.sync import sync

    folder, cache = sys.argv[1:3]
    sync(Store.for_paths([folder], cache), [folder], lambda message: None,
         lambda done, total: print(done, flush=True))
    """
)


def _processes() -> dict[int, tuple[int, str]]:
    """Every live process: pid -> (parent pid, state letter)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            state, parent = stat.rsplit(")", 1)[1].split()[:2]
            found[int(entry.name)] = (int(parent), state)
    return found


def descendants(pid: int) -> set[int]:
    processes = _processes()
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, (parent, _) in processes.items() if parent in frontier}
        found |= frontier
    return found


def alive(pids: set[int]) -> set[int]:
    """Those of `pids` still running (a zombie has ended: it only waits to be reaped)."""
    processes = _processes()
    return {pid for pid in pids if pid in processes and processes[pid][1] != "Z"}


def test_workers_end_when_the_indexer_is_killed(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(300):
        write(folder, f"{number:04d}.txt", f"Report {number}", f"Body of report {number}. " * 30)
    indexer = subprocess.Popen(
        [sys.executable, "-c", INDEXER, str(folder), str(tmp_path / "cache")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert indexer.stdout is not None
        indexer.stdout.readline()  # the first file back from the pool: its workers run
        children = descendants(indexer.pid)
        assert len(children) >= 2, "the pool's workers (and the fork server)"
        os.kill(indexer.pid, signal.SIGKILL)  # the indexer only, not its process group
        indexer.wait()
        deadline = time.monotonic() + 15
        while alive(children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(children), "worker processes outlived the indexer"
    finally:
        try:
            os.killpg(indexer.pid, signal.SIGKILL)  # whatever is left, should the test fail
        except ProcessLookupError:
            pass


def test_results_come_in_order_with_only_a_few_calls_submitted_ahead() -> None:
    """A pool's results are taken in the order of the calls, and no more than a few calls a
    worker wait ahead of the one taken: results are not all held at once."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Event

    from reader.core.workers import AHEAD, InOrder

    submitted: list[int] = []

    def call(number: int) -> int:
        submitted.append(number)
        return number * 10

    class Threads:  # what InOrder asks of a Pool, in threads
        workers = 2
        executor = ThreadPoolExecutor(max_workers=2)

    taken = InOrder(Threads(), [(call, (n,)) for n in range(100)], Event())  # type: ignore[arg-type]
    first = next(taken)
    assert first == 0
    assert len(submitted) <= AHEAD * Threads.workers + 1 < 100
    assert [first, *taken] == [n * 10 for n in range(100)]
    assert len(submitted) == 100
    Threads.executor.shutdown()


CLOSED_EARLY = textwrap.dedent(
    """
    import os
    from reader.core.workers import Pool

    for _ in range(6):  # a few times: some worker is then surely still starting when closed
        pool = Pool(2)
        for _ in range(4):
            pool.executor.submit(os.getpid)
        pool.close(cancelled=True)
        del pool  # (as Workers.close and merge_stale drop theirs)
    """
)


def test_a_pool_closed_while_its_workers_start_leaves_nothing_on_stderr() -> None:
    """Quitting the TUI while its load starts workers cancels their pool at once: a worker
    still starting then must not die printing a traceback on the terminal the TUI drew on (the
    workers and multiprocessing's helpers write to the reader's real stderr)."""
    done = subprocess.run(
        [sys.executable, "-c", CLOSED_EARLY],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert done.stderr == ""
