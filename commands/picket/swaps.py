"""/picket swap offer|take|approve|deny|cancel|list: a member passes their place to another member.

The place stays the offerer's until someone takes it (`storage.picket.swaps`):
never empty, never over capacity. At a site set to `swaps=approve` (/picket
site set), a take waits for a captain's approval. An offer not taken by
`[picket] swap_deadline_minutes` before the shift goes to the first in line
on the waitlist, or, with nobody waiting, ends and the place stays the
offerer's; the bot's scheduler does that (`bot.picket.deadlines`).
"""

from __future__ import annotations

from datetime import datetime

from commands import params as p
from commands.context import Context
from commands.picket.common import PICKET, SHIFT_ID
from commands.picket.notices import local_time, notices_for
from commands.registry import Commands
from commands.reply import Button, Reply
from commands.roles import Role
from commands.text import no_pings
from storage.picket import sites, swaps
from storage.picket.model import Shift
from storage.picket.place_outcomes import Offer

OFFER_ID = p.integer("id", "Swap offer number (see /picket swap list)", minimum=1)
#: Offers listed at once; buttons for the first few.
LIST_LIMIT = 25
BUTTON_OFFERS = 5

picket = Commands(PICKET)


def _is_captain(ctx: Context) -> bool:
    return ctx.actor.role >= Role.CAPTAIN


async def _approval_needed(ctx: Context, shift: Shift) -> bool:
    site = await sites.get(ctx.db, shift.site_id)
    return site is not None and site.swaps == "approve"


@picket.command(
    "swap",
    "offer",
    description="Offer your place on a shift to another member (it stays yours until taken)",
    params=(SHIFT_ID,),
    examples=("/picket swap offer 12",),
)
async def offer_swap(ctx: Context, id: int) -> Reply:
    made, shift = await swaps.offer(
        ctx.db, id, await ctx.member_id(), now=ctx.now,
        deadline_minutes=ctx.settings.swap_deadline_minutes, notices=notices_for(ctx.settings),
    )  # fmt: skip
    approval = " A captain approves swaps at this site." if await _approval_needed(ctx, shift) else ""
    return Reply(
        title=f"Swap offer #{made.id}",
        text=no_pings(
            f"Your place on shift {shift.label} is offered; it stays yours until someone takes it.{approval}"
            f" If nobody has by {local_time(made.deadline, shift, ctx.now)}, it goes to the next person on the"
            " waitlist (or stays yours if nobody waits). Members take it with"
            f" /picket swap take {made.id}."
        ),
        buttons=(Button("Withdraw the offer", f"picket swap cancel {made.id}", "danger"),),
        ephemeral=True,
    )


@picket.command(
    "swap",
    "take",
    description="Take a place another member offers (see /picket swap list)",
    params=(OFFER_ID,),
    examples=("/picket swap take 3",),
)
async def take_swap(ctx: Context, id: int) -> Reply:
    taken = await swaps.take(
        ctx.db, id, await ctx.member_id(), is_captain=_is_captain(ctx), now=ctx.now,
        refuse_overlap=ctx.settings.refuse_overlapping_shifts, notices=notices_for(ctx.settings),
    )  # fmt: skip
    offer, shift = taken.offer, taken.shift
    offerer = offer.offerer.name
    if taken.pending:
        return Reply(
            text=no_pings(
                f"You asked to take {offerer}'s place on shift {shift.label} (offer #{offer.id})."
                f" A captain approves swaps at this site: you'll get a message when one decides."
                f" Until then the place is still {offerer}'s."
            ),
            ephemeral=True,
        )
    return Reply(
        text=no_pings(f"You took {offerer}'s place on shift {shift.label}. See you there!"),
        buttons=(Button("Release my place", f"picket release {shift.id}", "danger"),),
        ephemeral=True,
    )


