"""Only http(s) links with a host go to a browser, never as something read as an option."""

from __future__ import annotations

import pytest

from reader.core.links import web_url


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a?b=c#d",
        "http://127.0.0.1:8080/x",
        "https://example.org/[/][@click=app.quit]",
    ],
)
def test_web_links_are_kept(url):
    assert web_url(url) == url


def test_web_links_are_normalised():
    assert web_url("  HTTPS://example.org/a  ") == "https://example.org/a"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "--remote-debugging-port=9222",
        "-https://example.org",
        "ftp://example.org/x",
        "https:///no-host",
        "https://",
        "//example.org/x",
        "example.org",
        "https://exa mple.org",
        "https://example.org/\x1b]0;PWNED\x07",
        "https://example.org:99999/",
        "http://[::1",
        "",
    ],
)
def test_everything_else_is_refused(url):
    assert web_url(url) is None


def test_a_kept_link_can_never_be_read_as_an_option():
    assert web_url("https://example.org/--remote-debugging-port=9222").startswith("https://")
