"""A real picketbot App on a tmp SQLite file, its real Slack adapter, and the local fake Slack.

Only base URLs point at the fake (SLACK_API_URL, and response_urls the fake
hands out); bolt, slack-sdk and our adapter run unpatched.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from bot.adapters.slack.app import SlackAdapter
from bot.adapters.slack.config import slack_settings
from bot.app import App
from bot.testing.clock import FakeClock
from bot.testing.fakes.slack import FakeSlack, signed_request_headers, slash_command_body
from bot.testing.harness import TestBot

BOT_TOKEN = "xoxb-picketbot-test"
APP_TOKEN = "xapp-picketbot-test"
SIGNING_SECRET = "picketbot-signing-secret"
ORGANIZER_ID = "U0ORGANIZER"
CAPTAIN_ID = "U0CAPTAIN"
CAPTAINS_GROUP = "S0CAPTAINS"

SLACK_TOML = f"""
[slack]
host = "127.0.0.1"
organizer_ids = ["{ORGANIZER_ID}"]
captain_group = "{CAPTAINS_GROUP}"
"""


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack(bot_token=BOT_TOKEN, app_token=APP_TOKEN) as server:
        server.add_user(ORGANIZER_ID, "olive")
        server.add_user(CAPTAIN_ID, "cap")
        server.add_usergroup(CAPTAINS_GROUP, [CAPTAIN_ID])
        yield server


def slack_env(fake: FakeSlack, *, socket_mode: bool = False) -> dict[str, str]:
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "PICKETBOT_SLACK_PORT": "0",  # any free port; the adapter reports the one it got
    }
    if socket_mode:
        env["SLACK_APP_TOKEN"] = APP_TOKEN
    return env


async def open_slack_app(
    tmp_path: Path, clock: FakeClock, env: dict[str, str], toml: str = SLACK_TOML
) -> App:
    """The bot, configured for the fake Slack (its adapter not started)."""
    return (await TestBot.open(tmp_path, clock=clock, config=toml, env=env)).app


@dataclass
class HttpBot:
    """The bot in HTTP mode, and ways to send it what Slack would."""

    app: App
    adapter: SlackAdapter
    fake: FakeSlack

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.adapter.port}/slack/events"

    async def post(self, body: str, headers: dict[str, str]) -> tuple[int, str]:
        async with (
            aiohttp.ClientSession() as session,
            session.post(self.url, data=body, headers=headers) as resp,
        ):
            return resp.status, await resp.text()

    async def signed_post(self, body: str) -> tuple[int, str]:
        return await self.post(body, signed_request_headers(SIGNING_SECRET, body))

    async def command(self, command: str, text: str, **kwargs: str) -> tuple[int, str, str]:
        """Send a signed slash command; returns (status, ack body, response_url)."""
        response_url = self.fake.new_response_url()
        body = slash_command_body(command, text, response_url=response_url, **kwargs)
        status, ack = await self.signed_post(body)
        return status, ack, response_url


@pytest.fixture
async def http_bot(fake: FakeSlack, tmp_path: Path, clock: FakeClock) -> AsyncIterator[HttpBot]:
    app = await open_slack_app(tmp_path, clock, slack_env(fake))
    adapter = SlackAdapter(slack_settings(app.config))
    try:
        await adapter.start(app)
        yield HttpBot(app, adapter, fake)
    finally:
        await app.close()  # closes the adapter too (App.closers)
