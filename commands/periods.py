"""Periods as members type them, and the UTC instants that bound them.

One reader, `read_period`, serves every command that takes a period
(`/picket shifts`, `/picket gaps`, `/picket hours`, `/picket eligibility`)
and the exports, so "next week" means the same everywhere:

- a day: ``today``, ``tomorrow``, ``yesterday``, ``fri`` (the next Friday, today
  included), ``2026-11-02``, and ``last fri``, ``this fri``, ``next fri``: the
  Friday of last, this or next week (weeks run Monday to Sunday);
- a week, Monday to Sunday: ``this week`` (or ``week``), ``next week``,
  ``last week``, ``week of 2026-11-02``;
- a month: ``this month``, ``next month``, ``last month``;
- a range of any two of those: ``2026-11-02 to 2026-11-08``, ``mon-fri``, ``mon..fri``,
  ``today - sun``, or two days side by side (``2026-11-02 2026-11-08``). A
  weekday after ``to`` is the first one on or after where the range starts.

Hours and eligibility count a shift in the period its start falls in.
`/picket hours`, `/picket eligibility` and the CSV export use these bounds,
so their totals agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from commands.i18n import N_, _
from commands.when import (
    OutOfRange,
    check_day,
    dated_day,
    localize,
    month_name,
    parse_day,
    weekday_index,
    weekday_name,
)
from storage.picket.common import clock_span

#: A whole week near today, as replies name it.
_NAMED_WEEKS = {-1: N_("last week"), 0: N_("this week"), 1: N_("next week")}
#: The most words a typed period takes ("last week to next week").
MAX_PERIOD_WORDS = 5
_RANGE = re.compile(r"\s+(?:to|until|through|thru|-|–|—)\s+|\.\.|\s*[–—]\s*|(?<=[a-z])-(?=[a-z])")
_OFFSETS = {"last": -1, "this": 0, "next": 1}


class EndsBeforeItStarts(ValueError):
    """A range read, but backwards ("2026-11-08 to 2026-11-02"): refused, not read another way."""


@dataclass(frozen=True)
class Period:
    """Days `first` to `last`, both included, as read from `text` (in the zone of the day it was read)."""

    first: date
    last: date
    text: str

    @property
    def one_day(self) -> bool:
        return self.first == self.last

    @property
    def whole_week(self) -> bool:
        return is_whole_week(self.first, self.last)

    def words(self, today: date) -> str:
        """``this week``, ``next week``, ``on Mon 2026-11-02``, ``Mon 2 Nov – Sun 8 Nov 2026``."""
        if self.whole_week:
            weeks = (self.first - week_containing(today)[0]).days // 7
            named = _NAMED_WEEKS.get(weeks)
            if named:
                return _(named)
        if self.one_day:
            return _("on {day}").format(day=dated_day(self.first))
        return describe_days(self.first, self.last)


def read_period(text: str, today: date) -> Period:
    """The days `text` names, relative to `today`; ValueError (or OutOfRange) says why not."""
    cleaned = " ".join(text.lower().removeprefix("from ").split())
    if not cleaned:
        # The examples are typed words: English in every language.
        raise ValueError(
            _("say which days: today, fri, next week, last week, 2026-11-02, or 2026-11-02 to 2026-11-08")
        )
    parts = [part for part in _RANGE.split(cleaned, maxsplit=1) if part]
    if len(parts) == 1 and " " in cleaned:
        parts = _two_days(cleaned, today) or parts
    if len(parts) == 1:
        first, last = _span(parts[0], today, text)
    else:
        first = _span(parts[0], today, text)[0]
        # "mon to fri": the Friday on or after that Monday, not the one before it.
        last = _span(parts[1], first if weekday_index(parts[1]) is not None else today, text)[1]
        if last < first:
            raise EndsBeforeItStarts(_("{typed} ends before it starts").format(typed=repr(text.strip()[:40])))
    return Period(check_day(first), check_day(last), text.strip())


def _two_days(text: str, today: date) -> list[str] | None:
    """``2026-11-02 2026-11-08``: two single days side by side are a range."""
    words = text.split()
    if len(words) != 2 or any(w in _OFFSETS or w in ("week", "month", "of") for w in words):
        return None
    try:
        parse_day(words[0], today), parse_day(words[1], today)
    except OutOfRange:
        raise
    except ValueError:
        return None
    return words


def _span(part: str, today: date, typed: str) -> tuple[date, date]:
    """The first and last day one side of a range names."""
    words = part.split()
    if words == ["week"]:
        words = ["this", "week"]
    if len(words) == 2 and words[0] in _OFFSETS:
        step = _OFFSETS[words[0]]
        if words[1] == "week":
            monday = week_containing(today)[0] + timedelta(weeks=step)
            return monday, monday + timedelta(days=6)
        if words[1] == "month":
            return _month(today, step)
        index = weekday_index(words[1])
        if index is not None:
            return (day := _nearest_weekday(index, today, step)), day
    if len(words) == 3 and words[:2] == ["week", "of"]:
        return week_containing(parse_day(words[2], today))
    if len(words) == 1:
        try:
            day = parse_day(words[0], today)
        except OutOfRange:
            raise
        except ValueError:
            pass
        else:
            return day, day
    raise ValueError(
        _(
            "{typed} is not a day or period"
            " (try today, fri, next week, last week, 2026-11-02, or 2026-11-02 to 2026-11-08)"
        ).format(typed=repr(typed.strip()[:40]))
    )


def _nearest_weekday(index: int, today: date, step: int) -> date:
    """``last fri``, ``this fri``, ``next fri``: that weekday in last, this or next week, as for weeks."""
    return week_containing(today)[0] + timedelta(weeks=step, days=index)


def _month(today: date, step: int) -> tuple[date, date]:
    months = today.year * 12 + today.month - 1 + step
    first = date(months // 12, months % 12 + 1, 1)
    following = date((months + 1) // 12, (months + 1) % 12 + 1, 1)
    return first, following - timedelta(days=1)


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
        return f"{weekday_name(first)} {first.day} {month_name(first)} {first:%Y}"
    head = f"{weekday_name(first)} {first.day} {month_name(first)}" + (
        "" if first.year == last.year else f" {first:%Y}"
    )
    return f"{head} – {weekday_name(last)} {last.day} {month_name(last)} {last:%Y}"


def clock_range(start: datetime, end: datetime) -> str:
    """``09:00–12:00 PDT``, or ``01:00 PDT–03:00 PST (3 h)`` when the shift spans a clock change."""
    return clock_span(start, end)
