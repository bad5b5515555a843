"""Outlet names for the web domains of well-known news organisations."""

from __future__ import annotations

from urllib.parse import urlsplit

OUTLETS = {
    "themoscowtimes.com": "The Moscow Times",
    "nypost.com": "New York Post",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News",
    "theguardian.com": "The Guardian",
    "guardian.co.uk": "The Guardian",
    "cnn.com": "CNN",
    "foxnews.com": "Fox News",
    "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News",
    "npr.org": "NPR",
    "reuters.com": "Reuters",
    "apnews.com": "Associated Press",
    "bloomberg.com": "Bloomberg",
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
}


def domain_of(url: str | None) -> str | None:
    """The host of `url` without "www.", or None when there is none."""
    if not url:
        return None
    host = urlsplit(url.strip()).hostname or ""
    host = host.removeprefix("www.")
    return host or None


def outlet_for(url: str | None) -> str | None:
    """The outlet's name for a known domain (or any subdomain of one), else the bare domain."""
    host = domain_of(url)
    if host is None:
        return None
    parts = host.split(".")
    for start in range(len(parts) - 1):
        name = OUTLETS.get(".".join(parts[start:]))
        if name:
            return name
    return host


def known_outlet(url: str | None) -> str | None:
    """The outlet's name when the domain is in the table, else None."""
    name = outlet_for(url)
    return name if name in OUTLETS.values() else None
