"""Indented JSON, the same text as json.dumps(data, ensure_ascii=False, indent=n), faster.

json.dumps writes indented JSON with its pure-Python encoder, a generator per nesting level,
item by item; `reader stories --json` on a large archive spends half a second there. Here the
JSON types are written directly, strings by json's own C escaper; anything else (keys that
are not strings, objects json cannot encode) goes to json.dumps, which gives its own text or
its own error.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import cast

_FLOATS = {float("inf"): "Infinity", float("-inf"): "-Infinity"}


class _Other(Exception):
    """A value this writer leaves to json.dumps."""


def indented_json(data: object, indent: int, margin: str = "") -> str:
    """`data` as json.dumps(data, ensure_ascii=False, indent=indent) writes it, with `margin`
    after every newline (the newlines json writes; one inside a string is escaped)."""
    chunks: list[str] = []
    try:
        _write(data, "\n" + margin, " " * indent, chunks)
    except _Other:
        text = json.dumps(data, ensure_ascii=False, indent=indent)
        return text.replace("\n", "\n" + margin) if margin else text
    return "".join(chunks)


def _write(value: object, newline: str, step: str, chunks: list[str]) -> None:
    """Append `value`'s JSON to `chunks`; `newline` starts each of its lines at its depth."""
    if isinstance(value, str):
        chunks.append(encode_basestring(value))
    elif value is None:
        chunks.append("null")
    elif value is True:
        chunks.append("true")
    elif value is False:
        chunks.append("false")
    elif isinstance(value, int):
        chunks.append(int.__repr__(value))
    elif isinstance(value, float):
        chunks.append(_float(value))
    elif isinstance(value, (list, tuple)):
        _array(value, newline, step, chunks)
    elif isinstance(value, dict):
        _object(value, newline, step, chunks)
    else:
        raise _Other


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    return _FLOATS.get(value) or float.__repr__(value)


def _array(
    items: list[object] | tuple[object, ...], newline: str, step: str, chunks: list[str]
) -> None:
    if not items:
        chunks.append("[]")
        return
    inner = newline + step
    separator = "," + inner
    if all(type(item) is str for item in items):  # outlets, actors: one join
        strings = cast("list[str] | tuple[str, ...]", items)
        chunks.append("[" + inner + separator.join(map(encode_basestring, strings)) + newline + "]")
        return
    chunks.append("[" + inner)
    first = True
    for item in items:
        if not first:
            chunks.append(separator)
        first = False
        _write(item, inner, step, chunks)
    chunks.append(newline + "]")


def _object(members: dict[object, object], newline: str, step: str, chunks: list[str]) -> None:
    if not members:
        chunks.append("{}")
        return
    inner = newline + step
    opening = "{" + inner
    for key, item in members.items():
        if not isinstance(key, str):
            raise _Other
        if type(item) is str:  # the most common member, written here without a call
            chunks.append(opening + encode_basestring(key) + ": " + encode_basestring(item))
        else:
            chunks.append(opening + encode_basestring(key) + ": ")
            _write(item, inner, step, chunks)
        opening = "," + inner
    chunks.append(newline + "}")
