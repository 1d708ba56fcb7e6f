"""What happened to a place, as plain values: swaps offered, taken, approved, refused or lapsed, and
promotions not confirmed in time. Part of `outcomes.Outcome`; the words are the feature's
(`commands.picket.swap_notices`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from storage.picket.model import Recipient, Shift, SignupRole, Waiting

OfferStatus = Literal["open", "pending", "taken", "waitlist", "expired", "withdrawn", "void"]
#: Offers still in play: the place is the offerer's until one of these ends.
LIVE: tuple[OfferStatus, ...] = ("open", "pending")


@dataclass(frozen=True)
class Party:
    """A member in a swap: who they are and where a notice reaches them."""

    member_id: int
    name: str
    to: Recipient


@dataclass(frozen=True)
class Offer:
    """A member's confirmed place offered to another member (`swap_offers`)."""

    id: int
    shift_id: int
    signup_id: int
    offerer: Party
    role: SignupRole
    status: OfferStatus
    #: Not taken by then, the place goes to the waitlist (or stays the offerer's).
    deadline: datetime
    #: Who asked to take it, while it waits for a captain (and who took it, once taken).
    taker: Party | None = None
    taker_role: SignupRole | None = None
    #: Whether the offerer's sign-up is still a confirmed place (an offer is void without it).
    place_held: bool = True
    #: When the taker asked (a take waiting for a captain).
    asked_at: datetime | None = None

    @property
    def live(self) -> bool:
        return self.status in LIVE


@dataclass(frozen=True)
class SwapOffered:
    """A place offered; the members waiting for the shift are told they can take it."""

    offer: Offer
    shift: Shift
    waiting: tuple[Waiting, ...]


@dataclass(frozen=True)
class SwapRequested:
    """A take at a site whose swaps need a captain's approval: the place is still the offerer's."""

    offer: Offer
    shift: Shift
    #: Captains confirmed on the shift, told directly (the site's channel is told too).
    captains: tuple[Recipient, ...]


@dataclass(frozen=True)
class SwapTaken:
    """The place moved from the offerer to the taker (`approved_by`: the captain, when one had to)."""

    offer: Offer
    shift: Shift
    approved_by: str | None = None


@dataclass(frozen=True)
class SwapDenied:
    """A captain refused a take; the offer is open again and the place still the offerer's."""

    offer: Offer
    shift: Shift
    #: The member who had asked to take it.
    taker: Party


@dataclass(frozen=True)
class SwapWithdrawn:
    """The offer was taken back; a member who had asked to take it is told."""

    offer: Offer
    shift: Shift
    #: The member who had asked (None when nobody had).
    taker: Party | None
    by_captain: bool = False


@dataclass(frozen=True)
class SwapLapsed:
    """The offer ended without a swap: at its deadline (`to_waitlist`: the place went to the first
    in line; otherwise nobody waited and it stays the offerer's), or void (the place ended)."""

    offer: Offer
    shift: Shift
    to_waitlist: bool
    void: bool = False
    #: A member who had asked to take it, still waiting for a captain.
    taker: Party | None = None


@dataclass(frozen=True)
class PromotionLapsed:
    """A member given a place from the waitlist did not confirm in time: it went to the next in line."""

    signup_id: int
    to: Recipient
    shift: Shift
    confirm_by: datetime


PlaceOutcome = (
    SwapOffered | SwapRequested | SwapTaken | SwapDenied | SwapWithdrawn | SwapLapsed | PromotionLapsed
)
