"""Shifts as calendars and spreadsheets see them: site, place, times and fill."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.database import Database, from_iso, iso
from storage.sync_tx import Row


@dataclass(frozen=True)
class CalendarShift:
    id: int
    site_name: str
    address: str
    timezone: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    captains_needed: int
    notes: str
    confirmed: int
    waitlisted: int
    cancelled: bool = False
    cancel_reason: str = ""


_FROM = """
SELECT s.id, t.name AS site_name, t.address, t.timezone, s.starts_at, s.ends_at, s.capacity,
       s.captains_needed, s.notes, s.cancelled_at, s.cancel_reason,
       (SELECT count(*) FROM signups g WHERE g.shift_id = s.id AND g.status = 'confirmed') AS confirmed,
       (SELECT count(*) FROM signups g WHERE g.shift_id = s.id AND g.status = 'waitlisted') AS waitlisted
FROM shifts s JOIN sites t ON t.id = s.site_id
"""
_SELECT = _FROM + " WHERE s.cancelled_at IS NULL"


def _shift(row: Row) -> CalendarShift:
    return CalendarShift(
        id=int(row["id"]),
        site_name=str(row["site_name"]),
        address=str(row["address"]),
        timezone=str(row["timezone"]),
        starts_at=from_iso(row["starts_at"]),
        ends_at=from_iso(row["ends_at"]),
        capacity=int(row["capacity"]),
        captains_needed=int(row["captains_needed"]),
        notes=str(row["notes"]),
        confirmed=int(row["confirmed"]),
        waitlisted=int(row["waitlisted"]),
        cancelled=row["cancelled_at"] is not None,
        cancel_reason=str(row["cancel_reason"] or ""),
    )


async def site_name(db: Database, name: str) -> str | None:
    """The site's name as stored, matched case-insensitively, or None."""
    value = await db.fetchval("SELECT name FROM sites WHERE name = ? COLLATE NOCASE", (name.strip(),))
    return None if value is None else str(value)


async def shifts_between(
    db: Database, start: datetime | None = None, end: datetime | None = None, *, site: str | None = None
) -> list[CalendarShift]:
    """Shifts not cancelled that start in [start, end), optionally at one site, by start."""
    sql = _SELECT
    params: list[object] = []
    if start is not None:
        sql += " AND s.starts_at >= ?"
        params.append(iso(start))
    if end is not None:
        sql += " AND s.starts_at < ?"
        params.append(iso(end))
    if site is not None:
        sql += " AND t.name = ? COLLATE NOCASE"
        params.append(site.strip())
    rows = await db.fetchall(sql + " ORDER BY s.starts_at, s.id", params)
    return [_shift(row) for row in rows]


async def member_shifts(db: Database, member_id: int, after: datetime) -> list[CalendarShift]:
    """The member's confirmed shifts that have not ended by `after`."""
    rows = await db.fetchall(
        _SELECT + " AND s.ends_at > ? AND s.id IN "
        "(SELECT shift_id FROM signups WHERE member_id = ? AND status = 'confirmed')"
        " ORDER BY s.starts_at, s.id",
        (iso(after), member_id),
    )
    return [_shift(row) for row in rows]


async def member_feed(db: Database, member_id: int, since: datetime) -> list[CalendarShift]:
    """A member's calendar feed: shifts they are confirmed on that end after `since`, cancelled
    ones included (a calendar then shows them as cancelled rather than silently dropping them)."""
    rows = await db.fetchall(
        _FROM + " WHERE s.ends_at > ? AND s.id IN"
        " (SELECT shift_id FROM signups WHERE member_id = ? AND status = 'confirmed')"
        " ORDER BY s.starts_at, s.id",
        (iso(since), member_id),
    )
    return [_shift(row) for row in rows]


async def site_feed(db: Database, site_id: int, since: datetime) -> list[CalendarShift]:
    """A site's calendar feed: its shifts that end after `since`, cancelled ones included."""
    rows = await db.fetchall(
        _FROM + " WHERE s.ends_at > ? AND s.site_id = ? ORDER BY s.starts_at, s.id", (iso(since), site_id)
    )
    return [_shift(row) for row in rows]
