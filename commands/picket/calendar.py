"""/picket calendar: a member's own confirmed shifts as an .ics file (the writer: `ical`)."""

from __future__ import annotations

from commands.context import Context
from commands.i18n import N_, _, ngettext
from commands.picket.common import PICKET
from commands.picket.ical import member_calendar_name, shifts_ics
from commands.registry import Commands
from commands.reply import Attachment, Reply
from storage.meta import install_id
from storage.picket.calendar import member_shifts

FILENAME = "picket-shifts.ics"

picket = Commands(PICKET)


@picket.command(
    "calendar",
    description=N_("Your upcoming confirmed shifts as a calendar file (.ics)"),
    examples=("/picket calendar",),
)
async def my_calendar(ctx: Context) -> Reply:
    shifts = await member_shifts(ctx.db, await ctx.member_id(), ctx.now)
    if not shifts:
        return Reply(text=_("You have no upcoming confirmed shifts. See /picket shifts."), ephemeral=True)
    text = shifts_ics(shifts, stamp=ctx.now, install_id=await install_id(ctx.db), name=member_calendar_name())
    count = len(shifts)
    return Reply(
        text=ngettext(
            "Your {count} upcoming shift, for your calendar app."
            " For a calendar that stays up to date on its own: /picket feed",
            "Your {count} upcoming shifts, for your calendar app."
            " For a calendar that stays up to date on its own: /picket feed",
            count,
        ).format(count=count),
        attachment=Attachment(filename=FILENAME, content=text.encode("utf-8"), content_type="text/calendar"),
        ephemeral=True,
    )
