"""Capacity holds under concurrency: sign-ups race through the real dispatcher."""

from __future__ import annotations

import asyncio
import re

from bot.app import App
from commands.context import Actor
from tests.picket.support import CHANNEL, ORGANIZER, count, ok, person


async def make_shift(app: App, capacity: int) -> int:
    await ok(app, ORGANIZER, '/picket site add "Sunset Gate" tz=America/Los_Angeles')
    reply = await ok(
        app, ORGANIZER, f'/picket shift add "Sunset Gate" 2026-10-27 09:00 12:00 capacity={capacity}'
    )
    return int(re.findall(r"#(\d+)", reply.title or "")[0])


async def test_a_thousand_concurrent_signups_for_ten_places(app: App) -> None:
    shift_id = await make_shift(app, capacity=10)
    actors = [Actor("console", f"u{i}", f"Picketer {i}") for i in range(1000)]
    replies = await asyncio.gather(
        *(app.dispatcher.handle_text(actor, CHANNEL, f"/picket signup {shift_id}") for actor in actors)
    )
    assert not [r.text for r in replies if r.is_error]
    confirmed = [r for r in replies if "You're signed up" in r.text]
    positions = sorted(int(m.group(1)) for r in replies if (m := re.search(r"position (\d+)", r.text)))
    assert len(confirmed) == 10
    assert positions == list(range(1, 991))
    assert await count(app, "signups", f"shift_id = {shift_id} AND status = 'confirmed'") == 10
    assert await count(app, "signups", f"shift_id = {shift_id} AND status = 'waitlisted'") == 990
    assert await count(app, "members") == 1001  # the organizer and every picketer, once
    assert int(await app.db.fetchval("SELECT count(DISTINCT member_id) FROM signups")) == 1000


async def test_cancellations_and_signups_racing_never_overbook(app: App) -> None:
    shift_id = await make_shift(app, capacity=10)
    first = [person(f"early{i}") for i in range(30)]
    for actor in first:
        await ok(app, actor, f"/picket signup {shift_id}")
    leaving = first[:5]  # five of the ten confirmed
    late = [person(f"late{i}") for i in range(40)]
    jobs = [app.dispatcher.handle_text(a, CHANNEL, f"/picket cancel {shift_id}") for a in leaving]
    jobs += [app.dispatcher.handle_text(a, CHANNEL, f"/picket signup {shift_id}") for a in late]
    replies = await asyncio.gather(*jobs)
    assert not [r.text for r in replies if r.is_error]
    assert await count(app, "signups", f"shift_id = {shift_id} AND status = 'confirmed'") == 10
    assert await count(app, "signups", f"shift_id = {shift_id} AND status = 'waitlisted'") == 55
    # The five freed places went to the first five in line, each told once.
    promoted = await app.db.fetchall(
        "SELECT target_id FROM outbox WHERE kind = 'waitlist-promotion' ORDER BY target_id"
    )
    assert sorted(r["target_id"] for r in promoted) == sorted(f"early{i}" for i in range(10, 15))
