"""Pay from the boards' structured fields: Greenhouse, Lever and Ashby."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.jobs.listing import PayPeriod
from bot.jobs.pay.range import HOURLY_BOUNDS, PayRange, checked, kind_from_words


def pay_from_greenhouse(ranges: object) -> PayRange | None:
    """Greenhouse ``pay_input_ranges`` (``?pay_transparency=true``).

    Each entry has ``min_cents``, ``max_cents``, ``currency_type`` and a
    free-text ``title``; several entries are zones of one job, so the answer
    spans all entries in the first entry's currency. Greenhouse gives no
    interval: a maximum up to 1,000 is hourly, anything else yearly.
    """
    if not isinstance(ranges, Sequence) or isinstance(ranges, str):
        return None
    entries = [entry for entry in ranges if isinstance(entry, Mapping)]
    bands = [band for band in map(_greenhouse_band, entries) if band is not None]
    if not bands:
        return None
    currency = bands[0][2]
    same = [band for band in bands if band[2] == currency]
    low = min(band[0] for band in same)
    high = max(band[1] for band in same)
    period: PayPeriod = "hour" if high <= HOURLY_BOUNDS[1] else "year"
    titles = " ".join(str(entry.get("title") or "") for entry in entries)
    return checked(PayRange(low, high, currency, period, kind_from_words(titles)))


def _greenhouse_band(entry: Mapping[str, object]) -> tuple[float, float, str] | None:
    low, high = _number(entry.get("min_cents")), _number(entry.get("max_cents"))
    currency = entry.get("currency_type")
    if low is None or high is None or not isinstance(currency, str) or not currency:
        return None
    return low / 100, high / 100, currency.upper()


_LEVER_INTERVALS: dict[str, PayPeriod] = {
    "per-year-salary": "year",
    "per-hour-wage": "hour",
}


def pay_from_lever(salary_range: object) -> PayRange | None:
    """Lever ``salaryRange``: ``{min, max, currency, interval}``.

    Monthly, weekly, daily and one-time intervals are left out: alerts quote
    yearly or hourly pay only.
    """
    if not isinstance(salary_range, Mapping):
        return None
    period = _LEVER_INTERVALS.get(str(salary_range.get("interval")))
    low, high = _number(salary_range.get("min")), _number(salary_range.get("max"))
    currency = salary_range.get("currency")
    if period is None or low is None or high is None or not isinstance(currency, str):
        return None
    return checked(PayRange(low, high, currency.upper(), period))


_ASHBY_INTERVALS: dict[str, PayPeriod] = {"1 YEAR": "year", "1 HOUR": "hour"}


def ashby_lists_salary(compensation: object) -> bool:
    """True when Ashby's ``compensation`` has a salary at all, believable or not."""
    if not isinstance(compensation, Mapping):
        return False
    components = _mappings(compensation.get("summaryComponents"))
    for tier in _mappings(compensation.get("compensationTiers")):
        components.extend(_mappings(tier.get("components")))
    return any(component.get("compensationType") == "Salary" for component in components)


def pay_from_ashby(compensation: object) -> PayRange | None:
    """Ashby ``compensation`` (``?includeCompensation=true``).

    Reads the ``Salary`` components (equity, bonus and commission are left
    out) from ``summaryComponents``, falling back to every tier's
    ``components``; several tiers give the span across them.
    """
    if not isinstance(compensation, Mapping):
        return None
    components = _mappings(compensation.get("summaryComponents"))
    if not components:
        for tier in _mappings(compensation.get("compensationTiers")):
            components.extend(_mappings(tier.get("components")))
    salaries = [band for band in map(_ashby_band, components) if band is not None]
    if not salaries:
        return None
    first = salaries[0]
    same = [band for band in salaries if band[2:] == first[2:]]
    low = min(band[0] for band in same)
    high = max(band[1] for band in same)
    return checked(PayRange(low, high, first[2], first[3]))


def _ashby_band(component: Mapping[str, object]) -> tuple[float, float, str, PayPeriod] | None:
    if component.get("compensationType") != "Salary":
        return None
    period = _ASHBY_INTERVALS.get(str(component.get("interval")))
    low, high = _number(component.get("minValue")), _number(component.get("maxValue"))
    currency = component.get("currencyCode")
    if period is None or low is None or high is None or not isinstance(currency, str):
        return None
    return low, high, currency.upper(), period


def _mappings(value: object) -> list[Mapping[str, object]]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, Mapping)]


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if number == number and abs(number) < 1e12 else None  # NaN check
