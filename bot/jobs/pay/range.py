"""A pay band and the sizes we believe for each pay period, in any currency."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.jobs.listing import PayKind, PayPeriod
from bot.jobs.pay.currencies import units_per_usd

#: Believable pay per period, in US dollars (scaled for other currencies).
BOUNDS: dict[str, tuple[float, float]] = {
    "hour": (5.0, 1_000.0),
    "day": (40.0, 10_000.0),
    "week": (150.0, 50_000.0),
    "month": (500.0, 500_000.0),
    "year": (4_000.0, 5_000_000.0),
}
#: A yearly figure with no period written must be at least this (in dollars) to be read as yearly.
YEARLY_WITHOUT_PERIOD = 10_000.0
YEARLY_BOUNDS = (YEARLY_WITHOUT_PERIOD, BOUNDS["year"][1])
HOURLY_BOUNDS = BOUNDS["hour"]
# A range wider than this (max / min) is two unrelated figures, not a band.
MAX_SPREAD = 10.0


def in_bounds(value: float, currency: str, period: str) -> bool:
    low, high = BOUNDS[period]
    scale = units_per_usd(currency)
    return low * scale <= value <= high * scale


def yearly_sized(value: float, currency: str) -> bool:
    """Big enough to be a year's pay without the posting saying "a year"."""
    return in_bounds(value, currency, "year") and value >= YEARLY_WITHOUT_PERIOD * units_per_usd(currency)


def hourly_sized(value: float, currency: str) -> bool:
    return in_bounds(value, currency, "hour")


@dataclass(frozen=True)
class PayRange:
    """An advertised pay band.

    ``minimum == maximum`` for a single figure; ``minimum`` is None for "up
    to X" and ``maximum`` for "from X". ``varies`` says the band spans
    several ranges (zones, states, levels).
    """

    minimum: float | None
    maximum: float | None
    currency: str
    period: PayPeriod
    kind: PayKind = "base"
    varies: bool = False

    def is_plausible(self) -> bool:
        ends = [end for end in (self.minimum, self.maximum) if end is not None]
        if not ends or self.period not in BOUNDS:
            return False
        if not all(in_bounds(end, self.currency, self.period) for end in ends):
            return False
        if self.minimum is not None and self.maximum is not None:
            return self.minimum <= self.maximum <= self.minimum * MAX_SPREAD
        return True

    def spanning(self, others: list[PayRange]) -> PayRange:
        """This band widened to cover ``others`` (same currency and period), marked as varying."""
        lows = [band.minimum for band in (self, *others) if band.minimum is not None]
        highs = [band.maximum for band in (self, *others) if band.maximum is not None]
        return replace(self, minimum=min(lows), maximum=max(highs), varies=True)


def checked(pay: PayRange) -> PayRange | None:
    """``pay`` if its size is believable for its period, else None."""
    return pay if pay.is_plausible() else None


_TOTAL_WORDS = (
    "total compensation",
    "total comp",
    "total target compensation",
    "on-target compensation",
    "on target compensation",
    "target earnings",
    "total target cash",
    "target total cash",
    "total cash",
    "total rewards",
    "on-target earnings",
    "on target earnings",
    "on-target earning",
    "total pay",
    "total package",
    "including equity",
    "including bonus",
    "including commission",
    "including stock",
    "including super",
    "includes equity",
    "inclusive of base",
    "inclusive of super",
    "inclusive of bonus",
    "inclusive of equity",
    "including base",
    "includes base salary and",
    "includes bonus",
    "includes commission",
    "includes stock",
)


def kind_from_words(words: str) -> PayKind:
    """ "total" when the words describe total pay (bonus, commission, equity, OTE)."""
    lowered = " ".join(words.lower().split())
    if any(phrase in lowered for phrase in _TOTAL_WORDS):
        return "total"
    spaced = words
    for char in "()[],:;/.":
        spaced = spaced.replace(char, " ")
    if {"OTE", "TC"} & set(spaced.split()):
        return "total"
    return "base"
