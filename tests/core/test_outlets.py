"""Outlet names as people say them, from domains, feed titles and other spellings."""

from __future__ import annotations

import pytest

from reader.core.ingest.outlets import known_outlet, outlet_for, outlet_name


@pytest.mark.parametrize(
    ("given", "name"),
    [
        ("CNN.com - RSS Channel - App International Edition", "CNN"),
        ("NYT > Top Stories", "The New York Times"),
        ("huffingtonpost.com", "HuffPost"),
        ("The Huffington Post", "HuffPost"),
        ("BBC News - Home", "BBC News"),
        ("Reuters: World News", "Reuters"),
        ("Jornal de Notícias - Últimas Notícias", "Jornal de Notícias"),
        ("Space.com", "Space.com"),
        ("NBC 5 Dallas-Fort Worth", "NBC 5 Dallas-Fort Worth"),
        ("Fox News", "Fox News"),
        ("RSS", None),
        ("", None),
        (None, None),
    ],
)
def test_outlet_names(given, name):
    assert outlet_name(given) == name


def test_domains_by_the_part_an_outlet_registers():
    assert outlet_for("http://thecaucus.blogs.nytimes.com/2010/07/02/x") == "The New York Times"
    assert outlet_for("http://www.huffingtonpost.com/2010/07/02/x.html") == "HuffPost"
    assert outlet_for("https://news.example.co.uk/a") == "example.co.uk"
    assert outlet_for("https://www.hawaiinewsnow.com/a") == "hawaiinewsnow.com"
    assert known_outlet("https://www.hawaiinewsnow.com/a") is None
    assert outlet_for("http://[bad") is None


def test_hostile_names_stay_literal():
    name = "\x1b]0;PWNED\x07[bold]Outlet"
    assert outlet_name(name) == name


def test_a_known_domain_names_the_outlet_whatever_the_page_calls_itself():
    assert known_outlet("https://hosted.ap.org/x/a") == "Associated Press"
    assert known_outlet("https://www.barrons.com/articles/a") == "Barron's"
