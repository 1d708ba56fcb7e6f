"""A listing closes after two complete polls without it; failed and truncated polls don't count."""

from __future__ import annotations

from dataclasses import replace

from bot.app import App
from bot.jobs.poller import Poller
from bot.testing.clock import FakeClock
from bot.testing.fakes.jobboards import JobBoardServer
from bot.testing.fakes.jobboards.live import EightfoldBoard, GreenhouseBoard, Posting
from bot.testing.harness import TestBot
from storage.jobs.sources import SourceDraft
from tests.poller.conftest import MakePoller, make_due, settings, subscribe

ML = Posting("101", "Machine Learning Engineer, Dubbing", pay="$150,000 to $190,000 per year")
GRIP = Posting("102", "Key Grip")
ARTIST = Posting("103", "Generative AI Artist", pay="$120,000 to $150,000 per year")


def source(server: JobBoardServer, board_type: str = "greenhouse", **changes: object) -> SourceDraft:
    draft = SourceDraft(
        name="lantern", company="Lantern Pictures", board_type=board_type, board="lantern",
        base_url=server.base_url, interval_minutes=30,
    )  # fmt: skip
    return replace(draft, **changes)  # type: ignore[arg-type]


async def poll(poller: Poller, app: App, clock: FakeClock) -> tuple[int, list[str]]:
    """One poll of the source: (listings it closed, external ids of the listings closed now)."""
    await make_due(app, clock, "lantern")
    (outcome,) = (await poller.run_cycle()).outcomes
    assert outcome.status != "error", outcome.error
    return outcome.closed, [c.listing.external_id for c in outcome.closed_listings]


async def is_open(app: App, external_id: str) -> bool:
    closed = await app.db.fetchval(
        "SELECT closed_at IS NULL FROM job_listings WHERE external_id = ?", (external_id,)
    )
    return bool(closed)


async def test_gone_for_two_polls_closes_hides_it_and_edits_its_alert(
    app: App, clock: FakeClock, bot: TestBot, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    board = GreenhouseBoard(board_server, "lantern", "Lantern Pictures")
    board.add(ML, GRIP)
    poller = make_poller(settings(source(board_server)))
    await poller.sync()
    await subscribe(app)
    await poll(poller, app, clock)
    board.add(ARTIST)
    await poll(poller, app, clock)
    (alert,) = [m for m in await bot.deliver() if m.kind == "job_alert"]
    alert_id = await app.db.fetchval("SELECT id FROM outbox WHERE kind = 'job_alert'")

    board.remove(ARTIST.id)
    assert await poll(poller, app, clock) == (0, [])
    assert await is_open(app, ARTIST.id), "one poll without it is not enough"
    assert "Generative AI Artist" in await bot.say("/jobs latest")

    clock.advance(minutes=1)
    await make_due(app, clock, "lantern")
    (outcome,) = (await poller.run_cycle()).outcomes
    assert outcome.status == "unchanged", "the same board again counts as a complete poll"
    assert outcome.closed == 1
    (closed,) = outcome.closed_listings
    assert (closed.listing.external_id, closed.listing.title) == (ARTIST.id, ARTIST.title)
    assert closed.closed_at == clock.now == closed.listing.closed_at
    assert closed.alert_messages == (alert_id,) and "Generative AI Artist" in alert.body
    latest = await bot.say("/jobs latest")
    assert "Generative AI Artist" not in latest and "Machine Learning Engineer" in latest
    assert "[AI] [closed] Lantern Pictures — Generative AI Artist" in await bot.say("/jobs search artist")
    edits_before = len(bot.sender().edits)
    assert await bot.deliver() == [], "closing posts nothing new"
    ((where, edit),) = bot.sender().edits[edits_before:]
    landed = [m.id for m in bot.sender().sent].index(alert.id) + 1
    assert where.message_id == str(landed), "the alert already posted is the one edited"
    assert f"CLOSED on {clock.now:%Y-%m-%d}" in edit.body and "Generative AI Artist" in edit.body
    assert edit.title == alert.title and edit.footer == alert.footer


async def test_a_listing_never_alerted_closes_with_no_alert_to_edit(
    app: App, clock: FakeClock, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    board = GreenhouseBoard(board_server, "lantern", "Lantern Pictures")
    board.add(ML, GRIP)
    poller = make_poller(settings(source(board_server)))
    await poller.sync()
    await poll(poller, app, clock)
    board.remove(GRIP.id, ML.id)
    await poll(poller, app, clock)
    closed, ids = await poll(poller, app, clock)
    assert (closed, sorted(ids)) == (2, [ML.id, GRIP.id])
    assert await poll(poller, app, clock) == (0, []), "closed once, not again"


async def test_a_failed_poll_neither_counts_nor_resets(
    app: App, clock: FakeClock, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    board = GreenhouseBoard(board_server, "lantern", "Lantern Pictures")
    board.add(ML, GRIP)
    poller = make_poller(settings(source(board_server)))
    await poller.sync()
    await poll(poller, app, clock)
    board.remove(GRIP.id)
    await poll(poller, app, clock)
    board_server.fail(board.path, "status", status=503, times=1)
    await make_due(app, clock, "lantern")
    (failed,) = (await poller.run_cycle()).outcomes
    assert failed.status == "error" and await is_open(app, GRIP.id)
    assert await poll(poller, app, clock) == (1, [GRIP.id])


async def test_a_listing_back_on_the_board_is_open_again_and_counts_afresh(
    app: App, clock: FakeClock, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    board = GreenhouseBoard(board_server, "lantern", "Lantern Pictures")
    board.add(ML, GRIP)
    poller = make_poller(settings(source(board_server)))
    await poller.sync()
    await poll(poller, app, clock)
    board.remove(GRIP.id)
    await poll(poller, app, clock)
    board.add(GRIP)
    await poll(poller, app, clock)
    board.remove(GRIP.id)
    assert await poll(poller, app, clock) == (0, []), "one missing poll since it came back"
    assert await poll(poller, app, clock) == (1, [GRIP.id])
    board.add(GRIP)
    await poll(poller, app, clock)
    assert await is_open(app, GRIP.id), "a closed listing that comes back is open again"


async def test_a_truncated_poll_does_not_count(
    app: App, clock: FakeClock, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    board = EightfoldBoard(board_server, "lantern", "Lantern Pictures")
    board.add(*(Posting(str(900 + n), f"Grip {n}") for n in range(15)))  # two pages of ten
    poller = make_poller(settings(source(board_server, "eightfold", max_pages=2)))
    await poller.sync()
    await poll(poller, app, clock)
    board.remove("902")
    await poll(poller, app, clock)
    board.add(*(Posting(str(950 + n), f"Gaffer {n}") for n in range(10)))  # three pages: truncated
    assert await poll(poller, app, clock) == (0, [])
    assert await is_open(app, "902")
    board.remove(*(str(950 + n) for n in range(10)))
    assert await poll(poller, app, clock) == (1, ["902"])
    assert await is_open(app, "955"), "listings beyond a truncated poll were missed once at most"


async def test_a_304_from_a_complete_board_counts(
    app: App, clock: FakeClock, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    board = GreenhouseBoard(board_server, "lantern", "Lantern Pictures")
    board.add(ML, GRIP)
    poller = make_poller(settings(source(board_server)))
    await poller.sync()
    await poll(poller, app, clock)
    board.etag = '"v2"'
    board.remove(GRIP.id)
    await poll(poller, app, clock)
    assert await poll(poller, app, clock) == (1, [GRIP.id])
    last = board_server.requests_to(board.path)[-1]
    assert last.headers.get("If-None-Match") == '"v2"', "answered 304"
