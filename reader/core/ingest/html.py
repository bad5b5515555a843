"""Saved HTML pages: trafilatura finds the article body and its metadata."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html

from reader.core.ingest.clean import join_broken
from reader.core.ingest.dates import normalise
from reader.core.ingest.decode import decode
from reader.core.ingest.outlets import known_outlet, outlet_for, outlet_name
from reader.core.model import Article

_BLOCK_TAG = re.compile(
    r"<\s*(?:br|/?p|/?div|/?li|/?h[1-6]|/?blockquote|/?ul|/?ol|/?tr|/?section|/?figure)\b[^>]*>",
    re.IGNORECASE,
)


def read(path: Path, data: bytes) -> list[Article]:
    article = page_article(decode(data), path, path.stem)
    return [article] if article is not None else []


def page_article(
    page: str,
    path: Path,
    article_id: str,
    url: str | None = None,
    captured: str | None = None,
    fmt: str = "html",
) -> Article | None:
    """The article of one HTML page, or None when it has none. `url` is the page's address
    when known (a web archive's target URI); `captured` the date it was captured, used only
    when the page gives none of its own (and then marked as such in `date_source`)."""
    import trafilatura  # here, not at the top: a warm start never reads a page (~0.2 s less)

    document = trafilatura.bare_extraction(
        page, url=url, with_metadata=True, include_comments=False, favor_precision=False
    )
    meta = document if isinstance(document, dict) else document.as_dict() if document else {}
    paragraphs = [" ".join(line.split()) for line in (meta.get("text") or "").split("\n")]
    paragraphs = join_broken([p for p in paragraphs if p])
    if not paragraphs:  # too short for trafilatura: read the page's own paragraphs
        meta["title"], paragraphs = _plain_page(page)
    title = " ".join((meta.get("title") or (paragraphs[0] if paragraphs else "")).split())
    if title in paragraphs[:3]:  # the headline, repeated at the top of the body
        paragraphs.remove(title)
    if not title or not paragraphs:
        return None
    url = url or meta.get("url") or _canonical_url(page)
    sitename = meta.get("sitename")
    if sitename and "://" in sitename:
        sitename = outlet_for(sitename)
    source = known_outlet(url) or outlet_name(sitename) or outlet_for(url)
    published = normalise(meta.get("date"))
    return Article(
        id=article_id,
        path=str(path),
        source=source,
        title=title,
        published=published or normalise(captured),
        url=url,
        section=(meta.get("categories") or [None])[0],
        paragraphs=paragraphs,
        author=meta.get("author"),
        format=fmt,
        date_source="capture" if captured and not published else None,
    )


def _plain_page(page: str) -> tuple[str | None, list[str]]:
    """Title and paragraphs of a small page, without its navigation, header and footer."""
    try:
        tree = lxml.html.fromstring(page.encode("utf-8"))
    except (ValueError, lxml.etree.ParserError):
        return None, []
    titles = [" ".join(t.text_content().split()) for t in tree.xpath("//h1|//title")]
    for junk in tree.xpath("//script|//style|//nav|//header|//footer|//aside|//h1|//title"):
        junk.drop_tree()
    body = tree.find("body")
    markup = lxml.html.tostring(body if body is not None else tree, encoding="unicode")
    return next((t for t in titles if t), None), paragraphs_from_html(markup)


def _canonical_url(page: str) -> str | None:
    """The page's own address from <link rel=canonical> or og:url, when trafilatura has none."""
    try:
        tree = lxml.html.fromstring(page.encode("utf-8"))
    except (ValueError, lxml.etree.ParserError):
        return None
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        values = [v.strip() for v in tree.xpath(xpath) if v.strip().startswith("http")]
        if values:
            return values[0]
    return None


def paragraphs_from_html(fragment: str) -> list[str]:
    """The text of an HTML fragment (a feed item's content) as paragraphs."""
    marked = _BLOCK_TAG.sub("\n\n", fragment)
    try:
        root = lxml.html.fromstring(f"<div>{marked}</div>")
        for junk in root.xpath("//script|//style|//figcaption"):
            junk.drop_tree()
        text = root.text_content()
    except (ValueError, lxml.etree.ParserError):
        text = re.sub(r"<[^>]+>", " ", marked)
    blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]
    return join_broken([block for block in blocks if block])
