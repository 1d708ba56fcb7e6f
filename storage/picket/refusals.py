"""Why a picket change was refused: a reason code and the values that explain it, no sentence.

The rules (`shift_rules`, `signup_rules`, `checkin_rules`, `site_rules`)
raise `PicketError(code, **details)`; nothing was written. The command layer
turns each code into the sentence the member reads
(`commands.picket.refusals`), so storage holds no chat text and a second
storage backend raises the very same refusals.

The details each code carries are listed beside it. A few need rows the
rules did not load (the other shift of an overlap, a waitlist position); the
write that applied the rules loads them before the refusal leaves storage.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Code(StrEnum):
    # sites
    UNKNOWN_ZONE = "unknown-zone"  # zone: the name given
    SITE_NAME_LENGTH = "site-name-length"  # most: the longest name
    SITE_NAME_IS_NUMBER = "site-name-is-number"
    SITE_EXISTS = "site-exists"  # name, closed: whether that site is closed
    NO_SITE_NAMED = "no-site-named"  # name (not found)
    NO_SITE = "no-site"  # site_id (not found)
    SITE_ALREADY_CLOSED = "site-already-closed"  # site: its name
    MOVE_TO_SAME_SITE = "move-to-same-site"
    MOVE_TO_CLOSED_SITE = "move-to-closed-site"  # site: the target's name
    SITE_CLOSED = "site-closed"  # site: its name
    # shifts
    NO_SHIFT = "no-shift"  # shift_id (not found)
    CAPACITY_RANGE = "capacity-range"  # most
    CAPTAINS_RANGE = "captains-range"  # capacity
    NO_SHIFTS_TO_ADD = "no-shifts-to-add"
    TOO_MANY_SHIFTS = "too-many-shifts"  # count, most
    END_NOT_AFTER_START = "end-not-after-start"
    SHIFT_TOO_LONG = "shift-too-long"  # hours
    STARTS_IN_PAST = "starts-in-past"  # day: date, start: time (local)
    SHIFT_ALREADY_CANCELLED = "shift-already-cancelled"  # shift_id
    SHIFT_CANCELLED = "shift-cancelled"  # shift_id
    SHIFT_OVER = "shift-over"  # shift_id
    CAPACITY_BELOW_CONFIRMED = "capacity-below-confirmed"  # shift_id, confirmed
    # sign-ups
    SIGNUP_CLOSED = "signup-closed"  # shift_id: it has started
    ALREADY_SIGNED_UP = "already-signed-up"  # shift_id
    ALREADY_WAITLISTED = "already-waitlisted"  # shift_id, position
    OVERLAPS = "overlaps"  # shift_id, other: the Shift it overlaps
    NOT_SIGNED_UP = "not-signed-up"  # shift_id
    SHIFT_STARTED = "shift-started"  # shift_id (too late to give up a place)
    # check-ins
    CHECKIN_NOT_OPEN = "checkin-not-open"  # shift_id, minutes, shift
    CHECKIN_OVER = "checkin-over"  # shift_id
    SELF_CHECKIN_NOT_CONFIRMED = "self-checkin-not-confirmed"  # shift_id, waitlisted: bool
    CHECKIN_NOT_SIGNED_UP = "checkin-not-signed-up"  # shift_id (a captain recording someone)
    ALREADY_CHECKED_IN = "already-checked-in"  # shift_id
    CODE_REQUIRED = "code-required"  # shift_id (its captain shows a check-in code)
    NOT_CHECKED_IN = "not-checked-in"  # shift_id, by_self: bool (checking out)
    ALREADY_LEFT = "already-left"  # shift_id
    NOT_PRESENT_NOW = "not-present-now"  # (asking someone to move: they are at no shift under way)
    ALREADY_THERE = "already-there"  # shift_id (asking someone to move where they are)
    NOT_UNDER_WAY = "not-under-way"  # shift_id (asking someone to move to a shift not started)
    MOVE_OTHER_DAY = "move-other-day"  # shift_id (asking someone to move to another day's shift)
    # members
    NO_MEMBER = "no-member"  # member_id (not found)
    # confirming a place
    CONFIRM_WAITLISTED = "confirm-waitlisted"  # shift_id, position
    PROMOTION_LAPSED = "promotion-lapsed"  # shift_id (not confirmed in time: it moved on)
    CONFIRM_RELEASED = "confirm-released"  # shift_id, open (they gave the place up; can sign up now)
    # swaps
    NO_OFFER = "no-offer"  # offer_id (not found)
    OFFER_NOT_PLACE = "offer-not-place"  # shift_id, waitlisted: bool (no confirmed place to offer)
    OFFER_TOO_LATE = "offer-too-late"  # shift_id, minutes: offers close this long before the start
    ALREADY_OFFERED = "already-offered"  # shift_id, offer_id
    OFFER_OWN = "offer-own"  # offer_id (taking one's own offer)
    OFFER_GONE = "offer-gone"  # offer_id, status (no longer open)
    OFFER_AWAITING = "offer-awaiting"  # offer_id (someone asked; a captain decides first)
    OFFER_NEEDS_CAPTAIN = "offer-needs-captain"  # offer_id (a place held for captains)
    OFFER_NOT_PENDING = "offer-not-pending"  # offer_id, status (nothing for a captain to decide)
    OFFER_NOT_YOURS = "offer-not-yours"  # offer_id (only the offerer or a captain withdraws it)
    APPROVE_OWN_TAKE = "approve-own-take"  # offer_id (a captain decides on someone else's take)
    # duties
    NOT_A_DUTY = "not-a-duty"  # shift_id (a picket shift's check-ins count as they are)
    DUTY_CONFIRM_OWN = "duty-confirm-own"  # shift_id
    NOTHING_TO_CONFIRM = "nothing-to-confirm"  # shift_id, named: bool (a member was named)


class PicketError(Exception):
    """A picket rule refused the change; nothing was written."""

    def __init__(self, code: Code, **details: Any) -> None:
        super().__init__(code)
        self.code = code
        self.details = details

    def __str__(self) -> str:
        values = " ".join(f"{key}={value!r}" for key, value in self.details.items())
        return f"{self.code} {values}".strip()


class PicketNotFound(PicketError):
    """The shift, site or member named does not exist."""


def no_shift(shift_id: int) -> PicketNotFound:
    return PicketNotFound(Code.NO_SHIFT, shift_id=shift_id)


def no_site(site_id: int) -> PicketNotFound:
    return PicketNotFound(Code.NO_SITE, site_id=site_id)


def no_offer(offer_id: int) -> PicketNotFound:
    return PicketNotFound(Code.NO_OFFER, offer_id=offer_id)
