"""Duty hours a captain confirms: check-ins on a duty shift (phone bank, kitchen...) that members
made themselves count toward eligibility only once a captain confirms them (`duty_rules`).

One hop: load the shift and its check-ins waiting for confirmation, apply the
rules, stamp them confirmed, and audit it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage import audit
from storage.database import Database
from storage.instants import from_iso, iso
from storage.picket import duty_rules, rows
from storage.picket.model import Shift
from storage.picket.refusals import Code, PicketError
from storage.sync_tx import SyncTransaction


@dataclass(frozen=True)
class DutyConfirmed:
    shift: Shift
    #: Display names of the members whose check-ins were confirmed.
    names: tuple[str, ...]


async def confirm(
    db: Database, shift_id: int, captain_id: int, *, member_id: int | None = None, now: datetime
) -> DutyConfirmed:
    """Confirm the check-ins on a duty shift still waiting for it (all, or `member_id`'s)."""

    def work(tx: SyncTransaction) -> DutyConfirmed:
        shift = rows.require_shift(tx, shift_id)
        duty_rules.check_confirmable(shift, captain_id=captain_id, member_id=member_id)
        found = tx.fetchall(
            "SELECT c.member_id, c.recorded_by, c.checked_in_at, c.confirmed_at, m.display_name"
            " FROM checkins c JOIN members m ON m.id = c.member_id"
            " WHERE c.shift_id = ? AND c.status IN ('present', 'walk-in') AND c.member_id != ?"
            " ORDER BY c.checked_in_at, c.member_id",
            (shift_id, captain_id),
        )
        waiting = [
            row
            for row in found
            if (member_id is None or int(row["member_id"]) == member_id)
            and not duty_rules.is_confirmed(
                member_id=int(row["member_id"]),
                recorded_by=row["recorded_by"],
                checked_in_at=from_iso(row["checked_in_at"]),
                confirmed_at=None if row["confirmed_at"] is None else from_iso(row["confirmed_at"]),
            )
        ]
        if not waiting:
            raise PicketError(Code.NOTHING_TO_CONFIRM, shift_id=shift_id, named=member_id is not None)
        tx.executemany(
            "UPDATE checkins SET confirmed_by = ?, confirmed_at = ? WHERE shift_id = ? AND member_id = ?",
            [(captain_id, iso(now), shift_id, int(row["member_id"])) for row in waiting],
        )
        ids = ", ".join(str(row["member_id"]) for row in waiting)
        audit.record_in(tx, captain_id, "picket.duty.confirm", f"shift:{shift_id}", f"members {ids}")
        return DutyConfirmed(shift, tuple(str(row["display_name"]) for row in waiting))

    return await db.run_sync(work)
