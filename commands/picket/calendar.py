"""/picket calendar: a member's own confirmed shifts as an .ics file."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from commands.context import Context
from commands.picket import ics
from commands.picket.common import PICKET
from commands.registry import Commands
from commands.reply import Attachment, Reply
from storage.picket.calendar import CalendarShift, member_shifts

FILENAME = "picket-shifts.ics"

picket = Commands(PICKET)


def shift_uid(shift_id: int) -> str:
    """Stable across exports, so re-importing updates events instead of duplicating them."""
    return f"shift-{shift_id}@picketbot"


def shift_event(shift: CalendarShift) -> ics.Event:
    details = [f"Picket shift #{shift.id} at {shift.site_name}."]
    details.append(f"{shift.confirmed} of {shift.capacity} places filled.")
    if shift.notes:
        details.append(f"Notes: {shift.notes}")
    details.append(f"Sign up: /picket signup {shift.id}")
    return ics.Event(
        uid=shift_uid(shift.id),
        start=shift.starts_at,
        end=shift.ends_at,
        zone=shift.timezone,
        summary=f"Picket: {shift.site_name}",
        location=shift.address,
        description="\n".join(details),
    )


def shifts_ics(shifts: Iterable[CalendarShift], *, stamp: datetime, name: str = "Picket shifts") -> str:
    return ics.calendar((shift_event(shift) for shift in shifts), stamp=stamp, name=name)


@picket.command(
    "calendar",
    description="Your upcoming confirmed shifts as a calendar file (.ics)",
    examples=("/picket calendar",),
)
async def my_calendar(ctx: Context) -> Reply:
    shifts = await member_shifts(ctx.db, await ctx.member_id(), ctx.now)
    if not shifts:
        return Reply(text="You have no upcoming confirmed shifts. See /picket shifts.", ephemeral=True)
    content = shifts_ics(shifts, stamp=ctx.now, name="My picket shifts").encode("utf-8")
    count = len(shifts)
    return Reply(
        text=f"Your {count} upcoming shift{'' if count == 1 else 's'}, for your calendar app.",
        attachment=Attachment(filename=FILENAME, content=content, content_type="text/calendar"),
        ephemeral=True,
    )
