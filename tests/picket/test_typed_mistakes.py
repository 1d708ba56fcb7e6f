"""What organizers really type: mistyped options, unquoted site names, "9-12" for times."""

from __future__ import annotations

import pytest

from bot.app import App
from tests.picket.support import ORGANIZER, count, ok, say


async def two_sites_and_a_shift(app: App) -> None:
    await ok(app, ORGANIZER, '/picket site add "Netflix Sunset Gate"')
    await ok(app, ORGANIZER, '/picket site add "Warner Gate 2"')
    await ok(app, ORGANIZER, '/picket shift add "Netflix Sunset Gate" 2026-10-27 09:00 12:00 capacity=3')


@pytest.mark.parametrize("option", ['moveto="Warner Gate 2"', 'move-to="Warner Gate 2"', "to=Gower"])
async def test_a_mistyped_move_to_cancels_nothing(app: App, option: str) -> None:
    await two_sites_and_a_shift(app)
    reply = await say(app, ORGANIZER, f'/picket site close "Netflix Sunset Gate" {option}')
    assert reply.is_error
    assert reply.text.startswith("unknown option "), reply.text
    assert "move_to=" in reply.text.splitlines()[0]
    assert await count(app, "sites", "closed_at IS NOT NULL") == 0
    assert await count(app, "shifts", "cancelled_at IS NOT NULL") == 0
    assert await count(app, "outbox", "kind != 'site-added'") == await count(app, "outbox", "0")


async def test_a_reason_may_still_contain_a_key_value(app: App) -> None:
    await two_sites_and_a_shift(app)
    closed = await ok(app, ORGANIZER, '/picket site close "Netflix Sunset Gate" heat index=105')
    assert "(heat index=105)" in closed.text
    assert await count(app, "shifts", "cancelled_at IS NOT NULL") == 1


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("week=2", "unknown option week= (did you mean weeks=?)"),
     ("captians=1", "unknown option captians= (did you mean captains=?)"),
     ("note=water", "unknown option note= (did you mean notes=?)")],
)  # fmt: skip
async def test_a_mistyped_shift_option_is_named(app: App, typed: str, expected: str) -> None:
    await two_sites_and_a_shift(app)
    before = await count(app, "shifts")
    reply = await say(
        app, ORGANIZER, f'/picket shift add "Warner Gate 2" mon-fri 09:00-12:00 capacity=3 {typed}'
    )
    assert reply.is_error
    assert reply.text.splitlines()[0] == expected
    assert await count(app, "shifts") == before


@pytest.mark.parametrize(
    "when", ["tomorrow 9-12", "9-12", "mon-fri 9-12 weeks=2", "2026-10-28 9-12pm", "2026-10-28 9am-12"]
)
async def test_hours_without_minutes_or_am_pm_get_a_hint(app: App, when: str) -> None:
    await two_sites_and_a_shift(app)
    before = await count(app, "shifts")
    reply = await say(app, ORGANIZER, f'/picket shift add "Warner Gate 2" {when} capacity=3')
    assert reply.is_error
    first = reply.text.splitlines()[0]
    assert first.startswith("can't tell the times in '9"), first
    assert first.endswith("write 09:00-12:00 or 9am-12pm")
    assert await count(app, "shifts") == before


@pytest.mark.parametrize(
    "line",
    [
        "/picket shift add Netflix Sunset Gate 2026-10-28 09:00 12:00 capacity=3",
        "/picket site close Netflix Sunset Gate",
        "/picket shifts Netflix week",
        "/picket shifts netflix",
    ],
)
async def test_an_unquoted_site_name_gets_a_hint(app: App, line: str) -> None:
    await two_sites_and_a_shift(app)
    before = await count(app, "shifts")
    reply = await say(app, ORGANIZER, line)
    assert reply.is_error
    assert reply.text.endswith('Did you mean "Netflix Sunset Gate"? Put a name with spaces in quotes.'), (
        reply.text
    )
    assert "\n" not in reply.text
    assert await count(app, "shifts") == before
    assert await count(app, "sites", "closed_at IS NOT NULL") == 0


async def test_a_misspelt_site_name_gets_a_suggestion(app: App) -> None:
    await two_sites_and_a_shift(app)
    reply = await say(app, ORGANIZER, '/picket shift add "Warner Gate2" 2026-10-28 09:00 12:00 capacity=3')
    assert reply.text == "There is no site called 'Warner Gate2'. Did you mean \"Warner Gate 2\"?"
    unknown = await say(app, ORGANIZER, "/picket shift add Nowhere 2026-10-28 09:00 12:00 capacity=3")
    assert unknown.text == "There is no site called 'Nowhere' (see /picket sites)"


async def test_a_shift_added_twice_is_pointed_out(app: App) -> None:
    await two_sites_and_a_shift(app)
    line = '/picket shift add "Netflix Sunset Gate" 2026-10-27 09:00 12:00 capacity=3'
    again = await ok(app, ORGANIZER, line)
    assert again.text.endswith(
        "Note: #2 has the same times as #1, already at this site. Added twice? /picket shift cancel 2"
    ), again.text
    other_site = await ok(app, ORGANIZER, line.replace("Netflix Sunset Gate", "Warner Gate 2"))
    assert "Note:" not in other_site.text
    series = '/picket shift add "Netflix Sunset Gate" mon-fri 09:00-12:00 capacity=3 weeks=1'
    first = await ok(app, ORGANIZER, series)
    assert "Note: #5 has the same times as #1, already at this site." in first.text
    repeated = await ok(app, ORGANIZER, series)
    assert "Note: 5 of these have the same times as shifts already at this site (" in repeated.text
    await ok(app, ORGANIZER, "/picket shift cancel 1")
    await ok(app, ORGANIZER, "/picket shift cancel 2")
    replaced = await ok(app, ORGANIZER, line)
    assert "the same times as #5," in replaced.text  # cancelled #1 and #2 no longer count
