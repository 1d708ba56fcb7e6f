"""A small local chat platform that rate-limits like the real ones, and the sender that posts to it.

``POST /channels/{id}/messages`` with ``{"content": ..., "nonce": ...}``. A
channel answers first what a test scripted for it (`answer`: 429 with a
wait, 5xx), then, with ``rate`` set, takes at most ``rate`` messages in any
one-second window and answers the rest with 429, a JSON ``retry_after``
(seconds, fractional) and a ``Retry-After`` header, the way Discord does.
``GET /_log`` lists every accepted message and how many were refused.

In a test: ``async with ChannelPlatform() as platform``. For the benchmark,
as its own process (its CPU stays out of the figures)::

    python -m bot.testing.fakes.channel_platform --rate 5

prints one JSON line, ``{"ports": [port]}``, once it listens, and stops when
its standard input closes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Self

import aiohttp
from aiohttp import web

from bot.delivery import DeliveryError
from bot.testing.fakes.rate_limits import Refusal, Scripted, Window
from commands.markup import plain
from storage.outbox.queue import OutboundMessage

POSTS = "/channels/{channel}/messages"
LOG = "/_log"


@dataclass(frozen=True)
class Post:
    channel: str
    nonce: str
    content: str


class ChannelPlatform:
    """The platform; ``rate`` messages per channel per second (None: no limit but the script)."""

    def __init__(self, rate: int | None = None) -> None:
        self.window = Window(rate) if rate else None
        self.script: Scripted[Refusal] = Scripted()
        #: Accepted messages, in the order they arrived.
        self.posts: list[Post] = []
        #: Requests per channel, refused ones included.
        self.requests: dict[str, int] = defaultdict(int)
        #: Requests answered 429 by the window (scripted refusals not counted).
        self.limited = 0
        self.port = 0
        self._runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def answer(self, channel: str, *refusals: Refusal) -> None:
        """The channel's next requests get these answers, one each, before any is accepted."""
        for refusal in refusals:
            self.script.add(channel, refusal)

    def accepted(self, channel: str) -> list[str]:
        """The content of each message the channel accepted, in order."""
        return [post.content for post in self.posts if post.channel == channel]

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post(POSTS, self._post)
        app.router.add_get(LOG, self._log)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = self._runner.addresses[0][1]

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _post(self, request: web.Request) -> web.Response:
        channel = request.match_info["channel"]
        self.requests[channel] += 1
        refusal = self.script.take(channel)
        if refusal is None and self.window is not None:
            wait = self.window.wait_needed(channel, time.monotonic())
            if wait > 0:
                self.limited += 1
                refusal = Refusal(429, round(wait, 3))
        if refusal is not None:
            return _refused(refusal)
        payload = await request.json()
        post = Post(channel, str(payload.get("nonce")), str(payload.get("content")))
        self.posts.append(post)
        return web.json_response({"id": str(len(self.posts))})

    async def _log(self, request: web.Request) -> web.Response:
        accepted = [{"channel": p.channel, "nonce": p.nonce, "content": p.content} for p in self.posts]
        return web.json_response({"accepted": accepted, "limited": self.limited})


def _refused(refusal: Refusal) -> web.Response:
    if refusal.retry_after is None:
        return web.json_response({}, status=refusal.status)
    headers = {"Retry-After": str(math.ceil(refusal.retry_after))}
    return web.json_response({"retry_after": refusal.retry_after}, status=refusal.status, headers=headers)


class ChannelSender:
    """Posts outbox messages to the platform: 429 and 5xx are worth retrying, other 4xx are not."""

    def __init__(self, platform: str, base_url: str, session: aiohttp.ClientSession) -> None:
        self.platform = platform
        self.base_url = base_url
        self.session = session

    async def send(self, message: OutboundMessage) -> None:
        url = f"{self.base_url}/channels/{message.target_id}/messages"
        text = f"{message.title}\n{message.body}" if message.title else message.body
        payload = {"content": plain(text), "nonce": str(message.id)}
        async with self.session.post(url, json=payload) as response:
            if response.status == 429:
                answer: dict[str, Any] = await response.json()
                raise DeliveryError("rate limited", retry_after=float(answer["retry_after"]))
            if response.status >= 500:
                raise DeliveryError(f"platform error {response.status}")
            if response.status >= 400:
                raise DeliveryError(f"refused with {response.status}", permanent=True)


async def serve(rate: int) -> None:
    """Run the platform until standard input closes (the benchmark's child process)."""
    async with ChannelPlatform(rate) as platform:
        print(json.dumps({"ports": [platform.port]}), flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


def main() -> None:
    parser = argparse.ArgumentParser(description="a rate-limiting local chat platform")
    parser.add_argument("--rate", type=int, required=True, help="messages per channel per second")
    asyncio.run(serve(parser.parse_args().rate))


if __name__ == "__main__":
    main()
