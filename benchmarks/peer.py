"""Side by side with newsboat on 20,000 feed items (issue #19): `benchmarks/scale.py --peer`.

    READER_SHARED=/work/shared python benchmarks/scale.py --peer   # or benchmarks/peer.py

Needs newsboat and tmux (newsboat is only the benchmark's peer, not a dependency of Reader:
`apt-get install -y newsboat` on Debian/Ubuntu, `brew install newsboat` on macOS); without
them it says so and exits.

Builds FEEDS local RSS feeds of ITEMS full-text items each (distinct articles from the BBC
corpus: benchmarks/scale_distinct.py), serves them with `python -m http.server` on 127.0.0.1,
then times, each with its own config and cache in a temporary folder:
    newsboat fetch+store    `newsboat -x reload` (the whole process)
    newsboat start          newsboat in tmux on that cache, until the feed list shows
    Reader cold             `reader` in tmux on the same feeds as subscriptions (a fresh
                            config and cache), until the first items are listed; also until
                            every item is analysed and the panels are filled
    Reader warm             `reader` again on that cache, until the items are listed (the
                            first frame lists the top stories alone); also until the status
                            line counts the whole list
and prints them beside the targets: cold first paint <= 3x newsboat's fetch+start, warm first
paint <= 1.5x newsboat's start. The machine's load (`os.getloadavg`) is printed with them, and
beside each start the CPU time (user+sys) the program in the pane had used when it was shown.
Time is polled from `tmux capture-pane` every POLL seconds. Reader's modules are compiled to
bytecode first, as an installed Reader's are (benchmarks/first_paint.py: compile_reader).

    python benchmarks/peer.py --keep                 # keeps /tmp/reader-peer-XXXX
    python benchmarks/peer.py --warm-only /tmp/reader-peer-XXXX [--runs 3]

--warm-only re-runs only the two warm starts (newsboat's, then Reader's, RUNS times each) on
the folder a run kept: its feeds served again on the port its subscriptions name.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from first_paint import compile_reader, own_path  # noqa: E402  (after the path)
from scale_distinct import build_distinct  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
BBC = SHARED / "corpora" / "bbc"
FEEDS, ITEMS = 10, 2000
POLL = 0.05
"""Seconds between two looks at a tmux pane."""
TIMEOUT = 900.0
"""Seconds a run may take before the benchmark gives up on it."""
SIZE = ("-x", "160", "-y", "50")
SESSION = f"peer-bench-{os.getpid()}"
"""This benchmark's own tmux sessions' prefix (other tmux sessions are never touched)."""
COLD_FACTOR, WARM_FACTOR = 3.0, 1.5


def missing_tools() -> list[str]:
    return [tool for tool in ("newsboat", "tmux") if shutil.which(tool) is None]


# The feeds ------------------------------------------------------------------------------------


def build_feeds(www: Path, feeds: int, items: int) -> list[str]:
    """`feeds` RSS files of `items` distinct full-text articles each under `www`; their
    names (feedNN.xml)."""
    articles = www.parent / "articles"
    build_distinct(articles, feeds * items, BBC)
    files = sorted(articles.rglob("*.txt"), key=lambda path: path.name)
    names = []
    start = datetime(2005, 1, 1, tzinfo=UTC)
    for feed in range(feeds):
        chunk = files[feed * items : (feed + 1) * items]
        entries = [
            rss_item(feed, n, path, start + timedelta(hours=n)) for n, path in enumerate(chunk)
        ]
        name = f"feed{feed:02d}.xml"
        head = (
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>Peer feed {feed:02d}</title><link>http://example.org/{feed}</link>"
            f"<description>Distinct BBC articles, feed {feed}</description>\n"
        )
        (www / name).write_text(head + "".join(entries) + "</channel></rss>\n", encoding="utf-8")
        names.append(name)
    shutil.rmtree(articles)
    return names


def rss_item(feed: int, number: int, path: Path, when: datetime) -> str:
    """One full-text item: the article's headline, its paragraphs as HTML."""
    title, *paragraphs = path.read_text().split("\n\n")
    paragraphs = [p for p in paragraphs if not p.startswith("Published:")]
    body = "".join(f"<p>{html.escape(p.strip())}</p>" for p in paragraphs)
    link = f"http://example.org/{feed}/{number}"
    return (
        f"<item><title>{html.escape(title)}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{format_datetime(when)}</pubDate>"
        f"<description>{html.escape(body)}</description></item>\n"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(www: Path, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """`python -m http.server` on `www` (on `port`, else a free one), once it answers; the
    process and its base URL."""
    port = port or free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(www)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise SystemExit("peer: the local feed server did not start")


# tmux -----------------------------------------------------------------------------------------


def pane(session: str) -> str:
    done = subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
    )
    return done.stdout


def timed_in_tmux(
    name: str, command: list[str], env: dict[str, str], shown: Callable[[str], bool]
) -> tuple[float, float, str]:
    """Start `command` in a tmux session of our own; seconds until `shown(pane)` holds, the
    CPU seconds its program had used by then, and the session (still running: `until` and
    `stop` are the caller's)."""
    session = f"{SESSION}-{name}"
    environment = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
    began = time.monotonic()
    subprocess.run(["tmux", "new-session", "-d", "-s", session, *SIZE, *environment, *command])
    seconds = until(session, shown, began)
    return seconds, cpu_seconds(session), session


def cpu_seconds(session: str) -> float:
    """The CPU time (user+sys, all its threads) of the program in the session's pane: the
    pane's process is the command itself (tmux runs a command of several words directly)."""
    done = subprocess.run(
        ["tmux", "display-message", "-p", "-t", session, "#{pane_pid}"],
        capture_output=True,
        text=True,
    )
    try:
        fields = Path(f"/proc/{int(done.stdout)}/stat").read_text().rsplit(")", 1)[1].split()
    except (ValueError, OSError):  # no /proc (macOS), or the program is gone
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def until(session: str, shown: Callable[[str], bool], began: float) -> float:
    """Seconds since `began` when `shown(pane)` first holds (polled); TIMEOUT, else."""
    while time.monotonic() - began < TIMEOUT:
        text = pane(session)
        if shown(text):
            return time.monotonic() - began
        if "Could not load" in text:
            print(f"peer: {session} failed; the pane shows:\n{text}")
            return float("nan")
        if not alive(session):
            print(f"peer: {session} ended before it was shown (the program quit)")
            return float("nan")
        time.sleep(POLL)
    print(f"peer: gave up on {session} after {TIMEOUT:.0f} s; the pane shows:\n{pane(session)}")
    return float("nan")


def alive(session: str) -> bool:
    """Whether the tmux session is still there (its program has not quit)."""
    found = subprocess.run(["tmux", "has-session", "-t", session], capture_output=True)
    return found.returncode == 0


def stop(session: str, keys: list[str]) -> None:
    """Quit the program in `session` with `keys`, then end the session (ours alone)."""
    subprocess.run(["tmux", "send-keys", "-t", session, *keys], capture_output=True)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if not alive(session):
            return
        time.sleep(0.1)
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


# The runs -------------------------------------------------------------------------------------


def run_newsboat(home: Path, urls: list[str]) -> dict[str, float]:
    """newsboat's fetch+store (`-x reload`) and its start on that cache."""
    home.mkdir()
    (home / "urls").write_text("".join(f"{url}\n" for url in urls))
    (home / "config").write_text("auto-reload no\nshow-read-feeds yes\n")
    began = time.monotonic()
    env = {**os.environ, **newsboat_env(home)}
    subprocess.run(["newsboat", *newsboat_files(home), "-x", "reload"], check=True, env=env)
    fetch = time.monotonic() - began
    print(f"newsboat fetch+store: {fetch:.2f} s", flush=True)
    return {"fetch": fetch, **newsboat_start(home)}


def newsboat_files(home: Path) -> list[str]:
    return ["-u", str(home / "urls"), "-c", str(home / "cache.db"), "-C", str(home / "config")]


def newsboat_env(home: Path) -> dict[str, str]:
    return {"HOME": str(home), "TERM": "xterm-256color"}


def newsboat_start(home: Path) -> dict[str, float]:
    """newsboat in tmux on the cache in `home`, until its feed list shows."""
    command = ["newsboat", *newsboat_files(home)]
    start, cpu, session = timed_in_tmux("newsboat", command, newsboat_env(home), feed_list_shown)
    print(f"newsboat start: {start:.2f} s (CPU {cpu:.2f} s)", flush=True)
    stop(session, ["q"])
    return {"start": start, "start_cpu": cpu}


def feed_list_shown(text: str) -> bool:
    """newsboat's feed list: a feed's line (its title)."""
    return "Peer feed" in text


def run_reader(home: Path, urls: list[str]) -> dict[str, float]:
    """Reader on the same feeds as subscriptions: cold (first list, then every item analysed
    and the panels filled), then warm (first list)."""
    (home / "config").mkdir(parents=True)
    feeds = "".join(f'[[feeds]]\nurl = "{url}"\n\n' for url in urls)
    (home / "config" / "config.toml").write_text(feeds)
    figures: dict[str, float] = {}
    began = time.monotonic()
    figures["cold"], _, session = timed_in_tmux("reader-cold", READER, reader_env(home), listed)
    print(f"Reader cold: first items listed in {figures['cold']:.2f} s", flush=True)
    figures["cold_merged"] = until(session, merged_shown, began)
    print(f"Reader cold: analysed, panels filled in {figures['cold_merged']:.2f} s", flush=True)
    stop(session, ["q"])
    return {**figures, **reader_warm(home)}


READER = [sys.executable, "-m", "reader"]


def reader_env(home: Path) -> dict[str, str]:
    return {
        "READER_CONFIG_DIR": str(home / "config"),
        "READER_CACHE_DIR": str(home / "cache"),
        "READER_DATA_DIR": str(home / "data"),
        "PYTHONPATH": own_path(),
        "TERM": "xterm-256color",
    }


def reader_warm(home: Path) -> dict[str, float]:
    """Reader in tmux on the cache in `home` an earlier run filled, until the items are listed
    (its first frame may list the top stories alone: reader.core.first_list), then until the
    status line counts the whole list."""
    began = time.monotonic()
    warm, cpu, session = timed_in_tmux("reader-warm", READER, reader_env(home), listed)
    counted = until(session, whole_counted, began)
    print(
        f"Reader warm: first paint in {warm:.2f} s (CPU {cpu:.2f} s),"
        f" the whole list counted in {counted:.2f} s",
        flush=True,
    )
    stop(session, ["q"])
    return {"warm": warm, "warm_cpu": cpu, "warm_counted": counted}


def merged_shown(text: str) -> bool:
    """Reader's status line once the corpus is merged: "20000 articles · N actors · …"."""
    return " actors · " in text and " events" in text


# The report -----------------------------------------------------------------------------------


def warm_only(work: Path, runs: int) -> None:
    """Only the warm starts, `runs` times each, on the folder an earlier run kept (--keep):
    its feeds served again where its subscriptions expect them; medians beside the target."""
    urls = (work / "newsboat" / "urls").read_text().split()
    compile_reader()
    server, _ = serve(work / "www", urlsplit(urls[0]).port)
    try:
        newsboat = [newsboat_start(work / "newsboat") for _ in range(runs)]
        reader = [reader_warm(work / "reader") for _ in range(runs)]
    finally:
        server.terminate()
        server.wait()
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    start = statistics.median(f["start"] for f in newsboat)
    keys = ("warm", "warm_cpu", "warm_counted")
    warm = {key: statistics.median(f[key] for f in reader) for key in keys}
    start_cpu = statistics.median(f["start_cpu"] for f in newsboat)
    target = WARM_FACTOR * start
    met = "yes" if warm["warm"] <= target else "NO"
    print(f"\n{len(urls)} feeds, medians of {runs} runs; load average {load}")
    print(f"newsboat start (feed list shown)  {start:6.2f} s  (CPU {start_cpu:.2f} s)")
    print(
        f"Reader warm: first paint          {warm['warm']:6.2f} s  (CPU {warm['warm_cpu']:.2f} s)"
        f"   target <= {target:.2f} s ({WARM_FACTOR:g}x newsboat's start): {met}"
    )
    print(f"Reader warm: whole list counted   {warm['warm_counted']:6.2f} s")


def report(newsboat: dict[str, float], reader: dict[str, float]) -> None:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    cold_target = COLD_FACTOR * (newsboat["fetch"] + newsboat["start"])
    warm_target = WARM_FACTOR * newsboat["start"]
    rows = [
        ("newsboat fetch+store (-x reload)", newsboat["fetch"], None),
        ("newsboat start (feed list shown)", newsboat["start"], None),
        ("Reader cold: first items listed", reader["cold"], cold_target),
        ("Reader cold: analysed, panels filled", reader["cold_merged"], None),
        ("Reader warm: first paint", reader["warm"], warm_target),
    ]
    print(f"\n{FEEDS} feeds x {ITEMS:,} items = {FEEDS * ITEMS:,} items; load average {load}")
    print(f"{'':40} {'seconds':>9} {'target':>9}  met")
    for label, seconds, target in rows:
        bound = f"<= {target:.1f}" if target is not None else ""
        met = "" if target is None else ("yes" if seconds <= target else "NO")
        print(f"{label:40} {seconds:9.2f} {bound:>9}  {met}")
    print(
        f"(targets: cold first paint <= {COLD_FACTOR:g}x newsboat's fetch+start, "
        f"warm first paint <= {WARM_FACTOR:g}x newsboat's start)"
    )


def main(argv: list[str] | None = None) -> int:
    global FEEDS, ITEMS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=FEEDS)
    parser.add_argument("--items", type=int, default=ITEMS)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--warm-only", type=Path, metavar="DIR", help="only the warm starts, on a kept folder"
    )
    parser.add_argument("--runs", type=int, default=3, help="warm starts each (--warm-only)")
    args = parser.parse_args(argv)
    FEEDS, ITEMS = args.feeds, args.items
    missing = missing_tools()
    if missing:
        print(
            f"peer: {' and '.join(missing)} not found; the side-by-side needs them "
            "(Debian/Ubuntu: apt-get install -y newsboat tmux; macOS: brew install newsboat "
            "tmux). Nothing measured."
        )
        return 0
    if args.warm_only:
        warm_only(args.warm_only, args.runs)
        return 0
    if not BBC.is_dir():
        print(f"peer: {BBC} is absent (set READER_SHARED); nothing to measure")
        return 0
    work = Path(tempfile.mkdtemp(prefix="reader-peer-"))
    server = None
    compile_reader()
    try:
        www = work / "www"
        www.mkdir()
        began = time.monotonic()
        names = build_feeds(www, FEEDS, ITEMS)
        print(f"built {FEEDS} feeds of {ITEMS:,} items in {time.monotonic() - began:.1f} s")
        server, base = serve(www)
        urls = [f"{base}/{name}" for name in names]
        newsboat = run_newsboat(work / "newsboat", urls)
        reader = run_reader(work / "reader", urls)
        report(newsboat, reader)
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


LISTED = re.compile(r"\b\d[\d,]*/\d[\d,]*\s+unread")
"""Reader's list on screen: an unread/total count ("40/40 unread"), shown with it: a story's
in the list (the first frame lists the top stories alone), or the whole list's."""
COUNTED = re.compile(r"\b\d[\d,]*/\d[\d,]*\s+unread\s*$", re.MULTILINE)
"""The status line's count of the whole list, at the line's end (a story's count in the list
is followed by its dates)."""


def listed(text: str) -> bool:
    return LISTED.search(text) is not None


def whole_counted(text: str) -> bool:
    return COUNTED.search(text) is not None


if __name__ == "__main__":
    raise SystemExit(main())
