"""Starting, syncing, reconnecting and stopping the Discord client against the fake."""

from __future__ import annotations

import asyncio
from pathlib import Path

import discord
import pytest

from bot.adapters.discord.sender import DiscordSender
from bot.config.loading import ConfigError
from bot.platforms import configured_platforms
from bot.testing.clock import FakeClock
from bot.testing.fakes.discord import DEFAULT_GUILD_ID, FakeDiscord
from tests.discord.conftest import DISCORD_TOML, TIMEOUT, Bot, connect, embed_of, open_discord_app

COMMAND_PUTS = "/applications/{app_id}/guilds/{guild_id}/commands"


async def test_run_starts_discord_when_its_token_is_set(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock
) -> None:
    app = await open_discord_app(tmp_path, clock, fake)
    try:
        [runner] = configured_platforms(app.config)
        assert runner.name == "discord"

        await runner.start(app)  # returns once ready (after discord.py's 2 s guild wait)

        assert isinstance(app.senders["discord"], DiscordSender)
        identify = await fake.wait_for_gateway_op(2)
        assert identify["d"]["intents"] == discord.Intents(guilds=True).value  # no content, no members
        # Commands are not synced on an ordinary start.
        assert fake.requests_to("PUT", "/applications/{app_id}/commands") == []
        assert fake.requests_to("PUT", COMMAND_PUTS) == []
    finally:
        await app.close()
    # Closing the App closed the gateway connection too.
    assert all(c.ws is None or c.ws.closed for c in fake.gateway_connections)


async def test_sync_on_start_is_opt_in(fake: FakeDiscord, tmp_path: Path, clock: FakeClock) -> None:
    toml = DISCORD_TOML + f"sync_on_start = true\nguild_id = {DEFAULT_GUILD_ID}\n"
    app = await open_discord_app(tmp_path, clock, fake, toml)
    try:
        await connect(app)
        stored = fake.registered_commands(DEFAULT_GUILD_ID)
        assert {c["name"] for c in stored} >= {"fact", "help", "pay", "picket"}
    finally:
        await app.close()


async def test_a_refused_token_stops_the_start_with_one_line(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock
) -> None:
    app = await open_discord_app(tmp_path, clock, fake, token="not-the-bot-token")
    try:
        with pytest.raises(ConfigError, match=r"^Discord refused DISCORD_TOKEN$"):
            await connect(app)
    finally:
        await app.close()
    assert [r.status for r in fake.requests_to("GET", "/users/@me")] == [401]
    assert fake.gateway_connections == []


async def test_a_gateway_reconnect_resumes_and_the_bot_still_answers(bot: Bot) -> None:
    session = bot.fake.session_id
    resumed = asyncio.ensure_future(bot.adapter.client.wait_for("resumed", timeout=TIMEOUT))

    await bot.fake.force_reconnect()
    # Sent while the bot is away: Discord replays it after the resume.
    missed = await bot.fake.send_interaction(command="pay facts", user_id=bot.fake.members[1].id)
    resume = await bot.fake.wait_for_gateway_op(6)
    await resumed

    assert resume["d"]["session_id"] == session
    assert embed_of(await bot.fake.wait_for_callback(missed.id, TIMEOUT))["title"].startswith("Pay facts")
    assert (await bot.slash("help"))["type"] == 4
    identifies = [f for c in bot.fake.gateway_connections for f in c.received if f["op"] == 2]
    assert len(identifies) == 1  # resumed, not a new session
