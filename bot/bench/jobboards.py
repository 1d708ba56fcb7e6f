"""The job poller pointed at the local board server: what scenarios 3 and 4 share."""

from __future__ import annotations

import time
from dataclasses import dataclass

from bot.jobs.poller import CycleReport, Poller
from bot.jobs.poller_settings import PollerSettings
from bot.testing.clock import FakeClock
from bot.testing.fakes.jobboards.studios import board_token, company_name
from storage.database import Database
from storage.jobs.sources import SourceDraft
from storage.jobs.subscriptions import Subscription

#: How often each source is polled; the benchmark moves its clock past this between cycles.
INTERVAL_MINUTES = 30
JOBS_PER_BOARD = 30
AI_PER_BOARD = 5


#: The board server, run as a child process (`bot.bench.child.child_server`).
BOARD_SERVER = "bot.testing.fakes.jobboards"


def next_round(clock: FakeClock) -> None:
    """Move the poller's clock (still during a cycle) past the poll interval."""
    clock.advance(minutes=INTERVAL_MINUTES + 1)


def board_sources(count: int, ports: list[int]) -> tuple[SourceDraft, ...]:
    """One Greenhouse source per local board, spread over the server's ports (its "hosts")."""
    return tuple(
        SourceDraft(
            name=f"Studio {i:04d}",
            company=company_name(i),
            board_type="greenhouse",
            board=board_token(i),
            base_url=f"http://127.0.0.1:{ports[i % len(ports)]}",
            interval_minutes=INTERVAL_MINUTES,
        )
        for i in range(count)
    )


def make_poller(
    db: Database,
    clock: FakeClock,
    sources: tuple[SourceDraft, ...],
    channels: tuple[Subscription, ...] = (),
) -> Poller:
    """A poller with the bot's default settings, watching `sources`."""
    settings = PollerSettings(sources=sources, alert_channels=channels)
    return Poller(db, settings, clock=clock)


@dataclass(frozen=True)
class TimedCycle:
    wall: float
    cpu: float
    report: CycleReport

    def statuses(self) -> set[str]:
        return {outcome.status for outcome in self.report.outcomes}


async def timed_cycle(poller: Poller) -> TimedCycle:
    """One poll cycle, in wall seconds and this process's CPU seconds (all threads)."""
    wall, cpu = time.perf_counter(), time.process_time()
    report = await poller.run_cycle()
    return TimedCycle(time.perf_counter() - wall, time.process_time() - cpu, report)
