"""A live shift post on Slack: chat.postMessage by the bot, chat.update as members click, and an
edit of a deleted post dropped with one log line. The real slack-sdk client, the fake Slack."""

from __future__ import annotations

import logging

import aiohttp
import pytest

from bot.delivery import DeliveryWorker
from bot.picket.posts import PostEditor
from bot.testing.fakes.slack import DEFAULT_CHANNEL_ID, block_action_body
from tests.slack.conftest import ORGANIZER_ID, HttpBot


async def deliver(http_bot: HttpBot) -> None:
    app = http_bot.app
    await DeliveryWorker(app.db, app.senders, app.services.clock).deliver_due()


async def click(http_bot: HttpBot, action_id: str, user_id: str) -> None:
    url = http_bot.fake.new_response_url()
    body = block_action_body(action_id, action_id.removeprefix("pb:"), response_url=url, user_id=user_id)
    status, _ = await http_bot.signed_post(body)
    assert status == 200
    await http_bot.fake.wait_for_response(url)


def shown(message: dict[str, object]) -> str:
    return str(message.get("text", "")) + repr(message.get("blocks"))


async def test_a_live_post_is_updated_with_chat_update_until_it_is_deleted(
    http_bot: HttpBot, caplog: pytest.LogCaptureFixture
) -> None:
    organizer = {"user_id": ORGANIZER_ID, "user_name": "olive"}
    _, _, url = await http_bot.command("/picket", 'site add "Netflix Sunset Gate"', **organizer)
    await http_bot.fake.wait_for_response(url)
    _, _, url = await http_bot.command(
        "/picket", 'shift add "Netflix Sunset Gate" "tomorrow 09:00-12:00" capacity=20', **organizer
    )
    await http_bot.fake.wait_for_response(url)
    await deliver(http_bot)
    [post] = http_bot.fake.messages(DEFAULT_CHANNEL_ID)
    assert "0/20 places" in shown(post)

    http_bot.fake.add_user("U0ANA", "ana")
    await click(http_bot, "pb:picket signup 1", "U0ANA")
    clock = http_bot.app.services.clock
    await PostEditor(http_bot.app.db, clock).run_pass()
    await deliver(http_bot)
    [update] = http_bot.fake.calls("chat.update")
    assert (update.args["channel"], update.args["ts"], update.ok) == (DEFAULT_CHANNEL_ID, post["ts"], True)
    [post] = http_bot.fake.messages(DEFAULT_CHANNEL_ID)
    assert "1/20 places" in shown(post) and "0/20" not in shown(post)

    http_bot.fake.delete_message(DEFAULT_CHANNEL_ID, post["ts"])
    http_bot.fake.add_user("U0BO", "bo")
    await click(http_bot, "pb:picket signup 1", "U0BO")
    http_bot.app.services.clock.advance(seconds=3)  # type: ignore[attr-defined]
    with caplog.at_level(logging.INFO, logger="picketbot.delivery"):
        await PostEditor(http_bot.app.db, clock).run_pass()
        await deliver(http_bot)
    assert [c.response.get("error") for c in http_bot.fake.calls("chat.update")] == [
        None,
        "message_not_found",
    ]
    assert [r.getMessage() for r in caplog.records if "dropped an edit" in r.getMessage()] == [
        "dropped an edit of shift-post:1 on slack: chat.update: message_not_found"
    ]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


async def test_slack_events_and_calendar_feeds_share_the_public_listener(http_bot: HttpBot) -> None:
    assert http_bot.app.public_listener().port == http_bot.adapter.port
    url = f"http://127.0.0.1:{http_bot.adapter.port}/calendar/{'A' * 43}.ics"
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        assert (response.status, await response.text()) == (404, "no such calendar\n")
