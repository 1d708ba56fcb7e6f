"""How postings write currencies, and roughly how big a unit of each is.

A currency is kept as written (ISO code) and never converted; the units per
US dollar only scale the believable sizes of pay (a yearly salary of
¥8,000,000 is believable, of $8,000,000 is not).
"""

from __future__ import annotations

#: Approximate units per US dollar, for plausibility checks only.
UNITS_PER_USD: dict[str, float] = {
    "USD": 1.0,
    "CAD": 1.35,
    "AUD": 1.5,
    "NZD": 1.65,
    "SGD": 1.35,
    "HKD": 7.8,
    "TWD": 32.0,
    "EUR": 0.92,
    "GBP": 0.79,
    "CHF": 0.88,
    "SEK": 10.5,
    "NOK": 10.5,
    "DKK": 6.9,
    "ISK": 138.0,
    "PLN": 4.0,
    "CZK": 23.0,
    "HUF": 360.0,
    "RON": 4.6,
    "JPY": 150.0,
    "CNY": 7.2,
    "KRW": 1350.0,
    "INR": 83.0,
    "PKR": 280.0,
    "PHP": 56.0,
    "IDR": 15600.0,
    "MYR": 4.7,
    "THB": 36.0,
    "VND": 24500.0,
    "MXN": 17.0,
    "BRL": 5.0,
    "ARS": 900.0,
    "COP": 3900.0,
    "CLP": 930.0,
    "ZAR": 18.0,
    "NGN": 1500.0,
    "KES": 130.0,
    "EGP": 48.0,
    "ILS": 3.7,
    "TRY": 32.0,
    "AED": 3.67,
    "SAR": 3.75,
}

# "PHP" is left out: in a posting it is far more often the programming language.
CODES = (frozenset(UNITS_PER_USD) - {"PHP"}) | {"RMB"}
#: Codes written differently from their ISO code.
_ALIASES = {"RMB": "CNY"}

#: Letters written right before "$", and the currency they make.
DOLLAR_PREFIXES: dict[str, str] = {
    "": "USD",
    "US": "USD",
    "USD": "USD",
    "CA": "CAD",
    "C": "CAD",
    "CAD": "CAD",
    "A": "AUD",
    "AU": "AUD",
    "AUD": "AUD",
    "NZ": "NZD",
    "NZD": "NZD",
    "S": "SGD",
    "SG": "SGD",
    "SGD": "SGD",
    "HK": "HKD",
    "HKD": "HKD",
    "MX": "MXN",
    "NT": "TWD",
    "R": "BRL",
}

#: Single-character signs.
SYMBOLS: dict[str, str] = {
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "￥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₪": "ILS",
    "₱": "PHP",
    "₺": "TRY",
    "₫": "VND",
}

#: Words written before or after an amount, lower case.
WORDS: dict[str, str] = {
    "rs": "INR",
    "inr": "INR",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "zł": "PLN",
    "zl": "PLN",
    "kč": "CZK",
    "chf": "CHF",
    "fr": "CHF",
    "yen": "JPY",
    "rupees": "INR",
    "lakh": "INR",
}

#: Where prose gives no sign at all, dollars are read as the posting's dollars.
DEFAULT = "USD"


def from_code(code: str) -> str | None:
    """The ISO code for a currency code as written in capitals ("RMB" is CNY), else None."""
    if code not in CODES:
        return None
    return _ALIASES.get(code, code)


def units_per_usd(currency: str) -> float:
    """Roughly how many units make a dollar; unknown currencies are taken as dollar-sized."""
    return UNITS_PER_USD.get(currency, 1.0)


def dollar_currency(prefix: str) -> str | None:
    """The currency of ``PREFIX$`` ("US$", "CA$", "R$"), or None for letters that are not one."""
    return DOLLAR_PREFIXES.get(prefix)


#: Countries (as places name them) and their currency; "$" there means their dollar.
_PLACES: tuple[tuple[str, str], ...] = (
    ("canada", "CAD"),
    (", on", "CAD"),
    (", bc", "CAD"),
    (", qc", "CAD"),
    (", ab", "CAD"),
    (", mb", "CAD"),
    (", ns", "CAD"),
    (", sk", "CAD"),
    ("ontario", "CAD"),
    ("british columbia", "CAD"),
    ("quebec", "CAD"),
    ("québec", "CAD"),
    ("alberta", "CAD"),
    ("australia", "AUD"),
    (", nsw", "AUD"),
    (", vic", "AUD"),
    (", qld", "AUD"),
    ("new south wales", "AUD"),
    ("new zealand", "NZD"),
    ("singapore", "SGD"),
    ("hong kong", "HKD"),
    ("united kingdom", "GBP"),
    (", uk", "GBP"),
    ("england", "GBP"),
    ("scotland", "GBP"),
    ("wales", "GBP"),
    ("ireland", "EUR"),
    ("germany", "EUR"),
    ("france", "EUR"),
    ("spain", "EUR"),
    ("italy", "EUR"),
    ("netherlands", "EUR"),
    ("belgium", "EUR"),
    ("austria", "EUR"),
    ("portugal", "EUR"),
    ("finland", "EUR"),
    ("greece", "EUR"),
    ("switzerland", "CHF"),
    ("sweden", "SEK"),
    ("norway", "NOK"),
    ("denmark", "DKK"),
    ("poland", "PLN"),
    ("czech", "CZK"),
    ("india", "INR"),
    ("japan", "JPY"),
    ("south korea", "KRW"),
    ("brazil", "BRL"),
    ("south africa", "ZAR"),
    ("israel", "ILS"),
)
_DOLLARS = frozenset({"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"})


def currency_of_places(places: tuple[str, ...]) -> str | None:
    """The one currency of every place a listing names, or None (the US, several countries, unknown)."""
    found: set[str | None] = set()
    for place in places:
        lowered = " " + " ".join(place.lower().replace(",", ", ").split()) + " "
        match = next((code for name, code in _PLACES if f"{name} " in lowered), None)
        if match is None and " mexico " in lowered and "new mexico" not in lowered:
            match = "MXN"
        found.add(match)
    return found.pop() if len(found) == 1 else None


def dollar_of_places(places: tuple[str, ...]) -> str:
    """What a bare "$" means for a listing in these places: their dollar, else US dollars."""
    local = currency_of_places(places)
    return local if local in _DOLLARS else DEFAULT
