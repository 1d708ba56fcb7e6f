"""Capacity holds under concurrency: sign-ups race through the real dispatcher."""

from __future__ import annotations

import asyncio
import re

from bot.testing.harness import TestBot
from bot.testing.people import actor
from commands.context import Actor
from tests.picket.support import ORGANIZER, count


async def make_shift(bot: TestBot, capacity: int) -> int:
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=ORGANIZER)
    reply = await bot.ok(
        f'/picket shift add "Sunset Gate" 2026-10-27 09:00 12:00 capacity={capacity}', as_=ORGANIZER
    )
    return int(re.findall(r"#(\d+)", reply.title or "")[0])


async def test_a_thousand_concurrent_signups_for_ten_places(bot: TestBot) -> None:
    shift_id = await make_shift(bot, capacity=10)
    actors = [Actor("console", f"u{i}", f"Picketer {i}") for i in range(1000)]
    replies = await asyncio.gather(
        *(bot.reply(f"/picket signup {shift_id}", as_=picketer) for picketer in actors)
    )
    assert not [r.text for r in replies if r.is_error]
    confirmed = [r for r in replies if "You're signed up" in r.text]
    positions = sorted(int(m.group(1)) for r in replies if (m := re.search(r"position (\d+)", r.text)))
    assert len(confirmed) == 10
    assert positions == list(range(1, 991))
    assert await count(bot.db, "signups", f"shift_id = {shift_id} AND status = 'confirmed'") == 10
    assert await count(bot.db, "signups", f"shift_id = {shift_id} AND status = 'waitlisted'") == 990
    assert await count(bot.db, "members") == 1001  # the organizer and every picketer, once
    assert int(await bot.db.fetchval("SELECT count(DISTINCT member_id) FROM signups")) == 1000


async def test_cancellations_and_signups_racing_never_overbook(bot: TestBot) -> None:
    shift_id = await make_shift(bot, capacity=10)
    first = [actor(f"early{i}") for i in range(30)]
    for early in first:
        await bot.ok(f"/picket signup {shift_id}", as_=early)
    leaving = first[:5]  # five of the ten confirmed
    late = [actor(f"late{i}") for i in range(40)]
    jobs = [bot.reply(f"/picket cancel {shift_id}", as_=a) for a in leaving]
    jobs += [bot.reply(f"/picket signup {shift_id}", as_=a) for a in late]
    replies = await asyncio.gather(*jobs)
    assert not [r.text for r in replies if r.is_error]
    assert await count(bot.db, "signups", f"shift_id = {shift_id} AND status = 'confirmed'") == 10
    assert await count(bot.db, "signups", f"shift_id = {shift_id} AND status = 'waitlisted'") == 55
    # The five freed places went to the first five in line, each told once.
    promoted = await bot.db.fetchall(
        "SELECT target_id FROM outbox WHERE kind = 'waitlist-promotion' ORDER BY target_id"
    )
    assert sorted(r["target_id"] for r in promoted) == sorted(f"early{i}" for i in range(10, 15))
