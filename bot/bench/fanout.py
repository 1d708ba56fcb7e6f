"""Scenario 4: alert fan-out through the outbox to a platform that rate-limits.

Boards served locally gain new AI listings between two poll cycles; the
poller groups them per channel into as few messages as fit (its own
grouping, bot/jobs/alerts.py) and queues them in the outbox. The delivery
worker then sends them to a local platform that takes at most N messages
per channel per second and answers 429 with Retry-After beyond that. Every
message must arrive exactly once, every listing exactly once per channel,
and the time is compared with the rate-limit floor: messages / (channels × rate).
"""

from __future__ import annotations

import asyncio
import math
import re
import time
from collections import Counter
from datetime import UTC, datetime

import aiohttp

from bot.app import App, open_app
from bot.bench.child import child_server
from bot.bench.common import Sizes, scratch
from bot.bench.jobboards import (
    AI_PER_BOARD,
    BOARD_SERVER,
    JOBS_PER_BOARD,
    board_sources,
    make_poller,
    next_round,
)
from bot.bench.report import ScenarioResult
from bot.config.loading import load_config
from bot.delivery import DeliveryWorker
from bot.testing.clock import FakeClock
from bot.testing.fakes.channel_platform import LOG, ChannelSender
from bot.testing.fakes.jobboards.studios import ADVANCE
from storage.jobs.subscriptions import Subscription

PLATFORM = "bench"
#: The rate-limiting platform, run as a child process.
PLATFORM_SERVER = "bot.testing.fakes.channel_platform"
#: New AI listings per board in the second version of each board.
NEW_PER_BOARD = 25
_LISTING_URL = re.compile(r"https://jobs\.example\.org/\S+")


async def run(sizes: Sizes) -> ScenarioResult:
    result = ScenarioResult("fanout", "alert fan-out")
    boards = max(1, sizes.listings // NEW_PER_BOARD)
    new_per_board = sizes.listings // boards
    board_args = ["--boards", str(boards), "--hosts", "1", "--jobs", str(JOBS_PER_BOARD)]
    board_args += ["--ai", str(AI_PER_BOARD), "--new-ai", str(new_per_board)]
    async with (
        child_server(BOARD_SERVER, *board_args) as board_server,
        child_server(PLATFORM_SERVER, "--rate", str(sizes.channel_rate)) as platform,
        aiohttp.ClientSession() as session,
    ):
        with scratch("fanout") as work:
            clock = FakeClock()
            app = await open_app(load_config(db_path=str(work / "fanout.db"), env={}), clock=clock)
            try:
                ports = board_server["ports"]
                await _queue_alerts(app, clock, sizes, boards, ports, session)
                base = f"http://127.0.0.1:{platform['ports'][0]}"
                await _deliver_and_report(app, clock, sizes, ChannelSender(PLATFORM, base, session), result)
                await _check_platform_log(app, session, base, sizes, result)
            finally:
                await app.close()
    result.notes.append(
        f"{boards * new_per_board:,} new AI listings on {boards} board(s) to {sizes.channels} channels, "
        f"grouped by the poller's alerts; the platform takes {sizes.channel_rate} messages per channel per second"
    )
    return result


async def _queue_alerts(
    app: App, clock: FakeClock, sizes: Sizes, boards: int, ports: list[int], session: aiohttp.ClientSession
) -> None:
    """First cycle records the boards (no alerts); then every board gains new AI listings."""
    channels = tuple(Subscription(PLATFORM, f"alerts-{i}", None) for i in range(sizes.channels))
    poller = make_poller(app.db, clock, board_sources(boards, ports), channels)
    try:
        await poller.sync()
        await poller.run_cycle()
        async with session.post(f"http://127.0.0.1:{ports[0]}{ADVANCE}") as response:
            response.raise_for_status()
        next_round(clock)
        await poller.run_cycle()
    finally:
        await poller.close()


async def _deliver_and_report(
    app: App, clock: FakeClock, sizes: Sizes, sender: ChannelSender, result: ScenarioResult
) -> None:
    # Alerts, and the poller's one-line notices about sources, to the same channels.
    messages = int(await app.db.fetchval("SELECT count(*) FROM outbox"))
    offset = clock.now - datetime.now(UTC)  # the worker's clock runs on from the poller's
    delivered_at: list[float] = []
    worker = DeliveryWorker(
        app.db,
        {PLATFORM: sender},
        lambda: datetime.now(UTC) + offset,
        on_delivered=lambda _message: delivered_at.append(time.perf_counter()),
    )
    floor = await _rate_limit_floor(app, sizes.channel_rate)
    started = time.perf_counter()
    task = asyncio.create_task(worker.run(), name="bench-delivery")
    try:
        await _until_delivered(app, messages, delivered_at, deadline=started + 5 * floor + 60)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    seconds = (delivered_at[-1] if delivered_at else time.perf_counter()) - started
    result.add("messages", messages, "")
    result.add("delivery time", seconds, "s")
    result.add("rate-limit floor", floor, "s")
    result.add("time / floor", seconds / floor if floor else 0.0, "")
    given_up = int(await app.db.fetchval("SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL"))
    result.checks["none given up, none left"] = given_up == 0 and len(delivered_at) == messages


async def _rate_limit_floor(app: App, rate: int) -> float:
    """The least time the platform's limit allows: a channel with n messages needs ceil(n / rate) - 1
    seconds (`rate` go at once, then `rate` more each second); about messages / (channels × rate)."""
    rows = await app.db.fetchall("SELECT count(*) AS n FROM outbox GROUP BY target_id")
    return max((math.ceil(int(row["n"]) / rate) - 1 for row in rows), default=0)


async def _until_delivered(app: App, messages: int, delivered_at: list[float], *, deadline: float) -> None:
    while len(delivered_at) < messages and time.perf_counter() < deadline:
        failed = int(await app.db.fetchval("SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL"))
        if failed:
            return  # a message was given up on: it will never arrive
        await asyncio.sleep(0.05)


async def _check_platform_log(
    app: App, session: aiohttp.ClientSession, base: str, sizes: Sizes, result: ScenarioResult
) -> None:
    async with session.get(f"{base}{LOG}") as response:
        log = await response.json()
    accepted: list[dict[str, str]] = log["accepted"]
    ids = [int(row["id"]) for row in await app.db.fetchall("SELECT id FROM outbox")]
    nonces = Counter(message["nonce"] for message in accepted)
    result.checks["each message delivered exactly once"] = sorted(nonces) == sorted(map(str, ids)) and set(
        nonces.values()
    ) == {1}
    urls = {
        row["url"]
        for row in await app.db.fetchall("SELECT url FROM job_listings WHERE alerted_at IS NOT NULL")
    }
    per_channel: dict[str, Counter[str]] = {}
    for message in accepted:
        per_channel.setdefault(message["channel"], Counter()).update(_LISTING_URL.findall(message["content"]))
    result.checks["each listing once in each channel"] = len(per_channel) == sizes.channels and all(
        set(seen) == urls and set(seen.values()) == {1} for seen in per_channel.values()
    )
    result.add("new AI listings alerted", len(urls), "")
    result.add("429 answers", log["limited"], "")
