"""Swaps and confirm-or-release on Discord: the buttons in the bot's direct messages run their
commands for whoever clicks them, through the real discord.py client and the fake Discord."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.delivery import DeliveryWorker
from bot.picket.reminders import queue_due
from bot.testing.clock import FakeClock
from bot.testing.fakes.discord import FakeDiscord, FakeMember
from tests.discord.conftest import (
    ANA,
    BO,
    CARLOS,
    DISCORD_TOML,
    OLIVE,
    Bot,
    add_shift,
    confirmed_signups,
    connect,
    custom_ids,
    embed_of,
    open_discord_app,
)

#: Tue 27 Oct 2026, 08:00 PDT: an hour before the shift `add_shift` makes.
HOUR_BEFORE = datetime(2026, 10, 27, 15, 0, tzinfo=UTC)


async def deliver(bot: Bot) -> None:
    app = bot.app
    await DeliveryWorker(app.db, app.senders, app.services.clock).deliver_due()


def dms(bot: Bot, member: FakeMember) -> list[dict[str, Any]]:
    channel = bot.fake.dm_channel_id(member.id)
    return [] if channel is None else bot.fake.channel_messages(channel)


async def test_a_promoted_member_confirms_and_the_reminder_carries_the_buttons(bot: Bot) -> None:
    shift = await add_shift(bot, capacity=1)
    await bot.click(f"pb:picket signup {shift}", user=ANA)
    await bot.click(f"pb:picket signup {shift}", user=BO)  # waitlisted
    await bot.click(f"pb:picket signup {shift}", user=CARLOS)  # behind Bo: so Bo must confirm

    released = await bot.slash("picket release", user=ANA, id=shift)

    assert "the next person on the waitlist has it now" in embed_of(released)["description"]
    await deliver(bot)
    [promotion] = dms(bot, BO)
    assert promotion["embeds"][0]["title"] == "You're off the waitlist: confirm your place"
    assert custom_ids(promotion) == [f"pb:picket confirm {shift}", f"pb:picket release {shift}"]
    _, confirmed = await bot.click(custom_ids(promotion)[0], user=BO, message_id=promotion["id"])
    assert embed_of(confirmed)["description"].startswith(f"Confirmed: the place on shift #{shift}")

    clock = bot.app.services.clock
    clock.set(HOUR_BEFORE)  # type: ignore[attr-defined]
    assert await queue_due(bot.app.db, HOUR_BEFORE, (60,)) == 1
    await deliver(bot)
    [_, reminder] = dms(bot, BO)
    assert custom_ids(reminder) == [f"pb:picket confirm {shift}", f"pb:picket release {shift}"]
    assert [b["label"] for row in reminder["components"] for b in row["components"]] == [
        "I'm coming",
        "Release my place",
    ]
    _, let_go = await bot.click(custom_ids(reminder)[1], user=BO, message_id=reminder["id"])
    assert "the next person on the waitlist has it now" in embed_of(let_go)["description"]
    assert await confirmed_signups(bot.app, BO.id) == 0


async def test_a_swap_offered_taken_from_the_dm_and_approved_by_a_captain(bot: Bot) -> None:
    shift = await add_shift(bot, capacity=1)
    await bot.as_organizer('/picket site set "Netflix Sunset Gate" swaps=approve')
    await bot.click(f"pb:picket signup {shift} captain", user=CARLOS)  # a captain on the shift
    await bot.as_organizer(f"/picket shift capacity {shift} 2")
    await bot.click(f"pb:picket signup {shift}", user=ANA)
    await bot.click(f"pb:picket signup {shift}", user=BO)  # waitlisted

    offered = await bot.slash("picket swap offer", user=ANA, id=shift)

    assert "stays yours until someone takes it" in embed_of(offered)["description"]
    await deliver(bot)
    [told] = dms(bot, BO)
    [take] = custom_ids(told)
    _, asked = await bot.click(take, user=BO, message_id=told["id"])
    assert "A captain approves swaps at this site" in embed_of(asked)["description"]
    assert await confirmed_signups(bot.app, ANA.id) == 1

    await deliver(bot)
    [approval] = [m for m in dms(bot, CARLOS) if m["embeds"][0]["title"] == "A swap waits for your approval"]
    approve, _ = custom_ids(approval)
    _, approved = await bot.click(approve, user=CARLOS, message_id=approval["id"])

    assert embed_of(approved)["description"].startswith("Approved: bo takes ana's place")
    assert (await confirmed_signups(bot.app, ANA.id), await confirmed_signups(bot.app, BO.id)) == (0, 1)
    await deliver(bot)
    assert dms(bot, ANA)[-1]["embeds"][0]["title"] == "Your place was taken"
    assert dms(bot, BO)[-1]["embeds"][0]["title"] == "Swap approved"


DUTIES = "\n[picket.duties]\nkitchen = { share = 0.5 }\n"


async def test_a_duty_shift_added_checked_in_and_confirmed_by_slash_commands(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock
) -> None:
    app = await open_discord_app(tmp_path, clock, fake, DISCORD_TOML + DUTIES)
    try:
        bot = Bot(app, await connect(app), fake)
        await bot.sync()
        await bot.as_organizer('/picket site add "Union Hall" tz=America/Los_Angeles')
        added = await bot.slash(
            "picket shift add", user=OLIVE, site="Union Hall", when="2026-10-27 09:00 12:00", capacity=5,
            duty="kitchen",
        )  # fmt: skip
        assert "(kitchen)" in embed_of(added)["description"] + str(embed_of(added).get("title"))
        await bot.slash("picket signup", user=ANA, id=1)
        clock.set(datetime(2026, 10, 27, 16, 0, tzinfo=UTC))
        await bot.slash("picket checkin", user=ANA, id=1)
        clock.set(datetime(2026, 10, 27, 19, 0, tzinfo=UTC))
        waiting = await bot.slash("picket hours", user=CARLOS, member=ANA.id)
        assert "waiting for a captain's confirmation" in embed_of(waiting)["description"]

        confirmed = await bot.slash("picket duty confirm", user=CARLOS, id=1)

        assert "Confirmed 1 check-in(s)" in embed_of(confirmed)["description"]
        counted = await bot.slash("picket hours", user=CARLOS, member=ANA.id)
        assert embed_of(counted)["description"].startswith("1.50 hours over 0 shifts")
    finally:
        await app.close()
