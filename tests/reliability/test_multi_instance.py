"""Three `picketbot run` processes on one PostgreSQL, Discord over HTTP interactions, one SIGKILLed.

Issue 18, item 5. Each process serves its own Interactions Endpoint; 2,000
signed Sign-up clicks for a shift of 1,000 places are spread over them
round-robin, all at once, and the leader is killed with SIGKILL once a third
of the clicks are answered. Then:

- every acknowledged sign-up (an answer saying signed up, or waitlisted) is
  in the database with that status, and the shift is not over capacity;
- leadership (the reminder scheduler and poller) moves to a survivor within
  30 s;
- every outbox message is delivered (none pending or failed), and a message
  posted twice carries the same nonce (Discord drops the repeat) and can
  only be one the killed process had in flight: at most one.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections import Counter
from pathlib import Path

import asyncpg
import pytest

from bot.bench.discord_run import FIRST_MEMBER_ID, _prepare, _signup_id
from bot.bench.multi_run import Instance, storm, until_listening
from bot.testing.fakes.discord import DEFAULT_CHANNEL_ID, FakeDiscord, SentInteraction
from bot.testing.postgres import Databases
from storage.database import Database
from storage.outbox import queue as outbox
from storage.outbox.queue import OutboundMessage

CLICKS = 2_000
PLACES = 1_000
PROCESSES = 3
CONNECTIONS_EACH = 30
TAKEOVER_LIMIT = 30.0
ALERTS = 300


def reply_of(fake: FakeDiscord, click: SentInteraction) -> str:
    """What the member was told: the first response, or its follow-up when it was deferred."""
    pending = fake.interaction(click.id)
    if pending.callback is None:
        return ""
    if pending.callback.get("type") == 4:
        return json.dumps(pending.callback, ensure_ascii=False)
    return json.dumps(pending.followups[:1], ensure_ascii=False)


async def outbox_settled(address: str) -> tuple[int, int]:
    """Outbox messages still pending, and failed."""
    conn = await asyncpg.connect(address)
    try:
        pending = await conn.fetchval(
            "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"
        )
        failed = await conn.fetchval("SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL")
        return int(pending), int(failed)
    finally:
        await conn.close()


async def signups(address: str) -> dict[str, str]:
    conn = await asyncpg.connect(address)
    try:
        rows = await conn.fetch(
            "SELECT m.platform_user_id AS who, s.status FROM signups s JOIN members m ON m.id = s.member_id"
        )
        return {str(row["who"]): str(row["status"]) for row in rows}
    finally:
        await conn.close()


@pytest.mark.timeout(600)
async def test_three_processes_share_one_postgresql_through_a_sigkill(
    postgres_databases: Databases, tmp_path: Path
) -> None:
    address = await postgres_databases.create(seeded=True)
    try:
        await _prepare(address, PLACES)
        async with FakeDiscord() as fake:
            instances: list[Instance] = []
            try:
                await run_storm(fake, address, tmp_path, instances)
            finally:
                for instance in instances:
                    await instance.stop()
    finally:
        await postgres_databases.drop(address)


async def run_storm(fake: FakeDiscord, address: str, work: Path, instances: list[Instance]) -> None:
    route = f"/channels/{DEFAULT_CHANNEL_ID}/messages"
    for number in range(PROCESSES):
        instances.append(await Instance.start(fake, address, work / f"bot{number}"))
    await fake.wait_for_request("POST", route, timeout=120)
    for number, instance in enumerate(instances):
        await until_listening(fake, instance, FIRST_MEMBER_ID - 1 - 10_000 * number)
    async with asyncio.timeout(60):
        while "leader" not in (roles := [await i.role() for i in instances]):
            await asyncio.sleep(0.2)
    leader = instances[roles.index("leader")]
    survivors = [i for i in instances if i is not leader]
    [post] = [m for m in fake.channel_messages(DEFAULT_CHANNEL_ID) if m["components"]]
    signup = _signup_id(fake, str(post["id"]))
    sent = [
        fake.build_interaction(custom_id=signup, user_id=FIRST_MEMBER_ID + i, message_id=str(post["id"]))
        for i in range(CLICKS)
    ]
    answered: Counter[str] = Counter()

    async def kill_mid_storm() -> float:
        while answered["all"] < CLICKS // 3:
            await asyncio.sleep(0.01)
        leader.process.kill()  # SIGKILL: its claims and its leadership stay behind
        await leader.process.wait()
        return time.monotonic()

    killer = asyncio.create_task(kill_mid_storm())
    alerts = asyncio.create_task(queue_alerts(address))
    await storm(fake, instances, sent, answered)
    await alerts
    killed_at = await killer
    async with asyncio.timeout(TAKEOVER_LIMIT):
        while "leader" not in [await s.role() for s in survivors]:
            await asyncio.sleep(0.2)
    took_over = time.monotonic() - killed_at

    async with asyncio.timeout(120):
        while (await outbox_settled(address))[0] or not survivors_followed_up(fake, sent, leader, instances):
            await asyncio.sleep(0.2)
    failed = (await outbox_settled(address))[1]
    metrics = [await s.get("/metrics") for s in survivors]
    check(fake, sent, await signups(address), route, metrics, took_over, failed)


async def queue_alerts(address: str) -> None:
    """Channel messages queued while the storm runs, so every process is mid-delivery at the kill."""
    db = await Database.open(address)
    try:
        for batch in range(ALERTS // 20):
            async with db.transaction() as tx:
                for n in range(batch * 20, batch * 20 + 20):
                    message = OutboundMessage("discord", "channel", str(DEFAULT_CHANNEL_ID), f"alert-{n:03d}")
                    await outbox.enqueue(tx, message)
            await asyncio.sleep(0.05)
    finally:
        await db.close()


def survivors_followed_up(
    fake: FakeDiscord, sent: list[SentInteraction], leader: Instance, instances: list[Instance]
) -> bool:
    """Every click a survivor deferred has its follow-up."""
    dead = instances.index(leader)
    for number, click in enumerate(sent):
        pending = fake.interaction(click.id)
        deferred = pending.callback is not None and pending.callback.get("type") != 4
        if number % len(instances) != dead and deferred and not pending.followups:
            return False
    return True


def check(
    fake: FakeDiscord,
    sent: list[SentInteraction],
    rows: dict[str, str],
    route: str,
    metrics: list[str],
    took_over: float,
    failed: int,
) -> None:
    confirmed_said = [c for c in sent if "You're signed up" in reply_of(fake, c)]
    waitlisted_said = [c for c in sent if "waitlist" in reply_of(fake, c)]
    who = {c.id: str(c.payload["member"]["user"]["id"]) for c in sent}
    lost = [c.id for c in confirmed_said if rows.get(who[c.id]) != "confirmed"]
    lost += [c.id for c in waitlisted_said if rows.get(who[c.id]) not in ("waitlisted", "confirmed")]
    statuses = Counter(rows.values())
    posts = [r.json for r in fake.requests_to("POST", route) if r.status == 200 and r.json]
    nonces = Counter(post.get("nonce") for post in posts)
    alerts = Counter(found for post in posts for found in re.findall(r"alert-\d{3}", json.dumps(post)))
    repeats = {nonce: n for nonce, n in nonces.items() if n > 1}
    counted = sum(
        float(line.rsplit(" ", 1)[1])
        for text in metrics
        for line in text.splitlines()
        if line.startswith("picketbot_outbox_possible_repeats_total{")
    )
    print(
        f"\nmulti-instance: {len(confirmed_said)} told signed up, {len(waitlisted_said)} told waitlisted,"
        f" {CLICKS - len(confirmed_said) - len(waitlisted_said)} unanswered (the killed process's);"
        f" rows {dict(statuses)}; leadership moved in {took_over:.1f} s; {sum(nonces.values())} posts,"
        f" {len(alerts)}/{ALERTS} alerts, {len(repeats)} repeated nonce(s); possible repeats counted {counted:.0f}; failed {failed}"
    )
    assert sorted(set(alerts)) == [f"alert-{n:03d}" for n in range(ALERTS)], "every alert delivered"
    assert not lost, f"{len(lost)} acknowledged sign-ups missing"
    assert statuses["confirmed"] <= PLACES
    assert len(confirmed_said) + len(waitlisted_said) >= CLICKS // 2, "the survivors answered their clicks"
    assert took_over <= TAKEOVER_LIMIT
    assert failed == 0
    assert len(repeats) <= 1 and all(n == 2 for n in repeats.values())
    assert counted >= len(repeats)
