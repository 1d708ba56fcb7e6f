"""Job listings seen on the boards: new, changed, closed, and owed an alert.

``apply_fetch`` stores one fetch of one source inside the caller's
transaction: new listings are inserted (AI ones marked ``alert_due`` unless
it is the source's first poll), known ones refreshed, pay changes kept as
history, and listings missing from ``CLOSE_AFTER_POLLS`` complete polls in a
row closed. A poll is complete when every page was read (a failed poll is
never stored; a truncated one neither counts nor resets the count); a board
that answered "unchanged" counts when its stored body was complete
(``count_unchanged_poll``). A closed listing seen again is open again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from storage.database import Database, Transaction, from_iso, iso
from storage.jobs.rows import Reader, StoredListing, listing_select, load_listings
from storage.sync_tx import Row

#: Complete polls in a row a listing must be missing from before it is closed: one missing
#: poll may be a board's hiccup (a listing briefly unpublished while it is edited).
CLOSE_AFTER_POLLS = 2
#: Descriptions are kept for search, not for display; beyond this they add nothing.
MAX_DESCRIPTION = 10_000
MAX_LOCATIONS = 20

#: min, max, currency, period, kind, varies: what a pay change compares and records.
PayTuple = tuple[float | None, float | None, str | None, str | None, str | None, bool]


class HasPay(Protocol):
    """A listing's pay, fetched or stored (`StoredListing` fits); `commands.jobs.pay_text` writes it."""

    @property
    def pay_min(self) -> float | None: ...
    @property
    def pay_max(self) -> float | None: ...
    @property
    def pay_currency(self) -> str | None: ...
    @property
    def pay_period(self) -> str | None: ...
    @property
    def pay_kind(self) -> str | None: ...
    @property
    def pay_varies(self) -> bool: ...


