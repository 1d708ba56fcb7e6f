"""The PostgreSQL backend: chosen by the address, no password in it, the same behaviour,
`db copy` both ways, `db check` and `db backup` (pg_dump). A real server: `postgres_server`."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from bot.testing.postgres import Databases
from commands.context import Actor
from storage import discord_interactions
from storage.database import Database
from storage.postgres.database import PostgresDatabase
from storage.postgres.dialect import NotPortable, translate
from storage.sqlite import SqliteDatabase
from storage.sync_tx import SyncTransaction
from tests.helpers import row_counts, subprocess_env

REPO = Path(__file__).resolve().parents[1]


def picketbot(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input="", capture_output=True, text=True, cwd=cwd,
        env=subprocess_env(PYTHONPATH=str(REPO), **env), timeout=120, check=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    "address",
    [
        "postgresql://olga:hunter2@127.0.0.1:9/picket",
        "postgresql://olga@127.0.0.1:9/picket?password=hunter2",
        "postgres://olga:hunter2@/picket?host=/tmp",
    ],
)
def test_a_password_in_the_address_is_refused_in_one_line(tmp_path: Path, address: str) -> None:
    for done in (
        picketbot("db", "check", "--db", address, cwd=tmp_path),
        picketbot("db", "check", cwd=tmp_path, PICKETBOT_DB=address),
    ):
        assert done.returncode == 1
        assert done.stderr.count("\n") == 1, done.stderr
        assert "PGPASSWORD" in done.stderr and "hunter2" not in done.stderr + done.stdout
    config = tmp_path / "picketbot.toml"
    config.write_text(f'[bot]\ndatabase = "{address}"\n', encoding="utf-8")
    done = picketbot("db", "check", "--config", str(config), cwd=tmp_path)
    assert done.returncode == 1 and "hunter2" not in done.stderr and "PGPASSWORD" in done.stderr


def test_an_unreachable_server_is_one_line(tmp_path: Path) -> None:
    done = picketbot("db", "check", "--db", f"postgresql://olga@/picket?host={tmp_path}", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("picketbot: cannot open database postgresql:")
    assert done.stderr.count("\n") == 1, done.stderr


def test_sqlite_marks_and_idioms_are_translated_once() -> None:
    found = translate("SELECT a FROM t WHERE b = ? AND c IN (?, ?, ?) AND d = '?' AND e LIKE ?")
    assert (
        found.sql == "SELECT a FROM t WHERE b = $1 AND c = ANY($2) AND d = '?' AND e ILIKE $3 COLLATE \"C\""
    )
    assert found.arguments((1, 2, 3, 4, "x%")) == [1, [2, 3, 4], "x%"]
    ignored = translate("INSERT OR IGNORE INTO t (a) VALUES (:a)")
    assert ignored.sql == "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING"
    assert ignored.arguments({"a": 5}) == [5]
    with pytest.raises(NotPortable, match="INSERT OR REPLACE"):
        translate("INSERT OR REPLACE INTO t (a) VALUES (?)")


def test_sqlite_only_idioms_are_rewritten_or_refused_by_name() -> None:
    weekday = translate("SELECT id FROM t WHERE strftime('%w', t.day) = ? AND note != 'strftime(''%w'', x)'")
    assert weekday.sql == (
        "SELECT id FROM t WHERE CAST(CAST(EXTRACT(DOW FROM CAST(CAST(t.day AS text) AS date)) AS integer)"
        " AS text) = $1 AND note != 'strftime(''%w'', x)'"
    )
    for sql, named in (
        ("UPDATE OR IGNORE t SET a = ? WHERE a = ?", "UPDATE OR IGNORE"),
        ("SELECT strftime('%Y', day) FROM t", "strftime other than"),
        ("UPDATE t SET a = CASE WHEN ? IS NULL THEN a ELSE ? END", "IS NULL"),
        ("SELECT id FROM t WHERE (? IS NOT NULL OR a = ?)", "IS NULL"),
    ):
        with pytest.raises(NotPortable, match=named):
            translate(sql)
    # A numbered mark is typed where else it is used; a test of a column is plain SQL.
    assert (
        translate("SELECT a FROM t WHERE a = ?1 OR ?1 IS NULL").sql
        == "SELECT a FROM t WHERE a = $1 OR $1 IS NULL"
    )
    assert (
        translate("SELECT a FROM t WHERE b = ? AND c IS NULL").sql
        == "SELECT a FROM t WHERE b = $1 AND c IS NULL"
    )


async def test_the_weekday_of_a_date_is_the_same_on_both(postgres_address: str, tmp_path: Path) -> None:
    pg = await Database.open(postgres_address)
    lite = await Database.open(tmp_path / "x.db")
    try:
        week = [f"2026-10-{d}" for d in range(25, 32)]  # Sunday to Saturday
        for day in [*week, "2024-02-29", "2026-10-26T23:30:00+00:00"]:
            statement = "SELECT strftime('%w', ?)"
            assert await pg.fetchval(statement, (day,)) == await lite.fetchval(statement, (day,)), day
        assert [await pg.fetchval("SELECT strftime('%w', ?)", (d,)) for d in week] == list("0123456")
    finally:
        await pg.close()
        await lite.close()


async def test_the_address_chooses_the_backend(postgres_address: str, tmp_path: Path) -> None:
    pg = await Database.open(postgres_address)
    lite = await Database.open(tmp_path / "x.db")
    try:
        assert isinstance(pg, PostgresDatabase) and pg.dialect == "postgresql"
        assert isinstance(lite, SqliteDatabase) and lite.dialect == "sqlite"
        assert await pg.schema_version() == await lite.schema_version()
        assert {t.name for t in await pg.tables()} == {t.name for t in await lite.tables()}
    finally:
        await pg.close()
        await lite.close()


async def _populate(bot: TestBot) -> None:
    """A little of everything: sites, shifts, sign-ups and a waitlist, check-ins, a fact, notices."""
    await bot.ok('/picket site add "Sunset Gate"', role="organizer")
    await bot.ok('/picket shift add "Sunset Gate" 2026-10-27 09:00 12:00 capacity=2', role="organizer")
    for name in ("Ana", "Ben", "Cy"):
        await bot.ok("/picket signup 1", as_=name)
    await bot.ok("/picket cancel 1", as_="Ana")  # Cy is promoted: a notice is queued
    await bot.ok(
        '/fact add test-pay pay "Picket pay is $20 a day." source=Paper date=2026-01-01', role="organizer"
    )
    # What later features keep: a swap offer, a check-in code's key, a link, a
    # code that linked nothing, a Discord interaction seen over HTTP.
    await bot.ok("/picket swap offer 1", as_="Ben")
    await bot.ok("/picket code 1", role="captain")
    code = re.search(r"/link ([A-Z0-9]{4}-[A-Z0-9]{4})", await bot.say("/link", as_="Ben"))
    assert code, "no link code"
    await bot.ok(f"/link {code.group(1)}", as_=Actor("slack", "U-ben", "ben.s"))
    assert (await bot.say("/link ZZZZ-ZZZZ", as_="Cy")).startswith("error: ")
    now = bot.clock()
    assert await discord_interactions.claim(bot.db, "1234", now, now + timedelta(minutes=5))


async def test_db_copy_round_trips_a_populated_database(
    tmp_path: Path, postgres_databases: Databases, clock: FakeClock
) -> None:
    start = tmp_path / "start.db"
    async with await TestBot.open(tmp_path, clock=clock, db_name="start.db") as bot:
        await _populate(bot)
        before = await row_counts(bot.db)
    assert before["signups"] == 3 and before["outbox"] >= 1 and before["facts"] > 1
    later = ("swap_offers", "checkin_code_keys", "member_links", "link_codes", "link_attempts")
    assert all(before[table] >= 1 for table in (*later, "discord_interactions")), before
    middle = await postgres_databases.create()
    back = tmp_path / "back.db"
    there = picketbot("db", "copy", str(start), middle, cwd=tmp_path)
    assert there.returncode == 0, there.stderr
    assert "rows in" in there.stdout and "every row checked" in there.stdout
    again = picketbot("db", "copy", middle, str(back), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    # The PostgreSQL copy works as a bot: the ids it hands out next follow the copied ones.
    async with await TestBot.open(tmp_path, clock=clock, database=middle) as bot:
        assert await row_counts(bot.db) == before
        reply = await bot.ok(
            '/picket shift add "Sunset Gate" 2026-10-28 09:00 12:00 capacity=2', role="organizer"
        )
        assert "Shift #2 added" in (reply.title or "")
        assert "Picket pay is $20" in await bot.say("/fact test-pay")
    async with await TestBot.open(tmp_path, clock=clock, db_name="back.db") as bot:
        assert await row_counts(bot.db) == before
    refused = picketbot("db", "copy", str(start), middle, cwd=tmp_path)
    assert refused.returncode == 1 and "already holds rows" in refused.stderr
    await postgres_databases.drop(middle)


async def test_db_check_and_backup_on_postgresql(
    tmp_path: Path, postgres_address: str, clock: FakeClock
) -> None:
    async with await TestBot.open(tmp_path, clock=clock, database=postgres_address) as bot:
        await _populate(bot)
    checked = picketbot("db", "check", "--db", postgres_address, cwd=tmp_path)
    assert checked.returncode == 0 and checked.stdout.strip().endswith(": ok"), checked.stderr
    dump = tmp_path / "picket.dump"
    backed = picketbot("db", "backup", str(dump), "--db", postgres_address, cwd=tmp_path)
    assert backed.returncode == 0, backed.stderr
    assert dump.stat().st_size > 0
    again = picketbot("db", "backup", str(dump), "--db", postgres_address, cwd=tmp_path)
    assert again.returncode == 1 and "already exists" in again.stderr


async def test_write_transactions_of_two_processes_take_turns(postgres_address: str) -> None:
    """A writer that reads and then writes sees every write committed before its turn came:
    the second connection's transaction waits until the first one has committed."""
    first, second = await Database.open(postgres_address), await Database.open(postgres_address)
    try:
        await first.run_sync(lambda tx: tx.execute("CREATE TABLE turns (who TEXT NOT NULL)"))

        def slow_writer(tx: SyncTransaction) -> None:
            tx.execute("INSERT INTO turns (who) VALUES ('first')")
            tx.fetchval("SELECT pg_sleep(0.5)")  # still in its transaction

        def reader_then_writer(tx: SyncTransaction) -> int:
            seen = int(tx.fetchval("SELECT count(*) FROM turns"))
            tx.execute("INSERT INTO turns (who) VALUES ('second')")
            return seen

        slow = asyncio.ensure_future(first.run_sync(slow_writer))
        await asyncio.sleep(0.15)  # the first transaction has begun and holds its turn
        seen = await second.run_sync(reader_then_writer)
        await slow
        assert seen == 1
    finally:
        await first.close()
        await second.close()
