"""`picketbot run` as a real process against a platform that is down while it starts.

Alone, the platform that does not answer stops the bot with one line on
stderr and exit status 1. Beside another platform, it is left out with one
ERROR line and the other one serves. Never a traceback, never a token.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.adapters.discord.endpoints import restore_discord_endpoints
from bot.testing.fakes.discord import DEFAULT_GUILD_ID, FakeDiscord
from bot.testing.fakes.slack import FakeSlack, slash_command_payload
from tests.discord.conftest import discord_env
from tests.helpers import subprocess_env
from tests.slack.conftest import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, slack_env

CONFIG = f"""
[bot]
start_attempts = 2
start_retry_seconds = 0.01

[discord]
allowed_guilds = ["{DEFAULT_GUILD_ID}"]

[slack]
host = "127.0.0.1"
"""


@pytest.fixture
async def discord_fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as server:
        try:
            yield server
        finally:
            restore_discord_endpoints()


@pytest.fixture
async def slack_fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack(bot_token=BOT_TOKEN, app_token=APP_TOKEN) as server:
        yield server


async def run_picketbot(tmp_path: Path, env: dict[str, str]) -> asyncio.subprocess.Process:
    config = tmp_path / "picketbot.toml"
    config.write_text(CONFIG, encoding="utf-8")
    full_env = subprocess_env(PICKETBOT_DB=str(tmp_path / "picketbot.db"), PICKETBOT_CONFIG=str(config))
    full_env.update(env)
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=full_env, cwd=tmp_path, stderr=asyncio.subprocess.PIPE
    )


def assert_no_secret_or_traceback(log: str, *secrets: str) -> None:
    assert "Traceback" not in log
    for secret in secrets:
        assert secret not in log


@pytest.mark.parametrize("platform", ["discord", "slack"])
async def test_the_only_platform_down_at_start_up_stops_the_bot_with_one_line(
    discord_fake: FakeDiscord, slack_fake: FakeSlack, tmp_path: Path, platform: str
) -> None:
    if platform == "discord":
        discord_fake.answer_with_page("GET", "/users/@me", status=503, times=100)
        env = discord_env(discord_fake)
        expected = (
            "picketbot: Discord is not answering properly (HTTP 503, an HTML page); tried 2 times at start-up"
        )
    else:
        slack_fake.answer_with_page("auth.test", status=502, times=100)
        env = slack_env(slack_fake)
        expected = "picketbot: Slack is not answering properly (HTTP 502, not Slack's JSON); tried 2 times at start-up"

    bot = await run_picketbot(tmp_path, env)
    _, stderr = await asyncio.wait_for(bot.communicate(), 60)

    log = stderr.decode()
    assert bot.returncode == 1
    assert log.splitlines()[-1] == expected
    assert [line for line in log.splitlines() if " WARNING " in line or " ERROR " in line] == []
    assert_no_secret_or_traceback(log, discord_fake.token, BOT_TOKEN, SIGNING_SECRET)


async def test_slack_serves_while_discord_is_down_at_start_up(
    discord_fake: FakeDiscord, slack_fake: FakeSlack, tmp_path: Path
) -> None:
    discord_fake.answer_with_page("GET", "/users/@me", status=503, times=100)
    bot = await run_picketbot(
        tmp_path, {**discord_env(discord_fake), **slack_env(slack_fake, socket_mode=True)}
    )
    try:
        await slack_fake.wait_for_socket(timeout=60)
        response_url = slack_fake.new_response_url()
        await slack_fake.deliver(
            "slash_commands", slash_command_payload("/pay", "compare 900000", response_url=response_url)
        )
        assert "900,000" in (await slack_fake.wait_for_response(response_url, timeout=30))["text"]
    finally:
        bot.send_signal(signal.SIGINT)
        _, stderr = await asyncio.wait_for(bot.communicate(), 30)

    log = stderr.decode()
    [error] = [line for line in log.splitlines() if " ERROR " in line]
    assert error.endswith(
        "Discord is not answering properly (HTTP 503, an HTML page); tried 2 times at start-up; "
        "serving slack without it until picketbot is restarted"
    )
    assert_no_secret_or_traceback(log, discord_fake.token, BOT_TOKEN, APP_TOKEN)


@pytest.mark.parametrize("status", [403, 404])
async def test_a_discord_html_page_with_a_4xx_status_at_start_up_is_one_line(
    discord_fake: FakeDiscord, tmp_path: Path, status: int
) -> None:
    # A CDN's block page (Cloudflare's 403 "Access denied") or a proxy's 404 is an HTML page
    # too; it used to end `picketbot run` with a CRITICAL traceback quoting the page.
    discord_fake.answer_with_page("GET", "/users/@me", status=status, times=100)

    bot = await run_picketbot(tmp_path, discord_env(discord_fake))
    _, stderr = await asyncio.wait_for(bot.communicate(), 60)

    log = stderr.decode()
    assert bot.returncode == 1
    assert log.splitlines()[-1] == (
        f"picketbot: Discord is not answering properly (HTTP {status}, an HTML page); tried 2 times at start-up"
    )
    assert_no_secret_or_traceback(log, discord_fake.token, BOT_TOKEN, SIGNING_SECRET)
