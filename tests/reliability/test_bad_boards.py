"""Job boards that fail, send garbage, cut off or trickle never stop the bot.

A real local server plays six boards: one good, one that trickles a byte at
a time and never finishes, one that sends random bytes, one that sends an
HTML error page with 200, one that promises a long body and hangs up, and
one that answers 500. The real poller polls them all: the trickle times out,
each bad board records a one-line error and backs off, the good board is
stored, and the bot answers commands while the trickle is still going.
"""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Self

import pytest
from aiohttp import web

from bot.app import App
from bot.jobs.poller import Poller
from bot.jobs.poller_settings import PollerSettings
from bot.testing.clock import FakeClock
from bot.testing.people import CHANNEL, actor
from storage.jobs.sources import SourceDraft

GOOD_JOBS = {
    "jobs": [
        {
            "id": 1,
            "title": "Machine Learning Engineer",
            "absolute_url": "https://jobs.example.org/good/1",
            "location": {"name": "Burbank, CA"},
            "company_name": "Good Pictures",
            "content": "&lt;p&gt;Models for audiences.&lt;/p&gt;",
        }
    ]
}
BAD = ("trickle", "garbage", "html", "cutoff", "error")
TRICKLE_LIMIT = 60  # bytes; at a byte per 0.2 s, far past the poller's 1 s timeout


@dataclass
class BadBoards:
    port: int = 0
    #: True while the trickling board is still sending (it stops when the client hangs up).
    trickling: bool = False
    trickle_started: asyncio.Event = field(default_factory=asyncio.Event)
    _runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def __aenter__(self) -> Self:
        app = web.Application()
        app.router.add_get("/v1/boards/good/jobs", self._good)
        app.router.add_get("/v1/boards/trickle/jobs", self._trickle)
        app.router.add_get("/v1/boards/garbage/jobs", self._garbage)
        app.router.add_get("/v1/boards/html/jobs", self._html)
        app.router.add_get("/v1/boards/cutoff/jobs", self._cutoff)
        app.router.add_get("/v1/boards/error/jobs", self._error)
        self._runner = web.AppRunner(app, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = self._runner.addresses[0][1]
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _good(self, request: web.Request) -> web.Response:
        return web.json_response(GOOD_JOBS)

    async def _error(self, request: web.Request) -> web.Response:
        return web.json_response({"error": "boom"}, status=500)

    async def _trickle(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        await response.prepare(request)
        self.trickling = True
        self.trickle_started.set()
        try:
            for byte in json.dumps(GOOD_JOBS).encode()[:TRICKLE_LIMIT]:
                await response.write(bytes([byte]))
                await asyncio.sleep(0.2)
        except (ConnectionError, RuntimeError):
            pass  # the poller gave up and hung up, as it should
        finally:
            self.trickling = False
        return response

    async def _garbage(self, request: web.Request) -> web.Response:
        noise = random.Random(7).randbytes(4096)
        return web.Response(body=noise, content_type="application/json")

    async def _html(self, request: web.Request) -> web.Response:
        return web.Response(text="<html><body>Service Unavailable</body></html>", content_type="text/html")

    async def _cutoff(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={"Content-Type": "application/json", "Content-Length": "100000"}
        )
        await response.prepare(request)
        await response.write(b'{"jobs": [{"id": 1, "title": "Mach')
        assert request.transport is not None
        request.transport.close()  # hang up mid-body
        return response


@pytest.fixture
async def boards() -> AsyncIterator[BadBoards]:
    async with BadBoards() as server:
        yield server


def source(boards: BadBoards, board: str) -> SourceDraft:
    return SourceDraft(
        name=board, company=f"{board.title()} Pictures", board_type="greenhouse", board=board,
        base_url=boards.base_url, interval_minutes=30,
    )  # fmt: skip


async def test_bad_boards_time_out_or_fail_alone_and_the_bot_keeps_answering(
    app: App, clock: FakeClock, boards: BadBoards
) -> None:
    drafts = tuple(source(boards, board) for board in ("trickle", *BAD[1:], "good"))
    settings = PollerSettings(sources=drafts, request_timeout=1.0, source_timeout=5.0, concurrency=6)
    poller = Poller(app.db, settings, clock=clock, rng=random.Random(1))
    try:
        await poller.sync()
        cycle = asyncio.create_task(poller.run_cycle())
        await asyncio.wait_for(boards.trickle_started.wait(), 10)

        # The trickle is still going, and the bot answers a member all the same.
        reply = await app.dispatcher.handle_text(actor(), CHANNEL, "/help")
        assert not reply.is_error and reply.title == "picketbot commands"
        assert boards.trickling and not cycle.done()

        report = await asyncio.wait_for(cycle, 30)
    finally:
        await poller.close()

    status = {outcome.source: outcome.status for outcome in report.outcomes}
    assert status == {**dict.fromkeys(BAD, "error"), "good": "first"}
    errors = {o.source: o.error or "" for o in report.outcomes if o.status == "error"}
    assert "timed out" in errors["trickle"]
    for board, message in errors.items():
        assert message and "\n" not in message and len(message) < 300, (board, message)
    assert not boards.trickling  # the poller hung up on it
    stored = await app.db.fetchval("SELECT count(*) FROM job_listings")
    assert stored == 1  # the good board's one listing, nothing half-read from the others
    for board in BAD:
        row = await app.db.fetchone("SELECT * FROM job_sources WHERE name = ?", (board,))
        assert row is not None
        assert row["consecutive_failures"] == 1 and row["next_poll_at"] > clock.now.isoformat()
