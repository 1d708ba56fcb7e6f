"""Text from outside reaches Discord as text: through the real adapter, client and fake Discord."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.jobs.alerts import alert_messages
from bot.testing.fakes.discord import DEFAULT_CHANNEL_ID
from commands.context import Actor, Channel
from commands.facts.pay import ReferenceFigures
from storage.jobs.rows import StoredListing
from storage.outbox import queue as outbox
from tests.discord.conftest import ALERTS_CHANNEL, OLIVE, Bot, add_shift, embed_of

PHISH = "[Click](https://phish.example)"


def live_masked_link(text: str) -> bool:
    """A ``[label](address)`` whose opening bracket no backslash escapes."""
    index = text.find("[")
    while index != -1:
        if (index == 0 or text[index - 1] != "\\") and "](" in text[index:]:
            return True
        index = text.find("[", index + 1)
    return False


async def test_a_site_name_with_markdown_is_shown_as_written(bot: Bot) -> None:
    await bot.as_organizer(f'/picket site add "Gate {PHISH} **now**" tz=America/Los_Angeles')
    await bot.as_organizer(f'/picket shift add "Gate {PHISH} **now**" 2026-10-27 09:00 12:00 capacity=5')

    body = await bot.slash("picket shifts")

    embed = embed_of(body)
    for shown in (embed["title"], embed["description"]):
        assert not live_masked_link(shown), shown
        assert "https://phish" not in shown
    assert "Gate \\[Click\\](https\\://phish.example) \\*\\*now\\*\\*" in embed["description"]


async def test_a_members_display_name_is_cleaned_and_escaped_in_a_roster(bot: Bot) -> None:
    shift = await add_shift(bot)
    channel = Channel("discord", str(DEFAULT_CHANNEL_ID), "picket-line")
    hostile = Actor("discord", "1130000000000000299", f"\u202e# {PHISH} ||boss||\u2066")
    signed = await bot.app.dispatcher.handle_text(hostile, channel, f"/picket signup {shift}")
    assert not signed.is_error, signed.text

    body = await bot.slash("picket roster", user=OLIVE, id=shift)

    description = embed_of(body)["description"]
    assert "\u202e" not in description and "\u2066" not in description
    assert not live_masked_link(description) and "||boss||" not in description
    assert "\n1\\. # \\[Click\\](https\\://phish.example) \\|\\|boss\\|\\| — " in description


async def test_an_error_echoing_what_was_typed_is_plain_text(bot: Bot) -> None:
    body = await bot.slash("picket shifts", site=f"\u202e{PHISH}", period="tomorrow")

    content = body["data"]["content"]
    assert "\u202e" not in content
    assert not live_masked_link(content) and "https://phish" not in content


async def test_a_hostile_job_alert_goes_out_escaped_with_its_own_link_clickable(bot: Bot) -> None:
    listing = StoredListing(
        id=1, source_id=1, source_name="lantern", external_id="9", company="Lantern **Pictures**",
        title=f"ML Engineer {PHISH}", url="https://jobs.example/lantern/9", locations=("> Burbank",),
        posted_at=None, pay_min=None, pay_max=None, pay_currency=None, pay_period=None, pay_kind=None,
        is_ai=True, first_seen_at=datetime(2026, 10, 26, tzinfo=UTC), closed_at=None,
    )  # fmt: skip
    [message] = alert_messages("discord", str(ALERTS_CHANNEL.id), [listing], ReferenceFigures())
    await bot.app.start_background()
    async with bot.app.db.transaction() as tx:
        await outbox.enqueue(tx, message)

    await bot.fake.wait_for_request("POST", f"/channels/{ALERTS_CHANNEL.id}/messages")

    [posted] = bot.fake.channel_messages(ALERTS_CHANNEL.id)
    description = posted["embeds"][0]["description"]
    assert not live_masked_link(description) and "https://phish" not in description
    assert "Lantern \\*\\*Pictures\\*\\*" in description and "\\> Burbank" in description
    assert description.endswith("\n  https://jobs.example/lantern/9")
