"""Reminders: each (shift, member, offset) queued once, caught up after downtime, delivered once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import App, default_starters
from bot.picket.reminders import JOB_ID, ReminderScheduler, queue_due, start_reminders
from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from commands.markup import plain
from storage.database import Database
from storage.outbox.queue import OutboundMessage
from tests.picket_time.data import LA, add_member, add_shift, add_site, execute, sign_up

#: Monday 2 Nov 2026, 09:00 PST (17:00 UTC), the day after the DST change.
START = datetime(2026, 11, 2, 9, 0, tzinfo=LA)
OFFSETS = (24 * 60, 60)


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait for background work to catch up (bounded, so a bug fails instead of hanging)."""
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


async def outbox_keys(db: Database) -> list[str]:
    rows = await db.fetchall("SELECT dedupe_key FROM outbox WHERE kind = 'reminder' ORDER BY id")
    return [str(row[0]) for row in rows]


async def seed(db: Database) -> dict[str, int]:
    """Ana and Bob confirmed; others waitlisted, cancelled, or on a cancelled shift or closed site."""
    gate = await add_site(
        db, "Netflix Sunset Gate", address="5808 Sunset Blvd", platform="console", channel_id="gate"
    )
    closed = await add_site(db, "Closed Gate")
    shift = await add_shift(db, gate, START)
    cancelled = await add_shift(db, gate, START + timedelta(hours=4))
    at_closed = await add_shift(db, closed, START)
    people = {name: await add_member(db, name) for name in ("Ana", "Bob", "Cy", "Dee", "Eve", "Fay")}
    await sign_up(db, shift, people["Ana"])
    await sign_up(db, shift, people["Bob"], role="captain")
    await sign_up(db, shift, people["Cy"], status="waitlisted")
    await sign_up(db, shift, people["Dee"], status="cancelled")
    await sign_up(db, cancelled, people["Eve"])
    await sign_up(db, at_closed, people["Fay"])
    await execute(
        db, "UPDATE shifts SET cancelled_at = '2026-10-30T00:00:00+00:00' WHERE id = ?", (cancelled,)
    )
    await execute(db, "UPDATE sites SET closed_at = '2026-10-30T00:00:00+00:00' WHERE id = ?", (closed,))
    return {"shift": shift, **people}


def key(ids: dict[str, int], name: str, offset: int) -> str:
    return f"reminder:{ids['shift']}:{ids[name]}:{offset}"


async def test_each_reminder_is_queued_once(app: App) -> None:
    ids = await seed(app.db)
    assert await queue_due(app.db, START - timedelta(hours=25), OFFSETS) == 0
    assert await queue_due(app.db, START - timedelta(hours=23), OFFSETS) == 2
    assert await queue_due(app.db, START - timedelta(hours=22), OFFSETS) == 0
    assert await queue_due(app.db, START - timedelta(minutes=59), OFFSETS) == 2
    assert await queue_due(app.db, START - timedelta(minutes=1), OFFSETS) == 0
    assert await queue_due(app.db, START + timedelta(minutes=1), OFFSETS) == 0
    assert await outbox_keys(app.db) == [
        key(ids, "Ana", 1440), key(ids, "Bob", 1440), key(ids, "Ana", 60), key(ids, "Bob", 60)
    ]  # fmt: skip


async def test_reminder_message(app: App) -> None:
    ids = await seed(app.db)
    await queue_due(app.db, START - timedelta(hours=23), OFFSETS)
    row = await app.db.fetchone("SELECT * FROM outbox WHERE dedupe_key = ?", (key(ids, "Ana", 1440),))
    assert row is not None
    assert (row["platform"], row["target_kind"], row["target_id"]) == ("console", "user", "ana")
    assert row["fallback_channel_id"] == "gate" and row["kind"] == "reminder"
    assert "Netflix Sunset Gate starts in about 23 hours: Mon 2 Nov, 09:00–12:00 PST." in plain(row["body"])
    assert "Address: 5808 Sunset Blvd" in row["body"]
    buttons = await app.db.fetchall(
        "SELECT label, command FROM outbox_buttons WHERE outbox_id = ? ORDER BY position", (row["id"],)
    )
    assert [tuple(b) for b in buttons] == [
        ("I'm coming", f"picket confirm {ids['shift']}"),
        ("Release my place", f"picket release {ids['shift']}"),
    ]


async def test_after_downtime_only_the_latest_missed_reminder_goes_out(app: App) -> None:
    ids = await seed(app.db)
    assert await queue_due(app.db, START - timedelta(minutes=30), OFFSETS) == 2
    assert await outbox_keys(app.db) == [key(ids, "Ana", 60), key(ids, "Bob", 60)]
    recorded = await app.db.fetchval(
        "SELECT count(*) FROM reminders_sent WHERE shift_id = ?", (ids["shift"],)
    )
    assert recorded == 4, "the stale 24-hour reminders are recorded so they never go out later"
    # A 24-hour offset configured later is not sent after the 1-hour reminder already went out.
    await execute(app.db, "DELETE FROM reminders_sent WHERE offset_minutes = 1440")
    assert await queue_due(app.db, START - timedelta(minutes=20), OFFSETS) == 0


async def test_fallback_channel_only_on_the_members_platform(app: App) -> None:
    gate = await add_site(app.db, "@everyone gate", platform="discord", channel_id="C1")
    shift = await add_shift(app.db, gate, START)
    await sign_up(app.db, shift, await add_member(app.db, "Ana"))
    await sign_up(app.db, shift, await add_member(app.db, "Dan", platform="discord"))
    await queue_due(app.db, START - timedelta(minutes=30), OFFSETS)
    rows = await app.db.fetchall("SELECT platform, fallback_channel_id, body FROM outbox ORDER BY id")
    assert [(r["platform"], r["fallback_channel_id"]) for r in rows] == [("console", None), ("discord", "C1")]
    assert all("@everyone" not in r["body"] for r in rows)


