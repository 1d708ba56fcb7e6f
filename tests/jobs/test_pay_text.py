"""commands.jobs.pay_text: one formatter for a listing's pay, in chat and on one line."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from commands.jobs.pay_text import IN_CHAT, ONE_LINE, pay_text
from commands.money import format_amount, format_money


@dataclass(frozen=True)
class Pay:
    pay_min: float | None = 300_000.0
    pay_max: float | None = 900_000.0
    pay_currency: str | None = "USD"
    pay_period: str | None = "year"
    pay_kind: str | None = "base"
    pay_varies: bool = False


@pytest.mark.parametrize(
    ("pay", "in_chat", "one_line"),
    [
        (Pay(), "$300,000–$900,000 a year", "$300,000–$900,000/yr (base)"),
        (
            Pay(pay_kind="total"),
            "$300,000–$900,000 a year, total compensation",
            "$300,000–$900,000/yr (total)",
        ),
        (Pay(42.5, 55.0, pay_period="hour"), "$42.50–$55 an hour", "$42.50–$55/hr (base)"),
        (Pay(45.0, 60.0, pay_period="hour"), "$45–$60 an hour", "$45–$60/hr (base)"),
        (Pay(pay_min=900_000.0), "$900,000 a year", "$900,000/yr (base)"),
        (Pay(pay_min=None, pay_max=650_000.0), "up to $650,000 a year", "up to $650,000/yr (base)"),
        (
            Pay(45_000.0, None, pay_currency="GBP"),
            "from £45,000 a year",
            "from £45,000/yr (base)",
        ),
        (
            Pay(150_000.0, 250_000.0, pay_varies=True),
            "$150,000–$250,000 a year, varies by location",
            "$150,000–$250,000/yr (base, varies by location)",
        ),
        (
            Pay(200_000.0, 300_000.0, pay_kind="total", pay_varies=True),
            "$200,000–$300,000 a year, total compensation, varies by location",
            "$200,000–$300,000/yr (total, varies by location)",
        ),
        (
            Pay(120_000.0, 150_000.0, pay_currency="EUR"),
            "€120,000–€150,000 a year",
            "€120,000–€150,000/yr (base)",
        ),
        (Pay(pay_currency="GBP"), "£300,000–£900,000 a year", "£300,000–£900,000/yr (base)"),
        (Pay(3_850.0, 3_850.0, pay_currency="EUR", pay_period="month"), "€3,850 a month", "€3,850/mo (base)"),
        (Pay(350.0, 450.0, pay_currency="GBP", pay_period="day"), "£350–£450 a day", "£350–£450/day (base)"),
        (Pay(1_850.0, 1_850.0, pay_period="week"), "$1,850 a week", "$1,850/wk (base)"),
        (
            Pay(120_000.0, 145_000.0, pay_currency="CAD"),
            "CA$120,000–CA$145,000 a year",
            "CA$120,000–CA$145,000/yr (base)",
        ),
        (
            Pay(120_000.0, 140_000.0, pay_currency="CHF"),
            "CHF 120,000–CHF 140,000 a year",
            "CHF 120,000–CHF 140,000/yr (base)",
        ),
        (
            Pay(1_800_000.0, 2_400_000.0, pay_currency="INR"),
            "₹1,800,000–₹2,400,000 a year",
            "₹1,800,000–₹2,400,000/yr (base)",
        ),
        (
            Pay(pay_currency="CAD", pay_period=None, pay_kind=None),
            "CA$300,000–CA$900,000",
            "CA$300,000–CA$900,000",
        ),
        (Pay(pay_min=None, pay_max=None), "pay not listed", "pay not listed"),
        (Pay(pay_currency=""), "pay not listed", "pay not listed"),
    ],
)
def test_both_styles(pay: Pay, in_chat: str, one_line: str) -> None:
    assert pay_text(pay, IN_CHAT) == in_chat
    assert pay_text(pay, ONE_LINE) == one_line
    assert pay_text(pay) == in_chat


def test_amounts() -> None:
    assert format_amount(1200, "CAD") == "CAD 1,200"
    assert format_amount(187.5, "EUR") == "€187.50"
    assert format_amount(187, "EUR", cents=True) == "€187.00"
    assert format_money(900_000) == format_amount(900_000, "USD") == "$900,000"
