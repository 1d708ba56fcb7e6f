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
from commands.i18n import N_, _, ngettext
from commands.params import MemberRef
from commands.picket.common import PICKET, SHIFT_ID, resolve_member
from commands.picket.moments import plain_label
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
    N_("A strike duty instead of picketing (phone-bank, kitchen...: see [picket.duties])"),
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
        raise UsageError(
            _("no duties are set up, so not {duty}: an operator lists them in [picket.duties]").format(
                duty=repr(typed)
            )
        )
    raise UsageError(
        _("unknown duty {duty}: the duties are {known} ([picket.duties])").format(
            duty=repr(typed), known=known
        )
    )


def counts_text(duty: Duty | None) -> str:
    """How a duty's hours count, in words."""
    if duty is None:
        return _("no longer in [picket.duties], so its hours don't count")
    if not duty.counts or duty.share == 0:
        return _("its hours don't count toward strike pay")
    if duty.share == 1:
        return _("its hours count toward strike pay in full")
    return _("its hours count toward strike pay at {share}").format(share=f"{duty.share:.0%}")


def _names(names: tuple[str, ...]) -> str:
    """The first ten names, and how many more."""
    shown = ", ".join(names[:10])
    if len(names) <= 10:
        return shown
    more = len(names) - 10
    return ngettext("{names} and {count} more", "{names} and {count} more", more).format(
        names=shown, count=more
    )


@picket.command(
    "duty",
    "confirm",
    description=N_("Confirm duty hours members checked in for themselves, so they count"),
    role=Role.CAPTAIN,
    params=(SHIFT_ID, p.member("member", N_("Only this member's (default: everyone's)"), required=False)),
    examples=("/picket duty confirm 31", "/picket duty confirm 31 @ana"),
)
async def confirm_duty(ctx: Context, id: int, member: MemberRef | None = None) -> Reply:
    me = await ctx.member_id()
    who: int | None = None
    if member is not None:
        found, _shown = await resolve_member(ctx, member)
        assert not isinstance(found, NewMember)  # only a walk-in is made on the spot
        who = found
    done = await duties.confirm(ctx.db, id, me, member_id=who, now=ctx.now)
    shift = done.shift
    duty = find(ctx.settings.duties, shift.kind)
    count = len(done.names)
    return Reply(
        text=no_pings(
            ngettext(
                "Confirmed {count} check-in(s) on shift {shift}: {names}. {duty}: {counts}.",
                "Confirmed {count} check-in(s) on shift {shift}: {names}. {duty}: {counts}.",
                count,
            ).format(
                count=count,
                shift=plain_label(shift),
                names=_names(done.names),
                duty=shift.kind.capitalize(),
                counts=counts_text(duty),
            )
        ),
        ephemeral=True,
    )
