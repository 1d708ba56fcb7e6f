"""Which chat platforms to run, and running them together on one event loop.

Each platform adapter contributes a `PlatformRunner`: whether its tokens are
configured, and a coroutine that connects it and returns once it is serving.

A platform that is down while the bot starts (`PlatformUnavailable`, after
the retries of `bot.start_retry`) does not take the others with it: the bot
serves those that started and says in one line which did not; its messages
wait in the outbox until a restart brings it back. With none started, the
bot stops with that line. A wrong setting or a refused token
(`ConfigError`) still stops everything: that is for the operator to fix now.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.app import App
from bot.config.loading import Config
from bot.start_retry import PlatformUnavailable

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
    from bot.adapters.discord import client as discord
    from bot.adapters.slack import app as slack

    return (
        PlatformRunner("discord", discord.is_configured, discord.start),
        PlatformRunner("slack", slack.is_configured, slack.start),
    )


def configured_platforms(config: Config) -> list[PlatformRunner]:
    return [runner for runner in available_runners() if runner.is_configured(config)]


async def run_platforms(app: App, platforms: list[PlatformRunner]) -> int:
    """Start every configured platform, then serve until cancelled."""
    try:
        await start_platforms(app, platforms)
        # Calendar feeds are served whichever platforms run (Slack HTTP mode started it already).
        await app.public_listener().start()
        await app.start_background()
        await asyncio.Event().wait()
    finally:
        await app.close()
    return 0


async def start_platforms(app: App, platforms: list[PlatformRunner]) -> list[str]:
    """Start each platform; returns the names serving. Raises if none could start."""
    started: list[str] = []
    down: list[PlatformUnavailable] = []
    for runner in platforms:
        try:
            await runner.start(app)
        except PlatformUnavailable as error:
            down.append(error)
            continue
        started.append(runner.name)
        log.info("%s connected", runner.name)
    if not started and down:
        raise PlatformUnavailable("; ".join(str(each) for each in down))
    for each in down:
        log.error("%s; serving %s without it until picketbot is restarted", each, " and ".join(started))
    return started
