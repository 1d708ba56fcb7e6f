"""Expected turn-out for an upcoming shift, learned from past shifts at its site on its weekday.

Pure Python over loaded history (`storage.picket.turnout` loads it). A past
shift teaches one thing: of the members confirmed for it, how many people
came (checked in present, or recorded as walk-ins). The expected turn-out of
an upcoming shift is its confirmed count times that share over the past
shifts at the same site on the same local weekday, so a Tuesday site where
half of those signed up tend to come is flagged even when full on paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: The most recent past shifts a forecast learns from (older habits fade).
LOOKBACK = 12


@dataclass(frozen=True)
class PastShift:
    """One ended shift: how many were confirmed for it, and how many came."""

    confirmed: int
    came: int


@dataclass(frozen=True)
class Forecast:
    #: People expected to come (rounded down: a forecast should not flatter a shift).
    expected: int
    #: How many past shifts it learned from (0: none, so no forecast).
    learned_from: int
    #: Of those confirmed, the share that came (may exceed 1 with walk-ins).
    share: float


def forecast(confirmed: int, history: Sequence[PastShift]) -> Forecast | None:
    """The expected turn-out of a shift with `confirmed` sign-ups; None without usable history."""
    usable = [past for past in history[:LOOKBACK] if past.confirmed > 0]
    if not usable:
        return None
    share = sum(p.came for p in usable) / sum(p.confirmed for p in usable)
    return Forecast(expected=int(confirmed * share), learned_from=len(usable), share=share)
