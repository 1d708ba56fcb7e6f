"""A local fake Discord (REST API v10 + gateway websocket) for the real discord.py client.

One aiohttp server on 127.0.0.1 (random port) serves both: REST under
``/api/v10`` and the gateway at ``/gateway`` (resumes at ``/gateway-resume``,
so a test can tell that the client used ``resume_gateway_url``). Point
discord.py at it with ``bot.adapters.discord.endpoints.point_discord_at(
fake.api_base, fake.gateway_url)`` and log in with ``fake.token``.

It speaks the protocol the way Discord does where discord.py or our adapter
would notice the difference: snowflakes as strings, exact
``application/json`` content type, Discord's error codes (10062 unknown
interaction, 40060 already acknowledged, 50007 cannot DM, 50035 invalid form
body with the real message and command-schema limits), 429s that discord.py
honours, the first follow-up after a defer replacing the "thinking" message,
and gateway sessions that replay missed events on RESUME.

Everything the client sends is recorded (``requests``,
``gateway_connections[i].received``) for tests to assert on; the ``wait_for_*``
methods wait for something to arrive without sleeping for fixed times.
"""

from __future__ import annotations

import hashlib
import re
import socket
from collections.abc import Callable
from types import TracebackType
from typing import Self

from aiohttp import web

from bot.testing.fakes.discord.model import ERROR_PAGE, Json, PendingInteraction, RecordedRequest
from bot.testing.fakes.discord.rest import DiscordRest
from bot.testing.fakes.rate_limits import Page, Refusal, route_pattern


class FakeDiscord(DiscordRest):
    """A Discord API v10 + gateway on loopback; use as ``async with FakeDiscord() as fake``.

    The configured guild always has an ``@everyone`` role (id == guild id,
    ``everyone_permissions``) and the bot as a member (user id
    ``bot_user_id``, which defaults to ``app_id`` as on real Discord).

    The class is built up in layers, one module each: `state` (what it holds),
    `objects` (the JSON it sends), `gateway`, `commands` (the interactions it
    sends), `interactions` (the answers it takes), `rest` (the HTTP API) and
    this one, the lifecycle and the test controls.
    """

    # ---------------------------------------------------------- lifecycle

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    async def start(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self._port = sock.getsockname()[1]
        self._runner = web.AppRunner(self._build_app(), shutdown_timeout=1.0)
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()

    async def stop(self) -> None:
        for conn in self.gateway_connections:
            if conn.ws is not None and not conn.ws.closed:
                await conn.ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._post_session is not None:
            await self._post_session.close()
            self._post_session = None

    # ------------------------------------------------------ test controls

    def rate_limit(
        self,
        method: str,
        route: str,
        *,
        times: int = 1,
        retry_after: float = 0.05,
        is_global: bool = False,
    ) -> None:
        """Answer the next ``times`` requests matching ``method`` ``route`` with 429.

        ``route`` is a path relative to the API base; ``{name}`` matches one
        segment ("/channels/{channel_id}/messages").
        """
        bucket = hashlib.sha1(route.encode()).hexdigest()[:32]  # one bucket per route, as on Discord
        refusal = Refusal(429, retry_after, is_global)
        self._rate_limits.add(_request_pattern(method, route), (refusal, bucket), times)

    def answer_with_page(
        self,
        method: str,
        route: str,
        *,
        status: int = 503,
        times: int = 1,
        body: str = ERROR_PAGE,
        content_type: str = "text/html",
    ) -> None:
        """Answer the next ``times`` requests matching ``method`` ``route`` with an HTML page.

        That is what a CDN or proxy in front of Discord sends while Discord is
        down (status 5xx), or a captive portal (status 200). discord.py itself
        retries 500, 502, 504 and 524 with waits of seconds; 503 it does not.
        """
        self._pages.add(_request_pattern(method, route), Page(status, body, content_type), times)

    def refuse_dms(self, user_id: int) -> None:
        """Make messages to ``user_id``'s DM channel fail with 403 code 50007."""
        self._dms_refused.add(str(user_id))

    def requests_to(self, method: str, route: str) -> list[RecordedRequest]:
        pattern = route_pattern(route)
        return [r for r in self.requests if r.method == method.upper() and pattern.fullmatch(r.path)]

    def registered_commands(self, guild_id: int | None = None) -> list[Json]:
        return list(self.commands.get(guild_id, []))

    def channel_messages(self, channel_id: int | str) -> list[Json]:
        return [m for m in self.messages.values() if m["channel_id"] == str(channel_id)]

    def delete_message(self, message_id: str) -> None:
        """Someone deleted the message in its channel: editing it now answers 10008, Unknown Message."""
        del self.messages[message_id]

    def edits(self, channel_id: int | str) -> list[RecordedRequest]:
        """Every edit of a message in the channel (``PATCH``), answered or refused, in order."""
        prefix = f"/channels/{channel_id}/messages/"
        return [r for r in self.requests if r.method == "PATCH" and r.path.startswith(prefix)]

    async def wait_until(self, done: Callable[[], bool], *, timeout: float = 5.0, what: str = "it") -> None:
        """Wait until `done()` holds, checked whenever the fake receives something."""
        await self._wait(lambda: True if done() else None, timeout, what)

    def interaction(self, interaction_id: int | str) -> PendingInteraction:
        """An interaction the fake built: its first response, follow-ups and timings."""
        return self._interactions[str(interaction_id)]

    def dm_channel_id(self, user_id: int) -> str | None:
        return self._dm_channels.get(str(user_id))

    async def wait_for_request(
        self, method: str, route: str, *, count: int = 1, timeout: float = 5.0
    ) -> RecordedRequest:
        """The ``count``-th answered request to ``method`` ``route`` (earlier ones count)."""
        return await self._wait(
            lambda: self._nth([r for r in self.requests_to(method, route) if r.status], count),
            timeout,
            f"{count} answered {method} {route}",
        )

    async def wait_for_callback(self, interaction_id: int | str, timeout: float = 5.0) -> Json:
        """The body the bot POSTed to this interaction's callback endpoint."""

        def body() -> Json | None:
            interaction = self._interactions.get(str(interaction_id))
            return interaction.callback if interaction else None

        return await self._wait(body, timeout, f"callback for interaction {interaction_id}")

    async def wait_for_gateway_op(self, op: int, *, count: int = 1, timeout: float = 5.0) -> Json:
        """The ``count``-th frame with opcode ``op`` the client sent, over all connections."""

        def frame() -> Json | None:
            frames = [f for c in self.gateway_connections for f in c.received if f.get("op") == op]
            return self._nth(frames, count)

        return await self._wait(frame, timeout, f"{count} gateway op {op} frame(s)")


def _request_pattern(method: str, route: str) -> re.Pattern[str]:
    """Matches the key "METHOD /path" of a request to ``method`` ``route``."""
    return re.compile(re.escape(method.upper() + " ") + route_pattern(route).pattern)
