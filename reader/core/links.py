"""Which article links may be handed to a web browser."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

WEB_SCHEMES = ("http", "https")


def web_url(url: str) -> str | None:
    """`url` normalised if it is an http(s) URL with a host, else None.

    The result starts with `http://` or `https://`, so a browser command line can never read
    it as an option (`--remote-debugging-port=…`); `javascript:`, `file:`, `data:` and the
    like are refused, and so is anything holding spaces or control characters.
    """
    url = url.strip()
    if not url or any(ch.isspace() or ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in url):
        return None
    try:
        parts = urlsplit(url)
        host, _port = parts.hostname, parts.port  # .port raises ValueError on a bad port
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not host:
        return None
    return urlunsplit(parts._replace(scheme=parts.scheme.lower()))
