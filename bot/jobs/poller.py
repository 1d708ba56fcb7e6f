"""The job poller: every minute, poll the sources that are due, then alert.

State lives in the database (``job_sources.next_poll_at``), so a restart
picks up where the last run stopped and a source added in chat is polled at
the next check. A cycle polls due sources concurrently, each in its own task
with its own timeout, at most ``concurrency`` at once and one per host, over
one shared pair of aiohttp sessions (``bot.jobs.sessions``). When they are
done, new AI listings are queued as grouped alerts (see ``bot.jobs.alerts``).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from aiohttp.abc import AbstractResolver

from bot.jobs.alerts import queue_alerts
from bot.jobs.fetch.sessions import Sessions
from bot.jobs.listing import Listing
from bot.jobs.poll_source import PollContext, SourceOutcome, host_of, poll_source
from bot.jobs.poller_settings import PollerSettings, poller_settings
from commands.i18n import speaking
from storage.database import Database
from storage.jobs import sources, subscriptions
from storage.jobs.sources import Source

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger("picketbot.jobs")
JOB_ID = "job-poller"

#: Told (source name, result) after each source's poll: the metrics counter.
ResultObserver = Callable[[str, str], None]


@dataclass(frozen=True)
class CycleReport:
    outcomes: tuple[SourceOutcome, ...]
    alerts_queued: int

    @property
    def new_ai(self) -> list[Listing]:
        return [listing for outcome in self.outcomes for listing in outcome.new_ai]

    @property
    def failures(self) -> list[SourceOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "error"]


class Poller:
    def __init__(
        self,
        db: Database,
        settings: PollerSettings,
        *,
        clock: Callable[[], datetime],
        on_result: ResultObserver | None = None,
        rng: random.Random | None = None,
        resolver: AbstractResolver | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        self.on_result = on_result
        self.rng = rng or random.Random()
        # ``resolver`` replaces the system's name lookup (tests); addresses are checked either way.
        self._sessions = Sessions(resolver)
        self._cycle_lock = asyncio.Lock()
        self._hosts: dict[str, asyncio.Lock] = {}
        self._running: asyncio.Task[object] | None = None
        self._closing = False

    async def sync(self) -> None:
        """Bring the configured sources and alert channels into the database."""
        now = self.clock()
        added = await sources.sync_config(self.db, list(self.settings.sources), now)
        channels = await subscriptions.ensure(self.db, self.settings.alert_channels, now)
        if added or channels:
            log.info(
                "job poller: %d new sources, %d new alert channels from the configuration", added, channels
            )

    async def run_cycle(self, *, force: bool = False) -> CycleReport:
        """Poll every due source (``force``: every source, due or not), then queue alerts for
        what is new. One cycle at a time."""
        async with self._cycle_lock:
            now = self.clock()
            due = await sources.due(self.db, now, every=force)
            context = PollContext(self.db, self._sessions, self.settings, self.rng)
            limit = asyncio.Semaphore(self.settings.concurrency)
            outcomes = await asyncio.gather(*(self._one(context, limit, source, now) for source in due))
            with speaking(self.settings.language):  # channel posts: the bot's language, not a member's
                queued = await queue_alerts(self.db, self.clock())
            return CycleReport(tuple(outcomes), queued)

    async def _one(
        self, context: PollContext, limit: asyncio.Semaphore, source: Source, now: datetime
    ) -> SourceOutcome:
        host = self._hosts.setdefault(host_of(source), asyncio.Lock())
        async with host, limit:
            try:
                outcome = await poll_source(context, source, now)
            except Exception as error:  # even recording the failure failed (a locked database)
                log.exception("job source %s could not be polled", source.name)
                reason = f"internal error ({type(error).__name__})"
                outcome = SourceOutcome(source.name, "error", error=reason, error_kind="internal error")
        if self.on_result is not None:
            self.on_result(source.name, outcome.status)
        return outcome

    async def scheduled_cycle(self, force: bool = False) -> None:
        """The APScheduler job: one cycle, errors logged, cancellable at shutdown."""
        self._running = asyncio.current_task()
        try:
            report = await self.run_cycle(force=force)
        except asyncio.CancelledError:
            if self._closing:
                return  # stopped by close(): the rolled-back work is redone next start
            raise
        except Exception:
            log.exception("job poll cycle failed")
            return
        finally:
            self._running = None
        if report.outcomes:
            log.info(
                "job poll: %d sources, %d new AI listings, %d failed",
                len(report.outcomes), len(report.new_ai), len(report.failures),
            )  # fmt: skip

    async def close(self) -> None:
        self._closing = True
        running = self._running
        if running is not None and not running.done():
            running.cancel()
            await asyncio.gather(running, return_exceptions=True)
        await self._sessions.close()


async def start_poller(app: App) -> None:
    """Background starter: sync sources from the configuration, then check every minute."""
    settings = poller_settings(app.config)
    if not settings.enabled:
        log.info("job poller is off ([poller] enabled = false)")
        return
    poller = Poller(app.db, settings, clock=app.services.clock, on_result=app.metrics.poll_result)
    await poller.sync()
    app.closers.append(poller.close)
    # The first check comes one interval after start, not at once: a console
    # opened for a quick question does not fire requests at every board.
    app.scheduler.add_job(
        poller.scheduled_cycle, "interval", seconds=settings.check_every_seconds, id=JOB_ID,
        replace_existing=True, max_instances=1, coalesce=True, misfire_grace_time=None,
    )  # fmt: skip
