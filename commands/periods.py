"""Days, weeks and the UTC instants that bound them, in the bot's time zone.

Hours and eligibility count a shift in the period its start falls in; a week
runs Monday to Sunday. `/picket hours`, `/picket eligibility` and the CSV
export all use these bounds, so their totals agree.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from commands.when import localize
from storage.picket.common import clock_span


def week_containing(day: date) -> tuple[date, date]:
    """The Monday and Sunday of `day`'s week."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def is_whole_week(first: date, last: date) -> bool:
    return first.weekday() == 0 and last == first + timedelta(days=6)


def utc_bounds(first: date, last: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) in UTC covering local days `first` through `last`, both included."""
    return localize(first, time(0, 0), tz), localize(last + timedelta(days=1), time(0, 0), tz)


def describe_days(first: date, last: date) -> str:
    """``Mon 26 Oct – Sun 1 Nov 2026``, or one day when first == last."""
    if first == last:
        return f"{first:%a} {first.day} {first:%b %Y}"
    head = f"{first:%a} {first.day} {first:%b}" + ("" if first.year == last.year else f" {first:%Y}")
    return f"{head} – {last:%a} {last.day} {last:%b %Y}"


def clock_range(start: datetime, end: datetime) -> str:
    """``09:00–12:00 PDT``, or ``01:00 PDT–03:00 PST (3 h)`` when the shift spans a clock change."""
    return clock_span(start, end)
