"""Loading the history a turn-out forecast learns from (`turnout_rules`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from storage.database import Database, iso
from storage.picket.turnout_rules import LOOKBACK, PastShift

#: Ended, not cancelled shifts at one site on one local weekday, newest first, with how many
#: were confirmed and how many came (present or walk-in).
_HISTORY = """
SELECT (SELECT count(*) FROM signups g WHERE g.shift_id = sh.id AND g.status = 'confirmed') AS confirmed,
       (SELECT count(*) FROM checkins c WHERE c.shift_id = sh.id
         AND c.status IN ('present', 'walk-in')) AS came
FROM shifts sh
WHERE sh.site_id = ? AND sh.cancelled_at IS NULL AND sh.ends_at <= ?
  AND strftime('%w', sh.local_date) = ?
ORDER BY sh.starts_at DESC LIMIT ?
"""

Key = tuple[int, int]  # (site id, weekday with Monday 0)


async def history(db: Database, keys: Iterable[Key], now: datetime) -> dict[Key, list[PastShift]]:
    """Past shifts for each (site, weekday), newest first, up to `LOOKBACK` each."""
    found: dict[Key, list[PastShift]] = {}
    for site_id, weekday in sorted(set(keys)):
        sqlite_weekday = str((weekday + 1) % 7)  # SQLite's %w counts from Sunday
        rows = await db.fetchall(_HISTORY, (site_id, iso(now), sqlite_weekday, LOOKBACK))
        found[(site_id, weekday)] = [PastShift(int(r["confirmed"]), int(r["came"])) for r in rows]
    return found


def weekday_of(local_date: str) -> int:
    return date.fromisoformat(local_date).weekday()
