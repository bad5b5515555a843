"""The two forms of a query word's expression (search_match) find the same matches."""

from __future__ import annotations

import random
import re
import string
import sys

from reader.core.search_match import _UNFOLDED, Matcher, fold

_PIECES = [
    "Split", "SPLITS", "splitting", "xsplit", "split_", "splitter", "Roddick's", "roddickx",
    "for", "FOR", "therefore", "seafor", "US", "u.s.", "us-based", "chief", "Executive",
    "chief  executive", "chief-executive", "über", "Straße", "İstanbul", "ſplit", "ıs", "K",
    "’", "“", "é", "3", "2005", "a", "-", "\n", " ", "  ", ".", "Ω", "ǅ", "ﬁ",
]  # fmt: skip


def _matchers() -> list[Matcher]:
    return [
        Matcher.words(["splitting", "splits", "split"], ["splits"]),
        Matcher.words(["roddick"], ["roddick"]),
        Matcher.words(["for"], []),
        Matcher.words(["us"], ["us"]),
        Matcher.words([], ["spl"]),
        Matcher.words(["straße"], []),  # not ASCII: the expression ignoring case alone
        Matcher.phrase(["chief", "executive"]),
        Matcher.phrase(["split", "split"]),
    ]


def test_folded_text_gives_the_same_matches_as_ignoring_case():
    rng = random.Random(19)
    folding = [piece for piece in _PIECES if not any(c in piece for c in _UNFOLDED)]
    for turn in range(3000):
        pieces = _PIECES if turn % 4 == 0 else folding  # most texts folded: both forms compared
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", ", "]) for _ in range(12))
        folded = fold(text)
        assert (folded is None) == any(c in text for c in _UNFOLDED)
        for matcher in _matchers():
            exact = [(m.span(), m.group().lower()) for m in matcher.finditer(text, None)]
            either = [(m.span(), m.group().lower()) for m in matcher.finditer(text, folded)]
            assert either == exact, (text, matcher.exact.pattern)
            first = matcher.search(text, folded)
            assert (first.span() if first else None) == (exact[0][0] if exact else None)


def test_fold_refuses_only_the_characters_lowercasing_would_misread():
    """Lowercasing keeps every character's length, word-ness and what an ASCII letter or digit
    ignoring case matches, except for _UNFOLDED (checked over every code point)."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    lowered = [c.lower() for c in every]
    word = re.compile(r"\w")
    misread = {c for c, low in zip(every, lowered, strict=True) if len(low) != 1}
    misread |= {
        c
        for c, low in zip(every, lowered, strict=True)
        if len(low) == 1 and bool(word.match(c)) != bool(word.match(low))
    }
    for letter in string.ascii_lowercase + string.digits:
        ignoring_case = set(re.findall(letter, every, re.IGNORECASE))
        by_lowering = {c for c, low in zip(every, lowered, strict=True) if low == letter}
        misread |= ignoring_case ^ by_lowering
    assert misread == set(_UNFOLDED)
    assert fold("İstanbul") is None and fold("ſeat") is None
    assert fold("Straße ’quoted’") == "straße ’quoted’"
