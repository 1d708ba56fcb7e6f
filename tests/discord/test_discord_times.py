"""Issue 19 item 7 on Discord: a shift's time shows the site's local time with Discord's own
timestamps beside it, which each reader's app draws in their zone; a site name that looks like
a timestamp stays text."""

from __future__ import annotations

from tests.discord.conftest import Bot, add_shift, embed_of

START, END = 1793116800, 1793127600  # Tue 27 Oct 2026, 09:00 and 12:00 in Los Angeles


async def test_shift_times_carry_discord_timestamps(bot: Bot) -> None:
    shift = await add_shift(bot)

    listing = embed_of(await bot.slash("picket shifts"))["description"]
    signed = embed_of(await bot.slash("picket signup", id=shift))["description"]

    beside = f"Tue 2026-10-27 09:00–12:00 PDT (<t:{START}:f>–<t:{END}:t>)"
    assert beside in listing
    assert beside in signed


async def test_a_site_named_like_a_timestamp_stays_text(bot: Bot) -> None:
    await bot.as_organizer('/picket site add "<t:0:R> Gate" tz=America/Los_Angeles')
    await bot.as_organizer('/picket shift add "<t:0:R> Gate" 2026-10-27 09:00 12:00 capacity=3')

    listing = embed_of(await bot.slash("picket shifts"))["description"]

    assert "\\<t:0:R\\> Gate" in listing  # escaped: Discord shows it as typed
    assert "<t:0:R>" not in listing
    assert f"(<t:{START}:f>–<t:{END}:t>)" in listing  # the bot's own time is still drawn
