"""Read the times of ``/picket shift add`` in a site's time zone.

One shift: ``START END`` (``2026-11-23 09:00 12:00``, ``tomorrow 9am 2026-11-24 1am``;
END may be just a time, on START's day or, when it is earlier, the next) or a day and a
range (``2026-11-23 09:00-12:00``, ``tue 9am-noon``).

Overnight: a range whose end is earlier than its start ends the next day, so
``sun 22:00-06:00`` runs from Sunday 22:00 to Monday 06:00, for one shift and for
every shift of a series; each end is localized on its own day.

A series: days and a range, ``mon-fri 09:00-12:00``, ``mon,wed,fri 13:00-16:00``,
``daily 09:00-12:00``, ``weekdays``/``weekends``, for ``weeks`` weeks from
today (or ``first_day``), less the days in ``skip``. Each occurrence is
localized on its own day, so 09:00 stays 09:00 on the site's clock across a
daylight-saving change.

A start or end that does not exist on its day (the hour skipped when the
clocks spring forward) is refused, never moved: one shift's refusal names
the nearest valid times, a series' names every date it falls on and how to
leave them out with ``skip=``. A time that happens twice (the clocks fall
back) is its first occurrence; the shift's label shows both offsets and its
true length when it crosses a change. A shift longer than 24 hours, which a
range just under a day becomes on the day the clocks go back, is refused
with its day and true length, and for a series with ``skip=`` for those days.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from commands.i18n import _
from commands.when import (
    LAST_YEAR,
    WEEKDAYS,
    NonexistentTime,
    OutOfRange,
    When,
    check_day,
    dated_day,
    localize,
    parse_day,
    parse_time_of_day,
    weekday_index,
)
from storage.picket.common import duration_text
from storage.picket.model import NewShift
from storage.picket.shift_rules import MAX_SHIFT_HOURS

#: The most days one skip= may name.
MAX_SKIP = 60

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


def parse_skip(text: str, today: date) -> frozenset[date]:
    """The days of ``skip=2027-03-14,2027-03-21``; ValueError names a day that can't be read."""
    words = [word for word in text.replace(" ", ",").split(",") if word]
    if not words:
        raise ValueError(_("skip= needs days, like skip=2027-03-14,2027-03-21"))
    if len(words) > MAX_SKIP:
        raise ValueError(_("skip= can name at most {most} days").format(most=MAX_SKIP))
    return frozenset(parse_day(word, today) for word in words)


