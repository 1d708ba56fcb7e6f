"""Real `picketbot run` processes on one database file, on a local fake Slack.

A rolling deploy, or a mistake: each serves Slack and delivers the outbox,
one runs reminders and the job poller while the others wait. Slack here
takes each process's first message and holds the answer, so all three have
claimed a batch and are mid-send at once. The leader is then killed with
SIGKILL; the two live ones go on side by side, and one takes over. The
message the killed one had handed over and never heard back about (the one
case no outbox can close) arrives twice and is counted; every other
reminder and alert arrives exactly once.
"""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import sqlite3
import sys
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp

from bot.testing.fakes.slack import FakeSlack
from storage import members
from storage.database import Database
from storage.outbox import queue as outbox
from storage.outbox.queue import OutboundMessage
from tests.helpers import subprocess_env
from tests.picket_time.data import add_shift, add_site, sign_up
from tests.slack.conftest import APP_TOKEN, BOT_TOKEN, slack_env

ALERTS = 120
PICKERS = ("U0PICKER1", "U0PICKER2", "U0PICKER3")


def free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Bot:
    """One `picketbot run` process, its log lines as they come, and its /healthz and /metrics."""

    process: asyncio.subprocess.Process
    port: int
    log: list[str] = field(default_factory=list)
    reader: asyncio.Task[None] | None = None

    @classmethod
    # Long enough that a process starved of CPU on a loaded machine keeps its claims; the killed
    # leader is taken over at once anyway (its process id is gone), so this costs no time.
    async def start(
        cls, fake: FakeSlack, db: Path | str, *, lease: str = "6", cwd: Path | None = None
    ) -> Bot:
        port = free_port()
        env = subprocess_env(**slack_env(fake, socket_mode=True))
        env.update(PICKETBOT_DB=str(db), PICKETBOT_LEASE_SECONDS=lease, PICKETBOT_HTTP_PORT=str(port))
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=env, cwd=cwd or Path(db).parent,
            stdin=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        bot = cls(process, port)
        bot.reader = asyncio.create_task(bot._read())
        return bot

    async def _read(self) -> None:
        assert self.process.stderr is not None
        while line := await self.process.stderr.readline():
            self.log.append(line.decode().rstrip())

    async def wait_for_log(self, text: str, timeout: float = 60) -> str:
        async with asyncio.timeout(timeout):
            while not (found := [line for line in self.log if text in line]):
                assert self.process.returncode is None, self.log[-5:]
                await asyncio.sleep(0.05)
        return found[0]

    async def get(self, path: str) -> str:
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"http://127.0.0.1:{self.port}{path}") as r,
        ):
            return await r.text()

    async def role(self) -> str:
        return str(json.loads(await self.get("/healthz"))["role"])

    async def stop(self) -> None:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(self.process.wait(), 30)
        if self.reader is not None:
            await self.reader


async def prepare(db_path: Path | str, now: datetime) -> int:
    """Shift reminders due at once, and alerts queued to four channels; returns the shift's id."""
    db = await Database.open(db_path)
    try:
        gate = await add_site(db, "Gate", platform="slack", channel_id="C0GATE")
        shift = await add_shift(db, gate, now + timedelta(minutes=30))
        for user in PICKERS:
            await sign_up(db, shift, await members.ensure(db, "slack", user, user.lower()))
        async with db.transaction() as tx:
            for n in range(ALERTS):
                message = OutboundMessage(
                    "slack", "channel", f"C0ALERTS{n % 4}", f"alert-{n:03d} on the board"
                )
                await outbox.enqueue(tx, message, not_before=now)
    finally:
        await db.close()
    return shift


async def sent_everything(address: Path | str) -> bool:
    db = await Database.open(address)
    try:
        pending = await db.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
        queued = await db.fetchval("SELECT count(*) FROM outbox WHERE kind = 'reminder'")
    finally:
        await db.close()
    return int(pending) == 0 and int(queued) == len(PICKERS)


def key_of(message: dict[str, object], shift: int) -> object:
    """What a posted message is: an alert's number, or a reminder's DM channel."""
    text = json.dumps(message)
    alerts = [f"alert-{n:03d}" for n in range(ALERTS) if f"alert-{n:03d} " in text]
    reminders = [message["channel"]] if f"Shift #{shift}." in text else []
    (key,) = alerts + reminders
    return key


async def test_live_bots_deliver_each_message_once_and_a_standby_takes_over(
    database: str, tmp_path: Path
) -> None:
    """On SQLite (a lease row) and on PostgreSQL (an advisory lock)."""
    db_path = database
    shift = await prepare(db_path, datetime.now(UTC))
    async with FakeSlack(bot_token=BOT_TOKEN, app_token=APP_TOKEN) as fake:
        for user in PICKERS:
            fake.add_user(user, user.lower())
        fake.slow_answers()
        bots: list[Bot] = []
        try:
            for number in range(3):
                bots.append(await Bot.start(fake, db_path, cwd=tmp_path))
                await bots[-1].wait_for_log("leader: this process runs" if number == 0 else "standby: ")
                await fake.wait_for_unanswered(number + 1, timeout=60)  # its first message, taken
            leader, *standbys = bots
            assert [await bot.role() for bot in bots] == ["leader", "standby", "standby"]

            lost_answer = key_of(fake.unanswered[0], shift)  # the leader's, which it never hears about
            leader.process.kill()  # SIGKILL: its claims and its lease stay in the database
            await leader.process.wait()
            fake.answer_now()  # the two live ones go on, side by side

            async with asyncio.timeout(90):
                while not await sent_everything(db_path) or "leader" not in [
                    await b.role() for b in standbys
                ]:
                    await asyncio.sleep(0.1)
            assert sorted([await bot.role() for bot in standbys]) == ["leader", "standby"]
            metrics = [await bot.get("/metrics") for bot in standbys]
        finally:
            for bot in bots:
                await bot.stop()
        posted = Counter(key_of(message, shift) for message in fake.messages())

    took_over = [bot for bot in standbys if any("leader: took over reminders" in line for line in bot.log)]
    assert len(took_over) == 1
    expected = [*(f"alert-{n:03d}" for n in range(ALERTS)), *(f"D{user[1:]}" for user in PICKERS)]
    assert sorted(map(str, posted)) == sorted(expected)
    assert {key: n for key, n in posted.items() if n != 1} == {lost_answer: 2}, "that one, twice; no other"
    repeats = [
        line
        for text in metrics
        for line in text.splitlines()
        if line.startswith("picketbot_outbox_possible_repeats_total")
    ]
    assert sorted(repeats) == ['picketbot_outbox_possible_repeats_total{platform="slack"} 1.0']


async def test_sigterm_stops_cleanly_and_gives_the_lease_back_at_once(tmp_path: Path) -> None:
    """`docker stop` sends SIGTERM: the leader lease must be free for a standby right away,
    not after it runs out (here it would take ten minutes)."""
    db_path = tmp_path / "picketbot.db"
    await prepare(db_path, datetime.now(UTC))
    async with FakeSlack(bot_token=BOT_TOKEN, app_token=APP_TOKEN) as fake:
        for user in PICKERS:
            fake.add_user(user, user.lower())
        bot = await Bot.start(fake, db_path, lease="600")
        await bot.wait_for_log("leader: this process runs")
        async with asyncio.timeout(60):
            while not await sent_everything(db_path):
                await asyncio.sleep(0.1)
        await bot.stop()
    assert bot.process.returncode == 0, bot.log[-5:]
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("SELECT count(*) FROM leases").fetchone()[0] == 0
