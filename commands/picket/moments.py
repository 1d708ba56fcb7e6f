"""A shift's time as chat shows it: the site's local time, marked so each reader also sees their own.

`when(shift)` is the shift's span (``Mon 2026-11-02 09:00–12:00 PST``) marked
with its instants (`commands.markup.span`): Discord draws it with
``<t:…>`` timestamps beside it, Slack with its date formatting, the console
shows the local text alone. Files (calendars, exports) keep `Shift.span`.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from commands.markup import MomentStyle, moment, span
from storage.picket.model import Shift


def when(shift: Shift) -> str:
    """The shift's start and end in the site's zone, marked for each reader's own."""
    return span(shift.starts_at, shift.ends_at, shift.span)


def label(shift: Shift) -> str:
    """``#12 Sunset Gate, Mon 2026-11-02 09:00–12:00 PST``, its time marked."""
    return f"#{shift.id} {shift.site_name}, {when(shift)}"


def at(instant: datetime, zone: str, *, style: MomentStyle = "f", pattern: str = "%H:%M %Z") -> str:
    """One instant on a site's clock (``09:35 PDT``), marked for each reader's own."""
    local = instant.astimezone(ZoneInfo(zone))
    return moment(instant, local.strftime(pattern), style=style)
