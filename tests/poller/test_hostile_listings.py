"""A job board's text reaches chat as text: cleaned when fetched, escaped when an alert is shown.

The listing goes the whole way: the fake board serves it, the real poller
stores it and queues alerts, the delivery worker hands each platform its
message, and the platform's own renderer (the one its sender uses) draws it.
"""

from __future__ import annotations

import re

from bot.adapters.discord.render import render_notice
from bot.adapters.slack.render import render_outbound
from bot.app import App
from bot.testing.fakes.jobboards import JobBoardServer
from bot.testing.harness import TestBot
from commands.context import Channel
from storage.outbox.queue import OutboundMessage
from tests.poller.conftest import (
    MakePoller,
    greenhouse_job,
    greenhouse_source,
    lantern_jobs,
    make_due,
    serve_greenhouse,
    settings,
    subscribe,
)

PHISH = "[Click](https://phish.example)"
HOSTILE_TITLE = f"Machine Learning Engineer \u202e{PHISH}\u202c **URGENT** <@&1> <!channel>"
HOSTILE_PLACE = "# Burbank\u2066, CA ||spoiler||"
DISCORD = Channel("discord", "1130000000000000011", "ai-job-alerts")
SLACK = Channel("slack", "C0ALERTS", "ai-job-alerts")


async def alerts_for_each_platform(
    bot: TestBot, board_server: JobBoardServer, make_poller: MakePoller
) -> dict[str, OutboundMessage]:
    app, clock = bot.app, bot.clock
    serve_greenhouse(board_server, "lantern", lantern_jobs())
    poller = make_poller(settings(greenhouse_source(board_server, "lantern")))
    await poller.sync()
    for channel in (DISCORD, SLACK):
        await subscribe(app, channel=channel)
    await poller.run_cycle()
    hostile = greenhouse_job(9001, HOSTILE_TITLE, place=HOSTILE_PLACE)
    serve_greenhouse(board_server, "lantern", [*lantern_jobs(), hostile])
    await make_due(app, clock, "lantern")
    await poller.run_cycle()
    await bot.deliver("discord", "slack", "console")
    found = {p: bot.sender(p).sent for p in ("discord", "slack", "console") if bot.sender(p).sent}
    return {platform: next(m for m in sent if m.kind == "job_alert") for platform, sent in found.items()}


async def test_a_hostile_listing_is_stored_without_control_characters(
    app: App, bot: TestBot, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    await alerts_for_each_platform(bot, board_server, make_poller)
    row = await app.db.fetchone("SELECT id, title FROM job_listings WHERE external_id = '9001'")
    assert row is not None
    assert row["title"] == f"Machine Learning Engineer {PHISH} **URGENT** <@&1> <!channel>"
    place = await app.db.fetchval(
        "SELECT location FROM job_listing_locations WHERE listing_id = ?", (row["id"],)
    )
    assert place == "# Burbank, CA ||spoiler||"


async def test_a_discord_alert_shows_the_listing_as_text_and_links_only_its_address(
    bot: TestBot, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    alert = (await alerts_for_each_platform(bot, board_server, make_poller))["discord"]
    embed = render_notice(alert.title, alert.body, alert.footer, alert.buttons).embed
    assert embed is not None and embed.description is not None
    shown = embed.description

    assert PHISH not in shown and "https://phish" not in shown
    assert "\\[Click\\](https\\://phish.example)" in shown
    assert "\\*\\*URGENT\\*\\*" in shown and "\\|\\|spoiler\\|\\|" in shown
    assert not re.search(r"^\s*# ", shown, re.MULTILINE)
    assert "<@&1>" not in shown and "<!channel>" not in shown
    assert "\u202e" not in shown and "\u2066" not in shown
    # The bot's own link, the listing's address, stays a plain clickable address.
    assert "\n  https://job-boards.example/lantern/jobs/9001" in shown


async def test_a_slack_alert_shows_the_listing_as_text_and_links_only_its_address(
    bot: TestBot, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    alert = (await alerts_for_each_platform(bot, board_server, make_poller))["slack"]
    message = render_outbound(alert.title, alert.body, alert.footer, alert.buttons)
    [body] = [b["text"]["text"] for b in message.blocks if b["type"] == "section"]

    assert "*URGENT*" not in body and "\u200b*\u200b\u200b*\u200bURGENT" in body
    assert "<@&1>" not in body and "<!channel>" not in body and "<https://phish" not in body
    assert "\u202e" not in body
    assert "<https://job-boards.example/lantern/jobs/9001>" in body
    assert "*URGENT*" not in message.text and "<!channel>" not in message.text
