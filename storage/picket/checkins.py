"""Check-ins: who came to a shift. Hours are counted from these rows only.

A member checks themself in from a little before the start until the end; a
captain records anyone (present, no-show, or a walk-in who never signed up)
from the same moment on. Every check-in is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from storage import audit
from storage.database import Database, iso
from storage.picket.common import PicketError
from storage.picket.shifts import Shift, require

CheckinStatus = Literal["present", "no-show", "walk-in"]
STATUSES: tuple[CheckinStatus, ...] = ("present", "no-show", "walk-in")


@dataclass(frozen=True)
class CheckinResult:
    shift: Shift
    status: CheckinStatus
    #: The status recorded before, when this changed one.
    previous: str | None


async def record(
    db: Database,
    shift_id: int,
    member_id: int,
    status: CheckinStatus,
    *,
    recorded_by: int,
    by_self: bool,
    now: datetime,
    opens_minutes: int = 15,
) -> CheckinResult:
    """Record a check-in: `by_self` for a member checking themself in, else a captain's record."""
    async with db.transaction() as tx:
        shift = await require(tx, shift_id)
        if shift.cancelled:
            raise PicketError(f"shift #{shift_id} is cancelled")
        opens = shift.starts_at - timedelta(minutes=opens_minutes)
        if now < opens:
            raise PicketError(
                f"check-in for shift #{shift_id} opens {opens_minutes} minutes before it starts ({shift.span})"
            )
        if by_self and now > shift.ends_at:
            raise PicketError(f"shift #{shift_id} is over; ask a captain to record your check-in")
        signup = await tx.fetchone(
            "SELECT status FROM signups WHERE shift_id = ? AND member_id = ? AND status != 'cancelled'",
            (shift_id, member_id),
        )
        if by_self and (signup is None or signup["status"] != "confirmed"):
            where = "on the waitlist" if signup is not None else "not signed up"
            raise PicketError(f"you're {where} for shift #{shift_id}; a captain can record you as a walk-in")
        if not by_self and status != "walk-in" and signup is None:
            raise PicketError(f"they're not signed up for shift #{shift_id}; record them as walk-in")
        before = await tx.fetchval(
            "SELECT status FROM checkins WHERE shift_id = ? AND member_id = ?", (shift_id, member_id)
        )
        if by_self and before == "present":
            raise PicketError(f"you're already checked in for shift #{shift_id}")
        await tx.execute(
            "INSERT INTO checkins (shift_id, member_id, status, checked_in_at, recorded_by)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (shift_id, member_id) DO UPDATE SET"
            " status = excluded.status, checked_in_at = excluded.checked_in_at, recorded_by = excluded.recorded_by",
            (shift_id, member_id, status, iso(now), recorded_by),
        )
        change = f"member {member_id} {before} -> {status}" if before else f"member {member_id} {status}"
        await audit.record(tx, recorded_by, "picket.checkin", f"shift:{shift_id}", change)
    return CheckinResult(shift, status, before)
