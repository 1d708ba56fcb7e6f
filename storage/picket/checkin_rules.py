"""The rules for check-ins, over rows already loaded: when, and who may record whom.

A member checks themself in from a little before the start until the end,
if they hold a confirmed place (or a captain asked them to move there,
`/picket ask`); a captain records anyone (present, no-show,
or a walk-in who never signed up) from the same moment on. Pure Python;
`storage.picket.checkins` loads and writes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from storage.picket.model import Shift
from storage.picket.refusals import Code, PicketError

CheckinStatus = Literal["present", "no-show", "walk-in"]
#: Where someone on a shift stands, for the captain's live list.
LiveState = Literal["due", "arrived", "late", "left early", "no-show", "missed"]
#: Arriving more than this after the start is arriving late.
LATE_AFTER = timedelta(minutes=10)
STATUSES: tuple[CheckinStatus, ...] = ("present", "no-show", "walk-in")


def check(
    shift: Shift,
    *,
    signup: str | None,
    before: str | None,
    status: CheckinStatus,
    by_self: bool,
    now: datetime,
    opens_minutes: int,
    code_required: bool = False,
    moving: bool = False,
) -> None:
    """Refuse a check-in that may not be recorded.

    `signup` is the member's live sign-up status on the shift (None without
    one) and `before` the check-in already recorded for them, if any.
    `code_required`: a member checking themself in must give the shift's
    current check-in code (its captain has shown one), not just its number.
    `moving`: a captain asked them to move here (`/picket ask`): they need no place on it.
    """
    if shift.cancelled:
        raise PicketError(Code.SHIFT_CANCELLED, shift_id=shift.id)
    if now < shift.starts_at - timedelta(minutes=opens_minutes):
        raise PicketError(Code.CHECKIN_NOT_OPEN, shift_id=shift.id, minutes=opens_minutes, shift=shift)
    if by_self and now > shift.ends_at:
        raise PicketError(Code.CHECKIN_OVER, shift_id=shift.id)
    if by_self and before == "present":
        raise PicketError(Code.ALREADY_CHECKED_IN, shift_id=shift.id)
    if by_self and signup != "confirmed" and not moving:
        raise PicketError(Code.SELF_CHECKIN_NOT_CONFIRMED, shift_id=shift.id, waitlisted=signup is not None)
    if not by_self and status != "walk-in" and signup is None and not moving:
        raise PicketError(Code.CHECKIN_NOT_SIGNED_UP, shift_id=shift.id)
    if by_self and code_required:
        raise PicketError(Code.CODE_REQUIRED, shift_id=shift.id)


def check_out(shift: Shift, *, before: str | None, left: bool, by_self: bool, now: datetime) -> None:
    """Refuse recording that someone left early: they must be checked in, the shift under way."""
    if shift.cancelled:
        raise PicketError(Code.SHIFT_CANCELLED, shift_id=shift.id)
    if now >= shift.ends_at:
        raise PicketError(Code.SHIFT_OVER, shift_id=shift.id)
    if before not in ("present", "walk-in"):
        raise PicketError(Code.NOT_CHECKED_IN, shift_id=shift.id, by_self=by_self)
    if left:
        raise PicketError(Code.ALREADY_LEFT, shift_id=shift.id)


def live_state(
    shift: Shift,
    *,
    checkin: str | None,
    checked_in_at: datetime | None,
    checked_out_at: datetime | None,
    now: datetime,
) -> LiveState:
    """Due (not here yet, not late), arrived, late (arrived late, or not here `LATE_AFTER` past
    the start), left early, no-show (so recorded) or missed (the shift ended without them)."""
    if checkin == "no-show":
        return "no-show"
    if checked_in_at is None:
        if now >= shift.ends_at:
            return "missed"
        return "late" if now > shift.starts_at + LATE_AFTER else "due"
    if checked_out_at is not None and checked_out_at < shift.ends_at:
        return "left early"
    return "late" if checked_in_at > shift.starts_at + LATE_AFTER else "arrived"
