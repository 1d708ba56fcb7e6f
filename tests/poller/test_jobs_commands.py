"""/jobs through the real dispatcher: permissions, bad input, and what members see."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.testing.clock import FakeClock
from bot.testing.fakes.jobboards import JobBoardServer
from bot.testing.people import CHANNEL, actor
from commands.context import Channel
from commands.jobs.boards import CHAT_BOARD_TYPES
from commands.roles import Role
from tests.poller.conftest import (
    ORGANIZER,
    MakePoller,
    greenhouse_job,
    greenhouse_source,
    lantern_jobs,
    make_due,
    serve_greenhouse,
    settings,
)

MEMBER = actor("Ana", Role.MEMBER)


async def run(app: App, line: str, who: object = ORGANIZER, channel: Channel = CHANNEL) -> str:
    reply = await app.dispatcher.handle_text(who, channel, line)  # type: ignore[arg-type]
    text = "\n".join(part for part in (reply.title, reply.text) if part)
    return ("error: " if reply.is_error else "") + text


async def count(app: App, table: str) -> int:
    return int(await app.db.fetchval(f"SELECT count(*) FROM {table}"))


async def with_lantern(app: App, board_server: JobBoardServer, make_poller: MakePoller) -> None:
    serve_greenhouse(board_server, "lantern", lantern_jobs())
    poller = make_poller(settings(greenhouse_source(board_server, "lantern", name="Lantern")), on=app)
    await poller.sync()
    await poller.run_cycle()


async def test_subscribing_is_for_organizers_and_checks_the_company(
    app: App, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    await with_lantern(app, board_server, make_poller)
    assert await run(app, "/jobs subscribe all", MEMBER) == "error: /jobs subscribe is for organizers and up."
    assert await run(app, "/jobs subscribe Paramount") == (
        "error: no job source for 'Paramount'. Companies: Lantern Pictures; or all."
    )
    assert await count(app, "job_subscriptions") == 0
    assert await run(app, "/jobs subscribe lantern pictures") == (
        "This channel will get new AI job listings from Lantern Pictures."
    )
    assert await run(app, "/jobs subscribe Lantern Pictures") == (
        "This channel already gets AI job alerts for Lantern Pictures."
    )
    assert (
        await run(app, "/jobs subscribe") == "This channel will get new AI job listings from every company."
    )
    row = await app.db.fetchone("SELECT action, subject FROM audit_log WHERE action = 'jobs.subscribe'")
    assert row is not None and tuple(row) == ("jobs.subscribe", "console")


async def test_unsubscribing(app: App, board_server: JobBoardServer, make_poller: MakePoller) -> None:
    await with_lantern(app, board_server, make_poller)
    assert await run(app, "/jobs unsubscribe") == "error: This channel has no job alert subscriptions."
    await run(app, "/jobs subscribe all")
    assert await run(app, "/jobs unsubscribe Lantern Pictures") == (
        "error: This channel gets every company's alerts; /jobs unsubscribe all stops them."
    )
    assert (
        await run(app, "/jobs unsubscribe all", MEMBER)
        == "error: /jobs unsubscribe is for organizers and up."
    )
    other = Channel("console", "elsewhere")
    await run(app, "/jobs subscribe all", channel=other)
    assert (
        await run(app, "/jobs unsubscribe all")
        == "This channel no longer gets AI job alerts for every company."
    )
    assert await count(app, "job_subscriptions") == 1  # the other channel's


async def test_latest_search_stats_and_sources(
    app: App, clock: FakeClock, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    assert await run(app, "/jobs latest", MEMBER) == "No open AI job listings yet."
    assert await run(app, "/jobs sources", MEMBER) == "No job sources. Add one with /jobs source add."
    await with_lantern(app, board_server, make_poller)

    latest = await run(app, "/jobs latest", MEMBER)
    assert latest.splitlines()[0] == "Latest AI job listings"
    assert "Lantern Pictures — Research Scientist, LLMs" in latest
    assert "$137,500–$194,000 a year" in latest and "Corporate Counsel" not in latest
    assert (await run(app, "/jobs latest Lantern Pictures", MEMBER)).startswith(
        "Latest AI job listings at Lantern Pictures"
    )

    found = await run(app, "/jobs search counsel", MEMBER)
    assert "Lantern Pictures — Corporate Counsel" in found and "[AI]" not in found
    assert "[AI] Lantern Pictures — Research Scientist, LLMs" in await run(app, "/jobs search llms", MEMBER)
    assert await run(app, "/jobs search 100%_", MEMBER) == "No job listings mention '100%_'."
    assert (await run(app, "/jobs search x", MEMBER)).startswith("error: search for at least two characters")

    stats = await run(app, "/jobs stats 7", MEMBER)
    assert stats.splitlines() == [
        "AI job listings open in the last 7 days",
        "• Lantern Pictures: 2 AI listings; highest advertised pay $166,500–$260,000 a year,"
        " varies by location (Machine Learning Engineer, Content Recommendations)",
    ]
    assert (await run(app, "/jobs stats 0", MEMBER)).startswith("error: days must be at least 1")

    sources = await run(app, "/jobs sources", MEMBER)
    assert "• Lantern: Lantern Pictures, greenhouse, every 30m (config)" in sources
    assert "last success Mon 26 Oct 08:00" in sources and "4 open listings, 2 of them AI" in sources
    organizers = await run(app, "/jobs sources", ORGANIZER)
    assert "• Lantern: Lantern Pictures, greenhouse at 127.0.0.1, every 30m (config)" in organizers


async def test_source_add_validates_and_the_next_cycle_polls_it(
    lenient_app: App, clock: FakeClock, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    # The fake board is on 127.0.0.1: only allow_private_addresses lets a chat source reach it.
    app = lenient_app
    base = board_server.base_url
    bad = {
        "/jobs source add X ftp lantern": "error: type must be one of:",
        "/jobs source add X file /etc/passwd": "error: type must be one of:",
        "/jobs source add X workday disney": "error: workday board must be TENANT/SITE, not 'disney'",
        "/jobs source add X workday disney/careers": "error: workday needs base_url",
        "/jobs source add X rss feeds/jobs.xml": "error: an rss board is a feed URL",
        "/jobs source add X greenhouse lantern interval=1m": "error: interval must be between 5m and 7d",
        "/jobs source add X greenhouse lantern interval=soon": "error: interval 'soon' is not a duration",
        "/jobs source add X greenhouse lantern base_url=file:///etc": "error: base_url must start with https://",
        "/jobs source add X greenhouse": "error: BOARD is missing",
    }
    for line, expected in bad.items():
        assert (await run(app, line)).startswith(expected), line
    assert await run(app, f"/jobs source add X greenhouse lantern base_url={base}", MEMBER) == (
        "error: /jobs source add is for organizers and up."
    )
    assert await count(app, "job_sources") == 0

    serve_greenhouse(board_server, "lantern", lantern_jobs())
    added = await run(
        app, f'/jobs source add Lantern greenhouse lantern company="Lantern Pictures" base_url={base}'
    )
    assert added.startswith(
        "Added job source Lantern (Lantern Pictures, greenhouse at 127.0.0.1), polled every 30m."
    )
    assert (await run(app, f"/jobs source add lantern greenhouse other base_url={base}")).startswith(
        "error: a source named 'lantern' already exists"
    )
    poller = make_poller(settings(allow_private_addresses=True), on=app)
    (outcome,) = (await poller.run_cycle()).outcomes
    assert (outcome.source, outcome.status, outcome.listings) == ("Lantern", "first", 4)

    assert await run(app, "/jobs source remove Lantern") == (
        "Stopped polling Lantern; its listings stay in search and stats."
    )
    assert await run(app, "/jobs source remove Lantern") == (
        "error: no job source named 'Lantern' is being polled (see /jobs sources)"
    )
    await make_due(app, clock, "Lantern")
    assert (await poller.run_cycle()).outcomes == ()
    assert "Lantern Pictures — Research Scientist, LLMs" in await run(app, "/jobs latest")

    # Added again: polled at once, and silently, so what appeared meanwhile is not posted.
    serve_greenhouse(board_server, "lantern", [*lantern_jobs(), greenhouse_job(9001, "ML Engineer")])
    await run(app, f"/jobs source add Lantern greenhouse lantern base_url={base} interval=2h")
    (again,) = (await poller.run_cycle()).outcomes
    assert (again.status, again.new_ai) == ("first", ())
    actions = [row["action"] for row in await app.db.fetchall("SELECT action FROM audit_log ORDER BY id")]
    assert actions == ["jobs.source.add", "jobs.source.remove", "jobs.source.add"]


async def test_config_sources_removed_in_chat_stay_off_across_restarts(
    lenient_app: App, clock: FakeClock, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    app = lenient_app
    await with_lantern(app, board_server, make_poller)
    reply = await run(app, "/jobs source remove Lantern")
    assert reply.endswith("It is listed in picketbot.toml and stays off until added again here.")
    restarted = make_poller(settings(greenhouse_source(board_server, "lantern", name="Lantern")), on=app)
    await restarted.sync()
    await make_due(app, clock, "Lantern")
    assert (await restarted.run_cycle()).outcomes == ()
    # Put back on in chat, then dropped from the file: off; put back into the file: on again.
    await run(app, f"/jobs source add Lantern greenhouse lantern base_url={board_server.base_url}")
    await make_poller(settings(), on=app).sync()
    assert not await app.db.fetchval("SELECT enabled FROM job_sources WHERE name = 'Lantern'")
    await make_poller(settings(greenhouse_source(board_server, "lantern", name="Lantern")), on=app).sync()
    assert await app.db.fetchval("SELECT enabled FROM job_sources WHERE name = 'Lantern'")


def test_chat_board_types_are_the_real_ones_without_file() -> None:
    from bot.jobs.boards import BOARD_TYPES

    assert sorted(CHAT_BOARD_TYPES) == sorted(set(BOARD_TYPES) - {"file"})


@pytest.mark.parametrize("line", ["/jobs source add", "/jobs stats many", "/jobs latest " + "x" * 200])
async def test_bad_input_is_one_line(app: App, line: str) -> None:
    text = await run(app, line)
    assert text.startswith("error: ") and "Traceback" not in text and len(text.splitlines()) <= 2


async def test_typed_text_echoed_back_is_quoted_plainly_and_never_pings(
    app: App, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    await with_lantern(app, board_server, make_poller)
    nothing = await run(app, "/jobs search @everyone", MEMBER)
    assert nothing == "No job listings mention '@\u200beveryone'."
    assert "\\u200b" not in nothing
    unknown = await run(app, "/jobs latest <@123> it's", MEMBER)
    assert unknown == "error: no job source for '<\u200b@123> it's'. Companies: Lantern Pictures; or all."


async def test_removing_an_unknown_source_echoes_its_name_without_pinging(app: App) -> None:
    reply = await run(app, "/jobs source remove @everyone")
    assert reply == "error: no job source named '@\u200beveryone' is being polled (see /jobs sources)"
