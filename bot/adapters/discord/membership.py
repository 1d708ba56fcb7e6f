"""Who the bot serves in a direct message: members of the union's own Discord servers.

A DM comes from no server, so nothing in it says whose member the sender is:
anyone who shares any server with the bot (a rogue server of their own
included) can open one. So in a DM the bot serves only people who are
members of one of ``[discord] allowed_guilds``, and answers anyone else with
the same one line as a foreign server (`bot.adapters.access`), running and
writing nothing.

Membership is read from Discord's REST API (``GET
/guilds/{guild}/members/{user}``: the bot does not ask for the privileged
members intent, so the gateway keeps no member list) and remembered for a
few minutes. An interaction from an allowed server proves membership too,
and is remembered the same way, so a member who just used the bot in the
union's server costs no lookup. A lookup that fails (Discord slow or down, a
rate limit) counts as "not known": the DM is refused, and the question is
asked again after a short wait rather than remembered for minutes.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable

import aiohttp
import discord
from discord.http import HTTPClient

log = logging.getLogger("picketbot.discord")

#: How long a found membership is trusted (someone removed from the server keeps DM access this long).
MEMBER_SECONDS = 300.0
#: How long "not a member" is trusted: short, so someone who just joined waits little.
NOT_MEMBER_SECONDS = 60.0
#: How long a failed lookup stands before Discord is asked again.
UNKNOWN_SECONDS = 15.0
#: A lookup must leave time to answer within Discord's 3-second window.
LOOKUP_TIMEOUT_SECONDS = 2.0
#: Answers remembered at most; expired ones are dropped first when it is reached.
MAX_REMEMBERED = 10_000
LOOKUP_ERRORS = (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError)


class ServerMembership:
    """Whether a Discord user is a member of one of the union's servers, remembered for a while."""

    def __init__(
        self,
        guilds: Iterable[int],
        http: Callable[[], HTTPClient],
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.guilds = tuple(sorted(guilds))
        self._http = http  # the current client's: the adapter replaces its client after a failed login
        self._clock = clock
        self._answers: dict[int, tuple[bool, float]] = {}
        self._pending: dict[int, asyncio.Future[bool]] = {}

    def seen_in_server(self, user_id: int) -> None:
        """The user just acted in one of the union's servers: a member, without asking."""
        self._remember(user_id, True, MEMBER_SECONDS)

    async def is_member(self, user_id: int) -> bool:
        answer = self._answers.get(user_id)
        if answer is not None and answer[1] > self._clock():
            return answer[0]
        pending = self._pending.get(user_id)
        if pending is None:  # one lookup per user at a time, however many DMs arrive at once
            pending = asyncio.ensure_future(self._look_up(user_id))
            self._pending[user_id] = pending
            pending.add_done_callback(lambda _: self._pending.pop(user_id, None))
        return await asyncio.shield(pending)

    async def _look_up(self, user_id: int) -> bool:
        known = True
        for guild_id in self.guilds:
            try:
                await asyncio.wait_for(self._http().get_member(guild_id, user_id), LOOKUP_TIMEOUT_SECONDS)
            except (discord.NotFound, discord.Forbidden):
                continue  # not a member there (or the bot is not in that server)
            except LOOKUP_ERRORS as error:
                known = False
                log.warning("Discord: could not look up user %s in server %s: %s", user_id, guild_id, error)
                continue
            self._remember(user_id, True, MEMBER_SECONDS)
            return True
        self._remember(user_id, False, NOT_MEMBER_SECONDS if known else UNKNOWN_SECONDS)
        return False

    def _remember(self, user_id: int, member: bool, seconds: float) -> None:
        now = self._clock()
        if len(self._answers) >= MAX_REMEMBERED and user_id not in self._answers:
            self._answers = {user: answer for user, answer in self._answers.items() if answer[1] > now}
            if len(self._answers) >= MAX_REMEMBERED:
                self._answers.clear()
        self._answers[user_id] = (member, now + seconds)
