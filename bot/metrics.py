"""Prometheus metrics: commands handled, latency, poll results, outbox depth.

Each App owns its own registry (no process globals), so tests and the
benchmark can run several bots in one process without colliding.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from commands.registry import Command

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self._command_children: dict[tuple[str, str], tuple[Counter, Histogram]] = {}
        self.commands = Counter(
            "picketbot_commands_total", "Commands handled", ["command", "outcome"], registry=self.registry
        )
        self.latency = Histogram(
            "picketbot_command_seconds",
            "Time to handle a command",
            ["command"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
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

    def observe_command(self, command: Command | None, seconds: float, outcome: str) -> None:
        name = command.name if command else "unknown"
        key = (name, outcome)
        # labels() validates and hashes on every call; a sign-up storm calls this thousands of times.
        children = self._command_children.get(key)
        if children is None:
            children = self._command_children[key] = (
                self.commands.labels(name, outcome),
                self.latency.labels(name),
            )
        children[0].inc()
        children[1].observe(seconds)

    def poll_result(self, source: str, result: str) -> None:
        self.polls.labels(source, result).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)
