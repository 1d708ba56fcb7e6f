"""Deliver the outbox: one worker, woken when a message is queued or falls due.

Each platform adapter provides a `Sender`. A message is marked sent only after
its platform accepted it; failures are retried with exponential backoff (or
after the platform's Retry-After), so a crash or an outage loses nothing.

Several processes may deliver from one database (a rolling deploy): each
claims a batch before sending it (`storage.outbox_claims`) and renews the
claim while it works, so no two send the same message. A batch whose process
died is taken over once its lease runs out; the one message that process may
have been sending is counted as a possible repeat (see `on_possible_repeat`).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import sqlite3
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from types import TracebackType
from typing import Protocol, runtime_checkable

from bot.backoff import Backoff
from storage.database import Database
from storage.leases import new_holder_id
from storage.outbox import claims, edits
from storage.outbox import queue as outbox
from storage.outbox.claims import Claimed
from storage.outbox.queue import Landed, OutboundMessage, PostedRef

log = logging.getLogger("picketbot.delivery")
#: Even with nothing queued, look again this often (another process may have queued).
IDLE_POLL_SECONDS = 30.0
#: How long a claim survives a process that stops renewing it (PICKETBOT_LEASE_SECONDS).
DEFAULT_LEASE = timedelta(seconds=30)
#: Messages claimed in one transaction: few enough that a crash strands little for a lease.
CLAIM_BATCH = 50
#: After a failed send without a Retry-After: 2 s, 4 s, 8 s … an hour.
SEND_BACKOFF = Backoff(first=2.0, cap=3600.0)

#: Told about each delivered message (the metrics counters).
MessageObserver = Callable[[OutboundMessage], None]


class DeliveryError(Exception):
    """A send failed; `retry_after` is the platform's own wait, when it gave one."""

    def __init__(self, message: str, *, retry_after: float | None = None, permanent: bool = False) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent


class MessageGone(DeliveryError):
    """An edit's message no longer exists (deleted in the channel): the edit is dropped."""

    def __init__(self, message: str) -> None:
        super().__init__(message, permanent=True)


class Sender(Protocol):
    platform: str

    async def send(self, message: OutboundMessage) -> PostedRef | None:
        """Deliver one message or raise DeliveryError; where it landed, when the platform says."""


@runtime_checkable
class EditingSender(Sender, Protocol):
    """A sender that can also replace the content of a message it sent (`storage.outbox.edits`)."""

    async def edit(self, where: PostedRef, message: OutboundMessage) -> None:
        """Replace the message at `where` with `message`'s content; MessageGone if it was deleted."""


