"""`TestBot`: the whole bot as a test drives it, through the console adapter.

A real App on a real SQLite file, the console session a person would type
into, a settable clock, and recording senders standing in for the
platforms, so background posts (alerts, reminders, promotions) can be read
back after the delivery worker hands them over::

    async with await TestBot.open(tmp_path) as bot:
        await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_="Olga", role="organizer")
        assert "signed up" in await bot.say("/picket signup 1", as_="Ana")
        bot.clock.advance(hours=2)
        posts = await bot.deliver()
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Self

from bot.adapters.console.terminal import CHANNEL, ConsoleSession
from bot.app import App, BackgroundStarter, open_app
from bot.config.loading import load_config
from bot.delivery import DeliveryWorker
from bot.picket.posts import PostEditor
from bot.testing.clock import FakeClock
from bot.testing.people import actor
from bot.testing.senders import RecordingSender
from commands.context import Actor, Channel
from commands.reply import Reply
from commands.roles import Role
from storage.database import Database
from storage.outbox.queue import OutboundMessage

#: Who speaks when a call names nobody (and nobody switched with ``/as``).
DEFAULT_SPEAKER = "Ana"


class TestBot:
    """The bot, the console session driving it, its clock and what it posted."""

    __test__ = False  # a harness, not a test class, whatever its name says to pytest

    def __init__(
        self, app: App, clock: FakeClock, *, channel: Channel = CHANNEL, save_dir: Path | None = None
    ) -> None:
        self.app = app
        self.clock = clock
        self.session = ConsoleSession(
            app.dispatcher, actor(DEFAULT_SPEAKER), save_dir=save_dir, channel=channel
        )
        self._senders: dict[str, RecordingSender] = {}

    @classmethod
    async def open(
        cls,
        directory: Path,
        *,
        clock: FakeClock | None = None,
        config: str | None = None,
        env: dict[str, str] | None = None,
        seed_facts: bool = True,
        channel: Channel = CHANNEL,
        db_name: str = "picketbot.db",
        database: str | None = None,
    ) -> Self:
        """The bot on ``directory/db_name`` (or the ``database`` address, a PostgreSQL one);
        ``config`` is TOML, written next to it (``picketbot.toml``)."""
        config_path = None
        if config is not None:
            config_path = directory / f"{Path(db_name).stem}.toml"
            config_path.write_text(config, encoding="utf-8")
        settings = load_config(
            config_path=str(config_path) if config_path else None,
            db_path=database or str(directory / db_name),
            env=env or {},
        )
        clock = clock or FakeClock()
        app = await open_app(settings, clock=clock, seed_facts=seed_facts)
        return cls(app, clock, channel=channel, save_dir=directory)

    async def close(self) -> None:
        await self.app.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.close()

    @property
    def db(self) -> Database:
        return self.app.db

    @property
    def channel(self) -> Channel:
        return self.session.channel

    # ---- speaking -----------------------------------------------------------------

    async def reply(
        self, line: str, *, as_: str | Actor | None = None, role: Role | str | None = None
    ) -> Reply:
        """The `Reply` to one command line, said by ``as_`` (a name or an `Actor`) in the channel."""
        return await self.app.dispatcher.handle_text(self.speaker(as_, role), self.channel, line)

    async def say(self, line: str, *, as_: str | Actor | None = None, role: Role | str | None = None) -> str:
        """What the console prints for one line ("error: ..." for a refusal); ``/as`` works too."""
        if as_ is None and role is None:
            return await self.session.run_line(line) or ""
        speaker = self.speaker(as_, role)
        return self.session.render(
            await self.app.dispatcher.handle_text(speaker, self.channel, line), speaker
        )

    async def ok(self, line: str, *, as_: str | Actor | None = None, role: Role | str | None = None) -> Reply:
        """`reply`, insisting that the command succeeded."""
        answer = await self.reply(line, as_=as_, role=role)
        if answer.is_error:
            raise AssertionError(f"{line!r} failed: {answer.text}")
        return answer

    def speaker(self, as_: str | Actor | None = None, role: Role | str | None = None) -> Actor:
        """The actor for a call: the one given, a console member by name, or the session's."""
        if isinstance(as_, Actor):
            if role is not None:
                raise ValueError("give the role with a name, not with an Actor")
            return as_
        if as_ is None:
            current = self.session.actor
            return current if role is None else actor(current.display_name, role)
        return actor(as_, role or Role.MEMBER)

    # ---- what the bot posted ------------------------------------------------------

    @property
    def posts(self) -> list[OutboundMessage]:
        """Every message delivered so far, on any platform, in the outbox's order."""
        delivered = [message for sender in self._senders.values() for message in sender.sent]
        return sorted(delivered, key=lambda message: message.id or 0)

    def sender(self, platform: str = "console") -> RecordingSender:
        """The recording sender that stands in for ``platform``."""
        return self._senders.setdefault(platform, RecordingSender(platform))

    async def deliver(self, *platforms: str) -> list[OutboundMessage]:
        """Run the delivery worker once, as the bot would now; the messages it handed over.

        Only messages for ``platforms`` (the console if none is named) are sent;
        the others stay queued, as they would with no such platform connected.
        """
        senders = {platform: self.sender(platform) for platform in platforms or ("console",)}
        before = {platform: len(sender.sent) for platform, sender in senders.items()}
        await DeliveryWorker(self.db, senders, self.clock).deliver_due()
        delivered = [m for p, sender in senders.items() for m in sender.sent[before[p] :]]
        return sorted(delivered, key=lambda message: message.id or 0)

    async def refresh_posts(self, *, wait: bool = True) -> int:
        """Run the live-post editor once, as the bot would now (`bot.picket.posts`): queue an edit
        for each changed shift post due one; ``wait=False`` for every changed post at once."""
        editor = PostEditor(self.db, self.clock, language=self.app.services.settings.language)
        return await editor.run_pass(wait=wait)

    async def start_background(
        self, *starters: BackgroundStarter, platforms: Iterable[str] = ("console",)
    ) -> None:
        """Run the background work as `picketbot run` does: the delivery worker (sending through
        the recording senders of ``platforms``), the scheduler, and ``starters`` (the reminders,
        the poller) or, with none named, every feature's."""
        for platform in platforms:
            self.app.add_sender(self.sender(platform))
        await self.app.start_background(starters)
