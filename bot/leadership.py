"""Leadership: the reminder scheduler and the job poller run in one process at a time.

Several ``picketbot run`` processes may share one database (a rolling deploy,
a mistake). Every one of them delivers the outbox (claims keep each message
to one sender, see `bot.delivery`), but only the leader runs the background
work that queues reminders and polls job boards. The others wait as
standbys: every third of a lease they try to take the lease, which succeeds
once the leader's has run out (it crashed or hung) or was released (a clean
stop). A leader that finds its lease gone (it stalled longer than a lease)
stops that work and becomes a standby itself, so two never run it at once
for longer than a stall.

The lease sits behind `LeaderLease`: on SQLite it is a row renewed in the
database; on PostgreSQL it is a session-level advisory lock on a connection
of its own (`storage.postgres.leader_lock`), which the server frees as soon
as the holder's connection is gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal, Protocol

from apscheduler.jobstores.base import JobLookupError

from storage import leases
from storage.database import Database

if TYPE_CHECKING:
    from bot.app import App, BackgroundStarter

log = logging.getLogger("picketbot.leader")
LEASE_NAME = "leader"
Role = Literal["starting", "leader", "standby"]


class LeaderLease(Protocol):
    holder: str

    async def acquire(self) -> bool:
        """Take the lease, or keep it: True while this process holds it."""

    async def release(self) -> None:
        """Give it up at once, so a standby need not wait for it to run out."""

    async def current_holder(self) -> str | None:
        """Who holds it now, for the log."""

    async def close(self) -> None:
        """Let go of whatever the lease keeps open (at a stop)."""


class SqliteLeaderLease:
    """The lease as a row of the `leases` table, renewed before it runs out."""

    def __init__(self, db: Database, holder: str, duration: timedelta, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.holder = holder
        self.duration = duration
        self.clock = clock

    async def acquire(self) -> bool:
        now = self.clock()
        return await leases.acquire(self.db, LEASE_NAME, self.holder, now, now + self.duration)

    async def release(self) -> None:
        await leases.release(self.db, LEASE_NAME, self.holder)

    async def current_holder(self) -> str | None:
        row = await leases.current(self.db, LEASE_NAME)
        return None if row is None else row.holder

    async def close(self) -> None:
        """Nothing to close: the row lives in the bot's own database."""


def leader_lease(
    db: Database, holder: str, duration: timedelta, clock: Callable[[], datetime]
) -> LeaderLease:
    """The lease for `db`'s backend: an advisory lock on PostgreSQL, a lease row on SQLite."""
    if db.dialect == "postgresql":
        from storage.postgres.leader_lock import AdvisoryLeaderLock

        return AdvisoryLeaderLock(db.path, holder)
    return SqliteLeaderLease(db, holder, duration, clock)


class LeaderWork:
    """The leader-only background work, started on the App and stopped again on losing the lease.

    Starters add scheduler jobs, tasks and closers to the App; what a start
    added is what a stop takes away.
    """

    def __init__(self, app: App, starters: Sequence[BackgroundStarter]) -> None:
        self.app = app
        self.starters = tuple(starters)
        self._jobs: list[str] = []
        #: Every scheduler job the work ever added, to remove strays while standing by.
        self._job_ids: set[str] = set()
        self._tasks: list[asyncio.Task[None]] = []
        self._closers: list[Callable[[], Awaitable[None]]] = []

    async def start(self) -> None:
        app = self.app
        jobs, tasks, closers = {job.id for job in app.scheduler.get_jobs()}, set(app.tasks), list(app.closers)
        for starter in self.starters:
            await starter(app)
        self._jobs = [job.id for job in app.scheduler.get_jobs() if job.id not in jobs]
        self._job_ids.update(self._jobs)
        self._tasks = [task for task in app.tasks if task not in tasks]
        self._closers = [closer for closer in app.closers if not any(closer is c for c in closers)]

    def remove_strays(self) -> None:
        """Remove the work's scheduler jobs. A pass that was running when the work stopped
        (the reminders schedule their next pass at the end of each) may have added one back."""
        for job_id in self._job_ids:
            with contextlib.suppress(JobLookupError):
                self.app.scheduler.remove_job(job_id)

    async def stop(self) -> None:
        app = self.app
        self.remove_strays()
        for task in self._tasks:
            task.cancel()
            app.tasks.remove(task)
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for closer in reversed(self._closers):
            app.closers.remove(closer)
            try:
                await closer()
            except Exception:
                log.exception("error while stopping the leader's work")
        self._jobs, self._tasks, self._closers = [], [], []


class Leadership:
    """Take the lease when it is free, hold it, run the leader's work while holding it."""

    def __init__(
        self,
        lease: LeaderLease,
        work: LeaderWork,
        duration: timedelta,
        clock: Callable[[], datetime],
    ) -> None:
        self.lease = lease
        self.work = work
        self.duration = duration
        self.clock = clock
        self.role: Role = "starting"
        self._held_until: datetime | None = None

    @property
    def check_every(self) -> float:
        return self.duration.total_seconds() / 3

    async def run(self) -> None:
        """After the first `step` (awaited at start, so a lone process has started its work
        when start-up returns): renew the lease, or try for it, every third of a lease."""
        while True:
            await asyncio.sleep(self.check_every)
            try:
                await self.step()
            except Exception:
                log.exception("leadership check failed; trying again in %.1f s", self.check_every)

    async def step(self) -> None:
        """Take or renew the lease, and start or stop the leader's work to match."""
        started = self.clock()
        try:
            held = await self.lease.acquire()
        except sqlite3.Error as error:  # a locked database: keep the role until the lease runs out
            log.warning("could not renew the leader lease: %s", error)
            if self.role == "leader" and self._held_until is not None and self.clock() >= self._held_until:
                await self._step_down("its lease ran out while the database could not be reached")
            return
        if held:
            self._held_until = started + self.duration
            if self.role != "leader":
                await self._take_over()
        elif self.role == "leader":
            await self._step_down("another process took the lease over (this one stalled)")
        elif self.role == "starting":
            self.role = "standby"
            holder = await self.lease.current_holder()
            log.info(
                "standby: %s runs reminders and the job poller on this database; this process takes"
                " over when it stops", holder or "another process",
            )  # fmt: skip
        else:
            self.work.remove_strays()

    async def _take_over(self) -> None:
        was = self.role
        self.role = "leader"
        if was == "standby":
            log.info("leader: took over reminders and the job poller (holder %s)", self.lease.holder)
        else:
            log.info("leader: this process runs reminders and the job poller (holder %s)", self.lease.holder)
        try:
            await self.work.start()
        except BaseException:
            # Half-started work is stopped and the lease given back, for a standby or a later try.
            self.role = "standby"
            await self.work.stop()
            await self.release_lease()
            raise

    async def _step_down(self, why: str) -> None:
        log.error("standby: stopping reminders and the job poller: %s", why)
        self.role = "standby"
        self._held_until = None
        await self.work.stop()

    async def release(self) -> None:
        """At a clean stop, after the leader's work has stopped: a standby may take over at once."""
        if self.role == "leader":
            self.role = "standby"
            await self.release_lease()
        await self.lease.close()

    async def release_lease(self) -> None:
        try:
            await self.lease.release()
        except sqlite3.Error as error:
            log.warning("could not release the leader lease (it runs out by itself): %s", error)
