"""A local chat platform whose channels answer as scripted: 429 with Retry-After, 5xx, or 200.

A real aiohttp server on 127.0.0.1 and a Sender that posts to it, so the
delivery worker meets real HTTP errors instead of a stub.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Self

import aiohttp
from aiohttp import web

from bot.delivery import DeliveryError
from storage.outbox.queue import OutboundMessage


@dataclass
class Answer:
    status: int
    retry_after: float | None = None


@dataclass
class ScriptedPlatform:
    #: Per channel, answers to give before accepting (popped one per request).
    script: dict[str, list[Answer]] = field(default_factory=lambda: defaultdict(list))
    #: Accepted message bodies per channel, in the order they arrived.
    accepted: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    requests: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    port: int = 0
    _runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def answer(self, channel: str, *answers: Answer) -> None:
        self.script[channel].extend(answers)

    async def __aenter__(self) -> Self:
        app = web.Application()
        app.router.add_post("/channels/{channel}/messages", self._post)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = self._runner.addresses[0][1]
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _post(self, request: web.Request) -> web.Response:
        channel = request.match_info["channel"]
        self.requests[channel] += 1
        if self.script[channel]:
            answer = self.script[channel].pop(0)
            headers = {} if answer.retry_after is None else {"Retry-After": str(answer.retry_after)}
            body = {} if answer.retry_after is None else {"retry_after": answer.retry_after}
            return web.json_response(body, status=answer.status, headers=headers)
        self.accepted[channel].append((await request.json())["content"])
        return web.json_response({"ok": True})


class HttpSender:
    """Posts to a platform like Discord's REST API; 429 and 5xx become DeliveryError."""

    def __init__(self, platform: str, base_url: str, session: aiohttp.ClientSession) -> None:
        self.platform = platform
        self.base_url = base_url
        self.session = session

    async def send(self, message: OutboundMessage) -> None:
        url = f"{self.base_url}/channels/{message.target_id}/messages"
        async with self.session.post(url, json={"content": message.body}) as response:
            if response.status == 429:
                raise DeliveryError("rate limited", retry_after=float((await response.json())["retry_after"]))
            if response.status >= 500:
                raise DeliveryError(f"platform error {response.status}")
            response.raise_for_status()
