"""The one sanitiser for text from outside, and JSON that shows nothing raw to a terminal."""

from __future__ import annotations

import json

from reader.core.safe_text import clean, json_text, remap, sanitize
from tests.hostile import C1_CSI, CLEAR, CONTROL, LINK, OSC_CLIPBOARD, OSC_TITLE, QUIT


def test_escape_sequences_and_controls_are_removed_but_newlines_and_tabs_kept():
    text = f"a{OSC_TITLE}b{OSC_CLIPBOARD}c{CLEAR}d{C1_CSI}e\x1b7f\x1bcg\x1b(Bh\x07\x00\ti\nj\x7f"
    assert clean(text) == "abcdefgh\ti\nj"


def test_device_control_and_8_bit_strings_are_removed():
    assert clean("a\x1bPq#0;1\x1b\\b\x9d0;t\x9cc\x1b_apc\x07d") == "abcd"


def test_an_unterminated_osc_is_removed_to_the_end():
    assert clean("title\x1b]0;PWNED") == "title"
    assert clean("\x1bPutin came") == "utin came"  # an unterminated DCS eats nothing more


def test_markup_is_left_as_text_for_plain_rendering():
    assert clean(f"{LINK} {QUIT}") == f"{LINK} {QUIT}"


def test_offsets_are_remapped_past_removed_characters():
    text = f"{CLEAR}Putin and {OSC_TITLE}Biden"
    cleaned, removed = sanitize(text)
    start = text.index("Biden")
    assert cleaned[remap(start, removed) :] == "Biden"
    assert remap(0, removed) == 0


def test_lone_surrogates_become_replacement_characters_one_for_one():
    name = b"caf\xe9.txt".decode("utf-8", "surrogateescape")
    assert clean(name) == "caf\ufffd.txt"
    clean(name).encode("utf-8")  # no UnicodeEncodeError


def test_clean_takes_any_value():
    assert clean(3) == "3"


def test_json_text_escapes_every_control_and_keeps_the_data():
    data = {"title": f"{OSC_TITLE}x{C1_CSI}é\x7f\udcff", "n": 1}
    text = json_text(data, indent=2)
    assert not CONTROL.search(text.replace("\n", ""))
    assert "é" in text  # not ASCII-escaped: readable UTF-8
    assert json.loads(text) == data
