"""Scenario (PostgreSQL only): the Discord sign-up storm against one and two `picketbot run`s.

`picketbot bench --only multi_instance --db postgresql://…`. Each run gets a
scratch schema (`bot.bench.postgres`) with one shift of half as many places
as members; `members` signed Sign-up clicks go at once to the instances'
Interactions Endpoints, spread round-robin (`multi_run`). For one instance
and for two: answers per second and p99 from the first click, and a check
that exactly the places were confirmed.

On a machine with two cores this shows what sharing one database costs, not
how the bot scales: two instances split the same two cores, and every
sign-up transaction still takes the one writers' turn (an advisory lock) on
the server. Several instances are for staying up (docs/multi-instance.md).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import asyncpg

from bot.bench import postgres as pg
from bot.bench.common import Sizes, median, percentile, scratch
from bot.bench.discord_run import FIRST_MEMBER_ID, _prepare, _signup_id
from bot.bench.multi_run import Instance, storm, until_listening
from bot.bench.report import ScenarioResult
from bot.testing.fakes.discord import DEFAULT_CHANNEL_ID, FakeDiscord

COUNTS = (1, 2)
START_TIMEOUT = 120.0


async def run_postgres(sizes: Sizes, address: str) -> ScenarioResult:
    result = ScenarioResult("multi_instance", "several instances on one PostgreSQL")
    with scratch("multi") as work:
        for count in COUNTS:
            runs = [
                await _one(address, count, sizes.discord_members, work / f"{count}-{n}")
                for n in range(sizes.discord_storms)
            ]
            rates = [rate for rate, _, _ in runs]
            p99s = [p99 for _, p99, _ in runs]
            result.add(f"{count} instance(s): sign-ups/s", median(rates), "clicks/s", better="higher")
            result.add(f"{count} instance(s): p99 from first click", median(p99s), "ms")
            places = sizes.discord_members // 2
            result.checks[f"{count} instance(s): exactly {places:,} confirmed"] = all(
                c == places for _, _, c in runs
            )
            result.notes.append(
                f"{count} instance(s): {len(runs)} storm(s), sign-ups/s {min(rates):,.0f}–{max(rates):,.0f},"
                f" p99 {min(p99s):,.0f}–{max(p99s):,.0f} ms"
            )
    result.notes.append(
        f"{sizes.discord_members:,} signed clicks for {sizes.discord_members // 2:,} places, spread over the"
        " instances at once. On a 2-core machine this is the cost of sharing one database, not scaling:"
        " the instances share the cores and every sign-up takes the same writers' turn on the server"
    )
    return result


async def _one(address: str, count: int, members: int, work: Path) -> tuple[float, float, int]:
    """One storm on `count` instances in a fresh schema: sign-ups per second, p99 (ms), confirmed."""
    async with pg.scratch_schema(address) as where:
        await _prepare(where, members // 2)
        async with FakeDiscord() as fake:
            instances: list[Instance] = []
            try:
                for n in range(count):
                    instances.append(await Instance.start(fake, where, work / f"bot{n}"))
                route = f"/channels/{DEFAULT_CHANNEL_ID}/messages"
                await fake.wait_for_request("POST", route, timeout=START_TIMEOUT)
                for n, instance in enumerate(instances):
                    await until_listening(fake, instance, FIRST_MEMBER_ID - 1 - 10_000 * n)
                [post] = [m for m in fake.channel_messages(DEFAULT_CHANNEL_ID) if m["components"]]
                signup = _signup_id(fake, str(post["id"]))
                sent = [
                    fake.build_interaction(
                        custom_id=signup, user_id=FIRST_MEMBER_ID + i, message_id=str(post["id"])
                    )
                    for i in range(members)
                ]
                fates = await storm(fake, instances, sent, Counter())
            finally:
                await asyncio.gather(*(instance.stop() for instance in instances))
        confirmed = await _confirmed(where)
    answered = [f for f in fates if f is not None and f.answered_at is not None]
    if not answered:
        raise RuntimeError("no click was answered")
    first = min(f.sent_at for f in fates if f is not None)
    times = [f.answered_at - first for f in answered if f.answered_at is not None]
    return len(times) / max(times), percentile(times, 0.99) * 1000, confirmed


async def _confirmed(address: str) -> int:
    conn = await asyncpg.connect(address)
    try:
        return int(await conn.fetchval("SELECT count(*) FROM signups WHERE status = 'confirmed'"))
    finally:
        await conn.close()
