"""A live shift post on Discord: posted by the bot, edited with PATCH as members click, after a
restart too, and left alone once someone deletes it. The real discord.py client, the fake Discord."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.app import App
from bot.delivery import DeliveryWorker
from bot.picket.posts import PostEditor
from bot.testing.clock import FakeClock
from bot.testing.fakes.discord import DEFAULT_CHANNEL_ID, FakeDiscord
from bot.testing.fakes.discord.model import Json
from tests.discord.conftest import ANA, BO, CARLOS, Bot, add_shift, connect, custom_ids, open_discord_app


async def running(tmp_path: Path, clock: FakeClock, fake: FakeDiscord) -> Bot:
    app = await open_discord_app(tmp_path, clock, fake)
    try:
        bot = Bot(app, await connect(app), fake)
        await bot.sync()
    except BaseException:
        await app.close()
        raise
    return bot


async def edit_and_deliver(app: App, clock: FakeClock) -> None:
    """One pass of the live-post editor, then of the delivery worker."""
    await PostEditor(app.db, clock).run_pass()
    await DeliveryWorker(app.db, app.senders, clock).deliver_due()


def description(message: Json) -> str:
    return str(message["embeds"][0]["description"])


async def test_a_live_post_follows_clicks_across_a_restart_until_it_is_deleted(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    bot = await running(tmp_path, clock, fake)
    try:
        shift_id = await add_shift(bot, capacity=10)
        await DeliveryWorker(bot.app.db, bot.app.senders, clock).deliver_due()
        [post] = fake.channel_messages(DEFAULT_CHANNEL_ID)
        assert "0/10 places" in description(post)
        sign_up = next(c for c in custom_ids(post) if c == f"pb:picket signup {shift_id}")

        await bot.click(sign_up, ANA)
        await edit_and_deliver(bot.app, clock)
        [edit] = fake.edits(DEFAULT_CHANNEL_ID)
        assert (edit.status, edit.path) == (200, f"/channels/{DEFAULT_CHANNEL_ID}/messages/{post['id']}")
        assert "1/10 places" in description(fake.messages[post["id"]])
        assert custom_ids(fake.messages[post["id"]]) == custom_ids(post)  # the buttons stay
    finally:
        await bot.app.close()

    # A new process finds the post by the id stored when it was sent.
    clock.advance(seconds=3)
    bot = await running(tmp_path, clock, fake)
    try:
        await bot.click(sign_up, BO)
        await edit_and_deliver(bot.app, clock)
        assert [e.status for e in fake.edits(DEFAULT_CHANNEL_ID)] == [200, 200]
        assert "2/10 places" in description(fake.messages[post["id"]])
        assert len(fake.requests_to("POST", "/channels/{channel_id}/messages")) == 1  # never posted again

        fake.delete_message(post["id"])
        clock.advance(seconds=3)
        await bot.click(sign_up, CARLOS)
        with caplog.at_level(logging.INFO, logger="picketbot.delivery"):
            await edit_and_deliver(bot.app, clock)
        assert [e.status for e in fake.edits(DEFAULT_CHANNEL_ID)] == [200, 200, 404]
        assert [r.getMessage() for r in caplog.records if "dropped an edit" in r.getMessage()] == [
            f"dropped an edit of shift-post:1 on discord: message {post['id']}: deleted (code 10008)"
        ]
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
        failed = await bot.app.db.fetchval("SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL")
        assert failed == 1
    finally:
        await bot.app.close()
