"""What a file holds, from its first bytes: a container (compressed, web archive), XML (a feed, a
page or neither), JSON (a JSON Feed or records), else what its extension says.

XML is recognised by its root element, looked for past a byte order mark, whitespace, the XML
declaration, comments, processing instructions and a doctype, in any of the encodings an XML
document may start in (UTF-8, UTF-16 and UTF-32, with or without a byte order mark).
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.core.ingest.decode import decode

# Magic numbers of the containers Reader opens.
MAGIC = {
    b"\x1f\x8b": "gzip",
    b"BZh": "bz2",
    b"\xfd7zXZ\x00": "xz",
    b"PK\x03\x04": "zip",
    b"WARC/": "warc",
    b"filedesc://": "warc",  # the older ARC format, which warcio reads as WARC
}
COMPRESSED = ("gzip", "bz2", "xz")
COMPRESSED_SUFFIXES = (".gz", ".bz2", ".xz")

EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".cdf": "feed",
    ".xml": "feed",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".wacz": "zip",
}

# Root elements of feeds: RSS 0.9x-2.0, RSS 1.0 (rdf:RDF), Atom 0.3/1.0, CDF (CHANNEL).
FEED_ROOTS = {"rss", "feed", "rdf", "channel"}
# Elements that open an HTML page or fragment written without a root <html>.
HTML_ROOTS = {"html", "head", "body", "article", "main", "div", "p", "section", "h1", "h2"}

# (start bytes, encoding) of XML written in a wide encoding without a byte order mark.
_WIDE_STARTS = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00<\x00", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
)
_NAME = re.compile(r"<([A-Za-z_][\w.:-]*)")
_PROLOG_END = {"<?": "?>", "<!--": "-->"}
_JSON_FEED = re.compile(r'"version"\s*:\s*"https?://jsonfeed\.org/version/', re.IGNORECASE)


def container(head: bytes) -> str | None:
    """ "gzip", "bz2", "xz", "zip" or "warc" for a container's magic number, else None."""
    for magic, kind in MAGIC.items():
        if head.startswith(magic):
            return kind
    return None


def markup_text(data: bytes) -> str:
    """Markup (or the start of it) as text, wide encodings without a byte order mark included;
    a cut character at the end is replaced, never an error."""
    data = data.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 mark, even before invalid bytes
    for start, encoding in _WIDE_STARTS:
        if data.startswith(start):
            usable = len(data) - len(data) % (4 if "32" in encoding else 2)
            return data[:usable].decode(encoding, "replace").lstrip("\ufeff")
    return decode(data).lstrip("\ufeff")


def xml_root(text: str) -> str | None:
    """The root element's name (lowercase, without its prefix) of a document that starts as
    markup; "" when the prolog runs past `text` (a long comment or doctype); None for text that
    does not start with markup."""
    position = 0
    while True:
        while position < len(text) and text[position] in " \t\r\n\f\x00":
            position += 1
        rest = text[position : position + 9]
        if not rest:
            return "" if position else None
        end_mark = next((end for start, end in _PROLOG_END.items() if rest.startswith(start)), None)
        if end_mark is None and rest.upper().startswith("<!DOCTYPE"):
            end = _doctype_end(text, position)
        elif end_mark is not None:
            found = text.find(end_mark, position + 2)
            end = -1 if found < 0 else found + len(end_mark)
        else:
            name = _NAME.match(text, position)
            if name is None:
                return None
            return name.group(1).rsplit(":", 1)[-1].lower()
        if end < 0:
            return ""
        position = end


def _doctype_end(text: str, start: int) -> int:
    """The offset just past a doctype (with its internal subset, if any); -1 when cut off."""
    close = text.find(">", start)
    bracket = text.find("[", start)
    if bracket < 0 or (0 <= close < bracket):
        return -1 if close < 0 else close + 1
    subset_end = re.compile(r"\]\s*>").search(text, bracket)
    return -1 if subset_end is None else subset_end.end()


def markup_format(root: str, path: Path) -> str:
    """The format of a document starting with the element `root` ("" when not found yet)."""
    if root in FEED_ROOTS:
        return "feed"
    if path.suffix.lower() in (".md", ".markdown"):
        return "markdown"  # Markdown may open with an HTML block
    if root in HTML_ROOTS:
        return "html"
    return "xml"  # any other XML: feedparser decides whether it is a feed


def detect_format(path: Path, head: bytes) -> str:
    """The format, from the content when it is clear, else from the extension."""
    kind = container(head)
    if kind is not None:
        return kind
    text = markup_text(head[:8192])
    root = xml_root(text)
    if root is not None:
        return markup_format(root, path)
    start = text.lstrip(" \t\n\r\f\x00").lower()
    if re.search(r"<(?:head|body)\b", start):
        return "html"
    by_extension = EXTENSIONS.get(path.suffix.lower())
    if start.startswith("{") and _JSON_FEED.search(start):
        return "jsonfeed"
    if by_extension == "jsonl" and start.startswith(("{", "[")):
        return "jsonl"
    if start.startswith("{"):
        return "jsonl" if "\n{" in start else "json"
    if start.startswith("["):
        return "json"
    if by_extension in ("json", "jsonl", "feed", "html", "warc", "zip"):
        return "text"  # the content does not look like what the extension says
    if start.startswith("---\n"):
        return "markdown"
    return by_extension or "text"


def inner_path(path: Path) -> Path:
    """A compressed file's name without its compression suffix: `feed.xml.gz` -> `feed.xml`."""
    return path.with_suffix("") if path.suffix.lower() in COMPRESSED_SUFFIXES else path
