"""bot.backoff: the one backoff policy (outbox sends, failing boards, start-up retries)."""

from __future__ import annotations

import random
from datetime import timedelta

from bot.backoff import Backoff
from bot.delivery import SEND_BACKOFF
from bot.jobs.poll_source import FAILURE_BACKOFF
from bot.start_retry import StartRetry


def test_doubles_from_the_first_wait_and_stops_at_the_cap() -> None:
    policy = Backoff(first=2.0, cap=3600.0)
    assert [policy.seconds(n) for n in (1, 2, 3, 4)] == [2, 4, 8, 16]
    assert policy.seconds(50) == policy.seconds(10**6) == 3600
    assert policy.seconds(0) == 2  # no failure yet reads as the first
    assert policy.wait(3) == timedelta(seconds=8)


def test_jitter_takes_off_at_most_its_fraction() -> None:
    policy = Backoff(first=60.0, cap=600.0, jitter=0.5)
    rng = random.Random(7)
    waits = [policy.seconds(2, rng) for _ in range(200)]
    assert all(60.0 <= wait <= 120.0 for wait in waits)
    assert len(set(waits)) > 100  # spread out, not one value


def test_each_retry_waits_by_it() -> None:
    assert [SEND_BACKOFF.wait(n).total_seconds() for n in (1, 2, 3)] == [2, 4, 8]
    assert SEND_BACKOFF.wait(50).total_seconds() == 3600
    assert FAILURE_BACKOFF.seconds(60, random.Random(1)) <= 6 * 3600
    start = StartRetry(attempts=5, first_delay=2.0)
    assert [start.delay(n) for n in (1, 2, 3, 10)] == [2, 4, 8, 30]
