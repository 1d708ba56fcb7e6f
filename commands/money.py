"""Read and write amounts of money as members type them: $900k, 900,000, 900 000, 1.2M, $45/hr."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from commands.i18n import _

_SUFFIXES = {"k": Decimal(1_000), "m": Decimal(1_000_000), "b": Decimal(1_000_000_000)}
_WORDS = {"thousand": "k", "million": "m", "mil": "m", "billion": "b", "bn": "b"}
#: Amounts beyond this are a typo, not a salary; refusing them keeps arithmetic sane.
MAX_AMOUNT = Decimal(10) ** 12


class OutOfRange(ValueError):
    """An amount below zero or above `MAX_AMOUNT`: a typo, not pay."""


#: Spaces people group digits with: plain, no-break, narrow no-break (French, SI style), thin.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})
#: A space between digit groups of three: "900 000", "1 200 000".
_SPACE_GROUP = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")


def parse_money(text: str) -> Decimal:
    """Parse ``$900k``, ``900,000``, ``900 000``, ``1.2M``, ``USD 150000``, ``$1.5 million``.

    Digits may be grouped by threes with commas or spaces (narrow no-break
    spaces too). Raises ValueError with a message fit to show the user.
    """
    spaced = _SPACE_GROUP.sub(",", " ".join(text.translate(_SPACES).split()))
    if re.search(r"\d \d", spaced):  # "90 00": not groups of three, so not one number
        raise ValueError(
            _("{typed} is not an amount of money (try 900000, 900 000 or $900k)").format(
                typed=repr(text.strip()[:40])
            )
        )
    cleaned = spaced.strip().lower().replace(" ", "")
    for prefix in ("usd", "us$", "$"):
        if cleaned.startswith(prefix):
            cleaned = cleaned[len(prefix) :]
    cleaned = cleaned.removesuffix("usd").removesuffix("/yr").removesuffix("/year")
    for word, suffix in _WORDS.items():
        if cleaned.endswith(word):
            cleaned = cleaned[: -len(word)] + suffix
    multiplier = Decimal(1)
    if cleaned and cleaned[-1] in _SUFFIXES:
        multiplier = _SUFFIXES[cleaned[-1]]
        cleaned = cleaned[:-1]
    if not cleaned or not _looks_numeric(cleaned):
        raise ValueError(
            _("{typed} is not an amount of money (try 900000, $900k or 1.2M)").format(typed=repr(text))
        )
    try:
        amount = Decimal(cleaned.replace(",", "")) * multiplier
    except InvalidOperation:
        raise ValueError(_("{typed} is not an amount of money").format(typed=repr(text))) from None
    if amount < 0 or amount > MAX_AMOUNT:
        raise OutOfRange(_("{typed} is out of range").format(typed=repr(text)))
    return amount


Per = Literal["year", "hour"]


@dataclass(frozen=True)
class PayAmount:
    """An amount as typed for pay: ``900k per year``, ``$45/hr``; `per` is None when not said."""

    amount: Decimal
    per: Per | None = None

    def yearly(self, hours_per_year: int) -> Decimal:
        """The amount over a year: an hourly rate times the hours worked in a year."""
        return self.amount * hours_per_year if self.per == "hour" else self.amount


#: "/hr", "per hour", "an hour", "a year", "/yr", "per annum", "hourly", "yearly", "annually".
_PER = re.compile(
    r"\s*(?:(?:/|\bper\b|\ban?\b)\s*(?P<unit>hours?|hrs?|h|years?|yrs?|y|annum)"
    r"|\b(?P<adverb>hourly|yearly|annually))\.?$"
)
_HOURLY = frozenset({"hour", "hours", "hr", "hrs", "h", "hourly"})
#: Currencies /pay compare does not convert: symbols, codes and names, and the dollars of other countries.
_FOREIGN_SIGNS = re.compile(r"[€£¥₹₩₽₱₪₺]")
_FOREIGN_WORDS = re.compile(
    r"\b(eur|euros?|gbp|pounds?|sterling|cad|aud|nzd|jpy|yen|inr|rupees?|mxn|pesos?|chf|francs?|sek|nok|dkk"
    r"|kronor|kroner|krona)\b"
)
_FOREIGN_DOLLARS = re.compile(r"(?<![a-z])(c|ca|a|au|nz|mx|hk|s|nt)\$")


def parse_pay(text: str) -> PayAmount:
    """Parse pay as members type it: what `parse_money` reads, per hour or per year.

    ``900k per year``, ``$45/hr``, ``$45 an hour``, ``45/hour``, ``$60 hourly``.
    An amount in another currency (``€45``, ``900k EUR``, ``C$50``) is refused:
    comparisons are in US dollars. Raises ValueError with a message fit to show.
    """
    lowered = " ".join(text.translate(_SPACES).split()).lower()
    foreign = (
        _FOREIGN_SIGNS.search(lowered) or _FOREIGN_WORDS.search(lowered) or _FOREIGN_DOLLARS.search(lowered)
    )
    if foreign:
        sign = foreign.group(0)
        shown = sign.upper() if sign.isalpha() and len(sign) == 3 else sign
        raise ValueError(
            _(
                "amounts are compared in US dollars, and {currency} is another currency:"
                " convert it to dollars first (e.g. $45/hr or $900k)"
            ).format(currency=shown)
        )
    per: Per | None = None
    found = _PER.search(lowered)
    if found and found.start() > 0:
        word = found.group("unit") or found.group("adverb")
        per = "hour" if word in _HOURLY else "year"
        lowered = lowered[: found.start()]
    try:
        return PayAmount(parse_money(lowered), per)
    except OutOfRange:
        raise OutOfRange(_("{typed} is out of range").format(typed=repr(text.strip()[:40]))) from None
    except ValueError:
        raise ValueError(
            _("{typed} is not an amount of money (try 900000, 900 000, 900k per year or $45/hr)").format(
                typed=repr(text.strip()[:40])
            )
        ) from None


_NUMBER = re.compile(r"(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d*)?|\.\d+")


def _looks_numeric(text: str) -> bool:
    """Digits with an optional decimal part; commas only between groups of three."""
    return _NUMBER.fullmatch(text) is not None


#: Currencies written with a symbol before the figure; any other is written as its code.
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def format_money(amount: Decimal | float | int, *, cents: bool = False) -> str:
    """$900,000 or $187.00; whole dollars unless cents are asked for or present."""
    return format_amount(amount, "USD", cents=cents)


def format_amount(
    amount: Decimal | float | int,
    currency: str,
    *,
    cents: bool = False,
    symbols: Mapping[str, str] = SYMBOLS,
) -> str:
    """``$900,000``, ``€187.50``, ``CAD 1,200``: whole units unless cents are asked for or present.

    ``symbols`` says which currencies are written with a symbol; any other is
    written as its code before the figure.
    """
    value = Decimal(str(amount))
    figure = f"{value:,.2f}" if cents or value != value.to_integral_value() else f"{int(value):,}"
    symbol = symbols.get(currency)
    return f"{symbol}{figure}" if symbol else f"{currency} {figure}"
