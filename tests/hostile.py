"""Hostile input, small: the one generator every hostile test uses (`write_hostile(folder)`),
and the hostile strings it writes.

Each case is something a folder of articles may hold by accident or by malice: names and fields
holding terminal escapes or Textual markup (which must show as data and never act), a FIFO,
links to endless devices, a long single line, JSON lines with a line of NUL bytes or a truncated
last line, a name that is not UTF-8, a page whose charset lies, random bytes, an empty file,
JSON nested past any parser's depth, two files with one stem and records sharing an id.
Beside them sit good articles, which must load whatever their neighbours are. With
`names_only`, only the hostile names and fields are written (one article, one skipped file):
what the tests of every output (CLI tables, TUI panes and notifications) look at.
`hostile_feed_server()` serves feeds that trickle, never end, or wait to be released.
"""

from __future__ import annotations

import http.server
import json
import os
import random
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import rss

OSC_TITLE = "\x1b]0;PWNED-TITLE\x07"
"""Sets the terminal's title."""
OSC_CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"
"""Writes the clipboard (OSC 52)."""
CLEAR = "\x1b[2J\x1b[H"
C1_CSI = "\x9b31m"
"""A one-byte (C1) control sequence introducer."""
QUIT = "[@click=app.quit]"
LINK = "[link=x:y]CRASH[/]"
LINK_NAME = "[link=x:y]CRASH"
"""As LINK, for a file name (which cannot hold the `/` of `[/]`)."""
CLOSE = "[/]"

