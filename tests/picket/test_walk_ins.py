"""Walk-ins by plain name: a captain records someone the bot has never seen (`/picket checkin 16 zed
walk-in`); the name becomes a member record of its own kind, counted in hours and eligibility and
shown on the roster, once however often it is typed."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.testing.harness import TestBot
from storage import members
from tests.picket.support import CAPTAIN, ORGANIZER, count

LA = ZoneInfo("America/Los_Angeles")


async def _shifts(bot: TestBot) -> None:
    """#1 Mon 26 Oct and #2 Tue 27 Oct, 09:00–12:00 PDT; the clock is Mon 26 Oct 08:00 PDT."""
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=ORGANIZER)
    await bot.ok('/picket shift add "Sunset Gate" mon,tue 09:00-12:00 capacity=5 weeks=1', as_=ORGANIZER)


async def test_a_captain_records_a_walk_in_by_plain_name(bot: TestBot) -> None:
    await _shifts(bot)
    bot.clock.set(datetime(2026, 10, 26, 9, 10, tzinfo=LA))
    assert (
        await bot.say("/picket checkin 1 zed walk-in", as_=CAPTAIN) == "Recorded zed as walk-in on shift #1."
    )
    # Typed again, in another case and spacing, on the same shift: the same person, one check-in.
    assert "Recorded zed as walk-in" in await bot.say("/picket checkin 1 ZED walk-in", as_=CAPTAIN)
    await bot.ok('/picket checkin 1 "Zed  Alvarez" walk-in', as_=CAPTAIN)
    await bot.ok("/picket checkin 1 name=zed", as_=CAPTAIN)  # name= alone means a walk-in
    assert await count(bot.db, "members", f"platform = '{members.PLAIN_NAME}'") == 2
    assert await count(bot.db, "checkins") == 2

    roster = await bot.say("/picket roster 1", as_=CAPTAIN)
    assert "1. zed (by name, not on chat) — walk-in at 09:10" in roster
    assert "2. Zed Alvarez (by name, not on chat) — walk-in at 09:10" in roster

    # The next day, the same name is the same person: hours add up, and eligibility lists them.
    bot.clock.set(datetime(2026, 10, 27, 9, 0, tzinfo=LA))
    await bot.ok("/picket checkin 2 Zed walk-in", as_=CAPTAIN)
    bot.clock.set(datetime(2026, 10, 27, 13, 0, tzinfo=LA))
    hours = await bot.say("/picket hours zed", as_=CAPTAIN)
    assert hours.startswith("== Picket hours: zed ==\n6.00 hours over 2 shifts"), hours
    eligibility = await bot.say("/picket eligibility", as_=CAPTAIN)
    assert (
        "• zed: 6.00 h, 2 shifts: no" in eligibility and "• Zed Alvarez: 3.00 h, 1 shift: no" in eligibility
    )
    assert await count(bot.db, "members", f"platform = '{members.PLAIN_NAME}'") == 2


async def test_names_still_mean_members_first_and_mentions_still_work(bot: TestBot) -> None:
    await _shifts(bot)
    await bot.ok("/picket signup 1", as_="Ana")
    await bot.ok("/picket signup 1", as_="Bo")
    bot.clock.set(datetime(2026, 10, 26, 9, 5, tzinfo=LA))
    # A member's display name is that member, walk-in or not; a mention too.
    assert "Recorded Ana as present" in await bot.say("/picket checkin 1 ana", as_=CAPTAIN)
    assert "Recorded Bo as present" in await bot.say("/picket checkin 1 <@bo>", as_=CAPTAIN)
    assert "Recorded Ana as walk-in" in await bot.say("/picket checkin 1 Ana walk-in", as_=CAPTAIN)
    assert await count(bot.db, "members", f"platform = '{members.PLAIN_NAME}'") == 0
    # A mention of someone never seen, as a walk-in, still makes a chat member (with their id).
    assert "Recorded newbie as walk-in" in await bot.say("/picket checkin 1 <@newbie> walk-in", as_=CAPTAIN)
    assert await count(bot.db, "members", "platform = 'console' AND platform_user_id = 'newbie'") == 1


async def test_an_ambiguous_or_unclear_name_is_refused_in_one_line_and_writes_nothing(bot: TestBot) -> None:
    await _shifts(bot)
    await members.ensure(bot.db, "console", "sam-1", "Sam")
    await members.ensure(bot.db, "console", "sam-2", "Sam")
    bot.clock.set(datetime(2026, 10, 26, 9, 5, tzinfo=LA))
    people, arrivals = await count(bot.db, "members"), await count(bot.db, "checkins")
    ambiguous = await bot.say("/picket checkin 1 sam walk-in", as_=CAPTAIN)
    assert (
        ambiguous == "error: More than one member is called 'sam'; mention the one you mean (@name) instead."
    )
    unknown = await bot.say("/picket checkin 1 zed", as_=CAPTAIN)  # present needs a sign-up: say how
    assert unknown == (
        "error: No member called 'zed'. Mention them (@name), or for someone not on chat,"
        " record them as a walk-in by name: /picket checkin SHIFT zed walk-in"
    )
    assert "needs a letter" in await bot.say("/picket checkin 1 1234 walk-in", as_=CAPTAIN)
    assert "not both" in await bot.say("/picket checkin 1 zed walk-in name=zed", as_=CAPTAIN)
    # A refused check-in (the shift is cancelled) leaves no walk-in member behind.
    await bot.ok("/picket shift cancel 2", as_=ORGANIZER)
    assert "cancelled" in await bot.say("/picket checkin 2 zed walk-in", as_=CAPTAIN)
    # One member more: the captain, on his first command. No walk-in, no check-in.
    assert (await count(bot.db, "members"), await count(bot.db, "checkins")) == (people + 1, arrivals)
    assert await count(bot.db, "members", f"platform = '{members.PLAIN_NAME}'") == 0
    # Members may not record anyone.
    assert "for captains" in await bot.say("/picket checkin 1 zed walk-in", as_="Ana")
