"""Temporal expressions: find them in text and normalise them to TIMEX3 values.

The rules are records in `timex_table` (a pattern, its normaliser in `timex_values`, trigger
words, start words, a lead-in); this module runs them and keeps the longest of overlapping
matches.

A rule is tried only where one of its start words begins a word: `timex_starts` finds those
places for all rules at once, rather than every rule's pattern being tried at every position of
the text (which took most of the time here). Trying a pattern at every place a match can start,
in order and from where the last match ended, finds exactly what `finditer` would.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import chain

from reader.core.model import Timex
from reader.core.nlp.timex_patterns import THE
from reader.core.nlp.timex_starts import ANY, start_index
from reader.core.nlp.timex_table import RULES, Rule
from reader.core.nlp.timex_values import Context
from reader.core.nlp.timex_words import MONTHS

_ABBREVIATED_MONTHS = {name for name in MONTHS if len(name) <= 4} - {"may", "june", "july"}


def _trim(span: str) -> str:
    """Drop trailing spaces, commas and a sentence's full stop (but keep 'Feb.' and 'p.m.')."""
    span = span.rstrip(" ,-")
    last_word = span.rsplit(None, 1)[-1][:-1].lower()
    if span.endswith(".") and last_word.isalpha() and last_word not in _ABBREVIATED_MONTHS:
        span = span[:-1]
    return span


def _rules_of() -> dict[str, list[int]]:
    """The numbers of the rules each start word begins (a word not in ASCII: every rule; "the"
    before one: every rule "the" begins before some word)."""
    rules_of: dict[str, list[int]] = {ANY: list(range(len(RULES)))}
    for number, rule in enumerate(RULES):
        for word in rule.starts:
            rules_of.setdefault(word, []).append(number)
        if any(word.startswith(f"{THE} ") for word in rule.starts):
            rules_of.setdefault(f"{THE} {ANY}", []).append(number)
    return rules_of


_RULES_OF = _rules_of()


def _starts(index: dict[str, list[int]]) -> list[list[int]]:
    """Where in the text each rule (by number) can match (see `timex_starts`), in order:
    each of the text's few start words gives its places to the rules it begins."""
    positions: list[list[int]] = [[] for _ in RULES]
    for word, places in index.items():
        for number in _RULES_OF.get(word, ()):
            positions[number] += places
    for places in positions:
        places.sort()
    return positions


def _matches(rule: Rule, text: str, positions: list[int]) -> Iterator[re.Match]:
    """What `rule.pattern.finditer(text)` finds, trying the pattern only at `positions`
    (see `_starts`)."""
    end = 0
    for at in positions:
        if at >= end and (match := rule.pattern.match(text, at)) is not None:
            end = match.end()
            yield match


@dataclass(frozen=True, slots=True)
class _Triggers:
    """A rule's trigger words (see `Rule.triggers`) as they are looked for: the capitalised
    ones, written as they must appear, in one search of the text for any of them (a search
    that skips from capital to capital, where looking for each in turn read the whole text
    once per word: there are 24 month stems); the others in the lower-cased text, each
    once."""

    capitalised: re.Pattern | None
    lower: tuple[str, ...]

    @classmethod
    def of(cls, words: tuple[str, ...]) -> _Triggers:
        capitalised = sorted({word for word in words if word[0].isupper()})
        pattern = re.compile("|".join(map(re.escape, capitalised))) if capitalised else None
        return cls(pattern, tuple(dict.fromkeys(w for w in words if not w[0].isupper())))

    def present(self, text: str, lower: str) -> bool:
        """Whether any of the words is in `text` (`lower`: `text` lower-cased)."""
        if any(word in lower for word in self.lower):
            return True
        return self.capitalised is not None and self.capitalised.search(text) is not None


_TRIGGERS = {
    id(rule.triggers): _Triggers.of(rule.triggers) if rule.triggers is not None else None
    for rule in RULES
}
"""Each rule's triggers, by the identity of its `triggers` tuple (rules share them)."""


def find_timexes(text: str, reference: datetime | None) -> list[Timex]:
    """Temporal expressions in `text`, normalised against `reference` (publication time)."""
    ctx = Context(text, reference)
    lower = text.lower()
    seen: dict[int, bool] = {}  # rules share their triggers: look each set up once
    index = start_index(text, lower)
    candidates: list[tuple[int, int, str, str]] = []
    for rule, positions in zip(RULES, _starts(index), strict=True):
        # A rule none of whose start words is in the text matches nothing; one that matches
        # keeps its matches only if its trigger words are in the text (a search of the whole
        # text for each, so made only once a match is found).
        matches = _matches(rule, text, positions)
        if (first := next(matches, None)) is None:
            continue
        triggers, lead_in = _TRIGGERS[id(rule.triggers)], rule.lead_in
        if triggers is not None:
            present = seen.get(id(triggers))
            if present is None:
                present = seen[id(triggers)] = triggers.present(text, lower)
            if not present:
                continue
        for match in chain((first,), matches):
            try:
                typed = rule.normalise(match, ctx)
            except (OverflowError, ValueError):  # a date beyond year 1-9999: no value to give
                typed = None
            if typed is not None:
                start, end = match.span()
                # Lead-ins end in an optional group and \Z: they always match, if only empty.
                lead = lead_in.search(text, max(0, start - 30), start) if lead_in else None
                start = lead.start() if lead else start
                end = start + len(_trim(text[start:end]))
                candidates.append((start, end, *typed))
    chosen: list[tuple[int, int, str, str]] = []
    for cand in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        # Longest first: keep a candidate that overlaps none kept so far (kept ones never
        # overlap, so its neighbours in start order are the only ones to check).
        at = bisect_left(chosen, cand)
        if (at == 0 or chosen[at - 1][1] <= cand[0]) and (
            at == len(chosen) or cand[1] <= chosen[at][0]
        ):
            chosen.insert(at, cand)
    return [Timex(s, e, text[s:e], kind, value) for s, e, kind, value in chosen]
