"""Scenario 2: /fact latency over a large fact pack.

Facts are imported through the same `import_pack` as ``picketbot facts
import``; questions then go one at a time through the dispatcher, as a member
typing ``/fact ...`` would, and each answer's latency is recorded.
"""

from __future__ import annotations

import time

from bot.app import open_app, settle_after_start_up
from bot.bench import postgres as pg
from bot.bench.common import Sizes, percentile, scratch
from bot.bench.factgen import fact_pack, questions
from bot.bench.report import ScenarioResult
from bot.config.loading import load_config
from bot.testing.clock import FakeClock
from commands.context import Actor, Channel
from storage.facts import store as fact_store

CHANNEL = Channel("console", "facts", "facts")
MEMBER = Actor("console", "bench-member", "Bench Member")
#: Target from issue 7.
P99_TARGET_MS = 5.0
WARM_UP = 50


async def run(sizes: Sizes) -> ScenarioResult:
    with scratch("facts") as work:
        return await _run(sizes, str(work / "facts.db"), ScenarioResult("fact_latency", "/fact latency"))


async def run_postgres(sizes: Sizes, address: str) -> ScenarioResult:
    """The same questions on PostgreSQL (its full-text search), in a scratch schema."""
    async with pg.scratch_schema(address) as where:
        return await _run(sizes, where, ScenarioResult("fact_latency", "/fact latency (PostgreSQL)"))


async def _run(sizes: Sizes, database: str, result: ScenarioResult) -> ScenarioResult:
    pack = fact_pack(sizes.facts)
    asked = questions(sizes.questions)
    app = await open_app(load_config(db_path=database, env={}), clock=FakeClock())
    try:
        started = time.perf_counter()
        summary = await fact_store.import_pack(app.db, pack)
        imported = time.perf_counter() - started
        settle_after_start_up()  # as `picketbot run` does once it has loaded a database like this
        for question in asked[:WARM_UP]:
            await app.dispatcher.handle_text(MEMBER, CHANNEL, f"/fact {question}")
        latencies: list[float] = []
        answered = 0
        for question in asked:
            started = time.perf_counter()
            reply = await app.dispatcher.handle_text(MEMBER, CHANNEL, f"/fact {question}")
            latencies.append(time.perf_counter() - started)
            answered += reply.footer is not None and reply.footer.startswith("fact ")
    finally:
        await app.close()
    result.add("p50 latency", percentile(latencies, 0.50) * 1000, "ms")
    result.add("p99 latency", percentile(latencies, 0.99) * 1000, "ms", P99_TARGET_MS)
    result.add("import", imported, "s")
    result.checks[f"all {sizes.facts:,} facts imported"] = summary.added == sizes.facts
    result.notes.append(
        f"{sizes.facts:,} generated facts (+ the built-in pack), {len(asked):,} questions one at a time, "
        f"{answered:,} answered with a fact"
    )
    return result