MARKUP = (LINK_NAME, QUIT, CLOSE, "[bold red]", "[@click=app.bell]x[")
ESCAPES = (OSC_TITLE, "\x1b[2J", OSC_CLIPBOARD, C1_CSI)

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Any control character but newline and tab: none may reach a terminal."""


def screenshot_click(folder: Path) -> str:
    """Markup that, clicked, would save a screenshot over `folder`/victim.txt."""
    return f"[@click=app.screenshot('victim.txt','{folder}')]"


@dataclass
class Hostile:
    """What `write_hostile` wrote: the folder, the titles that must load, and the names of
    the entries that must be reported (each in a one-line message) and skipped, as shown
    (escape sequences dropped)."""

    root: Path
    good_titles: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _article(title: str, body: str = "The council met on Monday and agreed the budget.") -> bytes:
    return f"{title}\n\n{body}\n".encode()


def write_hostile(
    root: Path,
    victim: Path | None = None,
    *,
    names_only: bool = False,
    long_line_bytes: int = 2 * 1024 * 1024,
) -> Hostile:
    """Write the hostile cases (and their good neighbours) into `root`; sizes stay small.
    A click on the hostile URL's markup would write into `victim` (default: `root`'s parent)."""
    root.mkdir(parents=True, exist_ok=True)
    out = Hostile(root)
    _hostile_names(out, victim or root.parent)
    if not names_only:
        _hostile_entries(out, long_line_bytes)
    return out


def _hostile_names(out: Hostile, victim: Path) -> None:
    """One article whose title, outlet, URL and file name are hostile, and one skipped file
    whose name is."""
    (out.root / f"{LINK_NAME}{OSC_TITLE}{QUIT}skipped.txt").write_text("")
    out.skipped.append(f"{LINK_NAME}{QUIT}skipped.txt")
    record = {
        "id": "hostile-1",
        "title": f"{OSC_TITLE}Putin title {LINK} {QUIT} {CLEAR}{C1_CSI}end",
        "outlet": f"{CLOSE}{QUIT}{OSC_CLIPBOARD}Outlet",
        "url": f"https://example.org/{CLOSE}{screenshot_click(victim)}",
        "published": "2022-02-23",
        "text": f"Vladimir Putin met Joe Biden in Geneva on Monday. {OSC_TITLE}{LINK}\n\n"
        f'"We will see," Putin said on Tuesday. {CLEAR}{C1_CSI} {QUIT}',
    }
    (out.root / f"{QUIT}{OSC_CLIPBOARD}story.json").write_text(json.dumps(record))
    out.good_titles.append(record["title"])


def _hostile_entries(out: Hostile, long_line_bytes: int) -> None:
    """Every other case, each beside good neighbours."""
    root = out.root

    def good(name: str | bytes, title: str, content: bytes | None = None) -> None:
        path = os.path.join(os.fsencode(root), os.fsencode(name))
        with open(path, "wb") as handle:
            handle.write(content if content is not None else _article(title))
        out.good_titles.append(title)

    def bad(name: str, content: bytes) -> None:
        (root / name).write_bytes(content)
        out.skipped.append(name)

    good("good.txt", "Good neighbour one")
    good("good.md", "Good neighbour two", b"# Good neighbour two\n\nThe mayor said so.\n")
    # Markup and escapes in names and in the fields of a record.
    for number, mark in enumerate(MARKUP):
        good(f"{mark.replace('/', '')}{number}.txt", f"Markup name {number}")  # "/" parts a path
    for number, escape in enumerate(ESCAPES[:3]):
        good(f"esc{escape}{number}.txt", f"Escape name {number}")
    record = {
        "id": "hostile-record",
        "title": "Record " + " ".join(MARKUP + ESCAPES),
        "outlet": "[/]" + ESCAPES[0],
        "url": "https://example.org/[@click=app.quit]" + ESCAPES[1],
        "text": "Body with [link=x:y]markup[/] and \x1b[31mred\x1b[0m.",
    }
    (root / "fields.json").write_bytes(json.dumps(record).encode())
    # A name that is not UTF-8: the file must load, its path and id as valid text.
    good(b"latin-\xe9t\xe9.txt", "Not UTF-8 name")
    # A FIFO and links to endless devices: never opened.
    os.mkfifo(root / "pipe.txt")
    out.skipped.append("pipe.txt")
    for device in ("/dev/zero", "/dev/urandom"):
        if os.path.exists(device):
            name = f"link-to-{Path(device).name}.txt"
            (root / name).symlink_to(device)
            out.skipped.append(name)
    (root / "dangling.txt").symlink_to(root / "no-such-file")
    out.skipped.append("dangling.txt")
    # One long line: read, bounded.
    words = b"word " * (long_line_bytes // 5)
    good("long-line.txt", "Long line article", b"Long line article\n\n" + words + b"\n")
    # JSON lines: good records around a NUL line and a truncated last line.
    lines = [
        json.dumps({"id": f"line{n}", "title": f"Line record {n}", "text": "Body."}) for n in (1, 3)
    ]
    (root / "records.jsonl").write_bytes(
        (lines[0] + "\n" + "\x00" * 200 + "\n" + lines[1] + "\n" + '{"id": "cut", "tit').encode()
    )
    out.good_titles += ["Line record 1", "Line record 3"]
    # A page whose charset lies (utf-16 declared, cp1252 written): read as what it is.
    page = (
        "<html><head><meta charset=utf-16><title>Caf\u00e9 summit</title></head><body>"
        + "<p>The caf\u00e9 owners met the mayor on Monday \u2013 a \u2018long\u2019 talk.</p>" * 8
        + "</body></html>"
    )
    good("lying-charset.html", "Caf\u00e9 summit", page.encode("cp1252"))
    # A feed whose character references name surrogates (feedparser stops on them).
    item = "<item><title>Feed item &#xD800;</title><guid>g&#55296;</guid></item>"
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel>{item}</channel></rss>'
    good("surrogates.rss", "Feed item \ufffd", feed.encode())
    # Random bytes, high bytes only, an empty file, nesting past any depth.
    rng = random.Random(18)
    bad("random.txt", bytes(rng.randrange(256) for _ in range(20000)))
    bad("high-bytes.txt", bytes(rng.randrange(128, 256) for _ in range(20000)))
    bad("empty.txt", b"")
    bad("nested.json", b"[" * 100_000 + b"]" * 100_000)
    # Ids that clash: one stem, two files; two records of one file with the same id.
    good("story.txt", "Story as text", _article("Story as text", "Angela Merkel spoke on Monday."))
    good("story.md", "Story as markdown", b"# Story as markdown\n\nOlaf Scholz spoke on Friday.\n")
    twins = [{"id": "twin", "title": f"Twin record {n}", "text": "Zanzibar twins."} for n in (1, 2)]
    good("twins.json", "Twin record 1", json.dumps(twins).encode())
    out.good_titles.append("Twin record 2")


class _FeedHandler(http.server.BaseHTTPRequestHandler):
    """`/slow` trickles a feed a byte at a time, `/huge` sends without end, `/held` answers
    when the server's `release` event is set, anything else answers at once."""

    release: threading.Event

    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.end_headers()
        try:
            if self.path == "/slow":
                for byte in rss(["a"]):
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.1)
            elif self.path == "/huge":
                self.wfile.write(b'<?xml version="1.0"?><rss><channel><title>')
                while True:
                    self.wfile.write(b"x" * 65536)
            else:
                if self.path == "/held":
                    self.release.wait(10)
                self.wfile.write(rss(["ready"]))
        except OSError:
            pass  # the reader hung up: as it should

    def log_message(self, *args) -> None:
        pass


@contextmanager
def hostile_feed_server() -> Iterator[tuple[str, threading.Event]]:
    """A hostile feed server on 127.0.0.1: its base URL, and the event that releases `/held`."""
    release = threading.Event()
    handler = type("Handler", (_FeedHandler,), {"release": release})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}", release
    finally:
        release.set()
        httpd.shutdown()
        httpd.server_close()
