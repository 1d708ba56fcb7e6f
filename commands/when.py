"""Read dates and times as members type them, in a given time zone.

Understood: ``2026-11-23 09:00``, ``2026-11-23T09:00``, ``2026-11-23``,
``today 13:00``, ``tomorrow 9am``, ``mon 13:00``, ``friday 1:30pm``,
``9am``, ``noon``, ``now``. Times are wall-clock times in the zone given,
so "09:00" on a site in Los Angeles is 09:00 there whatever the season.

Bounds: every day a member types lies in the years 2000–2100
(`FIRST_YEAR`, `LAST_YEAR`), or is refused with one line (`OutOfRange`),
so no date arithmetic downstream can overflow.

Clock changes: a wall-clock time that does not exist that day (the hour
skipped when clocks spring forward) is refused by `NonexistentTime`, which
names the nearest valid times; nothing is moved silently. A time that
happens twice (when clocks fall back) means its first occurrence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from commands.i18n import SOURCE_LANGUAGE, _, current_language

FIRST_YEAR = 2000
LAST_YEAR = 2100
_LONG_YEAR = re.compile(r"\d{5,}-\d\d-\d\d")


class OutOfRange(ValueError):
    """A day outside the years 2000–2100: the message says so in one line."""


class NonexistentTime(ValueError):
    """A wall-clock time skipped by a clock change on that day; the message names the nearest valid times.

    The nearest valid time before the gap can fall on the day before (Havana's
    clocks skip midnight, so 00:30 on the 14th is nearest 23:59 on the 13th):
    a time on another day than `day` is always shown with its date.
    """

    def __init__(self, day: date, clock: time, tz: ZoneInfo, gap: tuple[datetime, datetime]) -> None:
        self.day, self.clock, self.zone = day, clock, tz.key
        #: Where the skipped stretch starts and ends, as naive wall-clock moments.
        self.gap_moments = gap
        self.nearest_moments = (gap[0] - timedelta(minutes=1), gap[1])
        self.gap = (gap[0].time(), gap[1].time())
        self.nearest = (self.nearest_moments[0].time(), self.nearest_moments[1].time())
        message = _(
            "{time} does not exist on {day} in {zone}: the clocks go from {gap_start} straight to"
            " {gap_end}. Nearest valid times: {before} or {after}"
        )
        super().__init__(
            message.format(
                time=f"{clock:%H:%M}",
                day=dated_day(day),
                zone=tz.key,
                gap_start=self.dated(gap[0]),
                gap_end=self.dated(gap[1]),
                before=self.dated(self.nearest_moments[0]),
                after=self.dated(self.nearest_moments[1]),
            )
        )

    def dated(self, moment: datetime) -> str:
        """``23:59`` on the day asked about, ``Sat 2027-03-13 23:59`` on any other."""
        clock = f"{moment:%H:%M}"
        return clock if moment.date() == self.day else f"{dated_day(moment.date())} {clock}"

    def relative(self, moment: datetime) -> str:
        """``23:59``, or ``23:59 the day before``: for a series, where each date has its own."""
        days, clock = (moment.date() - self.day).days, f"{moment:%H:%M}"
        if not days:
            return clock
        if abs(days) == 1:
            shown = _("{time} the day before") if days < 0 else _("{time} the day after")
            return shown.format(time=clock)
        shown = _("{time} {days} days before") if days < 0 else _("{time} {days} days after")
        return shown.format(time=clock, days=abs(days))


#: Weekdays and months as replies write them (``%a`` and ``%b`` are English whatever is spoken).
def reader_date(day: date, english: str, cldr: str) -> str:
    """`day` as the reader's language writes it: `english` is a strftime pattern (the English
    text, as always), `cldr` the same in Babel's (CLDR) pattern language, for the others."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return day.strftime(english)
    return cldr_date(day, cldr, language)


