"""The indented JSON writer gives json.dumps's text, byte for byte, for every JSON value."""

from __future__ import annotations

import json

import pytest

from reader.core.json_indent import indented_json
from reader.core.safe_text import json_text

VALUES = [
    None,
    True,
    False,
    0,
    -7,
    10**30,
    1.5,
    -0.0,
    1e300,
    float("nan"),
    float("inf"),
    float("-inf"),
    "",
    'quote " back \\ slash',
    "é\x00\x1b[31m\u2028\ud800\nline",
    [],
    {},
    [[]],
    [{}],
    (1, "two", None),
    {"a": {}, "b": [], "c": [1, {"d": [2.5, "e"]}]},
    {"ünïcode": ["x\ny"], "": ""},
    {"id": "001", "articles": [{"title": "T", "outlets": ["A", "B"], "score": 0.25}]},
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
@pytest.mark.parametrize("indent", [0, 2, 4])
def test_the_same_text_as_json_dumps(value: object, indent: int):
    expected = json.dumps(value, ensure_ascii=False, indent=indent)
    assert indented_json(value, indent) == expected
    assert indented_json(value, indent, "  ") == expected.replace("\n", "\n  ")


@pytest.mark.parametrize("value", [{1: "a"}, {None: [1]}, [{2.5: {}}]], ids=repr)
def test_keys_that_are_not_strings_are_written_as_json_writes_them(value: object):
    assert indented_json(value, 2, "  ") == json.dumps(value, indent=2).replace("\n", "\n  ")


def test_what_json_cannot_write_fails_as_it_does():
    with pytest.raises(TypeError):
        indented_json({"a": [object()]}, 2)


def test_unsafe_characters_are_still_escaped_with_an_indent():
    assert json_text({"t": "a\x9bb\ud800"}, indent=2) == '{\n  "t": "a\\u009bb\\ud800"\n}'
