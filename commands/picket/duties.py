"""Strike duties other than picketing: `duty=` on /picket shift add, and /picket duty confirm.

A duty is named in ``[picket.duties]`` with whether its hours count toward
strike-pay eligibility and at what share (`storage.picket.duty_rules`). A
captain recording someone's check-in on a duty shift confirms it; check-ins
members made themselves wait for `/picket duty confirm`, which a captain
runs once the work is done (all of the shift's at once, or one member's).
"""

from __future__ import annotations

from commands import params as p
from commands.context import Context
from commands.errors import UsageError
from commands.params import MemberRef
from commands.picket.common import PICKET, SHIFT_ID, resolve_member
from commands.registry import Commands
from commands.reply import Reply
from commands.roles import Role
from commands.text import no_pings, shorten
from storage.picket import duties
from storage.picket.checkins import NewMember
from storage.picket.duty_rules import MAX_NAME, Duty, find
from storage.picket.duty_rules import PICKET as PICKET_KIND

DUTY = p.text(
    "duty",
    "A strike duty instead of picketing (phone-bank, kitchen...: see [picket.duties])",
    keyword_only=True,
    required=False,
    max_length=MAX_NAME,
)

picket = Commands(PICKET)


def duty_kind(ctx: Context, duty: str | None) -> str:
    """The kind of shift `duty=` asks for: "picket", or a duty the settings name."""
    if duty is None or duty.strip().lower() == PICKET_KIND:
        return PICKET_KIND
    name = duty.strip().lower()
    if find(ctx.settings.duties, name) is not None:
        return name
    known = ", ".join(d.name for d in ctx.settings.duties)
    typed = no_pings(shorten(duty.strip(), 40))
    if not known:
        raise UsageError(f"no duties are set up, so not {typed!r}: an operator lists them in [picket.duties]")
    raise UsageError(f"unknown duty {typed!r}: the duties are {known} ([picket.duties])")


def counts_text(duty: Duty | None) -> str:
    """How a duty's hours count, in words."""
    if duty is None:
        return "no longer in [picket.duties], so its hours don't count"
    if not duty.counts or duty.share == 0:
        return "its hours don't count toward strike pay"
    if duty.share == 1:
        return "its hours count toward strike pay in full"
    return f"its hours count toward strike pay at {duty.share:.0%}"


@picket.command(
    "duty",
    "confirm",
    description="Confirm duty hours members checked in for themselves, so they count",
    role=Role.CAPTAIN,
    params=(SHIFT_ID, p.member("member", "Only this member's (default: everyone's)", required=False)),
    examples=("/picket duty confirm 31", "/picket duty confirm 31 @ana"),
)
async def confirm_duty(ctx: Context, id: int, member: MemberRef | None = None) -> Reply:
    me = await ctx.member_id()
    who: int | None = None
    if member is not None:
        found, _ = await resolve_member(ctx, member)
        assert not isinstance(found, NewMember)  # only a walk-in is made on the spot
        who = found
    done = await duties.confirm(ctx.db, id, me, member_id=who, now=ctx.now)
    shift = done.shift
    names = ", ".join(done.names[:10]) + (f" and {len(done.names) - 10} more" if len(done.names) > 10 else "")
    duty = find(ctx.settings.duties, shift.kind)
    return Reply(
        text=no_pings(
            f"Confirmed {len(done.names)} check-in(s) on shift {shift.label}: {names}."
            f" {shift.kind.capitalize()}: {counts_text(duty)}."
        ),
        ephemeral=True,
    )
