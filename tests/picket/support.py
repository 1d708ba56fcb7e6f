"""Helpers for picket tests: the picket line's channel, an organizer and a captain, row counts."""

from __future__ import annotations

from bot.testing.people import actor, channel
from commands.roles import Role
from storage.database import Database

#: Where the picket tests speak (the `bot` fixture of tests/picket/conftest.py).
CHANNEL = channel("picket-line")
ORGANIZER = actor("Olga", Role.ORGANIZER)
CAPTAIN = actor("Cato", Role.CAPTAIN)


async def count(db: Database, table: str, where: str = "TRUE") -> int:
    return int(await db.fetchval(f"SELECT count(*) FROM {table} WHERE {where}"))
