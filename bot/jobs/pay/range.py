"""A pay band and the sizes we believe for yearly and hourly pay."""

from __future__ import annotations

from dataclasses import dataclass

from bot.jobs.listing import PayKind, PayPeriod

YEARLY_BOUNDS = (10_000.0, 5_000_000.0)
HOURLY_BOUNDS = (7.0, 1_000.0)
# A range wider than this (max / min) is two unrelated figures, not a band.
MAX_SPREAD = 10.0


@dataclass(frozen=True)
class PayRange:
    """An advertised pay band. ``minimum == maximum`` for a single figure."""

    minimum: float
    maximum: float
    currency: str
    period: PayPeriod
    kind: PayKind = "base"

    def is_plausible(self) -> bool:
        low, high = YEARLY_BOUNDS if self.period == "year" else HOURLY_BOUNDS
        if not low <= self.minimum <= self.maximum <= high:
            return False
        return self.maximum <= self.minimum * MAX_SPREAD


def checked(pay: PayRange) -> PayRange | None:
    """``pay`` if its size is believable for its period, else None."""
    return pay if pay.is_plausible() else None


_TOTAL_WORDS = (
    "total compensation",
    "total comp",
    "total target cash",
    "target total cash",
    "total cash",
    "on-target earnings",
    "on target earnings",
    "total pay",
)


def kind_from_words(words: str) -> PayKind:
    """ "total" when the words describe total pay (bonus, commission, OTE)."""
    lowered = words.lower()
    if any(phrase in lowered for phrase in _TOTAL_WORDS):
        return "total"
    if "OTE" in words.replace("(", " ").replace(")", " ").split():
        return "total"
    return "base"
