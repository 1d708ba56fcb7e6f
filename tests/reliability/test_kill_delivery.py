"""Delivery processes killed, stopped and run side by side: each message is delivered once.

The delivering processes (`tests.reliability.fsync_delivery`) write each
message id to a file with fsync the moment their "platform" accepts it, and
the worker marks the message sent only after that. The tests read those
files to count what the platform got.

The honest limit: a process killed after the platform accepted a message but
before it was marked sent makes whoever takes the message over send it
again. Claims confine that to the one message the process was sending, and
the taker-over counts it (``repeats=``, `picketbot_outbox_possible_repeats_total`).
On Discord each message carries its outbox id as the nonce with
``enforce_nonce``, so Discord itself drops the repeat
(bot/adapters/discord_sender.py).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from storage.database import Database
from storage.outbox import queue as outbox
from storage.outbox.queue import OutboundMessage
from tests.reliability.fsync_delivery import PLATFORM

REPO = Path(__file__).resolve().parents[2]
MESSAGES = 40
KILL_WHEN_SENDING = 12  # the 12th SENDING line: eleven are delivered and marked sent
LEASE = "1.0"


def _writable(db: Path) -> bool:
    """Whether another process can take the write lock of `db` right now."""
    with closing(sqlite3.connect(db, timeout=0.2, isolation_level=None)) as conn:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return False
        conn.execute("ROLLBACK")
        return True


async def queue_messages(db_path: Path, count: int = MESSAGES) -> list[int]:
    db = await Database.open(db_path)
    try:
        async with db.transaction() as tx:
            ids = [
                await outbox.enqueue(tx, OutboundMessage(PLATFORM, "channel", f"c{n % 3}", f"alert {n}"))
                for n in range(count)
            ]
    finally:
        await db.close()
    assert None not in ids
    return [i for i in ids if i is not None]


@dataclass
class Deliverer:
    """One delivery process and the lines it printed."""

    process: asyncio.subprocess.Process
    lines: list[str] = field(default_factory=list)

    @classmethod
    async def start(cls, db: Path, log: Path, pause: float, *extra: str, lease: str = LEASE) -> Deliverer:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.reliability.fsync_delivery", str(db), str(log), str(pause),
            "--lease", lease, *extra,
            cwd=REPO, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        return cls(process)

    async def read_until(self, word: str, count: int = 1) -> str:
        """Read lines until the `count`-th that starts with `word`; return its argument."""
        assert self.process.stdout is not None
        found = [line for line in self.lines if _matches(line, word)]
        while len(found) < count:
            line = (await asyncio.wait_for(self.process.stdout.readline(), 60)).decode().strip()
            assert line, f"the deliverer stopped before {word} #{count}: {self.lines[-3:]}"
            self.lines.append(line)
            if _matches(line, word):
                found.append(line)
        return found[count - 1].partition(" ")[2]

    def go(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"go\n")

    def signal(self, number: signal.Signals) -> None:
        os.kill(self.process.pid, number)

    async def stop_between_writes(self, db: Path) -> None:
        """SIGSTOP it at a moment it holds no write transaction.

        SQLite has one writer at a time: a process stopped inside a write (its
        lease renewal, say) blocks every other process until it runs again,
        which no lease can help with. That is a fact of the file, not what the
        stalled-process test is about, so the stop is retried until it lands
        between writes.
        """
        for _ in range(200):
            self.signal(signal.SIGSTOP)
            if await asyncio.to_thread(_writable, db):
                return
            self.signal(signal.SIGCONT)
            await asyncio.sleep(0.01)
        raise AssertionError("the process never paused outside a write transaction")

    async def finish(self) -> str:
        """Wait for the end; the DONE line's figures."""
        done = await self.read_until("DONE")
        await asyncio.wait_for(self.process.wait(), 60)
        return done


def _matches(line: str, start: str) -> bool:
    return line == start or line.startswith(start + " ")


def accepted(log: Path) -> Counter[int]:
    return Counter(int(i) for i in log.read_text(encoding="utf-8").split())


async def settled(db_path: Path) -> None:
    db = await Database.open(db_path)
    try:
        assert await outbox.pending_count(db) == 0
        assert await db.fetchval("SELECT count(*) FROM outbox WHERE claimed_by IS NULL") == 0
        assert await db.integrity_check() == "ok"
    finally:
        await db.close()


