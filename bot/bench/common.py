"""What the benchmark scenarios share: sizes, percentiles, a fixed clock, scratch space."""

from __future__ import annotations

import math
import statistics
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sizes:
    """How big each scenario is. `QUICK` is a smoke run; `FULL` is what the targets are for."""

    members: int = 2_000
    shifts: int = 20
    places: int = 50
    #: Storm runs, each followed by a floor run; medians are reported. This VM's speed
    #: drifts from minute to minute, so more pairs make a steadier ratio.
    repeats: int = 7
    floor_commits: int = 20_000
    facts: int = 10_000
    questions: int = 2_000
    boards: int = 200
    listings: int = 1_000
    channels: int = 10
    #: Messages a channel may take per second on the rate-limited fake platform.
    channel_rate: int = 5
    startups: int = 3
    #: The Discord storm: members clicking one shift's button (half get a place), and storms
    #: per path (HTTP and gateway) whose median and range are reported.
    discord_members: int = 2_000
    discord_storms: int = 3


FULL = Sizes()
QUICK = Sizes(
    members=200,
    shifts=4,
    places=25,
    repeats=1,
    floor_commits=2_000,
    facts=400,
    questions=200,
    boards=12,
    listings=40,
    channels=3,
    channel_rate=4,
    startups=1,
    discord_members=200,
    discord_storms=1,
)


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `share` of values at or below it."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


@contextmanager
def scratch(prefix: str) -> Iterator[Path]:
    """A temporary directory for one scenario's database and files, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=f"picketbot-bench-{prefix}-") as name:
        yield Path(name)
