"""The workers are woken once a change has committed, by the database, for what the change did.

The delivery worker waits on `Database.outbox_changed`, the reminder
scheduler on `Database.schedule_changed`. Writes note what they changed on
their transaction and the database sets the events after COMMIT: so a
rolled-back message wakes no one, and no command has to remember to wake
the scheduler.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from bot.testing.people import actor
from commands.context import Actor
from storage.database import Database
from storage.outbox import queue as outbox
from storage.outbox.queue import OutboundMessage
from tests.picket.support import CAPTAIN, ORGANIZER

MESSAGE = OutboundMessage("console", "channel", "picket-line", "hello", dedupe_key="hello-1")


async def test_a_queued_message_wakes_delivery_only_after_its_commit(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "w.db")
    try:
        with pytest.raises(RuntimeError):
            async with db.transaction() as tx:
                await outbox.enqueue(tx, MESSAGE)
                assert not db.outbox_changed.is_set()  # not before the commit
                raise RuntimeError("the change that caused it failed")
        assert not db.outbox_changed.is_set()  # a rolled-back message wakes no one
        assert await outbox.pending_count(db) == 0

        async with db.transaction() as tx:
            await outbox.enqueue(tx, MESSAGE)
            assert not db.outbox_changed.is_set()
        assert db.outbox_changed.is_set()
        db.outbox_changed.clear()

        # The same rule in a one-hop write.
        await db.run_sync(lambda tx: outbox.enqueue_in(tx, MESSAGE))  # seen before: not queued again
        assert not db.outbox_changed.is_set()
        await db.run_sync(lambda tx: outbox.enqueue_in(tx, OutboundMessage("console", "user", "ana", "hi")))
        assert db.outbox_changed.is_set()
    finally:
        await db.close()


async def test_picket_changes_wake_the_reminder_scheduler_and_nothing_else_does(
    bot: TestBot, clock: FakeClock
) -> None:
    async def wakes(actor: Actor, line: str) -> bool:
        bot.db.schedule_changed.clear()
        await bot.reply(line, as_=actor)
        return bot.db.schedule_changed.is_set()

    ana, bo = actor("Ana"), actor("Bo")
    assert not await wakes(ORGANIZER, '/picket site add "Sunset Gate" tz=America/Los_Angeles')
    assert not await wakes(ORGANIZER, "/picket site add Gower tz=America/Los_Angeles")
    assert await wakes(ORGANIZER, '/picket shift add "Sunset Gate" 2026-10-27 09:00 12:00 capacity=1')
    reply = await bot.reply("/picket shifts", as_=ORGANIZER)
    shift_id = int(re.findall(r"#(\d+)", reply.text)[0])
    assert await wakes(ana, f"/picket signup {shift_id}")
    assert await wakes(bo, f"/picket signup {shift_id}")  # waitlisted
    assert not await wakes(ana, f"/picket signup {shift_id}")  # refused: nothing changed
    assert not await wakes(ORGANIZER, f"/picket shift edit {shift_id} captains=5")  # refused
    assert await wakes(ORGANIZER, f"/picket shift capacity {shift_id} 2")  # Bo promoted
    assert await wakes(ana, f"/picket cancel {shift_id}")
    clock.set(datetime(2026, 10, 27, 16, 0, tzinfo=UTC))  # the shift starts: check-in is open
    assert not await wakes(CAPTAIN, f"/picket checkin {shift_id} @bo present")
    assert await wakes(bo, "/picket forget-me confirm")
    assert await wakes(ORGANIZER, '/picket site close Gower move_to="Sunset Gate"')
