"""A real local fake of Slack that the real slack-bolt / slack-sdk clients talk to.

One aiohttp server on 127.0.0.1 (random port) plays three parts of Slack:

* the Web API under ``/api/{method}`` (point ``AsyncWebClient(base_url=fake.api_url)`` at it),
* the Socket Mode websocket whose URL ``apps.connections.open`` hands out,
* a sink for ``response_url`` POSTs (what bolt's ``respond()`` sends).

Nothing inside the libraries is patched: only base URLs point here. The builders
in `requests` produce signed HTTP requests and Socket Mode payloads shaped like Slack's.
"""

from __future__ import annotations

import json
import uuid
from typing import Self

from aiohttp import WSCloseCode, web

from bot.testing.fakes.slack.model import RESPONSE_URL_MAX_USES, JsonDict, ResponseSink, sink_id
from bot.testing.fakes.slack.socket_mode import SlackSocketMode


class FakeSlack(SlackSocketMode):
    """``async with FakeSlack() as fake:`` starts the server; leaving the block stops it.

    Built in layers, one module each: `state` (the workspace and what it
    records), `web_api`, `socket_mode`, and this one, the lifecycle and the
    response_url sink. Requests Slack sends the bot are built in `requests`.
    """

    # ---- lifecycle ------------------------------------------------------------------

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def start(self) -> None:
        app = web.Application()
        app.add_routes(
            [
                web.route("*", "/api/{method}", self._handle_api),
                web.post("/response/{sink_id}", self._handle_response_url),
                web.get("/socket", self._handle_socket),
            ]
        )
        self._runner = web.AppRunner(app, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def close(self) -> None:
        # Open websockets would keep runner.cleanup() waiting for their handlers.
        for sock in list(self._sockets):
            await sock.ws.close(code=WSCloseCode.GOING_AWAY)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # ---- test controls: response_url sink -------------------------------------------

    def new_response_url(self) -> str:
        sink_id = uuid.uuid4().hex
        self._sinks[sink_id] = ResponseSink()
        return f"{self.base_url}response/{sink_id}"

    def responses(self, id_or_url: str) -> list[JsonDict]:
        return list(self._sinks[sink_id(id_or_url)].bodies)

    async def wait_for_response(
        self,
        id_or_url: str,
        timeout: float = 5.0,
        count: int = 1,
    ) -> JsonDict:
        """Wait for the ``count``-th body posted to a response_url and return it."""
        sink = self._sinks[sink_id(id_or_url)]
        await self._wait_until(lambda: len(sink.bodies) >= count, timeout, id_or_url)
        return sink.bodies[count - 1]

    # ---- internals: response_url sink -----------------------------------------------

    async def _handle_response_url(self, request: web.Request) -> web.Response:
        sink = self._sinks.get(request.match_info["sink_id"])
        if sink is None:
            return web.Response(status=404, text="expired_url")
        if len(sink.bodies) >= RESPONSE_URL_MAX_USES:
            return web.Response(status=404, text="used_url")
        try:
            body = await request.json()
        except json.JSONDecodeError:
            return web.Response(status=400, text="invalid_payload")
        if not (body.get("text") or body.get("blocks") or body.get("delete_original")):
            return web.Response(status=400, text="no_text")
        sink.bodies.append(body)
        await self._notify()
        return web.Response(text="ok")
