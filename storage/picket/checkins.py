"""Check-ins: who came to a shift. Hours are counted from these rows only.

The rules (when, and who may record whom) are in `checkin_rules`; recording
one is a single hop that loads the shift and the member's sign-up, applies
them and writes the check-in and its audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage import audit, members
from storage.database import Database, iso
from storage.picket import checkin_rules, rows
from storage.picket.checkin_rules import STATUSES, CheckinStatus
from storage.picket.model import Shift
from storage.sync_tx import SyncTransaction

__all__ = ["STATUSES", "CheckinStatus"]


@dataclass(frozen=True)
class NewMember:
    """Someone to record who has no member row yet (a walk-in): made in the check-in's own
    transaction, so a refused check-in leaves no member behind."""

    platform: str
    user_id: str
    display_name: str


@dataclass(frozen=True)
class CheckinResult:
    shift: Shift
    status: CheckinStatus
    #: The status recorded before, when this changed one.
    previous: str | None
    #: The shift they were checked out of, when this check-in was a move a captain asked for.
    moved_from: Shift | None = None


async def record(
    db: Database,
    shift_id: int,
    member: int | NewMember,
    status: CheckinStatus,
    *,
    recorded_by: int,
    by_self: bool,
    now: datetime,
    opens_minutes: int = 15,
    with_code: bool = False,
) -> CheckinResult:
    """Record a check-in: `by_self` for a member checking themself in, else a captain's record.

    `member` is a member's id, or a `NewMember` to make first (same transaction).
    `with_code`: the member gave the shift's current check-in code; once a captain
    has shown a code for the shift, a member checking themself in must.
    """

    def work(tx: SyncTransaction) -> CheckinResult:
        shift = rows.require_shift(tx, shift_id)
        member_id = (
            member
            if isinstance(member, int)
            else members.ensure_in(tx, member.platform, member.user_id, member.display_name)
        )
        signup = tx.fetchval(
            "SELECT status FROM signups WHERE shift_id = ? AND member_id = ? AND status != 'cancelled'",
            (shift_id, member_id),
        )
        before = tx.fetchval(
            "SELECT status FROM checkins WHERE shift_id = ? AND member_id = ?", (shift_id, member_id)
        )
        has_code = tx.fetchval("SELECT 1 FROM checkin_code_keys WHERE shift_id = ?", (shift_id,)) is not None
        move = _pending_move(tx, member_id, shift_id) if status != "no-show" else None
        checkin_rules.check(
            shift, signup=signup, before=before, status=status, by_self=by_self, now=now,
            opens_minutes=opens_minutes, code_required=has_code and not with_code, moving=move is not None,
        )  # fmt: skip
        tx.execute(
            "INSERT INTO checkins (shift_id, member_id, status, checked_in_at, recorded_by)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (shift_id, member_id) DO UPDATE SET"
            " status = excluded.status, checked_in_at = excluded.checked_in_at, recorded_by = excluded.recorded_by,"
            " checked_out_at = NULL",
            (shift_id, member_id, status, iso(now), recorded_by),
        )
        change = f"member {member_id} {before} -> {status}" if before else f"member {member_id} {status}"
        audit.record_in(tx, recorded_by, "picket.checkin", f"shift:{shift_id}", change)
        moved_from = None if move is None else _finish_move(tx, move, member_id, recorded_by, now)
        return CheckinResult(shift, status, before, moved_from)

    return await db.run_sync(work)


def _pending_move(tx: SyncTransaction, member_id: int, shift_id: int) -> tuple[int, int] | None:
    """(ask id, shift moved from) of the latest unused ask that the member move to this shift."""
    found = tx.fetchone(
        "SELECT id, from_shift_id FROM move_asks WHERE member_id = ? AND to_shift_id = ? AND moved_at IS NULL"
        " ORDER BY asked_at DESC, id DESC LIMIT 1",
        (member_id, shift_id),
    )
    return None if found is None else (int(found["id"]), int(found["from_shift_id"]))


def _finish_move(
    tx: SyncTransaction, move: tuple[int, int], member_id: int, recorded_by: int, now: datetime
) -> Shift:
    """Check the member out of the shift they were asked to leave (their hours there stop now,
    if it is still going and they had not left) and mark every ask to this shift used."""
    ask_id, from_id = move
    source = rows.require_shift(tx, from_id)
    tx.execute(
        "UPDATE checkins SET checked_out_at = ? WHERE shift_id = ? AND member_id = ?"
        " AND status IN ('present', 'walk-in') AND checked_out_at IS NULL AND ? < ?",
        (iso(now), from_id, member_id, iso(now), iso(source.ends_at)),
    )
    to_id = tx.fetchval("SELECT to_shift_id FROM move_asks WHERE id = ?", (ask_id,))
    tx.execute(
        "UPDATE move_asks SET moved_at = ? WHERE member_id = ? AND to_shift_id = ? AND moved_at IS NULL",
        (iso(now), member_id, to_id),
    )
    audit.record_in(
        tx, recorded_by, "picket.move", f"shift:{to_id}", f"member {member_id} from shift {from_id}"
    )
    return source


async def check_out(
    db: Database, shift_id: int, member_id: int, *, recorded_by: int, by_self: bool, now: datetime
) -> Shift:
    """Record that a checked-in member left before the end; their hours stop there."""

    def work(tx: SyncTransaction) -> Shift:
        shift = rows.require_shift(tx, shift_id)
        found = tx.fetchone(
            "SELECT status, checked_out_at FROM checkins WHERE shift_id = ? AND member_id = ?",
            (shift_id, member_id),
        )
        checkin_rules.check_out(
            shift,
            before=None if found is None else str(found["status"]),
            left=found is not None and found["checked_out_at"] is not None,
            by_self=by_self,
            now=now,
        )
        tx.execute(
            "UPDATE checkins SET checked_out_at = ? WHERE shift_id = ? AND member_id = ?",
            (iso(now), shift_id, member_id),
        )
        audit.record_in(tx, recorded_by, "picket.checkout", f"shift:{shift_id}", f"member {member_id} left")
        return shift

    return await db.run_sync(work)
