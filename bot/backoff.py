"""One backoff policy: a first wait, doubled after each failure, capped, optionally jittered.

Every retry in the bot waits by it: the outbox worker after a failed send
(2 s, 4 s … 1 h, `bot.delivery`), a job board that keeps failing (5 min …
6 h, jittered so sources that failed together do not retry together,
`bot.jobs.poll_source`), and start-up against a platform that is down
(2 s, 4 s … 30 s, `bot.start_retry`). A server's Retry-After is honoured by
each caller on top of it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Backoff:
    """Waits of ``first``, twice that, four times … never over ``cap``, less up to ``jitter`` of each."""

    #: Seconds before the first retry.
    first: float
    #: The longest wait, in seconds.
    cap: float
    #: Up to this fraction of each wait is taken off at random (0: none; 0.5: between half and all of it).
    jitter: float = 0.0

    def seconds(self, failures: int, rng: random.Random | None = None) -> float:
        """The wait after ``failures`` failures in a row (the first failure waits ``first``)."""
        # At most 1,000 doublings: 2.0 ** 1024 overflows, and any cap is reached long before.
        doublings = min(max(failures - 1, 0), 1000)
        wait = min(self.cap, self.first * 2.0**doublings)
        if self.jitter:
            wait *= (rng or random.Random()).uniform(1.0 - self.jitter, 1.0)
        return wait

    def wait(self, failures: int, rng: random.Random | None = None) -> timedelta:
        return timedelta(seconds=self.seconds(failures, rng))
