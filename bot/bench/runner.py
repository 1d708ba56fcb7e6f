"""Run the benchmark scenarios in turn; one that fails is reported, not fatal."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from functools import partial

from bot.bench import discord_storm, fact_latency, fanout, multi_instance, poll_cycle, signup_storm, startup
from bot.bench.common import Sizes
from bot.bench.report import ScenarioResult

Scenario = Callable[[Sizes], Awaitable[ScenarioResult]]

#: name: (title, scenario), in the order they run.
SCENARIOS: dict[str, tuple[str, Scenario]] = {
    "signup_storm": ("sign-up storm", signup_storm.run),
    "fact_latency": ("/fact latency", fact_latency.run),
    "poll_cycle": ("poll cycle", poll_cycle.run),
    "fanout": ("alert fan-out", fanout.run),
    "startup": ("start-up (console)", startup.run),
    "discord_storm": ("Discord storm (HTTP and gateway)", discord_storm.run),
}


#: What `--db postgresql://…` runs there: the scenarios whose figures are the database's.
ON_POSTGRES: dict[str, Callable[..., Awaitable[ScenarioResult]]] = {
    "signup_storm": signup_storm.run_postgres,
    "fact_latency": fact_latency.run_postgres,
}

#: Scenarios that only mean something on PostgreSQL: run with `--db postgresql://…`.
ONLY_ON_POSTGRES: dict[str, tuple[str, Callable[..., Awaitable[ScenarioResult]]]] = {
    "multi_instance": ("several instances on one PostgreSQL", multi_instance.run_postgres),
}


async def run_all(
    sizes: Sizes,
    *,
    only: Sequence[str] = (),
    progress: Callable[[str], None] = lambda _: None,
    database: str | None = None,
) -> list[ScenarioResult]:
    results = []
    for name, (title, default) in SCENARIOS.items():
        if only and name not in only:
            continue
        if database is not None and name not in ON_POSTGRES:
            continue
        scenario: Scenario = default if database is None else partial(ON_POSTGRES[name], address=database)
        progress(f"{title}…")
        try:
            results.append(await scenario(sizes))
        except Exception as error:  # report it with the others instead of losing the whole run
            results.append(ScenarioResult(name, title, error=f"{type(error).__name__}: {error}"))
    for name, (title, on_postgres) in ONLY_ON_POSTGRES.items():
        if name not in only:
            continue
        if database is None:
            results.append(
                ScenarioResult(name, title, error="it runs on PostgreSQL: give --db postgresql://…")
            )
            continue
        progress(f"{title}…")
        try:
            results.append(await on_postgres(sizes, address=database))
        except Exception as error:
            results.append(ScenarioResult(name, title, error=f"{type(error).__name__}: {error}"))
    return results
