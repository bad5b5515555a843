"""The tokens of a line, made only when a rule asks for them.

A line of news has dozens of tokens and rules look at few of them: the capitalised words,
their neighbours, and (to tell an ALL-CAPS or Title Case line) the words' texts. A line is
tokenised by one regex; a `Token` with its features is made on first request and kept.
"""

from __future__ import annotations

import re
from itertools import compress, count
from operator import attrgetter, itemgetter
from typing import Protocol

WORDS = frozenset(("word", "abbr", "initial"))


LOWER_TAIL = re.compile(r"-(?:[a-z]+(?:ed|ing|en)|born|run|made|style|era|wide|free)$")
"""The participle or noun that ends a compound adjective: "Kremlin-backed", "Tokyo-based"
(not "Co-operation")."""


class Token:
    """A word, number or punctuation mark, with what every rule asks of it worked out once
    (the recogniser's hot path: a plain class, as a dataclass costs two calls per token)."""

    __slots__ = ("start", "end", "text", "kind", "initial", "lower", "capitalised", "index")

    def __init__(
        self, start: int, end: int, text: str, kind: str, index: int = 0, initial: bool = False
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.kind = kind
        self.initial = initial
        """First in its sentence."""
        self.lower = text.lower()
        self.capitalised = (
            kind in WORDS
            and text[0].isupper()
            and ("-" not in text or LOWER_TAIL.search(text) is None)
        )
        """Capitalised as a name is, not as "Kremlin-backed" (a compound adjective)."""
        self.index = index
        """Position in its line's token list."""


class Tokens(Protocol):
    """What rules read of a line's tokens: a `Line`, or a list of tokens."""

    def __len__(self) -> int: ...

    def __getitem__(self, index: int) -> Token: ...


ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen sen rep gov lt col capt sgt jr sr inc corp co ltd prof rev mt ft "
    "maj adm cmdr supt det insp pres sec amb atty sens reps".split()
)
_ABBREVIATED = "|".join(
    "".join(f"[{letter}{letter.upper()}]" for letter in word) for word in sorted(ABBREVIATIONS)
)
"""An abbreviation in any case: "Mr", "MR", "mR". (The one other character that lower-cases
to an ASCII letter is the Kelvin sign, to "k", which no abbreviation has.)"""
_FIRSTS = "".join(sorted({word[0] for word in ABBREVIATIONS}))
_SHORTEST, _LONGEST = min(map(len, ABBREVIATIONS)), max(map(len, ABBREVIATIONS))
_MAY_BE_ABBREVIATED = (
    rf"(?=[{_FIRSTS}{_FIRSTS.upper()}][A-Za-z]{{{_SHORTEST - 1},{_LONGEST - 1}}}\.)"
)
"""What an abbreviation could start: the test fails most words at their first letters."""
_TOKEN = re.compile(
    r"(?=\S)"  # no token starts at a space: one test there instead of one per kind of token
    r"(?:(?P<lower>[a-z]+(?![\w&.'’-]))"  # most tokens: no other kind can start here (see below)
    r"|(?P<abbr>(?:[A-Za-z]\.){2,})"
    r"|(?P<initial>[A-Z]\.)(?=\s+[A-Z])"
    rf"|(?P<word>{_MAY_BE_ABBREVIATED}(?:{_ABBREVIATED})\."  # "Mr.": no word goes on over "."
    r"|[^\W\d_][\w&]*(?:-[^\W_][\w&]*|['’](?!(?:s|m|ll|re|ve|d|t)\b)[^\W\d_][\w&]*)*)"
    r"|(?P<poss>['’]s\b)"
    r"|(?P<num>\d[\w.,:/-]*)"
    r"|(?P<punct>[^\s\w]))"
)
"""A plain lower-case word (two in three tokens) is matched first, at once: followed by no
letter, "." or joiner, it can be no abbreviation ("U.S."), initial or abbreviated word ("Mr.",
"mr."), and the general word stops where it does."""
_KINDS = {**{group: group for group in _TOKEN.groupindex}, "lower": "word"}
"""The token kind of each group that matches."""
_WORD_GROUPS = frozenset(group for group, kind in _KINDS.items() if kind in WORDS)
_SENTENCE_ENDS = frozenset(".!?:;“‘([•*|")
_QUOTE_MARKS = frozenset(('"', "'"))
_kind = attrgetter("lastgroup")
_whole = itemgetter(0)
"""A match's text."""
_first = itemgetter(0)
"""A text's first character."""


class Line:
    """The tokens of one line that starts at `offset`: "Mr." is one word, "U.S." one
    abbreviation; a token after a sentence's end or an opening mark is `initial`.

    Indexing makes a token (once: a rule's change to it is kept); `texts` and `words` are
    the tokens' texts, read without making tokens.
    """

    __slots__ = ("texts", "_matches", "_offset", "_made")

    def __init__(self, text: str, offset: int) -> None:
        self._matches = list(_TOKEN.finditer(text))
        self.texts: list[str] = list(map(_whole, self._matches))
        self._offset = offset
        self._made: list[Token | None] = [None] * len(self.texts)

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, index: int) -> Token:
        if index < 0:
            raise IndexError(index)  # rules count from a line's start
        token = self._made[index]
        if token is not None:
            return token
        match, texts = self._matches[index], self.texts
        start = match.start()
        if index == 0:
            initial = True
        else:
            before = texts[index - 1]
            initial = before in _SENTENCE_ENDS or (
                before in _QUOTE_MARKS
                and (
                    self._matches[index - 1].end() == start
                    or index < 2
                    or texts[index - 2] in ".!?"
                )
            )
        offset = self._offset
        kind = _KINDS[match.lastgroup or "punct"]
        token = Token(start + offset, match.end() + offset, texts[index], kind, index, initial)
        self._made[index] = token
        return token

    def all(self) -> list[Token]:
        return [self[index] for index in range(len(self.texts))]

    def words(self) -> list[str]:
        """The texts of the words, abbreviations and initials."""
        return list(compress(self.texts, map(_WORD_GROUPS.__contains__, map(_kind, self._matches))))

    def capitalised(self) -> list[Token]:
        """The capitalised tokens, in order (only a token whose text starts with a capital
        letter can be one, and only those are made)."""
        upper = map(str.isupper, map(_first, self.texts))
        return [token for index in compress(count(), upper) if (token := self[index]).capitalised]

    def is_capitalised(self, index: int) -> bool:
        """Whether the token at `index` is capitalised (made only if it may be)."""
        return self.texts[index][0].isupper() and self[index].capitalised
