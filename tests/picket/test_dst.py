"""Shifts are defined in the site's wall-clock time, so they stay right across daylight saving."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from commands.periods import clock_range
from commands.picket.times import parse_days, parse_time_range, shift_times
from storage.picket import shifts
from tests.helpers import START
from tests.picket.support import ORGANIZER, count

LA = ZoneInfo("America/Los_Angeles")


async def test_weekday_series_keeps_nine_local_across_the_fall_change(bot: TestBot) -> None:
    # START is Monday 2026-10-26 08:00 PDT; the clocks go back on Sunday 2026-11-01.
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=ORGANIZER)
    reply = await bot.ok(
        '/picket shift add "Sunset Gate" mon-fri 09:00-12:00 capacity=30 weeks=2', as_=ORGANIZER
    )
    assert reply.title == "Added 10 shifts at Sunset Gate"
    created = await shifts.upcoming(bot.db, START)
    assert [s.local_date for s in created] == [
        "2026-10-26", "2026-10-27", "2026-10-28", "2026-10-29", "2026-10-30",
        "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06",
    ]  # fmt: skip
    before, after = created[:5], created[5:]
    assert {s.starts_at.astimezone(UTC).time() for s in before} == {time(16, 0)}
    assert {s.ends_at.astimezone(UTC).time() for s in before} == {time(19, 0)}
    assert {s.starts_at.astimezone(UTC).time() for s in after} == {time(17, 0)}
    assert {s.ends_at.astimezone(UTC).time() for s in after} == {time(20, 0)}
    assert {(s.local_start, s.local_end) for s in created} == {("09:00", "12:00")}
    assert {s.starts_at.astimezone(LA).strftime("%H:%M") for s in created} == {"09:00"}
    assert len({s.series_id for s in created}) == 1 and created[0].series_id == created[0].id
    assert "Mon 2026-10-26 09:00–12:00 PDT" in reply.text
    listing = await bot.ok('/picket shifts "Sunset Gate" 2026-11-02', as_=ORGANIZER)
    assert "Mon 2026-11-02 09:00–12:00 PST" in listing.text


def test_series_localizes_each_day_on_its_own() -> None:
    now = datetime(2026, 10, 31, 12, 0, tzinfo=UTC)
    found = shift_times("daily 09:00-12:00", LA, now, weeks=1)
    # 12:00 UTC is 05:00 PDT, so Saturday's 09:00 is still ahead.
    assert [s.local_date for s in found][:3] == [date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 2)]
    assert [s.starts_at.astimezone(UTC).hour for s in found][:3] == [16, 17, 17]


def test_a_night_shift_over_the_change_lasts_an_hour_longer() -> None:
    now = datetime(2026, 10, 30, tzinfo=UTC)
    [night] = shift_times("2026-11-01 00:00 03:00", LA, now)
    assert (night.ends_at - night.starts_at).total_seconds() == 4 * 3600


@pytest.mark.parametrize(
    ("spec", "days"),
    [
        ("mon-fri", {0, 1, 2, 3, 4}),
        ("mon,wed,fri", {0, 2, 4}),
        ("daily", set(range(7))),
        ("weekends", {5, 6}),
        ("fri-mon", {4, 5, 6, 0}),
        ("tue", {1}),
        ("someday", None),
        ("2026-11-02", None),
    ],
)
def test_parse_days(spec: str, days: set[int] | None) -> None:
    found = parse_days(spec)
    assert (set(found) if found is not None else None) == days


def test_time_ranges_and_single_forms() -> None:
    assert parse_time_range("9am-noon") == (time(9), time(12))
    assert parse_time_range("2026-11-02") is None
    now = START
    [one] = shift_times("2026-11-02 09:00-12:00", LA, now)
    assert one.starts_at == datetime(2026, 11, 2, 17, 0, tzinfo=UTC)
    [two] = shift_times("tomorrow 9am 1pm", LA, now)
    assert (two.local_date, two.local_start, two.local_end) == (date(2026, 10, 27), time(9), time(13))
    assert len(shift_times("mon,wed,fri 13:00-16:00", LA, now, weeks=2)) == 6
    # A single weekday is one shift, unless weeks= asks for a series.
    assert len(shift_times("wed 13:00-16:00", LA, now)) == 1
    assert len(shift_times("wed 13:00-16:00", LA, now, weeks=3)) == 3
    later = shift_times("mon-fri 09:00-12:00", LA, now, first_day=date(2026, 11, 9))
    assert later[0].local_date.isoformat() == "2026-11-09"
    with pytest.raises(ValueError, match="in the past"):
        shift_times("mon-fri 09:00-12:00", LA, now, first_day=date(2026, 10, 1))
    with pytest.raises(ValueError, match="repeating shift"):
        shift_times("2026-11-02 09:00 12:00", LA, now, weeks=2)


# ---- clock changes are labelled truly -----------------------------------------------------

#: Monday 2027-03-01 08:00 in Los Angeles; the clocks spring forward on Sunday 2027-03-14 at 02:00.
SPRING = datetime(2027, 3, 1, 16, 0, tzinfo=UTC)


async def site(bot: TestBot) -> None:
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=ORGANIZER)


async def test_a_shift_across_the_fall_change_shows_both_offsets_and_its_true_length(bot: TestBot) -> None:
    await site(bot)
    reply = await bot.ok('/picket shift add "Sunset Gate" 2026-11-01 01:00 04:00 capacity=5', as_=ORGANIZER)

    assert "Sun 2026-11-01 01:00 PDT–04:00 PST (4 h)" in reply.text
    listing = await bot.ok('/picket shifts "Sunset Gate" 2026-11-01', as_=ORGANIZER)
    assert "01:00 PDT–04:00 PST (4 h)" in listing.text
    [shift] = await shifts.upcoming(bot.db, START)
    assert shift.ends_at - shift.starts_at == timedelta(hours=4)


def test_hours_and_reminders_label_a_crossing_shift_the_same_way() -> None:
    def local(start: datetime, hours: int) -> tuple[datetime, datetime]:
        return start.astimezone(LA), (start + timedelta(hours=hours)).astimezone(LA)

    assert clock_range(*local(datetime(2026, 11, 1, 8, tzinfo=UTC), 4)) == "01:00 PDT–04:00 PST (4 h)"
    assert clock_range(*local(datetime(2027, 3, 14, 9, tzinfo=UTC), 2)) == "01:00 PST–04:00 PDT (2 h)"
    assert clock_range(*local(datetime(2026, 11, 1, 8, 30, tzinfo=UTC), 1)) == "01:30 PDT–01:30 PST (1 h)"
    assert clock_range(*local(datetime(2026, 11, 2, 17, tzinfo=UTC), 3)) == "09:00–12:00 PST"


@pytest.mark.parametrize(
    "when",
    ["2027-03-14 02:30 04:00", "2027-03-14 02:30-04:00", "2027-03-14 01:00 02:30", "2027-03-14T02:30 04:00"],
)
async def test_a_start_or_end_the_clocks_skip_is_refused_with_the_nearest_valid_times(
    bot: TestBot, clock: FakeClock, when: str
) -> None:
    clock.set(SPRING)
    await site(bot)
    reply = await bot.reply(f'/picket shift add "Sunset Gate" {when} capacity=5', as_=ORGANIZER)

    assert reply.is_error
    first = reply.text.splitlines()[0]
    assert "does not exist on Sun 2027-03-14" in first
    assert "the clocks go from 02:00 straight to 03:00" in first
    assert "Nearest valid times: 01:59 or 03:00" in first
    assert await count(bot.db, "shifts") == 0


async def test_a_series_over_the_gap_names_its_dates_and_skip_leaves_them_out(
    bot: TestBot, clock: FakeClock
) -> None:
    clock.set(SPRING)
    await site(bot)
    refused = await bot.reply(
        '/picket shift add "Sunset Gate" daily 02:30-04:00 capacity=5 weeks=3', as_=ORGANIZER
    )

    assert refused.is_error
    assert "02:30 does not exist on Sun 2027-03-14 in America/Los_Angeles" in refused.text
    assert "skip=2027-03-14" in refused.text
    assert await count(bot.db, "shifts") == 0

    added = await bot.ok(
        '/picket shift add "Sunset Gate" daily 02:30-04:00 capacity=5 weeks=3 skip=2027-03-14', as_=ORGANIZER
    )
    created = await shifts.upcoming(bot.db, SPRING, limit=100)
    assert added.title == f"Added {len(created)} shifts at Sunset Gate"
    assert len(created) == 19  # 21 days, less today's (02:30 has passed) and the skipped Sunday
    assert "2027-03-14" not in {s.local_date for s in created}
    assert {s.starts_at.astimezone(LA).strftime("%H:%M") for s in created} == {"02:30"}


async def test_skip_must_name_days_of_the_series(bot: TestBot, clock: FakeClock) -> None:
    clock.set(SPRING)
    await site(bot)
    stray = await bot.reply(
        '/picket shift add "Sunset Gate" mon-fri 09:00-12:00 capacity=5 skip=2027-03-06', as_=ORGANIZER
    )
    assert stray.is_error and "skip=2027-03-06 is not a day of this series" in stray.text
    single = await bot.reply(
        '/picket shift add "Sunset Gate" 2027-03-02 09:00 12:00 capacity=5 skip=2027-03-02', as_=ORGANIZER
    )
    assert single.is_error and "go with a repeating shift" in single.text
    unreadable = await bot.reply(
        '/picket shift add "Sunset Gate" daily 09:00-12:00 capacity=5 skip=someday', as_=ORGANIZER
    )
    assert unreadable.is_error and "'someday' is not a day" in unreadable.text
    assert await count(bot.db, "shifts") == 0


async def test_a_time_that_happens_twice_is_its_first_occurrence_labelled_with_its_offset(
    bot: TestBot,
) -> None:
    await site(bot)
    inside = await bot.ok('/picket shift add "Sunset Gate" 2026-11-01 01:00 01:45 capacity=5', as_=ORGANIZER)
    across = await bot.ok('/picket shift add "Sunset Gate" 2026-11-01 01:30 02:30 capacity=5', as_=ORGANIZER)

    assert "Sun 2026-11-01 01:00–01:45 PDT" in inside.text
    assert "Sun 2026-11-01 01:30 PDT–02:30 PST (2 h)" in across.text
    first, second = await shifts.upcoming(bot.db, START)
    assert first.starts_at == datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    assert second.starts_at == datetime(2026, 11, 1, 8, 30, tzinfo=UTC)
    assert second.ends_at == datetime(2026, 11, 1, 10, 30, tzinfo=UTC)


async def test_skip_is_documented_in_the_commands_help(bot: TestBot) -> None:
    help_text = (await bot.ok("/help picket shift add", as_=ORGANIZER)).text
    assert "skip=" in help_text


#: Havana springs forward at midnight: on Sun 2027-03-14 the clocks go from 00:00 straight to 01:00.
HAVANA_SPRING = datetime(2027, 3, 1, 17, 0, tzinfo=UTC)


async def test_a_skipped_midnight_offers_the_day_before_by_its_date(bot: TestBot, clock: FakeClock) -> None:
    # The minute before the gap is Saturday's 23:59: offered bare, it reads as Sunday's, a day later.
    clock.set(HAVANA_SPRING)
    await bot.ok("/picket site add Malecon tz=America/Havana", as_=ORGANIZER)

    reply = await bot.reply("/picket shift add Malecon 2027-03-14 00:30 02:00 capacity=5", as_=ORGANIZER)

    assert reply.is_error
    assert (
        "00:30 does not exist on Sun 2027-03-14 in America/Havana: the clocks go from 00:00 straight to"
        " 01:00. Nearest valid times: Sat 2027-03-13 23:59 or 01:00"
    ) in reply.text
    series = await bot.reply("/picket shift add Malecon daily 00:30-02:00 capacity=5 weeks=3", as_=ORGANIZER)
    assert "Nearest valid times: 23:59 the day before or 01:00" in series.text, series.text
    assert "skip=2027-03-14" in series.text
    assert await count(bot.db, "shifts") == 0


async def test_a_series_too_long_on_the_fall_back_day_names_the_day_and_its_true_length(bot: TestBot) -> None:
    # 00:00-23:59 is 23 h 59 min on every day but Sun 2026-11-01, when the clocks go back an hour.
    await site(bot)

    refused = await bot.reply(
        '/picket shift add "Sunset Gate" daily 00:00-23:59 capacity=5 weeks=2', as_=ORGANIZER
    )

    assert refused.is_error
    assert refused.text.startswith(
        "00:00–23:59 lasts 24 h 59 min on Sun 2026-11-01 in America/Los_Angeles, as the clocks go back 1 h"
        " (Sun 2026-11-01 00:00 PDT to 23:59 PST); a shift can last at most 24 hours."
    ), refused.text
    assert refused.text.splitlines()[0].endswith("leave those days out with skip=2026-11-01")
    assert await count(bot.db, "shifts") == 0

    await bot.ok(
        '/picket shift add "Sunset Gate" daily 00:00-23:59 capacity=5 weeks=2 skip=2026-11-01', as_=ORGANIZER
    )
    created = await shifts.upcoming(bot.db, START, limit=100)
    assert "2026-11-01" not in {s.local_date for s in created} and len(created) == 12


@pytest.mark.parametrize(
    ("when", "said"),
    [
        ("2026-11-01 00:00-23:59", "that shift would last 24 h 59 min, Sun 2026-11-01 00:00 PDT to 23:59 PST,"
         " as the clocks go back 1 h; a shift can last at most 24 hours"),
        ("2026-11-01 00:00 2026-11-02 00:00", "that shift would last 25 h, Sun 2026-11-01 00:00 PDT to"
         " Mon 2026-11-02 00:00 PST, as the clocks go back 1 h"),
        ("2026-11-03 09:00 2026-11-05 09:00", "that shift would last 48 h, Tue 2026-11-03 09:00 PST to"
         " Thu 2026-11-05 09:00 PST; a shift"),
    ],
)  # fmt: skip
async def test_one_shift_too_long_says_its_true_length(bot: TestBot, when: str, said: str) -> None:
    await site(bot)

    reply = await bot.reply(f'/picket shift add "Sunset Gate" {when} capacity=5', as_=ORGANIZER)

    assert reply.is_error and said in reply.text, reply.text
    assert await count(bot.db, "shifts") == 0
