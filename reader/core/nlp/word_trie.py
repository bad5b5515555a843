"""Word alternations written as a trie: "said|says|saying" as "sa(?:id|ys|ying)".

Python's regular expressions try an alternation's words one after another at every place
they search; grouped by how they begin, the words are ruled out at most places after one
letter. A trie matches the same words as the longest-first alternation it replaces and in
the same order of preference: of the words that begin alike, the longest first (any words
that match at one place are beginnings of one another, and the trie tries the longer
continuation before it stops), so a pattern built around it finds exactly the same matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_Node = dict[str, "_Node"]


def trie_alternation(words: Iterable[str]) -> str:
    """A regex for any of `words` (a space in a word: any run of white space), longest first.

    For a pattern that ignores case, pass the words in lower case: two branches that differ
    only in case would both match, and the longer word would no longer come first.
    """
    root: _Node = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _render(root)


def first_chars(words: Iterable[str]) -> str:
    """A look-ahead for the characters `words` begin with. Written before their alternation,
    it rules out a place with one test where the alternation would try each of its branches
    (a search for speech verbs takes a quarter less time); it matches nothing of its own."""
    chars = sorted({word[0] for word in words})
    return "(?=[" + "".join(re.escape(char) for char in chars) + "])"


def _render(node: _Node) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _render(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