@lru_cache(maxsize=2048)
def cldr_date(day: date, pattern: str, language: str) -> str:
    """`day` in a CLDR `pattern` in `language`, by Babel (its day and month names, e.g. ``lun``)."""
    # Imported here: Babel's locale data is loaded only once someone reads another language.
    from babel.dates import format_date

    return format_date(day, pattern, locale=language)


def cldr_moment(moment: datetime, pattern: str) -> str:
    """`moment` at its own offset in a CLDR `pattern`, in the language being spoken (Babel)."""
    from babel.dates import format_datetime  # imported on first use: start-up stays small

    return format_datetime(moment, pattern, tzinfo=moment.tzinfo, locale=current_language())


def weekday_name(day: date) -> str:
    """``Mon`` (``lun`` in Spanish)."""
    return reader_date(day, "%a", "EEE")


def month_name(day: date) -> str:
    """``Nov`` (``nov`` in Spanish)."""
    return reader_date(day, "%b", "MMM")


def dated_day(day: date) -> str:
    """``Mon 2026-11-02``, the weekday in the language being spoken."""
    return f"{weekday_name(day)} {day:%Y-%m-%d}"


def out_of_range(shown: str) -> OutOfRange:
    return OutOfRange(
        _("{day} is outside the years {first}–{last}").format(day=shown, first=FIRST_YEAR, last=LAST_YEAR)
    )


def check_day(day: date) -> date:
    """`day`, or OutOfRange when it is outside the years 2000–2100."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise out_of_range(day.isoformat())
    return day


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_ALIASES = {
    "monday": "mon", "tuesday": "tue", "tues": "tue", "wednesday": "wed",
    "thursday": "thu", "thur": "thu", "thurs": "thu", "friday": "fri",
    "saturday": "sat", "sunday": "sun",
}  # fmt: skip
_NAMED_TIMES = {"noon": time(12, 0), "midnight": time(0, 0)}


def weekday_index(word: str) -> int | None:
    word = word.strip().lower()
    word = _WEEKDAY_ALIASES.get(word, word)
    return WEEKDAYS.index(word) if word in WEEKDAYS else None


def parse_time_of_day(text: str) -> time:
    """``9am``, ``9:30 pm``, ``09:00``, ``13:00``, ``noon``. Raises ValueError."""
    word = text.strip().lower().replace(" ", "").replace(".", "")
    if word in _NAMED_TIMES:
        return _NAMED_TIMES[word]
    suffix = ""
    if word.endswith(("am", "pm")):
        word, suffix = word[:-2], word[-2:]
    hour_text, _colon, minute_text = word.partition(":")
    if not hour_text.isdigit() or (minute_text and not minute_text.isdigit()):
        raise ValueError(_("{typed} is not a time of day").format(typed=repr(text)))
    if len(hour_text) > 2 or (minute_text and len(minute_text) != 2):
        raise ValueError(_("{typed} is not a time of day").format(typed=repr(text)))
    if not minute_text and not suffix:
        raise ValueError(_("{typed} is not a time of day (write 09:00 or 9am)").format(typed=repr(text)))
    hour, minute = int(hour_text), int(minute_text or 0)
    if suffix:
        if not 1 <= hour <= 12:
            raise ValueError(_("{typed} is not a time of day").format(typed=repr(text)))
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(_("{typed} is not a time of day").format(typed=repr(text)))
    return time(hour, minute)


def parse_day(text: str, today: date) -> date:
    """``today``, ``tomorrow``, ``yesterday``, ``mon`` (next one, today included), ISO dates."""
    word = text.strip().lower()
    relative = {"today": 0, "tomorrow": 1, "yesterday": -1}.get(word)
    if relative is not None:
        return check_day(today + timedelta(days=relative))
    index = weekday_index(word)
    if index is not None:
        return check_day(today + timedelta(days=(index - today.weekday()) % 7))
    try:
        day = date.fromisoformat(word)
    except ValueError:
        if _LONG_YEAR.fullmatch(word):  # 10000-01-01: a date, but past what Python's dates hold
            raise out_of_range(word[:12]) from None
        raise ValueError(
            _("{typed} is not a day (try 2026-11-23 09:00, tomorrow 9am or mon 13:00)").format(
                typed=repr(text)
            )
        ) from None
    return check_day(day)


def localize(day: date, clock: time, tz: ZoneInfo, *, strict: bool = False) -> datetime:
    """A wall-clock time in `tz`; a time that happens twice means its first occurrence.

    A time skipped by a clock change raises `NonexistentTime` when `strict`
    (what members type); otherwise it becomes the first moment after the gap
    (the start of a day that begins with one, for period bounds).
    """
    naive = datetime.combine(day, clock)
    aware = naive.replace(tzinfo=tz)  # fold=0: the first occurrence of a repeated time
    # A time in the spring-forward gap does not survive a round trip through UTC.
    if aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == naive:
        return aware
    gap = skipped_gap(naive, tz)
    if strict:
        raise NonexistentTime(day, clock, tz, gap)
    return gap[1].replace(tzinfo=tz)


def skipped_gap(naive: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The wall-clock times where the skipped stretch around `naive` starts and ends."""
    offset_before = naive.replace(tzinfo=tz, fold=0).utcoffset() or timedelta(0)
    offset_after = naive.replace(tzinfo=tz, fold=1).utcoffset() or timedelta(0)
    # The change happens at one instant between these two readings of `naive`: find it to the second.
    low = (naive - offset_after).replace(tzinfo=UTC)
    high = (naive - offset_before).replace(tzinfo=UTC)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(tz).utcoffset() == offset_after:
            high = middle
        else:
            low = middle
    change = high.replace(microsecond=0, tzinfo=None)
    return change + offset_before, change + offset_after


