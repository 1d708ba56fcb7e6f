"""The floor for the HTTP storm: an interactions endpoint that answers every POST at once.

Run as a child process (`bot.bench.child`): it reads each body and answers
with one fixed private message, checking nothing. The same signed clicks
sent here, right after each storm, show what the machine's HTTP client and
server alone cost at that moment; the bot's figures are read against it.
"""

from __future__ import annotations

import asyncio
import json
import sys

from aiohttp import web

ANSWER = {"type": 4, "data": {"content": "You're signed up.", "flags": 64, "allowed_mentions": {"parse": []}}}
BODY = json.dumps(ANSWER).encode()


async def answer(request: web.Request) -> web.Response:
    await request.read()
    return web.Response(body=BODY, content_type="application/json")


async def serve() -> None:
    app = web.Application()
    app.router.add_post("/discord/interactions", answer)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        print(json.dumps({"ports": [int(runner.addresses[0][1])]}), flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    finally:
        await runner.cleanup()


if __name__ == "__main__":
    asyncio.run(serve())
