"""Temporal expressions: find them in text and normalise them to TIMEX3 values.

The rules are records in `timex_table` (a pattern, its normaliser in `timex_values`, trigger
words, a lead-in); this module runs them and keeps the longest of overlapping matches.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import datetime

from reader.core.model import Timex
from reader.core.nlp.timex_table import RULES
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


def find_timexes(text: str, reference: datetime | None) -> list[Timex]:
    """Temporal expressions in `text`, normalised against `reference` (publication time)."""
    ctx = Context(text, reference)
    lower = text.lower()
    seen: dict[int, bool] = {}  # rules share their triggers: look each set up once
    candidates: list[tuple[int, int, str, str]] = []
    for rule in RULES:
        triggers, lead_in = rule.triggers, rule.lead_in
        if triggers is not None:
            present = seen.get(id(triggers))
            if present is None:
                present = seen[id(triggers)] = any(
                    word in (text if word[0].isupper() else lower) for word in triggers
                )
            if not present:
                continue
        for match in rule.pattern.finditer(text):
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
