"""Read dates and times as members type them, in a given time zone.

Understood: ``2026-11-23 09:00``, ``2026-11-23T09:00``, ``2026-11-23``,
``today 13:00``, ``tomorrow 9am``, ``mon 13:00``, ``friday 1:30pm``,
``9am``, ``noon``, ``now``. Times are wall-clock times in the zone given,
so "09:00" on a site in Los Angeles is 09:00 there whatever the season.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_ALIASES = {
    "monday": "mon", "tuesday": "tue", "tues": "tue", "wednesday": "wed",
    "thursday": "thu", "thur": "thu", "thurs": "thu", "friday": "fri",
    "saturday": "sat", "sunday": "sun",
}  # fmt: skip
_NAMED_TIMES = {"noon": time(12, 0), "midnight": time(0, 0)}
_EXAMPLES = "try 2026-11-23 09:00, tomorrow 9am or mon 13:00"


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
    hour_text, _, minute_text = word.partition(":")
    if not hour_text.isdigit() or (minute_text and not minute_text.isdigit()):
        raise ValueError(f"{text!r} is not a time of day")
    if len(hour_text) > 2 or (minute_text and len(minute_text) != 2):
        raise ValueError(f"{text!r} is not a time of day")
    if not minute_text and not suffix:
        raise ValueError(f"{text!r} is not a time of day (write 09:00 or 9am)")
    hour, minute = int(hour_text), int(minute_text or 0)
    if suffix:
        if not 1 <= hour <= 12:
            raise ValueError(f"{text!r} is not a time of day")
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"{text!r} is not a time of day")
    return time(hour, minute)


def parse_day(text: str, today: date) -> date:
    """``today``, ``tomorrow``, ``yesterday``, ``mon`` (next one, today included), ISO dates."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    if word == "yesterday":
        return today - timedelta(days=1)
    index = weekday_index(word)
    if index is not None:
        return today + timedelta(days=(index - today.weekday()) % 7)
    try:
        return date.fromisoformat(word)
    except ValueError:
        raise ValueError(f"{text!r} is not a day ({_EXAMPLES})") from None


def localize(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """A wall-clock time in `tz`; times skipped by a DST jump move forward an hour."""
    naive = datetime.combine(day, clock)
    aware = naive.replace(tzinfo=tz)
    # A time in the spring-forward gap does not survive a round trip through UTC.
    round_trip = aware.astimezone(ZoneInfo("UTC")).astimezone(tz)
    if round_trip.replace(tzinfo=None) != naive:
        return (naive + timedelta(hours=1)).replace(tzinfo=tz)
    return aware


def parse_when(text: str, tz: ZoneInfo, now: datetime, *, default_day: date | None = None) -> datetime:
    """Parse a date and time in `tz`; `default_day` is used when only a time is given."""
    words = text.strip().replace("T", " ", 1).split() if _is_iso_t(text) else text.split()
    local_now = now.astimezone(tz)
    if not words:
        raise ValueError(f"a date and time is needed ({_EXAMPLES})")
    if len(words) == 1 and words[0].lower() == "now":
        return local_now
    if len(words) > 3:
        raise ValueError(f"{text!r} is not a date and time ({_EXAMPLES})")
    try:
        day_part, time_part = _split_day_and_time(words)
        day = parse_day(day_part, local_now.date()) if day_part else (default_day or local_now.date())
        clock = parse_time_of_day(time_part) if time_part else time(0, 0)
    except ValueError:
        raise ValueError(f"{text!r} is not a date and time ({_EXAMPLES})") from None
    return localize(day, clock, tz)


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
