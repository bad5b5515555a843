"""Outlet names as people say them, from a web address, a feed's title or a record's field.

"huffingtonpost.com" is "HuffPost", "CNN.com - RSS Channel - App International Edition" is
"CNN", "NYT > Top Stories" is "The New York Times": a feed title's furniture (what follows a
" - ", " | " or " > ", "RSS", "Top Stories") is dropped, a domain is looked up by its
registrable part (any subdomain: "thecaucus.blogs.nytimes.com"), and a few spellings people
use for one outlet are mapped to its name. A name not known is kept as written.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

OUTLETS = {
    "themoscowtimes.com": "The Moscow Times",
    "nypost.com": "New York Post",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "washingtontimes.com": "Washington Times",
    "washingtonexaminer.com": "Washington Examiner",
    "wsj.com": "The Wall Street Journal",
    "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News",
    "theguardian.com": "The Guardian",
    "guardian.co.uk": "The Guardian",
    "cnn.com": "CNN",
    "foxnews.com": "Fox News",
    "huffingtonpost.com": "HuffPost",
    "huffpost.com": "HuffPost",
    "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News",
    "msnbc.com": "MSNBC",
    "npr.org": "NPR",
    "reuters.com": "Reuters",
    "apnews.com": "Associated Press",
    "ap.org": "Associated Press",
    "barrons.com": "Barron's",
    "bloomberg.com": "Bloomberg",
    "breitbart.com": "Breitbart News",
    "ft.com": "Financial Times",
    "economist.com": "The Economist",
    "politico.com": "Politico",
    "politico.eu": "Politico Europe",
    "thehill.com": "The Hill",
    "usatoday.com": "USA Today",
    "latimes.com": "Los Angeles Times",
    "dailymail.co.uk": "Daily Mail",
    "telegraph.co.uk": "The Telegraph",
    "independent.co.uk": "The Independent",
    "aljazeera.com": "Al Jazeera",
    "dw.com": "Deutsche Welle",
    "france24.com": "France 24",
    "euronews.com": "Euronews",
    "rt.com": "RT",
    "tass.com": "TASS",
    "kyivindependent.com": "The Kyiv Independent",
    "theatlantic.com": "The Atlantic",
    "axios.com": "Axios",
    "techcrunch.com": "TechCrunch",
    "newsweek.com": "Newsweek",
    "time.com": "Time",
    "vox.com": "Vox",
    "slate.com": "Slate",
    "nationalreview.com": "National Review",
}

SPELLINGS = {
    "nyt": "The New York Times",
    "new york times": "The New York Times",
    "the ny times": "The New York Times",
    "huffington post": "HuffPost",
    "the huffington post": "HuffPost",
    "huff post": "HuffPost",
    "wapo": "The Washington Post",
    "washington post": "The Washington Post",
    "wall street journal": "The Wall Street Journal",
    "guardian": "The Guardian",
    "ap": "Associated Press",
    "the associated press": "Associated Press",
    "bbc": "BBC News",
    "fox": "Fox News",
    "fox news channel": "Fox News",
    "cnn international": "CNN",
}
"""Other spellings of known outlets' names (casefolded) -> the name."""

_SEPARATOR = re.compile(r"\s+[-–—|>»:]\s+|:\s+")
_FURNITURE = re.compile(
    r"(?:\s*\b(?:rss|atom|xml)(?:\s+(?:channel|feed|2\.0))?|\s*\b(?:top|latest|breaking)\s+"
    r"(?:stories|news|headlines)|\s*\bnews\s+feed)\s*$",
    re.IGNORECASE,
)
_DOMAIN = re.compile(r"^(?:https?://)?[\w-]+(?:\.[\w-]+)+/?$", re.IGNORECASE)
_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "go"}
"""Second-level labels under a country code ("co.uk", "com.au"): the name is one label up."""


def domain_of(url: str | None) -> str | None:
    """The host of `url` without "www.", or None when there is none."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    host = host.removeprefix("www.")
    return host or None


def _registrable(host: str) -> str:
    """The part of a host an outlet registers: "thecaucus.blogs.nytimes.com" -> "nytimes.com",
    "news.bbc.co.uk" -> "bbc.co.uk"."""
    parts = host.split(".")
    keep = 3 if len(parts) >= 3 and len(parts[-1]) == 2 and parts[-2] in _SECOND_LEVEL else 2
    return ".".join(parts[-keep:])


def _known(host: str) -> str | None:
    parts = host.split(".")
    for start in range(len(parts) - 1):
        name = OUTLETS.get(".".join(parts[start:]))
        if name:
            return name
    return None


def outlet_for(url: str | None) -> str | None:
    """The outlet's name for a known domain (or any subdomain of one), else the domain an
    outlet registers ("hawaiinewsnow.com"), else None."""
    host = domain_of(url)
    if host is None:
        return None
    return _known(host) or _registrable(host)


def known_outlet(url: str | None) -> str | None:
    """The outlet's name when the domain is in the table, else None."""
    host = domain_of(url)
    return _known(host) if host else None


def outlet_name(name: object) -> str | None:
    """An outlet's name as people say it, from the name a feed, page or record gives (a feed
    title with its furniture, a domain, another spelling); None when nothing of a name is left."""
    if not name:
        return None
    text = " ".join(str(name).split())
    head = _SEPARATOR.split(text, maxsplit=1)[0]
    while (bare := _FURNITURE.sub("", head)) != head:
        head = bare
    head = head.strip(" -–—|>:»")
    if not head:
        return None
    if _DOMAIN.match(head):
        url = head if "://" in head else f"http://{head}"
        host = domain_of(url)
        if host and _known(host):
            return _known(host)
        return head.split("://")[-1].rstrip("/").removeprefix("www.")
    return SPELLINGS.get(head.casefold(), head)
