"""RFC 5545 (iCalendar) text: events in their sites' time zones.

Written by hand so the bot needs no calendar library at run time. Each zone
used gets a VTIMEZONE built from zoneinfo's own transitions around the
events, so calendar programs that do not know IANA names still show the
right wall-clock times on both sides of a daylight-saving change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

PRODID = "-//picketbot//picket shifts//EN"
CRLF = "\r\n"
MAX_OCTETS = 75
#: VTIMEZONE transitions are listed this far around the events.
ZONE_MARGIN = timedelta(days=366)
_SCAN_STEP = timedelta(hours=6)


@dataclass(frozen=True)
class Event:
    uid: str
    start: datetime
    end: datetime
    zone: str
    summary: str
    location: str = ""
    description: str = ""
    status: str = "CONFIRMED"


def escape_text(value: str) -> str:
    """TEXT values: backslash, semicolon, comma and newline escaped; other controls dropped."""
    kept = "".join(c for c in value.replace("\r\n", "\n") if c in "\n\t" or (ord(c) >= 0x20 and c != "\x7f"))
    return kept.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces, never inside a UTF-8 character."""
    pieces: list[str] = []
    current, size, limit = "", 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            # A continuation line starts with a space, which counts toward its 75 octets.
            current, size, limit = "", 0, MAX_OCTETS - 1
        current += char
        size += width
    pieces.append(current)
    return (CRLF + " ").join(pieces)


def _utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local_stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def _offset(delta: timedelta | None) -> str:
    seconds = int((delta or timedelta()).total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")


def _state(zone: ZoneInfo, moment: datetime) -> tuple[timedelta | None, timedelta | None]:
    local = moment.astimezone(zone)
    return local.utcoffset(), local.dst()


def _transition_in(zone: ZoneInfo, low: datetime, high: datetime) -> datetime:
    """The first instant in (low, high] whose offset differs from low's, to the second."""
    before = _state(zone, low)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if _state(zone, middle) == before:
            low = middle
        else:
            high = middle
    return high.replace(microsecond=0)


def transitions(zone: ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """UTC instants in [start, end] where the zone's offset or daylight flag changes."""
    found: list[datetime] = []
    cursor = start
    while cursor < end:
        step_end = min(cursor + _SCAN_STEP, end)
        if _state(zone, cursor) != _state(zone, step_end):
            found.append(_transition_in(zone, cursor, step_end))
        cursor = step_end
    return found


def _observance(zone: ZoneInfo, onset: datetime, offset_from: timedelta | None) -> list[str]:
    """One STANDARD or DAYLIGHT block starting at `onset` (UTC)."""
    after = onset.astimezone(zone)
    kind = "DAYLIGHT" if after.dst() else "STANDARD"
    # DTSTART is the onset in local time as it was read just before the change.
    local_onset = (onset + (offset_from or timedelta())).replace(tzinfo=None)
    return [
        f"BEGIN:{kind}",
        f"DTSTART:{_local_stamp(local_onset)}",
        f"TZOFFSETFROM:{_offset(offset_from)}",
        f"TZOFFSETTO:{_offset(after.utcoffset())}",
        f"TZNAME:{escape_text(after.tzname() or zone.key)}",
        f"END:{kind}",
    ]


def vtimezone(zone: ZoneInfo, start: datetime, end: datetime) -> list[str]:
    """A VTIMEZONE whose observances cover [start - margin, end + margin]."""
    low, high = start.astimezone(UTC) - ZONE_MARGIN, end.astimezone(UTC) + ZONE_MARGIN
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone.key}"]
    # The first observance fixes the offset in force at the start of the covered span.
    lines += _observance(zone, low.replace(microsecond=0), _state(zone, low)[0])
    for onset in transitions(zone, low, high):
        lines += _observance(zone, onset, _state(zone, onset - timedelta(seconds=1))[0])
    return [*lines, "END:VTIMEZONE"]


def _datetime_line(name: str, moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    if local.fold:
        # The second of two repeated local times (DST ends) is ambiguous with TZID: use UTC.
        return f"{name}:{_utc_stamp(moment)}"
    return f"{name};TZID={zone.key}:{_local_stamp(local)}"


def _event_lines(event: Event, stamp: datetime) -> list[str]:
    zone = ZoneInfo(event.zone)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{_utc_stamp(stamp)}",
        _datetime_line("DTSTART", event.start, zone),
        _datetime_line("DTEND", event.end, zone),
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    return [*lines, f"STATUS:{event.status}", "END:VEVENT"]


def calendar(events: Iterable[Event], *, stamp: datetime, name: str = "Picket shifts") -> str:
    """A whole VCALENDAR with CRLF line endings and folded lines."""
    listed = list(events)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for zone_name in sorted({event.zone for event in listed}):
        in_zone = [event for event in listed if event.zone == zone_name]
        first = min(event.start for event in in_zone)
        last = max(event.end for event in in_zone)
        lines += vtimezone(ZoneInfo(zone_name), first, last)
    for event in listed:
        lines += _event_lines(event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
