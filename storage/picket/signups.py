"""Sign-ups: a place on a shift, or a first-come position on its waitlist.

Every decision (is there a place, is the member already on it, does it
overlap another shift) is made inside one transaction, and the database runs
one transaction at a time, so concurrent sign-ups can neither overbook a
shift nor lose anyone.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from storage import audit
from storage.database import Database, Transaction, iso
from storage.picket.common import PicketError, Reader
from storage.picket.shifts import Promotion, Shift, SignupRole, promote_waiting, require
from storage.picket.signup_rules import (
    POSITION_SQL,
    Identity,
    LiveStatus,
    SignupRequest,
    SignupResult,
    decide_group,
)

__all__ = ["Identity", "LiveStatus", "SignupResult"]  # defined with the rules, used from here


@dataclass(frozen=True)
class CancelResult:
    shift: Shift
    was: LiveStatus
    promoted: list[Promotion]


@dataclass(frozen=True)
class MySignup:
    shift: Shift
    role: SignupRole
    status: LiveStatus
    position: int | None


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


@dataclass(frozen=True)
class Roster:
    shift: Shift
    confirmed: list[RosterEntry]
    waitlist: list[RosterEntry]
    walk_ins: list[RosterEntry]


async def waitlist_position(db: Reader, shift_id: int, signup_id: int) -> int:
    return int(await db.fetchval(POSITION_SQL, (shift_id, signup_id)))


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
    commit and a few statements for a whole storm (see `storage.signup_rules`);
    a plain function handing back the future keeps coroutine frames off the
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


async def cancel(db: Database, shift_id: int, member_id: int, *, now: datetime) -> CancelResult:
    """Give up a place (or a waitlist position); a freed place goes to the first in line."""
    async with db.transaction() as tx:
        shift = await require(tx, shift_id)
        row = await tx.fetchone(
            "SELECT id, status FROM signups WHERE shift_id = ? AND member_id = ? AND status != 'cancelled'",
            (shift_id, member_id),
        )
        if row is None:
            raise PicketError(f"you're not signed up for shift #{shift_id}")
        if shift.starts_at <= now and not shift.cancelled:
            raise PicketError(f"shift #{shift_id} has started; tell your captain instead")
        was: LiveStatus = row["status"]
        await cancel_signup_in(tx, int(row["id"]), now)
        promoted = await promote_waiting(tx, shift_id, now) if was == "confirmed" else []
        after = await require(tx, shift_id)
    db.schedule_changed.set()
    return CancelResult(after, was, promoted)


async def cancel_signup_in(tx: Transaction, signup_id: int, now: datetime) -> None:
    await tx.execute(
        "UPDATE signups SET status = 'cancelled', updated_at = ? WHERE id = ?", (iso(now), signup_id)
    )


async def mine(db: Database, member_id: int, now: datetime) -> list[MySignup]:
    """The member's live sign-ups on shifts not yet over, soonest first."""
    rows = await db.fetchall(
        "SELECT g.id, g.shift_id, g.role, g.status FROM signups g JOIN shifts sh ON sh.id = g.shift_id "
        "WHERE g.member_id = ? AND g.status != 'cancelled' AND sh.cancelled_at IS NULL AND sh.ends_at > ? "
        "ORDER BY sh.starts_at, sh.id",
        (member_id, iso(now)),
    )
    found = []
    for row in rows:
        shift = await require(db, int(row["shift_id"]))
        position = None
        if row["status"] == "waitlisted":
            position = await waitlist_position(db, shift.id, int(row["id"]))
        found.append(MySignup(shift, row["role"], row["status"], position))
    return found


async def roster(db: Database, shift_id: int) -> Roster:
    """Who is confirmed, who waits (in order) and who checked in, walk-ins included."""
    shift = await require(db, shift_id)
    rows = await db.fetchall(
        "SELECT m.id AS member_id, m.display_name, m.forgotten_at, g.id AS signup_id, g.role, g.status,"
        " c.status AS checkin, c.checked_in_at "
        "FROM signups g JOIN members m ON m.id = g.member_id "
        "LEFT JOIN checkins c ON c.shift_id = g.shift_id AND c.member_id = g.member_id "
        "WHERE g.shift_id = ? AND g.status != 'cancelled' ORDER BY g.id",
        (shift_id,),
    )
    confirmed: list[RosterEntry] = []
    waitlist: list[RosterEntry] = []
    for row in rows:
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
        )
        (waitlist if waiting else confirmed).append(entry)
    extra = await db.fetchall(
        "SELECT m.id AS member_id, m.display_name, m.forgotten_at, c.status, c.checked_in_at "
        "FROM checkins c JOIN members m ON m.id = c.member_id WHERE c.shift_id = ? AND NOT EXISTS "
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
        )
        for r in extra
    ]
    return Roster(shift, confirmed, waitlist, walk_ins)


async def forget_in(tx: Transaction, member_id: int, *, now: datetime) -> tuple[int, list[Promotion]]:
    """Cancel the member's live sign-ups on shifts not yet started, promoting in their place."""
    rows = await tx.fetchall(
        "SELECT g.id, g.shift_id, g.status FROM signups g JOIN shifts sh ON sh.id = g.shift_id "
        "WHERE g.member_id = ? AND g.status != 'cancelled' AND sh.starts_at > ?",
        (member_id, iso(now)),
    )
    promoted: list[Promotion] = []
    for row in rows:
        await cancel_signup_in(tx, int(row["id"]), now)
        if row["status"] == "confirmed":
            promoted.extend(await promote_waiting(tx, int(row["shift_id"]), now))
    await audit.record(tx, member_id, "picket.signup.forget", f"member:{member_id}", f"{len(rows)} cancelled")
    return len(rows), promoted
