"""A real picketbot App on a tmp SQLite file, its real Discord adapter, and the local fake Discord.

Only base URLs point at the fake (DISCORD_API_BASE and DISCORD_GATEWAY_URL,
read by the adapter from the environment the config was loaded with);
discord.py and our adapter run unpatched.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.discord.client import DiscordAdapter, sync_commands
from bot.adapters.discord.config import discord_settings
from bot.adapters.discord.endpoints import restore_discord_endpoints
from bot.app import App
from bot.testing.clock import FakeClock
from bot.testing.fakes.discord import (
    DEFAULT_CHANNEL_ID,
    DEFAULT_GUILD_ID,
    FakeChannel,
    FakeDiscord,
    FakeGuild,
    FakeMember,
    FakeRole,
    SentInteraction,
)
from bot.testing.harness import TestBot
from commands.context import Actor, Channel
from commands.reply import Reply
from commands.roles import Role

Json = dict[str, Any]
TIMEOUT = 5.0
EPHEMERAL = 64  # the message flag

ORGANIZER_ROLE = FakeRole(1_130_000_000_000_000_101, "Strike Organizer")
CAPTAIN_ROLE = FakeRole(1_130_000_000_000_000_102, "Picket Captain")
OLIVE = FakeMember(1_130_000_000_000_000_201, "olive", role_ids=(ORGANIZER_ROLE.id,))
CARLOS = FakeMember(1_130_000_000_000_000_202, "carlos", role_ids=(CAPTAIN_ROLE.id,))
ANA = FakeMember(1_130_000_000_000_000_203, "ana")
BO = FakeMember(1_130_000_000_000_000_204, "bo")
ALERTS_CHANNEL = FakeChannel(1_130_000_000_000_000_011, "ai-job-alerts", position=1)

# Organizers by role id, captains by role name in another case: both forms work,
# in the union's own server.
DISCORD_TOML = f"""
[discord]
allowed_guilds = ["{DEFAULT_GUILD_ID}"]
organizer_roles = ["{ORGANIZER_ROLE.id}"]
captain_roles = ["picket captain"]
"""


@contextlib.asynccontextmanager
async def running_fake(other_guilds: Sequence[FakeGuild] = ()) -> AsyncIterator[FakeDiscord]:
    """The union's server with its roles, members and channels (and other servers, if given)."""
    server = FakeDiscord(
        roles=[ORGANIZER_ROLE, CAPTAIN_ROLE],
        members=[OLIVE, CARLOS, ANA, BO],
        channels=[FakeChannel(DEFAULT_CHANNEL_ID, "picket-line"), ALERTS_CHANNEL],
        other_guilds=other_guilds,
    )
    async with server:
        try:
            yield server
        finally:
            restore_discord_endpoints()


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with running_fake() as server:
        yield server


def discord_env(fake: FakeDiscord) -> dict[str, str]:
    return {
        "DISCORD_TOKEN": fake.token,
        "DISCORD_API_BASE": fake.api_base,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
    }


async def open_discord_app(
    tmp_path: Path,
    clock: FakeClock,
    fake: FakeDiscord,
    toml: str = DISCORD_TOML,
    *,
    token: str | None = None,
    env: dict[str, str] | None = None,
) -> App:
    """The bot, configured for the fake Discord (its adapter not started: see `connect`)."""
    env = discord_env(fake) | ({"DISCORD_TOKEN": token} if token else {}) | (env or {})
    return (await TestBot.open(tmp_path, clock=clock, config=toml, env=env)).app


async def connect(app: App) -> DiscordAdapter:
    """Start the adapter as `start(app)` does, with discord.py's guild wait shortened."""
    settings = replace(discord_settings(app.config), guild_ready_timeout=0.05)
    adapter = DiscordAdapter(app, settings)
    await adapter.start()
    return adapter


@dataclass
class Bot:
    """The running bot, and ways to act on it as Discord members would."""

    app: App
    adapter: DiscordAdapter
    fake: FakeDiscord

    async def sync(self) -> int:
        return await sync_commands(self.adapter.client, self.app.registry, None)

    async def slash(self, command: str, user: FakeMember = ANA, **options: str | int) -> Json:
        sent = await self.fake.send_interaction(command=command, options=options, user_id=user.id)
        return await self.fake.wait_for_callback(sent.id, TIMEOUT)

    async def click(
        self, custom_id: str, user: FakeMember = ANA, **where: Any
    ) -> tuple[SentInteraction, Json]:
        sent = await self.fake.send_interaction(custom_id=custom_id, user_id=user.id, **where)
        return sent, await self.fake.wait_for_callback(sent.id, TIMEOUT)

    async def as_organizer(self, line: str) -> Reply:
        """Run a command as an organizer through the dispatcher (set-up, not under test)."""
        actor = Actor("discord", str(OLIVE.id), OLIVE.username, Role.ORGANIZER)
        channel = Channel("discord", str(DEFAULT_CHANNEL_ID), "picket-line")
        reply = await self.app.dispatcher.handle_text(actor, channel, line)
        assert not reply.is_error, reply.text
        return reply


@pytest.fixture
async def app(tmp_path: Path, clock: FakeClock) -> AsyncIterator[App]:
    """The bot with no Discord adapter, for tests below it: the root `app` is the `bot` fixture's
    App, and `bot` here is the bot connected to the fake Discord."""
    async with await TestBot.open(tmp_path, clock=clock) as console_bot:
        yield console_bot.app


@pytest.fixture
async def bot(fake: FakeDiscord, tmp_path: Path, clock: FakeClock) -> AsyncIterator[Bot]:
    app = await open_discord_app(tmp_path, clock, fake)
    try:
        adapter = await connect(app)
        running = Bot(app, adapter, fake)
        await running.sync()  # so the fake types options from the real schema
        yield running
    finally:
        await app.close()


def embed_of(body: Json) -> Json:
    """The one embed of an interaction response (type 4) body."""
    [embed] = body["data"]["embeds"]
    return dict(embed)


def custom_ids(message: Json) -> list[str]:
    return [c["custom_id"] for row in message.get("components") or [] for c in row["components"]]


async def add_shift(bot: Bot, capacity: int = 10) -> int:
    await bot.as_organizer('/picket site add "Netflix Sunset Gate" tz=America/Los_Angeles')
    reply = await bot.as_organizer(
        f'/picket shift add "Netflix Sunset Gate" 2026-10-27 09:00 12:00 capacity={capacity}'
    )
    found = re.search(r"#(\d+)", reply.title or "")
    assert found, reply
    return int(found.group(1))


async def confirmed_signups(app: App, user_id: int) -> int:
    return int(
        await app.db.fetchval(
            "SELECT count(*) FROM signups s JOIN members m ON m.id = s.member_id"
            " WHERE m.platform = 'discord' AND m.platform_user_id = ? AND s.status = 'confirmed'",
            (str(user_id),),
        )
    )
