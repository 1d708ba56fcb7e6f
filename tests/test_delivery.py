"""The outbox worker: delivers once, retries with backoff, honours Retry-After."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta

from bot.app import App
from bot.delivery import DeliveryError, DeliveryWorker
from storage import outbox
from storage.outbox import OutboundMessage
from tests.helpers import FakeClock


class RecordingSender:
    platform = "console"

    def __init__(self, failures: list[DeliveryError] | None = None) -> None:
        self.sent: list[str] = []
        self.failures = failures or []

    async def send(self, message: OutboundMessage) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append(message.body)


async def queue(app: App, body: str, platform: str = "console") -> None:
    async with app.db.transaction() as tx:
        await outbox.enqueue(
            tx, OutboundMessage(platform, "channel", "c1", body), not_before=app.services.clock()
        )


async def test_delivers_each_message_once(app: App, clock: FakeClock) -> None:
    sender = RecordingSender()
    worker = DeliveryWorker(app.db, {"console": sender}, clock)
    for n in range(3):
        await queue(app, f"m{n}")
    await queue(app, "for slack", platform="slack")
    assert await asyncio.gather(worker.deliver_due(), worker.deliver_due()) in ([3, 0], [0, 3])
    assert sender.sent == ["m0", "m1", "m2"]
    assert await worker.deliver_due() == 0


async def test_retry_after_and_backoff(app: App, clock: FakeClock) -> None:
    sender = RecordingSender([DeliveryError("429", retry_after=30), DeliveryError("503")])
    worker = DeliveryWorker(app.db, {"console": sender}, clock)
    await queue(app, "hello")
    assert await worker.deliver_due() == 0
    clock.advance(seconds=29)
    assert await worker.deliver_due() == 0
    clock.advance(seconds=1)
    assert await worker.deliver_due() == 0  # the 503, now backing off 4 s
    clock.advance(seconds=4)
    assert await worker.deliver_due() == 1
    assert sender.sent == ["hello"]


async def test_permanent_failure_stops_retrying(app: App, clock: FakeClock) -> None:
    sender = RecordingSender([DeliveryError("channel_not_found", permanent=True)])
    worker = DeliveryWorker(app.db, {"console": sender}, clock)
    await queue(app, "lost cause")
    await worker.deliver_due()
    clock.advance(days=2)
    assert await worker.deliver_due() == 0
    assert await outbox.pending_count(app.db) == 0


async def test_background_worker_wakes_when_a_message_is_queued(app: App, clock: FakeClock) -> None:
    sender = RecordingSender()
    app.add_sender(sender)
    await app.start_background(starters=(_no_features,))
    await queue(app, "wake up")
    for _ in range(200):
        if sender.sent:
            break
        await asyncio.sleep(0.01)
    assert sender.sent == ["wake up"]


async def _no_features(app: App) -> None:
    return None


def test_backoff_is_used_for_unexpected_errors() -> None:
    assert outbox.backoff(1) == timedelta(seconds=2)


class StuckSender:
    """A platform that never answers (a long inline retry, a hung connection)."""

    platform = "discord"

    def __init__(self) -> None:
        self.started = asyncio.Event()

    async def send(self, message: OutboundMessage) -> None:
        self.started.set()
        await asyncio.Event().wait()


async def test_a_stuck_platform_does_not_hold_up_another(app: App, clock: FakeClock) -> None:
    stuck, other = StuckSender(), RecordingSender()
    worker = DeliveryWorker(app.db, {"discord": stuck, "console": other}, clock)
    running = asyncio.create_task(worker.run())
    try:
        await queue(app, "to discord", platform="discord")
        await asyncio.wait_for(stuck.started.wait(), 5)
        await queue(app, "to the console")
        for _ in range(300):
            if other.sent:
                break
            await asyncio.sleep(0.01)
        assert other.sent == ["to the console"]
    finally:
        running.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await running
