"""Answering interactions over REST: the callback, follow-ups, removing a placeholder.

Interaction endpoints need no bot token (the interaction's own token is in
the URL) and Discord exempts them from the global rate limit, so they go
through a session of their own rather than discord.py's REST client:
discord.py keeps one rate-limit bucket for every interaction callback, and
until Discord's headers say otherwise it sends one request of a bucket at a
time, so 2,000 clicks' answers went out single file.

First responses (over the gateway) and follow-ups use separate connection
pools, so a first response, which must reach Discord within 3 seconds,
never waits for a connection behind follow-ups. The base URL is
``DISCORD_API_BASE``.

A 429 is waited out (Discord's ``retry_after``, up to `MAX_RETRY_WAIT`) and
retried; any other refusal raises `AnswerFailed` with its status and code,
never the body (which can echo the token).
"""

from __future__ import annotations

import asyncio
import contextlib
import json

import aiohttp

from bot.adapters.discord.incoming import Incoming
from bot.adapters.discord.wire import Json, body_of
from commands.reply import Attachment

#: Parallel first responses: enough that a storm's answers do not queue for a connection.
FIRST_CONNECTIONS = 256
FOLLOW_UP_CONNECTIONS = 64
REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=15, connect=5)
ATTEMPTS = 3
MAX_RETRY_WAIT = 5.0


class AnswerFailed(Exception):
    """Discord refused an answer: ``HTTP 404 (code 10062)``."""


class Webhooks:
    def __init__(self, api_base: str) -> None:
        self.api_base = api_base.rstrip("/")
        self._first: aiohttp.ClientSession | None = None
        self._later: aiohttp.ClientSession | None = None

    def _sessions(self) -> tuple[aiohttp.ClientSession, aiohttp.ClientSession]:
        # Made on first use, inside the running loop.
        if self._first is None or self._later is None:
            self._first = _session(FIRST_CONNECTIONS)
            self._later = _session(FOLLOW_UP_CONNECTIONS)
        return self._first, self._later

    async def callback(
        self, incoming: Incoming, response: Json, attachment: Attachment | None = None
    ) -> None:
        """The first response to an interaction that came over the gateway."""
        path = f"/interactions/{incoming.id}/{incoming.token}/callback"
        await self._send(self._sessions()[0], "POST", path, response, attachment)

    async def follow_up(self, incoming: Incoming, data: Json, attachment: Attachment | None = None) -> None:
        """A follow-up message; the first after a "thinking…" defer takes the placeholder's place."""
        # wait=true: Discord answers once the message is stored, so a failure is heard.
        path = f"/webhooks/{incoming.application_id}/{incoming.token}?wait=true"
        await self._send(self._sessions()[1], "POST", path, data, attachment)

    async def delete_original(self, incoming: Incoming) -> None:
        path = f"/webhooks/{incoming.application_id}/{incoming.token}/messages/@original"
        await self._send(self._sessions()[1], "DELETE", path, None, None)

    async def close(self) -> None:
        for session in (self._first, self._later):
            if session is not None:
                await session.close()
        self._first = self._later = None

    async def _send(
        self,
        session: aiohttp.ClientSession,
        method: str,
        path: str,
        payload: Json | None,
        attachment: Attachment | None,
    ) -> None:
        url = self.api_base + path
        for attempt in range(1, ATTEMPTS + 1):
            # A multipart body is consumed by one request: build it for each attempt.
            body = body_of(payload, attachment) if payload is not None else None
            headers = {"Content-Type": "application/json"} if isinstance(body, bytes) else None
            async with session.request(method, url, data=body, headers=headers) as answer:
                if answer.status < 300:
                    return
                code, wait = _refusal(await answer.read())
                if answer.status == 429 and attempt < ATTEMPTS and wait <= MAX_RETRY_WAIT:
                    await asyncio.sleep(wait)
                    continue
                raise AnswerFailed(f"HTTP {answer.status}" + (f" (code {code})" if code else ""))


def _session(connections: int) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=connections),
        timeout=REQUEST_TIMEOUT,
        # discord.py's own User-Agent form, which Discord asks bots to send.
        headers={"User-Agent": "DiscordBot (https://github.com/picketbot, 1) picketbot"},
    )


def _refusal(raw: bytes) -> tuple[int, float]:
    """Discord's error code and retry_after from its JSON answer (0 when absent or not JSON)."""
    with contextlib.suppress(ValueError, UnicodeDecodeError):
        found = json.loads(raw)
        if isinstance(found, dict):
            code = found.get("code")
            wait = found.get("retry_after")
            return (
                code if isinstance(code, int) else 0,
                float(wait) if isinstance(wait, int | float) and wait >= 0 else MAX_RETRY_WAIT + 1,
            )
    return 0, MAX_RETRY_WAIT + 1
