"""Formats: feeds of every kind and web archives, against anchors run alongside.

    python benchmarks/formats.py [FEEDPARSER_TESTS] [--repeat N] [--scale N]

FEEDPARSER_TESTS is the `tests/` folder of feedparser's repository (kurtmckee/feedparser):
for the files in which feedparser finds entries with visible text, does Reader list every one
of them, and is any file read as raw markup? Then a web archive built here from
../shared/corpora/html (each page plus a request, an image, a script, a 404, a redirect and a
revisit) as .warc, .warc.gz and .wacz: every page once by its URL and nothing else, body
word-F1 against ground-truth.json, and the time to read the .warc against trafilatura's own
extraction of the same pages (medians of --repeat runs). --scale N writes the pages N times
(new URLs) to a .warc.gz and reports Reader's peak memory reading it.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import resource
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import feedparser
import lxml.html
import trafilatura
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run without installing

from benchmarks.ingest import word_f1  # noqa: E402
from reader.core.ingest import IngestError, read_path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
PAGES = SHARED / "corpora" / "html"
_RAW_MARKUP = re.compile(r"<!--|<\?xml|</?(?:rss|channel|item|feed|entry|rdf:RDF)\b", re.I)


# Feeds ------------------------------------------------------------------------------------------


def visible(markup: str) -> str:
    """The words of an HTML fragment, without spaces (titles are compared on these)."""
    try:
        text = lxml.html.fromstring(f"<div>{markup}</div>").text_content()
    except (ValueError, lxml.etree.ParserError):
        text = re.sub(r"<[^>]+>", " ", markup)
    return "".join(text.split())


def expected_entries(data: bytes) -> list[str]:
    """The entries feedparser finds with visible text: their visible title ("" for none)."""
    parsed = feedparser.parse(data)
    entries = []
    for entry in parsed.entries:
        texts = [entry.get("title", ""), entry.get("summary", "")]
        texts += [content.get("value", "") for content in entry.get("content", [])]
        if any(visible(text) for text in texts):
            entries.append(visible(entry.get("title", "")))
    return entries


def feeds(folder: Path) -> None:
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".xml", ".json") and p.is_file())
    counted = complete = raw = 0
    misses = []
    for path in files:
        try:
            articles = read_path(path).articles
        except IngestError:
            articles = []
        if any(_RAW_MARKUP.search(a.title + a.text) or a.format == "text" for a in articles):
            raw += 1
        expected = expected_entries(path.read_bytes())
        if not expected:
            continue
        counted += 1
        titles = ["".join(a.title.split()) for a in articles]
        if len(articles) >= len(expected) and all(t in titles for t in expected if t):
            complete += 1
        else:
            misses.append(path.relative_to(folder))
    share = complete / counted if counted else 0.0
    print(f"feedparser test files: {len(files):,}; with entries of visible text: {counted}")
    print(f"  Reader lists every entry for {complete} / {counted} ({share:.1%}; target >= 99 %)")
    print(f"  files read as raw markup: {raw} (target 0)")
    for miss in misses[:10]:
        print(f"  missed: {miss}")


# Web archives -----------------------------------------------------------------------------------


def _response(writer: WARCWriter, url: str, status: str, kind: str, body: bytes) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
    payload = io.BytesIO(body)
    writer.write_record(
        writer.create_warc_record(url, "response", payload=payload, http_headers=headers)
    )


def write_warc(out: io.BufferedIOBase, pages: list[tuple[str, bytes]], gzipped: bool) -> None:
    """Each page's response with the records around it that are not articles."""
    writer = WARCWriter(out, gzip=gzipped)
    for url, body in pages:
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example")], is_http_request=True)
        empty = io.BytesIO(b"")
        writer.write_record(
            writer.create_warc_record(url, "request", payload=empty, http_headers=request)
        )
        _response(writer, url, "200 OK", "text/html; charset=utf-8", body)
        _response(writer, url + "/logo.png", "200 OK", "image/png", b"\x89PNG" + bytes(2000))
        _response(writer, url + "/app.js", "200 OK", "text/javascript", b"let a = 1;" * 50)
        _response(writer, url + "/missing", "404 Not Found", "text/html", b"<p>Not found</p>")
        _response(writer, url + "/old", "301 Moved Permanently", "text/html", b"")
        writer.write_record(writer.create_revisit_record(url, "sha1:X", url, "2020-01-01"))


def corpus_pages() -> tuple[list[tuple[str, bytes]], dict[str, str]]:
    truth = json.loads((PAGES / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [(record["url"], (PAGES / f"{key}.html").read_bytes()) for key, record in truth.items()]
    return pages, {record["url"]: record["articleBody"] for record in truth.values()}


def build_archives(folder: Path, pages: list[tuple[str, bytes]]) -> list[Path]:
    with open(folder / "pages.warc", "wb") as out:
        write_warc(out, pages, gzipped=False)
    with open(folder / "pages.warc.gz", "wb") as out:
        write_warc(out, pages, gzipped=True)
    with zipfile.ZipFile(folder / "pages.wacz", "w") as package:
        package.writestr("datapackage.json", "{}")
        package.write(folder / "pages.warc.gz", "archive/data.warc.gz")
    return [folder / name for name in ("pages.warc", "pages.warc.gz", "pages.wacz")]


def archives(repeat: int, scale: int) -> None:
    pages, truth = corpus_pages()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for path in build_archives(folder, pages):
            read = read_path(path)
            urls = [a.url for a in read.articles]
            once = len(urls) == len(set(urls)) and set(urls) <= set(truth)
            scores = [word_f1(a.text, truth[a.url or ""]) for a in read.articles]
            f1 = sum(scores) / len(truth)
            print(
                f"{path.name}: {len(set(urls))} / {len(truth)} pages, each once and nothing "
                f"else: {once}; body word-F1 {f1:.3f} (target >= 0.93)"
            )
            print(f"  {read.note}")
        reader_times, anchor_times = [], []
        for _ in range(repeat):
            start = time.perf_counter()
            read_path(folder / "pages.warc")
            reader_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            for url, body in pages:
                trafilatura.bare_extraction(body, url=url, with_metadata=True)
            anchor_times.append(time.perf_counter() - start)
        reader, anchor = statistics.median(reader_times), statistics.median(anchor_times)
        print(
            f"reading the .warc: {reader:.2f} s; trafilatura alone on the same pages: "
            f"{anchor:.2f} s; ratio {reader / anchor:.2f}x (target <= 1.25x; medians of {repeat})"
        )
        if scale > 1:
            big = folder / "big.warc.gz"
            with open(big, "wb") as out:
                many = [(f"{url}?copy={n}", body) for n in range(scale) for url, body in pages]
                write_warc(out, many, gzipped=True)
            del many
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            start = time.perf_counter()
            count = len(read_path(big).articles)
            after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"{big.stat().st_size / 2**20:.0f} MB .warc.gz ({count:,} pages) read in "
                f"{time.perf_counter() - start:.0f} s; peak memory {after:.0f} MB "
                f"(was {before:.0f} MB before)"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("feedparser_tests", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=int, default=1)
    options = parser.parse_args()
    if options.feedparser_tests:
        feeds(options.feedparser_tests)
    if PAGES.is_dir():
        archives(options.repeat, options.scale)
    else:
        print(f"corpora not found at {PAGES}; set READER_SHARED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
