"""Hours are credited as they are worked: nothing before a shift starts, the time so far while it
runs (from the check-in, or the start for an early one), the whole shift once it has ended.
/picket hours, /picket eligibility and the CSV export agree at every moment."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.picket.exports import hours_csv
from bot.testing.harness import TestBot
from commands.periods import utc_bounds, week_containing
from storage.picket import hours as hour_store
from tests.picket.support import CAPTAIN, ORGANIZER

LA = ZoneInfo("America/Los_Angeles")


def at(hour: int, minute: int = 0) -> datetime:
    """Monday 26 Oct 2026 in Los Angeles (the clock starts at 08:00)."""
    return datetime(2026, 10, 26, hour, minute, tzinfo=LA)


async def csv_hours(bot: TestBot) -> dict[str, Decimal]:
    start, end = utc_bounds(*week_containing(at(0).date()), LA)
    text = hours_csv(await hour_store.attendance(bot.db, start, end, now=bot.clock()))
    return {row["member"]: Decimal(row["hours"]) for row in csv.DictReader(io.StringIO(text))}


async def test_a_check_in_counts_as_the_shift_is_worked(bot: TestBot) -> None:
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=ORGANIZER)
    await bot.ok('/picket shift add "Sunset Gate" mon 09:00-12:00 capacity=4', as_=ORGANIZER)
    for who in ("Ana", "Bo"):
        await bot.ok("/picket signup 1", as_=who)

    bot.clock.set(at(8, 50))  # check-in opens 15 minutes before the start
    await bot.ok("/picket checkin 1", as_="Ana")
    before = await bot.say("/picket hours Ana", as_=CAPTAIN)
    assert "0.00 hours over 0 shifts," in before and "#1 " not in before  # never in full before the start
    assert "• Ana: 0.00 h, 0 shifts: no" in await bot.say("/picket eligibility", as_=CAPTAIN)
    assert await csv_hours(bot) == {}

    bot.clock.set(at(10, 0))
    await bot.ok("/picket checkin 1 Bo present", as_=CAPTAIN)  # late
    bot.clock.set(at(10, 15))
    await bot.ok("/picket checkin 1 zed walk-in", as_=CAPTAIN)
    bot.clock.set(at(10, 30))
    during = await bot.say("/picket hours Ana", as_=CAPTAIN)
    assert "1.50 hours over 0 shifts (and 1 under way)," in during  # from the start: she came early
    assert "Sunset Gate: present, 1.50 h so far (under way)" in during
    assert "0.50 hours over 0 shifts (and 1 under way)" in await bot.say("/picket hours Bo", as_=CAPTAIN)
    eligibility = await bot.say("/picket eligibility", as_=CAPTAIN)
    assert "• Ana: 1.50 h, 0 shifts (+1 under way): no (so far)" in eligibility
    assert "• zed: 0.25 h, 0 shifts (+1 under way): no (so far)" in eligibility
    assert await csv_hours(bot) == {"Ana": Decimal("1.50"), "Bo": Decimal("0.50"), "zed": Decimal("0.25")}

    bot.clock.set(at(12, 30))  # over: each counts the whole shift
    after = await bot.say("/picket hours Ana", as_=CAPTAIN)
    assert "3.00 hours over 1 shift," in after and "so far" not in after
    assert "• Bo: 3.00 h, 1 shift: no" in await bot.say("/picket eligibility", as_=CAPTAIN)
    assert await csv_hours(bot) == {"Ana": Decimal("3.00"), "Bo": Decimal("3.00"), "zed": Decimal("3.00")}
