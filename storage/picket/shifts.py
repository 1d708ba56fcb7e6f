"""Picket shifts: when and where, how many places, and filling them from the waitlist.

A shift's instants are stored in UTC; ``local_date``, ``local_start`` and
``local_end`` keep the wall-clock definition in the site's zone, so a series
defined as "09:00–12:00 on weekdays" reads the same on both sides of a
daylight-saving change.

Places: ``capacity`` counts everyone confirmed, captains included, and
``captains_needed`` of those places are held for captains until enough
captains have signed up. A member takes a place only when one is open after
that hold; a captain takes any open place.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from commands.reply import Button
from storage import audit
from storage.database import Database, Transaction, from_iso, iso
from storage.picket.common import PicketError, PicketNotFound, Reader, Recipient, local_span, notify
from storage.sync_tx import SyncTransaction, in_chunks

SignupRole = Literal["member", "captain"]
MAX_CAPACITY = 10_000
#: The longest a single shift may run.
MAX_SHIFT_HOURS = 24
#: The most shifts one /picket shift add may create.
MAX_SERIES = 400

_SELECT = """
SELECT sh.*, s.name AS site_name, s.timezone AS timezone, s.platform AS site_platform,
       s.channel_id AS site_channel_id, s.closed_at AS site_closed_at,
       (SELECT count(*) FROM signups g WHERE g.shift_id = sh.id AND g.status = 'confirmed') AS n_confirmed,
       (SELECT count(*) FROM signups g
         WHERE g.shift_id = sh.id AND g.status = 'confirmed' AND g.role = 'captain') AS n_captains,
       (SELECT count(*) FROM signups g WHERE g.shift_id = sh.id AND g.status = 'waitlisted') AS n_waiting
FROM shifts sh JOIN sites s ON s.id = sh.site_id
"""


@dataclass(frozen=True)
class Shift:
    id: int
    site_id: int
    site_name: str
    timezone: str
    starts_at: datetime
    ends_at: datetime
    local_date: str
    local_start: str
    local_end: str
    capacity: int
    captains_needed: int
    notes: str
    series_id: int | None
    cancelled_at: str | None
    cancel_reason: str | None
    site_closed: bool
    site_platform: str | None
    site_channel_id: str | None
    #: Confirmed sign-ups, captains included.
    confirmed: int
    #: Confirmed captains.
    captains: int
    waitlisted: int

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    # Computed once per instance and kept in its dict (a frozen dataclass without slots
    # allows that). `with_counts` copies carry them along: they do not depend on counts.
    @functools.cached_property
    def span(self) -> str:
        """Start and end in the site's local time."""
        return local_span(self.starts_at, self.ends_at, self.timezone)

    @functools.cached_property
    def label(self) -> str:
        return f"#{self.id} {self.site_name}, {self.span}"

    @property
    def captains_short(self) -> int:
        return max(0, self.captains_needed - self.captains)

    @property
    def member_places_open(self) -> int:
        """Places a member may take: open places less those still held for captains."""
        return self.capacity - self.confirmed - self.captains_short

    def has_place_for(self, role: SignupRole) -> bool:
        if role == "captain":
            return self.confirmed < self.capacity
        return self.member_places_open > 0

    def taken(self, role: SignupRole) -> Shift:
        """The counts after one more confirmed sign-up in `role`."""
        return self.with_counts(confirmed=self.confirmed + 1, captains=self.captains + (role == "captain"))

    def with_counts(self, **counts: int) -> Shift:
        """A copy with new `confirmed`, `captains` or `waitlisted` counts.

        A sign-up storm makes one of these per sign-up, on the database thread;
        copying the instance dict is several times cheaper than
        `dataclasses.replace`, which re-runs the 21-field frozen __init__.
        """
        if not counts.keys() <= _COUNTS:
            raise TypeError(f"not a count: {sorted(counts.keys() - _COUNTS)}")
        copy = object.__new__(Shift)
        fields = copy.__dict__
        fields.update(self.__dict__)
        fields.update(counts)
        return copy


_COUNTS = frozenset({"confirmed", "captains", "waitlisted"})


