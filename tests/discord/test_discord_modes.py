"""Gateway or HTTP: `picketbot discord sync` and start-up say which, and what in the app does not fit."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest
from nacl.signing import SigningKey

from bot.adapters.discord.client import DiscordAdapter, sync_over_rest
from bot.adapters.discord.config import discord_settings
from bot.app import App
from bot.config.loading import ConfigError
from bot.testing.clock import FakeClock
from bot.testing.fakes.discord import FakeDiscord
from tests.discord.conftest import open_discord_app

PUBLIC_URL = "https://picket.example.org"
ENDPOINT = PUBLIC_URL + "/discord/interactions"


async def advice(app: App, public_url: str = PUBLIC_URL) -> list[str]:
    lines: list[str] = []
    settings = discord_settings(app.config)
    await sync_over_rest(settings, app.registry, None, public_url=public_url, advise=lines.append)
    return lines


async def opened(tmp_path: Path, clock: FakeClock, fake: FakeDiscord, public_key: str | None) -> App:
    env = {"DISCORD_PUBLIC_KEY": public_key} if public_key else {}
    return await open_discord_app(tmp_path, clock, fake, env=env)


async def test_sync_in_gateway_mode_warns_of_an_endpoint_url_that_takes_the_interactions(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock
) -> None:
    app = await opened(tmp_path, clock, fake, None)
    try:
        assert await advice(app) == ["Interactions come over the gateway (DISCORD_PUBLIC_KEY is not set)."]
        fake.interactions_endpoint_url = ENDPOINT
        [_, warning] = await advice(app)
        assert warning.startswith(f"Warning: the application has an Interactions Endpoint URL ({ENDPOINT})")
        assert "set DISCORD_PUBLIC_KEY" in warning and "clear the URL" in warning
    finally:
        await app.close()


async def test_sync_in_http_mode_gives_the_url_to_set_in_the_portal(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock
) -> None:
    app = await opened(tmp_path, clock, fake, fake.public_key)
    try:
        [mode, warning] = await advice(app)
        assert mode == f"Interactions come over HTTP at {ENDPOINT}, no gateway."
        assert warning == (
            "Warning: the application has no Interactions Endpoint URL yet: set it to "
            f"{ENDPOINT} (Developer Portal → General Information)"
        )
        fake.interactions_endpoint_url = ENDPOINT
        assert await advice(app) == [mode]
    finally:
        await app.close()


@pytest.mark.parametrize("public_url", ["http://localhost:3000", "http://127.0.0.1:3000", "http://10.0.0.5"])
async def test_sync_in_http_mode_says_discord_cannot_reach_a_local_public_url(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock, public_url: str
) -> None:
    app = await opened(tmp_path, clock, fake, fake.public_key)
    try:
        fake.interactions_endpoint_url = public_url + "/discord/interactions"
        [_, warning] = await advice(app, public_url)
        assert warning.startswith(f"Warning: [http] public_url is {public_url}, which Discord cannot reach")
        fake.interactions_endpoint_url = ENDPOINT
        assert not any("cannot reach" in line for line in await advice(app))
    finally:
        await app.close()


async def test_sync_says_when_the_public_key_is_another_applications(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock
) -> None:
    other = SigningKey.generate().verify_key.encode().hex()
    app = await opened(tmp_path, clock, fake, other)
    try:
        fake.interactions_endpoint_url = ENDPOINT
        [_, warning] = await advice(app)
        assert warning.startswith("Warning: DISCORD_PUBLIC_KEY is not this application's public key")
        assert other not in warning
    finally:
        await app.close()


async def test_start_refuses_another_applications_public_key_in_one_line(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock
) -> None:
    app = await opened(tmp_path, clock, fake, SigningKey.generate().verify_key.encode().hex())
    try:
        adapter = DiscordAdapter(app, replace(discord_settings(app.config), guild_ready_timeout=0.05))
        with pytest.raises(ConfigError, match="DISCORD_PUBLIC_KEY is not this application's public key"):
            await adapter.start()
        assert fake.gateway_connections == []
    finally:
        await app.close()


async def test_gateway_mode_at_start_warns_of_an_endpoint_url(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    fake.interactions_endpoint_url = ENDPOINT
    app = await opened(tmp_path, clock, fake, None)
    try:
        with caplog.at_level(logging.WARNING, "picketbot.discord"):
            await DiscordAdapter(app, replace(discord_settings(app.config), guild_ready_timeout=0.05)).start()
        assert any(
            "Discord sends interactions there, not over the gateway" in r.message for r in caplog.records
        )
        # discord.py's own warning about it is replaced by ours.
        assert not any(r.name == "discord.client" for r in caplog.records)
    finally:
        await app.close()


async def test_a_malformed_public_key_is_refused_in_one_line_without_quoting_it(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock
) -> None:
    app = await opened(tmp_path, clock, fake, "not-a-key-at-all")
    try:
        with pytest.raises(ConfigError) as refused:
            discord_settings(app.config)
        assert "64 hexadecimal characters" in str(refused.value)
        assert "not-a-key-at-all" not in str(refused.value)
    finally:
        await app.close()
