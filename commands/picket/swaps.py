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
from commands.i18n import N_, _, ngettext
from commands.picket.common import PICKET, SHIFT_ID
from commands.picket.moments import plain_label
from commands.picket.notices import local_time, notices_for
from commands.registry import Commands
from commands.reply import Button, Reply
from commands.roles import Role
from commands.text import no_pings
from storage.picket import sites, swaps
from storage.picket.model import Shift
from storage.picket.place_outcomes import Offer

OFFER_ID = p.integer("id", N_("Swap offer number (see /picket swap list)"), minimum=1)
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
    description=N_("Offer your place on a shift to another member (it stays yours until taken)"),
    params=(SHIFT_ID,),
    examples=("/picket swap offer 12",),
)
async def offer_swap(ctx: Context, id: int) -> Reply:
    made, shift = await swaps.offer(
        ctx.db, id, await ctx.member_id(), now=ctx.now,
        deadline_minutes=ctx.settings.swap_deadline_minutes, notices=notices_for(ctx.settings),
    )  # fmt: skip
    if await _approval_needed(ctx, shift):
        text = _(
            "Your place on shift {label} is offered; it stays yours until someone takes it."
            " A captain approves swaps at this site. If nobody has by {by}, it goes to the next person"
            " on the waitlist (or stays yours if nobody waits). Members take it with /picket swap take {offer}."
        )
    else:
        text = _(
            "Your place on shift {label} is offered; it stays yours until someone takes it."
            " If nobody has by {by}, it goes to the next person on the waitlist (or stays yours if"
            " nobody waits). Members take it with /picket swap take {offer}."
        )
    by = local_time(made.deadline, shift, ctx.now)
    return Reply(
        title=_("Swap offer #{offer}").format(offer=made.id),
        text=no_pings(text.format(label=plain_label(shift), by=by, offer=made.id)),
        buttons=(Button(_("Withdraw the offer"), f"picket swap cancel {made.id}", "danger"),),
        ephemeral=True,
    )