def _shift(row: sqlite3.Row) -> Shift:
    return Shift(
        id=int(row["id"]),
        site_id=int(row["site_id"]),
        site_name=str(row["site_name"]),
        timezone=str(row["timezone"]),
        starts_at=from_iso(row["starts_at"]),
        ends_at=from_iso(row["ends_at"]),
        local_date=str(row["local_date"]),
        local_start=str(row["local_start"]),
        local_end=str(row["local_end"]),
        capacity=int(row["capacity"]),
        captains_needed=int(row["captains_needed"]),
        notes=str(row["notes"]),
        series_id=None if row["series_id"] is None else int(row["series_id"]),
        cancelled_at=row["cancelled_at"],
        cancel_reason=row["cancel_reason"],
        site_closed=row["site_closed_at"] is not None,
        site_platform=row["site_platform"],
        site_channel_id=row["site_channel_id"],
        confirmed=int(row["n_confirmed"]),
        captains=int(row["n_captains"]),
        waitlisted=int(row["n_waiting"]),
    )


@dataclass(frozen=True)
class NewShift:
    """One shift to create: its instants and the wall-clock definition they came from."""

    starts_at: datetime
    ends_at: datetime
    local_date: date
    local_start: time
    local_end: time


@dataclass(frozen=True)
class Promotion:
    """A waitlisted sign-up that got a place (and was sent a notice)."""

    signup_id: int
    member_id: int
    display_name: str
    role: SignupRole


# --------------------------------------------------------------------------- reading


async def get(db: Reader, shift_id: int) -> Shift | None:
    row = await db.fetchone(_SELECT + " WHERE sh.id = ?", (shift_id,))
    return None if row is None else _shift(row)


async def require(db: Reader, shift_id: int) -> Shift:
    found = await get(db, shift_id)
    if found is None:
        raise no_shift(shift_id)
    return found


def require_sync(tx: SyncTransaction, shift_id: int) -> Shift:
    """`require` for code on the database thread (`Database.run_sync` and friends)."""
    row = tx.fetchone(_SELECT + " WHERE sh.id = ?", (shift_id,))
    if row is None:
        raise no_shift(shift_id)
    return _shift(row)


def load_many_sync(tx: SyncTransaction, shift_ids: set[int]) -> dict[int, Shift]:
    """The shifts that exist among `shift_ids`, by id, with their counts (on the database thread)."""
    found: dict[int, Shift] = {}
    for marks, chunk in in_chunks(sorted(shift_ids)):
        rows = tx.fetchall(_SELECT + f" WHERE sh.id IN ({marks})", chunk)
        found.update((int(row["id"]), _shift(row)) for row in rows)
    return found


def no_shift(shift_id: int) -> PicketNotFound:
    return PicketNotFound(f"there is no shift #{shift_id} (see /picket shifts)")


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
    rows = await db.fetchall(
        _SELECT + " WHERE " + " AND ".join(where) + " ORDER BY sh.starts_at, sh.id LIMIT ?",
        (*params, limit),
    )
    return [_shift(row) for row in rows]


async def upcoming_counts(db: Database, now: datetime) -> dict[int, int]:
    """How many shifts not yet over each site has, by site id."""
    rows = await db.fetchall(
        "SELECT site_id, count(*) AS n FROM shifts WHERE cancelled_at IS NULL AND ends_at > ? GROUP BY site_id",
        (iso(now),),
    )
    return {int(row["site_id"]): int(row["n"]) for row in rows}


async def live_recipients(tx: Reader, shift_id: int) -> list[tuple[int, Recipient, str]]:
    """(sign-up id, member, status) for everyone confirmed or waiting, in sign-up order."""
    rows = await tx.fetchall(
        "SELECT g.id, g.status, m.id AS member_id, m.platform, m.platform_user_id FROM signups g "
        "JOIN members m ON m.id = g.member_id "
        "WHERE g.shift_id = ? AND g.status != 'cancelled' AND m.forgotten_at IS NULL ORDER BY g.id",
        (shift_id,),
    )
    return [
        (int(r["id"]), Recipient(int(r["member_id"]), r["platform"], r["platform_user_id"]), r["status"])
        for r in rows
    ]


# --------------------------------------------------------------------------- changing


