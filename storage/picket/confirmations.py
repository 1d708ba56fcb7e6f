"""Confirming a place ("I'm coming"), and places from the waitlist that moved on unconfirmed.

A promotion stamps the sign-up's `promoted_at` (`rows.confirm`); the member
confirms with `confirm_coming` (the notice's and the reminder's "I'm
coming"). The deadline pass (`lapse_due_in`, run by the bot's scheduler)
finds promotions past their window (`confirm_rules.confirm_by`) and, in one
transaction each, gives the place to the next in line (who must confirm in
turn) and drops the unconfirmed member, telling both. With nobody waiting,
the member keeps the place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from storage import audit
from storage.database import Database
from storage.instants import from_iso, iso
from storage.picket import confirm_rules, rows, shift_rules
from storage.picket.model import Recipient, Shift, SignupRole
from storage.picket.outcomes import Notices, Outcome
from storage.picket.place_outcomes import PromotionLapsed
from storage.picket.refusals import Code, PicketError
from storage.sync_tx import SyncTransaction


@dataclass(frozen=True)
class Confirmed:
    shift: Shift
    #: They had been asked to confirm a place from the waitlist (now it is theirs for sure).
    was_promotion: bool
    #: They had already said so.
    already: bool


@dataclass(frozen=True)
class Awaiting:
    """A place from the waitlist not yet confirmed."""

    signup_id: int
    shift_id: int
    role: SignupRole
    to: Recipient
    promoted_at: datetime
    starts_at: datetime


async def confirm_coming(db: Database, shift_id: int, member_id: int, *, now: datetime) -> Confirmed:
    """The member says they're coming to the shift they hold a place on."""

    def work(tx: SyncTransaction) -> Confirmed:
        shift = rows.require_shift(tx, shift_id)
        row = tx.fetchone(
            "SELECT id, status, promoted_at, confirmed_at FROM signups"
            " WHERE shift_id = ? AND member_id = ? AND status != 'cancelled'",
            (shift_id, member_id),
        )
        try:
            lapsed = _lapsed(tx, shift_id, member_id)
            released = row is None and _had_signup(tx, shift_id, member_id)
            confirm_rules.check_confirm(
                shift, None if row is None else row["status"], now, lapsed=lapsed, released=released
            )
        except PicketError as refusal:
            if refusal.code is Code.CONFIRM_WAITLISTED and row is not None:
                refusal.details["position"] = rows.waitlist_position(tx, shift_id, int(row["id"]))
            raise
        assert row is not None
        already = row["confirmed_at"] is not None
        if not already:
            tx.execute("UPDATE signups SET confirmed_at = ? WHERE id = ?", (iso(now), int(row["id"])))
            audit.record_in(tx, member_id, "picket.signup.confirm", f"shift:{shift_id}")
        return Confirmed(shift, row["promoted_at"] is not None and not already, already)

    return await db.run_sync(work)


def _had_signup(tx: SyncTransaction, shift_id: int, member_id: int) -> bool:
    """Whether the member ever signed up for the shift (all cancelled, when none is live)."""
    found = tx.fetchval("SELECT 1 FROM signups WHERE shift_id = ? AND member_id = ?", (shift_id, member_id))
    return found is not None


def _lapsed(tx: SyncTransaction, shift_id: int, member_id: int) -> bool:
    """Whether the member's latest place on the shift moved on because it went unconfirmed."""
    latest = tx.fetchval(
        "SELECT max(id) FROM signups WHERE shift_id = ? AND member_id = ?", (shift_id, member_id)
    )
    if latest is None:
        return False
    return tx.fetchval("SELECT 1 FROM promotion_lapses WHERE signup_id = ?", (latest,)) is not None


def awaiting(tx: SyncTransaction, now: datetime) -> list[Awaiting]:
    """Places from the waitlist not yet confirmed, on shifts still to start."""
    found = tx.fetchall(
        "SELECT g.id, g.shift_id, g.role, g.promoted_at, sh.starts_at, m.id AS member_id, m.platform,"
        " m.platform_user_id FROM signups g JOIN shifts sh ON sh.id = g.shift_id"
        " JOIN sites s ON s.id = sh.site_id JOIN members m ON m.id = g.member_id"
        " WHERE g.status = 'confirmed' AND g.promoted_at IS NOT NULL AND g.confirmed_at IS NULL"
        " AND sh.cancelled_at IS NULL AND s.closed_at IS NULL AND sh.starts_at > ?"
        " ORDER BY g.promoted_at, g.id",
        (iso(now),),
    )
    return [
        Awaiting(
            int(r["id"]), int(r["shift_id"]), r["role"],
            Recipient(int(r["member_id"]), r["platform"], r["platform_user_id"]),
            from_iso(r["promoted_at"]), from_iso(r["starts_at"]),
        )
        for r in found
    ]  # fmt: skip


def next_lapse_at(tx: SyncTransaction, now: datetime, window: timedelta) -> datetime | None:
    """When the next unconfirmed place from the waitlist runs out of time, if one will."""
    times = [
        due
        for item in awaiting(tx, now)
        if (due := confirm_rules.confirm_by(item.promoted_at, item.starts_at, window)) is not None
    ]
    return min(times, default=None)


def lapse_due_in(tx: SyncTransaction, now: datetime, window: timedelta, notices: Notices) -> int:
    """Move on every place from the waitlist whose time to confirm has run out; how many moved."""
    moved = 0
    for item in awaiting(tx, now):
        due = confirm_rules.confirm_by(item.promoted_at, item.starts_at, window)
        if due is None or due > now:
            continue
        shift = rows.require_shift(tx, item.shift_id)
        promoted = shift_rules.promotions(shift.left(item.role, "confirmed"), rows.waiting(tx, shift.id), now)
        if not promoted:
            # Nobody can take it: the place stays theirs, and is no longer waiting to be confirmed.
            tx.execute("UPDATE signups SET promoted_at = NULL WHERE id = ?", (item.signup_id,))
            continue
        rows.set_status(tx, [item.signup_id], "cancelled", now)
        tx.execute(
            "INSERT INTO promotion_lapses (signup_id, lapsed_at) VALUES (?, ?)", (item.signup_id, iso(now))
        )
        rows.confirm(tx, promoted, now)
        audit.record_in(
            tx, None, "picket.signup.lapse", f"shift:{shift.id}", f"member {item.to.member_id} unconfirmed"
        )
        outcomes: list[Outcome] = [PromotionLapsed(item.signup_id, item.to, shift, due), *promoted]
        rows.tell(tx, notices, outcomes)
        moved += 1
    return moved
