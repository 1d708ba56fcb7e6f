"""A listing's pay range as text: the one formatter, in chat and on the command line.

Chat (alerts, ``/jobs``) reads ``$150,000–$200,000 a year, total compensation``,
``up to $650,000 a year``, ``from £45,000 a year``, ``$45–$60 an hour`` or
``$150,000–$250,000 a year, varies by location``; the one-line form of
``picketbot jobs check`` reads ``$150,000–$200,000/yr (total)``. A style says
how periods, kinds, open ends and currencies are worded; the band and the
amounts (`commands.money.format_amount`) are built here for both. The
currency is always the one advertised: nothing is converted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from commands.i18n import N_, _
from commands.money import SYMBOLS, format_amount
from storage.jobs.listings import HasPay

NOT_LISTED = N_("pay not listed")
#: How pay is written per currency: a sign people know ("CA$" rather than a bare "$"), else the code.
PAY_SYMBOLS: Mapping[str, str] = {
    **SYMBOLS,
    "JPY": "¥",
    "INR": "₹",
    "KRW": "₩",
    "CAD": "CA$",
    "AUD": "A$",
    "NZD": "NZ$",
    "SGD": "S$",
    "HKD": "HK$",
    "MXN": "MX$",
    "BRL": "R$",
}


@dataclass(frozen=True)
class PayStyle:
    """How one surface words a pay range."""

    #: After the band, by pay period ("year", "hour"); an unknown period adds nothing.
    periods: Mapping[str, str]
    #: A note on the pay kind ("base", "total"); an unknown kind adds none.
    kinds: Mapping[str, str]
    #: Currencies written with a symbol; any other is written as its code.
    symbols: Mapping[str, str]
    #: A note when the band spans several ranges (zones, states, levels).
    varies: str = N_("varies by location")
    #: Notes go in brackets, "(base, varies by location)", or after commas.
    bracketed: bool = False
    #: Before the one amount of "up to X" and "from X".
    #: The one amount of "up to X" and "from X".
    up_to: str = N_("up to {amount}")
    from_: str = N_("from {amount}")

    def notes(self, notes: list[str]) -> str:
        if not notes:
            return ""
        return f" ({', '.join(notes)})" if self.bracketed else "".join(f", {note}" for note in notes)


# Chat's words are translated where shown (`pay_text`), in the language being spoken.
IN_CHAT = PayStyle(
    periods={
        "year": N_(" a year"),
        "month": N_(" a month"),
        "week": N_(" a week"),
        "day": N_(" a day"),
        "hour": N_(" an hour"),
    },
    kinds={"total": N_("total compensation")},
    symbols=PAY_SYMBOLS,
)
ONE_LINE = PayStyle(
    periods={"year": "/yr", "month": "/mo", "week": "/wk", "day": "/day", "hour": "/hr"},
    kinds={"base": "base", "total": "total"},
    symbols=PAY_SYMBOLS,
    bracketed=True,
)


def pay_text(listing: HasPay, style: PayStyle = IN_CHAT) -> str:
    """``$300,000–$900,000 a year, total compensation``, ``up to $650,000 a year``, or ``pay not listed``."""
    low, high, currency = listing.pay_min, listing.pay_max, listing.pay_currency
    if (low is None and high is None) or not currency:
        return _(NOT_LISTED)
    if low is None and high is not None:
        band = _(style.up_to).format(amount=format_amount(high, currency, symbols=style.symbols))
    elif high is None and low is not None:
        band = _(style.from_).format(amount=format_amount(low, currency, symbols=style.symbols))
    else:
        assert low is not None and high is not None
        band = format_amount(low, currency, symbols=style.symbols)
        if high != low:
            band += "–" + format_amount(high, currency, symbols=style.symbols)
    kind = style.kinds.get(listing.pay_kind or "")
    notes = [_(kind)] if kind else []
    if listing.pay_varies:
        notes.append(_(style.varies))
    period = style.periods.get(listing.pay_period or "")
    return band + (_(period) if period else "") + style.notes(notes)
