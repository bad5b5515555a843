"""Bytes to text: UTF-8 (with or without BOM) first, then a detected legacy encoding."""

from __future__ import annotations

from charset_normalizer import from_bytes


def decode(data: bytes) -> str:
    """Decode `data` without ever raising; newlines normalised to "\\n"."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        text = str(best) if best is not None else data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes, or mostly control bytes, in the first 8 KB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f\x1b")
    return controls > len(head) * 0.1
