"""Outbox messages to Discord through the real delivery worker and the real discord.py client."""

from __future__ import annotations

from datetime import timedelta

from bot.app import App
from bot.testing.clock import FakeClock
from bot.testing.fakes.discord import DEFAULT_CHANNEL_ID
from commands.reply import Button
from storage.database import iso
from storage.outbox import queue as outbox
from storage.outbox.queue import OutboundMessage
from tests.discord.conftest import ALERTS_CHANNEL, ANA, BO, Bot, custom_ids

CHANNEL_POSTS = "/channels/{channel_id}/messages"


async def queue(app: App, message: OutboundMessage) -> int:
    async with app.db.transaction() as tx:
        message_id = await outbox.enqueue(tx, message)
    assert message_id is not None
    return message_id


async def state_of(app: App, message_id: int) -> tuple[bool, bool]:
    """(sent, given up) for one outbox message."""
    row = await app.db.fetchone("SELECT sent_at, failed_at FROM outbox WHERE id = ?", (message_id,))
    assert row is not None
    return row["sent_at"] is not None, row["failed_at"] is not None


def alert(**changes: object) -> OutboundMessage:
    fields: dict[str, object] = {
        "platform": "discord",
        "target_kind": "channel",
        "target_id": str(ALERTS_CHANNEL.id),
        "title": "New AI job: Netflix",
        "body": "@everyone Product Manager, ML Platform: $300,000–$900,000",
        "kind": "job-alert",
        "buttons": (Button("Pay compare", "pay compare 900000"),),
    }
    return OutboundMessage(**{**fields, **changes})  # type: ignore[arg-type]


async def test_an_alert_reaches_its_channel_with_mentions_off(bot: Bot) -> None:
    await bot.app.start_background()
    message_id = await queue(bot.app, alert())

    post = await bot.fake.wait_for_request("POST", f"/channels/{ALERTS_CHANNEL.id}/messages")

    assert post.status == 200
    assert post.json["allowed_mentions"] == {"parse": []}
    assert (post.json["nonce"], post.json["enforce_nonce"]) == (f"pb{message_id}", True)
    [message] = bot.fake.channel_messages(ALERTS_CHANNEL.id)
    assert message["embeds"][0]["title"] == "New AI job: Netflix"
    assert custom_ids(message) == ["pb:pay compare 900000"]
    assert bot.app.worker is not None
    assert await bot.app.worker.deliver_due() == 0
    assert await state_of(bot.app, message_id) == (True, False)


async def test_a_rate_limited_post_is_retried_and_lands_once(bot: Bot) -> None:
    bot.fake.rate_limit("POST", CHANNEL_POSTS, times=1, retry_after=0.01)
    await bot.app.start_background()
    message_id = await queue(bot.app, alert())

    await bot.fake.wait_for_request("POST", CHANNEL_POSTS, count=2)

    assert [r.status for r in bot.fake.requests_to("POST", CHANNEL_POSTS)] == [429, 200]
    assert len(bot.fake.channel_messages(ALERTS_CHANNEL.id)) == 1
    assert bot.app.worker is not None
    await bot.app.worker.deliver_due()
    assert await state_of(bot.app, message_id) == (True, False)


async def test_a_reminder_goes_by_direct_message(bot: Bot) -> None:
    await bot.app.start_background()
    await queue(
        bot.app,
        OutboundMessage("discord", "user", str(ANA.id), "Shift #4 starts in an hour", kind="reminder"),
    )

    await bot.fake.wait_for_request("POST", "/channels/{channel_id}/messages")

    dm = bot.fake.dm_channel_id(ANA.id)
    assert dm is not None
    [message] = bot.fake.channel_messages(dm)
    assert message["embeds"][0]["description"] == "Shift #4 starts in an hour"


async def test_a_refused_dm_becomes_a_mention_in_the_fallback_channel(bot: Bot) -> None:
    bot.fake.refuse_dms(BO.id)
    await bot.app.start_background()
    message_id = await queue(
        bot.app,
        OutboundMessage(
            "discord",
            "user",
            str(BO.id),
            "Shift #4 starts in an hour",
            kind="reminder",
            fallback_channel_id=str(DEFAULT_CHANNEL_ID),
        ),
    )

    post = await bot.fake.wait_for_request("POST", f"/channels/{DEFAULT_CHANNEL_ID}/messages")

    assert post.json["content"] == f"<@{BO.id}>"
    mentions = post.json["allowed_mentions"]
    assert (mentions["parse"], [int(u) for u in mentions["users"]]) == ([], [BO.id])  # that member only
    assert post.json["embeds"][0]["description"] == "Shift #4 starts in an hour"
    refused = bot.fake.requests_to("POST", f"/channels/{bot.fake.dm_channel_id(BO.id)}/messages")
    assert [r.status for r in refused] == [403]
    assert bot.app.worker is not None
    await bot.app.worker.deliver_due()
    assert await state_of(bot.app, message_id) == (True, False)


async def test_a_refused_dm_without_a_fallback_is_given_up(bot: Bot) -> None:
    bot.fake.refuse_dms(BO.id)
    message_id = await queue(
        bot.app, OutboundMessage("discord", "user", str(BO.id), "Your shift was cancelled")
    )
    await bot.app.start_background()
    assert bot.app.worker is not None

    await bot.fake.wait_for_request("POST", "/channels/{channel_id}/messages")
    await bot.app.worker.deliver_due()

    assert await state_of(bot.app, message_id) == (False, True)


async def test_an_unknown_channel_is_given_up_at_once(bot: Bot) -> None:
    message_id = await queue(bot.app, alert(target_id="1130000000000000999"))
    await bot.app.start_background()
    assert bot.app.worker is not None

    await bot.fake.wait_for_request("POST", CHANNEL_POSTS)
    await bot.app.worker.deliver_due()

    assert await state_of(bot.app, message_id) == (False, True)
    assert [r.status for r in bot.fake.requests_to("POST", CHANNEL_POSTS)] == [404]


async def test_a_long_rate_limit_goes_back_to_the_outbox(bot: Bot, clock: FakeClock) -> None:
    # Longer than the client waits inline: the shared delivery worker must not sleep on it.
    bot.fake.rate_limit("POST", CHANNEL_POSTS, times=1, retry_after=120)
    message_id = await queue(bot.app, alert())
    await bot.app.start_background()
    assert bot.app.worker is not None

    await bot.fake.wait_for_request("POST", CHANNEL_POSTS)
    await bot.app.worker.deliver_due()

    row = await bot.app.db.fetchone("SELECT * FROM outbox WHERE id = ?", (message_id,))
    assert row is not None
    assert (row["sent_at"], row["failed_at"]) == (None, None)
    assert "rate limited" in row["last_error"]
    assert row["not_before"] == iso(clock.now + timedelta(seconds=120))
    assert [r.status for r in bot.fake.requests_to("POST", CHANNEL_POSTS)] == [429]
