"""The rules for check-ins, over rows already loaded: when, and who may record whom.

A member checks themself in from a little before the start until the end,
if they hold a confirmed place; a captain records anyone (present, no-show,
or a walk-in who never signed up) from the same moment on. Pure Python;
`storage.picket.checkins` loads and writes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from storage.picket.model import Shift
from storage.picket.refusals import Code, PicketError

CheckinStatus = Literal["present", "no-show", "walk-in"]
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
) -> None:
    """Refuse a check-in that may not be recorded.

    `signup` is the member's live sign-up status on the shift (None without
    one) and `before` the check-in already recorded for them, if any.
    """
    if shift.cancelled:
        raise PicketError(Code.SHIFT_CANCELLED, shift_id=shift.id)
    if now < shift.starts_at - timedelta(minutes=opens_minutes):
        raise PicketError(Code.CHECKIN_NOT_OPEN, shift_id=shift.id, minutes=opens_minutes, shift=shift)
    if by_self and now > shift.ends_at:
        raise PicketError(Code.CHECKIN_OVER, shift_id=shift.id)
    if by_self and signup != "confirmed":
        raise PicketError(Code.SELF_CHECKIN_NOT_CONFIRMED, shift_id=shift.id, waitlisted=signup is not None)
    if not by_self and status != "walk-in" and signup is None:
        raise PicketError(Code.CHECKIN_NOT_SIGNED_UP, shift_id=shift.id)
    if by_self and before == "present":
        raise PicketError(Code.ALREADY_CHECKED_IN, shift_id=shift.id)
