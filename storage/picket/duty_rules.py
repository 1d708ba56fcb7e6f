"""The rules for strike duties other than picketing, over rows already loaded.

A shift's kind is "picket" or a duty named in ``[picket.duties]`` (phone
bank, kitchen, first aid...). A duty's checked-in hours count toward
strike-pay eligibility only when its settings say it counts, at its share of
the hours, and only once a captain has confirmed them: a captain's own
record of the check-in, or a captain's confirmation made after the member
checked themself in. A captain never confirms their own. Picket hours count
as they are. Pure Python; `storage.picket.hours` and `storage.picket.duties`
load and write.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from storage.picket.model import Shift
from storage.picket.refusals import Code, PicketError

PICKET = "picket"
#: A duty's name: lower case words joined by hyphens, as typed in `/picket shift add ... duty=NAME`.
NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
MAX_NAME = 40
HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class Duty:
    """One duty of ``[picket.duties]``: whether its hours count, and at what share."""

    name: str
    counts: bool = True
    share: float = 1.0

    @property
    def counted_share(self) -> Decimal:
        return Decimal(str(self.share)) if self.counts else Decimal(0)


def is_name(text: str) -> bool:
    return len(text) <= MAX_NAME and NAME.fullmatch(text) is not None and text != PICKET


def find(duties: Iterable[Duty], kind: str) -> Duty | None:
    return next((duty for duty in duties if duty.name == kind), None)


def is_confirmed(
    *, member_id: int, recorded_by: int | None, checked_in_at: datetime, confirmed_at: datetime | None
) -> bool:
    """Whether a check-in on a duty shift has a captain's confirmation.

    Only captains record someone else's check-in, so a record by anyone but the
    member is a captain's; a member's own needs a confirmation made since
    (a later check-in of their own is not covered by an earlier one).
    """
    if recorded_by is not None and recorded_by != member_id:
        return True
    return confirmed_at is not None and confirmed_at >= checked_in_at


def counted_hours(worked: Decimal, kind: str, duties: Iterable[Duty], *, confirmed: bool) -> Decimal:
    """The hours of a check-in that count toward eligibility: picket hours in full; a duty's at its
    share once confirmed; a duty no longer in the settings, nothing."""
    if kind == PICKET:
        return worked
    duty = find(duties, kind)
    if duty is None or not confirmed:
        return Decimal("0.00")
    return (worked * duty.counted_share).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def check_confirmable(shift: Shift, *, captain_id: int, member_id: int | None) -> None:
    """A captain confirms duty hours on a duty shift, never their own."""
    if shift.kind == PICKET:
        raise PicketError(Code.NOT_A_DUTY, shift_id=shift.id)
    if member_id == captain_id:
        raise PicketError(Code.DUTY_CONFIRM_OWN, shift_id=shift.id)
