"""/link through the real adapters: one bot serving the fake Discord and the fake Slack at once.

A code given on Discord (discord.py, a slash interaction) is typed on Slack
(slack-bolt, a signed slash command over HTTP); from then on the two
accounts sign up, see hours and hold roles as one member, until /link remove.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.adapters.discord.client import DiscordAdapter
from bot.adapters.discord.endpoints import restore_discord_endpoints
from bot.adapters.slack.app import SlackAdapter
from bot.adapters.slack.config import slack_settings
from bot.app import App
from bot.testing.clock import FakeClock
from bot.testing.fakes.discord import DEFAULT_CHANNEL_ID, FakeChannel, FakeDiscord
from bot.testing.fakes.slack import FakeSlack
from tests.discord.conftest import (
    ANA,
    BO,
    CAPTAIN_ROLE,
    CARLOS,
    DISCORD_TOML,
    OLIVE,
    ORGANIZER_ROLE,
    Bot,
    connect,
    discord_env,
)
from tests.slack.conftest import ORGANIZER_ID, SLACK_TOML, HttpBot, slack_env

Json = dict[str, Any]
LA = ZoneInfo("America/Los_Angeles")
ANA_SLACK = ("U0ANA", "ana.s")
OLIVE_SLACK = ("U0OLIVE", "olive.s")


@dataclass
class BothBots:
    app: App
    discord: Bot
    slack: HttpBot

    async def on_discord(self, command: str, user: Any = ANA, **options: str | int) -> str:
        data = (await self.discord.slash(command, user=user, **options))["data"]
        parts = [data.get("content") or ""]
        for embed in data.get("embeds") or []:
            parts += [embed.get("title") or "", embed.get("description") or ""]
        return "\n".join(p for p in parts if p)

    async def on_slack(self, command: str, text: str, user: tuple[str, str] = ANA_SLACK) -> str:
        _, _, url = await self.slack.command(command, text, user_id=user[0], user_name=user[1])
        answer = await self.slack.fake.wait_for_response(url)
        return str(answer["text"])


@pytest.fixture
async def both(tmp_path: Path, clock: FakeClock) -> AsyncIterator[BothBots]:
    from bot.testing.harness import TestBot

    discord_fake = FakeDiscord(
        roles=[ORGANIZER_ROLE, CAPTAIN_ROLE],
        members=[OLIVE, CARLOS, ANA, BO],
        channels=[FakeChannel(DEFAULT_CHANNEL_ID, "picket-line")],
    )
    async with discord_fake, FakeSlack(bot_token="xoxb-picketbot-test", app_token="xapp-t") as slack_fake:
        slack_fake.add_user(*ANA_SLACK)
        slack_fake.add_user(*OLIVE_SLACK)
        slack_fake.add_user(ORGANIZER_ID, "olive")
        env = discord_env(discord_fake) | slack_env(slack_fake)
        test_bot = await TestBot.open(tmp_path, clock=clock, config=DISCORD_TOML + SLACK_TOML, env=env)
        app = test_bot.app
        try:
            adapter: DiscordAdapter = await connect(app)
            discord = Bot(app, adapter, discord_fake)
            await discord.sync()
            slack = SlackAdapter(slack_settings(app.config))
            await slack.start(app)
            yield BothBots(app, discord, HttpBot(app, slack, slack_fake))
        finally:
            await app.close()
            restore_discord_endpoints()


async def _code_on_discord(both: BothBots) -> str:
    answer = await both.on_discord("link")
    found = re.search(r"/link ([A-Z0-9]{4}-[A-Z0-9]{4})", answer)
    assert found, answer
    return found.group(1)


async def test_linked_on_discord_and_slack_one_member_signs_up_once(both: BothBots, clock: FakeClock) -> None:
    await both.discord.as_organizer('/picket site add "Sunset Gate" tz=America/Los_Angeles')
    await both.discord.as_organizer('/picket shift add "Sunset Gate" 2026-10-27 09:00 12:00 capacity=3')
    code = await _code_on_discord(both)

    linked = await both.on_slack("/link", code)
    assert linked.startswith("Linked: you are one member on Discord (ana), Slack (ana.s).")
    assert "You're signed up" in await both.on_slack("/picket", "signup 1")
    again = await both.on_discord("picket signup", id=1)
    assert "already" in again
    assert await both.app.db.fetchval("SELECT count(*) FROM signups WHERE status = 'confirmed'") == 1
    assert "Sunset Gate" in await both.on_discord("picket mine")

    # Checked in from Slack, hours seen from Discord: one person's.
    clock.set(datetime(2026, 10, 27, 9, 5, tzinfo=LA))
    await both.on_slack("/picket", "checkin 1")
    clock.set(datetime(2026, 10, 27, 12, 30, tzinfo=LA))
    assert "3.00 hours over 1 shift" in await both.on_discord("picket hours")

    shown = await both.on_discord("link", user=OLIVE, code=f"show <@{ANA.id}>")
    assert shown.startswith("ana: one member on 2 accounts") and "Slack (ana.s)" in shown


async def test_a_discord_organizer_is_an_organizer_on_slack_once_linked(both: BothBots) -> None:
    olive_slack = OLIVE_SLACK
    site = 'site add "Sunset Gate" tz=America/Los_Angeles'
    refused = await both.on_slack("/picket", site, user=olive_slack)
    assert "organizer" in refused and "Sunset Gate" not in refused
    code = re.search(r"/link ([A-Z0-9-]{9})", await both.on_discord("link", user=OLIVE))
    assert code
    await both.on_slack("/link", code.group(1), user=olive_slack)
    assert "Sunset Gate" in await both.on_slack("/picket", site, user=olive_slack)

    removed = await both.on_slack("/link", "remove", user=olive_slack)
    assert removed.startswith("Unlinked: Slack (olive.s) is on its own again.")
    again = await both.on_slack("/picket", 'site add "Other Gate" tz=America/Los_Angeles', user=olive_slack)
    assert "organizer" in again and "Other Gate" not in again


async def test_a_wrong_code_on_slack_is_one_line_and_links_nothing(both: BothBots) -> None:
    await _code_on_discord(both)
    answer = await both.on_slack("/link", "ABCD-EFGH")
    assert (
        answer
        == "That is not a link code (or not one that works). Type /link on your other account for a new one."
    )
    assert await both.app.db.fetchval("SELECT count(*) FROM member_links") == 0


async def test_forget_me_on_discord_forgets_the_slack_account_too(both: BothBots) -> None:
    code = await _code_on_discord(both)
    await both.on_slack("/link", code)
    await both.on_slack("/picket", "hours")  # the Slack account is known to the bot
    done = await both.on_discord("picket forget-me", confirm="yes")
    assert done.startswith("Done: your personal data is removed")
    names = [r[0] for r in await both.app.db.fetchall("SELECT display_name FROM members")]
    assert "ana" not in names and "ana.s" not in names
    assert await both.app.db.fetchval("SELECT count(*) FROM member_links") == 0


async def test_a_slack_organizer_is_an_organizer_in_discords_typed_options(both: BothBots) -> None:
    olive_on_slack = (ORGANIZER_ID, "olive")
    refused = await both.on_discord("picket site add", user=BO, name="Sunset Gate", tz="America/Los_Angeles")
    assert "organizer" in refused and "Added" not in refused
    code = re.search(r"/link ([A-Z0-9-]{9})", await both.on_slack("/link", "", user=olive_on_slack))
    assert code
    assert (await both.on_discord("link", user=BO, code=code.group(1))).startswith("Linked:")
    added = await both.on_discord("picket site add", user=BO, name="Sunset Gate", tz="America/Los_Angeles")
    assert "Sunset Gate" in added and "organizer" not in added
