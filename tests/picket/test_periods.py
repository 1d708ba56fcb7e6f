"""One reader for periods: "today", "tomorrow", "this week", "next week", "last week", weekday
names, dates and ranges mean the same days in /picket shifts, gaps, hours, eligibility and exports."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.testing.harness import TestBot
from commands.periods import describe_days, read_period
from tests.helpers import subprocess_env
from tests.picket.support import CAPTAIN, ORGANIZER

#: The clock's day: Monday 26 Oct 2026 (08:00 in Los Angeles).
TODAY = date(2026, 10, 26)


@pytest.mark.parametrize(
    ("typed", "first", "last"),
    [
        ("today", "2026-10-26", "2026-10-26"),
        ("tomorrow", "2026-10-27", "2026-10-27"),
        ("yesterday", "2026-10-25", "2026-10-25"),
        ("fri", "2026-10-30", "2026-10-30"),
        ("Friday", "2026-10-30", "2026-10-30"),
        ("next fri", "2026-11-06", "2026-11-06"),
        ("last fri", "2026-10-23", "2026-10-23"),
        ("week", "2026-10-26", "2026-11-01"),
        ("this week", "2026-10-26", "2026-11-01"),
        ("Next Week", "2026-11-02", "2026-11-08"),
        ("last week", "2026-10-19", "2026-10-25"),
        ("week of 2026-11-11", "2026-11-09", "2026-11-15"),
        ("last month", "2026-09-01", "2026-09-30"),
        ("2026-11-03", "2026-11-03", "2026-11-03"),
        ("2026-11-02 to 2026-11-04", "2026-11-02", "2026-11-04"),
        ("2026-11-02..2026-11-04", "2026-11-02", "2026-11-04"),
        ("2026-11-02 – 2026-11-04", "2026-11-02", "2026-11-04"),
        ("2026-11-02 2026-11-04", "2026-11-02", "2026-11-04"),
        ("tue-thu", "2026-10-27", "2026-10-29"),
        ("today to fri", "2026-10-26", "2026-10-30"),
        ("from tomorrow to next week", "2026-10-27", "2026-11-08"),
    ],
)
def test_the_reader(typed: str, first: str, last: str) -> None:
    period = read_period(typed, TODAY)
    assert (period.first.isoformat(), period.last.isoformat()) == (first, last)


@pytest.mark.parametrize("typed", ["someday", "next", "2026-11-04 to 2026-11-02", "week of", "9999-01-01"])
def test_what_the_reader_refuses(typed: str) -> None:
    with pytest.raises(ValueError):
        read_period(typed, TODAY)


async def _two_weeks_of_shifts(bot: TestBot) -> None:
    """#1–#5 this week (Mon 26 – Fri 30 Oct), #6–#10 next week (Mon 2 – Fri 6 Nov), 09:00–12:00."""
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=ORGANIZER)
    await bot.ok('/picket shift add "Sunset Gate" mon-fri 09:00-12:00 capacity=4 weeks=2', as_=ORGANIZER)


def _ids(text: str) -> list[int]:
    return [int(found) for found in re.findall(r"^•? ?#(\d+) ", text, re.MULTILINE)]


@pytest.mark.parametrize(
    ("typed", "shown", "ids"),
    [
        ("today", "on Mon 2026-10-26", [1]),
        ("tomorrow", "on Tue 2026-10-27", [2]),
        ("this week", "this week", [1, 2, 3, 4, 5]),
        ("next week", "next week", [6, 7, 8, 9, 10]),
        ("fri", "on Fri 2026-10-30", [5]),
        ("2026-11-03 to 2026-11-04", "Tue 3 Nov – Wed 4 Nov 2026", [7, 8]),
    ],
)
async def test_shifts_and_gaps_read_a_period_the_same_way(
    bot: TestBot, typed: str, shown: str, ids: list[int]
) -> None:
    await _two_weeks_of_shifts(bot)
    listed = await bot.say(f"/picket shifts {typed}", as_="Ana")
    assert listed.startswith(f"== Shifts {shown} =="), listed
    assert _ids(listed) == ids
    at_site = await bot.say(f'/picket shifts "Sunset Gate" {typed}', as_="Ana")
    assert at_site.startswith(f"== Shifts at Sunset Gate {shown} ==") and _ids(at_site) == ids
    gaps = await bot.say(f"/picket gaps {typed}", as_=CAPTAIN)
    assert gaps.startswith(f"== Gaps {shown} ({len(ids)}) =="), gaps
    assert _ids(gaps) == ids


