"""Each Slack member's locale (``es-LA``, ``en-US``), from ``users.info``, cached for hours.

Slack sends no locale with a slash command or a click; ``users.info`` with
``include_locale`` gives the one the member set in Slack. It needs the
``users:read`` scope: an app installed before picketbot asked for it gets
``missing_scope`` until it is reinstalled (docs/languages.md), and its
members read ``[bot] language`` meanwhile. Nothing here ever stops a
command: an error or a slow answer is "no locale", remembered for a while
so Slack is not asked on every command, and logged once per kind of error
(the error code only: Slack's answer is never logged).

The cache is bounded (the oldest entry goes first) and each answer is kept
for `LOCALE_TTL_SECONDS`: a member who changes Slack's language is read in
the new one within hours. Concurrent commands from one member share one call.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger("picketbot.slack")

#: How long a member's locale is trusted.
LOCALE_TTL_SECONDS = 6 * 3600.0
#: After an error (no scope, Slack down), ask again for that member no sooner than this.
FAILURE_TTL_SECONDS = 3600.0
#: Members remembered at most.
MAX_MEMBERS = 10_000
#: A command waits no longer than this for Slack's answer (it has been acknowledged already).
LOOKUP_TIMEOUT_SECONDS = 2.0
#: The longest locale kept (Slack's are five or six characters, ``es-LA``).
MAX_LOCALE_LENGTH = 16


@dataclass(frozen=True, slots=True)
class _Known:
    locale: str | None
    expires: float


class SlackLocales:
    def __init__(
        self,
        client: AsyncWebClient,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_members: int = MAX_MEMBERS,
    ) -> None:
        self.client = client
        self.clock = clock
        self.max_members = max_members
        self._known: OrderedDict[str, _Known] = OrderedDict()
        self._asking: dict[str, asyncio.Future[str | None]] = {}
        #: Error codes already logged: each is worth one warning, not one per member.
        self._logged: set[str] = set()

    def cached(self, user_id: str) -> str | None:
        """The member's locale if it is known now, without asking Slack."""
        known = self._known.get(user_id)
        return known.locale if known is not None and known.expires > self.clock() else None

    async def locale_of(self, user_id: str) -> str | None:
        """The member's Slack locale, or None (not known, not allowed, Slack not answering)."""
        known = self._known.get(user_id)
        if known is not None and known.expires > self.clock():
            return known.locale
        asking = self._asking.get(user_id)
        if asking is None:
            asking = asyncio.ensure_future(self._ask(user_id))
            self._asking[user_id] = asking
            asking.add_done_callback(lambda _done: self._asking.pop(user_id, None))
        return await asyncio.shield(asking)

    async def _ask(self, user_id: str) -> str | None:
        try:
            response = await asyncio.wait_for(
                self.client.users_info(user=user_id, include_locale=True), LOOKUP_TIMEOUT_SECONDS
            )
        except SlackApiError as error:
            return self._remember_failure(user_id, _code(error))
        except (SlackClientError, aiohttp.ClientError, TimeoutError, OSError) as error:
            return self._remember_failure(user_id, type(error).__name__)
        user = response.get("user")
        raw = user.get("locale") if isinstance(user, dict) else None
        locale = raw if isinstance(raw, str) and 0 < len(raw) <= MAX_LOCALE_LENGTH and raw.isascii() else None
        self._remember(user_id, _Known(locale, self.clock() + LOCALE_TTL_SECONDS))
        return locale

    def _remember_failure(self, user_id: str, reason: str) -> str | None:
        if reason not in self._logged:
            self._logged.add(reason)
            hint = " (add the users:read scope and reinstall the app)" if reason == "missing_scope" else ""
            log.warning(
                "Slack: could not read members' language from users.info: %s%s; they get [bot] language",
                reason,
                hint,
            )
        self._remember(user_id, _Known(None, self.clock() + FAILURE_TTL_SECONDS))
        return None

    def _remember(self, user_id: str, known: _Known) -> None:
        self._known[user_id] = known
        self._known.move_to_end(user_id)
        while len(self._known) > self.max_members:
            self._known.popitem(last=False)


def _code(error: SlackApiError) -> str:
    data = getattr(error.response, "data", None)
    code = data.get("error") if isinstance(data, dict) else None
    return str(code)[:40] if code else "unknown error"
