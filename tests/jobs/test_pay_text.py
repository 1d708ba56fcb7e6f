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
        (Pay(pay_min=900_000.0), "$900,000 a year", "$900,000/yr (base)"),
        (Pay(pay_currency="GBP"), "GBP 300,000–GBP 900,000 a year", "£300,000–£900,000/yr (base)"),
        (
            Pay(pay_currency="CAD", pay_period=None, pay_kind=None),
            "CAD 300,000–CAD 900,000",
            "CAD 300,000–CAD 900,000",
        ),
        (Pay(pay_min=None), "pay not listed", "pay not listed"),
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
