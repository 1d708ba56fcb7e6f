"""Discord answering 5xx or an HTML page while the bot starts: retried, then one line, no traceback."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest

from bot.adapters.discord.client import DiscordAdapter, sync_over_rest
from bot.adapters.discord.config import discord_settings
from bot.config.loading import ConfigError
from bot.start_retry import PlatformUnavailable, StartRetry
from bot.testing.clock import FakeClock
from bot.testing.fakes.discord import FakeDiscord
from tests.discord.conftest import ANA, TIMEOUT, embed_of, open_discord_app

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


#: Cloudflare's older block page opens with a comment before its <html>.
BLOCK_PAGE = (
    '<!DOCTYPE html>\n<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->\n'
    "<head><title>Access denied | discord.com used Cloudflare to restrict access</title></head>"
)


@pytest.mark.parametrize(
    ("status", "body", "content_type"),
    [
        (403, BLOCK_PAGE, "text/html"),  # a CDN's block page
        (404, "<!-- proxy -->\n<html><body>Not Found</body></html>", "text/html"),  # a wrong proxy
        (401, "<html><body>Proxy authentication failed</body></html>", "text/html"),  # not Discord's 401
        (403, "\ufeff<!doctype html><title>Forbidden</title>", "text/plain"),  # mislabelled, read by its text
    ],
    ids=["403 block page", "404 proxy page", "401 proxy page", "page sent as text/plain"],
)
async def test_an_html_page_with_any_status_at_start_up_is_retried_then_one_line(
    fake: FakeDiscord,
    tmp_path: Path,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
    status: int,
    body: str,
    content_type: str,
) -> None:
    # A page says nothing about Discord or the token: only Discord's own 5xx and 429 used to
    # count as "answering badly", so these ended in a CRITICAL traceback quoting the page.
    fake.answer_with_page("GET", "/users/@me", status=status, times=100, body=body, content_type=content_type)

    with pytest.raises(PlatformUnavailable) as raised:
        await start(fake, tmp_path, clock)

    assert str(raised.value) == (
        f"Discord is not answering properly (HTTP {status}, an HTML page); tried 3 times at start-up"
    )
    assert len(fake.requests_to("GET", "/users/@me")) == 3
    assert not any(r.exc_info for r in caplog.records)


async def test_discords_own_refusal_at_start_up_is_one_line_without_retries(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    # Not a page and not a 401: Discord (or what stands in its place) means it, so no retries,
    # and no traceback either.
    fake.answer_with_page(
        "GET", "/users/@me", status=404, times=100, body="404 page not found", content_type="text/plain"
    )

    with pytest.raises(PlatformUnavailable) as raised:
        await start(fake, tmp_path, clock)

    assert str(raised.value) == (
        "Discord refused to log in (HTTP 404: 404 page not found); check [discord] api_base and DISCORD_TOKEN"
    )
    assert len(fake.requests_to("GET", "/users/@me")) == 1
    assert not any(r.exc_info for r in caplog.records)


async def test_a_refused_or_blocked_command_sync_at_start_up_is_one_line(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock
) -> None:
    route = "/applications/{app_id}/guilds/{guild_id}/commands"
    app = await open_discord_app(tmp_path, clock, fake)
    try:
        settings = replace(discord_settings(app.config), start_retry=QUICK, guild_id=1130000000000000999)
        refusal = '{"message": "Missing Access", "code": 50001}'
        fake.answer_with_page("PUT", route, status=403, body=refusal, content_type="application/json")
        with pytest.raises(ConfigError) as refused:
            await sync_over_rest(settings, app.registry, settings.guild_id)
        assert str(refused.value) == (
            "Discord refused the commands for server 1130000000000000999 (HTTP 403: Missing Access);"
            " check [discord] guild_id and that the bot is in that server"
        )

        fake.answer_with_page("PUT", route, status=403, body=BLOCK_PAGE, times=100)
        with pytest.raises(PlatformUnavailable, match=r"\(HTTP 403, an HTML page\); tried 3 times"):
            await sync_over_rest(settings, app.registry, settings.guild_id)
    finally:
        await app.close()
