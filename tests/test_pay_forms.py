"""/pay compare reads money as people type it: spaces between digit groups, per year, per hour
(a year's pay at `[pay] hours_per_year`, shown in the answer), and refuses other currencies."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from commands.money import PayAmount, parse_money, parse_pay

AT_900K = "about 35 times $26,000"


@pytest.mark.parametrize(
    "typed", ["900 000", "900\u202f000", "900\u00a0000", "900k per year", "$900k a year"]
)
async def test_a_year_s_pay_as_people_type_it(bot: TestBot, typed: str) -> None:
    text = await bot.say(f"/pay compare {typed}")
    assert not text.startswith("error"), text
    assert AT_900K in text and "about 4,813 background-performer days" in text


async def test_an_hourly_rate_is_compared_as_a_year_s_pay_and_says_so(bot: TestBot) -> None:
    for typed in ("$45/hr", "$45 an hour", "45/hour", "$45 per hour", "45 hourly"):
        text = await bot.say(f"/pay compare {typed}")
        assert text.startswith("== $45 an hour is $93,600 a year at 2,080 hours, which is… =="), text
        assert "about 4 times $26,000" in text and "about 501 background-performer days" in text


async def test_the_hours_in_a_year_are_a_setting(tmp_path: Path, clock: FakeClock) -> None:
    async with await TestBot.open(tmp_path, clock=clock, config="[pay]\nhours_per_year = 1500\n") as bot:
        text = await bot.say("/pay compare $52/hr")
        assert "$52 an hour is $78,000 a year at 1,500 hours" in text and "about 3 times $26,000" in text


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("€45/hr", "€ is another currency"),
        ("900k EUR", "EUR is another currency"),
        ("£30 an hour", "£ is another currency"),
        ("C$50/hr", "c$ is another currency"),
        ("90 00", "'90 00' is not an amount of money"),
        ("900000 apples", "'900000 apples' is not an amount of money"),
        ("0/hr", "more than zero"),
        ("2000000000000", "out of range"),
        ("999999999999/hr", "$999,999,999,999 an hour is more than $1,000,000,000,000 a year: out of range"),
    ],
)
async def test_what_cannot_be_compared_is_refused_in_one_line(bot: TestBot, typed: str, said: str) -> None:
    text = await bot.say(f"/pay compare {typed}")
    assert text.startswith("error: ") and said in text.splitlines()[0], text
    assert "US dollars" in text or "currency" not in said


def test_digit_groups_may_be_spaced_by_threes_only() -> None:
    assert parse_money("1 200 000") == Decimal(1_200_000)
    assert parse_money("1\u202f200\u202f000.50") == Decimal("1200000.50")
    for bad in ("90 00", "1 2", "12 345 6"):
        with pytest.raises(ValueError):
            parse_money(bad)


def test_pay_periods() -> None:
    assert parse_pay("$45/hr") == PayAmount(Decimal(45), "hour")
    assert parse_pay("45 / hrs") == PayAmount(Decimal(45), "hour")
    assert parse_pay("1.2M per annum") == PayAmount(Decimal("1200000.0"), "year")
    assert parse_pay("$900k/yr") == PayAmount(Decimal(900_000), "year")
    assert parse_pay("900000") == PayAmount(Decimal(900_000), None)
    assert parse_pay("USD 45 an hour").yearly(2080) == Decimal(93_600)
