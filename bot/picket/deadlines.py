"""Timed picket work besides reminders: swap offers at their deadline, and places from the waitlist
not confirmed in time.

Like reminders, nothing of it lives in memory: offers carry their deadline
and promoted sign-ups the moment of their promotion, in the database. The
reminder scheduler (`bot.picket.reminders`), which runs only in the leader
process, runs `Deadlines.run_due` at each pass and wakes at the soonest of
its own next reminder and `Deadlines.next_due_at`; a change that makes
something due sooner (an offer, a promotion, a cancelled place) sets
`Database.schedule_changed`, which runs a pass at once.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from commands.context import Settings
from commands.picket.notices import notices_for
from storage.database import Database
from storage.picket import confirmations, swap_rows, swaps
from storage.sync_tx import SyncTransaction

log = logging.getLogger("picketbot.reminders")


class Deadlines:
    """Settles what is due, in one transaction per pass (the rules decide; storage writes)."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.window = timedelta(minutes=settings.promotion_confirm_minutes)
        self.notices = notices_for(settings)

    async def run_due(self, now: datetime) -> int:
        """Settle the offers and lapse the unconfirmed places due at `now`; how many."""

        def work(tx: SyncTransaction) -> int:
            settled = swaps.settle_due_in(tx, now, self.notices)
            return settled + confirmations.lapse_due_in(tx, now, self.window, self.notices)

        done = await self.db.run_sync(work)
        if done:
            log.info("settled %d swap offers and unconfirmed places", done)
        return done

    async def next_due_at(self, now: datetime) -> datetime | None:
        def work(tx: SyncTransaction) -> datetime | None:
            times = [
                swap_rows.next_deadline(tx, now),
                confirmations.next_lapse_at(tx, now, self.window),
            ]
            return min((at for at in times if at is not None), default=None)

        return await self.db.run_sync(work, write=False)
