"""Picket sites: a name, an address, an IANA time zone and the channel they were announced in."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from storage import audit
from storage.database import Database, iso
from storage.picket import shifts
from storage.picket.common import PicketError, PicketNotFound, Reader, zone

MAX_NAME = 100


@dataclass(frozen=True)
class Site:
    id: int
    name: str
    address: str
    timezone: str
    notes: str
    platform: str | None
    channel_id: str | None
    created_at: str
    closed_at: str | None
    closed_reason: str | None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


@dataclass(frozen=True)
class Closure:
    site: Site
    cancelled: int
    moved: int
    #: Sign-ups told about a cancellation or a move.
    notified: int
    moved_to: Site | None


def _site(row: sqlite3.Row) -> Site:
    return Site(
        id=int(row["id"]),
        name=str(row["name"]),
        address=str(row["address"]),
        timezone=str(row["timezone"]),
        notes=str(row["notes"]),
        platform=row["platform"],
        channel_id=row["channel_id"],
        created_at=str(row["created_at"]),
        closed_at=row["closed_at"],
        closed_reason=row["closed_reason"],
    )


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
    name = name.strip()
    if not 1 <= len(name) <= MAX_NAME:
        raise PicketError(f"a site name has 1 to {MAX_NAME} characters")
    if name.startswith("#") or name.isdigit():
        raise PicketError("a site name can't be a number (numbers name shifts)")
    zone(timezone)
    async with db.transaction() as tx:
        taken = await tx.fetchone("SELECT closed_at FROM sites WHERE name = ?", (name,))
        if taken is not None:
            state = " (closed)" if taken["closed_at"] else ""
            raise PicketError(f"there is already a site called {name}{state}")
        site_id = await tx.insert(
            "INSERT INTO sites (name, address, timezone, notes, platform, channel_id, created_at, created_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (name, address, timezone, notes, platform, channel_id, iso(now), actor),
        )
        await audit.record(tx, actor, "picket.site.add", f"site:{site_id}", f"{name} ({timezone})")
        row = await tx.fetchone("SELECT * FROM sites WHERE id = ?", (site_id,))
    assert row is not None
    return _site(row)


async def get(db: Reader, site_id: int) -> Site | None:
    row = await db.fetchone("SELECT * FROM sites WHERE id = ?", (site_id,))
    return None if row is None else _site(row)


async def find(db: Reader, name_or_id: str) -> Site:
    """A site by name (any case) or by number (``3`` or ``#3``); PicketNotFound otherwise."""
    text = name_or_id.strip()
    digits = text.removeprefix("#")
    if digits.isdigit() and len(digits) < 12:
        row = await db.fetchone("SELECT * FROM sites WHERE id = ?", (int(digits),))
    else:
        row = await db.fetchone("SELECT * FROM sites WHERE name = ?", (text,))
    if row is None:
        raise PicketNotFound(f"there is no site called {text[:60]!r} (see /picket sites)")
    return _site(row)


async def all_sites(db: Database, *, include_closed: bool = False) -> list[Site]:
    where = "" if include_closed else " WHERE closed_at IS NULL"
    rows = await db.fetchall(f"SELECT * FROM sites{where} ORDER BY name")
    return [_site(row) for row in rows]


async def close(
    db: Database,
    site_id: int,
    reason: str,
    *,
    actor: int | None,
    now: datetime,
    move_to: int | None = None,
) -> Closure:
    """Close a site: its shifts not yet started are cancelled, or moved to `move_to`.

    Everyone signed up to an affected shift gets a notice, written in the same
    transaction as the change.
    """
    async with db.transaction() as tx:
        site = await get(tx, site_id)
        if site is None:
            raise PicketNotFound(f"there is no site #{site_id}")
        if site.closed:
            raise PicketError(f"site {site.name} is already closed")
        target = None
        if move_to is not None:
            target = await tx.fetchone("SELECT * FROM sites WHERE id = ?", (move_to,))
            if target is None:
                raise PicketNotFound(f"there is no site #{move_to}")
            if int(target["id"]) == site_id:
                raise PicketError("a site's shifts can't move to the same site")
            if target["closed_at"] is not None:
                raise PicketError(f"site {target['name']} is closed too")
        await tx.execute(
            "UPDATE sites SET closed_at = ?, closed_reason = ? WHERE id = ?", (iso(now), reason, site_id)
        )
        await audit.record(
            tx, actor, "picket.site.close", f"site:{site_id}",
            reason + (f" (shifts move to site {move_to})" if move_to is not None else ""),
        )  # fmt: skip
        ids = await tx.fetchall(
            "SELECT id FROM shifts WHERE site_id = ? AND cancelled_at IS NULL AND starts_at > ? ORDER BY starts_at",
            (site_id, iso(now)),
        )
        notified = 0
        for row in ids:
            shift = await shifts.require(tx, int(row["id"]))
            if target is not None:
                notified += await shifts.move_in(tx, shift, target, reason, actor=actor, now=now)
            else:
                why = f"site {site.name} is closed" + (f": {reason}" if reason else "")
                notified += await shifts.cancel_in(tx, shift, why, actor=actor, now=now, kind="site-closure")
        closed = await get(tx, site_id)
        moved_to = None if target is None else await get(tx, int(target["id"]))
    assert closed is not None
    db.schedule_changed.set()
    count = len(ids)
    return Closure(closed, 0 if target else count, count if target else 0, notified, moved_to)
