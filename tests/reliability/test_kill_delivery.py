"""kill -9 during outbox delivery, then restart: each message is delivered exactly once.

The delivering process writes each message id to a file with fsync before
its sender returns (the "platform" has it), and the worker marks the message
sent only after that. The test kills it while it waits on a send, then runs
delivery again, and counts the ids in the file.

The honest limit: a kill after the platform accepted a message but before
``mark_sent`` committed would send that one message again on restart. An
outbox cannot close that gap alone; the platform has to help. On Discord
each message carries its outbox id as the nonce with ``enforce_nonce``, so
Discord itself drops the repeat (bot/adapters/discord_sender.py). This test
kills at a point that does not fake success: while the sender is still
waiting, before the platform has anything.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections import Counter
from pathlib import Path

from storage import outbox
from storage.database import Database
from storage.outbox import OutboundMessage
from tests.reliability.fsync_delivery import PLATFORM

REPO = Path(__file__).resolve().parents[2]
MESSAGES = 40
KILL_WHEN_SENDING = 12  # the 12th SENDING line: eleven are delivered and marked sent


async def queue_messages(db_path: Path) -> list[int]:
    db = await Database.open(db_path)
    try:
        async with db.transaction() as tx:
            ids = [
                await outbox.enqueue(tx, OutboundMessage(PLATFORM, "channel", f"c{n % 3}", f"alert {n}"))
                for n in range(MESSAGES)
            ]
    finally:
        await db.close()
    assert None not in ids
    return [i for i in ids if i is not None]


async def deliver(db_path: Path, log: Path, pause: float, *, kill_at: int | None) -> int:
    """Run the delivering process; SIGKILL it when it starts sending message number `kill_at`."""
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.reliability.fsync_delivery", str(db_path), str(log), str(pause),
        cwd=REPO, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert child.stdout is not None
    sending = 0
    while line := await asyncio.wait_for(child.stdout.readline(), 60):
        sending += line.startswith(b"SENDING ")
        if sending == kill_at:
            # The worker marks a message sent before it starts the next one, so the ones
            # before are settled, and this one is mid-send: the platform does not have it yet.
            os.kill(child.pid, signal.SIGKILL)
            break
    await child.wait()
    return sending


async def test_kill_9_mid_delivery_then_restart_delivers_each_message_once(tmp_path: Path) -> None:
    db_path, log = tmp_path / "picketbot.db", tmp_path / "platform.log"
    ids = await queue_messages(db_path)

    assert await deliver(db_path, log, 0.3, kill_at=KILL_WHEN_SENDING) == KILL_WHEN_SENDING
    before = log.read_text(encoding="utf-8").split()
    assert len(before) == KILL_WHEN_SENDING - 1

    await deliver(db_path, log, 0.0, kill_at=None)  # the restart
    delivered = Counter(int(i) for i in log.read_text(encoding="utf-8").split())
    assert sorted(delivered) == sorted(ids)
    assert set(delivered.values()) == {1}, "every message exactly once"

    db = await Database.open(db_path)
    try:
        assert await outbox.pending_count(db) == 0
        assert await db.integrity_check() == "ok"
    finally:
        await db.close()
