"""Indexing into the shared archive: one indexer against two at once, and where the CPU goes.

    READER_SHARED=../shared python benchmarks/archive_index.py [--size 4000] [--rounds 3]
        [--workers 1] [--statements] [--dump DIR]

Builds `--size` distinct articles (as `archive.py` does; 4,000: enough that start-up, the
story merges' tail and the claims' last parts weigh little), starts a throwaway PostgreSQL server
(tests/pg_cluster.py) and, `--rounds` times back to back, indexes them into an empty archive
with one `reader index` process, then with two at once (each `--workers N`; 0: one worker
process per core). Each run prints its articles/s, the load average, and the CPU seconds per
article of the indexers' main processes, of their worker processes and of the server (read
from /proc: the backends serving the indexers, and the rest: autovacuum, WAL, checkpoints): wall
time depends on what else the machine runs, CPU time much less. With `--statements`, the
server's costliest statements (pg_stat_statements; their times are wall times, lock waits too).
With `--dump`, each run's articles and stories, sorted, into a file of DIR (to compare runs).
Each run's database is dropped once it is measured (see `quiet`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from scale_distinct import distinct_work, proc_stats, process_tree  # noqa: E402

from tests.pg_cluster import Cluster  # noqa: E402

SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
TICK = os.sysconf("SC_CLK_TCK")
SAMPLE_S = 0.1


def _cpu_by_pid() -> dict[int, tuple[int, float, float]]:
    """Every process: its parent, its own CPU seconds, its waited-for children's."""
    found = {}
    for pid, fields in proc_stats():
        own = (int(fields[11]) + int(fields[12])) / TICK
        children = (int(fields[13]) + int(fields[14])) / TICK
        found[pid] = (int(fields[1]), own, children)
    return found


def _tree(root: int, processes: dict[int, tuple[int, float, float]]) -> list[int]:
    """`root` and every process under it (none when it has ended)."""
    return process_tree(root, {pid: parent for pid, (parent, *_) in processes.items()})


class ServerCpu:
    """The server's CPU seconds so far: the postmaster's own and its children's, those still
    running and those ended (waited for by the postmaster)."""

    def __init__(self, cluster: Cluster) -> None:
        self.root = int((cluster.data / "postmaster.pid").read_text().split()[0])

    def __call__(self) -> float:
        processes = _cpu_by_pid()
        tree = _tree(self.root, processes)
        running = sum(processes[pid][1] for pid in tree if pid in processes)
        return running + processes[self.root][2]


@dataclass
class Run:
    seconds: float
    main: float
    workers: float
    server: float
    backends: float


def _serves(pid: int, database: str) -> bool:
    """Whether a server process is a backend connected to `database` (its title says so)."""
    try:
        return f" {database} " in Path(f"/proc/{pid}/cmdline").read_text()
    except OSError:
        return False


