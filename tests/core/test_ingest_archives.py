"""Web archives (WARC, .warc.gz, WACZ) and compressed files, built here from small pages: each
200 HTML response once by its URL, nothing else; hostile archives reported, never expanded."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import re
import zipfile
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from reader.core import ingest
from reader.core.ingest import IngestError, compressed, load_articles, read_path, warc

SENTENCE = "The harbour authority said on Monday that the new pier would open to ferries in spring."


def page(title: str, date: str | None = None, words: int = 12) -> bytes:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    paragraphs = "".join(f"<p>{SENTENCE} Paragraph {n} of {title}.</p>" for n in range(words))
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
        "</body></html>"
    ).encode()


PAGES = {
    "https://news.example.org/pier": page("Pier opens in spring", "2024-03-04"),
    "https://news.example.org/ferry": page("Ferry timetable changes", "2024-03-05"),
    "https://news.example.org/undated": page("A page without a date"),
}


def response(writer: WARCWriter, url: str, body: bytes, status: str, kind: str) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=headers
    )
    record.rec_headers.replace_header("WARC-Date", "2024-06-01T12:00:00Z")
    writer.write_record(record)


def build_warc(gzipped: bool = False, pages: dict[str, bytes] = PAGES) -> bytes:
    """Pages plus records that are not articles: a request, an image, a script, a 404, a
    redirect, a revisit and the first page again."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for url, body in pages.items():
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
        writer.write_record(
            writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request)
        )
        response(writer, url, body, "200 OK", "text/html; charset=utf-8")
    base = "https://news.example.org/"
    response(writer, base + "logo.png", b"\x89PNG" + bytes(500), "200 OK", "image/png")
    response(writer, base + "app.js", b"var a = 1;", "200 OK", "application/javascript")
    response(writer, base + "gone", page("Not found"), "404 Not Found", "text/html")
    response(writer, base + "old", b"", "301 Moved Permanently", "text/html")
    writer.write_record(
        writer.create_revisit_record(base + "pier", "sha1:AAAA", base + "pier", "2024-01-01")
    )
    first = next(iter(pages))
    response(writer, first, pages[first], "200 OK", "text/html")
    return out.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def wacz(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("datapackage.json", "{}")
        for name, data in members.items():
            package.writestr(zipfile.ZipInfo(name), data)
    return out.getvalue()


@pytest.fixture(scope="module")
def plain_warc() -> bytes:
    return build_warc()


def check_pages(path: Path) -> None:
    read = read_path(path)
    assert sorted(a.url for a in read.articles) == sorted(PAGES)  # each page once, nothing else
    by_url = {a.url: a for a in read.articles}
    pier = by_url["https://news.example.org/pier"]
    assert (pier.title, pier.published, pier.date_source) == (
        "Pier opens in spring",
        "2024-03-04",
        None,
    )
    assert pier.format == "warc" and "Paragraph 3 of Pier opens in spring." in pier.text
    undated = by_url["https://news.example.org/undated"]
    assert (undated.published, undated.date_source) == ("2024-06-01T12:00", "capture")
    assert read.note is not None
    for counted in (
        "3 requests",
        "1 revisit",
        "1 redirect",
        "1 error response",
        "2 records not HTML",
        "1 repeated URL",
    ):
        assert counted in read.note


def test_warc_plain_gzipped_and_in_a_wacz(tmp_path: Path, plain_warc: bytes) -> None:
    check_pages(write(tmp_path / "crawl.warc", plain_warc))
    check_pages(write(tmp_path / "crawl.warc.gz", build_warc(gzipped=True)))
    check_pages(write(tmp_path / "crawl.wacz", wacz({"archive/data.warc.gz": build_warc(True)})))


def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path: Path, plain_warc: bytes) -> None:
    cut = plain_warc.index(b"Paragraph 5 of Ferry")  # in the middle of the second page
    read = read_path(write(tmp_path / "cut.warc", plain_warc[:cut]))
    assert [a.url for a in read.articles] == ["https://news.example.org/pier"]
    assert read.note and "ends mid-record (truncated)" in read.note
    gzipped = build_warc(gzipped=True)
    read = read_path(write(tmp_path / "cut.warc.gz", gzipped[: len(gzipped) * 2 // 3]))
    assert read.articles and read.note and "ends mid-record" in read.note


def test_a_record_over_the_cap_is_skipped_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(warc, "MAX_RECORD_BYTES", 20_000)
    pages = {**PAGES, "https://news.example.org/huge": page("Huge page", words=400)}
    read = read_path(write(tmp_path / "big.warc", build_warc(pages=pages)))
    assert "https://news.example.org/huge" not in {a.url for a in read.articles}
    assert len(read.articles) == 3 and read.note and "1 page too large" in read.note


def test_wacz_refuses_paths_outside_its_folder(tmp_path: Path, plain_warc: bytes) -> None:
    members = {"archive/data.warc": plain_warc, "../evil.warc": plain_warc, "/abs.warc": b"x"}
    read = read_path(write(tmp_path / "web.wacz", wacz(members)))
    assert len(read.articles) == 3  # the good archive is read once, the others refused
    assert read.note and "refused 2 paths outside the archive folder" in read.note
    assert not (tmp_path.parent / "evil.warc").exists()
    with pytest.raises(IngestError, match="without web archives"):
        read_path(write(tmp_path / "other.zip", wacz({"notes.txt": b"hello"})))


def test_gzip_bomb_is_reported_not_expanded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "MAX_BYTES_DEFAULT", 1_000_000)
    bomb = gzip.compress(b"word " * 2_000_000, compresslevel=1)  # 10 MB in 30 KB
    with pytest.raises(compressed.CompressionBomb, match="more than 1 MB"):
        read_path(write(tmp_path / "bomb.txt.gz", bomb))
    monkeypatch.setattr(compressed, "ARCHIVE_FLOOR", 1_000_000)
    pier = "https://news.example.org/pier"
    bomb_pages = {pier: PAGES[pier], "https://x.example/zeros": bytes(20_000_000)}
    data = gzip.compress(build_warc(pages=bomb_pages))  # 20 MB in 20 KB
    read = read_path(write(tmp_path / "bomb.warc.gz", data))
    assert [a.url for a in read.articles] == [pier]  # what came before the bomb is kept
    assert re.search(
        r"stopped: decompresses to more than \d MB \(100x its size\)$", read.note or ""
    )


@pytest.mark.parametrize(
    ("suffix", "pack"),
    [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)],
)
def test_compressed_feed_gives_the_same_articles(tmp_path: Path, suffix: str, pack) -> None:
    feed = (
        "<!-- a comment first --><rss version='2.0'><channel><title>Port News</title>"
        + "".join(
            f"<item><title>Item {n}</title><link>https://port.example/{n}</link>"
            f"<description>{SENTENCE}</description></item>"
            for n in range(3)
        )
        + "</channel></rss>"
    ).encode()
    plain = read_path(write(tmp_path / "port.xml", feed)).articles
    packed = read_path(write(tmp_path / f"port.xml{suffix}", pack(feed))).articles
    assert [a.path for a in packed] == [str(tmp_path / f"port.xml{suffix}")] * 3
    for article in packed:
        article.path = str(tmp_path / "port.xml")
    assert [a.to_json() for a in packed] == [a.to_json() for a in plain]


def test_corrupt_compressed_file_is_one_line_among_good_files(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", b"A title\n\nA body.")
    write(tmp_path / "cut.txt.gz", gzip.compress(b"A title\n\nA body." * 100)[:40])
    write(tmp_path / "noise.txt.gz", b"\x1f\x8b" + bytes(range(256)) * 4)
    warnings: list[str] = []
    articles = load_articles([tmp_path], warnings.append)
    assert [a.title for a in articles] == ["A title"]
    assert len(warnings) == 2
    assert "cut.txt.gz: skipped: truncated gzip data" in warnings[0]
    assert "noise.txt.gz: skipped: corrupt gzip data" in warnings[1]


def test_the_older_arc_format(tmp_path: Path) -> None:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page("An ARC page", "2010-05-06")
    version = b"1 0 Example\nURL IP-address Archive-date Content-type Archive-length\n"
    data = b"filedesc://x.arc 0.0.0.0 20100506000000 text/plain %d\n%s\n" % (
        len(version),
        version,
    ) + b"http://x.example/a 1.2.3.4 20100506000000 text/html %d\n%s\n" % (len(http), http)
    (article,) = read_path(write(tmp_path / "old.arc", data)).articles
    assert (article.url, article.title, article.published) == (
        "http://x.example/a",
        "An ARC page",
        "2010-05-06",
    )


def test_a_page_the_extractor_fails_on_costs_that_page_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plain_warc: bytes
) -> None:
    real = warc.page_article

    def failing(page: str, *args, **kwargs):
        if "Ferry timetable" in page:
            raise RecursionError("deep page")
        return real(page, *args, **kwargs)

    monkeypatch.setattr(warc, "page_article", failing)
    read = read_path(write(tmp_path / "crawl.warc", plain_warc))
    assert len(read.articles) == 2 and "1 page the extractor failed on" in (read.note or "")
