"""The names of the union's servers' roles, for roles configured by name.

An interaction carries the member's roles as ids only. ``[discord]
organizer_roles`` may name roles by id (always enough) or by name, and a
name needs the server's list of roles: the gateway's cache when the bot is
connected to it, else Discord's REST API (``GET /guilds/{guild}/roles``),
remembered for a few minutes. One request at a time per server, however many
clicks arrive at once. A lookup that fails (Discord slow or down) gives no
names, so a role configured by name grants nothing until Discord answers
again, a short while later; roles configured by id keep working.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping

import aiohttp
import discord
from discord.http import HTTPClient

log = logging.getLogger("picketbot.discord")

#: How long a server's role names are trusted (a renamed role keeps its old name this long).
NAMES_SECONDS = 300.0
#: How long a failed lookup stands before Discord is asked again.
FAILED_SECONDS = 15.0
#: A lookup must leave time to answer within Discord's 3-second window.
LOOKUP_TIMEOUT_SECONDS = 1.5
LOOKUP_ERRORS = (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError, KeyError, TypeError)

Names = Mapping[int, str]


class RoleNames:
    """Role id → lower-cased name, per server, from the gateway's cache or the REST API."""

    def __init__(
        self,
        http: Callable[[], HTTPClient],
        *,
        cached: Callable[[int], Names | None] = lambda _guild: None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._http = http
        self._cached = cached
        self._clock = clock
        self._known: dict[int, tuple[Names, float]] = {}
        self._pending: dict[int, asyncio.Future[Names]] = {}

    async def of(self, guild_id: int) -> Names:
        cached = self._cached(guild_id)
        if cached is not None:
            return cached
        known = self._known.get(guild_id)
        if known is not None and known[1] > self._clock():
            return known[0]
        pending = self._pending.get(guild_id)
        if pending is None:
            pending = asyncio.ensure_future(self._look_up(guild_id))
            self._pending[guild_id] = pending
            pending.add_done_callback(lambda _: self._pending.pop(guild_id, None))
        return await asyncio.shield(pending)

    async def _look_up(self, guild_id: int) -> Names:
        try:
            roles = await asyncio.wait_for(self._http().get_roles(guild_id), LOOKUP_TIMEOUT_SECONDS)
            names = {int(role["id"]): str(role["name"]).strip().lower() for role in roles}
        except LOOKUP_ERRORS as error:
            log.warning(
                "Discord: could not read the roles of server %s (%s); roles named in [discord] count"
                " for nothing until it answers",
                guild_id,
                _describe(error),
            )
            self._known[guild_id] = ({}, self._clock() + FAILED_SECONDS)
            return {}
        self._known[guild_id] = (names, self._clock() + NAMES_SECONDS)
        return names


def names_in_cache(client: discord.Client, guild_id: int) -> Names | None:
    """The role names discord.py keeps from the gateway (None for a server it has not seen)."""
    guild = client.get_guild(guild_id)
    if guild is None:
        return None
    return {role.id: role.name.strip().lower() for role in guild.roles}


def _describe(error: BaseException) -> str:
    if isinstance(error, discord.HTTPException):
        return f"HTTP {error.status}"
    return type(error).__name__
