"""Prometheus metrics: commands handled, latency, poll results, outbox depth.

Each App owns its own registry (no process globals), so tests and the
benchmark can run several bots in one process without colliding.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.core import CounterMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.registry import Collector

from commands.registry import Command

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class CommandStats(Collector):
    """Commands handled and their latency, counted in plain Python and read at scrape time.

    prometheus_client's Counter and Histogram take a lock on every update, a
    few microseconds per command that a sign-up storm pays thousands of times.
    Commands and scrapes both run on the event loop, so plain counts are safe.
    """

    def __init__(self) -> None:
        self.handled: dict[tuple[str, str], int] = {}
        #: Per command: a count for each bucket (the last is +Inf), then the sum of seconds.
        self.latency: dict[str, list[float]] = {}

    def observe(self, name: str, outcome: str, seconds: float) -> None:
        key = (name, outcome)
        self.handled[key] = self.handled.get(key, 0) + 1
        row = self.latency.get(name)
        if row is None:
            row = self.latency[name] = [0.0] * (len(LATENCY_BUCKETS) + 2)
        row[bisect_left(LATENCY_BUCKETS, seconds)] += 1  # a bucket counts values <= its bound
        row[-1] += seconds

    def collect(self) -> Iterator[Metric]:
        handled = CounterMetricFamily("picketbot_commands", "Commands handled", labels=["command", "outcome"])
        for (name, outcome), count in sorted(self.handled.items()):
            handled.add_metric([name, outcome], count)
        yield handled
        latency = HistogramMetricFamily(
            "picketbot_command_seconds", "Time to handle a command", labels=["command"]
        )
        for name, row in sorted(self.latency.items()):
            bounds = [repr(b) for b in LATENCY_BUCKETS] + ["+Inf"]
            cumulative: list[tuple[str, float]] = []
            total = 0.0
            for bound, in_bucket in zip(bounds, row[:-1], strict=True):
                total += in_bucket
                cumulative.append((bound, total))
            latency.add_metric([name], cumulative, sum_value=row[-1])
        yield latency


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.commands = CommandStats()
        self.registry.register(self.commands)
        self.polls = Counter(
            "picketbot_poll_results_total", "Job-board polls by source and result", ["source", "result"],
            registry=self.registry,
        )  # fmt: skip
        self.outbox_depth = Gauge(
            "picketbot_outbox_depth", "Messages waiting for delivery", registry=self.registry
        )
        self.delivered = Counter(
            "picketbot_messages_delivered_total",
            "Outbox messages delivered",
            ["platform"],
            registry=self.registry,
        )
        self.possible_repeats = Counter(
            "picketbot_outbox_possible_repeats_total",
            "Outbox messages sent again after a process stopped while sending them (it may have sent them)",
            ["platform"],
            registry=self.registry,
        )

    def observe_command(self, command: Command | None, seconds: float, outcome: str) -> None:
        self.commands.observe(command.name if command else "unknown", outcome, seconds)

    def poll_result(self, source: str, result: str) -> None:
        self.polls.labels(source, result).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)
