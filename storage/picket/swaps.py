"""Shift swaps: offering a place, taking it, a captain's decision, withdrawing, and deadlines.

Each write is one hop (`Database.run_sync`): it loads the offer and the shift,
applies `swap_rules`, writes what they decided (`swap_rows`) and queues the
members' notices from the caller's `Notices` in the same transaction. The
place stays the offerer's until the very transaction that gives it to the
taker or to the waitlist, so it is never empty and never over capacity.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage import audit
from storage.database import Database
from storage.picket import rows, swap_rows, swap_rules
from storage.picket.model import Shift, SignupRole
from storage.picket.outcomes import Notices, Outcome
from storage.picket.place_outcomes import (
    Offer,
    SwapDenied,
    SwapLapsed,
    SwapOffered,
    SwapRequested,
    SwapTaken,
    SwapWithdrawn,
)
from storage.picket.refusals import Code, PicketError
from storage.picket.signup_batch import _live_signups
from storage.sync_tx import SyncTransaction

#: The first members in line who hear of an offer (a long waitlist is not messaged in full).
TELL_WAITING = 20


@dataclass(frozen=True)
class Taken:
    offer: Offer
    #: The shift as it stands after the take.
    shift: Shift
    #: The take waits for a captain's approval; the place is still the offerer's.
    pending: bool


async def offer(
    db: Database, shift_id: int, member_id: int, *, now: datetime, deadline_minutes: int, notices: Notices
) -> tuple[Offer, Shift]:
    """Offer the member's confirmed place on the shift; those waiting for it are told."""

    def work(tx: SyncTransaction) -> tuple[Offer, Shift]:
        shift = rows.require_shift(tx, shift_id)
        row = tx.fetchone(
            "SELECT id, role, status FROM signups WHERE shift_id = ? AND member_id = ? AND status != 'cancelled'",
            (shift_id, member_id),
        )
        live = None if row is None else swap_rows.live_offer_for(tx, int(row["id"]))
        swap_rules.check_offer(
            shift, None if row is None else row["status"], live, now, deadline_minutes=deadline_minutes
        )
        assert row is not None
        until = swap_rules.deadline(shift, deadline_minutes)
        offer_id = swap_rows.insert_offer(tx, shift_id, int(row["id"]), member_id, row["role"], until, now)
        audit.record_in(tx, member_id, "picket.swap.offer", f"shift:{shift_id}", f"offer {offer_id}")
        made = swap_rows.require_offer(tx, offer_id)
        waiting = tuple(rows.waiting(tx, shift_id)[:TELL_WAITING])
        rows.tell(tx, notices, [SwapOffered(made, shift, waiting)])
        tx.schedule_changed = True  # the deadline pass wakes for it
        return made, shift

    return await db.run_sync(work)


async def take(
    db: Database,
    offer_id: int,
    taker_id: int,
    *,
    is_captain: bool,
    now: datetime,
    refuse_overlap: bool,
    notices: Notices,
) -> Taken:
    """Take an offered place: at once, or, where the site's swaps need approval, asked for."""

    def work(tx: SyncTransaction) -> Taken:
        found = swap_rows.require_offer(tx, offer_id)
        shift = rows.require_shift(tx, found.shift_id)
        role = swap_rules.taker_role(found, is_captain=is_captain)
        live = _live_signups(tx, {taker_id}).get(taker_id, [])
        try:
            swap_rules.check_take(found, shift, taker_id, live, now, role=role, refuse_overlap=refuse_overlap)
        except PicketError as refusal:
            raise _explained(tx, refusal) from None
        site = rows.get_site(tx, shift.site_id)
        if site is not None and site.swaps == "approve":
            return _ask(tx, found, shift, taker_id, role, now, notices)
        return _move(tx, found, taker_id, role, now, notices, approved_by=None)

    return await db.run_sync(work)


def _ask(
    tx: SyncTransaction, found: Offer, shift: Shift, taker_id: int, role: SignupRole, now: datetime,
    notices: Notices,
) -> Taken:  # fmt: skip
    swap_rows.set_offer(tx, found.id, "pending", now, taker=(taker_id, role))
    audit.record_in(tx, taker_id, "picket.swap.ask", f"shift:{shift.id}", f"offer {found.id}")
    asked = swap_rows.require_offer(tx, found.id)
    captains = swap_rows.shift_captains(tx, shift.id, {found.offerer.member_id, taker_id})
    rows.tell(tx, notices, [SwapRequested(asked, shift, captains)])
    return Taken(asked, shift, pending=True)


def _move(
    tx: SyncTransaction, found: Offer, taker_id: int, role: SignupRole, now: datetime, notices: Notices,
    *, approved_by: tuple[int, str] | None,
) -> Taken:  # fmt: skip
    swap_rows.move_place(tx, found, taker_id, role, now)
    swap_rows.set_offer(
        tx, found.id, "taken", now, taker=(taker_id, role), settled_by=approved_by[0] if approved_by else None
    )
    audit.record_in(
        tx, approved_by[0] if approved_by else taker_id, "picket.swap.take", f"shift:{found.shift_id}",
        f"offer {found.id}: member {found.offerer.member_id} -> {taker_id}",
    )  # fmt: skip
    taken = swap_rows.require_offer(tx, found.id)
    after = rows.require_shift(tx, found.shift_id)
    rows.tell(tx, notices, [SwapTaken(taken, after, approved_by[1] if approved_by else None)])
    return Taken(taken, after, pending=False)


