"""Picket-time tests run late on Sunday 1 Nov 2026 in Los Angeles, the end of a DST week."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.testing.clock import FakeClock

#: Sunday 1 Nov 2026, 20:00 PST: the week Mon 26 Oct – Sun 1 Nov is over.
SUNDAY_EVENING = datetime(2026, 11, 2, 4, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(SUNDAY_EVENING)