async def test_kill_9_mid_send_then_restart_delivers_each_message_once(tmp_path: Path) -> None:
    db_path, log = tmp_path / "picketbot.db", tmp_path / "platform.log"
    ids = await queue_messages(db_path)

    # A lease far longer than the test may wait: the restart must not need it to run out.
    first = await Deliverer.start(db_path, log, 0.3, lease="600")
    # The worker marks a message sent before it starts the next, so the ones before are
    # settled, and this one is mid-send: the platform does not have it yet.
    cut_short = int(await first.read_until("SENDING", KILL_WHEN_SENDING))
    first.signal(signal.SIGKILL)
    await first.process.wait()
    assert len(accepted(log)) == KILL_WHEN_SENDING - 1

    # The restart is on this machine and the killed process is gone: no need to wait out its lease.
    restart = await Deliverer.start(db_path, log, 0.0, lease="600")
    assert await restart.finish() == "delivered=29 repeats=1"
    assert int(await restart.read_until("SENDING")) == cut_short  # counted: it might have arrived
    delivered = accepted(log)
    assert sorted(delivered) == sorted(ids)
    assert set(delivered.values()) == {1}, "every message exactly once"
    await settled(db_path)


async def test_two_processes_at_once_deliver_each_message_once(tmp_path: Path) -> None:
    db_path, log = tmp_path / "picketbot.db", tmp_path / "platform.log"
    ids = await queue_messages(db_path, 300)
    both = [await Deliverer.start(db_path, log, 0.01, "--go") for _ in range(2)]
    for deliverer in both:
        await deliverer.read_until("READY")
    for deliverer in both:
        deliverer.go()
    done = [await deliverer.finish() for deliverer in both]

    delivered = accepted(log)
    assert sorted(delivered) == sorted(ids) and set(delivered.values()) == {1}, "each exactly once"
    counts = [int(line.split()[0].removeprefix("delivered=")) for line in done]
    assert sum(counts) == len(ids) and min(counts) > 0, done  # both took part
    assert all(line.endswith("repeats=0") for line in done)
    await settled(db_path)


async def test_killed_after_the_platform_accepted_repeats_that_one_message_and_counts_it(
    tmp_path: Path,
) -> None:
    db_path, log = tmp_path / "picketbot.db", tmp_path / "platform.log"
    ids = await queue_messages(db_path, 120)
    victim = await Deliverer.start(db_path, log, 0.05, "--go", "--after", "5")
    survivor = await Deliverer.start(db_path, log, 0.05, "--go")
    for deliverer in (victim, survivor):
        await deliverer.read_until("READY")
        deliverer.go()
    # Accepted by the platform, not yet marked sent: the one case that can repeat.
    lost_answer = int(await victim.read_until("ACCEPTED"))
    victim.signal(signal.SIGKILL)
    await victim.process.wait()

    # The survivor takes the victim's batch over once its lease runs out.
    assert await survivor.finish() == f"delivered={len(ids)} repeats=1"
    delivered = accepted(log)
    assert sorted(delivered) == sorted(ids)
    assert {i: n for i, n in delivered.items() if n != 1} == {lost_answer: 2}, "only that one, twice"
    await settled(db_path)


async def test_a_stalled_process_loses_its_claim_and_sends_nothing_more_from_it(tmp_path: Path) -> None:
    db_path, log = tmp_path / "picketbot.db", tmp_path / "platform.log"
    ids = await queue_messages(db_path, 120)
    stalled = await Deliverer.start(db_path, log, 0.5, "--go")
    survivor = await Deliverer.start(db_path, log, 0.05, "--go")
    for deliverer in (stalled, survivor):
        await deliverer.read_until("READY")
        deliverer.go()
    in_flight = int(await stalled.read_until("SENDING", 3))
    await stalled.stop_between_writes(db_path)  # alive, renewing nothing (a hung host, a paused container)
    try:
        # Its lease runs out; the survivor takes the batch over, the unsettled message first.
        await survivor.read_until(f"ACCEPTED {in_flight}")
    finally:
        stalled.signal(signal.SIGCONT)
    # Woken, it finishes the send it was in (the platform gets that one twice: counted), then
    # finds its lease gone and sends nothing more from that batch.
    await stalled.finish()
    assert (await survivor.finish()).endswith("repeats=1")
    delivered = accepted(log)
    assert sorted(delivered) == sorted(ids)
    assert {i: n for i, n in delivered.items() if n != 1} == {in_flight: 2}
    await settled(db_path)
