"""Platforms that answer 429 or 5xx, or are not there at all, never stop delivery.

A rate-limited channel waits as told, with its other messages behind it in
order, and waiting never counts towards giving up; a failing channel retries
with backoff; every other channel keeps going.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest

from bot.app import App
from bot.delivery import DeliveryWorker
from bot.testing.clock import FakeClock
from bot.testing.fakes.channel_platform import ChannelPlatform, ChannelSender
from bot.testing.fakes.rate_limits import Refusal
from storage.outbox import queue as outbox
from storage.outbox.queue import MAX_ATTEMPTS, OutboundMessage


@pytest.fixture
async def platform() -> AsyncIterator[ChannelPlatform]:
    async with ChannelPlatform() as fake:
        yield fake


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client:
        yield client


async def queue(app: App, channel: str, body: str, platform: str = "chat") -> int:
    async with app.db.transaction() as tx:
        message_id = await outbox.enqueue(
            tx, OutboundMessage(platform, "channel", channel, body), not_before=app.services.clock()
        )
    assert message_id is not None
    return message_id


async def row(app: App, message_id: int) -> dict[str, object]:
    found = await app.db.fetchone("SELECT * FROM outbox WHERE id = ?", (message_id,))
    assert found is not None
    return dict(found)


async def test_a_rate_limited_channel_waits_in_order_while_others_go_on(
    app: App, clock: FakeClock, platform: ChannelPlatform, session: aiohttp.ClientSession
) -> None:
    worker = DeliveryWorker(app.db, {"chat": ChannelSender("chat", platform.base_url, session)}, clock)
    platform.answer("busy", Refusal(429, retry_after=30))
    ids = [await queue(app, "busy", "b1"), await queue(app, "calm", "c1")]
    ids += [await queue(app, "busy", "b2"), await queue(app, "calm", "c2"), await queue(app, "busy", "b3")]

    assert await worker.deliver_due() == 2
    assert platform.accepted("calm") == ["c1", "c2"]
    assert platform.requests["busy"] == 1  # b2 and b3 waited with b1 instead of being refused too
    for message_id in (ids[0], ids[2], ids[4]):
        held = await row(app, message_id)
        assert held["not_before"] == (clock.now + timedelta(seconds=30)).isoformat(timespec="seconds")
        assert (held["attempts"], held["failed_at"]) == (0, None)

    clock.advance(seconds=30)
    assert await worker.deliver_due() == 3
    assert platform.accepted("busy") == ["b1", "b2", "b3"]


async def test_waiting_on_rate_limits_never_gives_a_message_up(
    app: App, clock: FakeClock, platform: ChannelPlatform, session: aiohttp.ClientSession
) -> None:
    worker = DeliveryWorker(app.db, {"chat": ChannelSender("chat", platform.base_url, session)}, clock)
    platform.answer("busy", *[Refusal(429, retry_after=5)] * (MAX_ATTEMPTS + 3))
    message_id = await queue(app, "busy", "finally")
    for _ in range(MAX_ATTEMPTS + 3):
        assert await worker.deliver_due() == 0
        clock.advance(seconds=5)
    assert await worker.deliver_due() == 1
    assert platform.accepted("busy") == ["finally"]
    assert (await row(app, message_id))["failed_at"] is None


async def test_server_errors_back_off_and_every_message_arrives_once(
    app: App, clock: FakeClock, platform: ChannelPlatform, session: aiohttp.ClientSession
) -> None:
    worker = DeliveryWorker(app.db, {"chat": ChannelSender("chat", platform.base_url, session)}, clock)
    platform.answer("flaky", Refusal(503), Refusal(500), Refusal(502))
    for n in range(3):
        await queue(app, "flaky", f"f{n}")
        await queue(app, "calm", f"c{n}")

    assert await worker.deliver_due() == 3  # the three calm ones; each flaky one failed once
    for _ in range(6):
        clock.advance(minutes=1)
        await worker.deliver_due()
    assert sorted(platform.accepted("flaky")) == ["f0", "f1", "f2"]
    assert platform.accepted("calm") == ["c0", "c1", "c2"]
    assert await outbox.pending_count(app.db) == 0
    assert await app.db.fetchval("SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL") == 0


async def test_a_platform_that_is_down_does_not_stop_the_worker(
    app: App, clock: FakeClock, platform: ChannelPlatform, session: aiohttp.ClientSession
) -> None:
    # Nothing listens on the "down" platform's port: every send is a refused connection,
    # which is not a DeliveryError at all (the worker's catch-all for the unexpected).
    closed = ChannelPlatform()
    async with closed:
        dead_url = closed.base_url
    senders = {
        "chat": ChannelSender("chat", platform.base_url, session),
        "down": ChannelSender("down", dead_url, session),
    }
    worker = DeliveryWorker(app.db, senders, clock)
    lost = await queue(app, "alerts", "to nowhere", platform="down")
    task = asyncio.create_task(worker.run())
    try:
        await queue(app, "alerts", "still delivered")
        async with asyncio.timeout(10):
            while not platform.accepted("alerts") or not (await row(app, lost))["attempts"]:
                await asyncio.sleep(0.01)
        assert not task.done()
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    assert platform.accepted("alerts") == ["still delivered"]
    down = await row(app, lost)
    assert down["sent_at"] is None and down["failed_at"] is None
    assert "Connect" in str(down["last_error"])
