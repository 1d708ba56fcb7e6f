"""The rules for shift swaps, over rows already loaded: offering a place, taking it, approving,
withdrawing, and what an offer's deadline does.

An offer keeps the place the offerer's until someone takes it: taking moves
the confirmed sign-up from offerer to taker in one transaction, so the place
is never empty and the shift never over capacity. At a site whose swaps need
a captain's approval, a take waits (the place still the offerer's) until a
captain approves or refuses it. Offers close `deadline_minutes` before the
shift; one still open then goes to the first in line on the waitlist, or,
with nobody waiting, lapses and the place stays the offerer's. Pure Python;
`storage.picket.swaps` loads and writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Literal

from storage.picket.model import LiveStatus, Shift, SignupRole, Waiting
from storage.picket.outcomes import Promoted
from storage.picket.place_outcomes import Offer
from storage.picket.refusals import Code, PicketError
from storage.picket.shift_rules import promotions
from storage.picket.signup_rules import LiveSignup, _refuse_overlap, check_open

Settlement = Literal["void", "waitlist", "expired"]


def deadline(shift: Shift, deadline_minutes: int) -> datetime:
    """Until when an offer of a place on `shift` may be taken."""
    return shift.starts_at - timedelta(minutes=deadline_minutes)


def check_offer(
    shift: Shift,
    status: LiveStatus | None,
    live_offer: int | None,
    now: datetime,
    *,
    deadline_minutes: int,
) -> None:
    """A member offers their confirmed place on a shift that is on, before offers close."""
    check_open(shift, now)
    if status != "confirmed":
        raise PicketError(Code.OFFER_NOT_PLACE, shift_id=shift.id, waitlisted=status == "waitlisted")
    if live_offer is not None:
        raise PicketError(Code.ALREADY_OFFERED, shift_id=shift.id, offer_id=live_offer)
    if now >= deadline(shift, deadline_minutes):
        raise PicketError(Code.OFFER_TOO_LATE, shift_id=shift.id, minutes=deadline_minutes)


def taker_role(offer: Offer, *, is_captain: bool) -> SignupRole:
    """A captain taking a captain's place keeps it a captain's; any other take is a member's."""
    return "captain" if offer.role == "captain" and is_captain else "member"


def check_take(
    offer: Offer,
    shift: Shift,
    taker_id: int,
    live: Sequence[LiveSignup],
    now: datetime,
    *,
    role: SignupRole,
    refuse_overlap: bool,
    approving: bool = False,
) -> None:
    """Whether `taker_id` may take the offered place in `role`; `live` are the taker's live sign-ups.

    `approving`: a captain approves a take asked for earlier, so the offer is pending, not open.
    """
    check_live(offer, now, pending=approving)
    if taker_id == offer.offerer.member_id:
        raise PicketError(Code.OFFER_OWN, offer_id=offer.id)
    check_open(shift, now)
    if any(entry.shift_id == shift.id and entry.status == "confirmed" for entry in live):
        raise PicketError(Code.ALREADY_SIGNED_UP, shift_id=shift.id)
    if refuse_overlap:
        _refuse_overlap(list(live), shift)
    if not shift.left(offer.role, "confirmed").has_place_for(role):
        raise PicketError(Code.OFFER_NEEDS_CAPTAIN, offer_id=offer.id)


def check_live(offer: Offer, now: datetime, *, pending: bool = False) -> None:
    """The offer still stands: open (or, for a captain's decision, pending), its place still held."""
    if not offer.live:  # settled: say how (a taken offer's place is gone too, but was taken)
        raise PicketError(Code.OFFER_GONE, offer_id=offer.id, status=offer.status)
    if not offer.place_held:
        raise PicketError(Code.OFFER_GONE, offer_id=offer.id, status="void")
    if pending and offer.status != "pending":
        raise PicketError(Code.OFFER_NOT_PENDING, offer_id=offer.id, status=offer.status)
    if not pending and offer.status == "pending":
        raise PicketError(Code.OFFER_AWAITING, offer_id=offer.id)
    if now >= offer.deadline:
        raise PicketError(Code.OFFER_GONE, offer_id=offer.id, status="expired")


def check_decider(offer: Offer, captain_id: int) -> None:
    """A captain decides on someone else's take, never their own."""
    if offer.taker is not None and offer.taker.member_id == captain_id:
        raise PicketError(Code.APPROVE_OWN_TAKE, offer_id=offer.id)


def check_withdraw(offer: Offer, actor_id: int, *, is_captain: bool) -> None:
    """The offerer takes their offer back, or a captain does."""
    if not offer.live:
        raise PicketError(Code.OFFER_GONE, offer_id=offer.id, status=offer.status)
    if actor_id != offer.offerer.member_id and not is_captain:
        raise PicketError(Code.OFFER_NOT_YOURS, offer_id=offer.id)


def is_void(offer: Offer, shift: Shift) -> bool:
    """A live offer whose place is gone: the offerer gave it up, or the shift or its site is off."""
    return not offer.place_held or shift.cancelled or shift.site_closed


def settle(
    offer: Offer, shift: Shift, waiting: Sequence[Waiting], now: datetime
) -> tuple[Settlement, list[Promoted]] | None:
    """What becomes of a live offer now: None while it stands; else void, or at its deadline the
    place goes to the waitlist (those promoted), or stays the offerer's when nobody can take it."""
    if is_void(offer, shift):
        return "void", []
    if now < offer.deadline:
        return None
    # Decided before the offerer leaves, so the place is never left empty.
    promoted = promotions(shift.left(offer.role, "confirmed"), waiting, now)
    return ("waitlist", promoted) if promoted else ("expired", [])
