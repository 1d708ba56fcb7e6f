"""/picket confirm and /picket release: the reminder's "I'm coming" and "Release my place".

Confirming says you're coming (recorded on the sign-up); a member given a place
from the waitlist must confirm within `[picket] promotion_confirm_minutes` or
it goes to the next in line (`storage.picket.confirmations`). Releasing gives
the place up at once: like /picket cancel, the first in line gets it in the
same transaction, and is told.
"""

from __future__ import annotations

from commands.context import Context
from commands.i18n import N_, _
from commands.picket.common import PICKET, SHIFT_ID
from commands.picket.moments import plain_label
from commands.picket.notices import notices_for
from commands.registry import Commands
from commands.reply import Button, Reply
from commands.text import no_pings
from storage.picket import confirmations, signups

picket = Commands(PICKET)


@picket.command(
    "confirm",
    description=N_("Say you're coming to a shift (a place from the waitlist must be confirmed)"),
    params=(SHIFT_ID,),
    examples=("/picket confirm 12",),
)
async def confirm_coming(ctx: Context, id: int) -> Reply:
    done = await confirmations.confirm_coming(ctx.db, id, await ctx.member_id(), now=ctx.now)
    if done.already:
        text = _("You've already said you're coming to shift {label}. See you there!")
    elif done.was_promotion:
        text = _("Confirmed: the place on shift {label} is yours. See you there!")
    else:
        text = _("Thanks for confirming: see you at shift {label}!")
    return Reply(
        text=no_pings(text.format(label=plain_label(done.shift))),
        buttons=(Button(_("Release my place"), f"picket release {id}", "danger"),),
        ephemeral=True,
    )


@picket.command(
    "release",
    description=N_("Give up your place now so the next person on the waitlist gets it"),
    params=(SHIFT_ID,),
    examples=("/picket release 12",),
)
async def release_place(ctx: Context, id: int) -> Reply:
    result = await signups.cancel(
        ctx.db, id, await ctx.member_id(), now=ctx.now, notices=notices_for(ctx.settings)
    )
    if result.was == "waitlisted":
        text = _("You left the waitlist for shift {label}. Thank you for letting us know.")
    elif result.promoted:
        text = _(
            "Released your place on shift {label}: the next person on the waitlist has it now and is told."
            " Thank you for letting us know."
        )
    else:
        text = _(
            "Released your place on shift {label}. Nobody is waiting, so it's open for anyone to sign up."
            " Thank you for letting us know."
        )
    return Reply(text=no_pings(text.format(label=plain_label(result.shift))), ephemeral=True)
