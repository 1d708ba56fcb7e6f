"""Read the times of ``/picket shift add`` in a site's time zone.

One shift: ``START END`` (``2026-11-23 09:00 12:00``, ``tomorrow 9am 2026-11-24 1am``;
END may be just a time on START's day) or a day and a range
(``2026-11-23 09:00-12:00``, ``tue 9am-noon``).

A series: days and a range, ``mon-fri 09:00-12:00``, ``mon,wed,fri 13:00-16:00``,
``daily 09:00-12:00``, ``weekdays``/``weekends``, for ``weeks`` weeks from
today (or ``first_day``). Each occurrence is localized on its own day, so
09:00 stays 09:00 on the site's clock across a daylight-saving change.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from commands.when import WEEKDAYS, When, localize, parse_day, parse_time_of_day, weekday_index
from storage.shifts import NewShift

#: ``9-12``, ``9-12pm``: hours without minutes or am/pm on each side.
_BARE_HOURS = re.compile(r"(\d{1,2})(?:am|pm)?-(\d{1,2})(?:am|pm)?", re.IGNORECASE)

_NAMED_DAYS = {
    "daily": frozenset(range(7)),
    "everyday": frozenset(range(7)),
    "weekdays": frozenset(range(5)),
    "weekends": frozenset({5, 6}),
}


def parse_days(spec: str) -> frozenset[int] | None:
    """Weekday numbers (Monday 0) for ``mon-fri``, ``mon,wed,fri``, ``daily``; None if not days."""
    word = spec.strip().lower()
    if word in _NAMED_DAYS:
        return _NAMED_DAYS[word]
    days: set[int] = set()
    for part in word.split(","):
        first, dash, last = part.partition("-")
        start = weekday_index(first)
        end = weekday_index(last) if dash else start
        if start is None or end is None:
            return None
        span = (end - start) % 7
        days.update((start + i) % 7 for i in range(span + 1))
    return frozenset(days)


def parse_time_range(word: str) -> tuple[time, time] | None:
    """``09:00-12:00``, ``9am-noon``; None when the word is not a range of two times."""
    parts = word.split("-")
    if len(parts) != 2:
        return None
    try:
        return parse_time_of_day(parts[0]), parse_time_of_day(parts[1])
    except ValueError:
        return None


def describe_days(days: frozenset[int]) -> str:
    if days == _NAMED_DAYS["daily"]:
        return "daily"
    return ",".join(WEEKDAYS[d] for d in sorted(days))


def shift_times(
    text: str,
    tz: ZoneInfo,
    now: datetime,
    *,
    weeks: int | None = None,
    first_day: date | None = None,
) -> list[NewShift]:
    """The shifts `text` describes; ValueError says what can't be read."""
    words = text.replace("\u2013", "-").replace(" - ", "-").split()
    if not words:
        raise ValueError("say when: START END (2026-11-23 09:00 12:00) or DAYS TIMES (mon-fri 09:00-12:00)")
    local_today = now.astimezone(tz).date()
    times = parse_time_range(words[-1])
    if times is not None and len(words) <= 2:
        days = parse_days(words[0]) if len(words) == 2 else None
        single_weekday = days is not None and len(days) == 1 and weekday_index(words[0]) is not None
        if days is not None and (weeks is not None or first_day is not None or not single_weekday):
            return series(days, times, tz, now, weeks=weeks or 1, first_day=first_day or local_today)
        if weeks is not None or first_day is not None:
            raise ValueError(f"{words[0]!r} is not days such as mon-fri, mon,wed,fri or daily")
        day = parse_day(words[0], local_today) if len(words) == 2 else local_today
        return [_one(day, *times, tz)]
    _refuse_bare_hours(words)
    if weeks is not None or first_day is not None:
        raise ValueError("weeks= and from= go with a repeating shift such as mon-fri 09:00-12:00")
    start, end = _start_and_end(words, tz, now)
    if end.astimezone(UTC) <= start.astimezone(UTC):
        raise ValueError("END must be after START (for a shift past midnight, give END's date)")
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    return [
        NewShift(
            start.astimezone(UTC),
            end.astimezone(UTC),
            local_start.date(),
            local_start.time(),
            local_end.time(),
        )
    ]


def series(
    days: frozenset[int],
    times: tuple[time, time],
    tz: ZoneInfo,
    now: datetime,
    *,
    weeks: int,
    first_day: date,
) -> list[NewShift]:
    """One shift on each chosen weekday for `weeks` weeks from `first_day`, past ones left out."""
    start, end = times
    if end <= start:
        raise ValueError("the range must end after it starts, within one day (e.g. 09:00-12:00)")
    if first_day < now.astimezone(tz).date():
        raise ValueError(f"from={first_day.isoformat()} is in the past")
    found = []
    for offset in range(weeks * 7):
        day = first_day + timedelta(days=offset)
        if day.weekday() not in days:
            continue
        shift = _one(day, start, end, tz)
        if shift.starts_at > now:
            found.append(shift)
    if not found:
        raise ValueError("every shift in that series would be in the past")
    return found


def _one(day: date, start: time, end: time, tz: ZoneInfo) -> NewShift:
    if end <= start:
        raise ValueError("the range must end after it starts, within one day (e.g. 09:00-12:00)")
    return NewShift(
        localize(day, start, tz).astimezone(UTC), localize(day, end, tz).astimezone(UTC), day, start, end
    )


def _refuse_bare_hours(words: list[str]) -> None:
    """``9-12`` could be morning or evening: ask for minutes or am/pm rather than guess."""
    for word in words:
        bare = _BARE_HOURS.fullmatch(word)
        if bare and max(int(bare[1]), int(bare[2])) <= 24:
            raise ValueError(f"can't tell the times in {word[:20]!r}: write 09:00-12:00 or 9am-12pm")


def _start_and_end(words: list[str], tz: ZoneInfo, now: datetime) -> tuple[datetime, datetime]:
    """Split the words into START and END, preferring the longest START that reads."""
    for cut in range(min(len(words) - 1, 3), 0, -1):
        try:
            start = When(" ".join(words[:cut])).resolve(tz, now)
            end = When(" ".join(words[cut:])).resolve(tz, now, default_day=start.date())
        except ValueError:
            continue
        return start, end
    raise ValueError(
        f"can't read {' '.join(words)[:80]!r} as START END (try 2026-11-23 09:00 12:00 or mon-fri 09:00-12:00)"
    )