class ListingLike(HasPay, Protocol):
    """What storage reads from a fetched listing (bot.jobs.Listing fits)."""

    @property
    def external_id(self) -> str: ...
    @property
    def company(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def locations(self) -> tuple[str, ...]: ...
    @property
    def posted_at(self) -> datetime | None: ...
    @property
    def description(self) -> str: ...
    @property
    def is_ai(self) -> bool: ...
    @property
    def updated_at(self) -> str | None: ...
    @property
    def detail_read(self) -> bool: ...


@dataclass(frozen=True)
class DetailState:
    """When a listing's detail was last read, and the board's update time as of that read."""

    title: str
    read_at: datetime | None
    updated_at: str | None


@dataclass
class FetchChanges:
    """What one stored fetch changed: new ones by external id, the rest by row id."""

    new: list[str] = field(default_factory=list)
    new_ai: list[str] = field(default_factory=list)
    pay_changed: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    reopened: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class _Known:
    id: int
    pay: PayTuple
    has_description: bool
    closed: bool
    missing_polls: int
    locations: tuple[str, ...]


def _pay(listing: ListingLike) -> PayTuple:
    return (
        listing.pay_min, listing.pay_max, listing.pay_currency, listing.pay_period, listing.pay_kind,
        bool(listing.pay_varies),
    )  # fmt: skip


def _has_pay(listing: ListingLike) -> bool:
    """Pay was read: one end is enough ("up to X", "from X")."""
    return (listing.pay_min is not None or listing.pay_max is not None) and bool(listing.pay_currency)


def _stored_pay(row: Row) -> PayTuple:
    return (
        row["pay_min"], row["pay_max"], row["pay_currency"], row["pay_period"], row["pay_kind"],
        bool(row["pay_varies"]),
    )  # fmt: skip


async def _known(tx: Transaction, source_id: int) -> dict[str, _Known]:
    rows = await tx.fetchall(
        "SELECT id, external_id, pay_min, pay_max, pay_currency, pay_period, pay_kind, pay_varies,"
        " description != '' AS has_description, closed_at IS NOT NULL AS closed, missing_polls"
        " FROM job_listings WHERE source_id = ?",
        (source_id,),
    )
    places: dict[int, list[str]] = {}
    for row in await tx.fetchall(
        "SELECT l.listing_id, l.location FROM job_listing_locations l JOIN job_listings j"
        " ON j.id = l.listing_id WHERE j.source_id = ? ORDER BY l.listing_id, l.position",
        (source_id,),
    ):
        places.setdefault(int(row["listing_id"]), []).append(row["location"])
    return {
        row["external_id"]: _Known(
            id=int(row["id"]),
            pay=_stored_pay(row),
            has_description=bool(row["has_description"]),
            closed=bool(row["closed"]),
            missing_polls=int(row["missing_polls"]),
            locations=tuple(places.get(int(row["id"]), ())),
        )
        for row in rows
    }


async def detail_states(db: Database, source_id: int) -> dict[str, DetailState]:
    """Each open listing's detail state, by external id: which need their detail (re)read.

    A closed listing is left out: should it come back, its detail is read as a new one's.
    """
    rows = await db.fetchall(
        "SELECT external_id, title, detail_fetched_at, detail_updated_at FROM job_listings"
        " WHERE source_id = ? AND closed_at IS NULL",
        (source_id,),
    )
    return {
        row["external_id"]: DetailState(
            row["title"],
            None if row["detail_fetched_at"] is None else from_iso(row["detail_fetched_at"]),
            row["detail_updated_at"],
        )
        for row in rows
    }


async def apply_fetch(
    tx: Transaction,
    source_id: int,
    listings: Sequence[ListingLike],
    now: datetime,
    *,
    complete: bool,
    alert_new: bool,
) -> FetchChanges:
    """Store one fetch. ``complete`` (not truncated) allows closing what is gone."""
    known = await _known(tx, source_id)
    changes = FetchChanges()
    seen: set[str] = set()
    for listing in listings:
        if listing.external_id in seen:
            continue
        seen.add(listing.external_id)
        found = known.get(listing.external_id)
        if found is None:
            await _insert(tx, source_id, listing, now, alert_due=alert_new and listing.is_ai)
            changes.new.append(listing.external_id)
            if listing.is_ai:
                changes.new_ai.append(listing.external_id)
        else:
            await _refresh(tx, found, listing, now, changes)
    if complete:
        missing = [k for external_id, k in known.items() if external_id not in seen and not k.closed]
        changes.closed.extend(await _missed(tx, [(k.id, k.missing_polls) for k in missing], now))
    return changes


async def count_unchanged_poll(tx: Transaction, source_id: int, now: datetime) -> list[int]:
    """A complete board answered "unchanged": what was missing from it is missing once more.

    Returns the ids of the listings this closed.
    """
    rows = await tx.fetchall(
        "SELECT id, missing_polls FROM job_listings"
        " WHERE source_id = ? AND closed_at IS NULL AND missing_polls > 0",
        (source_id,),
    )
    return await _missed(tx, [(int(row["id"]), int(row["missing_polls"])) for row in rows], now)


async def _missed(tx: Transaction, missing: Sequence[tuple[int, int]], now: datetime) -> list[int]:
    """Count one more complete poll without these (id, polls missed so far); close those it makes due."""
    closing = [listing_id for listing_id, polls in missing if polls + 1 >= CLOSE_AFTER_POLLS]
    await tx.executemany(
        "UPDATE job_listings SET missing_polls = missing_polls + 1,"
        " closed_at = CASE WHEN missing_polls + 1 >= ? THEN ? ELSE closed_at END WHERE id = ?",
        [(CLOSE_AFTER_POLLS, iso(now), listing_id) for listing_id, _ in missing],
    )
    return closing


def _posted(listing: ListingLike) -> str | None:
    """The posting time as stored; a board's zone-less time is read as UTC."""
    moment = listing.posted_at
    if moment is None:
        return None
    return iso(moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC))


def _clean_locations(listing: ListingLike) -> tuple[str, ...]:
    return tuple(place[:200] for place in listing.locations[:MAX_LOCATIONS])


async def _insert(
    tx: Transaction, source_id: int, listing: ListingLike, now: datetime, *, alert_due: bool
) -> int:
    listing_id = await tx.insert(
        "INSERT INTO job_listings (source_id, external_id, company, title, url, posted_at, description,"
        " pay_min, pay_max, pay_currency, pay_period, pay_kind, pay_varies, is_ai, first_seen_at, last_seen_at,"
        " alert_due, detail_fetched_at, detail_updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            source_id, listing.external_id, listing.company[:200], listing.title[:500], listing.url[:2000],
            _posted(listing), listing.description[:MAX_DESCRIPTION],
            *_pay(listing), int(listing.is_ai), iso(now), iso(now), int(alert_due),
            *_detail_read(listing, now),
        ),
    )  # fmt: skip
    await _write_locations(tx, listing_id, _clean_locations(listing))
    return listing_id


