"""Helpers shared by tests: a settable clock and ready-made actors."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.database import Database

from commands.context import Actor, Channel
from commands.roles import Role


class FakeClock:
    """A settable clock; handlers read `now` from it through Services."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


def actor(name: str = "ana", role: Role = Role.MEMBER, platform: str = "console") -> Actor:
    return Actor(platform, name.lower(), name, role)


CHANNEL = Channel("console", "console", "console")


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for a picketbot subprocess: none of the caller's bot settings or
    tokens, and no polling of the studios' real job boards (tests stay on loopback)."""
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PICKETBOT_", "DISCORD_", "SLACK_"))}
    env["PICKETBOT_POLLER"] = "off"
    env.update(extra)
    return env


async def row_counts(db: Database, *, leave_out: tuple[str, ...] = ()) -> dict[str, int]:
    """How many rows each table holds: equal before and after means nothing was written."""
    tables = await db.fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
    )
    names = [str(row["name"]) for row in tables if row["name"] not in leave_out]
    return {name: int(await db.fetchval(f'SELECT count(*) FROM "{name}"')) for name in names}
