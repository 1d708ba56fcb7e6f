"""Picket records written with plain SQL, so these tests need only the committed schema."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from storage import members
from storage.database import Database, iso

LA = ZoneInfo("America/Los_Angeles")
CREATED = datetime(2026, 10, 1, tzinfo=ZoneInfo("UTC"))


async def add_site(
    db: Database,
    name: str,
    *,
    tz: str = "America/Los_Angeles",
    address: str = "",
    platform: str | None = None,
    channel_id: str | None = None,
) -> int:
    async with db.transaction() as tx:
        return await tx.insert(
            "INSERT INTO sites (name, address, timezone, platform, channel_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (name, address, tz, platform, channel_id, iso(CREATED)),
        )


async def add_shift(
    db: Database, site_id: int, start: datetime, *, hours: float = 3, capacity: int = 10, notes: str = ""
) -> int:
    """`start` is aware (usually in the site's zone); the shift lasts `hours` of real time."""
    # Arithmetic in UTC: adding to a local time would add wall-clock hours across a DST change.
    start = start.astimezone(ZoneInfo("UTC"))
    end = start + timedelta(hours=hours)
    local_start, local_end = start.astimezone(LA), end.astimezone(LA)
    async with db.transaction() as tx:
        return await tx.insert(
            "INSERT INTO shifts (site_id, starts_at, ends_at, local_date, local_start, local_end, capacity,"
            " notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                site_id, iso(start), iso(end), local_start.date().isoformat(), f"{local_start:%H:%M}",
                f"{local_end:%H:%M}", capacity, notes, iso(CREATED),
            ),
        )  # fmt: skip


async def add_member(db: Database, name: str, *, platform: str = "console") -> int:
    """User ids follow the console's rule: the lower-cased name."""
    return await members.ensure(db, platform, name.lower(), name)


async def sign_up(
    db: Database, shift_id: int, member_id: int, *, status: str = "confirmed", role: str = "member"
) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO signups (shift_id, member_id, role, status, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (shift_id, member_id, role, status, iso(CREATED), iso(CREATED)),
        )


async def check_in(db: Database, shift_id: int, member_id: int, status: str = "present") -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO checkins (shift_id, member_id, status, checked_in_at) VALUES (?, ?, ?, ?)",
            (shift_id, member_id, status, iso(CREATED)),
        )


async def attend(db: Database, site_id: int, start: datetime, member_id: int, *, hours: float = 3) -> int:
    """A shift the member signed up for and was checked in to as present."""
    shift_id = await add_shift(db, site_id, start, hours=hours)
    await sign_up(db, shift_id, member_id)
    await check_in(db, shift_id, member_id)
    return shift_id


async def execute(db: Database, sql: str, params: tuple[object, ...] = ()) -> None:
    async with db.transaction() as tx:
        await tx.execute(sql, params)
