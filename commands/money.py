"""Read and write amounts of money as members type them: $900k, 900,000, 1.2M."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

_SUFFIXES = {"k": Decimal(1_000), "m": Decimal(1_000_000), "b": Decimal(1_000_000_000)}
_WORDS = {"thousand": "k", "million": "m", "mil": "m", "billion": "b", "bn": "b"}
#: Amounts beyond this are a typo, not a salary; refusing them keeps arithmetic sane.
MAX_AMOUNT = Decimal(10) ** 12


def parse_money(text: str) -> Decimal:
    """Parse ``$900k``, ``900,000``, ``1.2M``, ``USD 150000``, ``$1.5 million``.

    Raises ValueError with a message fit to show the user.
    """
    cleaned = text.strip().lower().replace(" ", "")
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
        raise ValueError(f"{text!r} is not an amount of money (try 900000, $900k or 1.2M)")
    try:
        amount = Decimal(cleaned.replace(",", "")) * multiplier
    except InvalidOperation:
        raise ValueError(f"{text!r} is not an amount of money") from None
    if amount < 0 or amount > MAX_AMOUNT:
        raise ValueError(f"{text!r} is out of range")
    return amount


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
