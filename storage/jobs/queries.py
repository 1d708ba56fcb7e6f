"""Read-only questions about job listings: latest, search, stats, per-source counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.database import Database, from_iso, iso
from storage.jobs.rows import StoredListing, listing_select, load_listings


@dataclass(frozen=True)
class SourceCounts:
    open_listings: int
    open_ai: int
    total: int


@dataclass(frozen=True)
class PayChange:
    listing_id: int
    changed_at: datetime
    old_min: float | None
    old_max: float | None
    old_currency: str | None
    old_period: str | None
    old_kind: str | None
    old_varies: bool = False


async def latest_ai(db: Database, company: str | None, limit: int) -> list[StoredListing]:
    """Open AI listings, newest first; only one company's when given."""
    where = "WHERE j.is_ai = 1 AND j.closed_at IS NULL"
    params: list[object] = []
    if company is not None:
        where += " AND j.company = ? COLLATE NOCASE"
        params.append(company)
    sql = listing_select(f"{where} ORDER BY j.first_seen_at DESC, j.id DESC LIMIT ?")
    return await load_listings(db, sql, [*params, limit])


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


async def search(db: Database, text: str, limit: int) -> list[StoredListing]:
    """Listings whose title, company, location or description contain ``text``.

    Open ones first, then newest. LIKE is case-insensitive for ASCII, which
    covers what members type into a job search.
    """
    pattern = _like_pattern(text)
    sql = listing_select(
        "WHERE j.title LIKE ?1 ESCAPE '\\' OR j.company LIKE ?1 ESCAPE '\\'"
        " OR j.description LIKE ?1 ESCAPE '\\' OR EXISTS (SELECT 1 FROM job_listing_locations l"
        " WHERE l.listing_id = j.id AND l.location LIKE ?1 ESCAPE '\\')"
        " ORDER BY j.closed_at IS NOT NULL, j.first_seen_at DESC, j.id DESC LIMIT ?2"
    )
    return await load_listings(db, sql, [pattern, limit])


async def ai_open_since(db: Database, since: datetime) -> list[StoredListing]:
    """AI listings open at some point since ``since`` (for /jobs stats)."""
    sql = listing_select("WHERE j.is_ai = 1 AND (j.closed_at IS NULL OR j.closed_at >= ?) ORDER BY j.company")
    return await load_listings(db, sql, [iso(since)])


async def counts_by_source(db: Database) -> dict[int, SourceCounts]:
    rows = await db.fetchall(
        "SELECT source_id, count(*) AS total, count(CASE WHEN closed_at IS NULL THEN 1 END) AS open_listings,"
        " count(CASE WHEN closed_at IS NULL AND is_ai = 1 THEN 1 END) AS open_ai"
        " FROM job_listings GROUP BY source_id"
    )
    return {
        int(row["source_id"]): SourceCounts(int(row["open_listings"]), int(row["open_ai"]), int(row["total"]))
        for row in rows
    }


async def last_pay_changes(db: Database, listing_ids: list[int]) -> dict[int, PayChange]:
    """The most recent pay change of each listing that has one."""
    if not listing_ids:
        return {}
    marks = ",".join("?" for _ in listing_ids)
    rows = await db.fetchall(
        "SELECT listing_id, changed_at, old_min, old_max, old_currency, old_period, old_kind, old_varies"
        f" FROM job_pay_changes WHERE listing_id IN ({marks}) ORDER BY id",
        listing_ids,
    )
    return {
        int(row["listing_id"]): PayChange(
            int(row["listing_id"]),
            from_iso(row["changed_at"]),
            row["old_min"],
            row["old_max"],
            row["old_currency"],
            row["old_period"],
            row["old_kind"],
            bool(row["old_varies"]),
        )
        for row in rows
    }