def shift_times(
    text: str,
    tz: ZoneInfo,
    now: datetime,
    *,
    weeks: int | None = None,
    first_day: date | None = None,
    skip: frozenset[date] = frozenset(),
) -> list[NewShift]:
    """The shifts `text` describes; ValueError says what can't be read."""
    words = text.replace("\u2013", "-").replace(" - ", "-").split()
    if not words:
        raise ValueError(
            _("say when: START END (2026-11-23 09:00 12:00) or DAYS TIMES (mon-fri 09:00-12:00)")
        )
    local_today = now.astimezone(tz).date()
    repeating = weeks is not None or first_day is not None or bool(skip)
    times = parse_time_range(words[-1])
    if times is not None and len(words) <= 2:
        days = parse_days(words[0]) if len(words) == 2 else None
        single_weekday = days is not None and len(days) == 1 and weekday_index(words[0]) is not None
        if days is not None and (repeating or not single_weekday):
            first = first_day or local_today
            return series(days, times, tz, now, weeks=weeks or 1, first_day=first, skip=skip)
        if repeating:
            raise ValueError(
                _("{word} is not days such as mon-fri, mon,wed,fri or daily").format(word=repr(words[0]))
            )
        day = parse_day(words[0], local_today) if len(words) == 2 else local_today
        return [_one(day, *times, tz)]
    _refuse_bare_hours(words)
    if repeating:
        raise ValueError(_("weeks=, from= and skip= go with a repeating shift such as mon-fri 09:00-12:00"))
    start, end = _start_and_end(words, tz, now)
    if end.astimezone(UTC) <= start.astimezone(UTC):
        raise ValueError(_("END must be after START"))
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    _check_length(local_start, local_end)
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
    skip: frozenset[date] = frozenset(),
) -> list[NewShift]:
    """One shift on each chosen weekday for `weeks` weeks from `first_day`, past and skipped ones left out."""
    start, end = times
    _check_range(start, end)
    check_day(first_day)
    if first_day < now.astimezone(tz).date():
        raise ValueError(_("from={day} is in the past").format(day=first_day.isoformat()))
    last_day = first_day + timedelta(days=weeks * 7 - 1)
    try:
        check_day(last_day)
    except OutOfRange:
        raise OutOfRange(
            _("that series would run to {day}, past {year}").format(day=last_day.isoformat(), year=LAST_YEAR)
        ) from None
    dates = [first_day + timedelta(days=n) for n in range(weeks * 7)]
    chosen = [day for day in dates if day.weekday() in days]
    stray = sorted(skip - set(chosen))
    if stray:
        raise ValueError(_("skip={day} is not a day of this series").format(day=stray[0].isoformat()))
    found, missing, too_long = [], [], []
    for day in chosen:
        if day in skip:
            continue
        try:
            shift = _one(day, start, end, tz)
        except NonexistentTime as gap:
            missing.append((day, gap))
            continue
        except TooLong as long_day:
            too_long.append(long_day)
            continue
        if shift.starts_at > now:
            found.append(shift)
    if missing:
        raise ValueError(_gaps_message(missing))
    if too_long:
        raise ValueError(_too_long_message(too_long))
    if not found:
        raise ValueError(_("every shift in that series would be in the past"))
    return found


class TooLong(ValueError):
    """A shift longer than the most a shift may last (a range under a day, when the clocks go back)."""

    def __init__(self, start: datetime, end: datetime) -> None:
        self.day, self.start, self.end = start.date(), start, end
        self.length = end.astimezone(UTC) - start.astimezone(UTC)
        super().__init__(
            _(
                "that shift would last {length}, {moments}{change}; a shift can last at most {most} hours"
            ).format(
                length=duration_text(self.length),
                moments=_moments(start, end),
                change=_change(start, end),
                most=MAX_SHIFT_HOURS,
            )
        )


def _moments(start: datetime, end: datetime) -> str:
    """``Sun 2026-11-01 00:00 PDT to 23:59 PST``: both ends with their offsets."""
    shown_end = f"{end:%H:%M %Z}" if end.date() == start.date() else f"{dated_day(end.date())} {end:%H:%M %Z}"
    return _("{start} to {end}").format(start=f"{dated_day(start.date())} {start:%H:%M %Z}", end=shown_end)


def _change(start: datetime, end: datetime) -> str:
    shift = (end.utcoffset() or timedelta(0)) - (start.utcoffset() or timedelta(0))
    if not shift:
        return ""
    if shift < timedelta(0):
        text = _(", as the clocks go back {length}")
    else:
        text = _(", as the clocks go forward {length}")
    return text.format(length=duration_text(abs(shift)))


def _check_length(start: datetime, end: datetime) -> None:
    """Refuse a shift longer than MAX_SHIFT_HOURS, measured in real time, not on the wall clock."""
    if end.astimezone(UTC) - start.astimezone(UTC) > timedelta(hours=MAX_SHIFT_HOURS):
        raise TooLong(start, end)


