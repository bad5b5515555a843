"""Word alternations written as tries match what the longest-first alternations did."""

import re
import sys

import pytest

from reader.core.nlp import cues, sports
from reader.core.nlp.mentions import AFTER_TITLE
from reader.core.nlp.word_trie import first_chars, trie_alternation


def test_the_longest_word_comes_first():
    pattern = re.compile(trie_alternation(["a", "ab", "abc", "b c"]))
    assert [m.group() for m in pattern.finditer("abcd ab a b \n c")] == ["abc", "ab", "a", "b \n c"]
    # A continuation that fails sends the engine back to the shorter word, as before.
    assert re.match(f"(?:{trie_alternation(['said', 'sai'])})d", "said").group() == "said"


def _contexts(words) -> str:
    """Every word at the start of a sentence, inside one, glued to more letters, before a
    hyphen and in capitals, and a name after it."""
    return "\n".join(
        f"{w} Ann Lee said. Then {w}, {w}s {w}-led x{w} {w.upper()} Jo Bo Ed. {w}  \n  to"
        for w in sorted(words)
    )


@pytest.mark.parametrize(
    ("trie", "words", "around"),
    [
        (cues.FINITE_RE, [*cues.SPEECH_VERBS, *cues.SPEECH_PHRASES], "{}"),
        (cues.PARTICIPLE_RE, cues.PARTICIPLES, "{}"),
        (cues.INVERTED_RE, cues.INVERTED_VERBS, r"(?:{}|according\s+to)\s+"),
    ],
)
def test_cue_patterns_match_as_the_alternations_did(trie, words, around):
    before = re.compile(around.format(cues.words_pattern(words)))
    text = _contexts([*words, "according to"])
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in before.finditer(text)]


def test_titles_match_as_the_alternation_did():
    titles = (cues.TITLES - cues.MODIFIERS) | cues.CAPITALISED_HONORIFICS
    alternation = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    before = re.compile(
        rf"(?<![\w.])(?:{alternation})\s+((?:[A-Z][\w’'-]+\s+){{0,2}}[A-Z][\w’'-]+)"
    )
    text = _contexts(titles)
    assert [m.span(1) for m in AFTER_TITLE.finditer(text)] == [
        m.span(1) for m in before.finditer(text)
    ]


def test_sports_words_match_as_the_alternation_did():
    before = re.compile(
        r"\b(?:soccer|football|baseball|basketball|cricket|tennis|golf|rugby|hockey|league|"
        r"cup|match|goals?|scored|innings|wickets?|half-?time|striker|midfielder|goalkeeper|"
        r"pitcher|inning|semi-?finals?|quarter-?finals?|season|championship|tournament|"
        r"beat|defeated|drew|standings|playoffs?|relegat\w+|coach|squad|"
        r"referee|olympics?|medals?|athletes?|fixtures?|stadium)\b",
        re.IGNORECASE,
    )
    words = re.findall(r"[\w-]+", before.pattern.replace("?", "").replace(r"\w+", "ion"))
    text = _contexts([*words, "Semi-Final", "HALFTIME", "goalkeepers", "relegated"])
    spans = [m.span() for m in sports._SPORTS_WORDS.finditer(text)]
    assert spans == [m.span() for m in before.finditer(text)]
    assert len(spans) > 3 * len(words)
    for start in (text, "É " + text, "ſ ı İ " + text, "£ " + text.upper()):
        assert sports._sports_words(start) == min(len(before.findall(start)), sports._SPORTS_MIN)
        assert sports._sports_words(start[:60]) == len(before.findall(start[:60])) < 4


def test_lower_casing_matches_the_sports_words_as_ignoring_case_does():
    """Outside `_FOLDED_APART` every character lower-cases to one character, a word character
    if and only if it is one, and one of the sports words' characters exactly when ignoring
    case matches it to that character: so the words counted in the lower-cased text are
    those the pattern ignoring case counts in the text."""
    chars = "".join(sorted(set("".join(sports._SPORTS_WORD_LIST) + "relegat")))
    any_char = re.compile(f"[{re.escape(chars)}]", re.IGNORECASE)
    word = re.compile(r"\w")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if sports._FOLDED_APART.match(char):
            continue
        low = char.lower()
        assert len(low) == 1, hex(code)
        assert bool(word.match(char)) == bool(word.match(low)), hex(code)
        if any_char.match(char) or low in chars:
            matched = {c for c in chars if re.match(re.escape(c), char, re.IGNORECASE)}
            assert matched == {low}, hex(code)


def test_the_first_characters_look_ahead_without_matching():
    ahead = first_chars(["said", "told", "-ish", "Said"])
    assert ahead == r"(?=[\-Sst])"
    assert re.match(ahead, "told") and re.match(ahead, "told").group() == ""
    assert re.match(ahead, "asked") is None
