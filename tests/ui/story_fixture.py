"""Two stories, each told by two outlets, as a JSONL file the real Library reads, groups and
merges (the story tests need the store's stories, which a hand-made Corpus has none of)."""

from __future__ import annotations

import json
from pathlib import Path

VOLCANO = "Volcano erupts near Grindavik"
FERRY = "Ferry strike halts Marseille crossings"

ARTICLES = [
    {
        "id": "volcano-reykjavik",
        "outlet": "Reykjavik Daily",
        "published": "2024-03-17",
        "title": "Volcano erupts near Grindavik as lava reaches defences",
        "text": (
            "A volcano erupted near Grindavik on Saturday, sending lava towards the town's "
            "defences. Civil protection chief Vidir Reynisson said on Sunday that the lava "
            'walls held. "The defences are doing their job," Vidir Reynisson said. The Blue '
            "Lagoon was evacuated on Saturday as the eruption grew."
        ),
    },
    {
        "id": "volcano-nordic",
        "outlet": "Nordic Wire",
        "published": "2024-03-18",
        "title": "Grindavik volcano eruption: lava defences hold, Blue Lagoon evacuated",
        "text": (
            "The volcano eruption near Grindavik continued on Monday. Lava reached the "
            "defences built around Grindavik and the Blue Lagoon, which was evacuated on "
            "Saturday. Meteorologist Kristin Jonsdottir said on Monday that the eruption was "
            'weakening. "The lava flow is slowing down," Kristin Jonsdottir said.'
        ),
    },
    {
        "id": "ferry-gazette",
        "outlet": "Harbour Gazette",
        "published": "2024-05-02",
        "title": "Ferry strike halts Marseille crossings to Corsica",
        "text": (
            "A ferry strike halted every crossing between Marseille and Corsica on Thursday. "
            "Union leader Pascal Moreau said on Wednesday that ferry workers would strike "
            'until wages rose. "The crews will not sail," Pascal Moreau said. Passengers '
            "waited at the Marseille ferry port for hours."
        ),
    },
    {
        "id": "ferry-coastal",
        "outlet": "Coastal Times",
        "published": "2024-05-03",
        "title": "Marseille ferry strike: Corsica crossings cancelled for a second day",
        "text": (
            "Ferry crossings between Marseille and Corsica were cancelled on Friday, the "
            "second day of the ferry strike. Port director Helene Garnier said on Friday that "
            'passengers would be refunded. "Every passenger will get their money back," '
            "Helene Garnier said. Union leader Pascal Moreau called the ferry strike a success."
        ),
    },
]


def write_stories(folder: Path) -> Path:
    """The two stories' articles in `folder`/news.jsonl; its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "news.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path
