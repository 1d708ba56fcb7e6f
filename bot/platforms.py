"""Which chat platforms to run, and running them together on one event loop.

Each platform adapter contributes a `PlatformRunner`: whether its tokens are
configured, and a coroutine that connects it and returns once it is serving.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.app import App
from bot.config import Config

log = logging.getLogger("picketbot")


@dataclass(frozen=True)
class PlatformRunner:
    name: str
    is_configured: Callable[[Config], bool]
    #: Connect, register the platform's outbox sender, and return once serving.
    start: Callable[[App], Awaitable[None]]


def available_runners() -> tuple[PlatformRunner, ...]:
    """The platforms this build can run. Adapters add themselves here."""
    # Here, not at the top: the console never loads slack_bolt or discord.py.
    from bot.adapters import discord, slack

    return (
        PlatformRunner("discord", discord.is_configured, discord.start),
        PlatformRunner("slack", slack.is_configured, slack.start),
    )


def configured_platforms(config: Config) -> list[PlatformRunner]:
    return [runner for runner in available_runners() if runner.is_configured(config)]


async def run_platforms(app: App, platforms: list[PlatformRunner]) -> int:
    """Start every configured platform, then serve until cancelled."""
    try:
        for runner in platforms:
            await runner.start(app)
            log.info("%s connected", runner.name)
        await app.start_background()
        await asyncio.Event().wait()
    finally:
        await app.close()
    return 0
