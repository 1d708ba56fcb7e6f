"""Time zones and local-time labels, shared by the picket model, its rules and the commands.

Plain Python (zoneinfo), so the pure rule modules may use it.
"""

from __future__ import annotations

import functools
import zoneinfo
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from storage.picket.refusals import Code, PicketError

#: Files in the zone database that are no place's zone: "localtime" is whatever the machine
#: is set to (it changes with the host), "Factory" has no offset anyone keeps ("-00").
PSEUDO_ZONES = frozenset({"localtime", "Factory", "posixrules"})


@functools.cache
def known_zones() -> frozenset[str]:
    return frozenset(
        name
        for name in zoneinfo.available_timezones()
        if name not in PSEUDO_ZONES and not name.startswith(("posix/", "right/"))
    )


def zone(name: str) -> ZoneInfo:
    """An IANA zone by name; PicketError when the name is not one."""
    if name not in known_zones():
        raise PicketError(Code.UNKNOWN_ZONE, zone=name)
    return ZoneInfo(name)


@functools.lru_cache(maxsize=4096)
def local_span(starts_at: datetime, ends_at: datetime, tz_name: str) -> str:
    """``Mon 2026-11-02 09:00–12:00 PST`` in the site's zone (the end's date shown when it differs).

    Across a clock change, both offsets and the true length:
    ``Sun 2026-11-01 01:00 PDT–04:00 PST (4 h)``.

    Cached: every reply about a shift shows its label, and a sign-up storm asks
    for the same few labels thousands of times (zone conversion and strftime
    cost about ten microseconds a time).
    """
    tz = ZoneInfo(tz_name)
    start, end = starts_at.astimezone(tz), ends_at.astimezone(tz)
    end_text = end.strftime("%H:%M") if end.date() == start.date() else end.strftime("%a %Y-%m-%d %H:%M")
    return f"{start:%a %Y-%m-%d} {clock_span(start, end, end_text=end_text)}"


def clock_span(start: datetime, end: datetime, *, end_text: str | None = None) -> str:
    """``09:00–12:00 PST``, or ``01:00 PDT–04:00 PST (4 h)`` when a clock change falls inside.

    `start` and `end` are aware local times. A repeated time (the clocks fell
    back) is labelled with the offset it has, so 01:30 PDT and 01:30 PST differ.
    """
    shown_end = end_text or f"{end:%H:%M}"
    if start.utcoffset() == end.utcoffset():
        return f"{start:%H:%M}–{shown_end} {_zone_name(start)}"
    names = (_zone_name(start), _zone_name(end))
    if names[0] == names[1]:  # a change that keeps its abbreviation: show the offsets instead
        names = (f"{start:UTC%z}", f"{end:UTC%z}")
    length = end.astimezone(UTC) - start.astimezone(UTC)  # same-zone datetimes subtract as wall clocks
    return f"{start:%H:%M} {names[0]}–{shown_end} {names[1]} ({duration_text(length)})"


def _zone_name(moment: datetime) -> str:
    return moment.tzname() or moment.strftime("UTC%z")


def duration_text(length: timedelta) -> str:
    """``4 h``, ``2 h 30 min``, ``45 min``."""
    minutes = round(length.total_seconds() / 60)
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h" + (f" {minutes} min" if minutes else "")
