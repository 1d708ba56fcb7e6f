"""Issue 19 item 3: /picket gaps flags a shift likely to fall short even when it is full on paper,
from past turn-out at its site on its weekday, and says how many past shifts it learned from."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.testing.harness import TestBot
from storage.picket.turnout_rules import PastShift, forecast
from tests.picket.support import CAPTAIN, ORGANIZER

LA = ZoneInfo("America/Los_Angeles")
MEMBERS = ("Ana", "Bo", "Cy", "Di")


async def _tuesdays_where_one_in_four_came(bot: TestBot) -> None:
    """Shifts #1–#4 on Tuesdays 27 Oct to 17 Nov, four confirmed each; one came to each of the first three."""
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=ORGANIZER)
    await bot.ok('/picket shift add "Sunset Gate" tue 09:00-12:00 capacity=4 weeks=4', as_=ORGANIZER)
    for shift in (1, 2, 3, 4):
        for name in MEMBERS:
            await bot.ok(f"/picket signup {shift}", as_=name)
    for shift, day in ((1, 27), (2, 3), (3, 10)):
        month = 10 if day == 27 else 11
        bot.clock.set(datetime(2026, month, day, 9, 5, tzinfo=LA))
        await bot.ok(f"/picket checkin {shift}", as_="Ana")


async def test_a_full_shift_where_few_come_is_flagged_with_what_it_learned_from(bot: TestBot) -> None:
    await _tuesdays_where_one_in_four_came(bot)
    await bot.ok('/picket shift add "Sunset Gate" 2026-11-16 09:00 12:00 capacity=4', as_=ORGANIZER)
    for name in MEMBERS:
        await bot.ok("/picket signup 5", as_=name)  # a full Monday: no Monday has been worked yet
    bot.clock.set(datetime(2026, 11, 15, 12, 0, tzinfo=LA))

    shown = await bot.say("/picket gaps", as_=CAPTAIN)

    assert "Gaps in the next 7 days (1)" in shown
    assert (
        "#4 Sunset Gate · Tue 2026-11-17 09:00–12:00 PST · 4/4 places — likely short: expect about 1 of 4"
        " (forecast: 25% of those signed up came, over 3 past Tuesdays here)"
    ) in shown
    assert "#5 " not in shown


async def test_captains_see_each_upcoming_shifts_expected_turn_out_in_the_listing(bot: TestBot) -> None:
    await _tuesdays_where_one_in_four_came(bot)
    bot.clock.set(datetime(2026, 11, 15, 12, 0, tzinfo=LA))

    for_captains = await bot.say("/picket shifts", as_=CAPTAIN)
    for_members = await bot.say("/picket shifts", as_="Ana")

    assert (
        "#4 Sunset Gate · Tue 2026-11-17 09:00–12:00 PST · 4/4 places · expect about 1 (from 3 past Tuesdays)"
        in (for_captains)
    )
    assert "expect" not in for_members


async def test_a_thin_shift_also_shows_its_forecast_and_no_history_means_no_forecast(bot: TestBot) -> None:
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=ORGANIZER)
    await bot.ok('/picket shift add "Sunset Gate" 2026-10-28 09:00 12:00 capacity=4', as_=ORGANIZER)

    shown = await bot.say("/picket gaps", as_=CAPTAIN)

    assert "#1 Sunset Gate · Wed 2026-10-28 09:00–12:00 PDT · 0/4 places — only 0/4 places filled" in shown
    assert "forecast" not in shown


def test_the_forecast_learns_from_recent_shifts_that_had_sign_ups() -> None:
    history = [PastShift(10, 5), PastShift(0, 3), PastShift(10, 7)]
    found = forecast(10, history)
    assert found is not None
    assert (found.expected, found.learned_from, round(found.share, 2)) == (6, 2, 0.6)
    assert forecast(10, [PastShift(0, 2)]) is None
