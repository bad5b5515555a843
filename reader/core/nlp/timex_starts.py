"""Where the time-expression rules can match: the places in a text where one of their start
words (see `timex_table.Rule.starts`) begins a word, by word.

Each word of the text (a run of word characters) is indexed lower-cased when it is a start
word, as `DIGIT` when it begins with a digit, and as `ANY` when it is not in ASCII; an
apostrophe before a digit is indexed as `QUOTE` ("'90s"); "the" before white space and a word
that is indexed as one of the words rules name after it, or as `DIGIT` or `ANY`, is indexed
with it ("the past", "the #", "the "; see `timex_patterns.THE`), else not at all. `by_word`
says so in one loop over every word of the text. `start_index` finds the same with searches
that stop only at the words wanted (a loop over every word took a third of the time spent on
time expressions).
"""

from __future__ import annotations

import re
from itertools import chain

from reader.core.nlp.timex_patterns import DIGIT, QUOTE, THE
from reader.core.nlp.timex_table import RULES
from reader.core.nlp.word_trie import first_chars, trie_alternation

_STARTS = {word.partition(" ") for rule in RULES for word in rule.starts}
START_WORDS = frozenset(word for word, _, after in _STARTS if not after) - {DIGIT, QUOTE}
AFTER_THE = frozenset(after for word, _, after in _STARTS if word == THE) - {DIGIT}
"""The words rules name after "the" (besides `DIGIT`); they name "the" only with one."""
ANY = ""
"""A word not in ASCII: it might match a start word when case is ignored ("ſome" matches
"some"), so every rule is tried there."""

_WORD_OR_QUOTE = re.compile(r"\w+|'(?=\d)")
_NEXT_WORD = re.compile(r"\s+(\w+)")
_DIGITS = frozenset("0123456789")
_WANTED = (
    rf"((?:{trie_alternation(START_WORDS)})\b|[0-9])|"
    rf"{THE}\s+((?:{trie_alternation(AFTER_THE)})\b|[0-9]|(?=\w*[^\W\x00-\x7f])\w+)"
)
"""A start word or a digit (group 1), or "the" and the word after it that it is indexed with
(group 2)."""
_FIRST_WORD = re.compile(f"(?={_WANTED})")
_AFTER_NON_WORD = re.compile(
    rf"[^0-9A-Z_a-z]{first_chars([*START_WORDS, *_DIGITS, THE])}(?={_WANTED})"
    r"(?<![^\W\x00-\x7f])"
)
"""`_WANTED` after a character `\\W` matches: one that is not an ASCII word character (the
search tests for one faster than for a `\\W`), nor a word character outside ASCII (looked
at only where the rest matches)."""
_QUOTE = re.compile(r"'(?=\d)")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _key(word: str) -> str:
    """What a word (lower-cased) is indexed as that is a start word, begins with a digit or is
    not in ASCII."""
    if word[0].isdigit():
        return DIGIT
    return word if word.isascii() else ANY


def _after_the(word: str | None) -> str | None:
    """What "the" is indexed as before `word` (lower-cased; None: no word after white space)."""
    key = _key(word) if word else None
    return f"{THE} {key}" if key in AFTER_THE or key in (DIGIT, ANY) else None


def by_word(text: str) -> dict[str, list[int]]:
    """Where each rule's start words begin a word in `text`, by word, in order."""
    index: dict[str, list[int]] = {}
    add = index.setdefault
    for match in _WORD_OR_QUOTE.finditer(text):
        word = match[0].lower()
        if word == QUOTE:
            add(word, []).append(match.start())
        elif word == THE:
            after = _NEXT_WORD.match(text, match.end())
            if key := _after_the(after[1].lower() if after else None):
                add(key, []).append(match.start())
        elif word in START_WORDS or word[0].isdigit() or not word.isascii():
            add(_key(word), []).append(match.start())
    return index


def start_index(text: str, lower: str) -> dict[str, list[int]]:
    """What `by_word` gives, each word's places not necessarily in order (`lower`: `text`
    lower-cased).

    Start words, "the" and ASCII digits are searched for in the lower-cased text, after a
    non-word character (the search skips from one to the next) or at its start: lower-casing
    keeps a character a word character or not, so that text has the same words at the same
    offsets, and its ASCII words are those lower-cased one by one. The rare words with a letter
    outside ASCII are looked at one by one after.
    """
    if len(lower) != len(text):  # "İ" lower-cases to two characters: offsets would move
        return by_word(text)
    index: dict[str, list[int]] = {}
    add = index.setdefault
    first = _FIRST_WORD.match(lower)
    for match in chain((first,) if first else (), _AFTER_NON_WORD.finditer(lower)):
        word, after = match.groups()
        key = (DIGIT if word in _DIGITS else word) if word else f"{THE} {_key(after)}"
        add(key, []).append(match.end())  # where the look-ahead is
    for match in _QUOTE.finditer(text):
        add(QUOTE, []).append(match.start())
    if not text.isascii():
        _add_non_ascii_words(text, index)
    return index


def _add_non_ascii_words(text: str, index: dict[str, list[int]]) -> None:
    """Index the words of `text` with a character outside ASCII as `by_word` does, but for
    those `start_index` found already: the ones that begin with an ASCII digit or that
    lower-case to ASCII (a KELVIN SIGN for a "k"). The characters outside ASCII are searched
    for (a test the search makes faster than one for a word character outside ASCII; most are
    spaces and marks), and the words around those that are word characters read."""
    position = 0
    while found := _NON_ASCII.search(text, position):
        start = position = found.start()
        if not _is_word_char(text[start]):
            position += 1
            continue
        while start and _is_word_char(text[start - 1]):
            start -= 1
        while position < len(text) and _is_word_char(text[position]):
            position += 1
        word = text[start:position]
        lowered = word.lower()
        if word[0] not in _DIGITS and not lowered.isascii():
            index.setdefault(DIGIT if lowered[0].isdigit() else ANY, []).append(start)


def _is_word_char(char: str) -> bool:
    """What `\\w` matches."""
    return char.isalnum() or char == "_"
