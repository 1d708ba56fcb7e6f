"""Picket sites: a name, an address, an IANA time zone and the channel they were announced in.

Closing a site cancels its shifts not yet started, or moves them to another
site; each is one hop to the database, like the writes in `shifts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage import audit
from storage.database import Database, iso
from storage.picket import rows, shift_rules, site_rules
from storage.picket.common import zone
from storage.picket.model import Shift, Site
from storage.picket.outcomes import Notices, Outcome, ShiftMoved
from storage.picket.refusals import Code, PicketNotFound
from storage.picket.shifts import cancel_in
from storage.picket.site_rules import MAX_NAME
from storage.sync_tx import SyncTransaction

__all__ = ["MAX_NAME", "Site"]


@dataclass(frozen=True)
class Closure:
    site: Site
    cancelled: int
    moved: int
    #: Sign-ups told about a cancellation or a move.
    notified: int
    moved_to: Site | None


async def add(
    db: Database,
    name: str,
    *,
    timezone: str,
    address: str = "",
    notes: str = "",
    platform: str | None = None,
    channel_id: str | None = None,
    actor: int | None,
    now: datetime,
) -> Site:
    name = site_rules.check_name(name)
    zone(timezone)

    def work(tx: SyncTransaction) -> Site:
        site_rules.check_name_free(name, rows.site_named(tx, name))
        site_id = tx.insert(
            "INSERT INTO sites (name, address, timezone, notes, platform, channel_id, created_at, created_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (name, address, timezone, notes, platform, channel_id, iso(now), actor),
        )
        audit.record_in(tx, actor, "picket.site.add", f"site:{site_id}", f"{name} ({timezone})")
        site = rows.get_site(tx, site_id)
        assert site is not None
        return site

    return await db.run_sync(work)


async def get(db: Database, site_id: int) -> Site | None:
    return await db.run_sync(lambda tx: rows.get_site(tx, site_id), write=False)


async def find(db: Database, name_or_id: str) -> Site:
    """A site by name (any case) or by number (``3`` or ``#3``); PicketNotFound otherwise."""
    text = name_or_id.strip()
    digits = text.removeprefix("#")

    def work(tx: SyncTransaction) -> Site | None:
        if digits.isdigit() and len(digits) < 12:
            return rows.get_site(tx, int(digits))
        return rows.site_named(tx, text)

    found = await db.run_sync(work, write=False)
    if found is None:
        raise PicketNotFound(Code.NO_SITE_NAMED, name=text)
    return found


async def all_sites(db: Database, *, include_closed: bool = False) -> list[Site]:
    where = "" if include_closed else " WHERE closed_at IS NULL"
    return [rows.site_from_row(row) for row in await db.fetchall(f"SELECT * FROM sites{where} ORDER BY name")]


async def close(
    db: Database,
    site_id: int,
    reason: str,
    *,
    cancel_reason: str,
    actor: int | None,
    now: datetime,
    notices: Notices,
    move_to: int | None = None,
) -> Closure:
    """Close a site: its shifts not yet started are cancelled, or moved to `move_to`.

    A cancelled shift records `cancel_reason` (the command layer words it,
    naming the site). Everyone signed up to an affected shift gets a notice,
    written in the same transaction as the change.
    """

    def work(tx: SyncTransaction) -> Closure:
        target = None if move_to is None else rows.get_site(tx, move_to)
        site_rules.check_close(site_id, rows.get_site(tx, site_id), move_to, target)
        rows.close_site(tx, site_id, reason, now)
        audit.record_in(
            tx, actor, "picket.site.close", f"site:{site_id}",
            reason + (f" (shifts move to site {move_to})" if move_to is not None else ""),
        )  # fmt: skip
        ids = [
            int(row["id"])
            for row in tx.fetchall(
                "SELECT id FROM shifts WHERE site_id = ? AND cancelled_at IS NULL AND starts_at > ?"
                " ORDER BY starts_at",
                (site_id, iso(now)),
            )
        ]
        affected = rows.load_shifts(tx, ids)
        notified = 0
        for shift_id in ids:
            shift = affected[shift_id]
            if target is not None:
                notified += len(_move_in(tx, shift, target, reason, actor=actor, notices=notices).on_it)
            else:
                done = cancel_in(
                    tx, shift, cancel_reason, actor=actor, now=now, notices=notices, by_site_closure=True
                )
                notified += len(done.on_it)
        closed = rows.get_site(tx, site_id)
        assert closed is not None
        count = len(ids)
        moved_to = None if target is None else rows.get_site(tx, target.id)
        return Closure(closed, 0 if target else count, count if target else 0, notified, moved_to)

    return await db.run_sync(work)


def _move_in(
    tx: SyncTransaction, shift: Shift, to: Site, reason: str, *, actor: int | None, notices: Notices
) -> ShiftMoved:
    """Move a shift to another site at the same instants; everyone on it is told."""
    after = shift_rules.moved(shift, to)
    rows.move_shift(tx, after)
    audit.record_in(
        tx, actor, "picket.shift.move", f"shift:{shift.id}", f"site {shift.site_id} -> {to.id}: {reason}"
    )
    done = ShiftMoved(shift, after, reason, rows.on_shifts(tx, [shift.id]).get(shift.id, ()))
    outcomes: list[Outcome] = [done]
    rows.tell(tx, notices, outcomes)
    return done
