"""Shift reminders: derived from the database, woken by APScheduler, queued once.

Nothing about reminders lives in memory. On start, and whenever the single
APScheduler `date` job fires or `db.schedule_changed` is set (the database
sets it after committing a sign-up, a new or moved shift), one pass settles
the swap offers and unconfirmed places that are due (`bot.picket.deadlines`),
queues every reminder that is due and then schedules the job for the next of
either. The
words are `commands.picket.notices.reminder_message`, in the member's language. A reminder is queued in the same
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

from apscheduler.schedulers.base import BaseScheduler

from bot.picket.deadlines import Deadlines
from commands.i18n import SOURCE_LANGUAGE
from commands.picket.notices import reminder_message
from storage.database import Database
from storage.outbox import queue as outbox
from storage.picket import reminders as store
from storage.sync_tx import SyncTransaction

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger("picketbot.reminders")
JOB_ID = "picket-reminders"
#: Look again at least this often, for changes made by another process (the CLI, a second bot).
MAX_SLEEP = timedelta(minutes=15)
#: After a failed pass (a locked or broken database), wait this long rather than spin.
RETRY_AFTER = timedelta(minutes=1)
#: After a change, wait this long (real time) for more before the pass. A storm of sign-ups
#: commits in many group-commit batches; one pass each would put two queries behind every
#: batch in the database's one queue, so the members' answers waited for reminder planning.
#: Reminders are minutes apart: a quarter of a second changes none of them.
CHANGES_SETTLE_SECONDS = 0.25


def _to_send(group: list[store.DueReminder]) -> store.DueReminder | None:
    """Of one shift and member's due reminders, the latest; none if a later one was handled."""
    latest = min(group, key=lambda due: due.offset_minutes)
    handled = latest.least_recorded_offset
    return None if handled is not None and handled < latest.offset_minutes else latest


async def queue_due(
    db: Database, now: datetime, offsets: tuple[int, ...], language: str = SOURCE_LANGUAGE
) -> int:
    """Queue every reminder due at `now` in one transaction (one hop); returns how many were queued.

    Each is written in its member's language; `language` (``[bot] language``) for a member who
    named none the bot speaks.
    """

    def work(tx: SyncTransaction) -> int:
        queued = 0
        found = store.due(tx, now, offsets)
        found.sort(key=lambda due: (due.shift_id, due.member_id))
        for _, grouped in groupby(found, key=lambda due: (due.shift_id, due.member_id)):
            group = list(grouped)
            chosen = _to_send(group)
            for due in group:
                # Skipped (stale) offsets are recorded too, so they never go out later.
                fresh = store.record(tx, due.shift_id, due.member_id, due.offset_minutes, now)
                if fresh and due is chosen:
                    outbox.enqueue_in(tx, reminder_message(due, now, language), not_before=now)
                    queued += 1
        return queued

    queued = await db.run_sync(work)
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
        deadlines: Deadlines | None = None,
        *,
        settle: float = CHANGES_SETTLE_SECONDS,
        language: str = SOURCE_LANGUAGE,
    ) -> None:
        self.db = db
        #: ``[bot] language``: reminders to members who named no language the bot speaks.
        self.language = language
        self.settle = settle
        self.scheduler = scheduler
        self.clock = clock
        self.offsets = offsets
        #: Swap offers and unconfirmed places from the waitlist, settled at each pass too.
        self.deadlines = deadlines
        self._lock = asyncio.Lock()

    async def run_pass(self) -> int:
        async with self._lock:
            try:
                if self.deadlines is not None:  # first: a place moved on gets its reminders this pass
                    await self.deadlines.run_due(self.clock())
                queued = await queue_due(self.db, self.clock(), self.offsets, self.language)
                now = self.clock()
                next_at = await store.next_due_at(self.db, now, self.offsets)
                if self.deadlines is not None:
                    times = (next_at, await self.deadlines.next_due_at(now))
                    next_at = min((at for at in times if at is not None), default=None)
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
        """Run a pass whenever sign-ups or shifts change (the database sets the event after a
        commit): one for all the changes within `settle` of the first."""
        while True:
            await self.db.schedule_changed.wait()
            await asyncio.sleep(self.settle)
            self.db.schedule_changed.clear()
            await self.run_pass()


async def start_reminders(app: App) -> None:
    """Background starter: catch up on reminders missed while down, then keep watching."""
    settings = app.services.settings
    reminders = ReminderScheduler(
        app.db, app.scheduler, app.services.clock, settings.reminder_offsets_minutes,
        Deadlines(app.db, settings), language=settings.language,
    )  # fmt: skip
    app.db.schedule_changed.clear()
    await reminders.run_pass()
    app.spawn(reminders.watch_changes(), "picket-reminders")
