"""/picket confirm and /picket release: the reminder's "I'm coming" and "Release my place".

Confirming says you're coming (recorded on the sign-up); a member given a place
from the waitlist must confirm within `[picket] promotion_confirm_minutes` or
it goes to the next in line (`storage.picket.confirmations`). Releasing gives
the place up at once: like /picket cancel, the first in line gets it in the
same transaction, and is told.
"""

from __future__ import annotations

from commands.context import Context
from commands.picket.common import PICKET, SHIFT_ID
from commands.picket.notices import notices_for
from commands.registry import Commands
from commands.reply import Button, Reply
from commands.text import no_pings
from storage.picket import confirmations, signups

picket = Commands(PICKET)


@picket.command(
    "confirm",
    description="Say you're coming to a shift (a place from the waitlist must be confirmed)",
    params=(SHIFT_ID,),
    examples=("/picket confirm 12",),
)
async def confirm_coming(ctx: Context, id: int) -> Reply:
    done = await confirmations.confirm_coming(ctx.db, id, await ctx.member_id(), now=ctx.now)
    label = done.shift.label
    if done.already:
        text = f"You've already said you're coming to shift {label}. See you there!"
    elif done.was_promotion:
        text = f"Confirmed: the place on shift {label} is yours. See you there!"
    else:
        text = f"Thanks for confirming: see you at shift {label}!"
    return Reply(
        text=no_pings(text),
        buttons=(Button("Release my place", f"picket release {id}", "danger"),),
        ephemeral=True,
    )


@picket.command(
    "release",
    description="Give up your place now so the next person on the waitlist gets it",
    params=(SHIFT_ID,),
    examples=("/picket release 12",),
)
async def release_place(ctx: Context, id: int) -> Reply:
    result = await signups.cancel(
        ctx.db, id, await ctx.member_id(), now=ctx.now, notices=notices_for(ctx.settings)
    )
    label = result.shift.label
    if result.was == "waitlisted":
        text = f"You left the waitlist for shift {label}."
    elif result.promoted:
        text = (
            f"Released your place on shift {label}: the next person on the waitlist has it now and is told."
        )
    else:
        text = f"Released your place on shift {label}. Nobody is waiting, so it's open for anyone to sign up."
    return Reply(text=no_pings(text + " Thank you for letting us know."), ephemeral=True)
