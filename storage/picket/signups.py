"""Sign-ups: a place on a shift, or a first-come position on its waitlist.

Every decision (is there a place, is the member already on it, does it
overlap another shift) is made inside one transaction, and the database runs
one transaction at a time, so concurrent sign-ups can neither overbook a
shift nor lose anyone. Signing up is decided a group at a time
(`signup_batch`); giving a place up is one hop that also promotes the next
in line (`shifts.promote_in`).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from storage import members
from storage.database import Database, from_iso, iso
from storage.picket import rows, shift_rules, signup_rules
from storage.picket.model import LiveStatus, Shift, SignupRole
from storage.picket.outcomes import Notices, Promoted
from storage.picket.shifts import promote_in
from storage.picket.signup_batch import decide_group
from storage.picket.signup_rules import Identity, SignupRequest, SignupResult
from storage.sync_tx import SyncTransaction

__all__ = ["Identity", "LiveStatus", "SignupResult"]  # defined with the rules, used from here


@dataclass(frozen=True)
class CancelResult:
    shift: Shift
    was: LiveStatus
    promoted: list[Promoted]


@dataclass(frozen=True)
class MySignup:
    shift: Shift
    role: SignupRole
    status: LiveStatus
    position: int | None
    #: A place from the waitlist not yet confirmed: when it was given (`confirm_rules.confirm_by`).
    awaiting_since: datetime | None = None
    #: The member's live swap offer of this place.
    offer_id: int | None = None


@dataclass(frozen=True)
class RosterEntry:
    member_id: int
    display_name: str
    forgotten: bool
    #: None for a walk-in who never signed up.
    role: SignupRole | None
    status: LiveStatus | None
    position: int | None
    checkin: str | None
    checked_in_at: str | None
    #: Recorded by a plain name (a walk-in on no chat), not a chat member.
    by_name: bool = False
    #: When they left before the end (/picket checkout).
    checked_out_at: str | None = None


@dataclass(frozen=True)
class Roster:
    shift: Shift
    confirmed: list[RosterEntry]
    waitlist: list[RosterEntry]
    walk_ins: list[RosterEntry]


def sign_up(
    db: Database,
    shift_id: int,
    member_id: int,
    *,
    role: SignupRole = "member",
    now: datetime,
    refuse_overlap: bool = True,
) -> asyncio.Future[SignupResult]:
    """Confirm the member on the shift if a place is open, else put them on its waitlist.

    Await the result. Sign-ups that arrive together are decided together, one
    commit and a few statements for a whole storm (see `signup_batch`); a
    plain function handing back the future keeps coroutine frames off the
    path a storm takes thousands of times.
    """
    return db.run_batched(decide_group, SignupRequest(shift_id, member_id, role, now, refuse_overlap))


def sign_up_as(
    db: Database,
    shift_id: int,
    who: Identity,
    *,
    role: SignupRole = "member",
    now: datetime,
    refuse_overlap: bool = True,
) -> asyncio.Future[SignupResult]:
    """`sign_up` for a member named by platform id, created in the same transaction if new."""
    return db.run_batched(decide_group, SignupRequest(shift_id, who, role, now, refuse_overlap))


async def cancel(
    db: Database, shift_id: int, member_id: int, *, now: datetime, notices: Notices
) -> CancelResult:
    """Give up a place (or a waitlist position); a freed place goes to the first in line."""

    def work(tx: SyncTransaction) -> CancelResult:
        shift = rows.require_shift(tx, shift_id)
        row = tx.fetchone(
            "SELECT id, role, status FROM signups WHERE shift_id = ? AND member_id = ? AND status != 'cancelled'",
            (shift_id, member_id),
        )
        was: LiveStatus | None = None if row is None else row["status"]
        signup_rules.check_leave(shift, was, now)
        assert row is not None and was is not None
        rows.set_status(tx, [int(row["id"])], "cancelled", now)
        after = shift.left(row["role"], was)
        promoted = promote_in(tx, after, now, notices) if was == "confirmed" else []
        return CancelResult(shift_rules.after_promotions(after, promoted), was, promoted)

    return await db.run_sync(work)


async def mine(db: Database, member_id: int, now: datetime) -> list[MySignup]:
    """The member's live sign-ups on shifts not yet over, soonest first."""

    def work(tx: SyncTransaction) -> list[MySignup]:
        held = tx.fetchall(
            "SELECT g.id, g.shift_id, g.role, g.status, g.promoted_at, g.confirmed_at,"
            " (SELECT o.id FROM swap_offers o WHERE o.signup_id = g.id AND o.status IN ('open', 'pending'))"
            " AS offer_id FROM signups g JOIN shifts sh ON sh.id = g.shift_id"
            " WHERE g.member_id = ? AND g.status != 'cancelled' AND sh.cancelled_at IS NULL"
            " AND sh.ends_at > ? ORDER BY sh.starts_at, sh.id",
            (member_id, iso(now)),
        )
        shifts = rows.load_shifts(tx, [int(row["shift_id"]) for row in held])
        found = []
        for row in held:
            shift = shifts[int(row["shift_id"])]
            position = None
            if row["status"] == "waitlisted":
                position = rows.waitlist_position(tx, shift.id, int(row["id"]))
            awaiting = row["promoted_at"] if row["confirmed_at"] is None else None
            found.append(
                MySignup(
                    shift, row["role"], row["status"], position,
                    None if awaiting is None else from_iso(awaiting), row["offer_id"],
                )
            )  # fmt: skip
        return found

    return await db.run_sync(work, write=False)


