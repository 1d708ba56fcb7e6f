"""The rules for confirming a place, over rows already loaded: "I'm coming", and the time a member
given a place from the waitlist has to say so.

A member promoted from the waitlist confirms within the window (`[picket]
promotion_confirm_minutes`) or the place moves on to the next in line, who is
told and has the same time in turn. A shift starting before the window would
end needs no confirmation: the place is simply theirs. Pure Python;
`storage.picket.confirmations` loads and writes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.picket.model import LiveStatus, Shift
from storage.picket.refusals import Code, PicketError


def confirm_by(promoted_at: datetime, starts_at: datetime, window: timedelta) -> datetime | None:
    """When a place given at `promoted_at` must be confirmed by; None when it need not be."""
    if window <= timedelta() or starts_at - promoted_at <= window:
        return None
    return promoted_at + window


def check_confirm(
    shift: Shift, status: LiveStatus | None, now: datetime, *, lapsed: bool, released: bool = False
) -> None:
    """A member says they're coming: they need a place on a shift that is still on.

    `lapsed`: they had a place from the waitlist that moved on unconfirmed (so not signed up now);
    `released`: otherwise, their latest sign-up on it is one they gave up.
    """
    if shift.cancelled:
        raise PicketError(Code.SHIFT_CANCELLED, shift_id=shift.id)
    if shift.ends_at <= now:
        raise PicketError(Code.SHIFT_OVER, shift_id=shift.id)
    if status is None and lapsed:
        raise PicketError(Code.PROMOTION_LAPSED, shift_id=shift.id)
    if status is None and released:
        open_now = not shift.site_closed and shift.starts_at > now and shift.confirmed < shift.capacity
        raise PicketError(Code.CONFIRM_RELEASED, shift_id=shift.id, open=open_now)
    if status is None:
        raise PicketError(Code.NOT_SIGNED_UP, shift_id=shift.id)
    if status == "waitlisted":
        # The position is loaded to explain the refusal.
        raise PicketError(Code.CONFIRM_WAITLISTED, shift_id=shift.id, position=None)
