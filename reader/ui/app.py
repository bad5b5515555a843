"""The Reader app: wires reading state, the main screen, the palette and the styles."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from contextlib import suppress

from textual import on
from textual.app import App
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.worker import WorkerCancelled, WorkerState

from reader.core.library import Corpus
from reader.core.safe_text import clean
from reader.core.settings import Settings
from reader.core.state import ReadingState, StateError
from reader.core.subscriptions import REFRESH_MINUTES
from reader.ui.commands import PLACEHOLDER, ActorCommands, ArticleCommands, DateCommands
from reader.ui.messages import BrowserOpened
from reader.ui.screens.main import FOLLOW_GROUP, MainScreen


class ReaderApp(App):
    """Sources on the left, the article in the centre, timeline and actors on the right."""

    TITLE = "Reader"
    CSS_PATH = "reader.tcss"
    COMMANDS = App.COMMANDS | {ArticleCommands, ActorCommands, DateCommands}
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(
        self,
        paths: Sequence[str] = (),
        corpus: Corpus | None = None,
        state: ReadingState | None = None,
        refresh_minutes: int = REFRESH_MINUTES,
        theme: str | None = None,
        settings: Settings | None = None,
        follows_subscriptions: bool = False,
    ) -> None:
        """Open `paths` (feeds among them fetched every `refresh_minutes`), or show an already
        built `corpus` (tests, screenshots); `theme` is a Textual theme's name. With
        `follows_subscriptions` (`reader` with no PATH), `R` also fetches the feeds subscribed
        to since."""
        super().__init__()
        self.paths = list(paths)
        self.preloaded = corpus
        self.settings = settings or Settings.resolve()
        self.state = state or ReadingState(self.settings.data_dir / "state.sqlite3")
        self.state.told = lambda message: self.notify(message, severity="error", timeout=10)
        self.unsaved: str | None = None
        """Why marks of this session could not be saved as the reader closed (said after)."""
        self.refresh_minutes = refresh_minutes
        self.chosen_theme = theme
        self.follows_subscriptions = follows_subscriptions

    def on_mount(self) -> None:
        if self.state.notice:  # a damaged reading state, kept aside and started again
            self.notify(self.state.notice, severity="warning", timeout=30)
        if self.chosen_theme in self.available_themes:
            self.theme = self.chosen_theme
        elif self.chosen_theme:
            self.notify(f"No theme called {self.chosen_theme!r}; using the default.")

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification, the reader's and Textual's, shows its text literally.

        Messages name files, outlets, URLs and themes: read as markup, `[/]` would crash the
        reader and `[@click=app.quit]` would run when the notification is clicked. So markup is
        off whatever the caller asks (widgets pass markup=True by default), and control
        sequences are removed.
        """
        super().notify(
            clean(message), title=clean(title), severity=severity, timeout=timeout, markup=False
        )

    def action_command_palette(self) -> None:
        """The palette, saying what it goes to (Textual's says "Search for commands…")."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=PLACEHOLDER, id="--command-palette"))

    def action_help_quit(self) -> None:
        """ctrl+c: Textual's hint says this with markup, which notify no longer reads."""
        self.notify("Press q to quit the reader.", title="Do you want to quit?")

    @on(BrowserOpened)
    def _browser_opened(self, message: BrowserOpened) -> None:
        """What came of `o` (reader.ui.browser.open_link)."""
        if message.error is not None:
            self.notify(f"No browser to open {message.url}: {message.error}", severity="warning")
        elif message.opened:
            self.notify(f"Opening {message.url}")
        else:
            self.notify(f"No browser could open {message.url}", severity="warning")

    def get_default_screen(self) -> MainScreen:
        screen = MainScreen(
            self.paths, self.state, self.preloaded, self.refresh_minutes, self.settings
        )
        screen.follows_subscriptions = self.follows_subscriptions
        return screen

    async def settled(self) -> None:
        """Wait until loading, refreshing and searching are done (not for the folder watch,
        which runs until the end), and the first article of a list is open (it opens after
        the list's paint). A worker cancelled because a newer one replaced it (the story of an
        article the reader moved past) is not waited for: the newer one is."""
        while True:
            working = [worker for worker in self.workers if worker.group != FOLLOW_GROUP]
            if self._opening() or any(worker.state is WorkerState.PENDING for worker in working):
                await asyncio.sleep(0.01)  # not started yet: it can be waited for once it is
                continue
            for worker in working:  # a failure is raised (WorkerFailed), a cancel is not
                with suppress(WorkerCancelled):
                    await worker.wait()
            working = [worker for worker in self.workers if worker.group != FOLLOW_GROUP]
            if not self._opening() and all(worker.is_finished for worker in working):
                return

    def _opening(self) -> bool:
        """Whether a first article is still to open after its list's paint."""
        return any(isinstance(s, MainScreen) and s.first_opens_due for s in self.screen_stack)

    def on_unmount(self) -> None:
        try:
            self.state.close()
        except StateError as error:  # said once the screen is the terminal's again
            self.unsaved = str(error)
