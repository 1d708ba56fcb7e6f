"""Deliver the outbox: one worker, woken when a message is queued or falls due.

Each platform adapter provides a `Sender`. A message is marked sent only after
its platform accepted it; failures are retried with exponential backoff (or
after the platform's Retry-After), so a crash or an outage loses nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Protocol

from storage import outbox
from storage.database import Database
from storage.outbox import OutboundMessage

log = logging.getLogger("picketbot.delivery")
#: Even with nothing queued, look again this often (another process may have queued).
IDLE_POLL_SECONDS = 30.0


class DeliveryError(Exception):
    """A send failed; `retry_after` is the platform's own wait, when it gave one."""

    def __init__(self, message: str, *, retry_after: float | None = None, permanent: bool = False) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent


class Sender(Protocol):
    platform: str

    async def send(self, message: OutboundMessage) -> None:
        """Deliver one message or raise DeliveryError."""


class DeliveryWorker:
    def __init__(
        self,
        db: Database,
        senders: Mapping[str, Sender],
        clock: Callable[[], datetime],
        on_delivered: Callable[[OutboundMessage], None] | None = None,
    ) -> None:
        self.db = db
        self.senders = dict(senders)
        self.clock = clock
        self.delivered = 0
        self.on_delivered = on_delivered
        # The console also drains the outbox after each command: one pass at a time per platform.
        self._pass_locks = {platform: asyncio.Lock() for platform in self.senders}
        #: Per platform, the places (target kind, id) that answered "wait" during the current pass.
        self._held: dict[str, set[tuple[str, str]]] = {platform: set() for platform in self.senders}

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
        held = self._held[platform]
        held.clear()
        while True:
            batch = await outbox.due(self.db, self.clock(), (platform,))
            if not batch:
                return sent
            progressed = False
            for message in batch:
                if (message.target_kind, message.target_id) in held:
                    continue  # deferred with the rate-limited message before it
                if await self._deliver(message):
                    sent += 1
                    progressed = True
            if not progressed:
                return sent

    async def _deliver(self, message: OutboundMessage) -> bool:
        sender = self.senders[message.platform]
        try:
            await sender.send(message)
        except DeliveryError as error:
            await self._failed(message, str(error), error.retry_after, error.permanent)
            return False
        except Exception as error:  # a bug or an unexpected library error: retry later
            log.exception("delivering outbox message %s failed", message.id)
            await self._failed(message, f"{type(error).__name__}: {error}", None, False)
            return False
        await outbox.mark_sent(self.db, message.id, self.clock())
        self.delivered += 1
        if self.on_delivered is not None:
            self.on_delivered(message)
        return True

    async def _failed(
        self, message: OutboundMessage, error: str, retry_after: float | None, permanent: bool
    ) -> None:
        if retry_after is not None and not permanent:
            await self._rate_limited(message, error, retry_after)
            return
        wait = (
            timedelta(seconds=retry_after)
            if retry_after is not None
            else outbox.backoff(message.attempts + 1)
        )
        gave_up = await outbox.mark_failed_attempt(
            self.db, message.id, error, self.clock() + wait, permanent=permanent
        )
        level = logging.ERROR if gave_up else logging.WARNING
        log.log(level, "outbox message %s to %s %s: %s%s", message.id, message.platform,
                message.target_id, error, " (giving up)" if gave_up else "")  # fmt: skip

    async def _rate_limited(self, message: OutboundMessage, error: str, retry_after: float) -> None:
        """Wait as asked, with everything else for that place: a burst of alerts to a
        rate-limited channel then goes out in order, and none is ever given up for waiting."""
        until = self.clock() + timedelta(seconds=retry_after)
        await outbox.defer_target(self.db, message, error, until)
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
        next_at = await outbox.next_due_at(self.db, (platform,))
        timeout = IDLE_POLL_SECONDS
        if next_at is not None:
            timeout = min(timeout, max((next_at - self.clock()).total_seconds(), 0.05))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(wake_up.wait(), timeout)
