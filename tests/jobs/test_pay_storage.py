"""Open-ended, monthly and varying pay stored and shown: migration 010, the listings store, the alert lines."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import App, open_app
from bot.config.loading import load_config
from bot.jobs.listing import Listing
from commands.facts.pay import reference_figures
from commands.jobs.pay_text import pay_text
from commands.jobs.text import compare_line, listing_block
from storage.database import Database, _migrations
from storage.jobs import listings as job_listings
from storage.jobs import queries as job_queries
from storage.jobs import sources
from storage.jobs.rows import StoredListing

NOW = datetime(2026, 10, 26, 15, 0, tzinfo=UTC)


def database_at_009(path: Path) -> None:
    """A database as the release before migration 010 left it, with a listing, its place and a pay change."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    for version, name, sql in _migrations():
        if version <= 9:
            conn.executescript(sql)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, '2026-01-01')", (version, name))
    conn.execute(
        "INSERT INTO job_sources (id, name, company, board_type, board, interval_minutes, created_at,"
        " next_poll_at) VALUES (1, 'lantern', 'Lantern', 'greenhouse', 'lantern', 30, '2026-01-01', '2026-01-01')"
    )
    conn.execute(
        "INSERT INTO job_listings (id, source_id, external_id, company, title, pay_min, pay_max, pay_currency,"
        " pay_period, pay_kind, is_ai, first_seen_at, last_seen_at) VALUES (7, 1, 'x7', 'Lantern',"
        " 'ML Engineer', 150000, 190000, 'USD', 'year', 'base', 1, '2026-01-01', '2026-01-02')"
    )
    conn.execute("INSERT INTO job_listing_locations VALUES (7, 0, 'Burbank, CA')")
    conn.execute(
        "INSERT INTO job_pay_changes (listing_id, changed_at, old_min, old_max, old_currency, old_period,"
        " old_kind, new_min, new_max, new_currency, new_period, new_kind) VALUES (7, '2026-01-02',"
        " 140000, 180000, 'USD', 'year', 'base', 150000, 190000, 'USD', 'year', 'base')"
    )
    conn.commit()
    conn.close()


async def test_migration_010_keeps_listings_places_and_pay_history(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    database_at_009(path)
    db = await Database.open(path)
    try:
        (listing,) = await job_listings.by_ids(db, [7])
        assert (listing.pay_min, listing.pay_max, listing.pay_varies) == (150_000, 190_000, False)
        assert listing.locations == ("Burbank, CA",)
        changes = await job_queries.last_pay_changes(db, [7])
        assert (changes[7].old_min, changes[7].old_varies) == (140_000, False)
        assert await db.fetchall("PRAGMA foreign_key_check") == []
        # The widened check takes monthly pay and still refuses what is not a period.
        async with db.transaction() as tx:
            await tx.execute("UPDATE job_listings SET pay_period = 'month', pay_min = NULL WHERE id = 7")
        with pytest.raises(sqlite3.IntegrityError):
            async with db.transaction() as tx:
                await tx.execute("UPDATE job_listings SET pay_period = 'fortnight' WHERE id = 7")
        # The children's foreign keys follow the rebuilt table: deleting the listing cascades.
        async with db.transaction() as tx:
            await tx.execute("DELETE FROM job_listings WHERE id = 7")
        assert await db.fetchval("SELECT count(*) FROM job_listing_locations") == 0
        assert await db.fetchval("SELECT count(*) FROM job_pay_changes") == 0
    finally:
        await db.close()


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[App]:
    """A database with the built-in facts, which the `/pay compare` lines quote."""
    opened = await open_app(load_config(db_path=str(tmp_path / "jobs.db"), env={}))
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
def db(app: App) -> Database:
    return app.db


def fetched(external_id: str, **pay: object) -> Listing:
    listing = Listing("greenhouse:lantern", "Lantern", external_id, f"Role {external_id}", ("Burbank, CA",))
    return Listing(**{**listing.__dict__, **pay})


async def store(db: Database, listings: list[Listing]) -> list[StoredListing]:
    async with db.transaction() as tx:
        source = await sources.add(
            tx, sources.SourceDraft("lantern", "Lantern", "greenhouse", "lantern"), None, NOW
        )
        await job_listings.apply_fetch(tx, source.id, listings, NOW, complete=True, alert_new=False)
    rows = await db.fetchall("SELECT id FROM job_listings ORDER BY id")
    return await job_listings.by_ids(db, [row["id"] for row in rows])


async def test_open_ends_months_and_zones_are_stored_and_shown(db: Database) -> None:
    up_to, from_, monthly, zones = await store(
        db,
        [
            fetched("1", pay_max=650_000.0, pay_currency="USD", pay_period="year", pay_kind="base"),
            fetched("2", pay_min=45_000.0, pay_currency="GBP", pay_period="year", pay_kind="base"),
            fetched("3", pay_min=3_850.0, pay_max=3_850.0, pay_currency="EUR", pay_period="month"),
            fetched(
                "4",
                pay_min=150_000.0,
                pay_max=250_000.0,
                pay_currency="USD",
                pay_period="year",
                pay_kind="total",
                pay_varies=True,
            ),
        ],
    )
    assert [listing.has_pay for listing in (up_to, from_, monthly, zones)] == [True] * 4
    assert pay_text(up_to) == "up to $650,000 a year"
    assert pay_text(from_) == "from £45,000 a year"
    assert pay_text(monthly) == "€3,850 a month"
    assert pay_text(zones) == "$150,000–$250,000 a year, total compensation, varies by location"
    assert "Burbank, CA · up to $650,000 a year" in listing_block(up_to)


async def test_a_change_to_varying_pay_is_recorded_with_the_flag(db: Database) -> None:
    (first,) = await store(db, [fetched("1", pay_min=150_000.0, pay_max=190_000.0, pay_currency="USD")])
    spanned = fetched("1", pay_min=120_000.0, pay_max=190_000.0, pay_currency="USD", pay_varies=True)
    async with db.transaction() as tx:
        changes = await job_listings.apply_fetch(
            tx, first.source_id, [spanned], NOW, complete=True, alert_new=False
        )
    assert changes.pay_changed == [first.id]
    row = await db.fetchone("SELECT old_varies, new_varies, new_min FROM job_pay_changes")
    assert row is not None and tuple(row) == (0, 1, 120_000)
    (stored,) = await job_listings.by_ids(db, [first.id])
    assert stored.pay_varies and stored.pay_min == 120_000


@pytest.mark.parametrize(
    ("pay", "start"),
    [
        ({"pay_min": 150_000.0, "pay_max": 650_000.0}, "Top of range $650,000 = "),
        ({"pay_max": 650_000.0}, "Up to $650,000 = "),
        ({"pay_min": 45_000.0}, "From (no top given) $45,000 = "),
    ],
)
async def test_compare_lines_for_open_ends(db: Database, pay: dict[str, float], start: str) -> None:
    (listing,) = await store(db, [fetched("1", pay_currency="USD", pay_period="year", **pay)])
    line = compare_line(listing, await reference_figures(db))
    assert line is not None and line.startswith(start), line


async def test_no_compare_line_but_for_yearly_dollars(db: Database) -> None:
    hourly, pounds = await store(
        db,
        [
            fetched("1", pay_max=45.0, pay_currency="USD", pay_period="hour"),
            fetched("2", pay_min=45_000.0, pay_currency="GBP", pay_period="year"),
        ],
    )
    figures = await reference_figures(db)
    assert compare_line(hourly, figures) is None and compare_line(pounds, figures) is None
