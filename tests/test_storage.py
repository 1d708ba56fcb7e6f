"""The database: pragmas, migrations, transactions, members, audit, outbox."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from commands.reply import Button
from storage import audit, members
from storage.database import Database
from storage.outbox import claims
from storage.outbox import queue as outbox
from storage.outbox.queue import OutboundMessage

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path):  # type: ignore[no-untyped-def]
    database = await Database.open(tmp_path / "s.db")
    yield database
    await database.close()


async def test_pragmas(db: Database) -> None:
    assert await db.fetchval("PRAGMA journal_mode") == "wal"
    assert await db.fetchval("PRAGMA foreign_keys") == 1
    assert await db.fetchval("PRAGMA busy_timeout") == 5000


async def test_migrations_apply_once(tmp_path: Path) -> None:
    first = await Database.open(tmp_path / "m.db")
    versions = [r[0] for r in await first.fetchall("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions[0] == 1 and versions == sorted(set(versions))
    await first.close()
    again = await Database.open(tmp_path / "m.db")
    assert await again.migrate() == []
    await again.close()


async def test_failed_transaction_leaves_nothing(db: Database) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        async with db.transaction() as tx:
            await tx.run(lambda sync: members.ensure_in(sync, "slack", "U1", "Ana"))
            await tx.execute("INSERT INTO audit_log (at, action, subject) VALUES (NULL, 'x', 'y')")
    assert await db.fetchval("SELECT count(*) FROM members") == 0


async def test_members_keyed_by_platform_and_id(db: Database) -> None:
    a = await members.ensure(db, "slack", "U1", "Ana")
    b = await members.ensure(db, "discord", "U1", "Ana")
    again = await members.ensure(db, "slack", "U1", "Ana R.")
    assert a == again != b
    found = await members.get(db, a)
    assert found is not None and found.display_name == "Ana R."
    assert [m.id for m in await members.by_name(db, "slack", "ana r.")] == [a]


async def test_audit_log(db: Database) -> None:
    who = await members.ensure(db, "console", "olu", "Olu")
    async with db.transaction() as tx:
        await audit.record(tx, who, "site.add", "Netflix Sunset Gate", "tz=America/Los_Angeles")
    entries = await audit.recent(db)
    assert entries[0].actor == "Olu" and entries[0].action == "site.add"


async def test_outbox_round_trip_dedupe_and_backoff(db: Database) -> None:
    message = OutboundMessage(
        "console", "channel", "alerts", "New AI job", title="Alert", buttons=(Button("Sign up", "picket signup 1"),),
        dedupe_key="alert:1",
    )  # fmt: skip
    async with db.transaction() as tx:
        first = await outbox.enqueue(tx, message, not_before=NOW)
        second = await outbox.enqueue(tx, message, not_before=NOW)
    assert first is not None and second is None
    assert db.outbox_changed.is_set()
    lease = NOW + timedelta(seconds=30)
    assert (await claims.claim_due(db, "a/1", "console", NOW - timedelta(seconds=1), lease)).messages == ()
    assert (await claims.claim_due(db, "a/1", "slack", NOW, lease)).messages == ()
    (due,) = (await claims.claim_due(db, "a/1", "console", NOW, lease)).messages
    assert due.buttons == (Button("Sign up", "picket signup 1"),) and due.title == "Alert"
    gave_up = await outbox.mark_failed_attempt(db, due.id, "503", NOW + timedelta(seconds=2), claim="a/1")
    assert not gave_up
    assert (await claims.claim_due(db, "a/2", "console", NOW + timedelta(seconds=1), lease)).messages == ()
    (retry,) = (await claims.claim_due(db, "a/2", "console", NOW + timedelta(seconds=2), lease)).messages
    assert retry.attempts == 1
    assert not await outbox.mark_sent(db, retry.id, NOW, claim="a/1")  # no longer that claim's
    assert await outbox.mark_sent(db, retry.id, NOW, claim="a/2")
    assert await outbox.pending_count(db) == 0


async def test_online_backup(db: Database, tmp_path: Path) -> None:
    await members.ensure(db, "slack", "U1", "Ana")
    await db.backup(tmp_path / "copy.db")
    copy = sqlite3.connect(tmp_path / "copy.db")
    assert copy.execute("SELECT display_name FROM members").fetchone() == ("Ana",)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    copy.close()


async def test_naive_datetimes_are_refused() -> None:
    from storage.database import iso

    with pytest.raises(ValueError):
        iso(datetime(2026, 1, 1))


async def test_a_refused_commit_rolls_back(db: Database) -> None:
    # A deferred foreign key is only checked at COMMIT, so the COMMIT itself fails.
    async with db.transaction() as tx:
        await tx.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
        await tx.execute(
            "CREATE TABLE child (parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)"
        )
    with pytest.raises(sqlite3.IntegrityError):
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO child (parent_id) VALUES (42)")
    assert await db.fetchval("SELECT count(*) FROM child") == 0
    async with db.transaction() as tx:  # the connection is usable again
        await tx.execute("INSERT INTO parent (id) VALUES (1)")
