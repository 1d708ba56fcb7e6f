"""Clicks on picketbot buttons: they run their command, and keep working after a restart."""

from __future__ import annotations

from pathlib import Path

from bot.testing.clock import FakeClock
from bot.testing.fakes.discord import DEFAULT_CHANNEL_ID, FakeDiscord
from tests.discord.conftest import (
    ANA,
    BO,
    EPHEMERAL,
    Bot,
    add_shift,
    confirmed_signups,
    connect,
    custom_ids,
    embed_of,
    open_discord_app,
)


async def post_shift_list(bot: Bot) -> tuple[int, str]:
    """An organizer's public shift post with Sign up / Cancel buttons: (shift, message id)."""
    shift = await add_shift(bot)
    body = await bot.slash("picket shifts")
    assert custom_ids(body["data"]) == [f"pb:picket signup {shift}", f"pb:picket cancel {shift}"]
    [post] = [m for m in bot.fake.channel_messages(DEFAULT_CHANNEL_ID) if m["components"]]
    return shift, str(post["id"])


async def test_sign_up_button_signs_the_clicker_up_privately(bot: Bot) -> None:
    shift, post = await post_shift_list(bot)

    sent, answer = await bot.click(f"pb:picket signup {shift}", user=ANA, message_id=post)

    assert sent.payload["message"]["id"] == post
    assert answer["type"] == 4 and answer["data"]["flags"] == EPHEMERAL
    assert embed_of(answer)["description"].startswith(f"You're signed up for shift #{shift}")
    assert answer["data"]["allowed_mentions"] == {"parse": []}
    assert await confirmed_signups(bot.app, ANA.id) == 1
    # The shift post itself is left as it was.
    assert (
        bot.fake.messages[post]["components"][0]["components"][0]["custom_id"] == f"pb:picket signup {shift}"
    )


async def test_a_button_for_an_unknown_command_gets_one_private_line(bot: Bot) -> None:
    _, answer = await bot.click("pb:picket explode 4")

    assert answer["data"]["flags"] == EPHEMERAL
    assert answer["data"]["content"].startswith("unknown command")


async def test_buttons_work_after_a_restart(fake: FakeDiscord, tmp_path: Path, clock: FakeClock) -> None:
    first_run = await open_discord_app(tmp_path, clock, fake)
    try:
        bot = Bot(first_run, await connect(first_run), fake)
        await bot.sync()
        shift, post = await post_shift_list(bot)
    finally:
        await first_run.close()  # the client, the gateway and the database all close

    second_run = await open_discord_app(tmp_path, clock, fake)  # same database file
    try:
        bot = Bot(second_run, await connect(second_run), fake)

        _, signed_up = await bot.click(f"pb:picket signup {shift}", user=BO, message_id=post)
        _, cancelled = await bot.click(f"pb:picket cancel {shift}", user=BO, message_id=post)

        assert embed_of(signed_up)["description"].startswith(f"You're signed up for shift #{shift}")
        assert embed_of(cancelled)["description"].startswith(f"You gave up your place on shift #{shift}")
        assert await confirmed_signups(second_run, BO.id) == 0
        identifies = [f for c in fake.gateway_connections for f in c.received if f["op"] == 2]
        assert len(identifies) == 2  # a new session: nothing carried over in memory
    finally:
        await second_run.close()
