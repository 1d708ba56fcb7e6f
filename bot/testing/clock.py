"""Clocks tests and the benchmark can move by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class FakeClock:
    """A settable clock; the bot reads `now` from it through Services and `Database.clock`.

    Without a start it begins at the current second, for the benchmark, whose
    clock only has to stand still during a run and move on between rounds.
    """

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment

    def advance(self, **kwargs: float) -> None:
        """Move on by ``timedelta(**kwargs)``: ``clock.advance(minutes=30)``."""
        self.now += timedelta(**kwargs)


class FakeMonotonic:
    """A settable monotonic clock in seconds, for code that measures intervals, not dates."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