class DeliveryWorker:
    def __init__(
        self,
        db: Database,
        senders: Mapping[str, Sender],
        clock: Callable[[], datetime],
        on_delivered: MessageObserver | None = None,
        *,
        lease: timedelta = DEFAULT_LEASE,
        holder: str | None = None,
        on_possible_repeat: MessageObserver | None = None,
    ) -> None:
        self.db = db
        self.senders = dict(senders)
        self.clock = clock
        self.delivered = 0
        self.on_delivered = on_delivered
        self.lease = lease
        self.holder = holder or new_holder_id()
        #: Told about each message sent again after a process that stopped may have sent it.
        self.on_possible_repeat = on_possible_repeat
        self._batches = itertools.count(1)
        # The console also drains the outbox after each command: one pass at a time per platform.
        self._pass_locks = {platform: asyncio.Lock() for platform in self.senders}
        #: Per platform, the places (target kind, id) that answered "wait" during the current pass.
        self._held: dict[str, set[tuple[str, str]]] = {platform: set() for platform in self.senders}
        #: Per platform, the message being sent and not yet recorded: its outcome is unknown.
        self._in_flight: dict[str, int] = {}

    @property
    def platforms(self) -> tuple[str, ...]:
        return tuple(sorted(self.senders))

    async def deliver_due(self) -> int:
        """Send everything due now, on every platform; returns how many were delivered."""
        counts = await asyncio.gather(*(self.deliver_platform(p) for p in self.platforms))
        return sum(counts)

    async def deliver_platform(self, platform: str) -> int:
        async with self._pass_locks[platform]:
            return await self._deliver_all_due(platform)

    async def _deliver_all_due(self, platform: str) -> int:
        sent = 0
        self._held[platform].clear()
        while True:
            claim = await self._claim(platform)
            if not claim.messages:
                return sent
            delivered, progressed = await self._deliver_claimed(platform, claim)
            sent += delivered
            if not progressed:
                return sent

    async def _claim(self, platform: str) -> Claimed:
        now = self.clock()
        token = f"{self.holder}/{next(self._batches)}"
        claim = await claims.claim_due(self.db, token, platform, now, now + self.lease, CLAIM_BATCH)
        if claim.taken_over:
            log.warning(
                "took over %d outbox messages for %s from a process that stopped without releasing them",
                claim.taken_over, platform,
            )  # fmt: skip
        return claim

    async def _deliver_claimed(self, platform: str, claim: Claimed) -> tuple[int, bool]:
        """Send a claimed batch in order; give back whatever is left. (delivered, progressed)"""
        sent, progressed = 0, False
        held = self._held[platform]
        keeper = LeaseKeeper(self.db, claim, self.clock, self.lease)
        try:
            async with keeper:
                for message in claim.messages:
                    if (message.target_kind, message.target_id) in held:
                        continue  # deferred with the rate-limited message before it
                    if not keeper.holds():
                        log.warning("outbox claim %s ran out before it was sent; leaving it", claim.token)
                        break
                    if await self._deliver(message, claim):
                        sent += 1
                        progressed = True
        finally:
            # Not the message whose send was cut short: it may have arrived, so it waits out
            # its lease and counts as a possible repeat when sent again.
            await claims.release(self.db, claim.token, keep=self._in_flight.pop(platform, None))
        return sent, progressed

    async def _deliver(self, message: OutboundMessage, claim: Claimed) -> bool:
        sender = self.senders[message.platform]
        where: PostedRef | None = None
        if message.edit_of is not None:
            where = await self._edit_target(message, claim.token)
            if where is None:
                return False
        # From here until it is recorded, whether the platform has the message is unknown.
        self._in_flight[message.platform] = message.id
        try:
            posted = await self._send_or_edit(sender, message, where)
        except MessageGone as error:
            del self._in_flight[message.platform]
            await self._gone(message, claim.token, str(error))
            return False
        except DeliveryError as error:
            del self._in_flight[message.platform]
            await self._failed(message, claim.token, str(error), error.retry_after, error.permanent)
            return False
        except Exception as error:  # a bug or an unexpected library error: retry later
            del self._in_flight[message.platform]
            log.exception("delivering outbox message %s failed", message.id)
            await self._failed(message, claim.token, f"{type(error).__name__}: {error}", None, False)
            return False
        landed = None
        if message.post_key is not None and posted is not None:
            landed = Landed(message.post_key, message.platform, posted)
        held = await outbox.mark_sent(self.db, message.id, self.clock(), claim=claim.token, post=landed)
        del self._in_flight[message.platform]
        if not held:
            log.warning("outbox message %s was taken over while this process sent it", message.id)
        self._delivered(message, repeat=message.id in claim.maybe_sent)
        return True

    @staticmethod
    async def _send_or_edit(
        sender: Sender, message: OutboundMessage, where: PostedRef | None
    ) -> PostedRef | None:
        if where is None:
            return await sender.send(message)
        if not isinstance(sender, EditingSender):
            raise DeliveryError(f"{message.platform} cannot edit messages", permanent=True)
        await sender.edit(where, message)
        return None

    async def _edit_target(self, message: OutboundMessage, claim: str) -> PostedRef | None:
        """Where an edit goes; None when it cannot go now (dropped, or waiting for its post)."""
        assert message.edit_of is not None
        target = await edits.edit_target(self.db, message.edit_of)
        if target.state == "waiting":  # its post is still queued (retrying): edit after it
            await self._failed(message, claim, "its post has not been sent yet", None, False)
        elif target.state == "gone":
            await self._gone(message, claim, "nothing to edit")
        return target.where

    async def _gone(self, message: OutboundMessage, claim: str, error: str) -> None:
        """An edit whose message was deleted (or never sent) is dropped, with one log line."""
        assert message.edit_of is not None
        await edits.mark_gone(self.db, message.edit_of, self.clock())
        await edits.drop_edit(self.db, message.id, error, self.clock(), claim=claim)
        log.info("dropped an edit of %s on %s: %s", message.edit_of, message.platform, error)

    def _delivered(self, message: OutboundMessage, *, repeat: bool) -> None:
        self.delivered += 1
        if self.on_delivered is not None:
            self.on_delivered(message)
        if repeat:
            log.warning(
                "outbox message %s to %s %s was sent again: the process that stopped while sending it"
                " may have sent it too", message.id, message.platform, message.target_id,
            )  # fmt: skip
            if self.on_possible_repeat is not None:
                self.on_possible_repeat(message)

    async def _failed(
        self, message: OutboundMessage, claim: str, error: str, retry_after: float | None, permanent: bool
    ) -> None:
        if retry_after is not None and not permanent:
            await self._rate_limited(message, claim, error, retry_after)
            return
        wait = (
            timedelta(seconds=retry_after)
            if retry_after is not None
            else SEND_BACKOFF.wait(message.attempts + 1)
        )
        gave_up = await outbox.mark_failed_attempt(
            self.db, message.id, error, self.clock() + wait, claim=claim, permanent=permanent
        )
        level = logging.ERROR if gave_up else logging.WARNING
        log.log(level, "outbox message %s to %s %s: %s%s", message.id, message.platform,
                message.target_id, error, " (giving up)" if gave_up else "")  # fmt: skip

    async def _rate_limited(
        self, message: OutboundMessage, claim: str, error: str, retry_after: float
    ) -> None:
        """Wait as asked, with everything else for that place: a burst of alerts to a
        rate-limited channel then goes out in order, and none is ever given up for waiting."""
        until = self.clock() + timedelta(seconds=retry_after)
        await outbox.defer_target(self.db, message, error, until, claim=claim)
        self._held.setdefault(message.platform, set()).add((message.target_kind, message.target_id))
        log.info("outbox message %s to %s %s: %s; waiting %.1f s", message.id, message.platform,
                 message.target_id, error, retry_after)  # fmt: skip

    async def run(self) -> None:
        """Deliver forever: one loop per platform, so a slow or rate-limited platform
        (discord.py waits out some 429s and 5xx inline) never holds up another."""
        wake_ups = {platform: asyncio.Event() for platform in self.platforms}
        async with asyncio.TaskGroup() as group:
            group.create_task(self._fan_out(wake_ups))
            for platform, wake_up in wake_ups.items():
                group.create_task(self._run_platform(platform, wake_up))

    async def _fan_out(self, wake_ups: Mapping[str, asyncio.Event]) -> None:
        """Pass each "a message was queued" signal on to every platform's loop."""
        while True:
            await self.db.outbox_changed.wait()
            self.db.outbox_changed.clear()
            for wake_up in wake_ups.values():
                wake_up.set()

    async def _run_platform(self, platform: str, wake_up: asyncio.Event) -> None:
        while True:
            wake_up.clear()
            try:
                await self.deliver_platform(platform)
            except Exception:
                log.exception("delivery pass for %s failed", platform)
            await self._sleep_until_next(platform, wake_up)

    async def _sleep_until_next(self, platform: str, wake_up: asyncio.Event) -> None:
        next_at = await claims.next_ready_at(self.db, platform, self.clock())
        timeout = IDLE_POLL_SECONDS
        if next_at is not None:
            timeout = min(timeout, max((next_at - self.clock()).total_seconds(), 0.05))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(wake_up.wait(), timeout)


