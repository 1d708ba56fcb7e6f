"""Helpers for picket tests: a settable clock, actors, and running command lines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.app import App
from commands.context import Actor, Channel
from commands.reply import Reply
from commands.roles import Role

#: Monday 2026-10-26 08:00 in Los Angeles (PDT), a week before the clocks go back.
START = datetime(2026, 10, 26, 15, 0, tzinfo=UTC)
CHANNEL = Channel("console", "picket-line", "picket-line")


class Clock:
    """A settable clock; handlers read `now` from it through Services."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


def person(name: str, role: Role = Role.MEMBER, platform: str = "console") -> Actor:
    return Actor(platform, name.lower(), name, role)


ORGANIZER = person("Olga", Role.ORGANIZER)
CAPTAIN = person("Cato", Role.CAPTAIN)


async def say(app: App, actor: Actor, line: str) -> Reply:
    return await app.dispatcher.handle_text(actor, CHANNEL, line)


async def ok(app: App, actor: Actor, line: str) -> Reply:
    reply = await say(app, actor, line)
    assert not reply.is_error, f"{line!r} failed: {reply.text}"
    return reply


async def count(app: App, table: str, where: str = "1") -> int:
    return int(await app.db.fetchval(f"SELECT count(*) FROM {table} WHERE {where}"))