def _explained(tx: SyncTransaction, refusal: PicketError) -> PicketError:
    if refusal.code is Code.OVERLAPS:
        refusal.details["other"] = rows.require_shift(tx, refusal.details["other_id"])
    return refusal


async def decide(
    db: Database,
    offer_id: int,
    captain: tuple[int, str],
    *,
    approve: bool,
    now: datetime,
    refuse_overlap: bool,
    notices: Notices,
) -> Taken:
    """A captain approves a pending take (the place moves) or refuses it (the offer is open again)."""

    def work(tx: SyncTransaction) -> Taken:
        found = swap_rows.require_offer(tx, offer_id)
        shift = rows.require_shift(tx, found.shift_id)
        swap_rules.check_live(found, now, pending=True)
        swap_rules.check_decider(found, captain[0])
        assert found.taker is not None and found.taker_role is not None
        taker = found.taker
        if not approve:
            swap_rows.set_offer(tx, found.id, "open", now)
            audit.record_in(tx, captain[0], "picket.swap.deny", f"shift:{shift.id}", f"offer {found.id}")
            reopened = swap_rows.require_offer(tx, found.id)
            rows.tell(tx, notices, [SwapDenied(reopened, shift, taker)])
            return Taken(reopened, shift, pending=False)
        live = _live_signups(tx, {taker.member_id}).get(taker.member_id, [])
        try:
            swap_rules.check_take(
                found, shift, taker.member_id, live, now, role=found.taker_role,
                refuse_overlap=refuse_overlap, approving=True,
            )  # fmt: skip
        except PicketError as refusal:
            raise _explained(tx, refusal) from None
        return _move(tx, found, taker.member_id, found.taker_role, now, notices, approved_by=captain)

    return await db.run_sync(work)


async def withdraw(
    db: Database, offer_id: int, actor_id: int, *, is_captain: bool, now: datetime, notices: Notices
) -> tuple[Offer, Shift]:
    """Take an offer back (the offerer, or a captain); a member who had asked to take it is told."""

    def work(tx: SyncTransaction) -> tuple[Offer, Shift]:
        found = swap_rows.require_offer(tx, offer_id)
        swap_rules.check_withdraw(found, actor_id, is_captain=is_captain)
        shift = rows.require_shift(tx, found.shift_id)
        swap_rows.set_offer(tx, found.id, "withdrawn", now, settled_by=actor_id)
        audit.record_in(tx, actor_id, "picket.swap.withdraw", f"shift:{shift.id}", f"offer {found.id}")
        by_captain = actor_id != found.offerer.member_id
        rows.tell(tx, notices, [SwapWithdrawn(found, shift, found.taker, by_captain)])
        tx.schedule_changed = True
        return swap_rows.require_offer(tx, found.id), shift

    return await db.run_sync(work)


async def listed(db: Database, now: datetime, shift_id: int | None = None) -> list[tuple[Offer, Shift]]:
    """Offers still in play (on shifts not started), with their shifts, soonest first."""

    def work(tx: SyncTransaction) -> list[tuple[Offer, Shift]]:
        if shift_id is not None:
            rows.require_shift(tx, shift_id)
        found = swap_rows.live_offers(tx, now, shift_id)
        shifts = rows.load_shifts(tx, [item.shift_id for item in found])
        return [(item, shifts[item.shift_id]) for item in found]

    return await db.run_sync(work, write=False)


def settle_due_in(tx: SyncTransaction, now: datetime, notices: Notices) -> int:
    """Settle every live offer that is due: void ones, and those at their deadline; how many."""
    settled = 0
    for found in swap_rows.due_offers(tx, now):
        if found.status == "pending" and _taker_forgotten(tx, found):
            swap_rows.set_offer(tx, found.id, "open", now)  # their ask is gone with them
            found = swap_rows.require_offer(tx, found.id)
        shift = rows.require_shift(tx, found.shift_id)
        decided = swap_rules.settle(found, shift, rows.waiting(tx, shift.id), now)
        if decided is None:
            continue
        status, promoted = decided
        taker = found.taker if found.status == "pending" else None
        outcomes: list[Outcome] = []
        if status == "waitlist":
            rows.set_status(tx, [found.signup_id], "cancelled", now)
            rows.confirm(tx, promoted, now)
            outcomes += promoted
        swap_rows.set_offer(tx, found.id, status, now)
        audit.record_in(tx, None, f"picket.swap.{status}", f"shift:{shift.id}", f"offer {found.id}")
        outcomes.insert(0, SwapLapsed(found, shift, status == "waitlist", status == "void", taker))
        rows.tell(tx, notices, outcomes)
        tx.schedule_changed = True
        settled += 1
    return settled


def _taker_forgotten(tx: SyncTransaction, found: Offer) -> bool:
    assert found.taker is not None
    return bool(
        tx.fetchval("SELECT forgotten_at IS NOT NULL FROM members WHERE id = ?", (found.taker.member_id,))
    )