def _detail_read(listing: ListingLike, now: datetime) -> tuple[str | None, str | None]:
    """The detail columns for a listing whose detail was read in this fetch (else None, None)."""
    if not listing.detail_read:
        return None, None
    return iso(now), None if listing.updated_at is None else listing.updated_at[:100]


async def _write_locations(tx: Transaction, listing_id: int, places: Iterable[str]) -> None:
    await tx.execute("DELETE FROM job_listing_locations WHERE listing_id = ?", (listing_id,))
    await tx.executemany(
        "INSERT INTO job_listing_locations (listing_id, position, location) VALUES (?, ?, ?)",
        [(listing_id, position, place) for position, place in enumerate(places)],
    )


async def _refresh(
    tx: Transaction, known: _Known, listing: ListingLike, now: datetime, changes: FetchChanges
) -> None:
    """Update a listing seen before.

    Boards that need a detail call list known listings without it, so a
    missing description or pay means "not fetched this time", not "removed":
    the stored ones are kept, and so is the AI verdict they gave.
    """
    detailed = bool(listing.description)
    read_at, updated_at = _detail_read(listing, now)
    await tx.execute(
        "UPDATE job_listings SET company = ?, title = ?, url = ?, posted_at = coalesce(?, posted_at),"
        " description = CASE WHEN ? = 1 THEN ? ELSE description END, is_ai = CASE WHEN ? = 1 THEN ? ELSE is_ai END,"
        " last_seen_at = ?, closed_at = NULL, missing_polls = 0,"
        " detail_fetched_at = coalesce(?, detail_fetched_at),"
        " detail_updated_at = CASE WHEN ? = 1 THEN ? ELSE detail_updated_at END WHERE id = ?",
        (
            listing.company[:200], listing.title[:500], listing.url[:2000],
            _posted(listing),
            int(detailed), listing.description[:MAX_DESCRIPTION], int(detailed), int(listing.is_ai),
            iso(now), read_at, int(listing.detail_read), updated_at, known.id,
        ),
    )  # fmt: skip
    if known.closed:
        changes.reopened.append(known.id)
    places = _clean_locations(listing)
    if places and places != known.locations:
        await _write_locations(tx, known.id, places)
    if _has_pay(listing) and _pay(listing) != known.pay:
        await _record_pay_change(tx, known, _pay(listing), now)
        changes.pay_changed.append(known.id)


async def _record_pay_change(tx: Transaction, known: _Known, new: PayTuple, now: datetime) -> None:
    await tx.execute(
        "INSERT INTO job_pay_changes (listing_id, changed_at, old_min, old_max, old_currency, old_period,"
        " old_kind, old_varies, new_min, new_max, new_currency, new_period, new_kind, new_varies)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (known.id, iso(now), *known.pay, *new),
    )
    await tx.execute(
        "UPDATE job_listings SET pay_min = ?, pay_max = ?, pay_currency = ?, pay_period = ?, pay_kind = ?,"
        " pay_varies = ? WHERE id = ?",
        (*new, known.id),
    )


async def due_alerts(tx: Transaction) -> list[StoredListing]:
    """Listings owed an alert, oldest first."""
    return await load_listings(tx, listing_select("WHERE j.alert_due = 1 ORDER BY j.id"), ())


async def mark_alerted(tx: Transaction, listing_ids: Sequence[int], now: datetime) -> None:
    await tx.executemany(
        "UPDATE job_listings SET alert_due = 0, alerted_at = ? WHERE id = ?",
        [(iso(now), listing_id) for listing_id in listing_ids],
    )


async def by_ids(reader: Reader, listing_ids: Sequence[int]) -> list[StoredListing]:
    if not listing_ids:
        return []
    marks = ",".join("?" for _ in listing_ids)
    return await load_listings(reader, listing_select(f"WHERE j.id IN ({marks}) ORDER BY j.id"), listing_ids)
