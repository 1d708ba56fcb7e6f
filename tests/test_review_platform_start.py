"""Review of issue 11 (hardening): start-up against a platform behind a proxy that answers 4xx pages.

One test per hole found by the security review; it fails until fixed.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.adapters.discord.endpoints import restore_discord_endpoints
from tests.discord.conftest import discord_env
from tests.fakes.discord_server import FakeDiscord
from tests.slack.conftest import BOT_TOKEN, SIGNING_SECRET
from tests.test_platform_start import assert_no_secret_or_traceback, run_picketbot


@pytest.fixture
async def discord_fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as server:
        try:
            yield server
        finally:
            restore_discord_endpoints()


@pytest.mark.parametrize("status", [403, 404])
async def test_review_a_discord_html_error_page_with_a_4xx_status_at_start_up_is_one_line(
    discord_fake: FakeDiscord, tmp_path: Path, status: int
) -> None:
    # A CDN's block page (Cloudflare's 403 "Access denied") or a proxy's 404 is an HTML page
    # too, but for Discord only 5xx and 429 count as "answering badly": anything else is
    # raised as it is and `picketbot run` ends with a CRITICAL traceback quoting the page.
    # (Slack's start-up already reads such a page as "not Slack's JSON" and says so in one line.)
    discord_fake.answer_with_page("GET", "/users/@me", status=status, times=100)

    bot = await run_picketbot(tmp_path, discord_env(discord_fake))
    _, stderr = await asyncio.wait_for(bot.communicate(), 60)

    log = stderr.decode()
    assert bot.returncode == 1
    assert log.splitlines()[-1].startswith("picketbot: "), log
    assert_no_secret_or_traceback(log, discord_fake.token, BOT_TOKEN, SIGNING_SECRET)