def _gaps_message(missing: list[tuple[date, NonexistentTime]]) -> str:
    """Name every date a series' time falls in a clock change, and how to leave them out.

    An overnight shift's end falls on the day after its own: the message names
    the day the time does not exist, and skip= names the shifts' own days.
    """
    days = [day for day, _gap in missing]
    first = missing[0][1]
    named = ", ".join(dated_day(gap.day) for _day, gap in missing)
    if days[0] == first.day:
        text = _(
            "{time} does not exist on {days} in {zone}: the clocks go from {gap_start} straight to {gap_end}."
            " Nearest valid times: {before} or {after}; or leave those days out with skip={skip}"
        )
    else:
        text = _(
            "{time} does not exist on {days} in {zone} (the end of the shifts starting {starts}): the clocks"
            " go from {gap_start} straight to {gap_end}. Nearest valid times: {before} or {after};"
            " or leave those days out with skip={skip}"
        )
    return text.format(
        time=f"{first.clock:%H:%M}",
        days=named,
        zone=first.zone,
        starts=", ".join(dated_day(d) for d in days),
        gap_start=first.relative(first.gap_moments[0]),
        gap_end=first.relative(first.gap_moments[1]),
        before=first.relative(first.nearest_moments[0]),
        after=first.relative(first.nearest_moments[1]),
        skip=",".join(day.isoformat() for day in days),
    )


def _too_long_message(too_long: list[TooLong]) -> str:
    """Name every date a series' range lasts too long on (the clocks go back), and how to leave them out."""
    first = too_long[0]
    named = ", ".join(dated_day(long_day.day) for long_day in too_long)
    return _(
        "{range} lasts {length} on {days} in {zone}{change} ({moments}); a shift can last at most {most}"
        " hours. End it earlier, or leave those days out with skip={skip}"
    ).format(
        range=f"{first.start:%H:%M}–{first.end:%H:%M}",
        length=duration_text(first.length),
        days=named,
        zone=first.start.tzinfo,
        change=_change(first.start, first.end),
        moments=_moments(first.start, first.end),
        most=MAX_SHIFT_HOURS,
        skip=",".join(long_day.day.isoformat() for long_day in too_long),
    )


def _check_range(start: time, end: time) -> None:
    if end == start:
        raise ValueError(
            _("{range} starts and ends at the same time (e.g. 09:00-12:00, or 22:00-06:00 overnight)").format(
                range=f"{start:%H:%M}-{end:%H:%M}"
            )
        )


def _one(day: date, start: time, end: time, tz: ZoneInfo) -> NewShift:
    """One shift on `day`; an end earlier than the start is on the next day (overnight)."""
    _check_range(start, end)
    begins = localize(day, start, tz, strict=True)
    ends = localize(day + timedelta(days=1) if end < start else day, end, tz, strict=True)
    _check_length(begins, ends)
    return NewShift(begins.astimezone(UTC), ends.astimezone(UTC), day, start, end)


def _refuse_bare_hours(words: list[str]) -> None:
    """``9-12`` could be morning or evening: ask for minutes or am/pm rather than guess."""
    for word in words:
        bare = _BARE_HOURS.fullmatch(word)
        if bare and max(int(bare[1]), int(bare[2])) <= 24:
            raise ValueError(
                _("can't tell the times in {word}: write 09:00-12:00 or 9am-12pm").format(
                    word=repr(word[:20])
                )
            )


def _is_bare_time(text: str) -> bool:
    """``06:00`` or ``6 am``: a time with no day."""
    try:
        parse_time_of_day(text.replace(" ", ""))
    except ValueError:
        return False
    return True


def _start_and_end(words: list[str], tz: ZoneInfo, now: datetime) -> tuple[datetime, datetime]:
    """Split the words into START and END, preferring the longest START that reads."""
    for cut in range(min(len(words) - 1, 3), 0, -1):
        try:
            start = When(" ".join(words[:cut])).resolve(tz, now)
            end_text = " ".join(words[cut:])
            end = When(end_text).resolve(tz, now, default_day=start.date())
            if end <= start and _is_bare_time(end_text):  # "22:00 06:00": overnight, ends the next day
                end = When(end_text).resolve(tz, now, default_day=start.date() + timedelta(days=1))
        except (NonexistentTime, OutOfRange):
            raise  # read, but refused: say why rather than "can't read"
        except ValueError:
            continue
        return start, end
    raise ValueError(
        _("can't read {text} as START END (try 2026-11-23 09:00 12:00 or mon-fri 09:00-12:00)").format(
            text=repr(" ".join(words)[:80])
        )
    )
