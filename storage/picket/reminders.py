"""Shift reminders due, derived from shifts and sign-ups; `reminders_sent` remembers each one.

A reminder (shift, member, offset) falls due `offset` minutes before the
shift starts and stays due until the shift starts. Only confirmed sign-ups on
shifts that are not cancelled, at sites that are not closed, get reminders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.database import Database, from_iso, iso
from storage.sync_tx import Row, SyncTransaction


@dataclass(frozen=True)
class DueReminder:
    shift_id: int
    member_id: int
    offset_minutes: int
    platform: str
    platform_user_id: str
    site_name: str
    address: str
    timezone: str
    #: The site's announcement channel, when it is on the member's platform.
    fallback_channel_id: str | None
    starts_at: datetime
    ends_at: datetime
    #: The smallest offset already handled for this shift and member, if any.
    least_recorded_offset: int | None
    #: "picket", or the duty's name.
    kind: str = "picket"
    #: What the member reads, as stored (`storage.members.spoken_in`): the reminder is written in it.
    language: str | None = None


# CROSS JOIN keeps shifts the outer loop, so a time range on starts_at walks the
# start-time index instead of every sign-up ever made.
_LIVE_CONFIRMED = """
FROM shifts s
CROSS JOIN signups g
JOIN sites t ON t.id = s.site_id
JOIN members m ON m.id = g.member_id
WHERE g.shift_id = s.id AND g.status = 'confirmed' AND s.cancelled_at IS NULL AND t.closed_at IS NULL AND m.forgotten_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM reminders_sent r
                  WHERE r.shift_id = s.id AND r.member_id = g.member_id AND r.offset_minutes = :offset)
"""

_DUE_SQL = f"""
SELECT s.id AS shift_id, g.member_id, m.platform, m.platform_user_id, t.name AS site_name, t.address,
       t.timezone, CASE WHEN t.platform = m.platform THEN t.channel_id END AS fallback_channel_id,
       s.starts_at, s.ends_at, s.kind, COALESCE(NULLIF(m.language, ''), NULLIF(m.locale, '')) AS language,
       (SELECT min(r.offset_minutes) FROM reminders_sent r
        WHERE r.shift_id = s.id AND r.member_id = g.member_id) AS least_recorded
{_LIVE_CONFIRMED}
  AND s.starts_at > :now AND s.starts_at <= :due_until
ORDER BY s.starts_at, s.id, g.member_id
"""


def _due(row: Row, offset: int) -> DueReminder:
    least = row["least_recorded"]
    return DueReminder(
        shift_id=int(row["shift_id"]),
        member_id=int(row["member_id"]),
        offset_minutes=offset,
        platform=str(row["platform"]),
        platform_user_id=str(row["platform_user_id"]),
        site_name=str(row["site_name"]),
        address=str(row["address"]),
        timezone=str(row["timezone"]),
        fallback_channel_id=row["fallback_channel_id"],
        starts_at=from_iso(row["starts_at"]),
        ends_at=from_iso(row["ends_at"]),
        least_recorded_offset=None if least is None else int(least),
        kind=str(row["kind"]),
        language=row["language"],
    )


def due(tx: SyncTransaction, now: datetime, offsets: tuple[int, ...]) -> list[DueReminder]:
    """Reminders due at `now` and not yet recorded, for every offset."""
    found: list[DueReminder] = []
    for offset in sorted(set(offsets)):
        params = {"offset": offset, "now": iso(now), "due_until": iso(now + timedelta(minutes=offset))}
        found += [_due(row, offset) for row in tx.fetchall(_DUE_SQL, params)]
    return found


def record(tx: SyncTransaction, shift_id: int, member_id: int, offset: int, now: datetime) -> bool:
    """Remember a reminder as handled; False if it already was (so it is not queued twice)."""
    cursor = tx.execute(
        "INSERT INTO reminders_sent (shift_id, member_id, offset_minutes, queued_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        (shift_id, member_id, offset, iso(now)),
    )
    return cursor.rowcount == 1


async def next_due_at(db: Database, now: datetime, offsets: tuple[int, ...]) -> datetime | None:
    """When the next reminder not yet due now falls due, or None if none is pending."""
    soonest: datetime | None = None
    for offset in sorted(set(offsets)):
        value = await db.fetchval(
            # ORDER BY ... LIMIT 1 walks the start-time index and stops at the first match.
            f"SELECT s.starts_at {_LIVE_CONFIRMED} AND s.starts_at > :after ORDER BY s.starts_at LIMIT 1",
            {"offset": offset, "after": iso(now + timedelta(minutes=offset))},
        )
        if value is not None:
            at = from_iso(value) - timedelta(minutes=offset)
            soonest = at if soonest is None else min(soonest, at)
    return soonest
