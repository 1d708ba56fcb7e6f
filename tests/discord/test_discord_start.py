"""Discord answering 5xx or an HTML page while the bot starts: retried, then one line, no traceback."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest

from bot.adapters.discord.client import DiscordAdapter, sync_over_rest
from bot.adapters.discord.config import discord_settings
from bot.start_retry import PlatformUnavailable, StartRetry
from tests.discord.conftest import ANA, TIMEOUT, embed_of, open_discord_app
from tests.fakes.discord_server import FakeDiscord
from tests.helpers import FakeClock

QUICK = StartRetry(attempts=3, first_delay=0.01)


async def start(fake: FakeDiscord, tmp_path: Path, clock: FakeClock) -> DiscordAdapter:
    app = await open_discord_app(tmp_path, clock, fake)
    settings = replace(discord_settings(app.config), guild_ready_timeout=0.05, start_retry=QUICK)
    adapter = DiscordAdapter(app, settings)
    try:
        await adapter.start()
    except BaseException:
        await app.close()
        raise
    return adapter


async def test_a_few_error_pages_at_start_up_are_waited_out(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    fake.answer_with_page("GET", "/users/@me", status=503, times=2)

    with caplog.at_level(logging.INFO):
        adapter = await start(fake, tmp_path, clock)
    try:
        assert [r.status for r in fake.requests_to("GET", "/users/@me")] == [503, 503, 200]
        sent = await fake.send_interaction(command="pay facts", user_id=ANA.id)
        assert embed_of(await fake.wait_for_callback(sent.id, TIMEOUT))["title"].startswith("Pay facts")
    finally:
        await adapter.app.close()
    retries = [r.getMessage() for r in caplog.records if "trying again" in r.getMessage()]
    assert retries == [
        "Discord answered badly at start-up (HTTP 503, an HTML page); trying again in 0.01 s",
        "Discord answered badly at start-up (HTTP 503, an HTML page); trying again in 0.02 s",  # backoff
    ]
    assert not any(r.exc_info for r in caplog.records)


@pytest.mark.parametrize(
    ("route", "status", "reason"),
    [
        ("/users/@me", 503, "HTTP 503, an HTML page"),
        # A captive portal or a misrouted proxy: a page with status 200, where JSON should be.
        ("/users/@me", 200, "an answer that is not Discord's JSON (TypeError)"),
        ("/oauth2/applications/@me", 200, "an answer that is not Discord's JSON (TypeError)"),
    ],
)
async def test_discord_down_at_start_up_is_one_line(
    fake: FakeDiscord,
    tmp_path: Path,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
    route: str,
    status: int,
    reason: str,
) -> None:
    fake.answer_with_page("GET", route, status=status, times=100)

    with pytest.raises(PlatformUnavailable) as raised:
        await start(fake, tmp_path, clock)

    assert str(raised.value) == f"Discord is not answering properly ({reason}); tried 3 times at start-up"
    assert len(fake.requests_to("GET", route)) == 3
    assert fake.gateway_connections == []
    assert not any(r.exc_info for r in caplog.records)


async def test_command_sync_waits_out_error_pages_too(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock
) -> None:
    app = await open_discord_app(tmp_path, clock, fake)
    try:
        settings = replace(discord_settings(app.config), start_retry=QUICK)
        fake.answer_with_page("GET", "/users/@me", status=503, times=1)
        assert await sync_over_rest(settings, app.registry, None) == len(fake.registered_commands())

        fake.answer_with_page("GET", "/users/@me", status=503, times=100)
        with pytest.raises(PlatformUnavailable, match=r"HTTP 503, an HTML page"):
            await sync_over_rest(settings, app.registry, None)
    finally:
        await app.close()