@picket.command(
    "swap",
    "take",
    description=N_("Take a place another member offers (see /picket swap list)"),
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
                _(
                    "You asked to take {offerer}'s place on shift {label} (offer #{offer})."
                    " A captain approves swaps at this site: you'll get a message when one decides."
                    " Until then the place is still {offerer}'s."
                ).format(offerer=offerer, label=plain_label(shift), offer=offer.id)
            ),
            ephemeral=True,
        )
    return Reply(
        text=no_pings(
            _("You took {offerer}'s place on shift {label}. See you there!").format(
                offerer=offerer, label=plain_label(shift)
            )
        ),
        buttons=(Button(_("Release my place"), f"picket release {shift.id}", "danger"),),
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
        text = _("Approved: {taker} takes {offerer}'s place on shift {label}. Both are told.")
    else:
        text = _("Refused: the place on shift {label} stays {offerer}'s, still offered. Both are told.")
    taker = offer.taker.name if offer.taker else ""
    return Reply(
        text=no_pings(text.format(taker=taker, offerer=offerer, label=plain_label(shift))), ephemeral=True
    )


@picket.command(
    "swap",
    "approve",
    description=N_("Approve a swap waiting for a captain (sites set to swaps=approve)"),
    role=Role.CAPTAIN,
    params=(OFFER_ID,),
)
async def approve_swap(ctx: Context, id: int) -> Reply:
    return await _decide(ctx, id, approve=True)


@picket.command(
    "swap",
    "deny",
    description=N_("Refuse a swap waiting for a captain: the place stays the offerer's"),
    role=Role.CAPTAIN,
    params=(OFFER_ID,),
)
async def deny_swap(ctx: Context, id: int) -> Reply:
    return await _decide(ctx, id, approve=False)


@picket.command(
    "swap",
    "cancel",
    description=N_("Withdraw your swap offer (captains: anyone's)"),
    params=(OFFER_ID,),
)
async def cancel_swap(ctx: Context, id: int) -> Reply:
    offer, shift = await swaps.withdraw(
        ctx.db, id, await ctx.member_id(), is_captain=_is_captain(ctx), now=ctx.now,
        notices=notices_for(ctx.settings),
    )  # fmt: skip
    if offer.offerer.member_id == await ctx.member_id():
        text = _("Offer #{offer} withdrawn: Your place on shift {label} stays as it was.")
    else:
        text = _("Offer #{offer} withdrawn: {offerer}'s place on shift {label} stays as it was.")
    return Reply(
        text=no_pings(text.format(offer=offer.id, offerer=offer.offerer.name, label=plain_label(shift))),
        ephemeral=True,
    )


#: What an offer is, by (role, whether captains see who offers it).
_OFFERED = {
    ("member", False): N_("a place on shift {label}"),
    ("member", True): N_("a place by {offerer} on shift {label}"),
    ("captain", False): N_("a captain's place on shift {label}"),
    ("captain", True): N_("a captain's place by {offerer} on shift {label}"),
}


def _offer_line(offer: Offer, shift: Shift, *, names: bool, now: datetime) -> str:
    what = _(_OFFERED["captain" if offer.role == "captain" else "member", names])
    place = what.format(offerer=offer.offerer.name, label=plain_label(shift))
    state = _("take by {by}").format(by=local_time(offer.deadline, shift, now))
    if offer.status == "pending":
        if names and offer.taker:
            state = _("{taker} asked, waiting for a captain").format(taker=offer.taker.name)
        else:
            state = _("someone asked, waiting for a captain")
    return f"• #{offer.id}: {place} · {state}"


@picket.command(
    "swap",
    "list",
    description=N_("Places members offer for swap, to take"),
    params=(
        p.integer("shift", N_("Only this shift's offers"), minimum=1, required=False, autocomplete="shift"),
    ),
    examples=("/picket swap list", "/picket swap list 12"),
    ephemeral=True,
)
async def list_swaps(ctx: Context, shift: int | None = None) -> Reply:
    found = await swaps.listed(ctx.db, ctx.now, shift)
    if not found:
        if shift is not None:
            empty = _("No places offered for swap on shift #{shift} right now.").format(shift=shift)
        else:
            empty = _("No places offered for swap right now.")
        return Reply(text=empty, ephemeral=True)
    names = _is_captain(ctx)  # as on the roster: members see places, captains see who
    shown = found[:LIST_LIMIT]
    lines = [_offer_line(offer, on, names=names, now=ctx.now) for offer, on in shown]
    if len(found) > LIST_LIMIT:
        more = len(found) - LIST_LIMIT
        lines.append(
            ngettext(
                "… and {n} more (/picket swap list SHIFT)", "… and {n} more (/picket swap list SHIFT)", more
            ).format(n=more)
        )
    buttons = tuple(
        Button(_("Take #{offer}").format(offer=offer.id), f"picket swap take {offer.id}", "primary")
        for offer, _shift in shown[:BUTTON_OFFERS]
        if offer.status == "open"
    )
    if names:
        buttons += tuple(
            button
            for offer, _shift in shown[:BUTTON_OFFERS]
            if offer.status == "pending"
            for button in (
                Button(
                    _("Approve #{offer}").format(offer=offer.id), f"picket swap approve {offer.id}", "primary"
                ),
                Button(_("Refuse #{offer}").format(offer=offer.id), f"picket swap deny {offer.id}", "danger"),
            )
        )
    if shift is not None:
        title = _("Places offered for swap on shift #{shift} ({n})").format(shift=shift, n=len(found))
    else:
        title = _("Places offered for swap ({n})").format(n=len(found))
    return Reply(
        title=title,
        text=no_pings("\n".join(lines)),
        buttons=buttons,
        footer=_("Take one with /picket swap take ID; offer yours with /picket swap offer SHIFT."),
        ephemeral=True,
    )