def parse_when(text: str, tz: ZoneInfo, now: datetime, *, default_day: date | None = None) -> datetime:
    """Parse a date and time in `tz`; `default_day` is used when only a time is given."""
    words = text.strip().replace("T", " ", 1).split() if _is_iso_t(text) else text.split()
    local_now = now.astimezone(tz)
    if not words:
        raise ValueError(_("a date and time is needed (try 2026-11-23 09:00, tomorrow 9am or mon 13:00)"))
    if len(words) == 1 and words[0].lower() == "now":
        return local_now
    if len(words) > 3:
        raise not_a_date_and_time(text)
    try:
        day_part, time_part = _split_day_and_time(words)
        day = parse_day(day_part, local_now.date()) if day_part else (default_day or local_now.date())
        clock = parse_time_of_day(time_part) if time_part else time(0, 0)
    except OutOfRange:
        raise
    except ValueError:
        raise not_a_date_and_time(text) from None
    return localize(check_day(day), clock, tz, strict=True)


def not_a_date_and_time(text: str) -> ValueError:
    return ValueError(
        _("{typed} is not a date and time (try 2026-11-23 09:00, tomorrow 9am or mon 13:00)").format(
            typed=repr(text)
        )
    )


def _is_iso_t(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) > 10 and stripped[4:5] == "-" and stripped[10:11] == "T"


def _split_day_and_time(words: list[str]) -> tuple[str | None, str | None]:
    if len(words) == 1:
        try:
            parse_time_of_day(words[0])
            return None, words[0]
        except ValueError:
            return words[0], None
    # "9:30 pm" or "tomorrow 9 am": a trailing am/pm joins the word before it.
    if words[-1].lower() in ("am", "pm"):
        words = [*words[:-2], words[-2] + words[-1]]
        if len(words) == 1:
            return None, words[0]
    if len(words) != 2:
        raise ValueError("too many words")
    return words[0], words[1]


@dataclass(frozen=True)
class When:
    """A date and time as typed, read later in the time zone that applies.

    Commands often learn the zone only from another argument (a site), so the
    parser checks the text is readable and the handler resolves it.
    """

    text: str

    def resolve(self, tz: ZoneInfo, now: datetime, *, default_day: date | None = None) -> datetime:
        return parse_when(self.text, tz, now, default_day=default_day)

    def __str__(self) -> str:
        return self.text
