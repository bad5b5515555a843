"""Bytes to text: UTF-8 (with or without BOM) first, then a detected legacy encoding."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

WESTERN_MAX_HIGH_BYTES = 0.05
DETECTION_MIN_HIGH_BYTES = 32
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode(data: bytes) -> str:
    """Decode `data` without ever raising; newlines normalised to "\\n"."""
    try:
        text = data.decode("utf-16" if data.startswith(_UTF16_BOMS) else "utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_declared(data) or _decode_legacy(data)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_declared(data: bytes) -> str | None:
    """Text in the encoding an HTML or XML head declares (`charset=`, `encoding=`), if valid."""
    declared = _DECLARED.search(data[:2048])
    if declared is None:
        return None
    try:
        return data.decode(declared.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


def _decode_legacy(data: bytes) -> str:
    """Mostly-ASCII text with a few high bytes is Western (a "£", an "é"): detectors guess a
    CJK code page for such short evidence, so only text rich in high bytes goes to detection."""
    high = sum(1 for byte in data if byte >= 0x80)
    if high > max(len(data) * WESTERN_MAX_HIGH_BYTES, DETECTION_MIN_HIGH_BYTES):
        best = from_bytes(data).best()
        if best is not None:
            return str(best)
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes, or mostly control bytes, in the first 8 KB."""
    head = data[:8192]
    if data.startswith(_UTF16_BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f\x1b")
    return controls > len(head) * 0.1
