"""Issue 19 items 2, 3 and 6 over the fake Discord: the check-in code with its QR image in the
reply, /picket now and its one-click ask (a direct message), and the turn-out forecast."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.testing.clock import FakeClock
from bot.testing.fakes.discord import FakeMember
from commands.context import Actor, Channel
from commands.roles import Role
from tests.discord.conftest import ANA, BO, CARLOS, TIMEOUT, Bot, custom_ids, embed_of

LA = ZoneInfo("America/Los_Angeles")


async def _as(bot: Bot, member: FakeMember, line: str, role: Role = Role.MEMBER) -> str:
    """Set-up through the dispatcher as a Discord member (not under test)."""
    actor = Actor("discord", str(member.id), member.username, role)
    reply = await bot.app.dispatcher.handle_text(actor, Channel("discord", "1", "picket-line"), line)
    assert not reply.is_error, reply.text
    return reply.text


async def _direct_messages(bot: Bot, member: FakeMember) -> list[dict[str, Any]]:
    """The member's direct messages, once the delivery worker (which posts live posts too) sent one."""
    for _ in range(int(TIMEOUT / 0.05)):
        dm = bot.fake.dm_channel_id(member.id)
        if dm is not None and bot.fake.channel_messages(dm):
            return list(bot.fake.channel_messages(dm))
        await asyncio.sleep(0.05)
    raise AssertionError(f"no direct message to {member.username}")


async def _site_and_shift(bot: Bot, site: str, capacity: int) -> None:
    await bot.as_organizer(f'/picket site add "{site}" tz=America/Los_Angeles')
    await bot.as_organizer(f'/picket shift add "{site}" 2026-10-27 09:00 12:00 capacity={capacity}')


async def test_a_code_with_its_qr_image_and_a_check_in_by_code(bot: Bot, clock: FakeClock) -> None:
    await _site_and_shift(bot, "Sunset Gate", 3)
    await bot.slash("picket signup", user=ANA, id=1)
    clock.set(datetime(2026, 10, 27, 8, 50, tzinfo=LA))

    sent = await bot.fake.send_interaction(command="picket code", options={"id": 1}, user_id=CARLOS.id)
    body = await bot.fake.wait_for_callback(sent.id, TIMEOUT)
    embed = embed_of(body)
    code = re.search(r"\b([A-Z]{3}-[A-Z]{3})\b", embed["description"])
    assert code, embed
    assert embed["image"]["url"] == "attachment://checkin-1.png"
    [callback] = bot.fake.requests_to("POST", f"/interactions/{sent.id}/{sent.token}/callback")
    [upload] = callback.files
    assert upload.filename == "checkin-1.png" and upload.data.startswith(b"\x89PNG")
    assert "This code changes at 08:55 PDT (<t:1793116500:t>)" in embed["description"]

    done = embed_of(await bot.slash("picket checkin", user=ANA, id=code.group(1)))["description"]
    assert done.startswith("Checked in for shift #1 Sunset Gate, Tue 2026-10-27 09:00–12:00 PDT (<t:")
    roster = embed_of(await bot.slash("picket roster", user=CARLOS, id=1))["description"]
    assert "Live at 08:50 PDT: 1 arrived" in roster


async def test_now_and_a_one_click_ask(bot: Bot, clock: FakeClock) -> None:
    await _site_and_shift(bot, "Gate 2", 1)
    await _site_and_shift(bot, "Gate 4", 2)
    await bot.slash("picket signup", user=ANA, id=1)
    await bot.slash("picket signup", user=BO, id=1)  # waits
    clock.set(datetime(2026, 10, 27, 9, 30, tzinfo=LA))
    await bot.slash("picket checkin", user=ANA, id="1")
    await bot.slash("picket checkin", user=CARLOS, id="1", member=str(BO.id), status="walk-in")

    now = await bot.slash("picket now", user=CARLOS)
    assert "Gate 2 has 2 of 1; Gate 4 has 0 of 2: ask 1 to move." in embed_of(now)["description"]
    ask = f"pb:picket ask 2 <@{ANA.id}>"
    assert ask in custom_ids(now["data"])

    _, answer = await bot.click(ask, user=CARLOS)
    assert "Asked ana to move from Gate 2 to Gate 4 (shift #2)" in embed_of(answer)["description"]

    await bot.app.start_background()
    [message] = await _direct_messages(bot, ANA)
    assert message["embeds"][0]["title"] == "Please move to Gate 4"
    assert "carlos asks you to move from Gate 2 to Gate 4" in message["embeds"][0]["description"]
    assert "(<t:1793116800:f>–<t:1793127600:t>)" in message["embeds"][0]["description"]


async def test_gaps_says_what_the_forecast_learned_from(bot: Bot, clock: FakeClock) -> None:
    await bot.as_organizer('/picket site add "Sunset Gate" tz=America/Los_Angeles')
    await bot.as_organizer('/picket shift add "Sunset Gate" tue 09:00-12:00 capacity=3 weeks=2')
    for member in (ANA, BO, CARLOS):
        for shift in (1, 2):
            await _as(bot, member, f"/picket signup {shift}")
    clock.set(datetime(2026, 10, 27, 9, 5, tzinfo=LA))
    await _as(bot, ANA, "/picket checkin 1")  # one of three came
    clock.set(datetime(2026, 11, 2, 9, 0, tzinfo=LA))

    gaps = embed_of(await bot.slash("picket gaps", user=CARLOS))["description"]

    assert "3/3 places — likely short: expect about 1 of 3" in gaps
    assert "(forecast: 33% of those signed up came, over 1 past Tuesday here)" in gaps


async def test_site_names_in_now_stay_text(bot: Bot, clock: FakeClock) -> None:
    await _site_and_shift(bot, "**Gate** <t:0:R>", 1)
    await bot.slash("picket signup", user=ANA, id=1)
    clock.set(datetime(2026, 10, 27, 9, 30, tzinfo=LA))
    await bot.slash("picket checkin", user=ANA, id="1")

    shown = embed_of(await bot.slash("picket now", user=CARLOS))["description"]

    assert "\\*\\*Gate\\*\\* \\<t:0:R\\> (#1, Tue 2026-10-27 09:00–12:00 PDT (<t:1793116800:f>" in shown
    assert "1 of 1 checked in, as needed" in shown