def check_places(capacity: int, captains: int) -> None:
    if not 1 <= capacity <= MAX_CAPACITY:
        raise PicketError(f"capacity must be between 1 and {MAX_CAPACITY:,}")
    if not 0 <= captains <= capacity:
        raise PicketError(f"captains must be between 0 and the capacity ({capacity})")


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
) -> list[Shift]:
    """Create one shift or a series (sharing a series id), all in one transaction."""
    check_places(capacity, captains)
    if not new:
        raise PicketError("no shifts to add")
    if len(new) > MAX_SERIES:
        raise PicketError(f"that would add {len(new)} shifts; at most {MAX_SERIES} at once")
    for item in new:
        # Compare in UTC: two times in one zone compare and subtract as wall-clock times.
        start, end = item.starts_at.astimezone(UTC), item.ends_at.astimezone(UTC)
        if end <= start:
            raise PicketError("the end must be after the start")
        if end - start > timedelta(hours=MAX_SHIFT_HOURS):
            raise PicketError(f"a shift can last at most {MAX_SHIFT_HOURS} hours")
        if start <= now:
            raise PicketError(f"{item.local_date} {item.local_start:%H:%M} is in the past")
    async with db.transaction() as tx:
        site = await tx.fetchone("SELECT name, closed_at FROM sites WHERE id = ?", (site_id,))
        if site is None:
            raise PicketNotFound(f"there is no site #{site_id}")
        if site["closed_at"] is not None:
            raise PicketError(f"site {site['name']} is closed")
        ids: list[int] = []
        for item in new:
            shift_id = await tx.insert(
                "INSERT INTO shifts (site_id, starts_at, ends_at, local_date, local_start, local_end,"
                " capacity, captains_needed, notes, series_id, created_at, created_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    site_id, iso(item.starts_at), iso(item.ends_at), item.local_date.isoformat(),
                    f"{item.local_start:%H:%M}", f"{item.local_end:%H:%M}", capacity, captains, notes,
                    ids[0] if ids else None, iso(now), actor,
                ),
            )  # fmt: skip
            ids.append(shift_id)
            await audit.record(
                tx, actor, "picket.shift.add", f"shift:{shift_id}",
                f"site {site_id} {iso(item.starts_at)}..{iso(item.ends_at)} capacity {capacity} captains {captains}",
            )  # fmt: skip
        if len(ids) > 1:
            await tx.execute("UPDATE shifts SET series_id = ? WHERE id = ?", (ids[0], ids[0]))
        created = [await require(tx, shift_id) for shift_id in ids]
    db.schedule_changed.set()
    return created


async def cancel(
    db: Database, shift_id: int, reason: str, *, actor: int | None, now: datetime
) -> tuple[Shift, int]:
    """Cancel a shift and tell everyone on it; returns the shift and how many were told."""
    async with db.transaction() as tx:
        shift = await require(tx, shift_id)
        if shift.cancelled:
            raise PicketError(f"shift #{shift_id} is already cancelled")
        if shift.ends_at <= now:
            raise PicketError(f"shift #{shift_id} is already over")
        told = await cancel_in(tx, shift, reason, actor=actor, now=now, kind="shift-cancelled")
    db.schedule_changed.set()
    return shift, told


async def cancel_in(
    tx: Transaction, shift: Shift, reason: str, *, actor: int | None, now: datetime, kind: str
) -> int:
    await tx.execute(
        "UPDATE shifts SET cancelled_at = ?, cancel_reason = ? WHERE id = ?", (iso(now), reason, shift.id)
    )
    await audit.record(tx, actor, "picket.shift.cancel", f"shift:{shift.id}", reason)
    why = f" Reason: {reason}" if reason else ""
    recipients = await live_recipients(tx, shift.id)
    for signup_id, to, _status in recipients:
        await notify(
            tx, to, kind=kind, title="Shift cancelled",
            body=f"Shift {shift.label} is cancelled; you don't need to come.{why}",
            dedupe_key=f"shift-cancelled:{shift.id}:{signup_id}",
            site_platform=shift.site_platform, site_channel_id=shift.site_channel_id,
        )  # fmt: skip
    return len(recipients)


async def move_in(
    tx: Transaction,
    shift: Shift,
    to_site: sqlite3.Row,
    reason: str,
    *,
    actor: int | None,
    now: datetime,
) -> int:
    """Move a shift to another site at the same instants; everyone on it is told."""
    tz = ZoneInfo(str(to_site["timezone"]))
    start, end = shift.starts_at.astimezone(tz), shift.ends_at.astimezone(tz)
    await tx.execute(
        "UPDATE shifts SET site_id = ?, local_date = ?, local_start = ?, local_end = ? WHERE id = ?",
        (int(to_site["id"]), start.date().isoformat(), f"{start:%H:%M}", f"{end:%H:%M}", shift.id),
    )
    await audit.record(
        tx,
        actor,
        "picket.shift.move",
        f"shift:{shift.id}",
        f"site {shift.site_id} -> {to_site['id']}: {reason}",
    )
    moved = await require(tx, shift.id)
    why = f" Reason: {reason}" if reason else ""
    recipients = await live_recipients(tx, shift.id)
    for signup_id, to, _status in recipients:
        await notify(
            tx, to, kind="shift-moved", title="Shift moved",
            body=f"Site {shift.site_name} is closed, so shift #{shift.id} moves to {moved.site_name}"
            f" at the same time: {moved.span}. You're still on it.{why}",
            dedupe_key=f"shift-moved:{shift.id}:{shift.site_id}:{to_site['id']}:{signup_id}",
            site_platform=to_site["platform"], site_channel_id=to_site["channel_id"],
            buttons=(Button("Cancel", f"picket cancel {shift.id}", "danger"),),
        )  # fmt: skip
    return len(recipients)


