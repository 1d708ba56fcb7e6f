"""Shift reminders: derived from the database, woken by APScheduler, queued once.

Nothing about reminders lives in memory. On start, and whenever the single
APScheduler `date` job fires or `db.schedule_changed` is set (a sign-up, a
new or moved shift), one pass queues every reminder that is due and then
schedules the job for the next one. A reminder is queued in the same
transaction that records it in `reminders_sent`, so it goes out once, across
restarts too. After downtime only the latest missed reminder per shift and
member goes out (the 1-hour one, not a stale 24-hour one beside it).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import groupby
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from apscheduler.schedulers.base import BaseScheduler

from commands.periods import clock_range
from commands.reply import Button
from commands.text import no_pings
from storage.database import Database
from storage.outbox import queue as outbox
from storage.outbox.queue import OutboundMessage
from storage.picket import reminders as store

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger("picketbot.reminders")
JOB_ID = "picket-reminders"
#: Look again at least this often, for changes made by another process (the CLI, a second bot).
MAX_SLEEP = timedelta(minutes=15)
#: After a failed pass (a locked or broken database), wait this long rather than spin.
RETRY_AFTER = timedelta(minutes=1)


def _in_about(delta: timedelta) -> str:
    minutes = max(round(delta.total_seconds() / 60), 1)
    if minutes < 90:
        return f"in {minutes} minute{'' if minutes == 1 else 's'}"
    hours = round(minutes / 60)
    return f"in about {hours} hours" if hours < 48 else f"in about {round(hours / 24)} days"


def reminder_message(due: store.DueReminder, now: datetime) -> OutboundMessage:
    zone = ZoneInfo(due.timezone)
    start, end = due.starts_at.astimezone(zone), due.ends_at.astimezone(zone)
    when = f"{start:%a} {start.day} {start:%b}, {clock_range(start, end)}"
    site = no_pings(due.site_name)
    lines = [f"Your picket shift at {site} starts {_in_about(due.starts_at - now)}: {when}."]
    if due.address:
        lines.append(f"Address: {no_pings(due.address)}")
    lines.append(f"Shift #{due.shift_id}. Can't make it? Cancel so someone on the waitlist gets your place.")
    return OutboundMessage(
        platform=due.platform,
        target_kind="user",
        target_id=due.platform_user_id,
        body="\n".join(lines),
        kind="reminder",
        title="Picket shift reminder",
        buttons=(Button("Cancel my sign-up", f"picket cancel {due.shift_id}", "danger"),),
        fallback_channel_id=due.fallback_channel_id,
        dedupe_key=f"reminder:{due.shift_id}:{due.member_id}:{due.offset_minutes}",
    )


def _to_send(group: list[store.DueReminder]) -> store.DueReminder | None:
    """Of one shift and member's due reminders, the latest; none if a later one was handled."""
    latest = min(group, key=lambda due: due.offset_minutes)
    handled = latest.least_recorded_offset
    return None if handled is not None and handled < latest.offset_minutes else latest


async def queue_due(db: Database, now: datetime, offsets: tuple[int, ...]) -> int:
    """Queue every reminder due at `now` in one transaction; returns how many were queued."""
    queued = 0
    async with db.transaction() as tx:
        found = await store.due(tx, now, offsets)
        found.sort(key=lambda due: (due.shift_id, due.member_id))
        for _, grouped in groupby(found, key=lambda due: (due.shift_id, due.member_id)):
            group = list(grouped)
            chosen = _to_send(group)
            for due in group:
                # Skipped (stale) offsets are recorded too, so they never go out later.
                fresh = await store.record(tx, due.shift_id, due.member_id, due.offset_minutes, now)
                if fresh and due is chosen:
                    await outbox.enqueue(tx, reminder_message(due, now), not_before=now)
                    queued += 1
    if queued:
        log.info("queued %d shift reminders", queued)
    return queued


class ReminderScheduler:
    """One pass at a time; after each pass the APScheduler job is set for the next due reminder."""

    def __init__(
        self,
        db: Database,
        scheduler: BaseScheduler,
        clock: Callable[[], datetime],
        offsets: tuple[int, ...],
    ) -> None:
        self.db = db
        self.scheduler = scheduler
        self.clock = clock
        self.offsets = offsets
        self._lock = asyncio.Lock()

    async def run_pass(self) -> int:
        async with self._lock:
            try:
                queued = await queue_due(self.db, self.clock(), self.offsets)
                now = self.clock()
                next_at = await store.next_due_at(self.db, now, self.offsets)
            except Exception:
                log.exception("reminder pass failed; trying again in %s", RETRY_AFTER)
                self._schedule_in(RETRY_AFTER)
                return 0
            self._schedule_in(
                MAX_SLEEP if next_at is None else min(max(next_at - now, timedelta()), MAX_SLEEP)
            )
            return queued

    def _schedule_in(self, wait: timedelta) -> None:
        # APScheduler runs on the real clock; the services clock only says how long to wait.
        run_at = datetime.now(UTC) + wait
        self.scheduler.add_job(
            self.run_pass, "date", run_date=run_at, id=JOB_ID, replace_existing=True,
            misfire_grace_time=None, coalesce=True,
        )  # fmt: skip

    async def watch_changes(self) -> None:
        """Run a pass whenever sign-ups or shifts change (the sign-up code sets the event)."""
        while True:
            await self.db.schedule_changed.wait()
            self.db.schedule_changed.clear()
            await self.run_pass()


async def start_reminders(app: App) -> None:
    """Background starter: catch up on reminders missed while down, then keep watching."""
    reminders = ReminderScheduler(
        app.db, app.scheduler, app.services.clock, app.services.settings.reminder_offsets_minutes
    )
    app.db.schedule_changed.clear()
    await reminders.run_pass()
    app.spawn(reminders.watch_changes(), "picket-reminders")