async def roster(db: Database, shift_id: int) -> Roster:
    """Who is confirmed, who waits (in order) and who checked in, walk-ins included."""
    return await db.run_sync(lambda tx: _roster(tx, shift_id), write=False)


def _roster(tx: SyncTransaction, shift_id: int) -> Roster:
    shift = rows.require_shift(tx, shift_id)
    found = tx.fetchall(
        "SELECT m.id AS member_id, m.display_name, m.forgotten_at, g.id AS signup_id, g.role, g.status,"
        " c.status AS checkin, c.checked_in_at, c.checked_out_at "
        "FROM signups g JOIN members m ON m.id = g.member_id "
        "LEFT JOIN checkins c ON c.shift_id = g.shift_id AND c.member_id = g.member_id "
        "WHERE g.shift_id = ? AND g.status != 'cancelled' ORDER BY g.id",
        (shift_id,),
    )
    confirmed: list[RosterEntry] = []
    waitlist: list[RosterEntry] = []
    for row in found:
        waiting = row["status"] == "waitlisted"
        entry = RosterEntry(
            member_id=int(row["member_id"]),
            display_name=str(row["display_name"]),
            forgotten=row["forgotten_at"] is not None,
            role=row["role"],
            status=row["status"],
            position=len(waitlist) + 1 if waiting else None,
            checkin=row["checkin"],
            checked_in_at=row["checked_in_at"],
            checked_out_at=row["checked_out_at"],
        )
        (waitlist if waiting else confirmed).append(entry)
    extra = tx.fetchall(
        "SELECT m.id AS member_id, m.display_name, m.forgotten_at, m.platform, c.status, c.checked_in_at,"
        " c.checked_out_at FROM checkins c JOIN members m ON m.id = c.member_id WHERE c.shift_id = ? AND NOT EXISTS "
        "(SELECT 1 FROM signups g WHERE g.shift_id = c.shift_id AND g.member_id = c.member_id"
        " AND g.status != 'cancelled') ORDER BY c.checked_in_at",
        (shift_id,),
    )
    walk_ins = [
        RosterEntry(
            int(r["member_id"]),
            str(r["display_name"]),
            r["forgotten_at"] is not None,
            None,
            None,
            None,
            r["status"],
            r["checked_in_at"],
            by_name=r["platform"] == members.PLAIN_NAME,
            checked_out_at=r["checked_out_at"],
        )
        for r in extra
    ]
    return Roster(shift, confirmed, waitlist, walk_ins)
