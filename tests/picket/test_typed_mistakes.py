"""What organizers really type: mistyped options, unquoted site names, "9-12" for times."""

from __future__ import annotations

import pytest

from bot.testing.harness import TestBot
from tests.picket.support import ORGANIZER, count


async def two_sites_and_a_shift(bot: TestBot) -> None:
    await bot.ok('/picket site add "Netflix Sunset Gate"', as_=ORGANIZER)
    await bot.ok('/picket site add "Warner Gate 2"', as_=ORGANIZER)
    await bot.ok('/picket shift add "Netflix Sunset Gate" 2026-10-27 09:00 12:00 capacity=3', as_=ORGANIZER)


@pytest.mark.parametrize("option", ['moveto="Warner Gate 2"', 'move-to="Warner Gate 2"', "to=Gower"])
async def test_a_mistyped_move_to_cancels_nothing(bot: TestBot, option: str) -> None:
    await two_sites_and_a_shift(bot)
    reply = await bot.reply(f'/picket site close "Netflix Sunset Gate" {option}', as_=ORGANIZER)
    assert reply.is_error
    assert reply.text.startswith("unknown option "), reply.text
    assert "move_to=" in reply.text.splitlines()[0]
    assert await count(bot.db, "sites", "closed_at IS NOT NULL") == 0
    assert await count(bot.db, "shifts", "cancelled_at IS NOT NULL") == 0
    assert await count(bot.db, "outbox", "kind NOT IN ('site-added', 'shift-post')") == 0


async def test_a_reason_may_still_contain_a_key_value(bot: TestBot) -> None:
    await two_sites_and_a_shift(bot)
    closed = await bot.ok('/picket site close "Netflix Sunset Gate" heat index=105', as_=ORGANIZER)
    assert "(heat index=105)" in closed.text
    assert await count(bot.db, "shifts", "cancelled_at IS NOT NULL") == 1


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("week=2", "unknown option week= (did you mean weeks=?)"),
     ("captians=1", "unknown option captians= (did you mean captains=?)"),
     ("note=water", "unknown option note= (did you mean notes=?)")],
)  # fmt: skip
async def test_a_mistyped_shift_option_is_named(bot: TestBot, typed: str, expected: str) -> None:
    await two_sites_and_a_shift(bot)
    before = await count(bot.db, "shifts")
    reply = await bot.reply(
        f'/picket shift add "Warner Gate 2" mon-fri 09:00-12:00 capacity=3 {typed}', as_=ORGANIZER
    )
    assert reply.is_error
    assert reply.text.splitlines()[0] == expected
    assert await count(bot.db, "shifts") == before


@pytest.mark.parametrize(
    "when", ["tomorrow 9-12", "9-12", "mon-fri 9-12 weeks=2", "2026-10-28 9-12pm", "2026-10-28 9am-12"]
)
async def test_hours_without_minutes_or_am_pm_get_a_hint(bot: TestBot, when: str) -> None:
    await two_sites_and_a_shift(bot)
    before = await count(bot.db, "shifts")
    reply = await bot.reply(f'/picket shift add "Warner Gate 2" {when} capacity=3', as_=ORGANIZER)
    assert reply.is_error
    first = reply.text.splitlines()[0]
    assert first.startswith("can't tell the times in '9"), first
    assert first.endswith("write 09:00-12:00 or 9am-12pm")
    assert await count(bot.db, "shifts") == before


@pytest.mark.parametrize(
    "line",
    [
        "/picket shift add Netflix Sunset Gate 2026-10-28 09:00 12:00 capacity=3",
        "/picket site close Netflix Sunset Gate",
        "/picket shifts Netflix week",
        "/picket shifts netflix",
    ],
)
async def test_an_unquoted_site_name_gets_a_hint(bot: TestBot, line: str) -> None:
    await two_sites_and_a_shift(bot)
    before = await count(bot.db, "shifts")
    reply = await bot.reply(line, as_=ORGANIZER)
    assert reply.is_error
    assert reply.text.endswith('Did you mean "Netflix Sunset Gate"? Put a name with spaces in quotes.'), (
        reply.text
    )
    assert "\n" not in reply.text
    assert await count(bot.db, "shifts") == before
    assert await count(bot.db, "sites", "closed_at IS NOT NULL") == 0


async def test_a_misspelt_site_name_gets_a_suggestion(bot: TestBot) -> None:
    await two_sites_and_a_shift(bot)
    reply = await bot.reply(
        '/picket shift add "Warner Gate2" 2026-10-28 09:00 12:00 capacity=3', as_=ORGANIZER
    )
    assert reply.text == "There is no site called 'Warner Gate2'. Did you mean \"Warner Gate 2\"?"
    unknown = await bot.reply("/picket shift add Nowhere 2026-10-28 09:00 12:00 capacity=3", as_=ORGANIZER)
    assert unknown.text == "There is no site called 'Nowhere' (see /picket sites)"


async def test_a_shift_added_twice_is_pointed_out(bot: TestBot) -> None:
    await two_sites_and_a_shift(bot)
    line = '/picket shift add "Netflix Sunset Gate" 2026-10-27 09:00 12:00 capacity=3'
    again = await bot.ok(line, as_=ORGANIZER)
    assert again.text.endswith(
        "Note: #2 has the same times as #1, already at this site. Added twice? /picket shift cancel 2"
    ), again.text
    other_site = await bot.ok(line.replace("Netflix Sunset Gate", "Warner Gate 2"), as_=ORGANIZER)
    assert "Note:" not in other_site.text
    series = '/picket shift add "Netflix Sunset Gate" mon-fri 09:00-12:00 capacity=3 weeks=1'
    first = await bot.ok(series, as_=ORGANIZER)
    assert "Note: #5 has the same times as #1, already at this site." in first.text
    repeated = await bot.ok(series, as_=ORGANIZER)
    assert "Note: 5 of these have the same times as shifts already at this site (" in repeated.text
    await bot.ok("/picket shift cancel 1", as_=ORGANIZER)
    await bot.ok("/picket shift cancel 2", as_=ORGANIZER)
    replaced = await bot.ok(line, as_=ORGANIZER)
    assert "the same times as #5," in replaced.text  # cancelled #1 and #2 no longer count
