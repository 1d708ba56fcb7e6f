"""Scenario 3: a poll cycle over many job boards served locally, cold and then warm.

The real poller (bot/jobs/poller.py, default settings: four sources at once,
never two on one host) polls every board once on a fresh database (cold:
every board fetched, parsed, classified and stored), then again with the
clock moved past the poll interval and nothing changed on any board (warm:
each board answers the conditional GET with 304). Wall and CPU seconds of
each cycle are reported; the board server runs in its own process, so the
CPU is the bot's alone.
"""

from __future__ import annotations

from bot.app import open_app
from bot.bench.child import child_server
from bot.bench.common import Sizes, scratch
from bot.bench.jobboards import (
    AI_PER_BOARD,
    BOARD_SERVER,
    JOBS_PER_BOARD,
    board_sources,
    make_poller,
    next_round,
    timed_cycle,
)
from bot.bench.report import ScenarioResult
from bot.config.loading import load_config
from bot.testing.clock import FakeClock

#: Target from issue 7.
WARM_TARGET_SECONDS = 2.0
#: Boards per emulated host (ports of the board server).
BOARDS_PER_HOST = 10


async def run(sizes: Sizes) -> ScenarioResult:
    result = ScenarioResult("poll_cycle", "poll cycle")
    hosts = max(1, sizes.boards // BOARDS_PER_HOST)
    args = ["--boards", str(sizes.boards), "--hosts", str(hosts)]
    args += ["--jobs", str(JOBS_PER_BOARD), "--ai", str(AI_PER_BOARD)]
    async with child_server(BOARD_SERVER, *args) as server:
        with scratch("poll") as work:
            clock = FakeClock()
            app = await open_app(load_config(db_path=str(work / "poll.db"), env={}), clock=clock)
            poller = make_poller(app.db, clock, board_sources(sizes.boards, server["ports"]))
            try:
                await poller.sync()
                cold = await timed_cycle(poller)
                next_round(clock)
                warm = await timed_cycle(poller)
                stored = int(await app.db.fetchval("SELECT count(*) FROM job_listings"))
                ai = int(await app.db.fetchval("SELECT count(*) FROM job_listings WHERE is_ai = 1"))
            finally:
                await poller.close()
                await app.close()
    result.add("cold cycle wall", cold.wall, "s")
    result.add("cold cycle CPU", cold.cpu, "s")
    result.add("warm cycle wall", warm.wall, "s", WARM_TARGET_SECONDS)
    result.add("warm cycle CPU", warm.cpu, "s")
    result.checks[f"cold: all {sizes.boards} boards read"] = len(
        cold.report.outcomes
    ) == sizes.boards and cold.statuses() == {"first"}
    result.checks["warm: every board unchanged"] = len(
        warm.report.outcomes
    ) == sizes.boards and warm.statuses() == {"unchanged"}
    result.checks["every listing stored, AI ones marked"] = (
        stored == sizes.boards * JOBS_PER_BOARD and ai == sizes.boards * AI_PER_BOARD
    )
    result.notes.append(
        f"{sizes.boards} Greenhouse-format boards of {JOBS_PER_BOARD} listings on {hosts} local port(s), "
        "served by a separate process; the poller from bot/jobs/poller.py with default settings"
    )
    return result
