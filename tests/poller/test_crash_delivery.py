"""Kill -9 during delivery, restart: every alert is delivered, none twice."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.jobs.poller import Poller
from bot.testing.clock import FakeClock
from bot.testing.fakes.jobboards import JobBoardServer
from bot.testing.harness import TestBot
from tests.poller.conftest import (
    greenhouse_job,
    greenhouse_source,
    lantern_jobs,
    make_due,
    serve_greenhouse,
    settings,
    subscribe,
)

REPO = Path(__file__).resolve().parents[2]
NEW_TITLES = [f"Machine Learning Engineer {n:02d}" for n in range(40)]


def sent_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        sql = "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL AND kind = 'job_alert'"
        return int(conn.execute(sql).fetchone()[0])


async def queue_many_alerts(db: Path, server: JobBoardServer) -> int:
    """A first poll, then 40 new AI listings: several grouped alert messages, queued not sent."""
    # The delivery processes use the real clock, so this clock starts in the past.
    clock = FakeClock(datetime.now(UTC) - timedelta(days=1))
    async with await TestBot.open(db.parent, clock=clock, db_name=db.name) as bot:
        app = bot.app
        serve_greenhouse(server, "lantern", lantern_jobs())
        poller = Poller(app.db, settings(greenhouse_source(server, "lantern")), clock=clock)
        await poller.sync()
        await subscribe(app)
        await poller.run_cycle()
        assert len(await bot.deliver()) == 1  # the first poll's notice
        new = [greenhouse_job(20_000 + n, title) for n, title in enumerate(NEW_TITLES)]
        serve_greenhouse(server, "lantern", [*lantern_jobs(), *new])
        await make_due(app, clock, "lantern")
        report = await poller.run_cycle()
        await poller.close()
        return report.alerts_queued


async def read_until_killed(db: Path, after: int) -> str:
    """Run the slow deliverer; SIGKILL it once `after` messages are marked sent."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.poller.slow_delivery", str(db), "0.5",
        cwd=REPO, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None
    output: list[str] = []
    ends = 0
    while ends < after:
        line = (await asyncio.wait_for(process.stdout.readline(), 30)).decode()
        assert line, "the deliverer stopped early"
        output.append(line)
        ends += line.startswith("END ")
    # Printed is not yet committed: wait for the commit, then kill during the next pause.
    while sent_count(db) < after:
        await asyncio.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    rest = await process.stdout.read()
    await process.wait()
    return "".join(output) + rest.decode()


async def restart_bot(tmp_path: Path, db: Path) -> str:
    config = tmp_path / "picketbot.toml"
    config.write_text("[poller]\nenabled = false\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PICKETBOT_", "DISCORD_", "SLACK_"))}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "console", "--db", str(db), "--config", str(config),
        cwd=tmp_path, env=env, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0
    return out.decode()


async def test_killed_during_delivery_the_restart_delivers_the_rest_exactly_once(
    tmp_path: Path, board_server: JobBoardServer
) -> None:
    db = tmp_path / "picketbot.db"
    queued = await queue_many_alerts(db, board_server)
    assert queued >= 4

    before = await read_until_killed(db, after=2)
    assert sent_count(db) == 2
    assert before.count("BEGIN ") == 2
    after = await restart_bot(tmp_path, db)
    assert sent_count(db) == queued

    seen = Counter(
        line.split(" — ", 1)[1]
        for line in (before + after).splitlines()
        if line.startswith("Lantern Pictures — ")
    )
    assert sorted(seen) == sorted(NEW_TITLES)
    assert set(seen.values()) == {1}, "every listing delivered exactly once"
