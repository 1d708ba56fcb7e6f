"""A stored job listing as the rest of the bot reads it, and how rows become one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.database import Database, Transaction, from_iso
from storage.sync_tx import Row

#: Both a Database and an open Transaction can run the read queries here.
Reader = Database | Transaction


@dataclass(frozen=True)
class StoredListing:
    id: int
    source_id: int
    source_name: str
    external_id: str
    company: str
    title: str
    url: str
    locations: tuple[str, ...]
    posted_at: datetime | None
    pay_min: float | None
    pay_max: float | None
    pay_currency: str | None
    pay_period: str | None
    pay_kind: str | None
    is_ai: bool
    first_seen_at: datetime
    closed_at: datetime | None
    #: The band spans several ranges (zones, states, levels).
    pay_varies: bool = False

    @property
    def has_pay(self) -> bool:
        """Pay was advertised: both ends, or one ("up to X" has no minimum, "from X" no maximum)."""
        return (self.pay_min is not None or self.pay_max is not None) and bool(self.pay_currency)


_COLUMNS = (
    "j.id, j.source_id, s.name AS source_name, j.external_id, j.company, j.title, j.url, j.posted_at,"
    " j.pay_min, j.pay_max, j.pay_currency, j.pay_period, j.pay_kind, j.pay_varies, j.is_ai, j.first_seen_at,"
    " j.closed_at"
)


def listing_select(tail: str) -> str:
    """A listing query; ``tail`` adds WHERE / ORDER BY / LIMIT with ``?`` marks."""
    return f"SELECT {_COLUMNS} FROM job_listings j JOIN job_sources s ON s.id = j.source_id {tail}"


async def load_listings(reader: Reader, sql: str, params: Sequence[Any]) -> list[StoredListing]:
    rows = await reader.fetchall(sql, params)
    places = await _locations(reader, [int(row["id"]) for row in rows])
    return [_listing(row, places.get(int(row["id"]), ())) for row in rows]


async def _locations(reader: Reader, ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not ids:
        return {}
    marks = ",".join("?" for _ in ids)
    rows = await reader.fetchall(
        f"SELECT listing_id, location FROM job_listing_locations WHERE listing_id IN ({marks})"
        " ORDER BY listing_id, position",
        ids,
    )
    found: dict[int, list[str]] = {}
    for row in rows:
        found.setdefault(int(row["listing_id"]), []).append(row["location"])
    return {key: tuple(value) for key, value in found.items()}


def _listing(row: Row, locations: tuple[str, ...]) -> StoredListing:
    return StoredListing(
        id=int(row["id"]),
        source_id=int(row["source_id"]),
        source_name=row["source_name"],
        external_id=row["external_id"],
        company=row["company"],
        title=row["title"],
        url=row["url"],
        locations=locations,
        posted_at=None if row["posted_at"] is None else from_iso(row["posted_at"]),
        pay_min=row["pay_min"],
        pay_max=row["pay_max"],
        pay_currency=row["pay_currency"],
        pay_period=row["pay_period"],
        pay_kind=row["pay_kind"],
        pay_varies=bool(row["pay_varies"]),
        is_ai=bool(row["is_ai"]),
        first_seen_at=from_iso(row["first_seen_at"]),
        closed_at=None if row["closed_at"] is None else from_iso(row["closed_at"]),
    )
