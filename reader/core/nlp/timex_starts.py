"""Where the time-expression rules can match: the places in a text where one of their start
words (see `timex_table.Rule.starts`) begins a word, by word.

Each word of the text (a run of word characters) is indexed lower-cased when it is a start
word, as `DIGIT` when it begins with a digit, and as `ANY` when it is not in ASCII; an
apostrophe before a digit is indexed as `QUOTE` ("'90s"). `by_word` says so in one loop over
every word of the text. `start_index` finds the same with searches that stop only at the
words wanted (a loop over every word took a third of the time spent on time expressions).
"""

from __future__ import annotations

import re

from reader.core.nlp.timex_patterns import DIGIT, QUOTE
from reader.core.nlp.timex_table import RULES
from reader.core.nlp.word_trie import first_chars, trie_alternation

START_WORDS = frozenset(word for rule in RULES for word in rule.starts) - {DIGIT, QUOTE}
ANY = ""
"""A word not in ASCII: it might match a start word when case is ignored ("ſome" matches
"some"), so every rule is tried there."""

_WORD_OR_QUOTE = re.compile(r"\w+|'(?=\d)")
_DIGITS = frozenset("0123456789")
_WANTED = rf"(?:{trie_alternation(START_WORDS)})\b|[0-9]"
_FIRST_WORD = re.compile(_WANTED)
_AFTER_NON_WORD = re.compile(rf"\W{first_chars([*START_WORDS, *_DIGITS])}(?=({_WANTED}))")
_QUOTE = re.compile(r"'(?=\d)")
_NON_ASCII_WORD_CHAR = re.compile(r"[^\W\x00-\x7f]")


def by_word(text: str) -> dict[str, list[int]]:
    """Where each rule's start words begin a word in `text`, by word, in order."""
    index: dict[str, list[int]] = {}
    add = index.setdefault
    for match in _WORD_OR_QUOTE.finditer(text):
        word = match[0].lower()
        if word in START_WORDS or word == QUOTE:
            add(word, []).append(match.start())
        elif word[0].isdigit():
            add(DIGIT, []).append(match.start())
        elif not word.isascii():
            add(ANY, []).append(match.start())
    return index


def start_index(text: str, lower: str) -> dict[str, list[int]]:
    """What `by_word` gives, each word's places not necessarily in order (`lower`: `text`
    lower-cased).

    Start words and ASCII digits are searched for in the lower-cased text, after a non-word
    character (the search skips from one to the next) or at its start: lower-casing keeps a
    character a word character or not, so that text has the same words at the same offsets,
    and its ASCII words are those lower-cased one by one. The rare words with a letter outside
    ASCII are looked at one by one after.
    """
    if len(lower) != len(text):  # "İ" lower-cases to two characters: offsets would move
        return by_word(text)
    index: dict[str, list[int]] = {}
    add = index.setdefault
    if first := _FIRST_WORD.match(lower):
        add(DIGIT if first[0] in _DIGITS else first[0], []).append(0)
    for match in _AFTER_NON_WORD.finditer(lower):
        add(DIGIT if match[1] in _DIGITS else match[1], []).append(match.end())
    for match in _QUOTE.finditer(text):
        add(QUOTE, []).append(match.start())
    if not text.isascii():
        _add_non_ascii_words(text, index)
    return index


def _add_non_ascii_words(text: str, index: dict[str, list[int]]) -> None:
    """Index the words of `text` with a character outside ASCII as `by_word` does, but for
    those `start_index` found already: the ones that begin with an ASCII digit or that
    lower-case to ASCII (a KELVIN SIGN for a "k")."""
    position = 0
    while found := _NON_ASCII_WORD_CHAR.search(text, position):
        start = position = found.start()
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
