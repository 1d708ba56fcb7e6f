from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from commands.money import format_money, parse_money
from commands.when import NonexistentTime, parse_time_of_day, parse_when

LA = ZoneInfo("America/Los_Angeles")
# Friday 2026-10-30 10:00 in Los Angeles.
NOW = datetime(2026, 10, 30, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("900000", 900000),
        ("$900k", 900000),
        ("900,000", 900000),
        ("1.2M", 1200000),
        ("$1.5 million", 1500000),
        ("USD 150000", 150000),
        ("$187.50", Decimal("187.50")),
        ("26K", 26000),
        ("1,200,000.50", Decimal("1200000.50")),
        (".5M", 500000),
    ],
)
def test_parse_money(text: str, amount: Decimal | int) -> None:
    assert parse_money(text) == Decimal(amount)


@pytest.mark.parametrize(
    "text", ["abc", "", "$", "1.2.3", "-5", "9" * 20, "12 apples", "1,2,3", "90,00", ",900"]
)
def test_bad_money(text: str) -> None:
    with pytest.raises(ValueError):
        parse_money(text)


def test_format_money() -> None:
    assert format_money(Decimal(900000)) == "$900,000"
    assert format_money(Decimal("187.5")) == "$187.50"


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("2026-11-23 09:00", datetime(2026, 11, 23, 9, 0)),
        ("2026-11-23T09:00", datetime(2026, 11, 23, 9, 0)),
        ("tomorrow 9am", datetime(2026, 10, 31, 9, 0)),
        ("today 13:00", datetime(2026, 10, 30, 13, 0)),
        ("mon 13:00", datetime(2026, 11, 2, 13, 0)),
        ("friday 1:30pm", datetime(2026, 10, 30, 13, 30)),
        ("9 am", datetime(2026, 10, 30, 9, 0)),
        ("tomorrow 9 am", datetime(2026, 10, 31, 9, 0)),
        ("noon", datetime(2026, 10, 30, 12, 0)),
    ],
)
def test_parse_when_in_zone(text: str, local: datetime) -> None:
    parsed = parse_when(text, LA, NOW)
    assert parsed.replace(tzinfo=None) == local
    assert parsed.tzinfo == LA


def test_wall_clock_time_survives_dst_change() -> None:
    before = parse_when("2026-10-30 09:00", LA, NOW).astimezone(UTC)
    after = parse_when("2026-11-02 09:00", LA, NOW).astimezone(UTC)
    assert (before.hour, after.hour) == (16, 17)


def test_time_in_spring_forward_gap_is_refused_with_the_nearest_valid_times() -> None:
    with pytest.raises(NonexistentTime) as refused:
        parse_when("2027-03-14 02:30", LA, NOW)
    assert str(refused.value) == (
        "02:30 does not exist on Sun 2027-03-14 in America/Los_Angeles: the clocks go from 02:00"
        " straight to 03:00. Nearest valid times: 01:59 or 03:00"
    )


def test_a_time_that_happens_twice_means_the_first() -> None:
    parsed = parse_when("2026-11-01 01:30", LA, NOW)
    assert parsed.astimezone(UTC) == datetime(2026, 11, 1, 8, 30, tzinfo=UTC)
    assert parsed.tzname() == "PDT"


@pytest.mark.parametrize("text", ["", "25:00", "13pm", "someday", "2026-13-01 09:00", "9", "a b c d"])
def test_bad_when(text: str) -> None:
    with pytest.raises(ValueError):
        parse_when(text, LA, NOW)


def test_time_of_day_needs_minutes_or_am_pm() -> None:
    with pytest.raises(ValueError, match="09:00 or 9am"):
        parse_time_of_day("9")
