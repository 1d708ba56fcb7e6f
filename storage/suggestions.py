"""Short lists for completing what a member is typing: shifts, sites, fact keys, companies.

Platforms call these while a member types (Discord autocomplete), so each is
one small indexed query with a limit. ``typed`` narrows the list; an empty
string lists the first ones.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from storage.database import Database, iso

DEFAULT_LIMIT = 25


@dataclass(frozen=True)
class ShiftChoice:
    id: int
    site_name: str
    local_date: str
    local_start: str
    local_end: str


def _like(typed: str) -> str:
    """A LIKE pattern for "contains `typed`", with LIKE's own wildcards taken literally."""
    escaped = typed.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


async def upcoming_shifts(
    db: Database, now: datetime, typed: str, limit: int = DEFAULT_LIMIT
) -> list[ShiftChoice]:
    """Shifts not yet over and not cancelled whose number or site matches, soonest first."""
    typed = typed.strip().lstrip("#")
    rows = await db.fetchall(
        "SELECT sh.id, si.name, sh.local_date, sh.local_start, sh.local_end"
        " FROM shifts sh JOIN sites si ON si.id = sh.site_id"
        " WHERE sh.cancelled_at IS NULL AND sh.ends_at > ?"
        " AND (CAST(sh.id AS TEXT) LIKE ? OR si.name LIKE ? ESCAPE '\\')"
        " ORDER BY sh.starts_at, sh.id LIMIT ?",
        (iso(now), typed + "%" if typed.isdigit() else "", _like(typed), limit),
    )
    return [ShiftChoice(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows]


async def open_sites(db: Database, typed: str, limit: int = DEFAULT_LIMIT) -> list[str]:
    rows = await db.fetchall(
        "SELECT name FROM sites WHERE closed_at IS NULL AND name LIKE ? ESCAPE '\\' ORDER BY name LIMIT ?",
        (_like(typed), limit),
    )
    return [str(r[0]) for r in rows]


async def fact_keys(db: Database, typed: str, limit: int = DEFAULT_LIMIT) -> list[str]:
    rows = await db.fetchall(
        "SELECT key FROM facts WHERE superseded_at IS NULL AND removed = 0 AND key LIKE ? ESCAPE '\\'"
        " ORDER BY key LIMIT ?",
        (_like(typed), limit),
    )
    return [str(r[0]) for r in rows]


async def fact_topics(db: Database, typed: str, limit: int = DEFAULT_LIMIT) -> list[str]:
    rows = await db.fetchall(
        "SELECT DISTINCT topic FROM facts WHERE superseded_at IS NULL AND removed = 0"
        " AND topic LIKE ? ESCAPE '\\' ORDER BY topic LIMIT ?",
        (_like(typed), limit),
    )
    return [str(r[0]) for r in rows]


async def companies(db: Database, typed: str, limit: int = DEFAULT_LIMIT) -> list[str]:
    """Companies watched or seen on job boards; empty while the job tables do not exist yet."""
    try:
        rows = await db.fetchall(
            "SELECT company FROM job_sources WHERE company LIKE ? ESCAPE '\\'"
            " UNION SELECT company FROM job_listings WHERE company LIKE ? ESCAPE '\\'"
            " ORDER BY 1 LIMIT ?",
            (_like(typed), _like(typed), limit),
        )
    except sqlite3.OperationalError:  # no such table (or column) in this schema version
        return []
    return [str(r[0]) for r in rows]