class LeaseKeeper:
    """Renews a claimed batch's lease while it is being sent, a third of a lease at a time.

    A send can outlast a lease (discord.py waits out some rate limits inline), so
    renewal runs beside the sends. A renewal that finds the lease run out (the
    process stalled longer than a lease) stops: from then on `holds` is False
    and the worker sends nothing more from that batch.
    """

    def __init__(self, db: Database, claim: Claimed, clock: Callable[[], datetime], lease: timedelta) -> None:
        self.db = db
        self.claim: Claimed | None = claim
        self.clock = clock
        self.lease = lease
        self._task: asyncio.Task[None] | None = None

    def holds(self) -> bool:
        """Whether a send started now may go ahead: the lease has a third of its time left."""
        return self.claim is not None and self.clock() + self.lease / 3 < self.claim.lease_until

    async def __aenter__(self) -> LeaseKeeper:
        self._task = asyncio.create_task(self._renew(), name="outbox-lease")
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._task is not None:
            self._task.cancel()
            # gather, not a suppressed await: a cancellation of the sender itself must go on.
            await asyncio.gather(self._task, return_exceptions=True)

    async def _renew(self) -> None:
        while (claim := self.claim) is not None:
            await asyncio.sleep(self.lease.total_seconds() / 3)
            now = self.clock()
            try:
                self.claim = await claims.renew(self.db, claim, now, now + self.lease)
            except sqlite3.Error as error:  # a locked database: try again at the next tick
                log.warning("could not renew outbox claim %s: %s", claim.token, error)