def indexers(
    count: int, corpus: Path, env: dict[str, str], workers: int, server: ServerCpu, database: str
) -> Run:
    """`count` indexers at once on `corpus`; their processes, and the server's backends that
    serve them (connected to `database`), sampled until they end (the CPU of a process that
    ended is its last sample: at most SAMPLE_S of it unseen)."""
    options = ["--workers", str(workers)] if workers else []
    seen: dict[int, tuple[bool, float]] = {}
    backends: dict[int, float] = {}
    before = server()
    started = time.perf_counter()
    running = [
        subprocess.Popen(
            [sys.executable, "-m", "reader", "index", str(corpus), *options],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        for _ in range(count)
    ]  # fmt: skip
    roots = {process.pid for process in running}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            processes = _cpu_by_pid()
            for root in roots:
                for pid in _tree(root, processes):
                    seen[pid] = (pid in roots, processes[pid][1])
            for pid in _tree(server.root, processes):
                if pid in backends or _serves(pid, database):
                    backends[pid] = processes[pid][1]
            time.sleep(SAMPLE_S)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    for process in running:
        _, err = process.communicate()
        if process.returncode:
            sys.exit(f"an indexer failed: {err[-1500:]}")
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    main = sum(cpu for is_root, cpu in seen.values() if is_root)
    return Run(seconds, main, sum(cpu for is_root, cpu in seen.values() if not is_root),
               server() - before, sum(backends.values()))  # fmt: skip


def stored_once(url: str, size: int) -> str:
    """Whether the archive holds each of the `size` articles once (by file and place)."""
    import psycopg

    with psycopg.connect(url) as db:
        rows, places = db.execute(
            "SELECT count(*), count(DISTINCT (path, position)) FROM articles"
        ).fetchone() or (0, 0)
    return f"{rows:,} articles stored, each once: {rows == places == size}"


def dump(url: str, path: Path) -> None:
    """The archive's articles (file, place, title), stories (article, story, link) and the
    stories merged, sorted."""
    import psycopg

    with psycopg.connect(url) as db:
        articles = db.execute("SELECT path, position, title FROM articles").fetchall()
        stories = db.execute(
            "SELECT a.path, a.position, s.story, s.similarity, n.path, n.position"
            " FROM story_articles s JOIN articles a ON a.id = s.id"
            " LEFT JOIN articles n ON n.id = s.neighbour"
        ).fetchall()
        ids = dict(db.execute("SELECT id, path || '#' || position FROM articles").fetchall())
        merged = [ids.get(s) for (s,) in db.execute("SELECT story FROM story_corpora")]
    lines = [repr(row) for row in sorted(articles)]
    lines += [repr((*row[:2], ids.get(row[2]), *row[3:])) for row in sorted(stories)]
    lines += [f"merged {story}" for story in sorted(merged, key=str)]
    path.write_text("\n".join(lines) + "\n")


def statements(url: str, top: int = 12) -> list[str]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        rows = db.execute(
            "SELECT total_exec_time, calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 100)"
            " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database"
            " WHERE datname = current_database()) ORDER BY total_exec_time DESC LIMIT %s",
            (top,),
        ).fetchall()
    return [f"    {ms / 1000:7.2f} s {calls:7,} x  {query}" for ms, calls, query in rows]


def quiet(cluster: Cluster, name: str) -> None:
    """Drop a run's database once measured, and checkpoint: the server's autovacuum of its
    tables (4,000 articles written: a second of CPU and more) and the writes of its pages
    would otherwise fall into the next runs, the two indexers' of the same round first."""
    import psycopg

    with psycopg.connect(cluster._admin(), autocommit=True) as db:
        db.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        db.execute("CHECKPOINT")


class _Cluster(Cluster):
    """The tests' throwaway cluster, with pg_stat_statements loaded."""

    def _started(self) -> None:
        options = (
            f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c max_connections=60 "
            "-c shared_preload_libraries=pg_stat_statements"
        )
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1, help="per indexer; 0: one per core")
    parser.add_argument("--statements", action="store_true")
    parser.add_argument("--dump", type=Path, help="a folder for each run's tables, sorted")
    args = parser.parse_args()
    work = distinct_work(args.size, SHARED, "reader-archive-index-")
    if work is None:
        return 0
    corpus = work / "corpus"
    cluster = _Cluster().start()
    try:
        server = ServerCpu(cluster)
        each = f"--workers {args.workers}" if args.workers else "one worker per core"
        print(f"{args.size:,} distinct articles; {os.cpu_count()} cores; indexers with {each}")
        ratios = []
        for number in range(args.rounds):
            runs = {}
            for count in (1, 2):
                name = f"bench_{number}_{count}"
                url = cluster.new_database(name)
                if args.statements:
                    with __import__("psycopg").connect(cluster._admin(name), autocommit=True) as db:
                        db.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
                        db.execute("SELECT pg_stat_statements_reset()")
                env = {
                    **os.environ,
                    "READER_STORE": url,
                    "READER_DATA_DIR": str(work / f"data-{name}"),
                    "READER_CACHE_DIR": str(work / f"cache-{name}"),
                }
                run = runs[count] = indexers(count, corpus, env, args.workers, server, name)
                per = 1000 / args.size
                total = per * (run.main + run.workers + run.server)
                print(
                    f"  {count} indexer{'s' if count > 1 else ' '}: "
                    f"{args.size / run.seconds:6.1f} articles/s; CPU ms/article: "
                    f"{total:5.1f} = main {per * run.main:.1f}"
                    f" + workers {per * run.workers:.1f} + server {per * run.server:.1f}"
                    f" (backends {per * run.backends:.1f}, other"
                    f" {per * (run.server - run.backends):.1f});"
                    f" load {' '.join(f'{v:.2f}' for v in os.getloadavg())}",
                    flush=True,
                )
                if count > 1:
                    print(f"    {stored_once(cluster._admin(name), args.size)}")
                if args.dump:
                    args.dump.mkdir(parents=True, exist_ok=True)
                    dump(cluster._admin(name), args.dump / f"{name}.txt")
                if args.statements:
                    print("\n".join(statements(cluster._admin(name))))
                quiet(cluster, name)
            ratios.append(runs[1].seconds / runs[2].seconds)
            print(f"  round {number + 1}: two indexers {ratios[-1]:.2f}x one", flush=True)
        print(f"two vs one, each round: {' '.join(f'{r:.2f}x' for r in ratios)}")
    finally:
        cluster.remove()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
