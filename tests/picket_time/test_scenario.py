"""The issue's scenario through the real picket commands: sign-ups, check-in, hours = CSV, reminders."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from bot.picket.exports import hours_csv
from bot.picket.reminders import start_reminders
from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from bot.testing.people import actor
from commands.periods import utc_bounds, week_containing
from commands.roles import Role
from storage.picket import hours as hour_store
from tests.picket_time.test_reminders import until

ORGANIZER = actor("Olu", Role.ORGANIZER)
CAPTAIN = actor("Cat", Role.CAPTAIN)
ANA, BOB, CY = actor("Ana"), actor("Bob"), actor("Cy")


async def test_sign_ups_check_ins_hours_csv_and_reminders(bot: TestBot, clock: FakeClock) -> None:
    await bot.start_background(start_reminders)
    # Sunday 1 Nov, 20:00 PST: a week of shifts from Monday, the day after DST ends.
    await bot.ok(
        '/picket site add "Netflix Sunset Gate" address="5808 Sunset Blvd" tz=America/Los_Angeles',
        as_=ORGANIZER,
    )
    await bot.ok(
        '/picket shift add "Netflix Sunset Gate" mon-fri 09:00-12:00 capacity=2 weeks=1', as_=ORGANIZER
    )
    for who in (ANA, BOB, CY):
        await bot.ok("/picket signup 1", as_=who)
        await bot.ok("/picket signup 2", as_=who)

    def reminded() -> list[str]:
        return sorted(m.target_id for m in bot.posts if m.kind == "reminder")

    # Monday's shift is 13 hours away: its 24-hour reminder goes to the confirmed at once, not the waitlisted.
    await until(lambda: reminded() == ["ana", "bob"])
    await bot.ok("/picket cancel 1", as_=BOB)  # Cy is promoted on shift 1, and reminded in turn
    await until(lambda: reminded() == ["ana", "bob", "cy"])
    keys = [m.dedupe_key for m in bot.posts if m.kind == "reminder"]
    assert len(set(keys)) == 3

    clock.advance(hours=13, minutes=5)  # Monday 09:05 PST
    await bot.ok("/picket checkin 1 Ana present", as_=CAPTAIN)
    await bot.ok("/picket checkin 1 Cy no-show", as_=CAPTAIN)
    await bot.ok("/picket checkin 1 <@dee> walk-in", as_=CAPTAIN)  # not signed up: came anyway
    clock.advance(days=1)  # Tuesday 09:05 PST
    await bot.ok("/picket checkin 2 Ana present", as_=CAPTAIN)
    await bot.ok("/picket checkin 2 Bob present", as_=CAPTAIN)
    # Hours are credited as they are worked: halfway through Tuesday's shift, an hour and a half of it.
    clock.advance(hours=1, minutes=30)  # Tuesday 10:35 PST
    halfway = await bot.ok("/picket hours Ana", as_=CAPTAIN)
    assert halfway.text.startswith("4.50 hours over 1 shift (and 1 under way)"), halfway.text
    clock.advance(hours=1, minutes=30)  # Tuesday 12:05 PST: the shift is over and counts in full

    today = clock.now.astimezone(bot.app.services.settings.timezone).date()
    start, end = utc_bounds(*week_containing(today), bot.app.services.settings.timezone)
    attended = await hour_store.attendance(bot.db, start, end, now=clock.now)
    rows = list(csv.DictReader(io.StringIO(hours_csv(attended))))
    from_csv: dict[str, Decimal] = {}
    for row in rows:
        from_csv[row["member"]] = from_csv.get(row["member"], Decimal(0)) + Decimal(row["hours"])
    assert from_csv == {"Ana": Decimal("6.00"), "Bob": Decimal("3.00"), "dee": Decimal("3.00")}
    for name, total in (*from_csv.items(), ("Cy", Decimal("0.00"))):
        reply = await bot.ok(f"/picket hours {name}", as_=CAPTAIN)
        assert reply.text.startswith(f"{total} hours over"), reply.text
    eligibility = await bot.ok("/picket eligibility", as_=CAPTAIN)
    assert "• Cy: 0.00 h, 0 shifts: no" in eligibility.text
