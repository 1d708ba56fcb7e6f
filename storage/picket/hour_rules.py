"""The rule for picket hours, over loaded rows: time is credited as it is worked.

A present or walk-in check-in earns nothing before its shift starts; while
the shift runs, the time from the check-in (or the start, for one made
early) up to now; once the shift has ended, the shift's whole scheduled
length; for one who checked out early, from the check-in (or the start) to
when they left. A shift counts towards the number of shifts once it has ended.
Pure Python; `storage.picket.hours` loads the rows.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

HUNDREDTH = Decimal("0.01")


def hours_between(start: datetime, end: datetime) -> Decimal:
    """Real elapsed hours, right across a clock change, to the hundredth (never below zero)."""
    seconds = max(0, int((end - start).total_seconds()))
    return (Decimal(seconds) / 3600).quantize(HUNDREDTH)


def credited_hours(
    starts_at: datetime,
    ends_at: datetime,
    checked_in_at: datetime,
    now: datetime,
    left_at: datetime | None = None,
) -> Decimal:
    """The hours a counted check-in has earned by `now`; one who left early (`left_at`, before
    the end) earns from their check-in (or the start) to when they left."""
    if now <= starts_at:
        return Decimal("0.00")
    if left_at is not None and left_at < ends_at:
        return hours_between(max(starts_at, checked_in_at), min(now, left_at))
    if now >= ends_at:
        return hours_between(starts_at, ends_at)
    return hours_between(max(starts_at, checked_in_at), now)


def finished(ends_at: datetime, now: datetime) -> bool:
    """Whether a shift counts as one worked: it has ended."""
    return now >= ends_at
