"""Picket hours: checked-in time only, for strike-pay eligibility and exports.

A member checked in as present or walk-in is credited as the shift is worked
(`hour_rules`): nothing before it starts, the time so far while it runs, its
scheduled length once it has ended. A no-show, a sign-up without a check-in,
or a shift cancelled before it started counts nothing. A shift belongs to the
period its start falls in. Every total is a sum of per-shift hours rounded to
hundredths, so chat, eligibility and the CSV agree exactly.

A duty shift (phone bank, kitchen... see `duty_rules`) is worked the same
way, but its hours count toward eligibility only as ``[picket.duties]`` says
(whether, and at what share) and once a captain has confirmed them; it adds
hours, not shifts: the number of shifts counts picket shifts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from storage.database import Database, from_iso, iso
from storage.picket.duty_rules import PICKET, Duty, counted_hours, is_confirmed
from storage.picket.hour_rules import HUNDREDTH, credited_hours, finished
from storage.sync_tx import Row

__all__ = ["HUNDREDTH", "Attendance", "MemberInfo", "Totals", "attendance", "participants", "totals"]

#: A shift took place unless it was cancelled before it started (SQL on alias ``s``).
_HELD = "(s.cancelled_at IS NULL OR s.cancelled_at > s.starts_at)"
#: Check-in statuses that count as time on the line.
COUNTED = ("present", "walk-in")


@dataclass(frozen=True)
class MemberInfo:
    id: int
    display_name: str
    platform: str
    forgotten: bool

    @property
    def label(self) -> str:
        """How to show the member; forgotten members stay anonymous."""
        return f"member #{self.id} (forgotten)" if self.forgotten else self.display_name


@dataclass(frozen=True)
class Attendance:
    """One member's counted time on one shift, as worked by the moment it was loaded."""

    member: MemberInfo
    shift_id: int
    site_name: str
    site_timezone: str
    starts_at: datetime
    ends_at: datetime
    status: str
    #: Hours credited so far (`hour_rules.credited_hours`).
    hours: Decimal
    #: The shift has ended: it counts as a shift, its hours in full.
    finished: bool
    #: "picket", or the duty's name.
    kind: str = PICKET
    #: Of `hours`, those that count toward eligibility (a duty's: its share, once confirmed).
    counted: Decimal | None = None
    #: A duty's check-in a captain has confirmed (picket check-ins need none).
    confirmed: bool = True

    @property
    def counts(self) -> Decimal:
        return self.hours if self.counted is None else self.counted

    @property
    def is_duty(self) -> bool:
        return self.kind != PICKET


@dataclass(frozen=True)
class Totals:
    member: MemberInfo
    #: Hours that count toward eligibility, duties' counted hours included.
    hours: Decimal
    #: Picket shifts ended; those still running count their hours so far in `hours`, and here in `under_way`.
    shifts: int
    under_way: int = 0
    #: Of `hours`, those from duties.
    duty_hours: Decimal = Decimal("0.00")


def _member(row: Row) -> MemberInfo:
    return MemberInfo(
        id=int(row["member_id"]),
        display_name=str(row["display_name"]),
        platform=str(row["platform"]),
        forgotten=row["forgotten_at"] is not None,
    )


# CROSS JOIN keeps shifts the outer loop: the period walks the start-time index.
_ATTENDANCE_SQL = (
    """
SELECT c.member_id, m.display_name, m.platform, m.forgotten_at, c.shift_id, c.status, c.checked_in_at,
       c.recorded_by, c.confirmed_at, c.checked_out_at,
       s.starts_at, s.ends_at, s.kind, t.name AS site_name, t.timezone
FROM shifts s
CROSS JOIN checkins c
JOIN sites t ON t.id = s.site_id
JOIN members m ON m.id = c.member_id
WHERE c.shift_id = s.id AND c.status IN ('present', 'walk-in') AND s.starts_at >= ? AND s.starts_at < ?
  AND s.starts_at < ? AND """
    + _HELD
)


async def attendance(
    db: Database,
    start: datetime,
    end: datetime,
    *,
    now: datetime,
    member_id: int | None = None,
    duties: Sequence[Duty] = (),
) -> list[Attendance]:
    """Counted shifts starting in [start, end) and before `now`, by member then start time,
    each credited as worked by `now`; duty shifts counted as `duties` ([picket.duties]) say."""
    sql = _ATTENDANCE_SQL
    params: list[object] = [iso(start), iso(end), iso(now)]
    if member_id is not None:
        sql += " AND c.member_id = ?"
        params.append(member_id)
    sql += " ORDER BY m.display_name COLLATE NOCASE, c.member_id, s.starts_at, s.id"
    rows = await db.fetchall(sql, params)
    return [_attended(row, now, duties) for row in rows]


def _left(row: Row) -> datetime | None:
    return None if row["checked_out_at"] is None else from_iso(row["checked_out_at"])


def _attended(row: Row, now: datetime, duties: Sequence[Duty]) -> Attendance:
    starts_at, ends_at = from_iso(row["starts_at"]), from_iso(row["ends_at"])
    checked_in_at = from_iso(row["checked_in_at"])
    hours = credited_hours(starts_at, ends_at, checked_in_at, now, _left(row))
    kind = str(row["kind"])
    confirmed = kind == PICKET or is_confirmed(
        member_id=int(row["member_id"]),
        recorded_by=row["recorded_by"],
        checked_in_at=checked_in_at,
        confirmed_at=None if row["confirmed_at"] is None else from_iso(row["confirmed_at"]),
    )
    return Attendance(
        member=_member(row),
        shift_id=int(row["shift_id"]),
        site_name=str(row["site_name"]),
        site_timezone=str(row["timezone"]),
        starts_at=starts_at,
        ends_at=ends_at,
        status=str(row["status"]),
        hours=hours,
        finished=finished(ends_at, now),
        kind=kind,
        counted=counted_hours(hours, kind, duties, confirmed=confirmed),
        confirmed=confirmed,
    )


def totals(rows: Iterable[Attendance]) -> dict[int, Totals]:
    """Hours and shift counts per member id."""
    found: dict[int, Totals] = {}
    for row in rows:
        before = found.get(row.member.id, Totals(row.member, Decimal("0.00"), 0))
        picket = not row.is_duty
        found[row.member.id] = Totals(
            row.member,
            before.hours + row.counts,
            before.shifts + (picket and row.finished),
            before.under_way + (picket and not row.finished),
            before.duty_hours + (row.counts if row.is_duty else Decimal("0.00")),
        )
    return found


async def participants(db: Database, start: datetime, end: datetime) -> list[MemberInfo]:
    """Members signed up for, or checked in to, a shift starting in [start, end) that took place."""
    rows = await db.fetchall(
        f"""
        SELECT m.id AS member_id, m.display_name, m.platform, m.forgotten_at FROM members m
        WHERE m.id IN (
            SELECT g.member_id FROM signups g JOIN shifts s ON s.id = g.shift_id
            WHERE g.status != 'cancelled' AND s.starts_at >= ? AND s.starts_at < ? AND {_HELD}
            UNION
            SELECT c.member_id FROM checkins c JOIN shifts s ON s.id = c.shift_id
            WHERE s.starts_at >= ? AND s.starts_at < ? AND {_HELD}
        )
        ORDER BY m.display_name COLLATE NOCASE, m.id
        """,
        (iso(start), iso(end), iso(start), iso(end)),
    )
    return [_member(row) for row in rows]
