"""A local chat platform that rate-limits like the real ones, run as its own process.

``POST /channels/{id}/messages`` with ``{"content": ..., "nonce": ...}``
accepts at most ``--rate`` messages per channel in any one-second window and
answers the rest with 429, a JSON ``retry_after`` (seconds, fractional) and a
``Retry-After`` header, the way Discord does. ``GET /_bench/log`` returns
every accepted message and how many were refused. It prints one JSON line,
``{"ports": [port]}``, once it listens, and stops when its standard input closes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import sys
import time
from collections import deque
from dataclasses import dataclass, field

from aiohttp import web


@dataclass
class Platform:
    rate: int
    accepted: list[dict[str, str]] = field(default_factory=list)
    limited: int = 0
    _recent: dict[str, deque[float]] = field(default_factory=dict)

    def wait_needed(self, channel: str, now: float) -> float:
        """0 if `channel` may post now (and counts the post), else the seconds to wait."""
        recent = self._recent.setdefault(channel, deque())
        while recent and recent[0] <= now - 1.0:
            recent.popleft()
        if len(recent) >= self.rate:
            return recent[0] + 1.0 - now
        recent.append(now)
        return 0.0


def platform_app(platform: Platform) -> web.Application:
    async def post(request: web.Request) -> web.Response:
        channel = request.match_info["channel"]
        wait = platform.wait_needed(channel, time.monotonic())
        if wait > 0:
            platform.limited += 1
            headers = {"Retry-After": str(math.ceil(wait))}
            return web.json_response({"retry_after": round(wait, 3)}, status=429, headers=headers)
        payload = await request.json()
        platform.accepted.append(
            {"channel": channel, "nonce": str(payload.get("nonce")), "content": str(payload.get("content"))}
        )
        return web.json_response({"id": str(len(platform.accepted))})

    async def log(request: web.Request) -> web.Response:
        return web.json_response({"accepted": platform.accepted, "limited": platform.limited})

    app = web.Application()
    app.router.add_post("/channels/{channel}/messages", post)
    app.router.add_get("/_bench/log", log)
    return app


async def serve(rate: int) -> None:
    runner = web.AppRunner(platform_app(Platform(rate)), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    print(json.dumps({"ports": [runner.addresses[0][1]]}), flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await runner.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description="a rate-limiting local chat platform")
    parser.add_argument("--rate", type=int, required=True, help="messages per channel per second")
    asyncio.run(serve(parser.parse_args().rate))


if __name__ == "__main__":
    main()
