"""The live-post editor: keeps shift posts showing their shifts' counts, within the platforms' limits.

A change to a shift marks its live posts stale in the change's own
transaction (`storage.picket.post_marks`); the database wakes this editor
after the commit (`Database.posts_changed`). A pass queues one edit per stale
post whose last edit is at least `gap` old (`shift_posts.refresh_due`), then
the editor sleeps until the next post falls due. So a storm of 2,000 clicks
costs an edit every couple of seconds per post, and the last change is shown
within `gap` of being made, plus the delivery of the edit. The edits go out
through the outbox like any message (rate limits, Retry-After, restarts).

Every process runs its own editor: it is woken by its own commits, and the
edits it queues are decided in one transaction, so two editors never queue
the same edit twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from commands.i18n import SOURCE_LANGUAGE
from commands.picket.posts import post_words
from storage.database import Database
from storage.picket import shift_posts

log = logging.getLogger("picketbot.posts")

#: At most one edit per post this often: Discord and Slack take about one edit a second per channel.
EDIT_GAP = timedelta(seconds=2)
#: Look again at least this often, for changes made by another process on the same database.
MAX_SLEEP = 30.0
#: After a failed pass (a locked database), wait this long rather than spin.
RETRY_AFTER = 5.0


class PostEditor:
    def __init__(
        self,
        db: Database,
        clock: Callable[[], datetime],
        *,
        gap: timedelta = EDIT_GAP,
        language: str = SOURCE_LANGUAGE,
    ) -> None:
        self.db = db
        #: ``[bot] language``: a post is read by everyone in its channel, whoever clicked.
        self.render = post_words(language)
        self.clock = clock
        self.gap = gap
        #: Edits queued so far (tests and the benchmark read it).
        self.queued = 0

    async def run_pass(self, *, wait: bool = True) -> int:
        """Queue the edits due now; ``wait=False`` edits every stale post at once (the console,
        where one person types and no rate limit applies)."""
        gap = self.gap if wait else timedelta()
        queued = await shift_posts.refresh_due(self.db, self.clock(), gap, self.render)
        self.queued += queued
        return queued

    async def run(self) -> None:
        while True:
            self.db.posts_changed.clear()  # before the pass: a change made during it runs another
            try:
                await self.run_pass()
                timeout = await self._until_next()
            except Exception:
                log.exception("live-post pass failed; trying again in %.0f s", RETRY_AFTER)
                timeout = RETRY_AFTER
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.db.posts_changed.wait(), timeout)

    async def _until_next(self) -> float:
        next_at = await shift_posts.next_due_at(self.db, self.gap)
        if next_at is None:
            return MAX_SLEEP
        return min(max((next_at - self.clock()).total_seconds(), 0.05), MAX_SLEEP)
