"""A poll cycle against the fake board: first poll silent, new AI listings alerted once."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

from bot.app import App
from bot.testing.clock import FakeClock
from bot.testing.fakes.jobboards import JobBoardServer
from bot.testing.harness import TestBot
from bot.testing.people import CHANNEL, actor
from commands.context import Channel
from commands.markup import plain
from tests.helpers import BOARD_FIXTURES
from tests.poller.conftest import (
    MakePoller,
    greenhouse_job,
    greenhouse_source,
    lantern_jobs,
    make_due,
    serve_greenhouse,
    settings,
    subscribe,
)


async def test_first_poll_is_silent_then_each_new_ai_listing_is_alerted_once(
    app: App, clock: FakeClock, bot: TestBot, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    serve_greenhouse(board_server, "lantern", lantern_jobs())
    chosen = settings(greenhouse_source(board_server, "lantern"))
    poller = make_poller(chosen)
    await poller.sync()
    await subscribe(app)

    first = await poller.run_cycle()
    assert [(o.source, o.status, o.listings, o.ai) for o in first.outcomes] == [("lantern", "first", 4, 2)]
    assert first.new_ai == [] and first.alerts_queued == 0
    (notice,) = await bot.deliver()
    assert (notice.target_kind, notice.target_id) == ("channel", "console")
    assert "Now watching lantern (greenhouse): 4 listings on the board, 2 of them AI." in notice.body

    jobs = [*lantern_jobs(), greenhouse_job(9001, "Generative AI Artist"), greenhouse_job(9002, "Grip")]
    serve_greenhouse(board_server, "lantern", jobs)
    await make_due(app, clock, "lantern")
    second = await poller.run_cycle()
    assert [listing.title for listing in second.new_ai] == ["Generative AI Artist"]
    (alert,) = await bot.deliver()
    assert alert.title == "New AI job listing" and alert.kind == "job_alert"
    assert plain(alert.body).splitlines() == [
        "Lantern Pictures — Generative AI Artist",
        "  Burbank, CA · $150,000–$200,000 a year",
        "  Top of range $200,000 = about 8 times $26,000, the yearly pay 87% of SAG-AFTRA members earn"
        " less than (Interesting Engineering, 2023-07; fact sag-aftra-members-under-26k)",
        "  https://job-boards.example/lantern/jobs/9001",
    ]

    # Not due again before its interval.
    clock.advance(minutes=5)
    assert (await poller.run_cycle()).outcomes == ()

    # A restart (a new poller on the same database) polling a changed board alerts nothing old.
    serve_greenhouse(board_server, "lantern", [*jobs, greenhouse_job(9003, "Set Painter")])
    restarted = make_poller(chosen)
    await restarted.sync()
    await make_due(app, clock, "lantern")
    third = await restarted.run_cycle()
    assert [(o.status, o.new_ai) for o in third.outcomes] == [("changed", ())]
    assert await bot.deliver() == []
    alerted = await app.db.fetchval("SELECT count(*) FROM job_listings WHERE alerted_at IS NOT NULL")
    assert alerted == 1


async def test_unchanged_board_is_not_parsed_and_validators_survive_a_restart(
    app: App, clock: FakeClock, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    path = serve_greenhouse(board_server, "lantern", lantern_jobs(), etag='"v1"')
    chosen = settings(greenhouse_source(board_server, "lantern"))
    poller = make_poller(chosen)
    await poller.sync()
    await poller.run_cycle()
    await poller.close()

    restarted = make_poller(chosen)
    await make_due(app, clock, "lantern")
    report = await restarted.run_cycle()
    assert [o.status for o in report.outcomes] == ["unchanged"]
    assert board_server.requests_to(path)[-1].headers.get("If-None-Match") == '"v1"'
    row = await app.db.fetchone(
        "SELECT last_success_at, next_poll_at FROM job_sources WHERE name = 'lantern'"
    )
    assert row is not None
    assert row["last_success_at"] == clock.now.isoformat(timespec="seconds")
    assert row["next_poll_at"] == (clock.now + timedelta(minutes=30)).isoformat(timespec="seconds")


async def test_pay_change_is_recorded_and_a_listing_gone_is_closed(
    app: App, clock: FakeClock, bot: TestBot, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    jobs = lantern_jobs()
    serve_greenhouse(board_server, "lantern", jobs)
    poller = make_poller(settings(greenhouse_source(board_server, "lantern")))
    await poller.sync()
    await subscribe(app)
    await poller.run_cycle()
    await bot.deliver()

    ml = next(job for job in jobs if job["title"].startswith("Machine Learning Engineer"))
    ml["pay_input_ranges"] = [{"min_cents": 19_000_000, "max_cents": 28_000_000, "currency_type": "USD"}]
    counsel = next(job for job in jobs if job["title"] == "Corporate Counsel")
    serve_greenhouse(board_server, "lantern", [job for job in jobs if job is not counsel])
    await make_due(app, clock, "lantern")
    (outcome,) = (await poller.run_cycle()).outcomes
    assert (outcome.pay_changed, outcome.closed, outcome.new_ai) == (1, 0, ())
    await make_due(app, clock, "lantern")
    (outcome,) = (await poller.run_cycle()).outcomes
    # The second complete poll without it closes it.
    assert (outcome.status, outcome.closed) == ("unchanged", 1)
    change = await app.db.fetchone(
        "SELECT c.old_min, c.old_max, c.new_min, c.new_max FROM job_pay_changes c"
        " JOIN job_listings j ON j.id = c.listing_id WHERE j.external_id = ?",
        (str(ml["id"]),),
    )
    assert change is not None
    assert tuple(change) == (166_500.0, 260_000.0, 190_000.0, 280_000.0)
    closed = await app.db.fetchval(
        "SELECT closed_at FROM job_listings WHERE external_id = ?", (str(counsel["id"]),)
    )
    assert closed == clock.now.isoformat(timespec="seconds")
    assert await bot.deliver() == []  # a pay change or a closing is not an alert
    latest = await app.dispatcher.handle_text(actor(), CHANNEL, "/jobs latest")
    assert (
        "Lantern Pictures — Machine Learning Engineer, Content Recommendations\n"
        "  Burbank, CA · $190,000–$280,000 a year\n"
        "  pay changed 26 Oct; was $166,500–$260,000 a year, varies by location\n"
    ) in latest.text

    # Back on the board: open again, still never alerted.
    serve_greenhouse(board_server, "lantern", jobs)
    await make_due(app, clock, "lantern")
    await poller.run_cycle()
    assert await app.db.fetchval(
        "SELECT closed_at IS NULL FROM job_listings WHERE external_id = ?", (str(counsel["id"]),)
    )
    assert await bot.deliver() == []


async def test_a_truncated_board_closes_nothing(
    app: App, clock: FakeClock, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    path = "/v1/companies/Endless/postings"

    def page(*names: str) -> dict[str, object]:
        content = [{"id": name.lower(), "name": name} for name in names]
        return {"offset": 0, "limit": 100, "totalFound": 10_000, "content": content}

    board_server.serve_json(path, page("Grip", "Gaffer"))
    source = greenhouse_source(board_server, "Endless")
    endless = replace(source, board_type="smartrecruiters", max_pages=1)
    poller = make_poller(settings(endless))
    await poller.sync()
    await poller.run_cycle()
    board_server.serve_json(path, page("Best Boy"))
    await make_due(app, clock, "Endless")
    (outcome,) = (await poller.run_cycle()).outcomes
    assert outcome.closed == 0
    assert await app.db.fetchval("SELECT count(*) FROM job_listings WHERE closed_at IS NULL") == 3


async def test_alerts_follow_each_channels_company(
    app: App, clock: FakeClock, bot: TestBot, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    lantern_channel = Channel("console", "lantern-watch")
    other_channel = Channel("console", "kestrel-watch")
    serve_greenhouse(board_server, "lantern", lantern_jobs())
    kestrel = greenhouse_source(board_server, "kestrel", name="Kestrel")
    kestrel = replace(kestrel, company="Kestrel Animation")
    serve_greenhouse(board_server, "kestrel", [])
    poller = make_poller(settings(greenhouse_source(board_server, "lantern"), kestrel))
    await poller.sync()
    await subscribe(app, "Lantern Pictures", lantern_channel)
    await subscribe(app, "kestrel animation", other_channel)
    await subscribe(app, "all")
    await poller.run_cycle()
    await bot.deliver()

    serve_greenhouse(board_server, "lantern", [*lantern_jobs(), greenhouse_job(9001, "ML Engineer")])
    await make_due(app, clock, "lantern")
    await poller.run_cycle()
    sent = await bot.deliver()
    assert sorted(message.target_id for message in sent) == ["console", "lantern-watch"]
    assert all("ML Engineer" in message.body for message in sent)


async def test_a_hanging_board_does_not_hold_up_another_host(
    app: App, clock: FakeClock, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    hanging = serve_greenhouse(board_server, "stuck", lantern_jobs())
    board_server.fail(hanging, "hang")
    async with JobBoardServer(BOARD_FIXTURES) as other_host:
        serve_greenhouse(other_host, "lantern", lantern_jobs())
        chosen = settings(greenhouse_source(board_server, "stuck"), greenhouse_source(other_host, "lantern"))
        poller = make_poller(replace(chosen, request_timeout=10.0, source_timeout=10.0))
        await poller.sync()
        cycle = asyncio.create_task(poller.run_cycle())
        # The other board's listings are stored while the stuck one is still waiting.
        while not await app.db.fetchval("SELECT last_success_at FROM job_sources WHERE name = 'lantern'"):
            assert not cycle.done()
            await asyncio.sleep(0.01)
        assert not cycle.done() and board_server.count(hanging) == 1
        await board_server.close()  # the stuck board finally answers (empty)
        outcomes = {outcome.source: outcome.status for outcome in (await cycle).outcomes}
    assert outcomes == {"stuck": "first", "lantern": "first"}
