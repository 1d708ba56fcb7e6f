"""A shift's time as chat shows it: the site's local time, marked so each reader also sees their own.

`when(shift)` is the shift's span (``Mon 2026-11-02 09:00–12:00 PST``) marked
with its instants (`commands.markup.span`): Discord draws it with
``<t:…>`` timestamps beside it, Slack with its date formatting, the console
shows the local text alone. Files (calendars, exports) keep `Shift.span`.

Day and month names are in the language being spoken (``lun 2026-11-02`` in
Spanish, from Babel's locale data); English keeps storage's own text.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from commands.i18n import SOURCE_LANGUAGE, current_language
from commands.markup import MomentStyle, moment, span
from commands.when import cldr_date, reader_date
from storage.picket.common import clock_span
from storage.picket.model import Shift


def weekday(day: date, language: str) -> str:
    """The day's short name in `language`: ``Mon``, ``lun``."""
    return f"{day:%a}" if language == SOURCE_LANGUAGE else cldr_date(day, "EEE", language)


def day_month(day: date) -> str:
    """``Mon 2 Nov``, ``lun 2 nov``."""
    return reader_date(day, f"%a {day.day} %b", "EEE d MMM")


def span_text(shift: Shift) -> str:
    """The shift's start and end in the site's zone, as text: ``Mon 2026-11-02 09:00–12:00 PST``."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return shift.span
    return _span_in(shift.starts_at, shift.ends_at, shift.timezone, language)


@lru_cache(maxsize=4096)
def _span_in(starts_at: datetime, ends_at: datetime, tz_name: str, language: str) -> str:
    """`storage.picket.common.local_span` with the day names of `language` (cached like it)."""
    tz = ZoneInfo(tz_name)
    start, end = starts_at.astimezone(tz), ends_at.astimezone(tz)
    end_text = (
        f"{end:%H:%M}"
        if end.date() == start.date()
        else f"{weekday(end.date(), language)} {end:%Y-%m-%d %H:%M}"
    )
    return f"{weekday(start.date(), language)} {start:%Y-%m-%d} {clock_span(start, end, end_text=end_text)}"


def plain_label(shift: Shift) -> str:
    """``#12 Sunset Gate, Mon 2026-11-02 09:00–12:00 PST`` as plain text (a duty's name after the site)."""
    if current_language() == SOURCE_LANGUAGE:
        return shift.label
    duty = "" if shift.kind == "picket" else f" ({shift.kind})"
    return f"#{shift.id} {shift.site_name}{duty}, {span_text(shift)}"


def when(shift: Shift) -> str:
    """The shift's start and end in the site's zone, marked for each reader's own."""
    return span(shift.starts_at, shift.ends_at, span_text(shift))


def label(shift: Shift) -> str:
    """``#12 Sunset Gate, Mon 2026-11-02 09:00–12:00 PST``, its time marked."""
    return f"#{shift.id} {shift.site_name}, {when(shift)}"


def at(instant: datetime, zone: str, *, style: MomentStyle = "f", pattern: str = "%H:%M %Z") -> str:
    """One instant on a site's clock (``09:35 PDT``), marked for each reader's own."""
    local = instant.astimezone(ZoneInfo(zone))
    return moment(instant, local.strftime(pattern), style=style)
