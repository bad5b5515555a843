"""Opening an article's link in a web browser without freezing or garbling the screen.

`webbrowser.open` may take seconds (it asks a running Firefox to open a tab and waits), so it
runs in a thread worker. A console browser (w3m, lynx: what `webbrowser` picks with no
display) runs in the foreground and needs the terminal, so the app is suspended around it:
the reader's screen comes back when the browser exits.
"""

from __future__ import annotations

import webbrowser
from functools import partial

from textual.app import App, SuspendNotSupported

from reader.ui.messages import BrowserOpened

BROWSER_GROUP = "browser"


def runs_in_terminal(controller: webbrowser.BaseBrowser) -> bool:
    """Whether a `webbrowser` controller runs its browser in this terminal."""
    if isinstance(controller, webbrowser.BackgroundBrowser):
        return False
    if isinstance(controller, webbrowser.UnixBrowser):
        return not controller.background
    return isinstance(controller, webbrowser.GenericBrowser)


def open_suspended(app: App, url: str) -> bool:
    """Open `url` with the app suspended (on the UI thread: the browser has the terminal)."""
    try:
        with app.suspend():
            return webbrowser.open(url)
    except SuspendNotSupported:  # e.g. a headless app: nothing to hand over
        return webbrowser.open(url)


def open_link(app: App, url: str) -> None:
    """Open web link `url` (checked by reader.core.links.web_url) in a browser, in a thread
    worker of the app; the app is told what came of it by a BrowserOpened message."""
    opening = partial(open_in_browser, app, url)
    app.run_worker(opening, thread=True, group=BROWSER_GROUP, exit_on_error=False)


def open_in_browser(app: App, url: str) -> None:
    """Open `url`, with the app suspended for a console browser (in a thread worker)."""
    try:
        try:
            console = runs_in_terminal(webbrowser.get())
        except webbrowser.Error:
            console = False  # none found: webbrowser.open says so below
        if console:
            opened = app.call_from_thread(open_suspended, app, url)
        else:
            opened = webbrowser.open(url)
    except webbrowser.Error as error:
        app.post_message(BrowserOpened(url, False, str(error)))
        return
    app.post_message(BrowserOpened(url, opened))
