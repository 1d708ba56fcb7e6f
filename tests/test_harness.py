"""The harness itself: TestBot drives the bot as the console does, and the shared fakes say "not now"."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.delivery import DeliveryError
from bot.testing.clock import FakeClock
from bot.testing.fakes.channel_platform import ChannelPlatform, ChannelSender
from bot.testing.fakes.jobboards import JobBoardServer
from bot.testing.fakes.jobboards.studios import ADVANCE, Studios, board_path
from bot.testing.fakes.rate_limits import Refusal, Scripted, Window, route_pattern
from bot.testing.harness import TestBot
from storage.outbox import queue as outbox
from storage.outbox.queue import OutboundMessage

SITE = '/picket site add "Sunset Gate" tz=America/Los_Angeles'
SHIFT = '/picket shift add "Sunset Gate" 2026-10-27 09:00 12:00 capacity=1'


async def test_say_prints_what_the_console_prints_and_as_switches_the_member(bot: TestBot) -> None:
    assert (await bot.say(SITE)).startswith("error: ")  # Ana, a member, may not add sites
    assert await bot.say("/as Olga organizer") == "You are now Olga (organizer)."
    assert "Sunset Gate" in await bot.say(SITE)
    assert (await bot.reply(SHIFT)).title == "Shift #1 added"
    assert "You're signed up" in await bot.say("/picket signup 1", as_="Ana")
    assert "waitlist: position 1" in await bot.say("/picket signup 1", as_="Bo")
    assert bot.speaker().display_name == "Olga"  # a call naming someone else switches nobody


async def test_a_freed_place_is_posted_through_the_recording_sender(bot: TestBot) -> None:
    await bot.ok(SITE, as_="Olga", role="organizer")
    await bot.ok(SHIFT, as_="Olga", role="organizer")
    (post,) = await bot.deliver()  # the shift's live post, in the channel it was added in
    assert (post.kind, post.target_kind, post.target_id) == ("shift-post", "channel", "console")
    await bot.ok("/picket signup 1", as_="Ana")
    await bot.ok("/picket signup 1", as_="Bo")
    with pytest.raises(AssertionError, match="failed"):
        await bot.ok("/picket signup 99", as_="Cy")
    await bot.ok("/picket cancel 1", as_="Ana")

    (promotion,) = await bot.deliver()
    assert (promotion.kind, promotion.target_id) == ("waitlist-promotion", "bo")
    assert bot.posts == [post, promotion] and bot.sender("console").sent == [post, promotion]
    assert await bot.refresh_posts() == 1  # the live-post editor: the post's counts changed
    await bot.deliver()
    (where, edit), *_ = bot.sender().edits
    assert "1/1 places" in edit.body and bot.sender().current[where] == edit
    assert await bot.deliver() == []  # delivered once


async def test_posts_for_platforms_not_named_wait_in_the_outbox(tmp_path: Path, clock: FakeClock) -> None:
    async with await TestBot.open(tmp_path, clock=clock, seed_facts=False) as bot:
        async with bot.db.transaction() as tx:
            await outbox.enqueue(tx, OutboundMessage("slack", "channel", "C1", "hi"), not_before=clock())
        assert await bot.deliver() == []
        assert [m.body for m in await bot.deliver("slack")] == ["hi"]


def test_scripted_answers_are_used_up_oldest_first_by_key_or_pattern() -> None:
    script: Scripted[str] = Scripted()
    script.add("chat.postMessage", "first", times=2)
    script.add(route_pattern("/channels/{id}/messages"), "route")
    script.add("chat.postMessage", "then")
    taken = [script.take("chat.postMessage") for _ in range(4)]
    assert taken == ["first", "first", "then", None]
    assert script.take("/channels/1/messages/2") is None  # a {name} is one whole segment
    assert script.take("/channels/1/messages") == "route"
    assert script.take("/channels/1/messages") is None


def test_the_window_lets_rate_through_per_second_and_says_how_long_to_wait() -> None:
    window = Window(rate=2)
    assert [window.wait_needed("a", 10.0), window.wait_needed("a", 10.25)] == [0.0, 0.0]
    assert window.wait_needed("a", 10.5) == pytest.approx(0.5)
    assert window.wait_needed("b", 10.5) == 0.0  # each channel has its own window
    assert window.wait_needed("a", 11.0) == 0.0


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client:
        yield client


async def test_the_channel_platform_refuses_beyond_its_rate_with_a_wait(
    session: aiohttp.ClientSession,
) -> None:
    async with ChannelPlatform(rate=3) as platform:
        sender = ChannelSender("chat", platform.base_url, session)
        message = OutboundMessage("chat", "channel", "c1", "body", title="Title", id=7)
        started = time.monotonic()
        for _ in range(3):
            await sender.send(message)
        with pytest.raises(DeliveryError) as refused:
            await sender.send(message)
        assert refused.value.retry_after is not None
        assert 0 < refused.value.retry_after <= 1.0 - (time.monotonic() - started) + 0.01
        assert platform.limited == 1 and platform.requests["c1"] == 4
        assert platform.accepted("c1") == ["Title\nbody"] * 3
        assert {post.nonce for post in platform.posts} == {"7"}
        platform.answer("c2", Refusal(404))
        with pytest.raises(DeliveryError) as gone:
            await sender.send(OutboundMessage("chat", "channel", "c2", "x"))
        assert gone.value.permanent


async def test_studio_boards_answer_304_until_advanced(session: aiohttp.ClientSession) -> None:
    server = JobBoardServer()
    Studios(count=2, jobs=3, ai=1, new_ai=2).install(server)
    await server.start(hosts=2)
    try:
        assert len(set(server.ports)) == 2
        url = f"http://127.0.0.1:{server.ports[1]}{board_path(1)}"
        async with session.get(url) as first:
            etag, jobs = first.headers["ETag"], (await first.json())["jobs"]
        assert len(jobs) == 3
        async with session.get(url, headers={"If-None-Match": etag}) as unchanged:
            assert unchanged.status == 304
        async with session.post(server.url(ADVANCE)) as advanced:
            assert await advanced.json() == {"version": 1}
        async with session.get(url, headers={"If-None-Match": etag}) as changed:
            assert changed.status == 200 and len((await changed.json())["jobs"]) == 5
    finally:
        await server.close()
