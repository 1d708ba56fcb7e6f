"""Pay from the boards' structured fields: Greenhouse, Lever and Ashby."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.jobs.listing import PayKind, PayPeriod
from bot.jobs.pay.periods import period_in_label
from bot.jobs.pay.range import HOURLY_BOUNDS, PayRange, checked, kind_from_words

_Band = tuple[float | None, float | None, str, PayPeriod]


def pay_from_greenhouse(ranges: object) -> PayRange | None:
    """Greenhouse ``pay_input_ranges`` (``?pay_transparency=true``).

    Each entry has ``min_cents``, ``max_cents``, ``currency_type`` and a
    free-text ``title``; several entries are zones of one job, so the answer
    spans the entries in the first entry's currency, marked as varying.
    Greenhouse gives no interval: the title's words say it ("Hourly"), else
    a maximum up to 1,000 is hourly and anything else yearly. Entries titled
    as total pay (OTE) are used only when no entry is base pay.
    """
    if not isinstance(ranges, Sequence) or isinstance(ranges, str):
        return None
    entries = [entry for entry in ranges if isinstance(entry, Mapping)]
    pairs: list[tuple[_Band, PayKind]] = []
    for entry in entries:
        band = _greenhouse_band(entry)
        if band is not None:
            pairs.append((band, kind_from_words(str(entry.get("title") or ""))))
    if not pairs:
        return None
    chosen = [pair for pair in pairs if pair[1] == "base"] or pairs
    return _spanning([band for band, _ in chosen], chosen[0][1], others=[band for band, _ in pairs])


def _greenhouse_band(entry: Mapping[str, object]) -> _Band | None:
    low, high = _number(entry.get("min_cents")), _number(entry.get("max_cents"))
    currency = entry.get("currency_type")
    if low is None or high is None or not isinstance(currency, str) or not currency:
        return None
    period = period_in_label(str(entry.get("title") or ""))
    if period is None:
        period = "hour" if high / 100 <= HOURLY_BOUNDS[1] else "year"
    return low / 100, high / 100, currency.upper(), period


def _spanning(bands: list[_Band], kind: PayKind, others: list[_Band] | None = None) -> PayRange | None:
    """The first band's currency and period, spanned over every band that shares them."""
    first = bands[0]
    same = list(dict.fromkeys(band for band in bands if band[2:] == first[2:]))
    lows = [band[0] for band in same if band[0] is not None]
    highs = [band[1] for band in same if band[1] is not None]
    elsewhere = any(band[2] != first[2] and band[3] == first[3] for band in others or bands)
    pay = PayRange(
        min(lows) if len(lows) == len(same) else None,
        max(highs) if len(highs) == len(same) else None,
        first[2],
        first[3],
        kind,
        varies=len(same) > 1 or elsewhere,
    )
    return checked(pay)


_LEVER_INTERVALS: dict[str, PayPeriod] = {
    "per-year-salary": "year",
    "per-month-salary": "month",
    "per-week-salary": "week",
    "per-day-wage": "day",
    "per-hour-wage": "hour",
}


def pay_from_lever(salary_range: object) -> PayRange | None:
    """Lever ``salaryRange``: ``{min, max, currency, interval}``.

    Twice-monthly, fortnightly and one-time intervals are left out: they are
    not a period alerts can say.
    """
    if not isinstance(salary_range, Mapping):
        return None
    period = _LEVER_INTERVALS.get(str(salary_range.get("interval")))
    ends = _ends(salary_range.get("min"), salary_range.get("max"))
    currency = salary_range.get("currency")
    if period is None or ends is None or not isinstance(currency, str) or not currency:
        return None
    return checked(PayRange(*ends, currency.upper(), period))


_ASHBY_INTERVALS: dict[str, PayPeriod] = {
    "1 YEAR": "year",
    "1 MONTH": "month",
    "1 WEEK": "week",
    "1 DAY": "day",
    "1 HOUR": "hour",
}


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
    out) of every tier, so several tiers (zones, levels) give the span across
    them, marked as varying; ``summaryComponents`` when there are no tiers.
    A component without ``maxValue`` is "from X", without ``minValue`` "up to X".
    """
    if not isinstance(compensation, Mapping):
        return None
    tiers = [_mappings(tier.get("components")) for tier in _mappings(compensation.get("compensationTiers"))]
    bands = [band for components in tiers for band in map(_ashby_band, components) if band is not None]
    if not bands:
        summary = _mappings(compensation.get("summaryComponents"))
        bands = [band for band in map(_ashby_band, summary) if band is not None]
    if not bands:
        return None
    return _spanning(bands, "base")


def _ashby_band(component: Mapping[str, object]) -> _Band | None:
    if component.get("compensationType") != "Salary":
        return None
    period = _ASHBY_INTERVALS.get(str(component.get("interval")))
    ends = _ends(component.get("minValue"), component.get("maxValue"))
    currency = component.get("currencyCode")
    if period is None or ends is None or not isinstance(currency, str) or not currency:
        return None
    return ends[0], ends[1], currency.upper(), period


def _ends(low: object, high: object) -> tuple[float | None, float | None] | None:
    """Both ends, or one ("up to X", "from X"); None when neither is a number or one is not a number."""
    low_number, high_number = _number(low), _number(high)
    if (low is not None and low_number is None) or (high is not None and high_number is None):
        return None
    if low_number is None and high_number is None:
        return None
    return low_number, high_number


def _mappings(value: object) -> list[Mapping[str, object]]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, Mapping)]


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if number == number and abs(number) < 1e12 else None  # NaN check
