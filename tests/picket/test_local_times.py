"""Issue 19 item 7 on the console: a marked time shows as the site's local text alone, and
marks cannot come from outside text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.testing.harness import TestBot
from commands.markup import MOMENT_END, MOMENT_START, Moment, moment, plain, render
from tests.picket.support import ORGANIZER

AT = datetime(2026, 10, 27, 16, 0, tzinfo=UTC)


async def test_the_console_shows_the_sites_own_time(bot: TestBot) -> None:
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=ORGANIZER)
    await bot.ok('/picket shift add "Sunset Gate" 2026-10-27 09:00 12:00 capacity=3', as_=ORGANIZER)

    shown = await bot.say("/picket shifts", as_="Ana")

    assert "#1 Sunset Gate · Tue 2026-10-27 09:00–12:00 PDT · 0/3 places" in shown
    assert MOMENT_START not in shown and "<t:" not in shown


async def test_a_forged_mark_in_a_site_name_is_dropped(bot: TestBot) -> None:
    forged = f"{MOMENT_START}f0|Gate{MOMENT_END}"
    await bot.ok(f'/picket site add "{forged} North" tz=America/Los_Angeles', as_=ORGANIZER)
    sites = await bot.say("/picket sites", as_="Ana")
    assert "Gate North" in sites and MOMENT_START not in sites


def test_a_mark_draws_through_the_platforms_function_with_escaped_local_text() -> None:
    seen: list[Moment] = []

    def show(found: Moment, local: str) -> str:
        seen.append(found)
        return f"[{local}@{found.start}]"

    text = "at " + moment(AT, "09:00 *PDT*")
    assert render(text, lambda s: s.replace("*", "\\*"), str, show) == "at [09:00 \\*PDT\\*@1793116800]"
    assert seen == [Moment("f", 1793116800, None, "09:00 *PDT*")]
    assert plain(text) == "at 09:00 *PDT*"


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError):
        moment(datetime(2026, 10, 27, 9, 0), "09:00")
