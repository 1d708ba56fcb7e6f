"""Picket shifts: reading them, and adding, editing and cancelling them, each write in one hop.

Every write here is one plain function run on the database's thread
(`Database.run_sync`): it loads the rows its rules need (`rows`), applies
the rules (`shift_rules`, plain Python), writes what they decided and queues
the members' notices from the caller's `Notices` function, all in one
transaction. Loading, deciding and writing stay separate steps, so another
backend can reuse the rules with its own loading and writing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from storage import audit
from storage.database import Database, iso
from storage.picket import rows, shift_rules
from storage.picket.model import NewShift, Shift, SignupRole
from storage.picket.outcomes import Notices, Promoted, ShiftCancelled
from storage.picket.shift_rules import MAX_CAPACITY, MAX_SERIES, MAX_SHIFT_HOURS
from storage.sync_tx import SyncTransaction

__all__ = ["MAX_CAPACITY", "MAX_SERIES", "MAX_SHIFT_HOURS", "NewShift", "Shift", "SignupRole"]

# --------------------------------------------------------------------------- reading


async def get(db: Database, shift_id: int) -> Shift | None:
    return await db.run_sync(lambda tx: rows.get_shift(tx, shift_id), write=False)


async def require(db: Database, shift_id: int) -> Shift:
    """The shift, or PicketNotFound."""
    return await db.run_sync(lambda tx: rows.require_shift(tx, shift_id), write=False)


async def upcoming(
    db: Database,
    now: datetime,
    *,
    site_id: int | None = None,
    first_day: date | None = None,
    last_day: date | None = None,
    limit: int = 200,
) -> list[Shift]:
    """Shifts not yet over and not cancelled, soonest first; days are the sites' local dates."""
    where = ["sh.cancelled_at IS NULL", "sh.ends_at > ?"]
    params: list[Any] = [iso(now)]
    if site_id is not None:
        where.append("sh.site_id = ?")
        params.append(site_id)
    if first_day is not None:
        where.append("sh.local_date >= ?")
        params.append(first_day.isoformat())
    if last_day is not None:
        where.append("sh.local_date <= ?")
        params.append(last_day.isoformat())
    found = await db.fetchall(
        rows.SHIFT_SELECT + " WHERE " + " AND ".join(where) + " ORDER BY sh.starts_at, sh.id LIMIT ?",
        (*params, limit),
    )
    return [rows.shift_from_row(row) for row in found]


async def upcoming_counts(db: Database, now: datetime) -> dict[int, int]:
    """How many shifts not yet over each site has, by site id."""
    found = await db.fetchall(
        "SELECT site_id, count(*) AS n FROM shifts WHERE cancelled_at IS NULL AND ends_at > ? GROUP BY site_id",
        (iso(now),),
    )
    return {int(row["site_id"]): int(row["n"]) for row in found}


# --------------------------------------------------------------------------- changing


async def add(
    db: Database,
    site_id: int,
    new: Sequence[NewShift],
    *,
    capacity: int,
    captains: int,
    notes: str,
    actor: int | None,
    now: datetime,
    kind: str = "picket",
) -> list[Shift]:
    """Create one shift or a series (sharing a series id), all in one transaction.

    `kind` is "picket" or a duty's name (the command layer checks it against [picket.duties]).
    """
    shift_rules.check_new(new, capacity=capacity, captains=captains, now=now)

    def work(tx: SyncTransaction) -> list[Shift]:
        shift_rules.check_site_takes_shifts(site_id, rows.get_site(tx, site_id))
        ids = rows.insert_shifts(
            tx, site_id, new, capacity=capacity, captains=captains, notes=notes, actor=actor, now=now,
            kind=kind,
        )  # fmt: skip
        for shift_id, item in zip(ids, new, strict=True):
            audit.record_in(
                tx, actor, "picket.shift.add", f"shift:{shift_id}",
                f"site {site_id} {iso(item.starts_at)}..{iso(item.ends_at)} capacity {capacity} captains {captains}",
            )  # fmt: skip
        created = rows.load_shifts(tx, ids)
        return [created[shift_id] for shift_id in ids]

    return await db.run_sync(work)


async def cancel(
    db: Database, shift_id: int, reason: str, *, actor: int | None, now: datetime, notices: Notices
) -> ShiftCancelled:
    """Cancel a shift and tell everyone on it (`len(result.on_it)` were told)."""

    def work(tx: SyncTransaction) -> ShiftCancelled:
        shift = rows.require_shift(tx, shift_id)
        shift_rules.check_cancel(shift, now)
        return cancel_in(tx, shift, reason, actor=actor, now=now, notices=notices)

    return await db.run_sync(work)


def cancel_in(
    tx: SyncTransaction,
    shift: Shift,
    reason: str,
    *,
    actor: int | None,
    now: datetime,
    notices: Notices,
    by_site_closure: bool = False,
) -> ShiftCancelled:
    """Cancel `shift` (its rules already checked) inside the caller's transaction."""
    on_it = rows.on_shifts(tx, [shift.id]).get(shift.id, ())
    rows.mark_cancelled(tx, shift.id, reason, now)
    audit.record_in(tx, actor, "picket.shift.cancel", f"shift:{shift.id}", reason)
    done = ShiftCancelled(shift, reason, on_it, by_site_closure)
    rows.tell(tx, notices, [done])
    return done


async def edit(
    db: Database,
    shift_id: int,
    *,
    actor: int | None,
    now: datetime,
    notices: Notices,
    capacity: int | None = None,
    captains: int | None = None,
    notes: str | None = None,
) -> tuple[Shift, list[Promoted]]:
    """Change a shift's places or notes; freed places are filled from the waitlist."""

    def work(tx: SyncTransaction) -> tuple[Shift, list[Promoted]]:
        shift = rows.require_shift(tx, shift_id)
        after = shift_rules.edited(shift, now, capacity=capacity, captains=captains, notes=notes)
        rows.update_places(tx, after)
        changes = []
        if after.capacity != shift.capacity:
            changes.append(f"capacity {shift.capacity} -> {after.capacity}")
        if after.captains_needed != shift.captains_needed:
            changes.append(f"captains {shift.captains_needed} -> {after.captains_needed}")
        if notes is not None:
            changes.append("notes")
        audit.record_in(tx, actor, "picket.shift.edit", f"shift:{shift_id}", ", ".join(changes))
        promoted = promote_in(tx, after, now, notices)
        return shift_rules.after_promotions(after, promoted), promoted

    return await db.run_sync(work)


def promote_in(tx: SyncTransaction, shift: Shift, now: datetime, notices: Notices) -> list[Promoted]:
    """Fill `shift`'s open places from its waitlist and tell each one promoted.

    `shift` carries its counts as they are after the caller's change (a
    place given up, a capacity raised).
    """
    if not shift_rules.has_open_place(shift, now):
        return []  # the waitlist need not be read
    promoted = shift_rules.promotions(shift, rows.waiting(tx, shift.id), now)
    rows.confirm(tx, promoted, now)
    rows.tell(tx, notices, promoted)
    return promoted