async def _decide(ctx: Context, id: int, *, approve: bool) -> Reply:
    captain = (await ctx.member_id(), ctx.actor.display_name)
    done = await swaps.decide(
        ctx.db, id, captain, approve=approve, now=ctx.now,
        refuse_overlap=ctx.settings.refuse_overlapping_shifts, notices=notices_for(ctx.settings),
    )  # fmt: skip
    offer, shift = done.offer, done.shift
    offerer = offer.offerer.name
    if approve:
        assert offer.taker is not None
        text = f"Approved: {offer.taker.name} takes {offerer}'s place on shift {shift.label}. Both are told."
    else:
        text = f"Refused: the place on shift {shift.label} stays {offerer}'s, still offered. Both are told."
    return Reply(text=no_pings(text), ephemeral=True)


@picket.command(
    "swap",
    "approve",
    description="Approve a swap waiting for a captain (sites set to swaps=approve)",
    role=Role.CAPTAIN,
    params=(OFFER_ID,),
)
async def approve_swap(ctx: Context, id: int) -> Reply:
    return await _decide(ctx, id, approve=True)


@picket.command(
    "swap",
    "deny",
    description="Refuse a swap waiting for a captain: the place stays the offerer's",
    role=Role.CAPTAIN,
    params=(OFFER_ID,),
)
async def deny_swap(ctx: Context, id: int) -> Reply:
    return await _decide(ctx, id, approve=False)


@picket.command(
    "swap",
    "cancel",
    description="Withdraw your swap offer (captains: anyone's)",
    params=(OFFER_ID,),
)
async def cancel_swap(ctx: Context, id: int) -> Reply:
    offer, shift = await swaps.withdraw(
        ctx.db, id, await ctx.member_id(), is_captain=_is_captain(ctx), now=ctx.now,
        notices=notices_for(ctx.settings),
    )  # fmt: skip
    whose = "Your" if offer.offerer.member_id == await ctx.member_id() else f"{offer.offerer.name}'s"
    return Reply(
        text=no_pings(f"Offer #{offer.id} withdrawn: {whose} place on shift {shift.label} stays as it was."),
        ephemeral=True,
    )


def _offer_line(offer: Offer, shift: Shift, *, names: bool, now: datetime) -> str:
    who = f" by {offer.offerer.name}" if names else ""
    place = "captain's place" if offer.role == "captain" else "place"
    state = f"take by {local_time(offer.deadline, shift, now)}"
    if offer.status == "pending":
        asked = f"{offer.taker.name} asked" if names and offer.taker else "someone asked"
        state = f"{asked}, waiting for a captain"
    return f"• #{offer.id}: a {place}{who} on shift {shift.label} · {state}"


@picket.command(
    "swap",
    "list",
    description="Places members offer for swap, to take",
    params=(p.integer("shift", "Only this shift's offers", minimum=1, required=False, autocomplete="shift"),),
    examples=("/picket swap list", "/picket swap list 12"),
    ephemeral=True,
)
async def list_swaps(ctx: Context, shift: int | None = None) -> Reply:
    found = await swaps.listed(ctx.db, ctx.now, shift)
    where = f" on shift #{shift}" if shift is not None else ""
    if not found:
        return Reply(text=f"No places offered for swap{where} right now.", ephemeral=True)
    names = _is_captain(ctx)  # as on the roster: members see places, captains see who
    shown = found[:LIST_LIMIT]
    lines = [_offer_line(offer, on, names=names, now=ctx.now) for offer, on in shown]
    if len(found) > LIST_LIMIT:
        lines.append(f"… and {len(found) - LIST_LIMIT} more (/picket swap list SHIFT)")
    buttons = tuple(
        Button(f"Take #{offer.id}", f"picket swap take {offer.id}", "primary")
        for offer, _ in shown[:BUTTON_OFFERS]
        if offer.status == "open"
    )
    if names:
        buttons += tuple(
            button
            for offer, _ in shown[:BUTTON_OFFERS]
            if offer.status == "pending"
            for button in (
                Button(f"Approve #{offer.id}", f"picket swap approve {offer.id}", "primary"),
                Button(f"Refuse #{offer.id}", f"picket swap deny {offer.id}", "danger"),
            )
        )
    return Reply(
        title=f"Places offered for swap{where} ({len(found)})",
        text=no_pings("\n".join(lines)),
        buttons=buttons,
        footer="Take one with /picket swap take ID; offer yours with /picket swap offer SHIFT.",
        ephemeral=True,
    )
