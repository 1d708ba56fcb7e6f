"""A listing's pay range as text: the one formatter, in chat and on the command line.

Chat (alerts, ``/jobs``) reads ``$150,000–$200,000 a year, total compensation``;
the one-line form of ``picketbot jobs check`` reads ``$150,000–$200,000/yr (total)``.
A style says how periods, kinds and currencies are worded; the band and the
amounts (`commands.money.format_amount`) are built here for both. New
wording (an open-ended "up to $X a year", other periods or currencies) goes
in this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from commands.money import SYMBOLS, format_amount
from storage.jobs.listings import HasPay

NOT_LISTED = "pay not listed"


@dataclass(frozen=True)
class PayStyle:
    """How one surface words a pay range."""

    #: After the band, by pay period ("year", "hour"); an unknown period adds nothing.
    periods: Mapping[str, str]
    #: After the period, by pay kind ("base", "total"); an unknown kind adds nothing.
    kinds: Mapping[str, str]
    #: Currencies written with a symbol; any other is written as its code.
    symbols: Mapping[str, str]


IN_CHAT = PayStyle(
    periods={"year": " a year", "hour": " an hour"},
    kinds={"total": ", total compensation"},
    symbols={"USD": "$"},
)
ONE_LINE = PayStyle(
    periods={"year": "/yr", "hour": "/hr"},
    kinds={"base": " (base)", "total": " (total)"},
    symbols=SYMBOLS,
)


def pay_text(listing: HasPay, style: PayStyle = IN_CHAT) -> str:
    """``$300,000–$900,000 a year, total compensation``, or ``pay not listed``."""
    low, high, currency = listing.pay_min, listing.pay_max, listing.pay_currency
    if low is None or high is None or not currency:
        return NOT_LISTED
    band = format_amount(low, currency, symbols=style.symbols)
    if high != low:
        band += "–" + format_amount(high, currency, symbols=style.symbols)
    period = style.periods.get(listing.pay_period or "", "")
    return band + period + style.kinds.get(listing.pay_kind or "", "")
