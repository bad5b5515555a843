"""Hostile strings and a folder of files carrying them: markup and terminal control sequences
in file names, titles, outlets and URLs, which must show as data and never act."""

from __future__ import annotations

import json
import re
from pathlib import Path

OSC_TITLE = "\x1b]0;PWNED-TITLE\x07"
"""Sets the terminal's title."""
OSC_CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"
"""Writes the clipboard (OSC 52)."""
CLEAR = "\x1b[2J\x1b[H"
C1_CSI = "\x9b31m"
"""A one-byte (C1) control sequence introducer."""
QUIT = "[@click=app.quit]"
LINK = "[link=x:y]CRASH[/]"
LINK_NAME = "[link=x:y]CRASH"
"""As LINK, for a file name (which cannot hold the `/` of `[/]`)."""
CLOSE = "[/]"

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Any control character but newline and tab: none may reach a terminal."""


def screenshot_click(folder: Path) -> str:
    """Markup that, clicked, would save a screenshot over `folder`/victim.txt."""
    return f"[@click=app.screenshot('victim.txt','{folder}')]"


def write_hostile_folder(root: Path, victim_dir: Path) -> Path:
    """A folder with one hostile article (title, outlet, URL, file name) and one skipped
    file with a hostile name; returns the folder."""
    folder = root / "hostile"
    folder.mkdir()
    (folder / f"{LINK_NAME}{OSC_TITLE}{QUIT}skipped.txt").write_text("")
    record = {
        "id": "hostile-1",
        "title": f"{OSC_TITLE}Putin title {LINK} {QUIT} {CLEAR}{C1_CSI}end",
        "outlet": f"{CLOSE}{QUIT}{OSC_CLIPBOARD}Outlet",
        "url": f"https://example.org/{CLOSE}{screenshot_click(victim_dir)}",
        "published": "2022-02-23",
        "text": f"Vladimir Putin met Joe Biden in Geneva on Monday. {OSC_TITLE}{LINK}\n\n"
        f'"We will see," Putin said on Tuesday. {CLEAR}{C1_CSI} {QUIT}',
    }
    (folder / f"{QUIT}{OSC_CLIPBOARD}story.json").write_text(json.dumps(record))
    return folder
