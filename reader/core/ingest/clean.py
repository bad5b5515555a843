"""Page furniture removal for text-like formats (plain text, Markdown, feed items).

The rules are generic: they recognise the shape of navigation links, "Related article" teasers,
photo credits and paragraphs broken mid-sentence, never particular strings of particular sites.
"""

from __future__ import annotations

import re

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_TEASER = re.compile(
    r"^(?:related(?: articles?| stor(?:y|ies)| content| coverage| reading)?|read more|"
    r"read also|also read|see also|more on this(?: story)?|recommended|more from \w+)\s*:",
    re.IGNORECASE,
)
_CREDIT_LABEL = re.compile(
    r"^\(?(?:(?:photo|image|picture|photograph|illustration)s?(?:\s+credit)?\s*(?::|by\b)"
    r"|credit\s*:)",
    re.IGNORECASE,
)
_SENTENCE_PUNCTUATION = re.compile(r"[.!?\"“”]")
_NAVIGATION = re.compile(
    r"(?:skip to (?:main )?(?:content|navigation)|jump to (?:main )?content|advertisement|"
    r"(?:share|print|email) (?:this )?(?:article|story|page)?|share|menu|close|search|"
    r"sign in|log in|subscribe|sign up|comments?|toggle navigation|back to top)",
    re.IGNORECASE,
)
_TERMINAL = tuple(".!?:;…\"'”’)]»")


def more_words(text: str, most: int) -> bool:
    """Whether `text` holds more than `most` words, told without splitting all of it."""
    return len(text.split(None, most)) > most


def strip_markup(paragraph: str) -> str:
    """Markdown links keep their words; images go. `paragraph` is spaced as `split_blocks`
    spaces a block (its words one space apart): only one that held markup is spaced again."""
    if "[" not in paragraph:  # no link, no image
        return paragraph
    paragraph = _IMAGE.sub("", paragraph)
    paragraph = _LINK.sub(r"\1", paragraph)
    return " ".join(paragraph.split())


def is_navigation(block: str) -> bool:
    """A block that is only a site's navigation or ad label ("Skip to main content")."""
    return bool(_NAVIGATION.fullmatch(block.strip(" .:|")))


def is_teaser(block: str) -> bool:
    """A link to another article: "Related article: ...", "Read more: ..."."""
    return bool(_TEASER.match(block))


def is_credit(block: str) -> bool:
    """A photo credit: "Photo: Reuters", or a short "Agency / site" line without a sentence."""
    if more_words(block, 12):
        return False
    if _CREDIT_LABEL.match(block):
        return True
    return " / " in block and not _SENTENCE_PUNCTUATION.search(block)


def is_furniture(block: str) -> bool:
    return is_navigation(block) or is_teaser(block) or is_credit(block)


def join_broken(paragraphs: list[str]) -> list[str]:
    """Join a paragraph that stops mid-sentence with the lowercase one that continues it."""
    joined: list[str] = []
    for paragraph in paragraphs:
        if joined and not joined[-1].endswith(_TERMINAL) and paragraph[:1].islower():
            joined[-1] = f"{joined[-1]} {paragraph}"
        else:
            joined.append(paragraph)
    return joined


def clean_paragraphs(blocks: list[str]) -> list[str]:
    """Body paragraphs without markup and furniture, broken sentences joined again."""
    paragraphs = [strip_markup(block) for block in blocks]
    return join_broken([p for p in paragraphs if p and not is_furniture(p)])


def split_blocks(text: str) -> list[str]:
    """Blocks separated by blank lines (each line its own block when there are none)."""
    if re.search(r"\n[ \t]*\n", text):
        raw = re.split(r"\n[ \t]*\n", text)
    else:
        raw = text.split("\n")
    blocks = [" ".join(block.split()) for block in raw]
    return [block for block in blocks if block]
