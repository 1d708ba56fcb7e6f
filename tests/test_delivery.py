"""The outbox worker: delivers once, retries with backoff, honours Retry-After."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta

from bot.app import App
from bot.delivery import SEND_BACKOFF, DeliveryError, DeliveryWorker
from bot.testing.clock import FakeClock
from bot.testing.senders import RecordingSender, SlowSender, StuckSender
from commands.context import utc_now
from storage.outbox import claims
from storage.outbox import queue as outbox
from storage.outbox.queue import OutboundMessage


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
    assert sender.bodies == ["m0", "m1", "m2"]
    assert await worker.deliver_due() == 0


async def test_retry_after_and_backoff(app: App, clock: FakeClock) -> None:
    sender = RecordingSender(failures=[DeliveryError("429", retry_after=30), DeliveryError("503")])
    worker = DeliveryWorker(app.db, {"console": sender}, clock)
    await queue(app, "hello")
    assert await worker.deliver_due() == 0
    clock.advance(seconds=29)
    assert await worker.deliver_due() == 0
    clock.advance(seconds=1)
    assert await worker.deliver_due() == 0  # the 503, now backing off 4 s
    clock.advance(seconds=4)
    assert await worker.deliver_due() == 1
    assert sender.bodies == ["hello"]


async def test_permanent_failure_stops_retrying(app: App, clock: FakeClock) -> None:
    sender = RecordingSender(failures=[DeliveryError("channel_not_found", permanent=True)])
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
    assert sender.bodies == ["wake up"]


async def _no_features(app: App) -> None:
    return None


def test_backoff_is_used_for_unexpected_errors() -> None:
    assert SEND_BACKOFF.wait(1) == timedelta(seconds=2)


async def test_a_stuck_platform_does_not_hold_up_another(app: App, clock: FakeClock) -> None:
    stuck, other = StuckSender("discord"), RecordingSender()
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
        assert other.bodies == ["to the console"]
    finally:
        running.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await running


async def test_a_claimed_message_waits_for_its_holder_until_the_lease_runs_out(
    app: App, clock: FakeClock
) -> None:
    await queue(app, "one claim")
    lease = timedelta(seconds=30)
    held = await claims.claim_due(app.db, "elsewhere|1|2|x|1/1", "console", clock(), clock() + lease)
    assert [m.body for m in held.messages] == ["one claim"]
    sender, repeats = RecordingSender(), list[OutboundMessage]()
    worker = DeliveryWorker(
        app.db, {"console": sender}, clock, lease=lease, on_possible_repeat=repeats.append
    )
    assert await worker.deliver_due() == 0, "another process holds it"
    clock.advance(seconds=29)
    assert await worker.deliver_due() == 0
    clock.advance(seconds=1)
    assert await worker.deliver_due() == 1 and sender.bodies == ["one claim"]
    assert [m.body for m in repeats] == ["one claim"], "its holder may have sent it: counted"
    assert not await outbox.mark_sent(app.db, held.messages[0].id, clock(), claim=held.token)


async def test_a_send_longer_than_the_lease_keeps_its_claim(app: App) -> None:
    await queue(app, "slow one")
    lease = timedelta(seconds=0.3)
    slow, other = SlowSender(1.2), RecordingSender()
    first = DeliveryWorker(app.db, {"console": slow}, utc_now, lease=lease)
    second = DeliveryWorker(app.db, {"console": other}, utc_now, lease=lease)
    sending = asyncio.create_task(first.deliver_due())
    await asyncio.wait_for(slow.started.wait(), 5)
    while not sending.done():  # the first renews its lease all along: the second never gets it
        assert await second.deliver_due() == 0
        await asyncio.sleep(0.05)
    assert await sending == 1 and slow.bodies == ["slow one"] and other.bodies == []
