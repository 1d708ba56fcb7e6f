"""Senders that stand in for a platform: they record what the delivery worker hands them.

`RecordingSender` keeps every message (and can fail the first sends as
told); `StuckSender` never answers (a hung connection); `SlowSender` takes
its time (a client waiting out a rate limit inline). Each is a `bot.delivery.Sender`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from bot.delivery import DeliveryError, MessageGone
from storage.outbox.queue import OutboundMessage, PostedRef


class RecordingSender:
    """Keeps what it is given; raises ``failures`` first, one per send, in order.

    It edits too: each message it sent lands as message ``N`` (its place in
    `sent`, from 1) in its channel; `edits` lists each edit with where it went,
    and `current` is what each message shows now. `delete` stands for someone
    deleting a message in the channel: editing it then raises `MessageGone`.
    """

    def __init__(self, platform: str = "console", *, failures: Iterable[DeliveryError] = ()) -> None:
        self.platform = platform
        self.sent: list[OutboundMessage] = []
        self.edits: list[tuple[PostedRef, OutboundMessage]] = []
        self.current: dict[PostedRef, OutboundMessage] = {}
        self.failures = list(failures)
        #: Set once the first send has begun.
        self.started = asyncio.Event()

    @property
    def bodies(self) -> list[str]:
        return [message.body for message in self.sent]

    async def send(self, message: OutboundMessage) -> PostedRef:
        self.started.set()
        await self._before_recording()
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append(message)
        where = PostedRef(message.target_id, str(len(self.sent)))
        self.current[where] = message
        return where

    async def edit(self, where: PostedRef, message: OutboundMessage) -> None:
        await self._before_recording()
        if self.failures:
            raise self.failures.pop(0)
        if where not in self.current:
            raise MessageGone(f"message {where.message_id} in {where.channel_id}: not found")
        self.edits.append((where, message))
        self.current[where] = message

    def delete(self, where: PostedRef) -> None:
        """Someone deleted the message in its channel."""
        del self.current[where]

    async def _before_recording(self) -> None:
        """Where the variants below wait."""


class StuckSender(RecordingSender):
    """A platform that never answers: every send waits until it is cancelled."""

    async def _before_recording(self) -> None:
        await asyncio.Event().wait()


class SlowSender(RecordingSender):
    """Each send takes ``seconds`` before it is recorded."""

    def __init__(self, seconds: float, platform: str = "console") -> None:
        super().__init__(platform)
        self.seconds = seconds

    async def _before_recording(self) -> None:
        await asyncio.sleep(self.seconds)
