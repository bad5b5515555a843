"""A query word's (or phrase's) matches in text: where search scores titles, actor names and
bodies, and where a hit's snippet and matches come from.

Each is one regular expression written twice. The first ignores case and starts with a word
boundary: it reads any text, but Python's `re` tries it at every character (about 50 µs a
body). The second reads text lowercased by `fold` and starts with the word itself, the word
boundary checked behind it: `re` finds a leading literal with a fast scan, about 15 times
quicker. Both find the same matches at the same offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_UNFOLDED = "\u0130\u0131\u017f"
"""The characters `str.lower` does not turn into what `re.IGNORECASE` matches them with (or
into one character): `İ`, `ı` and `ſ` (found by comparing the two over every code point)."""


def fold(text: str) -> str | None:
    """`text` lowercased, its offsets and matches kept; None when lowercasing would change
    them (a text holding one of _UNFOLDED)."""
    if not text.isascii() and any(c in text for c in _UNFOLDED):
        return None
    return text.lower()


class Matcher:
    """The matches of any of some alternatives, each a word (what the match starts with)
    and what must follow it (a regular expression), tried in order at the start of a word."""

    __slots__ = ("exact", "folded")

    def __init__(self, alternatives: list[tuple[str, str]], literals: list[str]):
        """`literals`: every word the alternatives spell out; only when each is lowercase
        ASCII does folded text match them as `re.IGNORECASE` would the text itself."""
        options = [re.escape(word) + after for word, after in alternatives]
        self.exact = re.compile(r"\b(?:" + "|".join(options) + ")", re.IGNORECASE)
        self.folded: re.Pattern[str] | None = None
        if all(word.isascii() and word == word.lower() for word in literals):
            options = [
                re.escape(word) + rf"(?<!\w.{{{len(word)}}})" + after  # a word char before it:
                for word, after in alternatives  # not the start of a word
            ]
            self.folded = re.compile("(?:" + "|".join(options) + ")")

    @classmethod
    def words(cls, terms: list[str], prefixes: list[str]) -> Matcher:
        """Any of `terms` as a whole word, or a word starting with any of `prefixes`."""
        alternatives = [(t, r"\b") for t in terms] + [(p, r"\w*") for p in prefixes]
        return cls(alternatives, terms + prefixes)

    @classmethod
    def phrase(cls, words: list[str]) -> Matcher:
        """The `words` in a row, anything but word characters between them."""
        after = "".join(r"\W+" + re.escape(word) for word in words[1:]) + r"\b"
        return cls([(words[0], after)], words)

    def search(self, text: str, folded: str | None) -> re.Match[str] | None:
        """The first match in `text`, read in its `folded` form when there is one."""
        if folded is not None and self.folded is not None:
            return self.folded.search(folded)
        return self.exact.search(text)

    def finditer(self, text: str, folded: str | None) -> Iterator[re.Match[str]]:
        """Every match in `text` (as `search`)."""
        if folded is not None and self.folded is not None:
            return self.folded.finditer(folded)
        return self.exact.finditer(text)