async def edit(
    db: Database,
    shift_id: int,
    *,
    actor: int | None,
    now: datetime,
    capacity: int | None = None,
    captains: int | None = None,
    notes: str | None = None,
) -> tuple[Shift, list[Promotion]]:
    """Change a shift's places or notes; freed places are filled from the waitlist."""
    async with db.transaction() as tx:
        shift = await require(tx, shift_id)
        if shift.cancelled:
            raise PicketError(f"shift #{shift_id} is cancelled")
        if shift.ends_at <= now:
            raise PicketError(f"shift #{shift_id} is already over")
        new_capacity = shift.capacity if capacity is None else capacity
        new_captains = shift.captains_needed if captains is None else captains
        check_places(new_capacity, new_captains)
        if new_capacity < shift.confirmed:
            raise PicketError(
                f"shift #{shift_id} has {shift.confirmed} confirmed, so its capacity can't go below "
                f"{shift.confirmed} (ask people to cancel first, or cancel the shift)"
            )
        await tx.execute(
            "UPDATE shifts SET capacity = ?, captains_needed = ?, notes = ? WHERE id = ?",
            (new_capacity, new_captains, shift.notes if notes is None else notes, shift_id),
        )
        changes = []
        if new_capacity != shift.capacity:
            changes.append(f"capacity {shift.capacity} -> {new_capacity}")
        if new_captains != shift.captains_needed:
            changes.append(f"captains {shift.captains_needed} -> {new_captains}")
        if notes is not None:
            changes.append("notes")
        await audit.record(tx, actor, "picket.shift.edit", f"shift:{shift_id}", ", ".join(changes))
        promoted = await promote_waiting(tx, shift_id, now)
        edited = await require(tx, shift_id)
    db.schedule_changed.set()
    return edited, promoted


async def promote_waiting(tx: Transaction, shift_id: int, now: datetime) -> list[Promotion]:
    """Give open places to the waitlist, first come first served, and tell each one promoted.

    A place still held for captains goes to the first captain waiting, so a
    member ahead of them keeps their position for the next member place.
    """
    shift = await require(tx, shift_id)
    if shift.cancelled or shift.site_closed or shift.starts_at <= now:
        return []
    waiting = await tx.fetchall(
        "SELECT g.id, g.role, m.id AS member_id, m.display_name, m.platform, m.platform_user_id "
        "FROM signups g JOIN members m ON m.id = g.member_id "
        "WHERE g.shift_id = ? AND g.status = 'waitlisted' ORDER BY g.id",
        (shift_id,),
    )
    promoted: list[Promotion] = []
    for row in waiting:
        role: SignupRole = row["role"]
        if not shift.has_place_for(role):
            if shift.confirmed >= shift.capacity:
                break
            continue
        await tx.execute(
            "UPDATE signups SET status = 'confirmed', updated_at = ? WHERE id = ?", (iso(now), row["id"])
        )
        shift = shift.taken(role)
        to = Recipient(int(row["member_id"]), row["platform"], row["platform_user_id"])
        as_captain = " as captain" if role == "captain" else ""
        await notify(
            tx, to, kind="waitlist-promotion", title="You're off the waitlist",
            body=f"A place opened on shift {shift.label}: you're confirmed{as_captain}. "
            f"Can't make it? /picket cancel {shift.id}",
            dedupe_key=f"promote:{row['id']}",
            site_platform=shift.site_platform, site_channel_id=shift.site_channel_id,
            buttons=(Button("Cancel", f"picket cancel {shift.id}", "danger"),),
        )  # fmt: skip
        promoted.append(Promotion(int(row["id"]), int(row["member_id"]), str(row["display_name"]), role))
    return promoted
