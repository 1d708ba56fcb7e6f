"""Slash commands over the real gateway: the real discord.py client, the real dispatcher and App."""

from __future__ import annotations

import asyncio

import pytest

from bot.testing.fakes.discord import DEFAULT_CHANNEL_ID
from tests.discord.conftest import (
    ANA,
    BO,
    CARLOS,
    EPHEMERAL,
    OLIVE,
    TIMEOUT,
    Bot,
    add_shift,
    confirmed_signups,
    custom_ids,
    embed_of,
)


async def test_fact_answers_with_an_embed_and_pings_no_one(bot: Bot) -> None:
    body = await bot.slash("fact ask", question="what does the netflix ai job pay")

    assert body["type"] == 4
    embed = embed_of(body)
    assert embed["title"] == "$300,000 to $900,000 a year"
    assert "$300,000 to $900,000" in embed["description"]
    assert "Source: Interesting Engineering" in embed["description"]
    assert body["data"]["allowed_mentions"] == {"parse": []}
    assert body["data"].get("flags", 0) == 0  # a fact is for the whole channel


async def test_pay_compare_explains_an_amount(bot: Bot) -> None:
    body = await bot.slash("pay compare", amount="900000")

    embed = embed_of(body)
    assert embed["title"] == "$900,000 is…"
    assert "about 35 times $26,000" in embed["description"]
    assert body["data"]["allowed_mentions"] == {"parse": []}


async def test_help_is_a_plain_top_level_command(bot: Bot) -> None:
    body = await bot.slash("help", topic="picket signup")

    # Help is literal text: Discord is told the brackets are not Markdown.
    assert "/picket signup id: \\[as:\\]" in embed_of(body)["description"]
    assert body["data"]["flags"] == EPHEMERAL


async def test_picket_signup_signs_the_discord_member_up(bot: Bot) -> None:
    shift = await add_shift(bot)

    body = await bot.slash("picket signup", user=ANA, id=shift)

    assert body["type"] == 4 and body["data"]["flags"] == EPHEMERAL
    assert embed_of(body)["description"].startswith(f"You're signed up for shift #{shift}")
    assert custom_ids(body["data"]) == [f"pb:picket cancel {shift}"]
    assert await confirmed_signups(bot.app, ANA.id) == 1
    name = await bot.app.db.fetchval(
        "SELECT display_name FROM members WHERE platform_user_id = ?", (str(ANA.id),)
    )
    assert name == "ana"


async def test_a_command_error_is_one_private_line(bot: Bot) -> None:
    body = await bot.slash("picket signup", id=999)

    assert body["type"] == 4
    assert body["data"]["flags"] == EPHEMERAL
    assert "embeds" not in body["data"] or body["data"]["embeds"] == []
    assert "no shift #999" in body["data"]["content"]
    assert "Traceback" not in body["data"]["content"]


async def test_member_option_reaches_the_command_as_a_mention(bot: Bot) -> None:
    shift = await add_shift(bot)
    await bot.slash("picket signup", user=ANA, id=shift)

    as_captain = await bot.slash("picket hours", user=CARLOS, member=ANA.id)
    as_member = await bot.slash("picket hours", user=BO, member=ANA.id)

    assert embed_of(as_captain)["title"] == "Picket hours: ana"
    assert "only their own hours" in as_member["data"]["content"]


async def test_roles_come_from_discord_roles_by_id_and_by_name(bot: Bot) -> None:
    by_member = await bot.slash("picket site add", user=ANA, name="Paramount Gate")
    by_captain = await bot.slash("picket site add", user=CARLOS, name="Paramount Gate")
    by_organizer = await bot.slash("picket site add", user=OLIVE, name="Paramount Gate")

    assert "for organizers" in by_member["data"]["content"]
    assert "for organizers" in by_captain["data"]["content"]
    assert "Paramount Gate" in embed_of(by_organizer)["description"] + (
        embed_of(by_organizer).get("title") or ""
    )
    channel = await bot.app.db.fetchval("SELECT channel_id FROM sites WHERE name = 'Paramount Gate'")
    assert channel == str(DEFAULT_CHANNEL_ID)  # the site remembers where it was announced


async def test_shift_list_is_public_with_buttons(bot: Bot) -> None:
    shift = await add_shift(bot)

    body = await bot.slash("picket shifts")

    assert body["data"].get("flags", 0) == 0
    assert custom_ids(body["data"]) == [f"pb:picket signup {shift}", f"pb:picket cancel {shift}"]
    # Views are sent stopped: discord.py tracks nothing per message, the dynamic item answers.
    assert bot.adapter.client.persistent_views == []


async def test_a_command_in_a_dm_runs_as_a_member(bot: Bot) -> None:
    sent = await bot.fake.send_interaction(command="pay facts", user_id=OLIVE.id, in_dm=True)
    body = await bot.fake.wait_for_callback(sent.id, TIMEOUT)
    assert embed_of(body)["title"].startswith("Pay facts")


async def test_a_calendar_comes_as_a_file(bot: Bot) -> None:
    shift = await add_shift(bot)
    await bot.slash("picket signup", user=ANA, id=shift)

    sent = await bot.fake.send_interaction(command="picket calendar", options={}, user_id=ANA.id)
    body = await bot.fake.wait_for_callback(sent.id, TIMEOUT)

    [callback] = bot.fake.requests_to("POST", f"/interactions/{sent.id}/{sent.token}/callback")
    [upload] = callback.files
    assert upload.filename.endswith(".ics")
    assert upload.data.startswith(b"BEGIN:VCALENDAR")
    assert b"Netflix Sunset Gate" in upload.data
    assert body["data"]["flags"] == EPHEMERAL


async def test_a_failed_answer_is_logged_not_raised(bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    sent = await bot.fake.send_interaction(command="help", options={}, user_id=ANA.id)
    await bot.fake.wait_for_callback(sent.id, TIMEOUT)

    # The same interaction again: Discord refuses a second answer (400, code 40060).
    await bot.fake.dispatch("INTERACTION_CREATE", sent.payload)
    second = await bot.fake.wait_for_request(
        "POST", f"/interactions/{sent.id}/{sent.token}/callback", count=2
    )
    assert second.status == 400

    async with asyncio.timeout(TIMEOUT):
        while not any("could not answer" in r.getMessage() for r in caplog.records):
            await asyncio.sleep(0.01)
    [warning] = [r for r in caplog.records if "could not answer" in r.getMessage()]
    assert warning.getMessage().endswith("400 (code 40060)")
    # And the bot goes on answering.
    assert (await bot.slash("help"))["type"] == 4
