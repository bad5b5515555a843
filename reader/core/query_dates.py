"""The dates a search filter gives (`after:yesterday`, `after:"Feb 2022"`, `after:22/02/2022`),
read by dateparser against today, as ISO dates the store compares with `published`."""

from __future__ import annotations

import re
from datetime import datetime

_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?)?)?")
_SETTINGS = {
    "DATE_ORDER": "DMY",  # 02/03/2022 is the 2nd of March, as most of the world writes it
    "PREFER_DAY_OF_MONTH": "first",  # "Feb 2022" starts on the 1st
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def read_date(text: str, today: datetime | None = None) -> str | None:
    """`text` as an ISO date (`2022-02-01`), or None when it cannot be read as one.

    ISO forms (`2022`, `2022-02`, `2022-02-20`) are kept as given: they compare with the
    stored dates at their own precision."""
    text = text.strip()
    if _ISO.fullmatch(text):
        return text
    import dateparser  # 0.2 s to import: only for a date that is not ISO

    settings = dict(_SETTINGS, RELATIVE_BASE=today or datetime.now())
    found = dateparser.parse(text, languages=["en"], settings=settings)
    return found.date().isoformat() if found else None
