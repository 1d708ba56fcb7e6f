"""Interactions over the gateway: taken raw from discord.py and answered through `answering`.

discord.py turns each ``INTERACTION_CREATE`` into an `Interaction` (with its
member, channel, permissions and a view-store lookup) and answers through
its REST client, one callback request at a time for the whole bucket of
interaction callbacks. In a storm of 2,000 clicks that left the last ones
answered after Discord's 3 seconds. Here the dispatch's JSON is handed over
as it is read from the socket, stamped with its arrival time: the first
response is due `answering.DEFER_AFTER_SECONDS` less `CALLBACK_SECONDS`
after that, whatever the database or the other clicks are doing, and goes
out through `Webhooks`' own connection pool.

This replaces the ``INTERACTION_CREATE`` entry of discord.py's parser table
(``client._connection.parsers``), which is internal to discord.py; hence
the pin in pyproject.toml, and tests/discord check it on every run.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord

from bot.adapters.discord.answering import ANSWER_ERRORS, CLOSE_WAIT_SECONDS, Answerer, describe
from bot.adapters.discord.incoming import Incoming, Unreadable, read_incoming
from bot.adapters.discord.webhooks import Webhooks

log = logging.getLogger("picketbot.discord")

EVENT = "INTERACTION_CREATE"
#: Of the 2 s a first response may take, this much is kept for the callback request: in a storm
#: of 2,000 clicks on a busy 2-core machine, callbacks sent at 2 s reached Discord after 3 s.
CALLBACK_SECONDS = 0.75


class GatewayInteractions:
    def __init__(self, answerer: Answerer, webhooks: Webhooks) -> None:
        self.answerer = answerer
        self.webhooks = webhooks
        self._tasks: set[asyncio.Task[None]] = set()

    def install(self, client: discord.Client) -> None:
        """Have `client` hand every interaction to `received` instead of building its own."""
        parsers = client._connection.parsers
        if EVENT not in parsers:  # a discord.py that no longer reads it this way: say so at once
            raise RuntimeError(f"discord.py {discord.__version__} has no {EVENT} parser to take over")
        parsers[EVENT] = self.received

    def received(self, data: Any) -> None:
        """Called by discord.py's gateway reader as the dispatch is read; must not block."""
        arrived = asyncio.get_running_loop().time()
        try:
            incoming = read_incoming(data)
        except Unreadable as error:
            log.warning("ignored an interaction from the Discord gateway: %s", error)
            return
        task = asyncio.create_task(self._answer(incoming, arrived))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _answer(self, incoming: Incoming, arrived: float) -> None:
        first = await self.answerer.first(incoming, arrived, delivery=CALLBACK_SECONDS)
        try:
            await self.webhooks.callback(incoming, first.body, first.attachment)
        except ANSWER_ERRORS as error:
            log.warning("could not answer a Discord interaction: %s", describe(error))
            return
        if first.later is not None:
            await first.later()

    async def close(self) -> None:
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=CLOSE_WAIT_SECONDS)