@pytest.mark.parametrize(
    "typed", ["today", "tomorrow", "this week", "next week", "last week", "fri", "mon-wed"]
)
async def test_hours_and_eligibility_read_a_period_the_same_way(bot: TestBot, typed: str) -> None:
    period = read_period(typed, TODAY)
    hours = await bot.say(f"/picket hours {typed}", as_="Ana")
    assert f"0.00 hours over 0 shifts, {describe_days(period.first, period.last)}." in hours, hours
    for_ana = await bot.say(f"/picket hours Ana {typed}", as_=CAPTAIN)
    assert f", {describe_days(period.first, period.last)}." in for_ana, for_ana
    monday = period.first.toordinal() - period.first.weekday()
    week = (date.fromordinal(monday), date.fromordinal(monday + 6))
    if period.last <= week[1]:
        eligibility = await bot.say(f"/picket eligibility {typed}", as_=CAPTAIN)
        assert eligibility.startswith(f"== Strike-pay eligibility, {describe_days(*week)} =="), eligibility


async def test_a_period_refused_is_one_line_everywhere(bot: TestBot) -> None:
    await _two_weeks_of_shifts(bot)
    for line in ("/picket shifts Gate someday", "/picket gaps someday", "/picket hours Ana someday"):
        assert "error: 'someday' is not a day or period (try today, fri, next week" in await bot.say(
            line, as_=CAPTAIN
        ), line
    backwards = await bot.say("/picket hours 2026-11-04 to 2026-11-02", as_=CAPTAIN)
    assert backwards.startswith("error: '2026-11-04 to 2026-11-02' ends before it starts")
    two_weeks = await bot.say("/picket eligibility this week to next week", as_=CAPTAIN)
    assert two_weeks.startswith("error: eligibility is counted a week at a time")
    both = await bot.say("/picket hours last week from=2026-10-01", as_=CAPTAIN)
    assert both.startswith("error: give the days once")


def _export(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "export", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=subprocess_env(),
        timeout=60,
    )


async def test_exports_read_periods_as_chat_does(bot: TestBot, tmp_path: Path) -> None:
    db = bot.db.path
    await _two_weeks_of_shifts(bot)
    # The exports run on the real clock: "next week" there is whatever next week is now.
    by_words = _export(
        "shifts", "--format", "csv", "--period", "2026-11-02 to 2026-11-04", "--db", db, cwd=tmp_path
    )
    by_days = _export(
        "shifts", "--format", "csv", "--from", "2026-11-02", "--to", "2026-11-04", "--db", db, cwd=tmp_path
    )
    assert by_words.returncode == 0, by_words.stderr
    assert by_words.stdout == by_days.stdout and by_words.stdout.count("\n") == 4  # a header and three shifts
    weekly = _export("hours", "--period", "last week", "--db", db, cwd=tmp_path)
    assert weekly.returncode == 0, weekly.stderr
    refused = _export("hours", "--period", "someday", "--db", db, cwd=tmp_path)
    assert refused.returncode == 1 and refused.stderr.startswith(
        "picketbot export: --period: 'someday' is not"
    )
    both = _export("hours", "--period", "last week", "--from", "2026-11-02", "--db", db, cwd=tmp_path)
    assert both.returncode == 1 and "not both" in both.stderr
    words_in_from = _export(
        "shifts", "--format", "csv", "--from", "2026-11-02 to 2026-11-04", "--db", db, cwd=tmp_path
    )
    assert words_in_from.returncode == 0 and words_in_from.stdout.count("\n") == 6  # from Mon 2 Nov on: five
