"""Live shift posts: the bot posts a shift itself and edits the post as its counts change.

Through the TestBot: the recording sender keeps what each posted message
shows now (`current`) and every edit; `refresh_posts` is one pass of the
live-post editor on the bot's (fake) clock.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import pytest

from bot.testing.harness import TestBot
from bot.testing.people import actor
from storage.outbox.queue import OutboundMessage, PostedRef
from tests.picket.support import CAPTAIN, ORGANIZER, count

SITE = '/picket site add "Sunset Gate" tz=America/Los_Angeles'


async def shift(bot: TestBot, capacity: int, captains: int = 0) -> int:
    await bot.ok(SITE, as_=ORGANIZER)
    reply = await bot.ok(
        f'/picket shift add "Sunset Gate" 2026-10-27 09:00 12:00 capacity={capacity} captains={captains}',
        as_=ORGANIZER,
    )
    assert reply.title == "Shift #1 added" and reply.ephemeral and not reply.buttons
    return 1


def showing(bot: TestBot) -> dict[PostedRef, OutboundMessage]:
    """What each live post shows now, by where it landed."""
    sender = bot.sender()
    return {where: shown for where, shown in sender.current.items() if shown.kind == "shift-post"}


async def settle(bot: TestBot) -> None:
    await bot.refresh_posts()
    await bot.deliver()


async def test_shift_add_posts_the_shift_and_the_post_follows_the_counts(bot: TestBot) -> None:
    shift_id = await shift(bot, capacity=2, captains=1)
    (post,) = await bot.deliver()
    assert (post.kind, post.target_kind, post.target_id) == ("shift-post", "channel", "picket-line")
    assert post.title == "Picket shift #1 · Sunset Gate"
    assert "0/2 places · captains 0/1" in post.body
    assert [b.command for b in post.buttons] == [
        "picket signup 1", "picket signup 1 as=captain", "picket cancel 1",
    ]  # fmt: skip

    await bot.ok(f"/picket signup {shift_id}", as_="Ana")
    await bot.ok(f"/picket signup {shift_id}", as_="Bo")  # the other place is held for a captain
    await settle(bot)
    [(where, shown)] = showing(bot).items()
    assert "1/2 places · 1 waiting · captains 0/1" in shown.body

    bot.clock.advance(seconds=2)
    await bot.ok(f"/picket signup {shift_id} as=captain", as_=CAPTAIN)
    await bot.ok(f"/picket cancel {shift_id}", as_="Ana")  # Bo is promoted
    await settle(bot)
    assert "2/2 places · captains 1/1" in showing(bot)[where].body
    assert "Full" in showing(bot)[where].body
    assert len(bot.sender().sent) == 2  # the post and Bo's promotion: edits are not new messages


async def test_a_storm_of_two_thousand_clicks_shows_the_true_count_within_five_seconds(bot: TestBot) -> None:
    shift_id = await shift(bot, capacity=1000)
    await bot.deliver()
    clicks = 0
    # 2,000 members click over 10 seconds of the bot's clock; the editor and the delivery worker
    # run every half second, as they would keep waking up during the storm.
    for tick in range(20):
        await asyncio.gather(
            *(bot.ok(f"/picket signup {shift_id}", as_=actor(f"m{tick}-{n}")) for n in range(100))
        )
        clicks += 100
        bot.clock.advance(seconds=0.5)
        await settle(bot)
    last_change = bot.clock()
    while "1000/1000 places · 1000 waiting" not in next(iter(showing(bot).values())).body:
        assert bot.clock() - last_change < timedelta(seconds=5), "the post is behind for too long"
        bot.clock.advance(seconds=0.25)
        await settle(bot)
    assert clicks == 2000
    edits = len(bot.sender().edits)
    assert 3 <= edits <= 10, edits  # one every two seconds of the storm, not one per click
    assert await count(bot.db, "outbox", "edit_of IS NOT NULL AND sent_at IS NULL") == 0


async def test_changes_before_the_post_goes_out_change_the_post_itself(bot: TestBot) -> None:
    shift_id = await shift(bot, capacity=5)
    await bot.ok(f"/picket signup {shift_id}", as_="Ana")
    await bot.refresh_posts()
    (post,) = await bot.deliver()
    assert "1/5 places" in post.body and bot.sender().edits == []


async def test_resend_in_the_same_channel_retires_the_old_post(bot: TestBot) -> None:
    shift_id = await shift(bot, capacity=5)
    await bot.deliver()
    refused = await bot.reply(f"/picket shift post {shift_id}", as_="Ana")
    assert refused.is_error and "captain" in refused.text
    answer = await bot.ok(f"/picket shift post {shift_id}", as_=CAPTAIN)
    assert answer.ephemeral and "Posted shift #1" in answer.text
    await bot.deliver()
    [old, new] = sorted(showing(bot).items(), key=lambda item: int(item[0].message_id))
    assert "no longer updated" in old[1].body and not old[1].buttons
    assert "0/5 places" in new[1].body and new[1].buttons

    await bot.ok(f"/picket signup {shift_id}", as_="Ana")
    bot.clock.advance(seconds=2)
    await settle(bot)
    assert "1/5 places" in showing(bot)[new[0]].body
    assert "no longer updated" in showing(bot)[old[0]].body


async def test_a_cancelled_shift_says_so_and_loses_its_buttons(bot: TestBot) -> None:
    shift_id = await shift(bot, capacity=5)
    await bot.deliver()
    await bot.ok(f"/picket shift cancel {shift_id} rain", as_=ORGANIZER)
    await settle(bot)
    [shown] = showing(bot).values()
    assert "CANCELLED: rain" in shown.body and not shown.buttons
    again = await bot.reply(f"/picket shift post {shift_id}", as_=ORGANIZER)
    assert again.is_error and "cancelled" in again.text


async def test_an_edit_of_a_deleted_post_is_dropped_with_one_log_line(
    bot: TestBot, caplog: pytest.LogCaptureFixture
) -> None:
    shift_id = await shift(bot, capacity=5)
    await bot.deliver()
    [where] = showing(bot)
    bot.sender().delete(where)  # someone deleted the post in the channel
    await bot.ok(f"/picket signup {shift_id}", as_="Ana")
    with caplog.at_level(logging.INFO, logger="picketbot.delivery"):
        await settle(bot)
    dropped = [r for r in caplog.records if "dropped an edit" in r.getMessage()]
    assert len(dropped) == 1 and dropped[0].levelno == logging.INFO
    assert await count(bot.db, "posted_messages", "gone_at IS NOT NULL") == 1
    assert await count(bot.db, "outbox", "edit_of IS NOT NULL AND failed_at IS NOT NULL") == 1

    # Later changes queue nothing for it: the post is gone.
    bot.clock.advance(seconds=3)
    await bot.ok(f"/picket signup {shift_id}", as_="Bo")
    await settle(bot)
    assert await count(bot.db, "outbox", "edit_of IS NOT NULL") == 1
    assert bot.sender().edits == []
