"""Publication dates as written in articles, turned into ISO 8601 strings."""

from __future__ import annotations

import re
from datetime import datetime

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = (
    r"(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*"
    r"(?P<ampm>[ap]\.?\s?m\.?)?(?![\w:]))?"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_PATTERNS = [
    # February 21, 2022 9:14am / Feb. 21 2022 / Monday, February 21, 2022
    re.compile(
        _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TIME,
        re.IGNORECASE,
    ),
    # 21 February 2022 09:14
    re.compile(
        _WEEKDAY
        + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+"
        + _MONTH
        + r",?\s+(?P<year>\d{4})"
        + _TIME,
        re.IGNORECASE,
    ),
    # 2022-02-21 or 2022-02-21T09:14
    re.compile(
        r"(?P<year>\d{4})-(?P<nmonth>\d{2})-(?P<day>\d{2})"
        r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2}))?(?P<ampm>)"
    ),
]


def find_date(text: str) -> tuple[str, re.Match[str]] | None:
    """The first date written in `text`, as ISO (with the time when given) and its match."""
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            iso = _to_iso(match)
            if iso:
                return iso, match
    return None


def _to_iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    month = int(groups["nmonth"]) if groups.get("nmonth") else MONTHS[groups["month"].lower()]
    try:
        day = datetime(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return None
    hour, minute, ampm = groups.get("hour"), groups.get("minute"), groups.get("ampm")
    if hour is None or (minute is None and not ampm):
        return day.strftime("%Y-%m-%d")
    hours = int(hour)
    if ampm:
        if hours > 12:
            return day.strftime("%Y-%m-%d")
        hours = hours % 12 + (12 if ampm.lower().startswith("p") else 0)
    if hours > 23 or int(minute or 0) > 59:
        return day.strftime("%Y-%m-%d")
    return day.replace(hour=hours, minute=int(minute or 0)).strftime("%Y-%m-%dT%H:%M")


def normalise(value: object) -> str | None:
    """Any date-like value from metadata (ISO, RFC 822, written out) as ISO, else None."""
    if not value:
        return None
    text = str(value).strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is not None:
        if len(text) <= 10:
            return parsed.strftime("%Y-%m-%d")
        return parsed.strftime("%Y-%m-%dT%H:%M")
    found = find_date(text)
    return found[0] if found else None