@pytest.fixture
async def db_file(tmp_path: Path) -> AsyncIterator[Path]:
    path = tmp_path / "restart.db"
    db = await Database.open(path)
    await db.close()
    yield path


async def run_bot(path: Path, clock: FakeClock) -> TestBot:
    """The bot on ``path`` with its reminders running in the background, as `picketbot run` has them."""
    bot = await TestBot.open(path.parent, clock=clock, seed_facts=False, db_name=path.name)
    await bot.start_background(start_reminders)
    return bot


async def test_restarts_in_a_reminder_window_send_each_reminder_once(db_file: Path) -> None:
    clock = FakeClock(START - timedelta(hours=25))
    async with await run_bot(db_file, clock) as bot:
        ids = await seed(bot.db)
        assert bot.posts == []

    delivered: list[OutboundMessage] = []  # by every run of the bot
    for moment, expected in (
        (START - timedelta(hours=23), 2),  # down when the 24-hour reminders fell due
        (START - timedelta(hours=22), 2),  # restarted again inside the same window
        (START - timedelta(minutes=40), 4),  # down again over the 1-hour mark
        (START - timedelta(minutes=10), 4),
    ):
        clock.now = moment
        async with await run_bot(db_file, clock) as bot:
            await until(lambda bot=bot, expected=expected: len(delivered) + len(bot.posts) >= expected)  # type: ignore[misc]
            assert bot.app.worker is not None
            await bot.app.worker.deliver_due()
            delivered.extend(bot.posts)
            assert len(delivered) == expected, moment

    assert sorted(m.dedupe_key or "" for m in delivered) == sorted(
        key(ids, name, offset) for name in ("Ana", "Bob") for offset in OFFSETS
    )
    reopened = await Database.open(db_file)
    try:
        assert await reopened.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0
        assert await reopened.fetchval("SELECT count(*) FROM outbox") == 4
    finally:
        await reopened.close()


async def test_a_new_sign_up_wakes_the_reminders(db_file: Path) -> None:
    clock = FakeClock(START - timedelta(hours=30))
    async with await run_bot(db_file, clock) as bot:
        gate = await add_site(bot.db, "Gate")
        soon = await add_shift(bot.db, gate, clock.now + timedelta(minutes=45))
        await sign_up(bot.db, soon, await add_member(bot.db, "Ana"))
        assert bot.posts == []
        bot.db.schedule_changed.set()  # what the sign-up code does after its commit
        await until(lambda: len(bot.posts) == 1)
        assert bot.posts[0].dedupe_key == f"reminder:{soon}:1:60"
        assert "starts in 45 minutes" in bot.posts[0].body


async def test_the_scheduler_job_fires_at_the_next_reminder(db_file: Path) -> None:
    db = await Database.open(db_file)
    shift = await add_shift(db, await add_site(db, "Gate"), START)
    await sign_up(db, shift, await add_member(db, "Ana"))
    await db.close()
    clock = FakeClock(START - timedelta(hours=1, seconds=1))
    async with await run_bot(db_file, clock) as bot:
        # On start only the missed 24-hour reminder is due; the 1-hour one is a second away.
        assert await outbox_keys(bot.db) == [f"reminder:{shift}:1:1440"]
        assert bot.app.scheduler.get_job(JOB_ID) is not None
        clock.advance(seconds=1)
        # Nothing sets schedule_changed: only the APScheduler date job, a real second later, can run the pass.
        await until(lambda: len(bot.posts) == 2)
        assert [m.dedupe_key for m in bot.posts] == [f"reminder:{shift}:1:1440", f"reminder:{shift}:1:60"]


def test_reminders_start_with_the_bot() -> None:
    assert start_reminders in default_starters()


def test_clock_is_utc_aware() -> None:
    assert START.astimezone(UTC) == datetime(2026, 11, 2, 17, 0, tzinfo=UTC)


class CountingReminders(ReminderScheduler):
    passes = 0

    async def run_pass(self) -> int:
        self.passes += 1
        return await super().run_pass()


async def test_a_storm_of_sign_ups_makes_one_reminder_pass_not_one_per_commit(db_file: Path) -> None:
    """Each commit sets schedule_changed; a pass per commit would queue reminder queries behind
    every sign-up batch in the database's one queue. The changes settle into one pass (two if
    the commits straddle the window), and it still queues every reminder the storm made due."""
    clock = FakeClock(START - timedelta(hours=30))
    async with await TestBot.open(db_file.parent, clock=clock, seed_facts=False, db_name=db_file.name) as bot:
        soon = await add_shift(bot.db, await add_site(bot.db, "Gate"), clock.now + timedelta(minutes=45))
        members = [await add_member(bot.db, f"Member {i}") for i in range(20)]
        reminders = CountingReminders(bot.db, bot.app.scheduler, clock, OFFSETS, settle=1.0)
        bot.db.schedule_changed.clear()
        watching = asyncio.ensure_future(reminders.watch_changes())
        try:
            for member in members:
                await sign_up(bot.db, soon, member)
                bot.db.schedule_changed.set()  # what the sign-up code does after its commit
            async with asyncio.timeout(10):
                while len(await outbox_keys(bot.db)) < len(members):
                    await asyncio.sleep(0.05)
        finally:
            watching.cancel()
        assert sorted(await outbox_keys(bot.db)) == sorted(f"reminder:{soon}:{m}:60" for m in members)
        assert 1 <= reminders.passes <= 2
