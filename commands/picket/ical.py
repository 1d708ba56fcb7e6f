"""Shifts as iCalendar (RFC 5545), written with the `icalendar` package.

Used by /picket calendar (a file), the calendar feeds (`/picket feed`, served
on the public listener) and ``picketbot export shifts --format ics``. Events
are in their sites' zones, with a VTIMEZONE for each zone used (covering the
events, a year either side), so calendar programs that do not know IANA
names still show the right wall-clock times on both sides of a clock change.
UIDs name the shift and this install (`storage.meta.install_id`): stable
across exports and feed refreshes, so a calendar updates an event instead of
duplicating it, and never equal to another install's.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from commands.i18n import _
from storage.picket.calendar import CalendarShift

PRODID = "-//picketbot//picket shifts//EN"
#: VTIMEZONE transitions are listed this far around the events.
ZONE_MARGIN = timedelta(days=366)
#: How often a subscribed calendar is asked to look again (clients may choose longer).
FEED_REFRESH = timedelta(hours=1)


def shift_uid(shift_id: int, install_id: str) -> str:
    return f"shift-{shift_id}@{install_id}.picketbot"


def _when(moment: datetime, zone: ZoneInfo) -> datetime:
    local = moment.astimezone(zone)
    # The second of two repeated local times (the clocks fell back) is ambiguous with a TZID: UTC.
    return moment.astimezone(UTC) if local.fold else local


def member_calendar_name() -> str:
    """The name of a member's own calendar (the /picket calendar file, their feed)."""
    return _("My picket shifts")


def site_calendar_name(site: str) -> str:
    """The name of a site's calendar feed."""
    return _("Picket: {site}").format(site=site)


def _description(shift: CalendarShift) -> str:
    """What a member reads under the event; in the language being spoken (see `shifts_ics`)."""
    details = [_("Picket shift #{id} at {site}.").format(id=shift.id, site=shift.site_name)]
    if shift.cancelled:
        details.append(
            _("Cancelled: {reason}").format(reason=shift.cancel_reason)
            if shift.cancel_reason
            else _("Cancelled.")
        )
    else:
        details.append(
            _("{confirmed} of {capacity} places filled.").format(
                confirmed=shift.confirmed, capacity=shift.capacity
            )
        )
    if shift.notes:
        details.append(_("Notes: {notes}").format(notes=shift.notes))
    if not shift.cancelled:
        details.append(_("Sign up: /picket signup {id}").format(id=shift.id))
    return "\n".join(details)


def shift_event(shift: CalendarShift, *, stamp: datetime, install_id: str) -> icalendar.Event:
    zone = ZoneInfo(shift.timezone)
    event = icalendar.Event()
    event.add("uid", shift_uid(shift.id, install_id))
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", _when(shift.starts_at, zone))
    event.add("dtend", _when(shift.ends_at, zone))
    event.add("summary", site_calendar_name(shift.site_name))
    if shift.address:
        event.add("location", shift.address)
    event.add("description", _description(shift))
    event.add("status", "CANCELLED" if shift.cancelled else "CONFIRMED")
    return event


def shifts_ics(
    shifts: Iterable[CalendarShift],
    *,
    stamp: datetime,
    install_id: str,
    name: str = "Picket shifts",
    feed: bool = False,
) -> str:
    """A whole VCALENDAR (CRLF line endings, folded lines); `feed` adds the refresh hints.

    Summaries and descriptions are in the language being spoken: a command's member's, or
    what the caller chose with `commands.i18n.speaking` (a feed: its owner's).
    """

    listed = list(shifts)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    if feed:
        calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", FEED_REFRESH)
    for shift in listed:
        calendar.add_component(shift_event(shift, stamp=stamp, install_id=install_id))
    if listed:
        first = min(s.starts_at for s in listed) - ZONE_MARGIN
        last = max(s.ends_at for s in listed) + ZONE_MARGIN
        calendar.add_missing_timezones(first_date=first.date(), last_date=last.date())
    return str(calendar.to_ical().decode("utf-8"))
