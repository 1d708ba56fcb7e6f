"""Map a Slack user to a picketbot role: listed user ids first, then user groups.

Group members come from ``usergroups.users.list`` and are cached for a few
minutes, so a burst of sign-up clicks costs one API call, and a change in the
group shows up without a restart. If Slack cannot answer, the last known
members are kept (a hiccup must not demote a captain mid-shift); with none
known, the user is a member until the next try.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import aiohttp
from slack_sdk.errors import SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.config import RoleSettings
from commands.context import Actor
from commands.roles import Role

log = logging.getLogger("picketbot.slack")

PLATFORM = "slack"
#: How long a user group's member list is trusted.
GROUP_TTL_SECONDS = 300.0
#: After a failed lookup, wait this long before asking Slack again.
FAILURE_TTL_SECONDS = 60.0


@dataclass
class _Cached:
    members: frozenset[str]
    expires: float


class SlackRoles:
    def __init__(
        self,
        client: AsyncWebClient,
        settings: RoleSettings,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.settings = settings
        self.clock = clock
        self._groups: dict[str, _Cached] = {}
        self._lock = asyncio.Lock()

    async def actor(self, user_id: str, display_name: str, locale: str | None = None) -> Actor:
        return Actor(PLATFORM, user_id, display_name or user_id, await self.role_of(user_id), locale)

    async def role_of(self, user_id: str) -> Role:
        roles = self.settings
        if user_id in roles.organizer_ids or await self._in_group(roles.organizer_group, user_id):
            return Role.ORGANIZER
        if user_id in roles.captain_ids or await self._in_group(roles.captain_group, user_id):
            return Role.CAPTAIN
        return Role.MEMBER

    async def _in_group(self, group: str | None, user_id: str) -> bool:
        if group is None:
            return False
        return user_id in await self.group_members(group)

    async def group_members(self, group: str) -> frozenset[str]:
        # One lookup at a time: a thousand concurrent clicks wait for the first one's answer.
        async with self._lock:
            cached = self._groups.get(group)
            if cached is not None and cached.expires > self.clock():
                return cached.members
            members = await self._fetch(group)
            if members is None:
                kept = cached.members if cached is not None else frozenset()
                self._groups[group] = _Cached(kept, self.clock() + FAILURE_TTL_SECONDS)
                return kept
            self._groups[group] = _Cached(members, self.clock() + GROUP_TTL_SECONDS)
            return members

    async def _fetch(self, group: str) -> frozenset[str] | None:
        try:
            response = await self.client.usergroups_users_list(usergroup=group)
        except SlackClientError as error:
            log.warning("could not read Slack user group %s: %s", group, _reason(error))
            return None
        except (aiohttp.ClientError, TimeoutError) as error:
            log.warning("could not read Slack user group %s: %s", group, type(error).__name__)
            return None
        users = response.get("users") or []
        return frozenset(str(u) for u in users)


def _reason(error: SlackClientError) -> str:
    response = getattr(error, "response", None)
    if response is not None:
        return str(response.get("error", "unknown error"))
    return type(error).__name__
