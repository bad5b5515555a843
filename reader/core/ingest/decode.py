"""Bytes to text: UTF-8 (with or without BOM) first, then a declared or detected legacy encoding;
and the tests that tell text from what is not (binary data, random bytes, a lying charset)."""

from __future__ import annotations

import re
from functools import lru_cache

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

WESTERN_MAX_HIGH_BYTES = 0.05
DETECTION_MIN_HIGH_BYTES = 32
MAX_MESS = 0.2
"""charset-normalizer's "chaos" above which decoded text is not language (its own threshold)."""
BINARY_MAX_CONTROLS = 0.1
"""The share of control bytes (NUL included) above which data is binary, not text with a few
bad bytes."""
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_WIDE = re.compile(r"utf-?(?:16|32)|ucs-?[24]", re.IGNORECASE)
_BINARY_CONTROLS = bytes(range(32)).translate(None, b"\t\n\r\f\x1b")


def decode(data: bytes) -> str:
    """Decode `data` without ever raising; newlines normalised to "\\n"."""
    try:
        text = data.decode("utf-16" if data.startswith(_UTF16_BOMS) else "utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_declared(data) or _decode_legacy(data)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def reads_as_language(data: bytes) -> bool:
    """False for bytes that no encoding reads as language (random bytes, a high-byte soup):
    text in UTF-8 or a declared encoding, or with few high bytes, is taken as it is."""
    try:
        data.decode("utf-16" if data.startswith(_UTF16_BOMS) else "utf-8-sig")
        return True
    except UnicodeDecodeError:
        pass
    return (
        _decode_declared(data) is not None
        or not _rich_in_high_bytes(data)
        or (_detect(data) is not None)
    )


def _decode_declared(data: bytes) -> str | None:
    """Text in the encoding an HTML or XML head declares (`charset=`, `encoding=`), if valid
    and if it reads as language. A UTF-16 or UTF-32 declaration written in 8-bit bytes is
    always a lie (as the HTML standard says: the page is not in that encoding)."""
    declared = _DECLARED.search(data[:2048])
    if declared is None:
        return None
    name = declared.group(1).decode("ascii")
    if _WIDE.fullmatch(name):
        return None
    try:
        text = data.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None
    return text if mess_ratio(text[:20000], MAX_MESS) < MAX_MESS else None


def _rich_in_high_bytes(data: bytes) -> bool:
    high = len(data) - len(data.translate(None, bytes(range(0x80, 0x100))))
    return high > max(len(data) * WESTERN_MAX_HIGH_BYTES, DETECTION_MIN_HIGH_BYTES)


@lru_cache(maxsize=1)  # reads_as_language, then decode, ask about the same bytes
def _detect(data: bytes) -> str | None:
    """charset-normalizer's reading of `data`, or None when no encoding reads it as language."""
    best = from_bytes(data).best()
    return None if best is None else str(best)


def _decode_legacy(data: bytes) -> str:
    """Mostly-ASCII text with a few high bytes is Western (a "£", an "é"): detectors guess a
    CJK code page for such short evidence, so only text rich in high bytes goes to detection."""
    if _rich_in_high_bytes(data):
        detected = _detect(data)
        if detected is not None:
            return detected
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: many control bytes (NUL included) in the first 8 KB.
    A text file with a few bad bytes is still text."""
    head = data[:8192]
    if data.startswith(_UTF16_BOMS):
        return False
    controls = len(head) - len(head.translate(None, _BINARY_CONTROLS))
    return controls > len(head) * BINARY_MAX_CONTROLS


def valid_text(text: str) -> str:
    """`text` with any lone surrogate (JSON allows "\\ud800") replaced: valid Unicode to store
    and print."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text
