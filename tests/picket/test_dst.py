"""Shifts are defined in the site's wall-clock time, so they stay right across daylight saving."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.app import App
from commands.picket_times import parse_days, parse_time_range, shift_times
from storage import shifts
from tests.picket.support import ORGANIZER, START, ok

LA = ZoneInfo("America/Los_Angeles")


async def test_weekday_series_keeps_nine_local_across_the_fall_change(app: App) -> None:
    # START is Monday 2026-10-26 08:00 PDT; the clocks go back on Sunday 2026-11-01.
    await ok(app, ORGANIZER, '/picket site add "Sunset Gate" tz=America/Los_Angeles')
    reply = await ok(
        app, ORGANIZER, '/picket shift add "Sunset Gate" mon-fri 09:00-12:00 capacity=30 weeks=2'
    )
    assert reply.title == "Added 10 shifts at Sunset Gate"
    created = await shifts.upcoming(app.db, START)
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
    listing = await ok(app, ORGANIZER, '/picket shifts "Sunset Gate" 2026-11-02')
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
