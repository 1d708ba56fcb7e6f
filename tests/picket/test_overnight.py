"""Overnight shifts: a range whose end is earlier than its start ends the next day.

``sun 22:00-06:00`` runs from Sunday 22:00 to Monday 06:00, for one shift and for
each shift of a series, with clock changes handled as for any shift: a time the
clocks skip is refused, a night the clocks go back is labelled with its true
length. Hours, check-in, reminders, calendars and overlaps go by the real instants.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from bot.picket.reminders import queue_due
from bot.testing.harness import TestBot
from storage.picket import shifts
from tests.helpers import START
from tests.picket.support import CAPTAIN, ORGANIZER, count

LA = ZoneInfo("America/Los_Angeles")
SITE = '/picket site add "Sunset Gate" tz=America/Los_Angeles'


async def _site(bot: TestBot) -> None:
    await bot.ok(SITE, as_=ORGANIZER)


async def test_a_night_shift_ends_the_next_morning(bot: TestBot) -> None:
    # START is Mon 2026-10-26 08:00 PDT; the next Sunday is 2026-11-01 (the clocks went back at 02:00).
    await _site(bot)
    reply = await bot.ok('/picket shift add "Sunset Gate" sun 22:00-06:00 capacity=5', as_=ORGANIZER)
    assert "Sun 2026-11-01 22:00–Mon 2026-11-02 06:00 PST" in reply.text
    (shift,) = await shifts.upcoming(bot.db, START)
    assert shift.starts_at == datetime(2026, 11, 1, 22, 0, tzinfo=LA)
    assert shift.ends_at == datetime(2026, 11, 2, 6, 0, tzinfo=LA)
    assert (shift.local_date, shift.local_start, shift.local_end) == ("2026-11-01", "22:00", "06:00")


async def test_start_and_end_given_as_times_run_overnight_too(bot: TestBot) -> None:
    await _site(bot)
    for line in (
        '/picket shift add "Sunset Gate" 2026-10-28 22:00 06:00 capacity=5',
        '/picket shift add "Sunset Gate" 2026-10-29 10pm 6am capacity=5',
    ):
        await bot.ok(line, as_=ORGANIZER)
    first, second = await shifts.upcoming(bot.db, START)
    assert first.span == "Wed 2026-10-28 22:00–Thu 2026-10-29 06:00 PDT"
    assert second.span == "Thu 2026-10-29 22:00–Fri 2026-10-30 06:00 PDT"
    # The same time at both ends is no shift at all.
    same = await bot.say('/picket shift add "Sunset Gate" wed 22:00-22:00 capacity=5', as_=ORGANIZER)
    assert same.startswith("error: 22:00-22:00 starts and ends at the same time")


async def test_the_night_the_clocks_go_back_is_an_hour_longer_and_says_so(bot: TestBot) -> None:
    await _site(bot)
    reply = await bot.ok('/picket shift add "Sunset Gate" sat 22:00-06:00 capacity=5', as_=ORGANIZER)
    assert "Sat 2026-10-31 22:00 PDT–Sun 2026-11-01 06:00 PST (9 h)" in reply.text


async def test_a_weekly_night_series(bot: TestBot) -> None:
    await _site(bot)
    reply = await bot.ok(
        '/picket shift add "Sunset Gate" fri,sat 23:00-03:30 capacity=5 weeks=2', as_=ORGANIZER
    )
    assert reply.title == "Added 4 shifts at Sunset Gate"
    assert "23:00–03:30 (ending the next day) local time" in reply.text
    created = await shifts.upcoming(bot.db, START)
    spans = [s.span for s in created]
    assert spans == [
        "Fri 2026-10-30 23:00–Sat 2026-10-31 03:30 PDT",
        "Sat 2026-10-31 23:00 PDT–Sun 2026-11-01 03:30 PST (5 h 30 min)",
        "Fri 2026-11-06 23:00–Sat 2026-11-07 03:30 PST",
        "Sat 2026-11-07 23:00–Sun 2026-11-08 03:30 PST",
    ]
    assert {s.ends_at - s.starts_at for s in (created[0], created[2], created[3])} == {timedelta(hours=4.5)}


async def test_a_night_whose_end_the_clocks_skip_is_refused_naming_both_days(bot: TestBot) -> None:
    # In Los Angeles the clocks go from 02:00 straight to 03:00 on Sun 2027-03-14.
    await _site(bot)
    series = await bot.say(
        '/picket shift add "Sunset Gate" sat 22:00-02:30 capacity=5 weeks=2 from=2027-03-06',
        as_=ORGANIZER,
    )
    assert series.startswith("error: 02:30 does not exist on Sun 2027-03-14 in America/Los_Angeles")
    assert "(the end of the shifts starting Sat 2027-03-13)" in series
    assert "skip=2027-03-13" in series
    one = await bot.say('/picket shift add "Sunset Gate" 2027-03-13 22:00-02:30 capacity=5', as_=ORGANIZER)
    assert one.startswith("error: 02:30 does not exist on Sun 2027-03-14") and "03:00" in one
    assert await count(bot.db, "shifts") == 0
    skipped = await bot.ok(
        '/picket shift add "Sunset Gate" sat 22:00-02:30 capacity=5 weeks=2 from=2027-03-06 skip=2027-03-13',
        as_=ORGANIZER,
    )
    assert (
        skipped.title == "Shift #1 added" and "Sat 2027-03-06 22:00–Sun 2027-03-07 02:30 PST" in skipped.text
    )


async def test_check_in_hours_reminders_calendar_and_overlaps_follow_the_real_night(bot: TestBot) -> None:
    await _site(bot)
    await bot.ok('/picket shift add "Sunset Gate" tue 22:00-06:00 capacity=5', as_=ORGANIZER)  # #1
    await bot.ok('/picket shift add "Sunset Gate" wed 05:00-08:00 capacity=5', as_=ORGANIZER)  # #2
    await bot.ok('/picket shift add "Sunset Gate" wed 06:00-09:00 capacity=5', as_=ORGANIZER)  # #3
    await bot.ok("/picket signup 1", as_="Ana")
    clash = await bot.say("/picket signup 2", as_="Ana")
    assert clash.startswith("error:") and "#1" in clash  # Wed 05:00 is still Tuesday's night shift
    await bot.ok("/picket signup 3", as_="Ana")  # from 06:00 on, no clash

    # A day before, the reminder goes out; the calendar has the morning end.
    bot.clock.set(datetime(2026, 10, 26, 22, 0, tzinfo=LA))
    assert await queue_due(bot.db, bot.clock(), (24 * 60,)) == 1
    ics = (await bot.ok("/picket calendar", as_="Ana")).attachment
    assert ics is not None
    event = next(
        e for e in icalendar.Calendar.from_ical(ics.content).walk("VEVENT") if "shift-1@" in e["UID"]
    )
    assert event.decoded("DTSTART").astimezone(UTC) == datetime(2026, 10, 28, 5, 0, tzinfo=UTC)
    assert event.decoded("DTEND").astimezone(UTC) == datetime(2026, 10, 28, 13, 0, tzinfo=UTC)

    # At 01:00 on Wednesday the shift is on: Ana can check in; the next morning it counts 8 hours.
    bot.clock.set(datetime(2026, 10, 28, 1, 0, tzinfo=LA))
    assert "Checked in" in await bot.say("/picket checkin 1", as_="Ana")
    bot.clock.set(datetime(2026, 10, 28, 7, 0, tzinfo=LA))
    hours = await bot.say("/picket hours Ana", as_=CAPTAIN)
    assert "• #1 Tue 27 Oct 22:00–06:00 PDT, Sunset Gate: present, 8.00 h" in hours
