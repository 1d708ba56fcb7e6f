"""Failing boards: the error is recorded, the source backs off, the others carry on."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest

from bot.app import App
from bot.jobs.poll_source import failure_wait
from bot.testing.clock import FakeClock
from bot.testing.fakes.jobboards import FailureMode, JobBoardServer
from bot.testing.harness import TestBot
from tests.poller.conftest import (
    MakePoller,
    greenhouse_source,
    lantern_jobs,
    make_due,
    serve_greenhouse,
    settings,
    subscribe,
)

# (mode, options, the whole reason the operator reads, the short kind chat is shown)
FAILURES: list[tuple[FailureMode, dict[str, Any], str, str]] = [
    ("status", {"status": 500}, "HTTP 500", "HTTP 500"),
    ("hang", {}, "timed out after 1 s", "timeout"),
    ("malformed", {}, "malformed JSON", "not a job board"),
    (
        "retry_after",
        {"status": 429, "retry_after": "7200"},
        "HTTP 429: asked to retry in 7200 s",
        "HTTP 429, asked to wait",
    ),
    ("huge", {}, "response larger than", "response too large"),
]


async def source_row(app: App, name: str) -> Any:
    return await app.db.fetchone("SELECT * FROM job_sources WHERE name = ?", (name,))


@pytest.mark.parametrize(("mode", "options", "message", "kind"), FAILURES, ids=[f[0] for f in FAILURES])
async def test_a_failing_source_backs_off_and_the_others_are_polled(
    app: App,
    clock: FakeClock,
    board_server: JobBoardServer,
    make_poller: MakePoller,
    mode: FailureMode,
    options: dict[str, Any],
    message: str,
    kind: str,
) -> None:
    broken = serve_greenhouse(board_server, "broken", lantern_jobs())
    board_server.fail(broken, mode, **options)
    serve_greenhouse(board_server, "lantern", lantern_jobs())
    poller = make_poller(
        settings(greenhouse_source(board_server, "broken"), greenhouse_source(board_server, "lantern"))
    )
    await poller.sync()
    started = clock.now

    report = await poller.run_cycle()

    outcomes = {outcome.source: outcome for outcome in report.outcomes}
    assert outcomes["lantern"].status == "first" and outcomes["lantern"].listings == 4
    assert outcomes["broken"].status == "error" and message in (outcomes["broken"].error or "")
    assert outcomes["broken"].error_kind == kind
    row = await source_row(app, "broken")
    # What chat is shown is the short kind, never the board's URL.
    assert row["last_error"] == kind and row["consecutive_failures"] == 1
    assert row["last_error_at"] == started.isoformat(timespec="seconds") and row["last_success_at"] is None
    wait = datetime.fromisoformat(row["next_poll_at"]) - started
    if mode == "retry_after":
        assert wait >= timedelta(seconds=7200)  # the board's Retry-After is honoured
    else:
        assert timedelta(minutes=2, seconds=30) <= wait <= timedelta(minutes=5)
    assert await app.db.fetchval("SELECT count(*) FROM job_listings WHERE source_id = ?", (row["id"],)) == 0
    metrics = app.metrics.render().decode()
    assert 'picketbot_poll_results_total{result="error",source="broken"} 1.0' in metrics
    assert 'picketbot_poll_results_total{result="first",source="lantern"} 1.0' in metrics
    # Not polled again until its backoff is over.
    clock.advance(minutes=2)
    assert [outcome.source for outcome in (await poller.run_cycle()).outcomes] == []


def test_backoff_grows_exponentially_with_jitter_and_is_capped() -> None:
    rng = random.Random(1)
    for failures, full in ((1, 5), (2, 10), (3, 20), (4, 40), (8, 360), (60, 360)):
        for _ in range(20):
            wait = failure_wait(failures, rng)
            assert timedelta(minutes=full / 2) <= wait <= timedelta(minutes=full)
    assert failure_wait(1, rng, retry_after=3600) >= timedelta(hours=1)


async def test_a_source_that_keeps_failing_is_reported_once_until_it_recovers(
    app: App, clock: FakeClock, bot: TestBot, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    path = serve_greenhouse(board_server, "lantern", lantern_jobs())
    board_server.fail(path, "status", status=503, retry_after=None)
    poller = make_poller(settings(greenhouse_source(board_server, "lantern")))
    await poller.sync()
    await subscribe(app)

    for _ in range(5):
        await make_due(app, clock, "lantern")
        (outcome,) = (await poller.run_cycle()).outcomes
        assert outcome.status == "error"
    (notice,) = await bot.deliver()
    # Members read the notice: the short kind, not the board's address.
    assert notice.body == "Job source lantern keeps failing (3 times in a row): HTTP 503"
    assert (await source_row(app, "lantern"))["consecutive_failures"] == 5

    board_server.clear_failures()
    await make_due(app, clock, "lantern")
    (outcome,) = (await poller.run_cycle()).outcomes
    assert outcome.status == "first"
    bodies = [message.body for message in await bot.deliver()]
    assert bodies[0] == "Job source lantern works again."
    assert bodies[1].startswith("Now watching lantern")
    row = await source_row(app, "lantern")
    assert (row["consecutive_failures"], row["failure_reported"], row["failing_since"]) == (0, 0, None)

    # A new run of failures is a new episode: reported once more.
    board_server.fail(path, "status", status=500)
    for _ in range(4):
        await make_due(app, clock, "lantern")
        await poller.run_cycle()
    (again,) = await bot.deliver()
    assert again.body == "Job source lantern keeps failing (3 times in a row): HTTP 500"


async def test_a_detail_retry_after_delays_the_next_poll(
    app: App, clock: FakeClock, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    path = "/v1/companies/RedCurtainStudios/postings"
    board_server.serve_file(path, "smartrecruiters_redcurtain_page1.json", when={"offset": 0})
    board_server.serve_file(path, "smartrecruiters_redcurtain_page2.json", when={"offset": 2})
    board_server.fail(f"{path}/744000301122334", "retry_after", status=429, retry_after="5400")
    source = greenhouse_source(board_server, "RedCurtainStudios")
    poller = make_poller(settings(replace(source, board_type="smartrecruiters")))
    await poller.sync()
    (outcome,) = (await poller.run_cycle()).outcomes
    assert outcome.status == "first" and outcome.listings == 3
    row = await source_row(app, "RedCurtainStudios")
    assert datetime.fromisoformat(row["next_poll_at"]) - clock.now == timedelta(seconds=5400)
